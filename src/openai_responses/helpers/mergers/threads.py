"""Mergers for ``threads``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from openai.types.beta import Thread

from . import merge_model_with_partial

__all__ = ["merge_thread_with_partial"]


def merge_thread_with_partial(model: Thread, partial: Mapping[str, Any]) -> Thread:
    """A copy of the object with the partial merged over it (dicts recursively; the partial wins)."""
    return merge_model_with_partial(model, partial)
