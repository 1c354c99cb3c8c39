"""Builders for ``vector_stores.files``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import httpx
from openai.types.vector_stores import VectorStoreFile

from . import build_model, model_from_request

__all__ = ["build_vector_store_file", "vector_store_file_from_create_request"]


def build_vector_store_file(partial: Mapping[str, Any] | None = None) -> VectorStoreFile:
    """A default ``VectorStoreFile`` (completed) with ``partial`` merged over it."""
    from ..._resources.vector_stores.files import chunking_strategy

    return build_model(
        VectorStoreFile, partial, status="completed", attributes={}, chunking_strategy=chunking_strategy(None)
    )


def vector_store_file_from_create_request(
    vector_store_id: str, request: httpx.Request, *, extra: Mapping[str, Any] | None = None
) -> VectorStoreFile:
    """The ``VectorStoreFile`` (in progress, with the request's ``file_id`` as its id) a
    ``POST /vector_stores/{vector_store_id}/files`` request attaches, with ``extra`` merged over it."""
    from ..._request import parse_body
    from ..._resources.vector_stores.files import file_fields
    from ...stores import StateStore

    params = parse_body(request) if request.content else {}
    fields = file_fields(
        StateStore(),
        str(params.get("file_id")),
        attributes=params.get("attributes"),
        chunking=params.get("chunking_strategy"),
    )
    return model_from_request(
        VectorStoreFile, request, extra=extra, vector_store_id=vector_store_id, status="in_progress", **fields
    )
