"""Handlers: what each route does. Generic ones by kind (``_generic``); resource-specific ones
mirror the SDK's tree (``chat/completions.py`` answers ``chat.completions.*``).

Overrides are data: the SDK method path → ``module:function``, imported on first use so that a test
pays only for the handlers it calls.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING

import httpx

if TYPE_CHECKING:
    from .._engine import Context
    from .._routes.endpoint import Endpoint

Handler = Callable[["Context", object], httpx.Response]

OVERRIDES: dict[str, str] = {
    "chat.completions.create": "chat.completions:create",
    "chat.completions.messages.list": "chat.completions:list_messages",
    "completions.create": "completions:create",
    "embeddings.create": "embeddings:create",
    "models.list": "models:list_models",
    "models.retrieve": "models:retrieve",
    "models.delete": "models:delete",
    "moderations.create": "moderations:create",
    # the Responses API; beta.responses.* are the same routes with ?beta=true
    "responses.create": "responses:create",
    "responses.retrieve": "responses:retrieve",
    "responses.cancel": "responses:cancel",
    "responses.compact": "responses:compact",
    "responses.input_items.list": "responses.input_items:list_input_items",
    "responses.input_tokens.count": "responses.input_tokens:count",
    "beta.responses.create": "responses:create",
    "beta.responses.retrieve": "responses:retrieve",
    "beta.responses.cancel": "responses:cancel",
    "beta.responses.compact": "responses:compact",
    "beta.responses.input_items.list": "responses.input_items:list_input_items",
    "beta.responses.input_tokens.count": "responses.input_tokens:count",
    "conversations.create": "conversations:create",
    "conversations.items.create": "conversations.items:create",
    "conversations.items.delete": "conversations.items:delete",
    # not SDK methods: routes of _routes/extra.py
    "traces.ingest": "traces:ingest",
}


@cache
def handler_for(endpoint: Endpoint) -> Handler:
    target = OVERRIDES.get(endpoint.sdk_path)
    if target is not None:
        module_name, _, function = target.partition(":")
        module = importlib.import_module(f"{__name__}.{module_name}")
        handler: Handler = getattr(module, function)
        return handler
    from . import _generic

    generic: Handler = getattr(_generic, endpoint.kind)
    return generic
