"""``files``: uploads keep their bytes (``content`` answers exactly them), ``bytes`` is their real
length, a file is ``processed`` at once (so ``wait_for_processing`` returns on its first poll),
``expires_after`` sets ``expires_at``, and ``list`` filters by ``purpose``.

``store_file`` is how other resources make files of their own (a batch's output, an upload).
"""

from __future__ import annotations

import time
import typing
from typing import Any

import httpx

from .._engine import Context
from .._merge import merge
from .._objects import build, to_model
from .._routes import resolve_ref
from .._settings import is_sdk_model
from .._wire import APIErrorAnswer
from ..stores import StateStore
from . import _generic

FILE_MODEL = "openai.types.file_object:FileObject"

#: files uploaded for batches expire after 30 days unless ``expires_after`` says otherwise (API reference)
BATCH_FILE_LIFETIME = 30 * 24 * 3600
#: the range ``expires_after.seconds`` accepts (API reference: one hour to 30 days)
EXPIRY_RANGE = (3600, 2592000)


def purposes() -> tuple[str, ...]:
    """The purposes ``files.create`` accepts, from the installed SDK's ``FilePurpose``."""
    from openai.types import FilePurpose

    return tuple(typing.get_args(FilePurpose))


def supported_values_message(value: Any, allowed: tuple[str, ...]) -> str:
    """The API's wording for a value outside an enum: ``Invalid value: 'x'. Supported values are: ...``."""
    quoted = [f"'{item}'" for item in allowed]
    listed = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + f", and {quoted[-1]}"
    return f"Invalid value: '{value}'. Supported values are: {listed}."


def expires_at(expires_after: Any, created_at: int, *, param: str = "expires_after") -> int | None:
    """``created_at`` + ``expires_after.seconds``; ``None`` when no policy is given."""
    if not isinstance(expires_after, dict):
        return None
    anchor = expires_after.get("anchor")
    if anchor != "created_at":
        raise APIErrorAnswer(
            400,
            supported_values_message(anchor, ("created_at",)),
            param=f"{param}.anchor",
            code="invalid_value",
        )
    try:
        seconds = int(expires_after.get("seconds"))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise APIErrorAnswer(
            400,
            f"Invalid type for '{param}.seconds': expected an integer.",
            param=f"{param}.seconds",
            code="invalid_type",
        ) from None
    low, high = EXPIRY_RANGE
    if not low <= seconds <= high:
        raise APIErrorAnswer(
            400,
            f"Invalid '{param}.seconds': {seconds}. It must be between {low} (1 hour) and {high} (30 days).",
            param=f"{param}.seconds",
            code="invalid_value",
        )
    return created_at + seconds


def _multipart_expires_after(params: dict[str, Any]) -> dict[str, Any] | None:
    """``expires_after[anchor]`` / ``expires_after[seconds]`` form fields as one dict."""
    if isinstance(params.get("expires_after"), dict):
        return dict(params["expires_after"])
    found = {
        key[len("expires_after[") : -1]: value
        for key, value in params.items()
        if key.startswith("expires_after[") and key.endswith("]")
    }
    return found or None


def create(context: Context, setting: Any) -> httpx.Response:
    purpose = context.params.get("purpose")
    if purpose not in purposes():
        raise APIErrorAnswer(
            400, supported_values_message(purpose, purposes()), param="purpose", code="invalid_value"
        )
    if is_sdk_model(setting):
        return _generic.create(context, setting)
    now = int(time.time())
    expiry = expires_at(_multipart_expires_after(context.params), now)
    if expiry is None and purpose == "batch":
        expiry = now + BATCH_FILE_LIFETIME
    # laid under the user's partial, so what the user sets still wins
    touches: dict[str, Any] = {"status": "processed", "created_at": now, "expires_at": expiry}
    return _generic.create(context, merge(touches, setting) if setting else touches)


def list_files(context: Context, setting: Any) -> httpx.Response:
    # 10,000: the API's default page size for files
    return _generic.list_matching(context, setting, query="purpose", field="purpose", default_limit=10000)


def store_file(
    state: StateStore,
    content: bytes,
    *,
    filename: str,
    purpose: str,
    expires_at: int | None = None,
) -> dict[str, Any]:
    """Keep a new processed file and its bytes in ``state.files``; return its JSON."""
    model = resolve_ref(FILE_MODEL)
    obj = build(
        model,
        None,
        None,
        bytes=len(content),
        filename=filename,
        purpose=purpose,
        status="processed",
        created_at=int(time.time()),
        expires_at=expires_at,
    )
    files = state.store("files")
    files.put(to_model(model, obj))
    files.put_content(obj["id"], content)
    return obj
