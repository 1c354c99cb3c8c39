"""``uploads.parts.create``: a chunk of an Upload, kept with its bytes until ``complete`` joins them."""

from __future__ import annotations

import time
from typing import Any

import httpx

from ..._engine import Context
from ..._objects import build, to_json, to_model
from ..._request import UploadedFile
from ..._settings import is_sdk_model
from .._generic import respond
from . import require_pending, upload_of


def create(context: Context, setting: Any) -> httpx.Response:
    upload = upload_of(context)
    require_pending(upload, "add parts to")
    data = context.params.get("data")
    content = data.content if isinstance(data, UploadedFile) else str(data or "").encode()
    if is_sdk_model(setting):
        part = to_json(setting)
    else:
        part = build(context.model, None, setting, upload_id=upload["id"], created_at=int(time.time()))
    parts = context.store("uploads.parts")
    parts.put(to_model(context.model, part), upload["id"])
    parts.put_content(part["id"], content)
    return respond(context, part)
