"""Builders for ``beta.threads.messages``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import httpx
from openai.types.beta.threads import Message

from . import build_model, model_from_request

__all__ = ["build_message", "message_from_create_request"]


def build_message(partial: Mapping[str, Any] | None = None) -> Message:
    """A default ``Message`` with ``partial`` merged over it."""
    return build_model(Message, partial)


def message_from_create_request(
    thread_id: str, request: httpx.Request, *, extra: Mapping[str, Any] | None = None
) -> Message:
    """The ``Message`` a create request adds to ``thread_id``, with ``extra`` merged over it."""
    from ..._request import parse_body

    params = parse_body(request) if request.content else {}
    content = params.get("content")
    parts = (
        [{"type": "text", "text": {"value": content, "annotations": []}}] if isinstance(content, str) else []
    )
    return model_from_request(Message, request, extra=extra, thread_id=thread_id, content=parts)
