"""``completions.create`` (legacy): ``n`` text choices with plausible ``usage``; ``stream=True`` too."""

from __future__ import annotations

from typing import Any

import httpx

from .._engine import Context
from .._merge import merge
from .._objects import build, to_json
from .._settings import is_sdk_model
from .._validation import check_range
from ._generic import respond
from .chat.completions import MAX_CHOICES, estimate_tokens

DEFAULT_TEXT = " This is a mocked completion."


def create(context: Context, setting: Any) -> httpx.Response:
    if is_sdk_model(setting):
        return respond(context, to_json(setting))
    params = context.params
    n = check_range(params, "n", 1, MAX_CHOICES) or 1
    choices = [
        {"index": i, "text": DEFAULT_TEXT, "finish_reason": "stop", "logprobs": None} for i in range(n)
    ]
    obj = build(
        context.model, None, None, model=params.get("model") or "gpt-3.5-turbo-instruct", choices=choices
    )
    if setting:
        obj = merge(obj, setting)
    prompt = params.get("prompt")
    prompt_tokens = (
        estimate_tokens(prompt if isinstance(prompt, str) else " ".join(map(str, prompt or []))) or 1
    )
    completion_tokens = sum(estimate_tokens(c.get("text") or "") for c in obj.get("choices") or [])
    obj.setdefault(
        "usage",
        {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
        },
    )
    return respond(context, obj)
