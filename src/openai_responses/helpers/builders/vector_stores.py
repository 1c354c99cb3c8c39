"""Builders for ``vector_stores``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import httpx
from openai.types import VectorStore

from . import build_model, model_from_request

__all__ = ["build_vector_store", "vector_store_from_create_request"]


def build_vector_store(partial: Mapping[str, Any] | None = None) -> VectorStore:
    """A default ``VectorStore`` (completed, empty) with ``partial`` merged over it."""
    return build_model(VectorStore, partial, status="completed", metadata={}, name="")


def vector_store_from_create_request(
    request: httpx.Request, *, extra: Mapping[str, Any] | None = None
) -> VectorStore:
    """The ``VectorStore`` a ``POST /vector_stores`` request creates, with ``extra`` merged over it.
    Its ``file_counts`` count the request's ``file_ids`` as in progress, as the API's answer does."""
    from ..._request import parse_body
    from ..._resources.vector_stores.vector_stores import new_fields

    params = parse_body(request) if request.content else {}
    fields = new_fields(params)
    count = len(params.get("file_ids") or [])
    if count:
        fields["status"] = "in_progress"
        fields["file_counts"] = {**fields["file_counts"], "in_progress": count, "total": count}
    return model_from_request(VectorStore, request, extra=extra, **fields)
