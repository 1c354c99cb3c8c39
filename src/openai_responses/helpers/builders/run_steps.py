"""Builders for ``beta.threads.runs.steps``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from openai.types.beta.threads.runs import RunStep

from . import build_model

__all__ = ["build_run_step"]


def build_run_step(partial: Mapping[str, Any] | None = None) -> RunStep:
    """A default ``RunStep`` with ``partial`` merged over it."""
    return build_model(RunStep, partial)
