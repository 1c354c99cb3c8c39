"""chat.completions over sync/async × httpx2/httpx: defaults, partials, tools, structured output,
streaming, the parse helper and stored completions."""

from __future__ import annotations

import json

import openai
import pydantic
import pytest

from openai_responses import OpenAIMock

from .conftest import Awaitable, collect, pages

MESSAGES = [{"role": "user", "content": "What is the weather in Paris?"}]
WEATHER_TOOL = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "parameters": {
            "type": "object",
            "properties": {"city": {"type": "string"}, "unit": {"type": "string", "enum": ["c", "f"]}},
            "required": ["city", "unit"],
        },
    },
}


async def test_default_answer(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    completion = await sdk.chat.completions.create(model="gpt-4o-mini", messages=MESSAGES)
    assert completion.id.startswith("chatcmpl-")
    assert completion.model == "gpt-4o-mini"
    assert completion.choices[0].message.role == "assistant"
    assert completion.choices[0].message.content
    assert completion.choices[0].finish_reason == "stop"
    assert completion.usage is not None
    assert (
        completion.usage.total_tokens == completion.usage.prompt_tokens + completion.usage.completion_tokens
    )
    request = openai_mock.chat.completions.create.requests[0]
    assert request.params["model"] == "gpt-4o-mini"
    assert request.params["messages"] == MESSAGES


async def test_partial_wins_and_n_choices(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    openai_mock.chat.completions.create.response = {
        "choices": [{"message": {"content": "Sunny."}}],
        "model": "x",
    }
    completion = await sdk.chat.completions.create(model="gpt-4o", messages=MESSAGES)
    assert completion.choices[0].message.content == "Sunny."
    assert completion.choices[0].finish_reason == "stop"
    assert completion.model == "x"
    del openai_mock.chat.completions.create.response
    three = await sdk.chat.completions.create(model="gpt-4o", messages=MESSAGES, n=3)
    assert [choice.index for choice in three.choices] == [0, 1, 2]


async def test_forced_tool_call_arguments_match_the_schema(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    completion = await sdk.chat.completions.create(
        model="gpt-4o",
        messages=MESSAGES,
        tools=[WEATHER_TOOL],
        tool_choice={"type": "function", "function": {"name": "get_weather"}},
    )
    choice = completion.choices[0]
    assert choice.finish_reason == "tool_calls"
    assert choice.message.content is None
    call = choice.message.tool_calls[0]
    assert call.function.name == "get_weather"
    assert call.id.startswith("call_")
    assert json.loads(call.function.arguments) == {"city": "city", "unit": "c"}
    required = await sdk.chat.completions.create(
        model="gpt-4o", messages=MESSAGES, tools=[WEATHER_TOOL], tool_choice="required"
    )
    assert required.choices[0].message.tool_calls[0].function.name == "get_weather"


class Weather(pydantic.BaseModel):
    city: str
    temperature: float
    tags: list[str]


async def test_parse_returns_the_model_with_zero_configuration(
    openai_mock: OpenAIMock, sdk: Awaitable
) -> None:
    completion = await sdk.chat.completions.parse(model="gpt-4o", messages=MESSAGES, response_format=Weather)
    parsed = completion.choices[0].message.parsed
    assert isinstance(parsed, Weather)
    assert parsed.city == "city"
    assert openai_mock.chat.completions.create.calls.call_count == 1


async def test_stream_deltas_join_to_the_partial(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    text = "It is sunny in Paris today, 24 degrees."
    openai_mock.chat.completions.create.response = {"choices": [{"message": {"content": text}}]}
    stream = await sdk.chat.completions.create(
        model="gpt-4o", messages=MESSAGES, stream=True, stream_options={"include_usage": True}
    )
    chunks = await collect(stream)
    assert "".join(c.choices[0].delta.content or "" for c in chunks if c.choices) == text
    assert len([c for c in chunks if c.choices and c.choices[0].delta.content]) > 1
    assert chunks[-2].choices[0].finish_reason == "stop"
    assert chunks[-1].choices == [] and chunks[-1].usage is not None
    assert {c.id for c in chunks} == {chunks[0].id}


async def test_stream_tool_call(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    stream = await sdk.chat.completions.create(
        model="gpt-4o", messages=MESSAGES, tools=[WEATHER_TOOL], tool_choice="required", stream=True
    )
    chunks = await collect(stream)
    arguments = "".join(
        call.function.arguments or ""
        for chunk in chunks
        for call in (chunk.choices[0].delta.tool_calls or [])
        if call.function
    )
    assert json.loads(arguments) == {"city": "city", "unit": "c"}
    assert chunks[-1].choices[0].finish_reason == "tool_calls"


def test_stream_helper_sync(openai_mock: OpenAIMock) -> None:
    openai_mock.chat.completions.create.response = {
        "choices": [{"message": {"content": "One two three four"}}]
    }
    client = openai.OpenAI(api_key="sk-test")
    with client.chat.completions.stream(model="gpt-4o", messages=MESSAGES) as stream:
        final = stream.get_final_completion()
    assert final.choices[0].message.content == "One two three four"


async def test_stored_completions(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    kept = await sdk.chat.completions.create(
        model="gpt-4o", messages=MESSAGES, store=True, metadata={"a": "1"}
    )
    await sdk.chat.completions.create(model="gpt-4o", messages=MESSAGES)  # store not set: not kept
    retrieved = await sdk.chat.completions.retrieve(kept.id)
    assert retrieved.id == kept.id and retrieved.metadata == {"a": "1"}
    listed = await pages(await sdk.chat.completions.list())
    assert [c.id for c in listed] == [kept.id]
    updated = await sdk.chat.completions.update(kept.id, metadata={"b": "2"})
    assert updated.metadata == {"b": "2"}
    messages = await pages(await sdk.chat.completions.messages.list(kept.id))
    assert [m.content for m in messages] == ["What is the weather in Paris?"]
    deleted = await sdk.chat.completions.delete(kept.id)
    assert deleted.deleted is True and deleted.id == kept.id
    with pytest.raises(openai.NotFoundError):
        await sdk.chat.completions.retrieve(kept.id)


async def test_legacy_completions_and_stream(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    completion = await sdk.completions.create(model="gpt-3.5-turbo-instruct", prompt="Say hi", n=2)
    assert [c.index for c in completion.choices] == [0, 1]
    assert completion.choices[0].text and completion.usage is not None
    openai_mock.completions.create.response = {"choices": [{"text": "hello there friend"}]}
    stream = await sdk.completions.create(model="gpt-3.5-turbo-instruct", prompt="Say hi", stream=True)
    assert "".join(c.choices[0].text for c in await collect(stream)) == "hello there friend"
