"""Builders for ``chat.completions``."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import httpx
from openai.types.chat import ChatCompletion

from ..._objects import to_model
from ..._request import parse_body

__all__ = ["build_chat_completion", "chat_completion_from_create_request"]


def chat_completion_from_create_request(
    request: httpx.Request, *, extra: Mapping[str, Any] | None = None
) -> ChatCompletion:
    """The ``ChatCompletion`` the mock would answer for this create request, with ``extra`` laid over it."""
    from ..._resources.chat.completions import completion_from_params

    params = parse_body(request) if request.content else {}
    obj = completion_from_params(params, dict(extra) if extra else None)
    completion: ChatCompletion = to_model(ChatCompletion, json.loads(json.dumps(obj)))
    return completion


def build_chat_completion(partial: Mapping[str, Any] | None = None) -> ChatCompletion:
    """A default ``ChatCompletion`` (one assistant message) with ``partial`` laid over it."""
    from ..._resources.chat.completions import completion_from_params

    obj = completion_from_params({}, dict(partial) if partial else None)
    completion: ChatCompletion = to_model(ChatCompletion, obj)
    return completion
