"""``beta.threads.messages``: messages live under their thread; the request's ``content`` (a string
or a list of parts) becomes the message's content blocks; ``list`` filters by ``run_id``."""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any

import httpx

from ...._engine import Context
from ...._objects import build, to_model
from ....stores import StateStore
from ... import _generic

__all__ = ["content_blocks", "create", "list_messages", "message_fields", "store_message", "text_block"]


def text_block(text: str) -> dict[str, Any]:
    return {"type": "text", "text": {"value": text, "annotations": []}}


def content_blocks(content: Any) -> list[dict[str, Any]]:
    """The content blocks of a message from the request's ``content`` (a string, or parts)."""
    if isinstance(content, str):
        return [text_block(content)]
    blocks: list[dict[str, Any]] = []
    for part in content if isinstance(content, list) else []:
        if not isinstance(part, Mapping):
            continue
        kind = part.get("type")
        if kind == "text":
            blocks.append(text_block(str(part.get("text", ""))))
        elif kind in ("image_file", "image_url") and isinstance(part.get(kind), Mapping):
            blocks.append({"type": kind, kind: dict(part[kind])})
    return blocks


def message_fields(params: Mapping[str, Any]) -> dict[str, Any]:
    """What a create request (or a thread's ``messages`` entry) says about the message, besides the
    scalars copied by name."""
    now = int(time.time())
    return {
        "role": params.get("role") or "user",
        "content": content_blocks(params.get("content")),
        "attachments": [dict(a) for a in params.get("attachments") or [] if isinstance(a, Mapping)],
        "metadata": params.get("metadata") or {},
        "status": "completed",
        "completed_at": now,
        "assistant_id": None,
        "run_id": None,
    }


def store_message(
    state: StateStore, thread_id: str, params: Mapping[str, Any], **fixed: Any
) -> dict[str, Any]:
    """Store a message a thread is created with (``messages``) or a run adds (``additional_messages``,
    its reply); ``fixed`` values win over those of the request."""
    from openai.types.beta.threads import Message

    obj = build(Message, dict(params), None, thread_id=thread_id, **{**message_fields(params), **fixed})
    state.beta.threads.messages.put(to_model(Message, obj), thread_id)
    return obj


def create(context: Context, setting: Any) -> httpx.Response:
    obj = _generic.new_object(context, setting, message_fields(context.params))
    return _generic.respond(context, obj)


def list_messages(context: Context, setting: Any) -> httpx.Response:
    return _generic.list_matching(context, setting, query="run_id", field="run_id")
