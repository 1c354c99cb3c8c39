"""What a route saw of one request: the parsed body, path parameters, query and headers."""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from email.parser import BytesParser
from email.policy import HTTP
from typing import Any

import httpx


@dataclass(frozen=True)
class UploadedFile:
    """A file part of a multipart request."""

    filename: str | None
    content: bytes
    content_type: str | None = None


@dataclass
class RecordedRequest:
    """One entry of ``route.requests``: a request as the mock understood it."""

    #: the parsed JSON body, or the multipart fields (files as :class:`UploadedFile`)
    params: dict[str, Any]
    #: path parameters of the route, decoded (``{"thread_id": "thread_abc"}``)
    path_params: dict[str, str]
    #: the query string as a dict (a repeated key keeps its last value)
    query: dict[str, str]
    #: the request headers
    headers: httpx.Headers
    #: the ``httpx.Request`` itself
    raw: httpx.Request
    #: set when the body could not be parsed: the message of the 400 the mock answered
    body_error: str | None = field(default=None, repr=False)


#: the API's answer to a body that is not JSON
NOT_JSON = (
    "We could not parse the JSON body of your request. (HINT: This likely means you aren't "
    "using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was "
    "sent was not valid JSON.)"
)


class BodyError(ValueError):
    """The request body is not what its content type says."""


def parse_body(request: httpx.Request) -> dict[str, Any]:
    """Parse a JSON or multipart body into a dict; an empty body gives ``{}``."""
    content = request.content
    if not content:
        return {}
    content_type = request.headers.get("content-type", "")
    if content_type.startswith("multipart/form-data"):
        return parse_multipart(content, content_type)
    if "json" in content_type or content[:1] in (b"{", b"["):
        body = parse_json(content)
        if not isinstance(body, dict):
            raise BodyError("The request body must be a JSON object.")
        return body
    # raw bodies (``application/sdp`` for realtime calls): kept as text for the handler
    return {"_raw": content}


#: ``\ud800``-``\udfff`` escapes: a lone one is not text, and could not be answered back as UTF-8
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):  # ``1e400``: JSON has no infinity
        raise ValueError(f"number out of range: {text[:40]}")
    return value


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")  # Python's json accepts NaN and Infinity; JSON does not


def parse_json(content: bytes) -> Any:
    """JSON as the API reads it: what Python's ``json`` is lenient about (``NaN``, ``Infinity``,
    lone surrogates) or cannot hold (nesting too deep, integers too long) is a body it rejects."""
    try:
        body = json.loads(content, parse_constant=_no_constant, parse_float=_finite)
        if _SURROGATE_ESCAPE.search(content):
            # a surrogate pair decodes to one character; a lone surrogate stays and cannot be encoded
            json.dumps(body, ensure_ascii=False).encode()
    except (ValueError, RecursionError) as error:  # JSONDecodeError and UnicodeError are ValueErrors
        detail = "nested too deeply" if isinstance(error, RecursionError) else str(error)[:200]
        raise BodyError(f"{NOT_JSON[:-1]} {detail})") from None
    return body


def parse_multipart(content: bytes, content_type: str) -> dict[str, Any]:
    """Parse ``multipart/form-data`` into fields; repeated fields (``files[]``) become lists."""
    message = BytesParser(policy=HTTP).parsebytes(
        b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + content
    )
    if not message.is_multipart():
        raise BodyError("The multipart body of the request could not be parsed.")
    fields: dict[str, Any] = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if not isinstance(name, str):
            continue
        payload = part.get_payload(decode=True)
        data = payload if isinstance(payload, bytes) else b""
        filename = part.get_filename()
        value: Any
        if filename is not None:
            value = UploadedFile(filename=filename, content=data, content_type=part.get_content_type())
        else:
            value = data.decode("utf-8", errors="replace")
        key = name[:-2] if name.endswith("[]") else name
        if key in fields or name.endswith("[]"):
            existing = fields.get(key)
            fields[key] = (
                [*existing, value]
                if isinstance(existing, list)
                else ([existing, value] if key in fields else [value])
            )
        else:
            fields[key] = value
    return fields
