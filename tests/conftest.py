"""Shared fixtures: every behavioural test runs over sync/async × httpx2/httpx clients.

``sdk`` is a real OpenAI client (``openai.OpenAI`` or ``openai.AsyncOpenAI``, on the default httpx2
transport or given a legacy ``httpx`` client) behind a thin proxy that makes every call awaitable,
so one ``async def`` test body exercises all four.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from typing import Any

import httpx
import openai
import pytest

from openai_responses import _transport

OPENAI_MAJOR = int(openai.__version__.split(".")[0])
HAS_HTTPX2 = OPENAI_MAJOR >= 3

VARIANTS = ["sync-httpx2", "async-httpx2", "sync-httpx", "async-httpx"]


class Awaitable:
    """A proxy over an SDK client or resource: calls return awaitables whatever the client."""

    def __init__(self, target: Any, is_async: bool) -> None:
        self._target = target
        self._is_async = is_async

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._target, name)
        if callable(value) and not inspect.isclass(value):
            return _Call(value, self._is_async)
        if hasattr(value, "_client") or hasattr(value, "with_raw_response"):
            return Awaitable(value, self._is_async)
        return value


class _Call:
    def __init__(self, function: Any, is_async: bool) -> None:
        self._function = function
        self._is_async = is_async

    def __getattr__(self, name: str) -> Any:
        return Awaitable(getattr(self._function, name), self._is_async)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        result = self._function(*args, **kwargs)
        if inspect.isawaitable(result):
            return result

        async def done() -> Any:
            return result

        return done()


def attribute(root: Any, dotted: str) -> Any:
    """``root.a.b.c`` for ``"a.b.c"``, or ``None`` where a step is missing (an SDK method of another version)."""
    target = root
    for name in dotted.split("."):
        target = getattr(target, name, None)
        if target is None:
            return None
    return target


async def collect(stream: Any) -> list[Any]:
    """All events of a sync or async SDK stream."""
    if hasattr(stream, "__aiter__"):
        return [event async for event in stream]
    return list(stream)


async def pages(page: Any) -> list[Any]:
    """Every item of a paginated result, following the cursor (sync or async pages)."""
    if hasattr(page, "__aiter__"):
        return [item async for item in page]
    return list(page)


def make_client(variant: str, **options: Any) -> Any:
    is_async = variant.startswith("async")
    options.setdefault("api_key", "sk-test")
    if variant.endswith("-httpx"):
        options["http_client"] = httpx.AsyncClient() if is_async else httpx.Client()
    return openai.AsyncOpenAI(**options) if is_async else openai.OpenAI(**options)


@pytest.fixture(params=VARIANTS)
def variant(request: pytest.FixtureRequest) -> str:
    name: str = request.param
    if name.endswith("httpx2") and not HAS_HTTPX2:
        pytest.skip(f"openai {openai.__version__} has no httpx2 transport (added in openai 3)")
    return name


@pytest.fixture
def client(variant: str) -> Iterator[Any]:
    """The raw SDK client of the variant (sync or async)."""
    yield make_client(variant)


@pytest.fixture
def sdk(client: Any, variant: str) -> Awaitable:
    """The variant's client behind the awaitable proxy."""
    return Awaitable(client, variant.startswith("async"))


@pytest.fixture(autouse=True)
def no_mock_outlives_its_test() -> Iterator[None]:
    """Every test ends with no mock active: a leaked mock would answer the next test's calls.

    Autouse fixtures are set up first and torn down last, so this runs after ``openai_mock`` stopped.
    """
    yield
    leaked = list(_transport._active)
    _transport._active.clear()  # one leak must not fail every later test too
    assert leaked == [], f"a mock outlived its test: {leaked}"
