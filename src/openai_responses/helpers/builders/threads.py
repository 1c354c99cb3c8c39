"""Builders for ``beta.threads``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import httpx
from openai.types.beta import Thread

from . import build_model, model_from_request

__all__ = ["build_thread", "thread_from_create_request"]


def build_thread(partial: Mapping[str, Any] | None = None) -> Thread:
    """A default ``Thread`` with ``partial`` merged over it."""
    return build_model(Thread, partial, metadata={})


def thread_from_create_request(request: httpx.Request, *, extra: Mapping[str, Any] | None = None) -> Thread:
    """The ``Thread`` a ``POST /threads`` request creates, with ``extra`` merged over it. (The
    messages it is created with are objects of their own: ``messages.message_from_create_request``.)"""
    from ..._request import parse_body
    from ..._resources.beta.assistants import tool_resources
    from ...stores import StateStore

    params = parse_body(request) if request.content else {}
    fields: dict[str, Any] = {"metadata": params.get("metadata") or {}}
    if "tool_resources" in params:
        fields["tool_resources"] = tool_resources(params["tool_resources"], StateStore())
    return model_from_request(Thread, request, extra=extra, **fields)
