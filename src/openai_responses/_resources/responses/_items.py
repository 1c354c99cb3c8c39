"""What a request's ``input`` becomes once the API holds it: items with ids and statuses, in the
shape ``responses.input_items.list`` and ``conversations.items.list`` show them.

A string input is one user message; an easy message (``{"role": "user", "content": "hi"}``) gets
its content as typed parts (``input_text``, or ``output_text`` for the assistant); every item gets
an id (``msg_``, ``fc_`` ...) and a status unless it brought its own.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ..._defaults import new_id

#: id prefixes of the items the API creates from input, by item type (others get ``item_``)
ITEM_ID_PREFIXES: dict[str, str] = {
    "message": "msg_",
    "function_call": "fc_",
    "function_call_output": "fco_",
    "reasoning": "rs_",
    "compaction": "cmp_",
    "computer_call": "cu_",
    "computer_call_output": "cuo_",
    "custom_tool_call": "ctc_",
    "custom_tool_call_output": "ctco_",
}

#: items that are pointers, not content: kept as they came
_REFERENCES = frozenset({"item_reference"})


def items_from_input(value: Any) -> list[dict[str, Any]]:
    """The items a request's ``input`` (or ``items``) adds, in order."""
    if value is None:
        return []
    if isinstance(value, str):
        return [as_item({"role": "user", "content": value})]
    if isinstance(value, Iterable) and not isinstance(value, Mapping):
        return [as_item(item) for item in value if isinstance(item, Mapping)]
    return []


def as_item(raw: Mapping[str, Any]) -> dict[str, Any]:
    """One input item as the API stores it."""
    item = dict(raw)
    kind = item.get("type") or ("message" if "role" in item else None)
    if kind is None or kind in _REFERENCES:
        return item
    item["type"] = kind
    if kind == "message":
        role = item.setdefault("role", "user")
        item["content"] = content_parts(item.get("content"), role)
    if not isinstance(item.get("id"), str):
        item["id"] = new_id(ITEM_ID_PREFIXES.get(kind, "item_"))
    item.setdefault("status", "completed")
    return item


def content_parts(content: Any, role: str) -> list[dict[str, Any]]:
    """A message's content as a list of typed parts."""
    text_type = "output_text" if role == "assistant" else "input_text"
    if isinstance(content, str):
        content = [{"type": text_type, "text": content}]
    parts: list[dict[str, Any]] = []
    for part in content if isinstance(content, list) else []:
        if not isinstance(part, Mapping):
            continue
        part = dict(part)
        if part.get("type") == "output_text":
            part.setdefault("annotations", [])
        parts.append(part)
    return parts


def text_of(items: Iterable[Any]) -> str:
    """Every text an item list carries (message parts, call arguments, tool outputs), for counting."""
    texts: list[str] = []
    for item in items:
        if not isinstance(item, Mapping):
            continue
        for key in ("arguments", "output", "text", "refusal"):
            if isinstance(item.get(key), str):
                texts.append(item[key])
        content = item.get("content")
        if isinstance(content, str):
            texts.append(content)
        elif isinstance(content, list):
            texts.append(text_of(content))
        summary = item.get("summary")
        if isinstance(summary, list):
            texts.append(text_of(summary))
    return " ".join(text for text in texts if text)
