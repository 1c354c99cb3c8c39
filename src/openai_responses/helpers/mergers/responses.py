"""Mergers for ``responses``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from openai.types.responses import Response

from . import merge_model_with_partial

__all__ = ["merge_response_with_partial"]


def merge_response_with_partial(model: Response, partial: Mapping[str, Any]) -> Response:
    """A copy of the response with the partial merged over it."""
    return merge_model_with_partial(model, partial)
