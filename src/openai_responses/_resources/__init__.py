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
    "batches.create": "batches:create",
    "batches.cancel": "batches:cancel",
    "chat.completions.create": "chat.completions:create",
    "chat.completions.messages.list": "chat.completions:list_messages",
    "completions.create": "completions:create",
    "embeddings.create": "embeddings:create",
    "files.create": "files:create",
    "files.list": "files:list_files",
    "models.list": "models:list_models",
    "models.retrieve": "models:retrieve",
    "models.delete": "models:delete",
    "moderations.create": "moderations:create",
    "uploads.create": "uploads:create",
    "uploads.cancel": "uploads:cancel",
    "uploads.complete": "uploads:complete",
    "uploads.parts.create": "uploads.parts:create",
    # Assistants: assistants, threads, messages, runs
    "beta.assistants.create": "beta.assistants:create",
    "beta.assistants.update": "beta.assistants:update",
    "beta.threads.create": "beta.threads.threads:create",
    "beta.threads.update": "beta.threads.threads:update",
    "beta.threads.delete": "beta.threads.threads:delete",
    "beta.threads.create_and_run": "beta.threads.threads:create_and_run",
    "beta.threads.messages.create": "beta.threads.messages:create",
    "beta.threads.messages.list": "beta.threads.messages:list_messages",
    "beta.threads.runs.create": "beta.threads.runs.runs:create",
    "beta.threads.runs.retrieve": "beta.threads.runs.runs:retrieve",
    "beta.threads.runs.cancel": "beta.threads.runs.runs:cancel",
    "beta.threads.runs.submit_tool_outputs": "beta.threads.runs.runs:submit_tool_outputs",
    # vector stores, their files and file batches
    "vector_stores.create": "vector_stores.vector_stores:create",
    "vector_stores.retrieve": "vector_stores.vector_stores:retrieve",
    "vector_stores.update": "vector_stores.vector_stores:update",
    "vector_stores.delete": "vector_stores.vector_stores:delete",
    "vector_stores.search": "vector_stores.vector_stores:search",
    "vector_stores.files.create": "vector_stores.files:create",
    "vector_stores.files.list": "vector_stores.files:list_files",
    "vector_stores.files.delete": "vector_stores.files:delete",
    "vector_stores.files.content": "vector_stores.files:content",
    "vector_stores.file_batches.create": "vector_stores.file_batches:create",
    "vector_stores.file_batches.cancel": "vector_stores.file_batches:cancel",
    "vector_stores.file_batches.list_files": "vector_stores.file_batches:list_files",
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
