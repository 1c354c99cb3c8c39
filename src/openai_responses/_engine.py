"""The path of one request through the mock.

    request ─► which base? (api.openai.com, regional, Azure, a configured base_url) ─► route row
            ─► the route's setting: httpx.Response │ function │ partial │ model │ nothing
            ─► handler for the row (per-resource override, else the generic one for its kind)
            ─► JSON, an SSE stream (``stream=True``) or bytes

Three outcomes never confused: a routed endpoint gets its answer; an unknown path on an API host
gets the API's own 404 ``Invalid URL``; any other host raises :class:`UnmockedHostError` unless
the user routed it on ``openai_mock.router`` or allowed it with ``pass_through``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import httpx

from ._request import NOT_JSON, BodyError, RecordedRequest, parse_body
from ._routes.endpoint import Endpoint
from ._routes.matching import route_index
from ._settings import Single, is_httpx2_response
from ._wire import APIErrorAnswer, error_response
from .errors import MockConfigurationError, UnsupportedEndpointError

if TYPE_CHECKING:
    from ._mock import OpenAIMock
    from ._route_object import RouteObject
    from .stores import ResourceStore, StateStore

AZURE_HOST_SUFFIXES = (".openai.azure.com", ".cognitiveservices.azure.com", ".services.ai.azure.com")
OPENAI_HOST = "api.openai.com"


@dataclass(frozen=True)
class Base:
    """A URL prefix under which the OpenAI API is served (``https://gateway.example.com/v1``)."""

    host: str
    port: int | None
    path: str

    @classmethod
    def parse(cls, url: str) -> Base:
        parts = urlsplit(url if "://" in url else f"https://{url}")
        return cls(host=(parts.hostname or "").lower(), port=parts.port, path=parts.path.rstrip("/"))


class Bases:
    """Decides whether a URL is the API, and if so which path below the base it asks for."""

    def __init__(self, extra: list[str]) -> None:
        env = os.environ.get("OPENAI_BASE_URL")
        self.extra = [Base.parse(url) for url in [*extra, *([env] if env else [])]]

    def api_path(self, url: httpx.URL) -> str | None:
        host = url.host
        path = url.raw_path.split(b"?", 1)[0].decode("ascii")
        for base in self.extra:
            same_host = host == base.host and (base.port is None or url.port in (None, base.port))
            if same_host and (path == base.path or path.startswith(base.path + "/")):
                return path[len(base.path) :]
        if host == OPENAI_HOST or host.endswith("." + OPENAI_HOST):
            return path[3:] if path.startswith("/v1/") else None
        if host.endswith(AZURE_HOST_SUFFIXES):
            return _azure_path(path)
        return None

    def is_api_host(self, url: httpx.URL) -> bool:
        host = url.host
        return (
            host == OPENAI_HOST
            or host.endswith("." + OPENAI_HOST)
            or host.endswith(AZURE_HOST_SUFFIXES)
            or any(host == base.host for base in self.extra)
        )


def _azure_path(path: str) -> str | None:
    """``/openai[/v1][/deployments/{name}]/chat/completions`` → ``/chat/completions``."""
    if not path.startswith("/openai/"):
        return None
    rest = path[len("/openai") :]
    if rest.startswith("/v1/"):
        rest = rest[3:]
    if rest.startswith("/deployments/"):
        parts = rest.split("/", 3)
        rest = "/" + parts[3] if len(parts) > 3 else "/"
    return rest


@dataclass
class Context:
    """Everything a handler needs to answer one call."""

    mock: OpenAIMock
    endpoint: Endpoint
    route: RouteObject
    request: httpx.Request
    path_params: dict[str, str]
    params: dict[str, Any]
    query: dict[str, str]
    recorded: RecordedRequest = field(repr=False)

    @property
    def state(self) -> StateStore:
        return self.mock.state

    def store(self, name: str | None = None) -> ResourceStore:
        resource = name or self.endpoint.resource
        if resource is None:
            raise LookupError(f"{self.endpoint.sdk_path} keeps no state")
        return self.mock.state.store(resource)

    @property
    def stream_requested(self) -> bool:
        if self.endpoint.stream == "always":
            return True
        if self.endpoint.stream is None:
            return False
        flag = self.params.get("stream", self.query.get("stream"))
        return flag is True or flag == "true" or flag == "True"

    @cached_property
    def model(self) -> Any:
        """The endpoint's response model class (the page's item model for lists)."""
        from ._routes import resolve_ref

        if not self.endpoint.response:
            return None
        try:
            return resolve_ref(self.endpoint.response)
        except (ImportError, AttributeError) as error:
            # a route of a newer SDK than the installed one, reached by a hand-made request
            import openai

            raise UnsupportedEndpointError(
                f"{self.endpoint.method} {self.endpoint.path} is {self.endpoint.sdk_path} of a newer openai: "
                f"openai {openai.__version__} has no {self.endpoint.response}, so the mock cannot build "
                f"its answer. Set openai_mock.{self.endpoint.sdk_path}.response to an httpx.Response, or "
                "upgrade openai."
            ) from error


def record_request(
    request: httpx.Request, path_params: dict[str, str]
) -> tuple[RecordedRequest, APIErrorAnswer | None]:
    query = dict(request.url.params)
    try:
        params = parse_body(request)
        problem = None
    except BodyError as error:
        params = {}
        problem = APIErrorAnswer(400, str(error), code=None)
    recorded = RecordedRequest(
        params=params,
        path_params=path_params,
        query=query,
        headers=request.headers,
        raw=request,
        body_error=problem.message if problem else None,
    )
    return recorded, problem


def match(mock: OpenAIMock, request: httpx.Request) -> tuple[Endpoint, dict[str, str]] | str | None:
    """The row and path parameters; ``None`` for an unknown path on an API host; ``"foreign"`` else."""
    path = mock._bases.api_path(request.url)
    if path is None:
        return None if mock._bases.is_api_host(request.url) else "foreign"
    beta = b"beta=true" in request.url.query
    return route_index().match(request.method, path, beta=beta)


def invalid_url(request: httpx.Request) -> httpx.Response:
    path = request.url.raw_path.split(b"?", 1)[0].decode("ascii")
    return error_response(404, f"Invalid URL ({request.method} {path})")


def prepare(
    mock: OpenAIMock, endpoint: Endpoint, request: httpx.Request, path_params: dict[str, str]
) -> tuple[Context, Single | None, APIErrorAnswer | None]:
    """Parse and record the request, and take the route's setting for this call."""
    route = mock._route_object(endpoint)
    recorded, problem = record_request(request, path_params)
    route.requests.append(recorded)
    context = Context(
        mock=mock,
        endpoint=endpoint,
        route=route,
        request=request,
        path_params=path_params,
        params=recorded.params,
        query=recorded.query,
        recorded=recorded,
    )
    return context, route._take_setting(), problem


def answer(context: Context, setting: Single | None, problem: APIErrorAnswer | None) -> httpx.Response:
    """The answer of a route for a setting that is not a function (or after the function ran)."""
    if setting is not None and (
        isinstance(setting.value, httpx.Response) or is_httpx2_response(setting.value)
    ):
        return as_httpx_response(setting.value, context.endpoint)
    try:
        if problem is not None:
            raise problem
        validate(context)
        from ._resources import handler_for
        from ._routes.resources import path_owners

        if path_owners(context.endpoint):
            # a route without a store of its own still names objects that must exist
            from ._resources._generic import check_parents

            check_parents(context)
        handler = handler_for(context.endpoint)
        partial = setting.value if setting is not None else None
        return handler(context, partial)
    except APIErrorAnswer as error:
        return error.response()


def validate(context: Context) -> None:
    endpoint = context.endpoint
    if endpoint.params is None or endpoint.method != "POST":
        return
    from ._validation import params_spec

    if "_raw" in context.params and "raw" not in endpoint.request_body:
        # neither JSON nor multipart (no content type, ``text/plain``): only SDP routes take raw bodies
        raise APIErrorAnswer(400, NOT_JSON)
    spec = params_spec(endpoint.params)
    if spec is not None:
        multipart = context.request.headers.get("content-type", "").startswith("multipart/")
        spec.check(context.params, multipart=multipart, streams=endpoint.stream is not None)


def as_httpx_response(value: Any, endpoint: Endpoint) -> httpx.Response:
    """A user's response, as a fresh ``httpx.Response`` (one per call: responses are read once)."""
    if isinstance(value, httpx.Response):
        if isinstance(value.stream, httpx.ByteStream) or hasattr(value, "_content"):
            return httpx.Response(value.status_code, headers=value.headers, content=value.content)
        return value
    if is_httpx2_response(value):
        return httpx.Response(
            value.status_code, headers=list(value.headers.multi_items()), content=value.read()
        )
    raise MockConfigurationError(
        f"the response function for {endpoint.sdk_path} returned {type(value).__name__} {value!r}; "
        "it must return an httpx.Response (openai_responses.ext.httpx.Response) or an httpx2.Response."
    )


def function_result(value: Any, endpoint: Endpoint) -> httpx.Response:
    if isinstance(value, Mapping) or value is None:
        raise MockConfigurationError(
            f"the response function for {endpoint.sdk_path} returned {value!r}; it must return an "
            "httpx.Response, e.g. Response(200, json=...). To answer a partial, set the dict itself."
        )
    return as_httpx_response(value, endpoint)
