"""Mergers for ``vector_stores``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from openai.types import VectorStore

from . import merge_model_with_partial

__all__ = ["merge_vector_store_with_partial"]


def merge_vector_store_with_partial(model: VectorStore, partial: Mapping[str, Any]) -> VectorStore:
    """A copy of the object with the partial merged over it (dicts recursively; the partial wins)."""
    return merge_model_with_partial(model, partial)
