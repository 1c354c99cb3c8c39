"""Turning results into HTTP answers the SDK parses: JSON bodies, OpenAI's error shape, ids."""

from __future__ import annotations

import json
import secrets
from typing import Any

import httpx

JSON_HEADERS = (("content-type", "application/json"),)


def request_id() -> str:
    return "req_" + secrets.token_hex(16)


def json_response(status: int, body: Any) -> httpx.Response:
    text = json.dumps(body, separators=(",", ":"), ensure_ascii=False)
    try:
        content = text.encode()
    except UnicodeEncodeError:
        # a lone surrogate (in a user's partial, say) is not UTF-8: escape it as JSON does
        content = json.dumps(body, separators=(",", ":")).encode()
    return httpx.Response(
        status,
        headers=[("content-type", "application/json"), ("x-request-id", request_id())],
        content=content,
    )


class APIErrorAnswer(Exception):
    """Raised by handlers to answer an error in OpenAI's wire shape."""

    def __init__(
        self,
        status: int,
        message: str,
        *,
        type: str = "invalid_request_error",
        param: str | None = None,
        code: str | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.type = type
        self.param = param
        self.code = code

    def response(self) -> httpx.Response:
        return error_response(self.status, self.message, type=self.type, param=self.param, code=self.code)


def error_response(
    status: int,
    message: str,
    *,
    type: str = "invalid_request_error",
    param: str | None = None,
    code: str | None = None,
) -> httpx.Response:
    """``{"error": {"message", "type", "param", "code"}}`` with the given status."""
    return json_response(status, {"error": {"message": message, "type": type, "param": param, "code": code}})


def not_found(what: str, object_id: str, *, param: str | None = None) -> APIErrorAnswer:
    """The 404 the API sends for an unknown id."""
    return APIErrorAnswer(404, f"No {what} found with id '{object_id}'.", param=param, code=None)
