"""Builders for ``beta.threads.messages``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import httpx
from openai.types.beta.threads import Message

from . import build_model, model_from_request

__all__ = ["build_message", "message_from_create_request"]


def build_message(partial: Mapping[str, Any] | None = None) -> Message:
    """A default ``Message`` (a completed user message) with ``partial`` merged over it."""
    return build_model(Message, partial, role="user", status="completed", attachments=[], metadata={})


def message_from_create_request(
    thread_id: str, request: httpx.Request, *, extra: Mapping[str, Any] | None = None
) -> Message:
    """The ``Message`` a ``POST /threads/{thread_id}/messages`` request adds to ``thread_id`` (its
    ``content``, a string or parts, as content blocks), with ``extra`` merged over it."""
    from ..._request import parse_body
    from ..._resources.beta.threads.messages import message_fields

    params = parse_body(request) if request.content else {}
    return model_from_request(Message, request, extra=extra, thread_id=thread_id, **message_fields(params))
