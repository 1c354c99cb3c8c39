"""What a route saw of one request: the parsed body, path parameters, query and headers."""

from __future__ import annotations

import json
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
        try:
            body = json.loads(content)
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise BodyError(
                "We could not parse the JSON body of your request. (HINT: This likely means you aren't "
                "using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was "
                f"sent was not valid JSON. {error})"
            ) from error
        if not isinstance(body, dict):
            raise BodyError("The request body must be a JSON object.")
        return body
    # raw bodies (``application/sdp`` for realtime calls): kept as text for the handler
    return {"_raw": content}


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
