"""Lay a partial over an SDK object: ``mergers.chat.merge_chat_completion_with_partial``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from ..._merge import merge
from ..._objects import to_json, to_model

M = TypeVar("M")


def merge_model_with_partial(model: M, partial: Mapping[str, Any]) -> M:
    """A copy of ``model`` with ``partial`` merged over it (dicts recursively; the partial wins)."""
    merged: M = to_model(type(model), merge(dict(to_json(model)), partial))
    return merged
