"""``models``: a store seeded with current model ids; ``retrieve`` of an unknown id is the API's 404."""

from __future__ import annotations

from typing import Any

import httpx

from .._engine import Context
from .._merge import merge
from .._objects import to_json
from .._settings import is_sdk_model
from .._wire import APIErrorAnswer, json_response
from ..stores import ResourceStore

#: the models a fresh mock lists: current ids (``owned_by`` as the API says)
SEEDED_MODELS = (
    ("gpt-5", "system"),
    ("gpt-5-mini", "system"),
    ("gpt-5-nano", "system"),
    ("gpt-4.1", "system"),
    ("gpt-4.1-mini", "system"),
    ("gpt-4.1-nano", "system"),
    ("gpt-4o", "system"),
    ("gpt-4o-mini", "system"),
    ("o3", "system"),
    ("o4-mini", "system"),
    ("gpt-3.5-turbo", "openai"),
    ("gpt-3.5-turbo-instruct", "system"),
    ("text-embedding-3-small", "system"),
    ("text-embedding-3-large", "system"),
    ("text-embedding-ada-002", "openai-internal"),
    ("omni-moderation-latest", "system"),
    ("gpt-image-1", "system"),
    ("dall-e-3", "system"),
    ("whisper-1", "openai-internal"),
    ("gpt-4o-transcribe", "system"),
    ("tts-1", "openai-internal"),
    ("gpt-realtime", "system"),
)
SEED_CREATED = 1_700_000_000


def models_store(context: Context) -> ResourceStore:
    store = context.store("models")
    extra = store.extra("__seeded__")
    if not extra:
        extra["seeded"] = True
        for model_id, owner in SEEDED_MODELS:
            if store.get(model_id) is None:
                store.put({"id": model_id, "object": "model", "created": SEED_CREATED, "owned_by": owner})
    return store


def _not_found(model_id: str) -> APIErrorAnswer:
    return APIErrorAnswer(
        404, f"The model '{model_id}' does not exist or you do not have access to it.", code="model_not_found"
    )


def list_models(context: Context, setting: Any) -> httpx.Response:
    store = models_store(context)
    data = [to_json(model) for model in store.list(limit=10_000, order="asc").data]
    body: dict[str, Any] = {"object": "list", "data": data}
    if isinstance(setting, dict):
        body = merge(body, setting)
    return json_response(200, body)


def retrieve(context: Context, setting: Any) -> httpx.Response:
    model_id = context.path_params["model"]
    found = models_store(context).get(model_id)
    if is_sdk_model(setting):
        return json_response(200, to_json(setting))
    if found is None:
        if not setting:
            raise _not_found(model_id)
        found = {"id": model_id, "object": "model", "created": SEED_CREATED, "owned_by": "system"}
    obj = to_json(found)
    if setting:
        obj = merge(obj, setting)
    return json_response(200, obj)


def delete(context: Context, setting: Any) -> httpx.Response:
    model_id = context.path_params["model"]
    if not models_store(context).delete(model_id) and not setting:
        raise _not_found(model_id)
    body: dict[str, Any] = {"id": model_id, "object": "model", "deleted": True}
    if isinstance(setting, dict):
        body = merge(body, setting)
    return json_response(200, to_json(setting) if is_sdk_model(setting) else body)
