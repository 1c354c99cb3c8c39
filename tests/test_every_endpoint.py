"""Every endpoint method of the installed SDK, called through the real SDK, answers its own model.

One case per SDK method that sends a request (each row of the route table, and each alias that
reaches the same route), on three clients: the default sync client (httpx2 on openai 3, httpx on
openai 2), a sync client on a legacy ``httpx.Client`` and the default async client. Arguments are
generated from the method's signature (``dummy_value``); path ids name objects stored in the mock
first (``seed_path``), so stateful retrieves, updates and actions find them. A method whose
generated values the mock (or the SDK) does not accept gets them from ``OVERRIDES``, with the reason.

The result must be an instance of the route's response model (any member of a declared union),
every item of a page or stream an instance of the item model, binary answers bytes; and what the
SDK built must validate strictly against that model, so a default the SDK would reject is caught
even though the SDK itself builds responses leniently.

Methods of route table rows that the installed SDK lacks (``beta.agents`` on openai 2) are skipped,
saying "not in openai X"; that is the only skip.
"""

from __future__ import annotations

import asyncio
import inspect
import types
import typing
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

import httpx
import openai
import pydantic
import pytest
import typing_extensions
from openai._base_client import BasePage
from openai._types import FileTypes

from openai_responses import OpenAIMock
from openai_responses._defaults import default_for
from openai_responses._lifecycle import SPECS
from openai_responses._route_object import RouteObject
from openai_responses._routes import ROUTES, Endpoint, resolve_ref
from openai_responses._routes.matching import BETA_QUERY
from openai_responses._routes.resources import Resource, parent_resources, resources

from .conftest import attribute

VERSION = openai.__version__
CLIENTS = ("sync-default", "sync-httpx", "async-default")

# Calling deprecated methods (the Assistants API, ``files.retrieve_content`` ...) is the point here;
# the mark outranks ``-W error`` on the command line, and only DeprecationWarning is let through.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

#: a file upload the API accepts for every purpose that takes JSON lines
FILE: tuple[str, bytes] = ("a.jsonl", b"{}\n")

#: keyword arguments replacing the generated ones, by SDK method: ``{name: ({arg: value}, why)}``.
#: Add an entry (with the reason) only for a value the API really rejects, never to hide a bug of
#: the mock.
OVERRIDES: dict[str, tuple[dict[str, Any], str]] = {
    "beta.threads.runs.submit_tool_outputs": (
        {"tool_outputs": [{"tool_call_id": "call_1", "output": "x"}]},
        "the API wants one output for each tool call the run asks for (the seeded run asks for call_1)",
    ),
    "uploads.complete": (
        {"part_ids": []},
        "complete joins parts added to the Upload (a made-up part id is a 400); none is added here, "
        "and the seeded Upload is for 0 bytes",
    ),
}

#: path parameters naming objects the route table knows no resource for, because the API has no
#: route to retrieve them (an Upload): the store the handlers keep them in, their model, and values
#: the model's default lacks (``Upload.purpose`` is typed ``str`` but holds a file purpose)
UNLISTED_STORES: dict[str, tuple[str, str, dict[str, Any]]] = {
    "upload_id": ("uploads", "openai.types.upload:Upload", {"purpose": "assistants"}),
}


# -- the cases ------------------------------------------------------------------------------------


@cache
def reference_client() -> openai.OpenAI:
    """A sync client used only to look methods up (its methods' signatures and type hints)."""
    return openai.OpenAI(api_key="sk-test")


@dataclass(frozen=True)
class Case:
    #: the SDK method called (a row's ``sdk_path`` or one of its aliases)
    name: str
    endpoint: Endpoint

    @property
    def is_alias(self) -> bool:
        return self.name != self.endpoint.sdk_path


def cases() -> list[Case]:
    found: dict[str, Case] = {}
    for endpoint in ROUTES:
        for name in (endpoint.sdk_path, *endpoint.aliases):
            # a legacy row repeats the sdk_path of the route the installed SDK sends: one method
            found.setdefault(name, Case(name, endpoint))
    return list(found.values())


CASES = cases()


# -- dummy arguments ------------------------------------------------------------------------------

_UNIONS: tuple[Any, ...] = (typing.Union, types.UnionType)
_REQUIRED: tuple[Any, ...] = (typing_extensions.Required, typing.Required)
_NOT_REQUIRED: tuple[Any, ...] = (typing_extensions.NotRequired, typing.NotRequired)
# ``type X = ...`` (3.12+) and the typing_extensions backport are distinct classes before 3.14
_ALIASES: tuple[type, ...] = tuple(
    {typing_extensions.TypeAliasType, getattr(typing, "TypeAliasType", typing_extensions.TypeAliasType)}
)
_WRAPPERS: tuple[Any, ...] = (typing.Annotated, typing_extensions.Annotated, *_REQUIRED, *_NOT_REQUIRED)


def _strip(annotation: Any) -> Any:
    while True:
        origin = typing.get_origin(annotation)
        if origin in _WRAPPERS or origin is typing_extensions.ReadOnly:
            annotation = typing.get_args(annotation)[0]
        elif isinstance(annotation, _ALIASES):
            annotation = annotation.__value__
        else:
            return annotation


def required_keys(typed_dict: Any) -> list[tuple[str, Any]]:
    """The required keys of a TypedDict and their annotations.

    The SDK's params are ``total=False`` with ``Required[...]`` in string annotations, which
    ``__required_keys__`` misses: read ``Required`` from the resolved hints.
    """
    hints = typing_extensions.get_type_hints(typed_dict, include_extras=True)
    total = getattr(typed_dict, "__total__", True)
    return [
        (key, annotation)
        for key, annotation in hints.items()
        if typing.get_origin(annotation) in _REQUIRED
        or (total and typing.get_origin(annotation) not in _NOT_REQUIRED)
    ]


def dummy_value(annotation: Any, depth: int = 0) -> Any:
    """A minimal value of the annotation's type, the way a careful caller would write one."""
    if depth > 12:
        raise RecursionError(f"no finite dummy value for {annotation!r}")
    if annotation == FileTypes:
        return FILE
    annotation = _strip(annotation)
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin in _UNIONS:
        members = [member for member in args if member is not type(None)]
        if set(typing.get_args(FileTypes)) <= set(members):  # ``FileTypes | list[FileTypes]``
            return FILE
        return dummy_value(members[0], depth + 1)
    if origin in (typing.Literal, typing_extensions.Literal):
        return args[0]
    if typing_extensions.is_typeddict(annotation):
        return {key: dummy_value(value, depth + 1) for key, value in required_keys(annotation)}
    if origin is not None and isinstance(origin, type):
        if issubclass(origin, Mapping):
            return {}
        if issubclass(origin, tuple):
            return tuple(dummy_value(arg, depth + 1) for arg in args if arg is not Ellipsis)
        if issubclass(origin, Iterable) and not issubclass(origin, str | bytes):
            return [dummy_value(args[0], depth + 1)] if args else []
    if annotation is bool:
        return False
    if annotation is int:
        return 1
    if annotation is float:
        return 1.0
    if annotation is bytes:
        return b"x"
    return "x"


def signature_of(method: Any) -> tuple[list[inspect.Parameter], dict[str, Any]]:
    """The parameters of the method's first overload (or of the method) and their annotations.

    Overloaded methods (``stream: Literal[True]``, automation ``type`` variants) take the union of
    all variants' parameters, each with a default: only an overload says which ones belong together.
    """
    function = inspect.unwrap(method.__func__)
    overloads = typing_extensions.get_overloads(function)
    target = overloads[0] if overloads else function
    parameters = list(inspect.signature(target).parameters.values())[1:]  # without self
    return parameters, typing.get_type_hints(target)


def arguments(case: Case, ids: Mapping[str, str]) -> tuple[list[Any], dict[str, Any]]:
    """Positional and keyword arguments: path ids, then every other required parameter."""
    parameters, hints = signature_of(attribute(reference_client(), case.name))
    positional: list[Any] = []
    keywords: dict[str, Any] = {}
    override = OVERRIDES.get(case.name, ({}, ""))[0]
    for parameter in parameters:
        if parameter.kind in (parameter.VAR_POSITIONAL, parameter.VAR_KEYWORD):
            continue
        name = parameter.name
        if name in ids:
            value: Any = ids[name]
        elif name in override:
            value = override[name]
        elif parameter.default is inspect.Parameter.empty:
            value = dummy_value(hints[name])
        else:
            continue
        if parameter.kind is parameter.POSITIONAL_ONLY:
            positional.append(value)
        else:
            keywords[name] = value
    for name, value in override.items():
        keywords.setdefault(name, value)
    return positional, keywords


# -- seeding the state ----------------------------------------------------------------------------


@cache
def resource_for(endpoint: Endpoint, collection: str, id_param: str) -> Resource | None:
    """The stateful resource a path parameter names: the route's own resource or one of its parents
    first (``beta.responses`` shares its collection path with ``responses``), else any whose
    collection it follows (``project_id`` of ``/organization/projects/{project_id}/data_retention``),
    a ``beta.`` one first for a ``beta.`` method (``beta.responses.input_items.list``).
    """
    own = endpoint.resource
    names = [own, *(name for _, name in parent_resources(own))] if own else []
    candidates = [resources()[name] for name in names if name in resources()]
    beta = endpoint.sdk_path.startswith("beta.")
    candidates += sorted(resources().values(), key=lambda r: r.name.startswith("beta.") != beta)
    for resource in candidates:
        if resource.collection == collection and resource.id_param == id_param and resource.model:
            return resource
    return None


@cache
def validator(ref: str) -> pydantic.TypeAdapter[Any]:
    return pydantic.TypeAdapter(resolve_ref(ref))


def stored_object(resource: Resource, object_id: str) -> Any:
    """The resource's default object with a fixed id, validated strictly as its SDK model.

    Long-running objects start in the status ``create`` gives them, as a new object would: a
    finished one could not be cancelled. Responses are background ones: only those can be.
    """
    assert resource.model is not None
    data = default_for(resolve_ref(resource.model))
    data["id"] = object_id
    spec = SPECS.get(resource.name)
    if spec is not None and "status" in data:
        data["status"] = spec.initial
    if resource.name in ("responses", "beta.responses"):
        data["background"] = True
    return validator(resource.model).validate_python(data)


def seed_path(openai_mock: OpenAIMock, endpoint: Endpoint) -> dict[str, str]:
    """An id for every path parameter; those naming a stateful resource get a stored object."""
    raw = endpoint.path.removesuffix(BETA_QUERY).strip("/").split("/")
    ids: dict[str, str] = {}
    for position, segment in enumerate(raw):
        if not segment.startswith("{"):
            continue
        param = segment[1:-1]
        object_id = ids[param] = f"{param}_1"
        resource = resource_for(endpoint, "/" + "/".join(raw[:position]), param)
        if resource is not None:
            parents = tuple(ids[key] for key in resource.parent_keys)
            openai_mock.state.store(resource.name).put(stored_object(resource, object_id), *parents)
        elif param in UNLISTED_STORES:
            store, model, values = UNLISTED_STORES[param]
            data = {**default_for(resolve_ref(model)), **values, "id": object_id}
            openai_mock.state.store(store).put(validator(model).validate_python(data))
    return ids


def seed_body(openai_mock: OpenAIMock, case: Case, keywords: Mapping[str, Any]) -> None:
    """What the API looks up besides the path's objects: the assistant a run names, the files a
    vector store attaches, a run waiting for the tool outputs submitted to it."""
    state = openai_mock.state
    if isinstance(keywords.get("assistant_id"), str):
        state.beta.assistants.put(stored_object(resources()["beta.assistants"], keywords["assistant_id"]))
    file_ids = [keywords.get("file_id"), *(keywords.get("file_ids") or [])]
    for file_id in (i for i in file_ids if isinstance(i, str)):
        state.files.put(stored_object(resources()["files"], file_id))
        state.files.put_content(file_id, b"content\n")
    if case.name == "beta.threads.runs.submit_tool_outputs":
        call = {"id": "call_1", "type": "function", "function": {"name": "f", "arguments": "{}"}}
        run = state.beta.threads.runs.get("run_id_1")
        waiting = {
            "status": "requires_action",
            "required_action": {"submit_tool_outputs": {"tool_calls": [call]}},
        }
        state.beta.threads.runs.put(run.model_copy(update=waiting))


def seed_list(openai_mock: OpenAIMock, endpoint: Endpoint, ids: Mapping[str, str]) -> None:
    """One stored object in the collection a list route pages through, so its items get checked."""
    resource = resources().get(endpoint.resource or "")
    if endpoint.kind != "list" or resource is None or resource.model is None:
        return
    if resource.collection != endpoint.path.removesuffix(BETA_QUERY):
        return
    parents = tuple(ids[key] for key in resource.parent_keys)
    store = openai_mock.state.store(resource.name)
    store.put(stored_object(resource, f"{resource.id_param or 'item'}_listed"), *parents)


# -- what the answer must be ----------------------------------------------------------------------


def flatten(annotation: Any) -> list[Any]:
    """The classes an annotation admits (``Annotated[Union[A, B], ...]`` → ``[A, B]``)."""
    annotation = _strip(annotation)
    if typing.get_origin(annotation) in _UNIONS:
        return [member for arg in typing.get_args(annotation) for member in flatten(arg)]
    origin = typing.get_origin(annotation)
    return [origin if origin is not None else annotation]


@dataclass(frozen=True)
class Expected:
    #: ``model``, ``page``, ``binary``, ``stream`` or ``none``
    shape: str
    #: the annotation answers (or page items, or stream events) must match
    annotation: Any = None

    @property
    def classes(self) -> tuple[type, ...]:
        return tuple(flatten(self.annotation))


def expected(case: Case) -> Expected:
    endpoint = case.endpoint
    if case.is_alias:
        # an alias may answer the route in a shape of its own (``files.retrieve_content`` → str)
        annotation = signature_of(attribute(reference_client(), case.name))[1]["return"]
        origin = typing.get_origin(annotation) or annotation
        if isinstance(origin, type) and issubclass(origin, BasePage):
            # ``SyncCursorPage[ChatCompletion]`` is a pydantic generic, not a typing one
            return Expected("page", origin.__pydantic_generic_metadata__["args"][0])
        if annotation is None or annotation is type(None):
            return Expected("none")
        if isinstance(origin, type) and origin.__name__ == "HttpxBinaryResponseContent":
            return Expected("binary")
        return Expected("model", annotation)
    if endpoint.binary:
        return Expected("binary")
    if endpoint.response is None:
        return Expected("none")
    refs = (endpoint.response, *endpoint.response_alternatives)
    annotation = typing.Union[tuple(resolve_ref(ref) for ref in refs)]  # noqa: UP007
    if endpoint.stream == "always":
        return Expected("stream", annotation)
    if endpoint.page is not None:
        return Expected("page", annotation)
    return Expected("model", annotation)


def strictly_valid(annotation: Any, value: Any) -> None:
    """The SDK builds responses leniently (``construct``): validate what it built, strictly.

    ``to_dict`` keeps only the fields the answer had, so a required field the mock left out, or a
    value of the wrong type, fails here even where the SDK would have accepted it silently.
    """
    if isinstance(value, pydantic.BaseModel):
        data = value.to_dict(warnings=False) if isinstance(value, openai.BaseModel) else value.model_dump()
        pydantic.TypeAdapter(annotation).validate_python(data)


def check_result(case: Case, result: Any, items: list[Any] | None) -> None:
    want = expected(case)
    if want.shape == "none":
        assert result is None, f"{case.name} answered {result!r}"
        return
    if want.shape == "binary":
        assert isinstance(result.content, bytes) and result.content, f"{case.name}: {result!r}"
        return
    if want.shape == "model":
        assert isinstance(result, want.classes), f"{case.name}: {type(result)} is not {want.classes}"
        strictly_valid(want.annotation, result)
        return
    if want.shape == "page":
        assert isinstance(result, BasePage), f"{case.name}: {type(result)} is not a page"
    assert items is not None
    for item in items:
        assert isinstance(item, want.classes), f"{case.name}: {type(item)} is not {want.classes}"
        strictly_valid(want.annotation, item)


# -- calling --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def clients() -> Iterator[dict[str, Any]]:
    """The three clients, created once for the module and shared by every case."""
    keys = {"api_key": "sk-test"}
    if "admin_api_key" in inspect.signature(openai.OpenAI).parameters:
        keys["admin_api_key"] = "sk-admin-test"  # the admin.* endpoints authenticate with it
    made = {
        "sync-default": openai.OpenAI(**keys),
        "sync-httpx": openai.OpenAI(**keys, http_client=httpx.Client()),
        "async-default": openai.AsyncOpenAI(**keys),
    }
    yield made
    made["sync-default"].close()
    made["sync-httpx"].close()
    asyncio.run(made["async-default"].close())


def sync_call(method: Any, positional: list[Any], keywords: dict[str, Any]) -> tuple[Any, Any]:
    result = method(*positional, **keywords)
    if isinstance(result, openai.Stream):
        return result, list(result)
    if isinstance(result, BasePage):
        return result, list(result.data)
    return result, None


async def async_call(method: Any, positional: list[Any], keywords: dict[str, Any]) -> tuple[Any, Any]:
    result = await method(*positional, **keywords)
    if isinstance(result, openai.AsyncStream):
        return result, [event async for event in result]
    if isinstance(result, BasePage):
        return result, list(result.data)
    return result, None


def missing_reason(case: Case) -> str | None:
    if attribute(reference_client(), case.name) is None:
        return f"{case.name} not in openai {VERSION}"
    return None


def prepare(openai_mock: OpenAIMock, case: Case) -> tuple[list[Any], dict[str, Any]]:
    """Seed what the call names (path ids, list items, ids in the body); its arguments."""
    ids = seed_path(openai_mock, case.endpoint)
    seed_list(openai_mock, case.endpoint, ids)
    positional, keywords = arguments(case, ids)
    seed_body(openai_mock, case, keywords)
    return positional, keywords


@pytest.mark.parametrize("client_name", CLIENTS)
@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_every_endpoint(
    case: Case, client_name: str, clients: dict[str, Any], openai_mock: OpenAIMock
) -> None:
    reason = missing_reason(case)
    if reason is not None:
        print(reason)
        pytest.skip(reason)
    positional, keywords = prepare(openai_mock, case)
    method = attribute(clients[client_name], case.name)
    if client_name.startswith("async"):
        result, items = asyncio.run(async_call(method, positional, keywords))
    else:
        result, items = sync_call(method, positional, keywords)

    route = attribute(openai_mock, case.name)
    assert route.calls.call_count == 1, f"openai_mock.{case.name} saw {route.calls.call_count} calls"
    check_result(case, result, items)


# -- route objects and errors ---------------------------------------------------------------------


def test_every_row_has_a_route_object(openai_mock: OpenAIMock) -> None:
    """``openai_mock.<sdk_path>`` (and each alias) is the row's route object, whatever the SDK."""
    for row in ROUTES:
        for name in (row.sdk_path, *row.aliases):
            route = attribute(openai_mock, name)
            assert isinstance(route, RouteObject), f"openai_mock.{name} is {route!r}"
            assert route.endpoint.sdk_path == row.sdk_path
            assert route.calls.call_count == 0


def legacy_rows() -> list[Endpoint]:
    """Rows repeating an earlier row's sdk_path: routes another SDK version sends for the method."""
    first: dict[str, Endpoint] = {}
    return [row for row in ROUTES if first.setdefault(row.sdk_path, row) is not row]


@pytest.mark.parametrize("row", legacy_rows(), ids=lambda row: f"{row.method} {row.path}")
def test_a_legacy_route_counts_as_its_method(
    row: Endpoint, clients: dict[str, Any], openai_mock: OpenAIMock
) -> None:
    """Whichever route the installed SDK sends, ``openai_mock.<sdk_path>`` sees the call."""
    ids = seed_path(openai_mock, row)
    send = getattr(clients["sync-default"], row.method.lower())
    options = {"body": {}} if row.method == "POST" else {}
    send(row.path.removesuffix(BETA_QUERY).format(**ids), cast_to=object, **options)
    assert attribute(openai_mock, row.sdk_path).calls.call_count == 1


#: stateful retrieves asked for an unknown id: (method, the unknown path parameter, the noun the
#: API names in its message). A parent missing gives the parent's 404, naming its parameter.
NOT_FOUND = [
    ("files.retrieve", "file_id", "file"),
    ("batches.retrieve", "batch_id", "batch"),
    ("responses.retrieve", "response_id", "response"),
    ("vector_stores.files.retrieve", "file_id", "file"),
    ("beta.threads.messages.retrieve", "message_id", "message"),
    ("beta.threads.messages.retrieve", "thread_id", "thread"),
    ("beta.threads.runs.steps.retrieve", "run_id", "run"),
    ("evals.runs.retrieve", "run_id", "run"),
]


@pytest.mark.parametrize("client_name", ["sync-default", "async-default"])
@pytest.mark.parametrize(("name", "unknown", "what"), NOT_FOUND, ids=[f"{n}-{u}" for n, u, _ in NOT_FOUND])
def test_unknown_ids_get_the_api_404(
    name: str, unknown: str, what: str, client_name: str, clients: dict[str, Any], openai_mock: OpenAIMock
) -> None:
    case = next(case for case in CASES if case.name == name)
    reason = missing_reason(case)
    if reason is not None:
        pytest.skip(reason)
    ids = seed_path(openai_mock, case.endpoint)
    ids[unknown] = "missing_1"
    positional, keywords = arguments(case, ids)
    method = attribute(clients[client_name], name)
    with pytest.raises(openai.NotFoundError) as caught:
        if client_name.startswith("async"):
            asyncio.run(async_call(method, positional, keywords))
        else:
            sync_call(method, positional, keywords)

    error = caught.value
    assert error.status_code == 404
    is_item = unknown == resources()[case.endpoint.resource or ""].id_param
    assert error.body == {
        "message": f"No {what} found with id 'missing_1'.",
        "type": "invalid_request_error",
        "param": None if is_item else unknown,
        "code": None,
    }
    assert error.response.json() == {"error": error.body}
    assert error.request_id is not None and error.request_id.startswith("req_")
    assert attribute(openai_mock, name).calls.call_count == 1
