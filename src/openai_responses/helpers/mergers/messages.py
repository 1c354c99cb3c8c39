"""Mergers for ``messages``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from openai.types.beta.threads import Message

from . import merge_model_with_partial

__all__ = ["merge_message_with_partial"]


def merge_message_with_partial(model: Message, partial: Mapping[str, Any]) -> Message:
    """A copy of the object with the partial merged over it (dicts recursively; the partial wins)."""
    return merge_model_with_partial(model, partial)
