"""Builders for ``vector_stores.file_batches``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import httpx
from openai.types.vector_stores import VectorStoreFileBatch

from . import build_model, model_from_request

__all__ = ["build_vector_store_file_batch", "vector_store_file_batch_from_create_request"]


def build_vector_store_file_batch(partial: Mapping[str, Any] | None = None) -> VectorStoreFileBatch:
    """A default ``VectorStoreFileBatch`` (completed, no files) with ``partial`` merged over it."""
    return build_model(VectorStoreFileBatch, partial, status="completed")


def vector_store_file_batch_from_create_request(
    vector_store_id: str, request: httpx.Request, *, extra: Mapping[str, Any] | None = None
) -> VectorStoreFileBatch:
    """The ``VectorStoreFileBatch`` (in progress, counting the request's files) a
    ``POST /vector_stores/{vector_store_id}/file_batches`` request creates, with ``extra`` merged over it."""
    from ..._request import parse_body
    from ..._resources.vector_stores.file_batches import requested_files

    params = parse_body(request) if request.content else {}
    count = len(requested_files(params))
    counts = {"in_progress": count, "completed": 0, "failed": 0, "cancelled": 0, "total": count}
    return model_from_request(
        VectorStoreFileBatch,
        request,
        extra=extra,
        vector_store_id=vector_store_id,
        status="in_progress",
        file_counts=counts,
    )
