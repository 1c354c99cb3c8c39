"""``responses.input_items.list``: the items a stored response was created from, newest first by
default: the chain of its ``previous_response_id`` (each earlier input and output), then its own
input (a string input is one user message)."""

from __future__ import annotations

from typing import Any

import httpx

from ..._engine import Context
from ..._merge import merge
from ..._wire import json_response, not_found
from ...stores import Page
from .._generic import _int, page_body
from . import store_name


def list_input_items(context: Context, setting: Any) -> httpx.Response:
    response_id = context.path_params["response_id"]
    store = context.store(store_name(context))
    if store.get(response_id) is None:
        raise not_found("response", response_id)
    items = list(store.extra(response_id).get("input_items") or [])
    query = context.query
    page = paginate(
        items,
        limit=max(_int(query.get("limit"), 20), 0),
        order=query.get("order") or "desc",
        after=query.get("after"),
    )
    body = page_body(context, page.data, page)
    return json_response(200, merge(body, setting) if setting else body)


def paginate(items: list[Any], *, limit: int, order: str, after: str | None) -> Page:
    """One page of an in-memory list (oldest first), with the SDK's cursor contract."""
    ordered = items if order == "asc" else list(reversed(items))
    if after is not None:
        ids = [item.get("id") if isinstance(item, dict) else None for item in ordered]
        ordered = ordered[ids.index(after) + 1 :] if after in ids else []
    return Page(data=ordered[:limit], has_more=len(ordered) > limit)
