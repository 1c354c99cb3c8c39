"""Builders for ``beta.threads.runs.steps``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from openai.types.beta.threads.runs import RunStep

from . import build_model

__all__ = ["build_run_step"]


def build_run_step(partial: Mapping[str, Any] | None = None) -> RunStep:
    """A default ``RunStep`` (a completed ``message_creation`` step) with ``partial`` merged over it.

    For a ``tool_calls`` step pass its ``type`` and ``step_details``:
    ``{"type": "tool_calls", "step_details": {"type": "tool_calls", "tool_calls": [...]}}``.
    """
    return build_model(RunStep, partial, type="message_creation", status="completed")
