"""``vector_stores``: a vector store's ``file_counts``, ``usage_bytes`` and ``status`` are always
those of the files stored under it (:func:`refresh` recounts them whenever a file changes); files
given at create are attached; retrieving a store is a poll of its files still in progress; ``search``
answers passages of the stored files' bytes that contain the query's words.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable, Mapping
from typing import Any

import httpx

from ..._engine import Context
from ..._merge import merge
from ..._objects import build, to_json, to_model
from ..._settings import is_sdk_model
from ..._wire import APIErrorAnswer, json_response
from ...stores import StateStore
from .. import _generic

__all__ = [
    "create",
    "create_vector_store",
    "delete",
    "refresh",
    "retrieve",
    "search",
    "update",
    "vector_store_fields",
]

#: a ``limit`` that lists every object under a parent
EVERYTHING = 1 << 62
STATUSES = ("in_progress", "completed", "failed", "cancelled")


def file_counts(files: Iterable[Any]) -> dict[str, int]:
    counts = dict.fromkeys(STATUSES, 0)
    total = 0
    for item in files:
        status = to_json(item).get("status")
        if status in counts:
            counts[status] += 1
        total += 1
    return {**counts, "total": total}


def refresh(
    state: StateStore, vector_store_id: str, batch_ids: Iterable[str | None] = ()
) -> dict[str, Any] | None:
    """Recount a vector store (and the given file batches of it) from the files stored under it;
    return the vector store's JSON, or ``None`` if it is gone."""
    from openai.types import VectorStore
    from openai.types.vector_stores import VectorStoreFileBatch

    files_store = state.vector_stores.files
    files = [to_json(f) for f in files_store.list(vector_store_id, limit=EVERYTHING, order="asc").data]
    for batch_id in {b for b in batch_ids if b}:
        batch = state.vector_stores.file_batches.get(batch_id)
        if batch is None:
            continue
        members = [f for f in files if files_store.extra(f["id"]).get("batch_id") == batch_id]
        data = {**to_json(batch), "file_counts": file_counts(members)}
        state.vector_stores.file_batches.put(to_model(VectorStoreFileBatch, data), vector_store_id)
    stored = state.vector_stores.get(vector_store_id)
    if stored is None:
        return None
    data = dict(to_json(stored))
    data["file_counts"] = file_counts(files)
    data["usage_bytes"] = sum(int(f.get("usage_bytes") or 0) for f in files if f.get("status") == "completed")
    if data.get("status") != "expired":
        data["status"] = "in_progress" if data["file_counts"]["in_progress"] else "completed"
    state.vector_stores.put(to_model(VectorStore, data))
    return data


def vector_store_fields(params: Mapping[str, Any]) -> dict[str, Any]:
    """What a create or update request says about a vector store, besides the copied scalars."""
    fields: dict[str, Any] = {}
    expires_after = params.get("expires_after")
    if isinstance(expires_after, Mapping):
        fields["expires_after"] = dict(expires_after)
        days = expires_after.get("days")
        if isinstance(days, int):
            fields["expires_at"] = int(time.time()) + days * 86400
    return fields


def new_fields(params: Mapping[str, Any]) -> dict[str, Any]:
    now = int(time.time())
    return {
        "name": params.get("name") or "",
        "metadata": params.get("metadata") or {},
        "status": "completed",
        "file_counts": file_counts(()),
        "usage_bytes": 0,
        "last_active_at": now,
        **vector_store_fields(params),
    }


def _attach_requested_files(state: StateStore, vector_store_id: str, params: Mapping[str, Any]) -> None:
    from .files import attach

    for file_id in params.get("file_ids") or []:
        attach(state, vector_store_id, str(file_id), chunking_strategy=params.get("chunking_strategy"))


def create_vector_store(state: StateStore, params: Mapping[str, Any]) -> dict[str, Any]:
    """Create and store a vector store outside a ``vector_stores.create`` call (the
    ``tool_resources.file_search.vector_stores`` of an assistant or thread)."""
    from openai.types import VectorStore

    from .files import require_files

    require_files(state, params.get("file_ids") or [])
    obj = build(VectorStore, dict(params), None, **new_fields(params))
    state.vector_stores.put(to_model(VectorStore, obj))
    _attach_requested_files(state, obj["id"], params)
    return refresh(state, obj["id"]) or obj


# -- handlers -------------------------------------------------------------------------------------


def create(context: Context, setting: Any) -> httpx.Response:
    from .files import require_files

    require_files(context.state, context.params.get("file_ids") or [])
    obj = _generic.new_object(context, setting, new_fields(context.params))
    _attach_requested_files(context.state, obj["id"], context.params)
    if context.params.get("file_ids"):
        obj = refresh(context.state, obj["id"]) or obj
    return _generic.respond(context, obj)


def retrieve(context: Context, setting: Any) -> httpx.Response:
    """The vector store after one poll of its files still in progress."""
    _, vector_store_id, stored = _generic.stored_object(context)
    if is_sdk_model(setting):
        return _generic.retrieve(context, setting)
    files_store = context.state.vector_stores.files
    for item in files_store.list(vector_store_id, limit=EVERYTHING, order="asc").data:
        data = to_json(item)
        if data.get("status") == "in_progress":
            polling = _generic.on_route(
                context,
                "vector_stores.files.retrieve",
                {"vector_store_id": vector_store_id, "file_id": data["id"]},
                {},
            )
            _generic._finish(polling, files_store, data["id"], dict(data))
    obj = refresh(context.state, vector_store_id) or to_json(stored)
    return _generic.respond(context, merge(obj, setting) if setting else obj)


def update(context: Context, setting: Any) -> httpx.Response:
    return _generic.update(context, setting, fields=vector_store_fields(context.params))


def delete(context: Context, setting: Any) -> httpx.Response:
    """The vector store and, with it, its files and file batches."""
    response = _generic.delete(context, setting)
    vector_store_id = context.path_params["vector_store_id"]
    for name in ("vector_stores.files", "vector_stores.file_batches"):
        children = context.state.store(name)
        for item in children.list(vector_store_id, limit=EVERYTHING).data:
            children.delete(to_json(item)["id"])
    return response


# -- search ---------------------------------------------------------------------------------------

_WORD = re.compile(r"\w+", re.UNICODE)


def words(text: str) -> list[str]:
    return [word.lower() for word in _WORD.findall(text)]


def matches(filters: Any, attributes: Mapping[str, Any]) -> bool:
    """Whether a file's ``attributes`` pass a search's ``filters`` (comparison or compound)."""
    if not isinstance(filters, Mapping):
        return True
    kind = filters.get("type")
    if kind in ("and", "or"):
        results = [matches(f, attributes) for f in filters.get("filters") or []]
        return all(results) if kind == "and" else any(results)
    key, wanted = str(filters.get("key")), filters.get("value")
    if key not in attributes:
        return kind in ("ne", "nin")
    value = attributes[key]
    try:
        if kind == "eq":
            return bool(value == wanted)
        if kind == "ne":
            return bool(value != wanted)
        if kind == "gt":
            return bool(value > wanted)
        if kind == "gte":
            return bool(value >= wanted)
        if kind == "lt":
            return bool(value < wanted)
        if kind == "lte":
            return bool(value <= wanted)
    except TypeError:
        return False
    if kind == "in":
        return isinstance(wanted, list) and value in wanted
    if kind == "nin":
        return isinstance(wanted, list) and value not in wanted
    return True


def search(context: Context, setting: Any) -> httpx.Response:
    """Passages of the vector store's processed files containing the query's words, best first.

    The score is the share of the query's distinct words a passage contains; ``filters`` select
    files by their attributes; ``max_num_results`` (default 10) and ``ranking_options.score_threshold``
    limit the results.
    """
    from .files import chunks, max_chunk_tokens

    _, vector_store_id, _ = _generic.stored_object(context)
    if is_sdk_model(setting):
        setting = to_json(setting)
        return json_response(200, {"object": "vector_store.search_results.page", "data": [setting]})
    params = context.params
    query = params.get("query")
    queries = [query] if isinstance(query, str) else [str(q) for q in query or []]
    terms = list(dict.fromkeys(word for q in queries for word in words(q)))
    limit = params.get("max_num_results", 10)
    if not isinstance(limit, int) or not 1 <= limit <= 50:
        raise APIErrorAnswer(
            400,
            f"Invalid 'max_num_results': integer between 1 and 50 expected, got {limit!r}.",
            param="max_num_results",
        )
    ranking = params.get("ranking_options") or {}
    threshold = ranking.get("score_threshold") if isinstance(ranking, Mapping) else None
    state = context.state
    results: list[dict[str, Any]] = []
    for item in state.vector_stores.files.list(vector_store_id, limit=EVERYTHING, order="asc").data:
        data = to_json(item)
        attributes = data.get("attributes") or {}
        if data.get("status") != "completed" or not matches(params.get("filters"), attributes):
            continue
        content = state.files.get_content(data["id"])
        if content is None or not terms:
            continue
        source = state.files.get(data["id"])
        filename = to_json(source).get("filename") if source is not None else None
        for passage in chunks(content.decode("utf-8", errors="replace"), max_chunk_tokens(data)):
            found = set(words(passage))
            score = sum(term in found for term in terms) / len(terms)
            if score > 0 and (not isinstance(threshold, int | float) or score >= threshold):
                results.append(
                    {
                        "file_id": data["id"],
                        "filename": filename or data["id"],
                        "score": round(score, 4),
                        "attributes": attributes,
                        "content": [{"type": "text", "text": passage}],
                    }
                )
    results.sort(key=lambda result: -result["score"])  # stable: ties keep file order
    body = {
        "object": "vector_store.search_results.page",
        "search_query": queries,
        "data": results[:limit],
        "has_more": False,
        "next_page": None,
    }
    return json_response(200, merge(body, setting) if setting else body)
