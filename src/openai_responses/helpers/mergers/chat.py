"""Mergers for ``chat.completions``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from openai.types.chat import ChatCompletion

from . import merge_model_with_partial

__all__ = ["merge_chat_completion_with_partial"]


def merge_chat_completion_with_partial(model: ChatCompletion, partial: Mapping[str, Any]) -> ChatCompletion:
    """A copy of the completion with the partial merged over it."""
    return merge_model_with_partial(model, partial)
