"""Builders for ``beta.assistants``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import httpx
from openai.types.beta import Assistant

from . import build_model, model_from_request

__all__ = ["assistant_from_create_request", "build_assistant"]


def build_assistant(partial: Mapping[str, Any] | None = None) -> Assistant:
    """A default ``Assistant`` with ``partial`` merged over it."""
    return build_model(Assistant, partial, model="gpt-4o", tools=[])


def assistant_from_create_request(
    request: httpx.Request, *, extra: Mapping[str, Any] | None = None
) -> Assistant:
    """The ``Assistant`` a create request describes, with ``extra`` merged over it."""
    return model_from_request(Assistant, request, extra=extra)
