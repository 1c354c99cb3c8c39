"""``chat.completions``: one assistant message by default; ``n`` choices; tool calls when the
request forces a tool; structured output that validates against ``response_format``'s schema;
stored completions (``store=True``) for ``list``/``retrieve``/``update``/``delete``/``messages``."""

from __future__ import annotations

import json
from typing import Any

import httpx

from ..._defaults import new_id
from ..._engine import Context
from ..._jsonschema import example_for
from ..._merge import merge
from ..._objects import build, to_json, to_model
from ..._settings import is_sdk_model
from ..._validation import check_range
from ..._wire import json_response, not_found
from .._generic import _int, page_body, respond

DEFAULT_CONTENT = "Hello! How can I help you today?"


def estimate_tokens(text: str) -> int:
    """About four characters a token, as OpenAI's rule of thumb says; never zero for text."""
    return max(1, len(text) // 4) if text else 0


def prompt_text(messages: Any) -> str:
    parts: list[str] = []
    for message in messages if isinstance(messages, list) else []:
        content = message.get("content") if isinstance(message, dict) else None
        if isinstance(content, str):
            parts.append(content)
        elif isinstance(content, list):
            parts.extend(
                p.get("text", "") for p in content if isinstance(p, dict) and isinstance(p.get("text"), str)
            )
    return " ".join(parts)


#: the API's limit on ``n``
MAX_CHOICES = 128


def _object(value: Any) -> dict[str, Any]:
    # nested request shapes are not validated: a malformed one is read as absent
    return value if isinstance(value, dict) else {}


def forced_tool(params: dict[str, Any]) -> dict[str, Any] | None:
    """The function tool the request forces (``tool_choice`` naming one, or ``"required"``)."""
    tools = [
        t
        for t in params.get("tools") or []
        if isinstance(t, dict) and t.get("type", "function") == "function"
    ]
    choice = params.get("tool_choice")
    if isinstance(choice, dict):
        name = _object(choice.get("function")).get("name") or choice.get("name")
        for tool in tools:
            if _object(tool.get("function")).get("name") == name:
                return tool
        return None
    if choice == "required" and tools:
        return tools[0]
    return None


def structured_content(params: dict[str, Any]) -> str | None:
    response_format = params.get("response_format")
    if not isinstance(response_format, dict):
        return None
    if response_format.get("type") == "json_schema":
        schema = _object(response_format.get("json_schema")).get("schema") or {}
        return json.dumps(example_for(schema))
    if response_format.get("type") == "json_object":
        return "{}"
    return None


def message_for(params: dict[str, Any]) -> tuple[dict[str, Any], str]:
    """The default assistant message for this request, and its finish reason."""
    tool = forced_tool(params)
    if tool is not None:
        function = _object(tool.get("function"))
        arguments = example_for(function.get("parameters") or {"type": "object", "properties": {}})
        name = function.get("name")
        call = {
            "id": new_id("call_"),
            "type": "function",
            "function": {
                "name": name if isinstance(name, str) else "function",
                "arguments": json.dumps(arguments),
            },
        }
        return {"role": "assistant", "content": None, "refusal": None, "tool_calls": [call]}, "tool_calls"
    content = structured_content(params) or DEFAULT_CONTENT
    return {"role": "assistant", "content": content, "refusal": None}, "stop"


def completion_from_params(
    params: dict[str, Any], partial: Any = None, model_class: Any = None
) -> dict[str, Any]:
    """A whole ``ChatCompletion`` for a create request: defaults < request < partial."""
    if model_class is None:
        from openai.types.chat import ChatCompletion as model_class
    n = check_range(params, "n", 1, MAX_CHOICES) or 1
    choices = []
    for index in range(n):
        message, finish_reason = message_for(params)
        choices.append({"index": index, "finish_reason": finish_reason, "message": message, "logprobs": None})
    obj = build(model_class, None, None, model=params.get("model") or "gpt-4o", choices=choices)
    if partial:
        obj = merge(obj, partial)
    # usage counts the final content (the partial's text); a partial's own usage fields still win
    usage = usage_for(params, obj)
    partial_usage = partial.get("usage") if isinstance(partial, dict) else None
    obj["usage"] = (
        merge(usage, partial_usage) if isinstance(partial_usage, dict) else (partial_usage or usage)
    )
    return obj


def usage_for(params: dict[str, Any], completion: dict[str, Any]) -> dict[str, Any]:
    prompt_tokens = estimate_tokens(prompt_text(params.get("messages"))) or 1
    completion_tokens = 0
    for choice in completion.get("choices") or []:
        message = choice.get("message") or {}
        completion_tokens += estimate_tokens(message.get("content") or "")
        for call in message.get("tool_calls") or []:
            completion_tokens += estimate_tokens(json.dumps(call.get("function") or {}))
    return {
        "prompt_tokens": prompt_tokens,
        "completion_tokens": completion_tokens,
        "total_tokens": prompt_tokens + completion_tokens,
    }


def create(context: Context, setting: Any) -> httpx.Response:
    params = context.params
    if is_sdk_model(setting):
        obj = to_json(setting)
        stored = setting
    else:
        obj = completion_from_params(params, setting, context.model)
        stored = None
    if params.get("store") is True and isinstance(obj.get("id"), str):
        # stored completions carry their metadata, which the SDK model keeps as an extra field
        if isinstance(params.get("metadata"), dict):
            obj.setdefault("metadata", params["metadata"])
        store = context.store("chat.completions")
        store.put(stored if stored is not None else to_model(context.model, obj))
        store.extra(obj["id"])["messages"] = list(params.get("messages") or [])
    return respond(context, obj)


def list_messages(context: Context, setting: Any) -> httpx.Response:
    completion_id = context.path_params["completion_id"]
    store = context.store("chat.completions")
    if store.get(completion_id) is None:
        raise not_found("chat completion", completion_id)
    messages = []
    for position, message in enumerate(store.extra(completion_id).get("messages") or []):
        item = dict(message) if isinstance(message, dict) else {}
        item.setdefault("id", f"{completion_id}-{position}")
        content = item.get("content")
        if isinstance(content, list):
            item["content_parts"] = content
            item["content"] = " ".join(p.get("text", "") for p in content if isinstance(p, dict))
        item.setdefault("content", None)
        messages.append(build(context.model, None, None, **item))
    order = context.query.get("order", "asc")
    if order == "desc":
        messages.reverse()
    after = context.query.get("after")
    if after is not None:
        ids = [m.get("id") for m in messages]
        messages = messages[ids.index(after) + 1 :] if after in ids else []
    limit = max(_int(context.query.get("limit"), 20), 0)
    from ...stores import Page

    page = Page(data=messages[:limit], has_more=len(messages) > limit)
    body = page_body(context, page.data, page)
    if isinstance(setting, dict):
        body = merge(body, setting)
    return json_response(200, body)
