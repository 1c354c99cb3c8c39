"""``vector_stores.files``: a file of the ``files`` store attached to a vector store (same id), its
size as ``usage_bytes``; processed through the ``vector_stores.files`` lifecycle; every change
recounts its vector store (and file batch). ``content`` answers the file's bytes as text passages.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping
from typing import Any

import httpx

from ..._engine import Context
from ..._merge import merge
from ..._objects import build, to_json, to_model
from ..._settings import is_sdk_model
from ..._wire import json_response, not_found
from ...stores import StateStore
from .. import _generic
from .vector_stores import refresh

__all__ = [
    "attach",
    "chunking_strategy",
    "chunks",
    "content",
    "create",
    "delete",
    "file_fields",
    "finish",
    "list_files",
    "require_files",
]

#: the API's ``auto`` chunking: 800-token chunks overlapping by 400
AUTO_CHUNKING: dict[str, Any] = {
    "type": "static",
    "static": {"max_chunk_size_tokens": 800, "chunk_overlap_tokens": 400},
}


def require_files(state: StateStore, file_ids: Iterable[Any]) -> None:
    """The API's 404 for a file id the ``files`` store does not hold."""
    for file_id in file_ids:
        if state.files.get(str(file_id)) is None:
            raise not_found("file", str(file_id))


def chunking_strategy(requested: Any) -> dict[str, Any]:
    """The chunking strategy a file shows for the requested one (``auto`` is 800/400 static)."""
    if isinstance(requested, Mapping) and requested.get("type") == "static":
        static = requested.get("static") or {}
        return {
            "type": "static",
            "static": {
                "max_chunk_size_tokens": static.get("max_chunk_size_tokens", 800),
                "chunk_overlap_tokens": static.get("chunk_overlap_tokens", 400),
            },
        }
    return {"type": "static", "static": dict(AUTO_CHUNKING["static"])}


def _size(state: StateStore, file_id: str) -> int:
    source = state.files.get(file_id)
    size = to_json(source).get("bytes") if source is not None else None
    if isinstance(size, int) and size > 0:
        return size
    content = state.files.get_content(file_id)
    return len(content) if content is not None else 0


def file_fields(
    state: StateStore, file_id: str, *, attributes: Any = None, chunking: Any = None
) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "id": file_id,
        "usage_bytes": _size(state, file_id),
        "chunking_strategy": chunking_strategy(chunking),
        "last_error": None,
        "created_at": int(time.time()),
        "attributes": dict(attributes) if isinstance(attributes, Mapping) else {},
    }
    return fields


def attach(
    state: StateStore,
    vector_store_id: str,
    file_id: str,
    *,
    attributes: Any = None,
    chunking_strategy: Any = None,
    batch_id: str | None = None,
) -> dict[str, Any]:
    """Attach a stored file to a vector store (in progress); the caller recounts the store."""
    from openai.types.vector_stores import VectorStoreFile

    obj = build(
        VectorStoreFile,
        None,
        None,
        vector_store_id=vector_store_id,
        status="in_progress",
        **file_fields(state, file_id, attributes=attributes, chunking=chunking_strategy),
    )
    moved_from = _forget_attachment(state, file_id)
    state.vector_stores.files.put(to_model(VectorStoreFile, obj), vector_store_id)
    if batch_id is not None:
        state.vector_stores.files.extra(file_id)["batch_id"] = batch_id
    _recount_previous(state, moved_from, vector_store_id)
    return obj


def _forget_attachment(state: StateStore, file_id: str) -> tuple[str | None, str | None]:
    """Reset what the store keeps about an earlier attachment of the file; return where it was
    (vector store, batch).

    The state keeps a file id once (ids are unique across parents), so a file attached to a second
    vector store leaves the first: that store is recounted (:func:`_recount_previous`).
    """
    store = state.vector_stores.files
    parents = store.parents(file_id) or (None,)
    extra = store.extra(file_id)
    batch_id = extra.pop("batch_id", None)
    extra.pop("polls", None)
    return parents[0], batch_id


def _recount_previous(
    state: StateStore, previous: tuple[str | None, str | None], vector_store_id: str
) -> None:
    old_store, old_batch = previous
    if old_store is not None and old_store != vector_store_id:
        refresh(state, old_store, [old_batch])
    elif old_batch is not None:
        refresh(state, vector_store_id, [old_batch])


def finish(context: Context, obj: Any, new_status: str) -> dict[str, Any]:
    """The lifecycle's finish hook: a failed file gets an error; its store and batch are recounted."""
    return settle(context.state, dict(obj), new_status)


def settle(state: StateStore, data: dict[str, Any], status: str, *, recount: bool = True) -> dict[str, Any]:
    """Store the file in ``status`` and recount its vector store and batch (unless the caller
    recounts once for many files)."""
    from openai.types.vector_stores import VectorStoreFile

    data["status"] = status
    if status == "failed" and not data.get("last_error"):
        data["last_error"] = {"code": "server_error", "message": "The file could not be processed."}
    store = state.vector_stores.files
    vector_store_id = data["vector_store_id"]
    store.put(to_model(VectorStoreFile, data), vector_store_id)
    if recount:
        refresh(state, vector_store_id, [store.extra(data["id"]).get("batch_id")])
    return data


# -- handlers -------------------------------------------------------------------------------------


def create(context: Context, setting: Any) -> httpx.Response:
    _generic.check_parents(context)
    state = context.state
    file_id = str(context.params.get("file_id"))
    require_files(state, [file_id])
    fields = file_fields(
        state,
        file_id,
        attributes=context.params.get("attributes"),
        chunking=context.params.get("chunking_strategy"),
    )
    vector_store_id = context.path_params["vector_store_id"]
    moved_from = _forget_attachment(state, file_id)
    obj = _generic.new_object(context, setting, fields)
    _recount_previous(state, moved_from, vector_store_id)
    refresh(state, vector_store_id)
    return _generic.respond(context, obj)


def list_files(context: Context, setting: Any) -> httpx.Response:
    return _generic.list_matching(context, setting, query="filter", field="status")


def delete(context: Context, setting: Any) -> httpx.Response:
    """Detach the file (the file itself stays in the ``files`` store) and recount."""
    store = context.state.vector_stores.files
    batch_id = store.extra(context.path_params["file_id"]).get("batch_id")
    response = _generic.delete(context, setting)
    refresh(context.state, context.path_params["vector_store_id"], [batch_id])
    return response


def max_chunk_tokens(vector_store_file: Mapping[str, Any]) -> int:
    static = (vector_store_file.get("chunking_strategy") or {}).get("static") or {}
    size = static.get("max_chunk_size_tokens")
    return size if isinstance(size, int) and size > 0 else 800


def chunks(text: str, max_tokens: int = 800) -> list[str]:
    """The file's text as passages: paragraphs, joined up to about ``max_tokens`` tokens (four
    characters a token), a longer paragraph cut at words."""
    limit = max(max_tokens * 4, 1)
    passages: list[str] = []
    current = ""
    for paragraph in (p.strip() for p in text.replace("\r\n", "\n").split("\n\n")):
        if not paragraph:
            continue
        while len(paragraph) > limit:
            cut = paragraph.rfind(" ", 0, limit)
            cut = cut if cut > 0 else limit
            if current:
                passages.append(current)
                current = ""
            passages.append(paragraph[:cut].strip())
            paragraph = paragraph[cut:].strip()
        if current and len(current) + 2 + len(paragraph) > limit:
            passages.append(current)
            current = ""
        current = f"{current}\n\n{paragraph}" if current else paragraph
    if current:
        passages.append(current)
    return passages


def content(context: Context, setting: Any) -> httpx.Response:
    """The parsed text of a vector store's file, as the API pages it."""
    if is_sdk_model(setting):
        return json_response(200, {"object": "vector_store.file_content.page", "data": [to_json(setting)]})
    state = context.state
    vector_store_id = context.path_params["vector_store_id"]
    file_id = context.path_params["file_id"]
    if state.vector_stores.get(vector_store_id) is None:
        raise not_found("vector store", vector_store_id, param="vector_store_id")
    attached = state.vector_stores.files.get(file_id, vector_store_id)
    if attached is None:
        raise not_found("file", file_id)
    raw = state.files.get_content(file_id) or b""
    passages = chunks(raw.decode("utf-8", errors="replace"), max_chunk_tokens(to_json(attached)))
    body = {
        "object": "vector_store.file_content.page",
        "data": [{"type": "text", "text": passage} for passage in passages],
        "has_more": False,
        "next_page": None,
    }
    return json_response(200, merge(body, setting) if setting else body)
