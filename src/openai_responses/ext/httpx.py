"""``httpx`` (1.x) names for response functions: they receive a ``Request`` and return a ``Response``."""

from httpx import URL, Headers, Request, Response, delete, get, post, request

__all__ = ["URL", "Headers", "Request", "Response", "delete", "get", "post", "request"]
