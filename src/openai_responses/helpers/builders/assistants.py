"""Builders for ``beta.assistants``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import httpx
from openai.types.beta import Assistant

from . import build_model, model_from_request

__all__ = ["assistant_from_create_request", "build_assistant"]


def build_assistant(partial: Mapping[str, Any] | None = None) -> Assistant:
    """A default ``Assistant`` (``gpt-4o``, no tools) with ``partial`` merged over it."""
    return build_model(Assistant, partial, model="gpt-4o", tools=[], metadata={})


def assistant_from_create_request(
    request: httpx.Request, *, extra: Mapping[str, Any] | None = None
) -> Assistant:
    """The ``Assistant`` a ``POST /assistants`` request creates (its tools, tool resources and
    response format included), with ``extra`` merged over it."""
    from ..._request import parse_body
    from ..._resources.beta.assistants import assistant_fields
    from ...stores import StateStore

    params = parse_body(request) if request.content else {}
    fields = {"tools": [], "metadata": {}, **assistant_fields(params, StateStore())}
    return model_from_request(Assistant, request, extra=extra, **fields)
