"""Builders for ``responses``."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import httpx
from openai.types.responses import Response

from ..._objects import to_model
from ..._request import parse_body

__all__ = ["build_response", "response_from_create_request"]


def response_from_create_request(
    request: httpx.Request, *, extra: Mapping[str, Any] | None = None
) -> Response:
    """The ``Response`` the mock would answer for this create request, with ``extra`` laid over it.

    ``extra`` is a partial: its ``output`` items are completed item by item (``{"type":
    "function_call", "name": "f"}`` gets ids, a status and arguments valid for the offered tool).
    """
    from ..._resources.responses import response_from_params
    from ..._resources.responses._items import items_from_input, text_of

    params = parse_body(request) if request.content else {}
    obj = response_from_params(
        Response,
        params,
        dict(extra) if extra else None,
        context_text=text_of(items_from_input(params.get("input"))),
        conversation_id=None,
    )
    response: Response = to_model(Response, json.loads(json.dumps(obj)))
    return response


def build_response(partial: Mapping[str, Any] | None = None) -> Response:
    """A default ``Response`` (one assistant message, ``completed``) with ``partial`` laid over it."""
    from ..._resources.responses import response_from_params

    obj = response_from_params(
        Response, {}, dict(partial) if partial else None, context_text="", conversation_id=None
    )
    response: Response = to_model(Response, obj)
    return response
