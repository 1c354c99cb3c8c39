"""``responses.input_tokens.count``: what a create request with these parameters would be billed as
input: instructions, the ``previous_response_id`` chain or the conversation's items, and the input."""

from __future__ import annotations

from typing import Any

import httpx

from ..._engine import Context
from ..._objects import build, to_json
from ..._settings import is_sdk_model
from ..._wire import json_response
from ..chat.completions import estimate_tokens
from . import _instructions_text, conversation_items, conversation_of, previous_items, store_name
from ._items import items_from_input, text_of


def count(context: Context, setting: Any) -> httpx.Response:
    if is_sdk_model(setting):
        return json_response(200, to_json(setting))
    params = context.params
    store = context.store(store_name(context))
    conversation_id = conversation_of(context, params)
    seen = [
        *previous_items(store, params),
        *conversation_items(context, conversation_id),
        *items_from_input(params.get("input")),
    ]
    text = " ".join(filter(None, [_instructions_text(params), text_of(seen)]))
    return json_response(200, build(context.model, None, setting, input_tokens=estimate_tokens(text)))
