"""``conversations.items``: ``create`` adds the items and answers them as a list; ``delete`` answers
the conversation the item was removed from (as the API does). List and retrieve are generic."""

from __future__ import annotations

from typing import Any

import httpx

from ..._engine import Context
from ..._merge import merge
from ..._objects import to_json
from ..._settings import is_sdk_model
from ..._wire import json_response
from ...stores import Page
from .._generic import check_parents, page_body, respond, stored_object
from ..responses._items import items_from_input


def create(context: Context, setting: Any) -> httpx.Response:
    check_parents(context)
    if is_sdk_model(setting):
        return respond(context, to_json(setting))
    conversation_id = context.path_params["conversation_id"]
    store = context.store()
    added = items_from_input(context.params.get("items"))
    for item in added:
        store.put(item, conversation_id)
    body = page_body(context, added, Page(data=added, has_more=False))
    return json_response(200, merge(body, setting) if setting else body)


def delete(context: Context, setting: Any) -> httpx.Response:
    store, item_id, _ = stored_object(context)
    store.delete(item_id)
    if is_sdk_model(setting):
        return respond(context, to_json(setting))
    conversation = to_json(context.state.store("conversations").get(context.path_params["conversation_id"]))
    return respond(context, merge(conversation, setting) if setting else conversation)
