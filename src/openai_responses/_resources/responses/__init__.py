"""``responses`` (and ``beta.responses``, the same routes with ``?beta=true``, kept apart in
``state.beta.responses``).

- ``create``: the default output (see ``_output``) with the request's settings echoed as the API
  does; ``store`` (default true) keeps the response, its input items and, for ``background=True``,
  the finished response it turns into on a later retrieve (``openai_mock.lifecycle("responses")``).
  ``previous_response_id`` must name a stored response and chains its items in front of the new
  input; ``conversation`` must name a stored conversation and gets the input and output appended.
- ``retrieve``: the generic one, except that a streamed retrieve follows a background response to
  its end, as the API's stream does.
- ``cancel``: background responses only (400 for others); a finished one is returned unchanged.
- ``compact``: the user messages of the context, then one ``compaction`` item.
"""

from __future__ import annotations

import copy
import time
from collections.abc import Mapping
from typing import Any

import httpx

from ..._defaults import new_id
from ..._engine import Context
from ..._lifecycle import SPECS
from ..._merge import merge
from ..._objects import build, to_json, to_model
from ..._settings import is_sdk_model
from ..._wire import APIErrorAnswer, not_found
from ...stores import ResourceStore
from .. import _generic
from ._items import items_from_input, text_of
from ._output import complete_output, default_output, usage_for

#: what a response says about a setting the request left out
SETTING_DEFAULTS: dict[str, Any] = {
    "background": False,
    "instructions": None,
    "max_output_tokens": None,
    "max_tool_calls": None,
    "metadata": {},
    "parallel_tool_calls": True,
    "previous_response_id": None,
    "prompt_cache_key": None,
    "safety_identifier": None,
    "service_tier": "default",
    "store": True,
    "temperature": 1.0,
    "tool_choice": "auto",
    "top_logprobs": 0,
    "top_p": 1.0,
    "truncation": "disabled",
    "user": None,
}
#: request settings echoed when given, with no value of their own otherwise
ECHOED_WHEN_GIVEN = ("prompt", "prompt_cache_retention")
TEXT_DEFAULT: dict[str, Any] = {"format": {"type": "text"}, "verbosity": "medium"}
REASONING_DEFAULT: dict[str, Any] = {"effort": None, "summary": None}
FUNCTION_TOOL_DEFAULT: dict[str, Any] = {"description": None, "parameters": None, "strict": True}
#: the error a background response carries when it fails and the test gave none
DEFAULT_FAILURE = {"code": "server_error", "message": "The model failed to generate a response."}


def store_name(context: Context) -> str:
    """``beta.responses.*`` keep their own responses, as their own routes."""
    return "beta.responses" if context.endpoint.sdk_path.startswith("beta.") else "responses"


# -- what a new response is made of ---------------------------------------------------------------


def echoed_settings(params: Mapping[str, Any]) -> dict[str, Any]:
    """The request's settings as the response reports them (defaults for what it left out)."""
    out = {
        key: params[key] if params.get(key) is not None else value for key, value in SETTING_DEFAULTS.items()
    }
    out["metadata"] = dict(out["metadata"])
    if out["service_tier"] == "auto":
        out["service_tier"] = "default"  # the tier that served it
    for key in ECHOED_WHEN_GIVEN:
        if params.get(key) is not None:
            out[key] = params[key]
    # deep copies: merge() shares what the request does not override, and objects outlive the call
    text = params.get("text")
    out["text"] = copy.deepcopy(merge(TEXT_DEFAULT, text) if isinstance(text, Mapping) else TEXT_DEFAULT)
    reasoning = params.get("reasoning")
    out["reasoning"] = copy.deepcopy(
        merge(REASONING_DEFAULT, reasoning) if isinstance(reasoning, Mapping) else REASONING_DEFAULT
    )
    tools = params.get("tools")
    out["tools"] = [
        merge(FUNCTION_TOOL_DEFAULT, tool) if tool.get("type", "function") == "function" else tool
        for tool in (tools if isinstance(tools, list) else [])
        if isinstance(tool, Mapping)
    ]
    return out


def response_from_params(
    model: Any, params: Mapping[str, Any], partial: Any, *, context_text: str, conversation_id: str | None
) -> dict[str, Any]:
    """A finished response for a create request: defaults < request < partial."""
    fixed = echoed_settings(params)
    fixed.update(
        model=params.get("model") or "gpt-4o",
        status="completed",
        completed_at=int(time.time()),
        error=None,
        incomplete_details=None,
        output=default_output(params),
    )
    if conversation_id is not None:
        fixed["conversation"] = {"id": conversation_id}
    obj = build(model, None, None, **fixed)
    partial_usage = None
    if partial:
        partial = dict(partial)
        if "output" in partial:
            obj["output"] = complete_output(partial.pop("output"), params, model)
        partial_usage = partial.pop("usage", None)
        obj = merge(obj, partial)
    # usage counts the final output (a partial's text); a partial's own usage fields still win
    usage = usage_for(context_text, obj.get("output"), model)
    obj["usage"] = (
        merge(usage, partial_usage) if isinstance(partial_usage, Mapping) else (partial_usage or usage)
    )
    return obj


# -- state: chains and conversations --------------------------------------------------------------


def chain_items(store: ResourceStore, response_id: str) -> list[dict[str, Any]]:
    """Everything a response continuing ``response_id`` sees before its own input."""
    stored = store.get(response_id)
    if stored is None:
        return []
    output = to_json(stored).get("output") or []
    return [*store.extra(response_id).get("input_items", []), *output]


def previous_items(store: ResourceStore, params: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The chain of ``previous_response_id`` (404 in the API's shape when it names no stored response)."""
    previous = params.get("previous_response_id")
    if not isinstance(previous, str):
        return []
    if store.get(previous) is None:
        raise APIErrorAnswer(
            404,
            f"Previous response with id '{previous}' not found.",
            param="previous_response_id",
            code="previous_response_not_found",
        )
    return chain_items(store, previous)


def conversation_of(context: Context, params: Mapping[str, Any]) -> str | None:
    """The conversation the request names (404 when unknown; 400 together with a previous response)."""
    value = params.get("conversation")
    conversation_id = value.get("id") if isinstance(value, Mapping) else value
    if not isinstance(conversation_id, str):
        return None
    if params.get("previous_response_id") is not None:
        raise APIErrorAnswer(
            400,
            "Mutually exclusive parameters: Ensure you are only providing one of: "
            "'previous_response_id' or 'conversation'.",
            param="conversation",
            code="mutually_exclusive_parameters",
        )
    if context.state.store("conversations").get(conversation_id) is None:
        raise not_found("conversation", conversation_id, param="conversation")
    return conversation_id


def conversation_items(context: Context, conversation_id: str | None) -> list[Any]:
    if conversation_id is None:
        return []
    items = context.state.store("conversations.items")
    return [to_json(item) for item in items.list(conversation_id, limit=None, order="asc").data]


def append_to_conversation(context: Context, conversation_id: str | None, items: list[Any]) -> None:
    if conversation_id is None:
        return
    store = context.state.store("conversations.items")
    for item in items:
        if isinstance(item, Mapping) and isinstance(item.get("id"), str):
            store.put(dict(item), conversation_id)


# -- handlers -------------------------------------------------------------------------------------


def create(context: Context, setting: Any) -> httpx.Response:
    params = context.params
    store = context.store(store_name(context))
    conversation_id = conversation_of(context, params)
    history = previous_items(store, params)
    own_input = items_from_input(params.get("input"))
    if is_sdk_model(setting):
        final = to_json(setting)
    else:
        seen = [*history, *conversation_items(context, conversation_id), *own_input]
        context_text = " ".join(filter(None, [_instructions_text(params), text_of(seen)]))
        final = response_from_params(
            context.model, params, setting, context_text=context_text, conversation_id=conversation_id
        )
    answer = final
    if params.get("background") is True and not context.stream_requested:
        # queued now, finished on a later retrieve (a streamed create runs to the end at once)
        spec = SPECS[store.name]
        answer = {**final, "status": spec.initial, "output": [], "usage": None, "completed_at": None}
    if params.get("store") is not False:
        store.put(setting if answer is final and is_sdk_model(setting) else to_model(context.model, answer))
        extra = store.extra(answer["id"])
        extra["input_items"] = [*history, *own_input]
        extra["final"] = final
    append_to_conversation(context, conversation_id, own_input)
    if answer is final:
        append_to_conversation(context, conversation_id, final.get("output") or [])
    return _generic.respond(context, answer)


def _instructions_text(params: Mapping[str, Any]) -> str:
    instructions = params.get("instructions")
    if isinstance(instructions, str):
        return instructions
    return text_of(items_from_input(instructions)) if isinstance(instructions, list) else ""


def finish(context: Context, obj: dict[str, Any], new_status: str) -> dict[str, Any]:
    """Lifecycle hook: a background response leaves ``queued``/``in_progress`` for ``new_status``."""
    store = context.store(store_name(context))
    final = store.extra(obj["id"]).get("final")
    if not isinstance(final, dict):
        return obj
    if new_status in ("completed", "incomplete"):
        finished = {
            **final,
            "status": new_status,
            "completed_at": obj.get("completed_at") or int(time.time()),
        }
        if new_status == "incomplete" and not finished.get("incomplete_details"):
            finished["incomplete_details"] = {"reason": "max_output_tokens"}
        conversation = finished.get("conversation")
        if isinstance(conversation, Mapping):
            append_to_conversation(context, conversation.get("id"), finished.get("output") or [])
        return finished
    if new_status == "failed" and not obj.get("error"):
        obj["error"] = dict(DEFAULT_FAILURE)
    return obj


def run_to_end(context: Context, store: ResourceStore, object_id: str, obj: dict[str, Any]) -> dict[str, Any]:
    """A background response walked through its remaining polls: what its event stream ends with."""
    spec = SPECS[store.name]
    for _ in range(10_000):  # bounded: lifecycles end after their configured polls
        if obj.get("status") in spec.ends:
            break
        obj = _generic._finish(context, store, object_id, obj)
    return obj


def retrieve(context: Context, setting: Any) -> httpx.Response:
    if not context.stream_requested or is_sdk_model(setting):
        return _generic.retrieve(context, setting)
    store, object_id, stored = _generic.stored_object(context)
    obj = run_to_end(context, store, object_id, to_json(stored))
    return _generic.respond(context, merge(obj, setting) if setting else obj)


def cancel(context: Context, setting: Any) -> httpx.Response:
    store, object_id, stored = _generic.stored_object(context)
    if is_sdk_model(setting):
        return _generic.respond(context, to_json(setting))
    obj = dict(to_json(stored))
    if obj.get("background") is not True:
        raise APIErrorAnswer(400, "Cannot cancel a synchronous response.")
    if obj.get("status") not in SPECS[store.name].ends:  # a finished one stays as it is
        obj["status"] = "cancelled"
        store.put(to_model(context.model, obj), *(store.parents(object_id) or ()))
    return _generic.respond(context, merge(obj, setting) if setting else obj)


#: what a compaction item's ``encrypted_content`` holds in the mock
COMPACTED_CONTENT = "gAAAAB-openai-responses-mock-compacted-context"


def compact(context: Context, setting: Any) -> httpx.Response:
    """The context's user messages, then one ``compaction`` item standing for everything else."""
    if is_sdk_model(setting):
        return _generic.respond(context, to_json(setting))
    params = context.params
    store = context.store(store_name(context))
    items = [*previous_items(store, params), *items_from_input(params.get("input"))]
    users = [item for item in items if item.get("type") == "message" and item.get("role") == "user"]
    compaction = {"id": new_id("cmp_"), "type": "compaction", "encrypted_content": COMPACTED_CONTENT}
    context_text = " ".join(filter(None, [_instructions_text(params), text_of(items)]))
    obj = build(
        context.model,
        None,
        None,
        id=new_id("resp_"),
        output=[*users, compaction],
        usage=usage_for(context_text, [compaction], context.model),
    )
    return _generic.respond(context, merge(obj, setting) if setting else obj)
