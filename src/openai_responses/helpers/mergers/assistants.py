"""Mergers for ``assistants``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from openai.types.beta import Assistant

from . import merge_model_with_partial

__all__ = ["merge_assistant_with_partial"]


def merge_assistant_with_partial(model: Assistant, partial: Mapping[str, Any]) -> Assistant:
    """A copy of the object with the partial merged over it (dicts recursively; the partial wins)."""
    return merge_model_with_partial(model, partial)
