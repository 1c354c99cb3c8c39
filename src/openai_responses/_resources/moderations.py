"""``moderations.create``: one unflagged result per input, every category false."""

from __future__ import annotations

from typing import Any

import httpx

from .._defaults import new_id
from .._engine import Context
from .._merge import merge
from .._objects import to_json
from .._settings import is_sdk_model
from .._wire import json_response

CATEGORIES = (
    "harassment",
    "harassment/threatening",
    "hate",
    "hate/threatening",
    "illicit",
    "illicit/violent",
    "self-harm",
    "self-harm/instructions",
    "self-harm/intent",
    "sexual",
    "sexual/minors",
    "violence",
    "violence/graphic",
)


def _count(value: Any) -> int:
    if isinstance(value, list):
        # a list of strings is several inputs; a list of content parts is one multimodal input
        return len(value) if all(isinstance(v, str) for v in value) else 1
    return 1


def create(context: Context, setting: Any) -> httpx.Response:
    if is_sdk_model(setting):
        return json_response(200, to_json(setting))
    result = {
        "flagged": False,
        "categories": dict.fromkeys(CATEGORIES, False),
        "category_scores": dict.fromkeys(CATEGORIES, 0.0001),
        "category_applied_input_types": {category: ["text"] for category in CATEGORIES},
    }
    obj: dict[str, Any] = {
        "id": new_id("modr-"),
        "model": context.params.get("model") or "omni-moderation-latest",
        "results": [dict(result) for _ in range(_count(context.params.get("input")))],
    }
    if setting:
        obj = merge(obj, setting)
    return json_response(200, obj)
