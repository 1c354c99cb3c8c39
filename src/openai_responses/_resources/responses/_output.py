"""The default output of a response, and a partial's output completed item by item.

With no configuration a response answers one assistant ``message`` with ``output_text``. A
request that forces a function tool (``tool_choice`` naming it, ``"required"``, or
``allowed_tools`` in ``required`` mode) gets a ``function_call`` whose arguments validate against
the tool's schema; ``text.format`` ``json_schema`` gets text that validates against the schema,
so ``responses.parse(text_format=MyModel)`` returns a ``MyModel``; asking for ``reasoning`` adds
the reasoning item a reasoning model sends first.

A partial's ``output`` items are each merged over the default item of their own ``type`` (never
over whatever item stood at that position), so ``{"type": "function_call", "name": "f"}`` gets an
id, a ``call_id``, a status and arguments valid for the offered tool ``f``.
"""

from __future__ import annotations

import json
import typing
from collections.abc import Mapping
from functools import cache
from typing import Any

from ..._defaults import default_for, new_id
from ..._jsonschema import example_for
from ..._merge import merge
from ..chat.completions import estimate_tokens
from ._items import text_of

DEFAULT_TEXT = "Hello! How can I help you today?"
REASONING_SUMMARY = "Considering the request and how best to answer it."
#: stands in for the opaque blob the API returns with ``include=["reasoning.encrypted_content"]``
ENCRYPTED_CONTENT = "gAAAAB-openai-responses-mock-encrypted-reasoning"
_EMPTY_OBJECT_SCHEMA: dict[str, Any] = {"type": "object", "properties": {}}


# -- what the request asks for --------------------------------------------------------------------


def function_tools(params: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The request's function tools (Responses tools are flat: ``{"type": "function", "name": ...}``)."""
    tools = params.get("tools")
    offered = tools if isinstance(tools, list) else []
    return [tool for tool in offered if isinstance(tool, dict) and tool.get("type", "function") == "function"]


def _tool_named(params: Mapping[str, Any], name: Any) -> dict[str, Any] | None:
    return next((tool for tool in function_tools(params) if tool.get("name") == name), None)


def forced_tool(params: Mapping[str, Any]) -> dict[str, Any] | None:
    """The function tool the request makes the model call, if any."""
    choice = params.get("tool_choice")
    tools = function_tools(params)
    if isinstance(choice, dict):
        if choice.get("type") == "function":
            return _tool_named(params, choice.get("name"))
        if choice.get("type") == "allowed_tools" and choice.get("mode") == "required":
            allowed = {t.get("name") for t in choice.get("tools") or [] if isinstance(t, dict)}
            return next((tool for tool in tools if tool.get("name") in allowed), None)
        return None
    if choice == "required" and tools:
        return tools[0]
    return None


def structured_text(params: Mapping[str, Any]) -> str | None:
    """Text valid for the requested ``text.format`` (``json_schema`` or ``json_object``)."""
    text = params.get("text")
    fmt = text.get("format") if isinstance(text, dict) else None
    if not isinstance(fmt, dict):
        return None
    if fmt.get("type") == "json_schema":
        return json.dumps(example_for(fmt.get("schema") or _EMPTY_OBJECT_SCHEMA))
    if fmt.get("type") == "json_object":
        return "{}"
    return None


def wants_reasoning(params: Mapping[str, Any]) -> bool:
    reasoning = params.get("reasoning")
    if not isinstance(reasoning, dict):
        return False
    effort = reasoning.get("effort")
    return (effort is not None and effort != "none") or reasoning.get("summary") is not None


def _includes(params: Mapping[str, Any], name: str) -> bool:
    include = params.get("include")
    return isinstance(include, list) and name in include


# -- default items --------------------------------------------------------------------------------


def output_text_part(text: str) -> dict[str, Any]:
    return {"type": "output_text", "text": text, "annotations": [], "logprobs": []}


def message_item(text: str) -> dict[str, Any]:
    return {
        "id": new_id("msg_"),
        "type": "message",
        "role": "assistant",
        "status": "completed",
        "content": [output_text_part(text)],
    }


def function_call_item(tool: Mapping[str, Any] | None, name: Any = None) -> dict[str, Any]:
    """A completed call of ``tool`` with arguments valid under its ``parameters`` schema."""
    schema = (tool or {}).get("parameters") or _EMPTY_OBJECT_SCHEMA
    return {
        "id": new_id("fc_"),
        "type": "function_call",
        "status": "completed",
        "call_id": new_id("call_"),
        "name": (tool or {}).get("name") or name or "function",
        "arguments": json.dumps(example_for(schema)),
    }


def reasoning_item(params: Mapping[str, Any]) -> dict[str, Any]:
    reasoning = params.get("reasoning")
    summary = reasoning.get("summary") if isinstance(reasoning, dict) else None
    item: dict[str, Any] = {
        "id": new_id("rs_"),
        "type": "reasoning",
        "summary": [{"type": "summary_text", "text": REASONING_SUMMARY}] if summary is not None else [],
    }
    if _includes(params, "reasoning.encrypted_content"):
        item["encrypted_content"] = ENCRYPTED_CONTENT
    return item


def default_output(params: Mapping[str, Any]) -> list[dict[str, Any]]:
    """What the model answers this request when nothing is configured."""
    output = [reasoning_item(params)] if wants_reasoning(params) else []
    tool = forced_tool(params)
    if tool is not None:
        output.append(function_call_item(tool))
    else:
        output.append(message_item(structured_text(params) or DEFAULT_TEXT))
    return output


# -- a partial's output ---------------------------------------------------------------------------


@cache
def output_item_models(response_model: Any) -> dict[str, Any]:
    """``type`` literal → SDK model, for the items a response model's ``output`` admits."""
    fields = getattr(response_model, "model_fields", None) or {}
    info = fields.get("output")
    found: dict[str, Any] = {}
    if info is None:
        return found
    pending = [info.annotation]
    while pending:
        annotation = pending.pop()
        args = typing.get_args(annotation)
        type_field = (getattr(annotation, "model_fields", None) or {}).get("type")
        if type_field is not None:
            for literal in typing.get_args(type_field.annotation):
                found.setdefault(literal, annotation)
        else:
            pending.extend(reversed(args))
    return found


def _default_item(kind: Any, item: Mapping[str, Any], params: Mapping[str, Any], model: Any) -> Any:
    if kind == "message":
        return message_item(DEFAULT_TEXT)  # a message without content says the default text
    if kind == "function_call":
        # the named tool, or the first offered one: the arguments validate against its schema
        offered = function_tools(params)
        tool = _tool_named(params, item["name"]) if "name" in item else (offered[0] if offered else None)
        return function_call_item(tool, item.get("name"))
    if kind == "reasoning":
        return {"id": new_id("rs_"), "type": "reasoning", "summary": []}
    item_model = output_item_models(model).get(kind)
    if item_model is None:
        return None
    base = default_for(item_model)
    if "completed" in _literal_values(item_model, "status"):
        base["status"] = "completed"  # an item of a finished response, not the first literal
    return base


def _literal_values(model: Any, field: str) -> set[Any]:
    info = (getattr(model, "model_fields", None) or {}).get(field)
    values: set[Any] = set()
    pending = [info.annotation] if info is not None else []
    while pending:
        annotation = pending.pop()
        if typing.get_origin(annotation) is typing.Literal:
            values.update(typing.get_args(annotation))
        else:
            pending.extend(typing.get_args(annotation))
    return values


def _default_part(part: Mapping[str, Any]) -> Any:
    if part.get("type", "output_text") == "output_text":
        return output_text_part("")
    if part.get("type") == "refusal":
        return {"type": "refusal", "refusal": ""}
    return None


def complete_item(item: Any, params: Mapping[str, Any], model: Any) -> Any:
    """One output item of a partial, merged over the default item of its type."""
    if not isinstance(item, Mapping):
        return item
    kind = item.get("type") or ("message" if "content" in item or "role" in item else None)
    base = _default_item(kind, item, params, model)
    merged = merge(base, {k: v for k, v in item.items() if k != "content"})
    if kind is not None:
        merged["type"] = kind
    if kind == "message" and "content" in item:
        content = item["content"]
        if isinstance(content, str):  # a convenience: the text of one output_text part
            content = [{"type": "output_text", "text": content}]
        merged["content"] = [
            merge(_default_part(part), part) if isinstance(part, Mapping) else part for part in content or []
        ]
    return merged


def complete_output(output: Any, params: Mapping[str, Any], model: Any) -> Any:
    if not isinstance(output, list):
        return output
    return [complete_item(item, params, model) for item in output]


# -- usage ----------------------------------------------------------------------------------------


@cache
def usage_model(response_model: Any) -> Any:
    """The model of a response model's ``usage`` (``ResponseUsage``, ``BetaResponseUsage`` ...)."""
    info = (getattr(response_model, "model_fields", None) or {}).get("usage")
    if info is None:
        return None
    members = (info.annotation, *typing.get_args(info.annotation))  # ``ResponseUsage`` or ``Optional[...]``
    return next((member for member in members if hasattr(member, "model_fields")), None)


def usage_for(input_text: str, output: Any, response_model: Any = None) -> dict[str, Any]:
    """Plausible token counts: about four characters a token, reasoning counted in the output.

    Detail fields this code does not know (a newer SDK's) come from the usage model's default.
    """
    input_tokens = estimate_tokens(input_text) or 1
    items = output if isinstance(output, list) else []
    reasoning_tokens = sum(
        8 + estimate_tokens(text_of(item.get("summary") or []))
        for item in items
        if isinstance(item, Mapping) and item.get("type") == "reasoning"
    )
    visible = [item for item in items if isinstance(item, Mapping) and item.get("type") != "reasoning"]
    output_tokens = estimate_tokens(text_of(visible)) + reasoning_tokens
    usage = {
        "input_tokens": input_tokens,
        "input_tokens_details": {"cached_tokens": 0},
        "output_tokens": output_tokens,
        "output_tokens_details": {"reasoning_tokens": reasoning_tokens},
        "total_tokens": input_tokens + output_tokens,
    }
    model = usage_model(response_model)
    return merge(default_for(model), usage) if model is not None else usage
