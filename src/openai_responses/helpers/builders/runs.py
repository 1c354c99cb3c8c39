"""Builders for ``beta.threads.runs``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import httpx
from openai.types.beta.threads import Run

from . import build_model, model_from_request

__all__ = ["build_run", "run_from_create_request"]


def build_run(partial: Mapping[str, Any] | None = None) -> Run:
    """A default ``Run`` (``queued``) with ``partial`` merged over it."""
    return build_model(Run, partial, status="queued", model="gpt-4o", tools=[])


def run_from_create_request(
    thread_id: str, request: httpx.Request, *, extra: Mapping[str, Any] | None = None
) -> Run:
    """The ``Run`` a create request starts on ``thread_id``, with ``extra`` merged over it."""
    return model_from_request(Run, request, extra=extra, thread_id=thread_id, status="queued")
