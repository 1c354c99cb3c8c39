"""A socket guard: prove that a mocked test never reaches the network.

While a mock is active nothing an ``httpx`` / ``httpx2`` client sends leaves the process (unless its
host is in ``pass_through``). A guard fixture that refuses every connection and name lookup turns
any leak, from a client the mock does not cover (a websocket, aiohttp), into a failed test.
"""

import socket

import openai
import pytest

from openai_responses import OpenAIMock


# --8<-- [start:guard]
@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("this test tried to reach the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def test_mocked_calls_need_no_network(openai_mock: OpenAIMock):
    client = openai.OpenAI(api_key="sk-fake123")

    completion = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "Hi"}])
    store = client.vector_stores.create(name="docs")

    assert completion.choices[0].message.content
    assert client.vector_stores.retrieve(store.id).name == "docs"
    # --8<-- [end:guard]


def test_the_guard_stops_what_is_not_mocked():
    client = openai.OpenAI(api_key="sk-fake123", max_retries=0)  # no mock active in this test
    with pytest.raises(openai.APIConnectionError):
        client.models.list()
