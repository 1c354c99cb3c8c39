"""Async clients: ``openai.AsyncOpenAI`` against the same mock.

Shows the decorator on an ``async def`` test, concurrent calls counted on one route, async
streaming (``stream=True`` and the ``stream()`` helper), and ``async with OpenAIMock()`` when a
decorator does not fit. Needs pytest-asyncio (or another async test runner).
"""

import asyncio

import openai
import pytest

import openai_responses
from openai_responses import OpenAIMock

ANSWER = {
    "choices": [
        {
            "index": 0,
            "finish_reason": "stop",
            "message": {"role": "assistant", "content": "Async answer."},
        }
    ]
}


# --8<-- [start:decorator]
@pytest.mark.asyncio
@openai_responses.mock()
async def test_concurrent_calls(openai_mock: OpenAIMock):
    openai_mock.chat.completions.create.response = ANSWER

    client = openai.AsyncOpenAI(api_key="sk-fake123")
    questions = ["What is 1 + 1?", "What is 2 + 2?", "What is 3 + 3?"]
    completions = await asyncio.gather(
        *(
            client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": q}])
            for q in questions
        )
    )

    assert [c.choices[0].message.content for c in completions] == ["Async answer."] * 3
    assert openai_mock.chat.completions.create.calls.call_count == 3
    sent = sorted(r.params["messages"][0]["content"] for r in openai_mock.chat.completions.create.requests)
    assert sent == questions
    # --8<-- [end:decorator]


# --8<-- [start:stream]
@pytest.mark.asyncio
@openai_responses.mock()
async def test_async_stream(openai_mock: OpenAIMock):
    openai_mock.chat.completions.create.response = ANSWER
    client = openai.AsyncOpenAI(api_key="sk-fake123")
    messages = [{"role": "user", "content": "Hi"}]

    stream = await client.chat.completions.create(model="gpt-4o", messages=messages, stream=True)
    text = "".join([chunk.choices[0].delta.content or "" async for chunk in stream if chunk.choices])
    assert text == "Async answer."

    async with client.chat.completions.stream(model="gpt-4o", messages=messages) as helper_stream:
        completion = await helper_stream.get_final_completion()
    assert completion.choices[0].message.content == "Async answer."
    # --8<-- [end:stream]


# --8<-- [start:context-manager]
@pytest.mark.asyncio
async def test_async_context_manager():
    async with OpenAIMock() as openai_mock:
        openai_mock.embeddings.create.response = {
            "data": [{"object": "embedding", "index": 0, "embedding": [0.1, 0.2, 0.3]}]
        }
        client = openai.AsyncOpenAI(api_key="sk-fake123")

        response = await client.embeddings.create(model="text-embedding-3-small", input="hello")

        assert response.data[0].embedding == pytest.approx([0.1, 0.2, 0.3])
        assert openai_mock.embeddings.create.calls.call_count == 1
    # --8<-- [end:context-manager]
