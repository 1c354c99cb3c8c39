"""Mergers for ``vector_store_files``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from openai.types.vector_stores import VectorStoreFile

from . import merge_model_with_partial

__all__ = ["merge_vector_store_file_with_partial"]


def merge_vector_store_file_with_partial(
    model: VectorStoreFile, partial: Mapping[str, Any]
) -> VectorStoreFile:
    """A copy of the object with the partial merged over it (dicts recursively; the partial wins)."""
    return merge_model_with_partial(model, partial)
