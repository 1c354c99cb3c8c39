"""The pytest plugin (fixture, marker, decorator) and user-written event streams."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import openai
import pytest
from openai.types.chat import ChatCompletionChunk

import openai_responses
from openai_responses import OpenAIMock, _transport
from openai_responses.ext.httpx import Response
from openai_responses.streaming import AsyncEventStream, EventStream

pytest_plugins = ["pytester"]


def test_the_fixture_is_active_from_the_start(openai_mock: OpenAIMock) -> None:
    assert _transport.active_mock() is openai_mock


@openai_responses.mock()
def test_decorated_and_asking_for_the_fixture_has_one_mock(openai_mock: OpenAIMock) -> None:
    assert _transport._active == [openai_mock]


@pytest.mark.openai_mock(base_url="https://gateway.example.com/v1")
def test_the_marker_configures_the_fixture(openai_mock: OpenAIMock) -> None:
    client = openai.OpenAI(api_key="sk-test", base_url="https://gateway.example.com/v1")
    assert client.models.retrieve("gpt-4o").id == "gpt-4o"
    assert openai_mock.models.retrieve.calls.call_count == 1


def test_plugin_in_a_fresh_session(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import openai, pytest

        @pytest.mark.parametrize("n", [1, 2])
        def test_isolated(openai_mock, n):
            openai.OpenAI(api_key="k").vector_stores.create(name=str(n))
            assert len(openai_mock.state.vector_stores) == 1
        """
    )
    pytester.runpytest("-p", "no:asyncio").assert_outcomes(passed=2)


def _chunk(text: str) -> ChatCompletionChunk:
    return ChatCompletionChunk(
        id="chatcmpl-1",
        object="chat.completion.chunk",
        created=1,
        model="m",
        choices=[{"index": 0, "delta": {"content": text}, "finish_reason": None}],  # type: ignore[list-item]
    )


class Chunks(EventStream[ChatCompletionChunk]):
    def generate(self) -> Iterator[ChatCompletionChunk]:
        yield _chunk("Hel")
        yield _chunk("lo")


class AsyncChunks(AsyncEventStream[ChatCompletionChunk]):
    async def agenerate(self) -> AsyncIterator[ChatCompletionChunk]:
        yield _chunk("Hi ")
        yield _chunk("there")


def test_a_custom_event_stream(openai_mock: OpenAIMock) -> None:
    openai_mock.chat.completions.create.response = Response(200, content=Chunks())
    stream = openai.OpenAI(api_key="sk-test").chat.completions.create(
        model="m", messages=[{"role": "user", "content": "x"}], stream=True
    )
    assert "".join(c.choices[0].delta.content or "" for c in stream) == "Hello"


async def test_an_async_event_stream(openai_mock: OpenAIMock) -> None:
    openai_mock.chat.completions.create.response = lambda request: Response(200, content=AsyncChunks())
    stream = await openai.AsyncOpenAI(api_key="sk-test").chat.completions.create(
        model="m", messages=[{"role": "user", "content": "x"}], stream=True
    )
    assert "".join([c.choices[0].delta.content or "" async for c in stream]) == "Hi there"
