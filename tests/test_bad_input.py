"""Bad input never breaks the mock: for every route, malformed or hostile requests get an OpenAI-shaped
4xx, and whatever the mock does answer is a body the SDK parses (checked strictly against the SDK's
model). Never an exception out of the mock, never a 5xx.

Requests are generated (hypothesis) per route: bodies with wrong types, missing required fields,
huge and unicode values; path ids that are percent-encoded, unicode or empty; list queries out of
range. Most go through a plain ``httpx.Client`` (the mock answers it like any client on httpcore),
which is cheaper than the SDK and lets a test send bytes the SDK never would; one test sends
generated bodies through the SDK itself, on every client variant.

The example budget (``max_examples``) keeps the whole file within a few seconds of CI; set
``HYPOTHESIS_PROFILE=thorough`` to run a hundred times more, with fresh random examples.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import typing
from functools import cache
from typing import Any
from urllib.parse import quote, unquote

import httpx
import openai
import pydantic
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from openai_responses import OpenAIMock
from openai_responses._routes import ROUTES, Endpoint, resolve_ref
from openai_responses._routes.matching import BETA_QUERY, split_template
from openai_responses._validation import ParamsSpec, kind_of, params_spec

from .conftest import HAS_HTTPX2, attribute, make_client
from .test_every_endpoint import reference_client, resource_for, seed_path

settings.register_profile(
    "ci",
    # the same examples on every run: a CI failure reproduces locally
    derandomize=True,
    database=None,
    deadline=None,  # two shared cores: timing is not the property under test
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
settings.register_profile(
    "thorough",
    parent=settings.get_profile("ci"),
    derandomize=False,
    max_examples=1000,
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

#: examples per route and property; the ``thorough`` profile raises every budget
BUDGET = 1 if settings().max_examples < 1000 else 100

API = "https://api.openai.com/v1"
JSON = {"content-type": "application/json"}


def in_sdk(row: Endpoint) -> bool:
    """Whether the installed SDK has the row's method (``beta.agents`` is not in openai 2)."""
    return attribute(reference_client(), row.sdk_path) is not None


def rows(selected: list[Endpoint]) -> list[Any]:
    skip = pytest.mark.skip(reason=f"not in openai {openai.__version__}")
    return [pytest.param(row, id=row_id(row), marks=() if in_sdk(row) else skip) for row in selected]


def row_id(row: Endpoint) -> str:
    return f"{row.sdk_path}:{row.method} {row.path}"


POST_ROWS = [row for row in ROUTES if row.method == "POST"]
ROWS_WITH_IDS = [row for row in ROUTES if split_template(row.path)[1]]
LIST_ROWS = [row for row in ROUTES if row.kind == "list"]


def url_of(row: Endpoint, ids: dict[str, str], query: str = "") -> str:
    path = row.path.removesuffix(BETA_QUERY)
    for name in split_template(row.path)[1]:
        path = path.replace("{" + name + "}", ids[name])
    parts = [p for p in ("beta=true" if row.path.endswith(BETA_QUERY) else "", query) if p]
    return API + path + ("?" + "&".join(parts) if parts else "")


@pytest.fixture(scope="module")
def http() -> typing.Iterator[httpx.Client]:
    with httpx.Client() as client:
        yield client


# -- what every answer must be --------------------------------------------------------------------


def assert_api_error(response: httpx.Response, status: int | None = None) -> dict[str, Any]:
    """A 4xx in OpenAI's error shape; returns the error object."""
    assert 400 <= response.status_code < 500, (response.status_code, response.content[:300])
    if status is not None:
        assert response.status_code == status, response.content[:300]
    assert response.headers["content-type"] == "application/json"
    error = response.json()["error"]
    assert set(error) == {"message", "type", "param", "code"}, error
    assert isinstance(error["message"], str) and error["message"]
    assert isinstance(error["type"], str)
    assert error["param"] is None or isinstance(error["param"], str)
    assert error["code"] is None or isinstance(error["code"], str)
    return typing.cast(dict[str, Any], error)


@cache
def adapter(row: Endpoint) -> pydantic.TypeAdapter[Any] | None:
    if row.response is None:
        return None
    refs = (row.response, *row.response_alternatives)
    return pydantic.TypeAdapter(typing.Union[tuple(resolve_ref(ref) for ref in refs)])  # noqa: UP007


def assert_parseable(row: Endpoint, response: httpx.Response) -> None:
    """A 4xx in the API's shape, or a success the SDK's own model accepts (strictly)."""
    assert response.status_code < 500, (response.status_code, response.content[:300])
    if response.status_code >= 400:
        assert_api_error(response)
        return
    content_type = response.headers.get("content-type", "")
    if content_type.startswith("text/event-stream"):
        for line in response.text.splitlines():
            if line.startswith("data: ") and line != "data: [DONE]":
                assert isinstance(json.loads(line[6:]), dict)
        return
    if not content_type.startswith("application/json"):
        assert row.binary or row.response is None, content_type
        return
    body = response.json()
    check = adapter(row)
    if check is None or row.binary:
        return
    items = body["data"] if row.page is not None else [body]
    for item in items:
        check.validate_python(item)


# -- generated values -----------------------------------------------------------------------------

#: strings a careless or hostile caller sends: unicode of every plane, control characters, huge
TEXT = st.one_of(
    st.text(max_size=20),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=200),
    st.sampled_from(["", "\x00", "\u202e\u0645\u0631\u062d\u0628\u0627", "e\u0301", "\U0001f600" * 50]),
    st.integers(10_000, 200_000).map(lambda n: "x" * n),
)
SCALAR = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(-(10**300), 10**300),
    st.floats(allow_nan=False, allow_infinity=False),
    TEXT,
)
VALUE = st.recursive(
    SCALAR,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
    max_leaves=12,
)

KIND_VALUES: dict[str, st.SearchStrategy[Any]] = {
    "string": TEXT,
    "integer": st.integers(-(10**30), 10**30),
    "number": st.floats(allow_nan=False, allow_infinity=False),
    "boolean": st.booleans(),
    "array": st.lists(VALUE, max_size=3),
    "object": st.dictionaries(TEXT, VALUE, max_size=3),
}


def value_of_kind(kinds: frozenset[str]) -> st.SearchStrategy[Any]:
    usable = sorted(kinds & set(KIND_VALUES))
    return st.one_of(*(KIND_VALUES[kind] for kind in usable)) if usable else VALUE


def wrong_value(kinds: frozenset[str]) -> st.SearchStrategy[Any] | None:
    # a JSON integer is a number too; null is always accepted
    wrong = sorted(set(KIND_VALUES) - kinds - ({"integer"} if "number" in kinds else set()))
    return st.one_of(*(KIND_VALUES[kind] for kind in wrong)) if wrong else None


def spec_of(row: Endpoint) -> ParamsSpec | None:
    return params_spec(row.params) if row.params and row.method == "POST" else None


def first_problem(spec: ParamsSpec, body: dict[str, Any]) -> tuple[str, str] | None:
    """(code, param) of the 400 the API gives for this body, as documented for validation."""
    for key in spec.required:
        if key not in body:
            return "missing_required_parameter", key
    for key, value in body.items():
        allowed = spec.kinds.get(key)
        if allowed is None or value is None:
            continue
        if kind_of(value) not in allowed:
            return "invalid_type", key
        contents = spec.contents.get(key)
        if contents is not None and isinstance(value, dict | list):
            items = value.items() if isinstance(value, dict) else enumerate(value)
            for name, item in items:
                if kind_of(item) not in contents:
                    return "invalid_type", f"{key}.{name}" if isinstance(value, dict) else f"{key}[{name}]"
    return None


# -- malformed bodies ------------------------------------------------------------------------------

#: bodies that are JSON but not an object
NOT_OBJECTS = {"an array": b"[1, 2, 3]", "a scalar": b"42", "a string": b'"model"', "null": b"null"}
#: bodies the API cannot read as JSON, each sent as ``application/json``
MALFORMED = {
    "truncated": b'{"model": ',
    "NaN": b'{"model": "m", "temperature": NaN}',
    "Infinity": b'{"model": "m", "temperature": -Infinity}',
    "a number out of range": b'{"model": "m", "temperature": 1e400}',
    "an integer too long": b'{"model": "m", "n": ' + b"9" * 5000 + b"}",
    "a lone surrogate": b'{"model": "\\ud800"}',
    "nested too deeply": b'{"model": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
    "not UTF-8": b'{"model": "\xff\xfe"}',
    "trailing garbage": b'{"model": "m"} x',
}


@pytest.mark.parametrize("row", rows(POST_ROWS))
def test_malformed_bodies_are_a_400(row: Endpoint, http: httpx.Client) -> None:
    with OpenAIMock() as openai_mock:
        ids = seed_path(openai_mock, row)
        for name, content in MALFORMED.items():
            response = http.post(url_of(row, ids), content=content, headers=JSON)
            error = assert_api_error(response, 400)
            assert error["message"].startswith("We could not parse the JSON body of your request."), name
        for name, content in NOT_OBJECTS.items():
            response = http.post(url_of(row, ids), content=content, headers=JSON)
            assert assert_api_error(response, 400)["message"] == "The request body must be a JSON object.", (
                name
            )
        # neither JSON nor multipart: only the SDP route takes a raw body; a route without a body
        # (``batches.cancel``) does not read it
        response = http.post(url_of(row, ids), content=b"model=m&x=1", headers={"content-type": "text/plain"})
        if "raw" in row.request_body or row.params is None:
            assert_parseable(row, response)
        else:
            assert_api_error(response, 400)
        response = http.post(
            url_of(row, ids), content=b"--x\r\ngarbage", headers={"content-type": "multipart/form-data"}
        )
        assert_api_error(response, 400)
        route = openai_mock.router.calls
        assert route.call_count == len(MALFORMED) + len(NOT_OBJECTS) + 2


#: multipart bodies a hand-made client may send (boundary ``b``)
HOSTILE_MULTIPART = {
    "file name not UTF-8": b'--b\r\nContent-Disposition: form-data; name="file"; filename="\xff\xfe.jsonl"\r\n'
    b"\r\n{}\r\n--b--\r\n",
    "encoded surrogate file name": b'--b\r\nContent-Disposition: form-data; name="file"; '
    b"filename*=utf-8''%ED%A0%80.jsonl\r\n\r\n{}\r\n--b--\r\n",
    "field without a name": b"--b\r\nContent-Disposition: form-data\r\n\r\nx\r\n--b--\r\n",
    "field not UTF-8": b'--b\r\nContent-Disposition: form-data; name="purpose"\r\n\r\n\xff\r\n--b--\r\n',
    "no closing boundary": b'--b\r\nContent-Disposition: form-data; name="purpose"\r\n\r\nbatch',
    "empty": b"",
}
MULTIPART_ROWS = [row for row in POST_ROWS if "multipart" in row.request_body]


@pytest.mark.parametrize("row", rows(MULTIPART_ROWS))
def test_hostile_multipart_bodies(row: Endpoint, http: httpx.Client) -> None:
    with OpenAIMock() as openai_mock:
        ids = seed_path(openai_mock, row)
        for name, content in HOSTILE_MULTIPART.items():
            response = http.post(
                url_of(row, ids), content=content, headers={"content-type": "multipart/form-data; boundary=b"}
            )
            assert response.status_code < 500, name
            assert_parseable(row, response)


def test_a_lone_surrogate_in_a_partial_is_answered_as_json(openai_mock: OpenAIMock) -> None:
    """A user's value the JSON encoder cannot write as UTF-8 is escaped, not an exception."""
    openai_mock.chat.completions.create.response = {"choices": [{"message": {"content": "a\ud800b"}}]}
    client = openai.OpenAI(api_key="sk-test", max_retries=0)
    completion = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "Hi"}])
    assert completion.choices[0].message.content == "a\ud800b"


def test_request_values_the_answer_cannot_hold_are_not_copied(openai_mock: OpenAIMock) -> None:
    """Found by generated bodies: a request's value lands in the answer only where the answer's
    model admits it (the request's own validation is looser than the response model)."""
    client = openai.OpenAI(api_key="sk-test", max_retries=0)
    assistant = client.beta.assistants.create(model="gpt-4o", extra_body={"metadata": {"k": "v"}})
    assert assistant.metadata == {"k": "v"}
    completion = client.chat.completions.create(
        model="gpt-4o", messages=[{"role": "user", "content": "Hi"}], extra_body={"service_tier": None}
    )
    assert completion.service_tier is None


def test_nested_shapes_the_api_refuses_are_a_400(openai_mock: OpenAIMock) -> None:
    """Found by generated bodies: handlers build answers from nested request values, so a nested
    object without its required keys, or a value outside the listed ones, is the API's 400."""
    client = openai.OpenAI(api_key="sk-test", max_retries=0)
    with pytest.raises(openai.BadRequestError) as missing:
        client.beta.assistants.create(model="gpt-4o", response_format={})  # type: ignore[typeddict-item]
    assert missing.value.body["message"] == "Missing required parameter: 'response_format.type'."  # type: ignore[index]
    assert missing.value.param == "response_format.type"
    with pytest.raises(openai.BadRequestError) as wrong:
        client.vector_stores.create(expires_after={"anchor": "yesterday", "days": 1})  # type: ignore[typeddict-item]
    assert wrong.value.body["message"] == (  # type: ignore[index]
        "Invalid value: 'yesterday'. Supported values are: 'last_active_at'."
    )
    assert wrong.value.code == "invalid_value"
    thread = client.beta.threads.create()
    with pytest.raises(openai.BadRequestError, match="Supported values are: 'user', 'assistant'"):
        client.beta.threads.messages.create(thread.id, role="robot", content="Hi")  # type: ignore[arg-type]
    assert len(openai_mock.state.vector_stores) == 0  # nothing half-made is kept


# -- generated bodies -----------------------------------------------------------------------------


def bodies(spec: ParamsSpec | None) -> st.SearchStrategy[dict[str, Any]]:
    """Bodies near the valid ones: required fields present or not, known fields of any type."""
    if spec is None:
        return st.dictionaries(TEXT, VALUE, max_size=4)
    keys = sorted(spec.kinds)

    @st.composite
    def build(draw: st.DrawFn) -> dict[str, Any]:
        body: dict[str, Any] = {}
        for key in spec.required:
            if draw(st.integers(0, 9)):  # usually present, with a value of an accepted kind
                body[key] = draw(value_of_kind(spec.kinds[key]))
        for key in draw(st.lists(st.sampled_from(keys), max_size=4, unique=True)) if keys else []:
            wrong = wrong_value(spec.kinds[key])
            if wrong is not None and draw(st.booleans()):
                body[key] = draw(wrong)
            else:
                body[key] = draw(value_of_kind(spec.kinds[key]))
        body.update(draw(st.dictionaries(TEXT, VALUE, max_size=2)))  # fields the API does not know
        return body

    return build()


@pytest.mark.parametrize("row", rows(POST_ROWS))
def test_generated_bodies(row: Endpoint, http: httpx.Client) -> None:
    spec = spec_of(row)

    @settings(max_examples=8 * BUDGET)
    @given(body=bodies(spec))
    def check(body: dict[str, Any]) -> None:
        with OpenAIMock() as openai_mock:
            ids = seed_path(openai_mock, row)
            response = http.post(url_of(row, ids), json=body)
        problem = first_problem(spec, body) if spec is not None else None
        if problem is not None and "raw" not in row.request_body:
            error = assert_api_error(response, 400)
            assert (error["code"], error["param"]) == problem
        else:
            assert_parseable(row, response)

    check()


# -- bad path ids ---------------------------------------------------------------------------------

#: path ids as they appear in a URL: percent-encoded text of any kind, or raw escapes
PATH_IDS = st.one_of(
    st.text(min_size=1, max_size=40).map(lambda text: quote(text, safe="")),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=40).map(lambda t: quote(t, safe="")),
    st.sampled_from(["%2F", "a%2Fb", "%00", "%25", "%252F", "%E2%82%AC", "%ZZ", "%", "%ED%A0%80", "%FF"]),
    st.sampled_from([quote("\u00fc\u00e9", safe=""), quote("\U0001f600", safe=""), "x" * 5000, "", "a%20b"]),
)


@pytest.mark.parametrize("row", rows(ROWS_WITH_IDS))
def test_bad_path_ids(row: Endpoint, http: httpx.Client) -> None:
    names = split_template(row.path)[1]
    collections = _collections(row)

    @settings(max_examples=4 * BUDGET)
    @given(name=st.sampled_from(names), raw_id=PATH_IDS)
    def check(name: str, raw_id: str) -> None:
        with OpenAIMock() as openai_mock:
            ids = {key: quote(value, safe="") for key, value in seed_path(openai_mock, row).items()}
            ids[name] = raw_id
            body = {"json": {}} if row.method == "POST" else {}
            response = http.request(row.method, url_of(row, ids), **body)
        if raw_id in ("", ".", ".."):
            # the URL names another route (``/vector_stores/`` is the list; dot segments are resolved)
            assert response.status_code < 500
            if response.status_code >= 400:
                assert_api_error(response)
            return
        assert_parseable(row, response)
        # a route keeping state checks every id of its path; a route that keeps none (its parent
        # may: ``responses.input_items.list``) answers any id alike
        stateful = row.resource is not None and resource_for(row, collections[name], name) is not None
        if stateful and row.method != "POST":
            # the id names no stored object: the API's 404, naming the id as it was decoded
            error = assert_api_error(response, 404)
            assert unquote(raw_id) in error["message"] or error["message"].startswith("Invalid URL")

    check()


def _collections(row: Endpoint) -> dict[str, str]:
    """Each path parameter's collection (the path before it), as ``resource_for`` takes it."""
    raw = row.path.removesuffix(BETA_QUERY).strip("/").split("/")
    return {
        segment[1:-1]: "/" + "/".join(raw[:position])
        for position, segment in enumerate(raw)
        if segment.startswith("{")
    }


# -- list queries ---------------------------------------------------------------------------------

QUERY_VALUES = st.one_of(
    st.integers(-(10**6), 10**6).map(str),
    st.integers(10**20, 10**60).map(str),
    st.sampled_from(["abc", "1.5", "1e3", "", "-0", "\u0661\u0662", "\u00b2", "NaN"]),
    st.text(max_size=10),
)


@pytest.mark.parametrize("row", rows(LIST_ROWS))
def test_list_queries(row: Endpoint, http: httpx.Client) -> None:
    @settings(max_examples=4 * BUDGET)
    @example(query={"limit": "\u0661\u0662"})  # digits int() reads, and the API does not
    @given(
        query=st.dictionaries(
            st.sampled_from(["limit", "order", "after", "before"]), QUERY_VALUES, min_size=1
        )
    )
    def check(query: dict[str, str]) -> None:
        with OpenAIMock() as openai_mock:
            ids = {key: quote(value, safe="") for key, value in seed_path(openai_mock, row).items()}
            encoded = "&".join(f"{key}={quote(value, safe='')}" for key, value in query.items())
            response = http.get(url_of(row, ids, encoded))
        assert_parseable(row, response)
        limit = query.get("limit")
        pages = row.resource is not None and "limit" in row.query_params
        if pages and limit is not None and not re.fullmatch(r"-?[0-9]+", limit.strip()):
            assert_api_error(response, 400)

    check()


# -- through the SDK ------------------------------------------------------------------------------

CLIENT_VARIANTS = [
    v for v in ("sync-httpx2", "async-httpx2", "sync-httpx", "async-httpx") if HAS_HTTPX2 or "httpx2" not in v
]


@pytest.mark.parametrize("variant", CLIENT_VARIANTS)
def test_generated_bodies_through_the_sdk(variant: str) -> None:
    """The SDK itself gets either its model or an ``APIStatusError`` with the API's error body."""
    client = make_client(variant, max_retries=0)
    is_async = variant.startswith("async")

    @settings(max_examples=40 * BUDGET)
    @given(row=st.sampled_from([row for row in POST_ROWS if in_sdk(row)]), data=st.data())
    def check(row: Endpoint, data: st.DataObject) -> None:
        body = data.draw(bodies(spec_of(row)))
        with OpenAIMock() as openai_mock:
            ids = seed_path(openai_mock, row)
            path = url_of(row, ids).removeprefix(API)
            cast_to: Any = (
                resolve_ref(row.response) if row.response and not row.page and not row.binary else object
            )
            try:
                result = client.post(path, body=body, cast_to=cast_to)
                if is_async:
                    result = asyncio.run(result)
            except openai.APIStatusError as error:
                assert 400 <= error.status_code < 500, error
                assert isinstance(error.body, dict) and isinstance(error.body.get("message"), str)
                return
            assert result is not None or row.response is None

    check()
