"""``uploads``: a file sent in parts. ``create`` opens a ``pending`` Upload (it expires after an
hour), ``parts.create`` keeps each part's bytes, ``complete`` joins the named parts in the given
order into a real File whose content is their concatenation, ``cancel`` closes it.

The route table knows no ``uploads`` resource (the API has no route to retrieve one), so the
handlers keep Uploads in ``state.uploads`` and their parts in ``state.uploads.parts`` themselves.
"""

from __future__ import annotations

import hashlib
import time
from typing import Any

import httpx

from ..._engine import Context
from ..._merge import merge
from ..._objects import build, to_json, to_model
from ..._settings import is_sdk_model
from ..._wire import APIErrorAnswer, not_found
from .. import _generic, files

#: an Upload accepts parts for an hour after it is created (API reference)
UPLOAD_LIFETIME = 3600


def upload_of(context: Context) -> dict[str, Any]:
    """The Upload the path names, or the API's 404."""
    upload_id = context.path_params["upload_id"]
    stored = context.store("uploads").get(upload_id)
    if stored is None:
        raise not_found("upload", upload_id)
    return dict(to_json(stored))


def require_pending(upload: dict[str, Any], doing: str) -> None:
    if upload.get("status") != "pending":
        raise APIErrorAnswer(
            400, f"Cannot {doing} an Upload with status '{upload.get('status')}'. It must be 'pending'."
        )


def _keep(context: Context, upload: dict[str, Any], setting: Any) -> httpx.Response:
    """Store the Upload and answer it, with the user's partial laid over the answer."""
    context.store("uploads").put(to_model(context.model, upload))
    return _generic.respond(context, merge(upload, setting) if setting else upload)


def create(context: Context, setting: Any) -> httpx.Response:
    params = context.params
    purpose = params.get("purpose")
    if purpose not in files.purposes():
        raise APIErrorAnswer(
            400,
            files.supported_values_message(purpose, files.purposes()),
            param="purpose",
            code="invalid_value",
        )
    if not isinstance(params.get("bytes"), int) or params["bytes"] < 0:
        raise APIErrorAnswer(400, "Invalid 'bytes': it must be a non-negative integer.", param="bytes")
    now = int(time.time())
    # checked now, as the API does, though it applies to the File the Upload becomes
    files.expires_at(params.get("expires_after"), now)
    if is_sdk_model(setting):
        upload = to_json(setting)
    else:
        upload = build(
            context.model, params, setting, status="pending", created_at=now, expires_at=now + UPLOAD_LIFETIME
        )
    context.store("uploads").put(to_model(context.model, upload))
    context.store("uploads").extra(upload["id"]).update(
        mime_type=params.get("mime_type"), expires_after=params.get("expires_after")
    )
    return _generic.respond(context, upload)


def complete(context: Context, setting: Any) -> httpx.Response:
    upload = upload_of(context)
    require_pending(upload, "complete")
    part_ids = context.params.get("part_ids")
    if not isinstance(part_ids, list) or not all(isinstance(p, str) for p in part_ids):
        raise APIErrorAnswer(400, "Invalid 'part_ids': expected an array of strings.", param="part_ids")
    parts = context.store("uploads.parts")
    chunks: list[bytes] = []
    for part_id in part_ids:
        if parts.get(part_id, upload["id"]) is None:
            raise APIErrorAnswer(
                400, f"Part '{part_id}' does not belong to Upload '{upload['id']}'.", param="part_ids"
            )
        chunks.append(parts.get_content(part_id) or b"")
    content = b"".join(chunks)
    if len(content) != upload.get("bytes"):
        raise APIErrorAnswer(
            400,
            f"The parts of Upload '{upload['id']}' add up to {len(content)} bytes, but the Upload was "
            f"created for {upload.get('bytes')} bytes.",
            param="part_ids",
        )
    md5 = context.params.get("md5")
    if isinstance(md5, str) and md5 and md5.lower() != hashlib.md5(content).hexdigest():
        raise APIErrorAnswer(
            400, "The md5 checksum does not match the content of the uploaded parts.", param="md5"
        )
    extra = context.store("uploads").extra(upload["id"])
    now = int(time.time())
    expiry = files.expires_at(extra.get("expires_after"), now)
    if expiry is None and upload.get("purpose") == "batch":
        expiry = now + files.BATCH_FILE_LIFETIME
    upload["file"] = files.store_file(
        context.state,
        content,
        filename=str(upload.get("filename")),
        purpose=str(upload.get("purpose")),
        expires_at=expiry,
    )
    upload["status"] = "completed"
    return _keep(context, upload, setting)


def cancel(context: Context, setting: Any) -> httpx.Response:
    upload = upload_of(context)
    require_pending(upload, "cancel")
    upload["status"] = "cancelled"
    return _keep(context, upload, setting)
