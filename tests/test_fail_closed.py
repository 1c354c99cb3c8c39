"""Fail closed: while a mock is active, no HTTP request of any kind opens a socket (or even asks
DNS), unless the test opted into pass-through. A socket guard records and refuses every attempt.

Covered: every SDK endpoint on each client (sync and async, httpx2 and httpx), unknown paths on the
API host, other hosts, plain httpx / httpx2 clients, streams. The SDK's websocket ``connect()``
methods and its optional aiohttp client are outside the mock (docs: Transports).
"""

from __future__ import annotations

import asyncio
import inspect
import socket
from collections.abc import Iterator
from typing import Any

import httpx
import openai
import pytest

from openai_responses import OpenAIMock
from openai_responses.errors import UnmockedHostError

from .conftest import HAS_HTTPX2, VARIANTS, Awaitable, attribute, make_client
from .test_every_endpoint import CASES, async_call, missing_reason, prepare, sync_call

CLIENTS = [v for v in VARIANTS if HAS_HTTPX2 or not v.endswith("httpx2")]
MESSAGES = [{"role": "user", "content": "Hi"}]

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


class SocketGuardError(OSError):
    """What the guard raises instead of connecting."""


class SocketGuard:
    """Refuses (and records) every connect and name lookup of the process."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.attempts: list[str] = []

        def refuse(what: str) -> Any:
            def guarded(*args: Any, **kwargs: Any) -> Any:
                target = next((a for a in args if not isinstance(a, socket.socket)), None)
                self.attempts.append(f"{what} {target!r}")
                raise SocketGuardError(f"socket guard: {what} {target!r}")

            return guarded

        monkeypatch.setattr(socket.socket, "connect", refuse("connect"))
        monkeypatch.setattr(socket.socket, "connect_ex", refuse("connect_ex"))
        monkeypatch.setattr(socket, "create_connection", refuse("create_connection"))
        monkeypatch.setattr(socket, "getaddrinfo", refuse("getaddrinfo"))


@pytest.fixture
def guard(monkeypatch: pytest.MonkeyPatch) -> Iterator[SocketGuard]:
    yield SocketGuard(monkeypatch)


def plain_clients() -> list[tuple[str, Any]]:
    """Plain (non-SDK) clients of both stacks."""
    found: list[tuple[str, Any]] = [("httpx", httpx)]
    if HAS_HTTPX2:
        import httpx2

        found.append(("httpx2", httpx2))
    return found


# -- the guard works ------------------------------------------------------------------------------


@pytest.mark.parametrize("variant", CLIENTS)
async def test_without_a_mock_the_guard_sees_the_attempt(guard: SocketGuard, variant: str) -> None:
    """The control: the same request with no mock active does try the network, and is refused."""
    client = Awaitable(make_client(variant, max_retries=0), variant.startswith("async"))
    with pytest.raises(openai.APIConnectionError):
        await client.models.list()
    assert guard.attempts


# -- every SDK endpoint ---------------------------------------------------------------------------


@pytest.mark.parametrize("variant", CLIENTS)
def test_no_sdk_endpoint_opens_a_socket(guard: SocketGuard, variant: str) -> None:
    keys: dict[str, Any] = {"max_retries": 0}
    if "admin_api_key" in inspect.signature(openai.OpenAI).parameters:
        keys["admin_api_key"] = "sk-admin-test"  # the admin.* endpoints authenticate with it
    client = make_client(variant, **keys)
    called = 0
    for case in CASES:
        if missing_reason(case) is not None:
            continue  # a method of another SDK version
        with OpenAIMock() as openai_mock:
            positional, keywords = prepare(openai_mock, case)
            method = attribute(client, case.name)
            if variant.startswith("async"):
                asyncio.run(async_call(method, positional, keywords))
            else:
                sync_call(method, positional, keywords)
            assert attribute(openai_mock, case.name).calls.call_count == 1, case.name
        called += 1
    assert called >= 150
    assert guard.attempts == []


# -- anything else a test may send ----------------------------------------------------------------


@pytest.mark.parametrize("variant", CLIENTS)
async def test_other_requests_open_no_socket(guard: SocketGuard, variant: str) -> None:
    is_async = variant.startswith("async")
    with OpenAIMock():
        api = Awaitable(make_client(variant, max_retries=2), is_async)
        # an unknown path on the API host: the API's 404
        with pytest.raises(openai.NotFoundError):
            await api.post("/no/such/thing", cast_to=object, body={})
        # a stream
        stream = await api.chat.completions.create(model="gpt-4o", messages=MESSAGES, stream=True)
        assert [chunk async for chunk in stream] if is_async else list(stream)
        # another host: refused at once, not retried, never connected
        with pytest.raises(UnmockedHostError):
            other = Awaitable(make_client(variant, base_url="https://other.example.org/v1"), is_async)
            await other.models.list()
        azure_options: dict[str, Any] = {
            "azure_endpoint": "https://r.openai.azure.com",
            "api_version": "2024-10-21",
            "api_key": "k",
        }
        if variant.endswith("-httpx"):
            azure_options["http_client"] = httpx.AsyncClient() if is_async else httpx.Client()
        azure = openai.AsyncAzureOpenAI(**azure_options) if is_async else openai.AzureOpenAI(**azure_options)
        assert (await Awaitable(azure, is_async).models.list()).data is not None
    assert guard.attempts == []


@pytest.mark.parametrize("stack", [name for name, _ in plain_clients()])
async def test_plain_clients_open_no_socket(guard: SocketGuard, stack: str) -> None:
    lib = dict(plain_clients())[stack]
    with OpenAIMock():
        for url in (
            "https://example.com/",
            "http://127.0.0.1:9/x",
            "https://api.openai.com.evil.example/v1/models",
        ):
            with pytest.raises(UnmockedHostError):
                lib.get(url)
            async with lib.AsyncClient() as client:
                with pytest.raises(UnmockedHostError):
                    await client.get(url)
        assert lib.get("https://api.openai.com/v1/nothing/here").status_code == 404
    assert guard.attempts == []


def test_user_routes_on_the_router_open_no_socket(guard: SocketGuard) -> None:
    with OpenAIMock() as openai_mock:
        openai_mock.router.get("https://example.com/health").mock(return_value=httpx.Response(204))
        assert httpx.get("https://example.com/health").status_code == 204
    assert guard.attempts == []


def test_pass_through_is_the_only_way_out(guard: SocketGuard) -> None:
    with OpenAIMock(pass_through=["127.0.0.1"]):
        with pytest.raises(UnmockedHostError):
            httpx.get("https://example.com/")
        assert guard.attempts == []
        # the opted-in host really goes to the network layer (where the guard stops it)
        with pytest.raises(httpx.ConnectError, match="socket guard"):
            httpx.get("http://127.0.0.1:9/")
    assert guard.attempts
