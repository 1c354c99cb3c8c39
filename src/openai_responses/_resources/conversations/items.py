"""``conversations.items``: ``create`` adds the items and answers them as a list; ``delete`` answers
the conversation the item was removed from (as the API does). List and retrieve are generic."""

from __future__ import annotations

from typing import Any

import httpx

from ..._engine import Context
from ..._merge import merge
from ..._objects import to_json
from ..._settings import is_sdk_model
from ..._validation import ARTICLE, kind_of
from ..._wire import APIErrorAnswer, json_response
from ...stores import Page
from .._generic import check_parents, page_body, respond, stored_object
from ..responses._items import items_from_input


def create(context: Context, setting: Any) -> httpx.Response:
    check_parents(context)
    if is_sdk_model(setting):
        return respond(context, to_json(setting))
    conversation_id = context.path_params["conversation_id"]
    store = context.store()
    items = context.params.get("items")
    for position, item in enumerate(items if isinstance(items, list) else []):
        if not isinstance(item, dict):
            raise APIErrorAnswer(
                400,
                f"Invalid type for 'items[{position}]': expected an object, "
                f"but got {ARTICLE[kind_of(item)]} instead.",
                param=f"items[{position}]",
                code="invalid_type",
            )
    if items == []:
        raise APIErrorAnswer(
            400,
            "Invalid 'items': empty array. Expected an array with minimum length 1, "
            "but got an empty array instead.",
            param="items",
            code="empty_array",
        )
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
