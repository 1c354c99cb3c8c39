"""Interception: every request of httpx (httpcore) and httpx2 (httpcore2) reaches the active mock.

The connection pools' ``handle_request`` / ``handle_async_request`` are patched once per process and
stay patched; each patch asks :func:`active_mock` and calls the original when no mock is active.
Starting a mock is then a list append, not a round of ``mock.patch`` (which costs ~0.3 ms a pool).
If someone else's patch replaced ours (respx's, say) and later restored an older attribute, the next
mock start finds that out and patches again: an unpatched client would send real traffic.

The SDK's retry back-off is handled the same way: ``_sleep_for_retry`` of the SDK's base clients
records the delay the SDK asked for on the active mock instead of sleeping.
"""

from __future__ import annotations

import functools
import importlib
import inspect
import threading
from collections.abc import AsyncIterable, AsyncIterator, Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

import httpx

if TYPE_CHECKING:
    from ._mock import OpenAIMock

_lock = threading.Lock()
_active: list[OpenAIMock] = []
_installed: dict[tuple[type, str], Callable[..., Any]] = {}


class PassThroughRequest(Exception):
    """Raised by the engine when a request may go to the network."""


def active_mock() -> OpenAIMock | None:
    """The innermost active mock, if any (seen by every thread)."""
    return _active[-1] if _active else None


def activate(mock: OpenAIMock) -> None:
    with _lock:
        _ensure_patched()
        _active.append(mock)


def deactivate(mock: OpenAIMock) -> None:
    with _lock:
        for index in range(len(_active) - 1, -1, -1):
            if _active[index] is mock:
                del _active[index]
                break


# -- the pools we patch ---------------------------------------------------------------------------


# cached: Python does not cache a failed import, so looking for httpcore2 on openai 2 would cost every
# mock start ~40 µs again
@functools.cache
def _targets() -> list[tuple[type, str, Any]]:
    """(class, method name, its httpcore module) for the pools of every installed httpcore."""
    targets: list[tuple[type, str, Any]] = []
    for module_name in ("httpcore", "httpcore2"):
        try:
            lib = importlib.import_module(module_name)
        except ImportError:  # httpcore2 comes with openai >= 3 only
            continue
        targets.append((lib.ConnectionPool, "handle_request", lib))
        targets.append((lib.AsyncConnectionPool, "handle_async_request", lib))
    return targets


def _ensure_patched() -> None:
    for cls, name, lib in _targets():
        current = cls.__dict__.get(name)
        if current is not None and _installed.get((cls, name)) is current:
            continue
        original = getattr(cls, name)
        patched = (
            _async_patch(original, lib)
            if inspect.iscoroutinefunction(original)
            else _sync_patch(original, lib)
        )
        setattr(cls, name, patched)
        _installed[(cls, name)] = patched


def _sync_patch(original: Callable[..., Any], lib: Any) -> Callable[..., Any]:
    def handle_request(self: Any, request: Any) -> Any:
        mock = active_mock()
        if mock is None:
            return original(self, request)
        body = b"".join(request.stream)
        request.stream = lib._models.ByteStream(body)
        try:
            response = mock._handle(_to_httpx_request(request, body))
        except PassThroughRequest:
            return original(self, request)
        stream = response.stream
        if not isinstance(stream, Iterable):
            raise TypeError(
                "The response set on the mock streams asynchronously but the client is synchronous: "
                "use EventStream (generate) rather than AsyncEventStream for a sync client."
            )
        return lib.Response(
            status=response.status_code,
            headers=response.headers.raw,
            content=stream,
            extensions=response.extensions,
        )

    return handle_request


def _async_patch(original: Callable[..., Any], lib: Any) -> Callable[..., Any]:
    async def handle_async_request(self: Any, request: Any) -> Any:
        mock = active_mock()
        if mock is None:
            return await original(self, request)
        body = b"".join([chunk async for chunk in request.stream])
        request.stream = lib._models.ByteStream(body)
        try:
            response = await mock._ahandle(_to_httpx_request(request, body))
        except PassThroughRequest:
            return await original(self, request)
        return lib.Response(
            status=response.status_code,
            headers=response.headers.raw,
            content=_as_async_stream(response.stream),
            extensions=response.extensions,
        )

    return handle_async_request


def _as_async_stream(stream: Any) -> AsyncIterable[bytes]:
    if isinstance(stream, AsyncIterable):
        return stream
    iterable: Iterable[bytes] = stream

    async def chunks() -> AsyncIterator[bytes]:
        iterator: Iterator[bytes] = iter(iterable)
        for chunk in iterator:
            yield chunk

    return chunks()


def _to_httpx_request(request: Any, body: bytes) -> httpx.Request:
    url = request.url
    target = url.target.decode("ascii")
    port = url.port
    scheme = url.scheme.decode("ascii")
    host = url.host.decode("ascii")
    default_port = {"https": 443, "http": 80}.get(scheme)
    netloc = host if port is None or port == default_port else f"{host}:{port}"
    return httpx.Request(
        request.method.decode("ascii"),
        f"{scheme}://{netloc}{target}",
        headers=request.headers,
        content=body,
        extensions=request.extensions,
    )


# -- the SDK's retry sleep ------------------------------------------------------------------------


def patch_retry_sleep() -> None:
    """Make the SDK record, not sleep, its retry delays while a mock is active."""
    from openai import _base_client as base

    name = "_sleep_for_retry"  # both SDK majors sleep there, and only there, between attempts
    for cls in (base.SyncAPIClient, base.AsyncAPIClient):
        current = cls.__dict__.get(name)
        if current is None or getattr(current, "__openai_responses__", False):
            continue
        setattr(cls, name, _retry_patch(current))


def _retry_patch(original: Callable[..., Any]) -> Callable[..., Any]:
    def delay(self: Any, retries_taken: int, max_retries: int, options: Any, response: Any) -> float:
        remaining = max_retries - retries_taken
        headers = response.headers if response is not None else None
        return float(self._calculate_retry_timeout(remaining, options, headers))

    if inspect.iscoroutinefunction(original):

        async def asleep_for_retry(
            self: Any, *, retries_taken: int, max_retries: int, options: Any, response: Any
        ) -> None:
            mock = active_mock()
            if mock is None:
                await original(
                    self,
                    retries_taken=retries_taken,
                    max_retries=max_retries,
                    options=options,
                    response=response,
                )
                return
            mock.retry_delays.append(delay(self, retries_taken, max_retries, options, response))

        asleep_for_retry.__openai_responses__ = True  # type: ignore[attr-defined]
        return asleep_for_retry

    def sleep_for_retry(
        self: Any, *, retries_taken: int, max_retries: int, options: Any, response: Any
    ) -> None:
        mock = active_mock()
        if mock is None:
            original(
                self, retries_taken=retries_taken, max_retries=max_retries, options=options, response=response
            )
            return
        mock.retry_delays.append(delay(self, retries_taken, max_retries, options, response))

    sleep_for_retry.__openai_responses__ = True  # type: ignore[attr-defined]
    return sleep_for_retry
