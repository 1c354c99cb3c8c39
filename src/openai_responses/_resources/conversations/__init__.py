"""``conversations``: a conversation keeps items (``state.conversations.items``, under the
conversation's id): those it was created with, those added with ``items.create``, and the input and
output of every response created with ``conversation=<id>``. Retrieve, update and delete are the
generic ones.
"""

from __future__ import annotations

from typing import Any

import httpx

from ..._engine import Context
from ..._objects import build, to_json, to_model
from ..._settings import is_sdk_model
from .._generic import respond
from ..responses._items import items_from_input


def create(context: Context, setting: Any) -> httpx.Response:
    params = context.params
    if is_sdk_model(setting):
        obj = to_json(setting)
        context.store().put(setting)
    else:
        metadata = params.get("metadata")
        obj = build(
            context.model, None, setting, metadata=dict(metadata) if isinstance(metadata, dict) else {}
        )
        context.store().put(to_model(context.model, obj))
    items = context.state.store("conversations.items")
    for item in items_from_input(params.get("items")):
        items.put(item, obj["id"])
    return respond(context, obj)
