"""langchain-openai: ``ChatOpenAI(use_responses_api=True)`` against the mock's Responses API."""

from __future__ import annotations

import pydantic
import pytest
from langchain_openai import ChatOpenAI

from openai_responses import OpenAIMock

pytestmark = pytest.mark.frameworks


class City(pydantic.BaseModel):
    name: str
    population: int


def get_weather(city: str) -> str:
    """The weather in a city."""
    return "sunny"


def test_invoke(openai_mock: OpenAIMock) -> None:
    message = ChatOpenAI(model="gpt-4o", use_responses_api=True).invoke("Hello!")
    assert message.text == "Hello! How can I help you today?"
    assert message.usage_metadata is not None and message.usage_metadata["total_tokens"] > 0
    assert message.id == openai_mock.state.responses.list(limit=1).data[0].id
    params = openai_mock.responses.create.requests[0].params
    assert params["model"] == "gpt-4o" and params["input"][0]["content"] == "Hello!"


def test_partial_and_stream(openai_mock: OpenAIMock) -> None:
    openai_mock.responses.create.response = {
        "output": [{"type": "message", "content": "Sunny all week long."}]
    }
    llm = ChatOpenAI(model="gpt-4o", use_responses_api=True)
    chunks = list(llm.stream("Weather?"))
    assert "".join(chunk.text for chunk in chunks) == "Sunny all week long."
    assert len([chunk for chunk in chunks if chunk.text]) > 1
    assert openai_mock.responses.create.requests[0].params["stream"] is True


async def test_ainvoke(openai_mock: OpenAIMock) -> None:
    message = await ChatOpenAI(model="gpt-4o", use_responses_api=True).ainvoke("Hello!")
    assert message.text == "Hello! How can I help you today?"


def test_structured_output_and_tools_with_zero_configuration(openai_mock: OpenAIMock) -> None:
    llm = ChatOpenAI(model="gpt-4o", use_responses_api=True)
    assert llm.with_structured_output(City).invoke("The biggest city?") == City(name="name", population=1)
    forced = llm.bind_tools([get_weather], tool_choice="get_weather").invoke("Weather in Paris?")
    assert [(call["name"], call["args"]) for call in forced.tool_calls] == [("get_weather", {"city": "city"})]
