"""``batches``: a batch really runs, through the mock's own routes.

``create`` checks what the API checks at once (``endpoint``, ``completion_window``) and answers a
``validating`` batch. The first retrieve moves it on (the lifecycle engine decides where to, see
``openai_mock.lifecycle("batches", ...)``) and calls :func:`on_status_change`, which:

1. validates the input file like the API: unknown file, lines that are not JSON, missing or wrong
   ``custom_id``/``method``/``url``/``body``, a ``url`` other than the batch's endpoint, ``stream``,
   a body missing what its endpoint requires, duplicate ``custom_id``. Any problem fails the batch
   with ``errors`` naming the lines, and no line runs;
2. sends every line as an ``httpx.Request`` through ``OpenAIMock._handle``, the path a direct SDK
   call takes: the route object of the line's endpoint answers it (its partial, list or function),
   and counts it in its ``.calls`` and ``.requests``;
3. when the batch ends, writes the answers as files (purpose ``batch_output``): 2xx answers to
   ``output_file_id``, the others to ``error_file_id``, one JSON line per request in the API's format.

A batch steered to end ``failed`` or ``expired`` runs no line: a failed batch fails validation, and
an expired one lists each request in its error file as ``batch_expired``. A batch cancelled before
it ran writes no file; one cancelled after keeps what its lines answered.
"""

from __future__ import annotations

import json
import time
import typing
from functools import cache
from typing import Any

import httpx
import typing_extensions

from .._defaults import new_id
from .._engine import Context
from .._merge import merge
from .._objects import to_json
from .._routes.matching import route_index
from .._settings import is_sdk_model
from .._transport import PassThroughRequest
from .._validation import params_spec
from .._wire import APIErrorAnswer, request_id
from ..errors import MockConfigurationError
from . import _generic, files

#: a batch has 24 hours to run (``completion_window`` takes only ``24h``)
COMPLETION_WINDOWS = {"24h": 24 * 3600}

#: how the API names each endpoint in its line errors (``Chat Completions: Streaming is not ...``)
ENDPOINT_NAMES = {
    "/v1/responses": "Responses",
    "/v1/chat/completions": "Chat Completions",
    "/v1/embeddings": "Embeddings",
    "/v1/completions": "Completions",
    "/v1/moderations": "Moderations",
    "/v1/images/generations": "Images",
    "/v1/images/edits": "Images",
    "/v1/videos": "Videos",
}

#: the headers a line's request carries over from the call that ran the batch (who is asking)
FORWARDED_HEADERS = ("authorization", "api-key", "openai-organization", "openai-project", "user-agent")

EXPIRED_ERROR = {
    "code": "batch_expired",
    "message": "This request could not be executed before the completion window expired.",
}


@cache
def endpoints() -> tuple[str, ...]:
    """The endpoints a batch may use, from the installed SDK's ``BatchCreateParams``."""
    from openai.types.batch_create_params import BatchCreateParams

    # without ``include_extras`` the hints come without their ``Required[...]`` wrapper
    annotation = typing_extensions.get_type_hints(BatchCreateParams)["endpoint"]
    return tuple(typing.get_args(annotation))


# -- the routes -----------------------------------------------------------------------------------


def create(context: Context, setting: Any) -> httpx.Response:
    params = context.params
    endpoint = params.get("endpoint")
    if endpoint not in endpoints():
        raise APIErrorAnswer(
            400, files.supported_values_message(endpoint, endpoints()), param="endpoint", code="invalid_value"
        )
    window = params.get("completion_window")
    if window not in COMPLETION_WINDOWS:
        raise APIErrorAnswer(
            400,
            files.supported_values_message(window, tuple(COMPLETION_WINDOWS)),
            param="completion_window",
            code="invalid_value",
        )
    now = int(time.time())
    output_expires_after = params.get("output_expires_after")
    files.expires_at(output_expires_after, now, param="output_expires_after")
    if is_sdk_model(setting):
        return _generic.create(context, setting)
    touches: dict[str, Any] = {
        "created_at": now,
        "expires_at": now + COMPLETION_WINDOWS[window],
        "request_counts": {"total": 0, "completed": 0, "failed": 0},
    }
    response = _generic.create(context, merge(touches, setting) if setting else touches)
    batch_id = json.loads(response.content)["id"]
    context.store().extra(batch_id)["output_expires_after"] = output_expires_after
    return response


def cancel(context: Context, setting: Any) -> httpx.Response:
    store, batch_id, stored = _generic.stored_object(context)
    obj = dict(to_json(stored))
    status = obj.get("status")
    if status in ("completed", "failed", "expired"):
        raise APIErrorAnswer(409, f"Cannot cancel a batch with status '{status}'.")
    if status in ("cancelling", "cancelled") and not is_sdk_model(setting):
        # cancelling twice is allowed and changes nothing
        return _generic.respond(context, merge(obj, setting) if setting else obj)
    store.extra(batch_id)["cancel_requested"] = True
    return _generic.action(context, setting)


# -- the lifecycle --------------------------------------------------------------------------------


def on_status_change(context: Context, obj: dict[str, Any], new_status: str) -> dict[str, Any]:
    """Called by the lifecycle engine each time a retrieve moves the batch to ``new_status``."""
    extra = context.store().extra(obj["id"])
    if new_status != "failed":
        obj["errors"] = None  # the lifecycle's ``error`` is for a failing end only
    if not extra.get("validated"):
        if extra.get("cancel_requested"):
            extra["validated"] = True
            return obj  # cancelled while validating: nothing ran, nothing to write
        lines, errors = read_input(context, obj)
        if errors:
            extra["validated"] = True
            obj["in_progress_at"] = None  # it never left validation
            return failed(obj, errors)
        # marked only once every line ran: if one raises (a scripted list ran out), the batch is not
        # stored as moved on, and the next retrieve runs it again from the start
        start(context, obj, extra, lines)
        extra["validated"] = True
    if new_status == "completed":
        obj["finalizing_at"] = obj.get("finalizing_at") or obj.get("completed_at") or int(time.time())
        write_files(context, obj, extra)
    elif new_status == "cancelled" and "results" in extra:
        write_files(context, obj, extra)
    elif new_status == "expired":
        write_files(context, obj, extra, unfinished=EXPIRED_ERROR)
    elif new_status == "failed":
        return failed(obj, errors_of(obj.get("errors")))
    return obj


def start(context: Context, obj: dict[str, Any], extra: dict[str, Any], lines: list[dict[str, Any]]) -> None:
    """The batch passed validation: it is in progress; its lines run unless it is set to fail or expire."""
    extra["lines"] = lines
    obj["in_progress_at"] = obj.get("in_progress_at") or int(time.time())
    obj["request_counts"] = {"total": len(lines), "completed": 0, "failed": 0}
    models = [line["body"]["model"] for line in lines if isinstance(line["body"].get("model"), str)]
    if models:
        obj["model"] = models[0]
    if context.mock._lifecycles.config("batches").end not in ("failed", "expired"):
        extra["results"] = [run_line(context, line) for line in lines]
        obj["request_counts"] = counts(len(lines), extra["results"])


def failed(obj: dict[str, Any], errors: list[dict[str, Any]]) -> dict[str, Any]:
    """The batch as the API shows a failed one."""
    obj["status"] = "failed"
    obj["failed_at"] = obj.get("failed_at") or int(time.time())
    for name in ("completed_at", "finalizing_at"):
        obj[name] = None
    obj["errors"] = {"object": "list", "data": errors}
    return obj


def errors_of(value: Any) -> list[dict[str, Any]]:
    """``lifecycle(error=...)`` as the batch's error list: one error, a list, or ``{"data": [...]}``."""
    if isinstance(value, dict) and isinstance(value.get("data"), list):
        return list(value["data"])
    if isinstance(value, dict):
        return [value]
    if isinstance(value, list):
        return value
    return [
        {
            "code": "batch_failed",
            "message": "The batch failed (openai_mock.lifecycle('batches', end='failed')).",
            "line": None,
            "param": None,
        }
    ]


def counts(total: int, results: list[dict[str, Any]]) -> dict[str, int]:
    succeeded = sum(1 for result in results if 200 <= result["response"]["status_code"] < 300)
    return {"total": total, "completed": succeeded, "failed": len(results) - succeeded}


# -- validating the input file ------------------------------------------------------------------


def batch_error(code: str, message: str, line: int | None = None, param: str | None = None) -> dict[str, Any]:
    return {"code": code, "message": message, "line": line, "param": param}


def read_input(context: Context, obj: dict[str, Any]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The requests of the batch's input file, or the errors the API would list for it."""
    file_id = obj.get("input_file_id")
    store = context.state.store("files")
    if not isinstance(file_id, str) or store.get(file_id) is None:
        message = f"Cannot find file {file_id}, or the organization does not have access to it."
        return [], [batch_error("invalid_request", message, param="file_id")]
    text = (store.get_content(file_id) or b"").decode("utf-8", errors="replace")
    endpoint = str(obj.get("endpoint"))
    lines: list[dict[str, Any]] = []
    errors: list[dict[str, Any]] = []
    seen: set[str] = set()
    for number, raw in enumerate(text.split("\n"), 1):
        if not raw.strip():
            continue
        line, problems = check_line(raw, number, endpoint, seen)
        errors.extend(problems)
        if line is not None:
            lines.append(line)
    if not lines and not errors:
        errors.append(batch_error("empty_file", "The batch input file is empty."))
    return lines, errors


def check_line(
    raw: str, number: int, endpoint: str, seen: set[str]
) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
    """One request line, or what is wrong with it."""
    try:
        line = json.loads(raw)
    except ValueError:
        line = None
    if not isinstance(line, dict):
        return None, [batch_error("invalid_json_line", "This line is not parseable as valid JSON.", number)]
    problems: list[dict[str, Any]] = []
    for key, kind, article in (
        ("custom_id", str, "a string"),
        ("method", str, "a string"),
        ("url", str, "a string"),
        ("body", dict, "an object"),
    ):
        if line.get(key) is None:
            problems.append(
                batch_error(
                    "missing_required_parameter", f"Missing required parameter: '{key}'.", number, key
                )
            )
        elif not isinstance(line[key], kind):
            problems.append(
                batch_error("invalid_type", f"Invalid type for '{key}': expected {article}.", number, key)
            )
    if problems:
        return None, problems
    problem = check_request(line, number, endpoint)
    if problem is None and line["custom_id"] in seen:
        problem = batch_error(
            "duplicate_custom_id",
            "The custom_id for this request is a duplicate of another request. The custom_id parameter "
            "must be unique for each request in a batch.",
            number,
            "custom_id",
        )
    seen.add(line["custom_id"])
    return (None, [problem]) if problem is not None else (line, [])


def check_request(line: dict[str, Any], number: int, endpoint: str) -> dict[str, Any] | None:
    """What the API rejects in a line's method, url and body."""
    if line["method"].upper() != "POST":
        return batch_error(
            "invalid_method",
            "The method provided for this request is not supported; use POST.",
            number,
            "method",
        )
    if line["url"] != endpoint:
        return batch_error(
            "invalid_url",
            "The URL provided for this request does not match the batch endpoint.",
            number,
            "url",
        )
    body = line["body"]
    if body.get("stream") is True:
        name = ENDPOINT_NAMES.get(endpoint, endpoint)
        return batch_error(
            "streaming_unsupported",
            f"{name}: Streaming is not supported in the Batch API.",
            number,
            "body.stream",
        )
    found = route_index().match("POST", endpoint.removeprefix("/v1"))
    spec = params_spec(found[0].params) if found and found[0].params else None
    if spec is None:
        return None
    try:
        spec.check(body)
    except APIErrorAnswer as error:
        param = f"body.{error.param}" if error.param else "body"
        if error.code == "missing_required_parameter" and error.param:
            return batch_error(
                "invalid_request", f"{error.param.capitalize()} parameter is required.", number, param
            )
        return batch_error("invalid_request", error.message, number, param)
    return None


# -- running the lines ----------------------------------------------------------------------------


def run_line(context: Context, line: dict[str, Any]) -> dict[str, Any]:
    """Send one line through the mock, as a direct SDK call would arrive; its output line."""
    request = line_request(context, line)
    try:
        response = context.mock._handle(request)
    except PassThroughRequest:
        raise MockConfigurationError(
            f"a route on openai_mock.router lets {request.method} {request.url} pass through to the network, "
            "but the lines of a batch are answered by the mock: narrow that route so it does not match "
            "the batch's requests."
        ) from None
    content = response.read()
    try:
        body: Any = json.loads(content)
    except ValueError:
        body = content.decode("utf-8", errors="replace")
    return {
        "id": new_id("batch_req_"),
        "custom_id": line["custom_id"],
        "response": {
            "status_code": response.status_code,
            "request_id": response.headers.get("x-request-id") or request_id(),
            "body": body,
        },
        "error": None,
    }


def line_request(context: Context, line: dict[str, Any]) -> httpx.Request:
    """The line as a request to the API base the batch itself was polled at (OpenAI, Azure, a proxy)."""
    url = context.request.url
    raw_path = url.raw_path.split(b"?", 1)[0].decode("ascii")
    inner = context.mock._bases.api_path(url) or ""
    prefix = raw_path[: len(raw_path) - len(inner)] if inner and raw_path.endswith(inner) else "/v1"
    query = url.query.decode("ascii")
    target = f"{url.scheme}://{url.netloc.decode('ascii')}{prefix}{line['url'].removeprefix('/v1')}"
    headers = {"content-type": "application/json"}
    for name in FORWARDED_HEADERS:
        value = context.request.headers.get(name)
        if value is not None:
            headers[name] = value
    return httpx.Request(
        "POST",
        target + (f"?{query}" if query else ""),
        headers=headers,
        content=json.dumps(line["body"]).encode(),
    )


# -- the output -----------------------------------------------------------------------------------


def write_files(
    context: Context, obj: dict[str, Any], extra: dict[str, Any], unfinished: dict[str, Any] | None = None
) -> None:
    """The output and error files of a batch that ended, their ids, counts and usage on the batch."""
    if extra.get("written"):
        return
    extra["written"] = True
    lines: list[dict[str, Any]] = extra.get("lines", [])
    results: list[dict[str, Any]] = extra.get("results", [])
    outputs = [r for r in results if 200 <= r["response"]["status_code"] < 300]
    errors = [r for r in results if not 200 <= r["response"]["status_code"] < 300]
    if unfinished is not None:
        errors += [
            {
                "id": new_id("batch_req_"),
                "custom_id": line["custom_id"],
                "response": None,
                "error": unfinished,
            }
            for line in lines[len(results) :]
        ]
    expiry = files.expires_at(
        extra.get("output_expires_after"), int(time.time()), param="output_expires_after"
    )
    for field, name, records in (("output_file_id", "output", outputs), ("error_file_id", "error", errors)):
        if records:
            content = "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records).encode()
            stored = files.store_file(
                context.state,
                content,
                filename=f"{obj['id']}_{name}.jsonl",
                purpose="batch_output",
                expires_at=expiry,
            )
            obj[field] = stored["id"]
    obj["request_counts"] = {"total": len(lines), "completed": len(outputs), "failed": len(errors)}
    if outputs:
        obj["usage"] = usage_of(outputs)


def usage_of(outputs: list[dict[str, Any]]) -> dict[str, Any]:
    """The tokens of every answer, summed (chat and completions count prompt/completion tokens)."""
    input_tokens = output_tokens = cached = reasoning = 0
    for record in outputs:
        body = record["response"]["body"]
        usage = body.get("usage") if isinstance(body, dict) else None
        if not isinstance(usage, dict):
            continue
        input_tokens += int(usage.get("input_tokens", usage.get("prompt_tokens", 0)) or 0)
        output_tokens += int(usage.get("output_tokens", usage.get("completion_tokens", 0)) or 0)
        details = usage.get("input_tokens_details") or usage.get("prompt_tokens_details") or {}
        cached += int(details.get("cached_tokens", 0) or 0) if isinstance(details, dict) else 0
        details = usage.get("output_tokens_details") or usage.get("completion_tokens_details") or {}
        reasoning += int(details.get("reasoning_tokens", 0) or 0) if isinstance(details, dict) else 0
    return {
        "input_tokens": input_tokens,
        "input_tokens_details": {"cached_tokens": cached},
        "output_tokens": output_tokens,
        "output_tokens_details": {"reasoning_tokens": reasoning},
        "total_tokens": input_tokens + output_tokens,
    }
