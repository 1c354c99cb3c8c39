"""``beta.assistants``: generic CRUD, plus the nested request fields an assistant keeps as sent
(``tools``, ``tool_resources``, ``response_format``), which the generic copy of scalars leaves out."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import httpx
from openai.types.beta.assistant import Assistant

from ..._engine import Context
from ..._objects import admits
from ...stores import StateStore
from .. import _generic

__all__ = ["assistant_fields", "create", "tool_resources", "update"]


def tool_resources(value: Any, state: StateStore) -> dict[str, Any] | None:
    """The ``tool_resources`` an assistant or thread shows for the request's.

    ``file_search.vector_stores`` asks the API to create vector stores from file ids: they are
    created (and stored) here, and their ids join ``vector_store_ids``.
    """
    if not isinstance(value, Mapping):
        return None
    resources: dict[str, Any] = {}
    interpreter = value.get("code_interpreter")
    if isinstance(interpreter, Mapping):
        resources["code_interpreter"] = {"file_ids": [str(i) for i in interpreter.get("file_ids") or []]}
    search = value.get("file_search")
    if isinstance(search, Mapping):
        ids = [str(i) for i in search.get("vector_store_ids") or []]
        from ..vector_stores.vector_stores import create_vector_store

        for request in search.get("vector_stores") or []:
            if isinstance(request, Mapping):
                ids.append(create_vector_store(state, request)["id"])
        resources["file_search"] = {"vector_store_ids": ids}
    return resources


def assistant_fields(params: Mapping[str, Any], state: StateStore) -> dict[str, Any]:
    """The nested request fields an assistant keeps (only those the request sends)."""
    fields: dict[str, Any] = {}
    if isinstance(params.get("tools"), list):
        fields["tools"] = [dict(tool) for tool in params["tools"] if isinstance(tool, Mapping)]
    if "tool_resources" in params:
        fields["tool_resources"] = tool_resources(params["tool_resources"], state)
    if "response_format" in params and admits(Assistant, "response_format", params["response_format"]):
        fields["response_format"] = params["response_format"]
    return fields


def create(context: Context, setting: Any) -> httpx.Response:
    # what the API shows for what the request leaves out
    shown = {"tools": [], "metadata": {}, "response_format": "auto", "temperature": 1.0, "top_p": 1.0}
    fields = {key: value for key, value in shown.items() if context.params.get(key) is None}
    fields.update(assistant_fields(context.params, context.state))
    return _generic.respond(context, _generic.new_object(context, setting, fields))


def update(context: Context, setting: Any) -> httpx.Response:
    _generic.stored_object(context)  # a 404 before any vector store is created for it
    return _generic.update(context, setting, fields=assistant_fields(context.params, context.state))
