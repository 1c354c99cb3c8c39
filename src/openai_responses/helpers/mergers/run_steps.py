"""Mergers for ``run_steps``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from openai.types.beta.threads.runs import RunStep

from . import merge_model_with_partial

__all__ = ["merge_run_step_with_partial"]


def merge_run_step_with_partial(model: RunStep, partial: Mapping[str, Any]) -> RunStep:
    """A copy of the object with the partial merged over it (dicts recursively; the partial wins)."""
    return merge_model_with_partial(model, partial)
