"""Mergers for ``runs``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from openai.types.beta.threads import Run

from . import merge_model_with_partial

__all__ = ["merge_run_with_partial"]


def merge_run_with_partial(model: Run, partial: Mapping[str, Any]) -> Run:
    """A copy of the object with the partial merged over it (dicts recursively; the partial wins)."""
    return merge_model_with_partial(model, partial)
