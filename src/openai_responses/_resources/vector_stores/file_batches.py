"""``vector_stores.file_batches``: a batch attaches its files to the vector store (in progress) and
finishes through the ``vector_stores.file_batches`` lifecycle, taking its files with it; its
``file_counts`` are always those of its files. ``cancel`` cancels the files still in progress."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import httpx

from ..._engine import Context
from ..._lifecycle import SPECS
from ..._merge import merge
from ..._objects import to_json, to_model
from ..._settings import is_sdk_model
from ..._wire import APIErrorAnswer, json_response, not_found
from ...stores import Page, StateStore
from .. import _generic
from .files import attach, require_files, settle
from .vector_stores import EVERYTHING, file_counts, refresh

__all__ = ["cancel", "create", "finish", "list_files"]

RESOURCE = "vector_stores.file_batches"


def requested_files(params: Mapping[str, Any]) -> list[tuple[str, Any, Any]]:
    """``(file_id, attributes, chunking_strategy)`` for each file of the request (``file_ids`` share
    the batch's attributes and chunking; ``files`` entries may carry their own)."""
    attributes, chunking = params.get("attributes"), params.get("chunking_strategy")
    found = [(str(file_id), attributes, chunking) for file_id in params.get("file_ids") or []]
    for entry in params.get("files") or []:
        if isinstance(entry, Mapping):
            found.append(
                (
                    str(entry.get("file_id")),
                    entry.get("attributes", attributes),
                    entry.get("chunking_strategy", chunking),
                )
            )
    return found


def _members(state: StateStore, vector_store_id: str, batch_id: str) -> list[dict[str, Any]]:
    store = state.vector_stores.files
    return [
        to_json(item)
        for item in store.list(vector_store_id, limit=EVERYTHING, order="asc").data
        if store.extra(to_json(item)["id"]).get("batch_id") == batch_id
    ]


def finish(context: Context, obj: Any, new_status: str) -> dict[str, Any]:
    """The lifecycle's finish hook: the batch's files in progress end with it (as the files'
    own lifecycle ends when the batch completes; failed or cancelled with a failed or cancelled
    batch), and its counts are taken again."""
    batch = dict(obj)
    state = context.state
    vector_store_id = batch["vector_store_id"]
    if new_status == "completed":
        files_end = (
            context.mock._lifecycles.config("vector_stores.files").end or SPECS["vector_stores.files"].success
        )
    else:
        files_end = new_status
    for member in _members(state, vector_store_id, batch["id"]):
        if member.get("status") == "in_progress":
            error = context.mock._lifecycles.config("vector_stores.files").error
            if files_end == "failed" and error is not None:
                member["last_error"] = error
            settle(state, member, files_end, recount=False)
    refresh(state, vector_store_id)
    batch["file_counts"] = file_counts(_members(state, vector_store_id, batch["id"]))
    return batch


def create(context: Context, setting: Any) -> httpx.Response:
    _generic.check_parents(context)
    state = context.state
    requested = requested_files(context.params)
    require_files(state, [file_id for file_id, _, _ in requested])
    obj = _generic.new_object(context, setting, {"file_counts": file_counts(())})
    vector_store_id = context.path_params["vector_store_id"]
    for file_id, attributes, chunking in requested:
        attach(
            state,
            vector_store_id,
            file_id,
            attributes=attributes,
            chunking_strategy=chunking,
            batch_id=obj["id"],
        )
    refresh(state, vector_store_id, [obj["id"]])
    stored = state.vector_stores.file_batches.get(obj["id"])
    if stored is not None and not is_sdk_model(setting):
        obj = merge(to_json(stored), setting) if setting else to_json(stored)
    return _generic.respond(context, obj)


def cancel(context: Context, setting: Any) -> httpx.Response:
    """``cancelled`` at once (the batch has no ``cancelling`` status), with its files in progress."""
    from openai.types.vector_stores import VectorStoreFileBatch

    store, _, stored = _generic.stored_object(context)
    if is_sdk_model(setting):
        return _generic.action(context, setting)
    batch = dict(to_json(stored))
    if batch.get("status") in SPECS[RESOURCE].ends:
        raise APIErrorAnswer(400, f"Cannot cancel a file batch with status '{batch.get('status')}'.")
    batch["status"] = "cancelled"
    batch = finish(context, batch, "cancelled")
    store.put(to_model(VectorStoreFileBatch, batch), batch["vector_store_id"])
    return _generic.respond(context, merge(batch, setting) if setting else batch)


def list_files(context: Context, setting: Any) -> httpx.Response:
    """The batch's files, paged, optionally of one status (``filter``)."""
    if is_sdk_model(setting):
        return json_response(200, {"object": "list", "data": [to_json(setting)], "has_more": False})
    state = context.state
    vector_store_id = context.path_params["vector_store_id"]
    batch_id = context.path_params["batch_id"]
    if state.vector_stores.get(vector_store_id) is None:
        raise not_found("vector store", vector_store_id, param="vector_store_id")
    if state.vector_stores.file_batches.get(batch_id, vector_store_id) is None:
        raise not_found("file batch", batch_id)
    files = state.vector_stores.files
    wanted = context.query.get("filter")

    def kept(item: Any) -> bool:
        data = to_json(item)
        in_batch = files.extra(data["id"]).get("batch_id") == batch_id
        return in_batch and (not wanted or data.get("status") == wanted)

    query = context.query
    page: Page = files.list(
        vector_store_id,
        limit=_generic._int(query.get("limit"), 20),
        order=query.get("order", "desc"),
        after=query.get("after"),
        before=query.get("before"),
        where=kept,
    )
    body = _generic.page_body(context, [to_json(item) for item in page.data], page)
    return json_response(200, merge(body, setting) if setting else body)
