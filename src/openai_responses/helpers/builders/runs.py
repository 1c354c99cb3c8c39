"""Builders for ``beta.threads.runs``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import httpx
from openai.types.beta.threads import Run

from . import build_model, model_from_request

__all__ = ["build_run", "run_from_create_request"]


def build_run(partial: Mapping[str, Any] | None = None) -> Run:
    """A default ``Run`` (``queued``, ``gpt-4o``, no tools) with ``partial`` merged over it."""
    return build_model(
        Run,
        partial,
        status="queued",
        model="gpt-4o",
        tools=[],
        tool_choice="auto",
        parallel_tool_calls=True,
        response_format="auto",
        metadata={},
    )


def run_from_create_request(
    thread_id: str,
    request: httpx.Request,
    *,
    extra: Mapping[str, Any] | None = None,
    assistant: Any = None,
) -> Run:
    """The ``Run`` (``queued``) a ``POST /threads/{thread_id}/runs`` request starts, with ``extra``
    merged over it. Pass the ``assistant`` (an ``Assistant`` or dict) for the model, instructions
    and tools the run takes from it where the request does not say; else they come from the
    request alone (model ``gpt-4o``)."""
    from ..._objects import to_json
    from ..._request import parse_body
    from ..._resources.beta.threads.runs.runs import run_fields

    params = parse_body(request) if request.content else {}
    source = dict(to_json(assistant)) if assistant is not None else {"id": params.get("assistant_id")}
    fields = run_fields(params, source)
    return model_from_request(Run, request, extra=extra, thread_id=thread_id, status="queued", **fields)
