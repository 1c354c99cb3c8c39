"""pydantic-ai (``pydantic-ai-slim[openai]``): ``Agent("openai:...")`` talks to the Responses API,
``Agent("openai-chat:...")`` to chat completions; both answered by the mock."""

from __future__ import annotations

import json

import pydantic
import pytest
from pydantic_ai import Agent

from openai_responses import OpenAIMock

pytestmark = pytest.mark.frameworks


class City(pydantic.BaseModel):
    name: str
    population: int


def test_text_output_uses_the_responses_api(openai_mock: OpenAIMock) -> None:
    result = Agent("openai:gpt-4o", instructions="Be brief.").run_sync("Hello!")
    assert result.output == "Hello! How can I help you today?"
    assert openai_mock.responses.create.calls.call_count == 1
    assert openai_mock.chat.completions.create.calls.call_count == 0
    params = openai_mock.responses.create.requests[0].params
    assert params["model"] == "gpt-4o" and params["instructions"] == "Be brief."
    assert result.usage.input_tokens > 0 and result.usage.output_tokens > 0


def test_output_type_with_zero_configuration(openai_mock: OpenAIMock) -> None:
    result = Agent("openai:gpt-4o", output_type=City).run_sync("The biggest city?")
    assert result.output == City(name="name", population=1)
    # structured output arrives as a forced call of the tool pydantic-ai offers
    params = openai_mock.responses.create.requests[0].params
    assert params["tool_choice"] == "required" and params["tools"][0]["name"] == "final_result"


def test_output_type_partial_sets_the_values(openai_mock: OpenAIMock) -> None:
    openai_mock.responses.create.response = {
        "output": [
            {
                "type": "function_call",
                "name": "final_result",
                "arguments": json.dumps({"name": "Tokyo", "population": 37_000_000}),
            }
        ]
    }
    result = Agent("openai:gpt-4o", output_type=City).run_sync("The biggest city?")
    assert result.output == City(name="Tokyo", population=37_000_000)


def test_tool_call_then_answer(openai_mock: OpenAIMock) -> None:
    agent = Agent("openai:gpt-4o")
    rolled: list[int] = []

    @agent.tool_plain
    def roll_die(sides: int) -> int:
        """Roll a die with this many sides."""
        rolled.append(sides)
        return 4

    openai_mock.responses.create.response = [
        {"output": [{"type": "function_call", "name": "roll_die"}]},  # arguments from the tool's schema
        {"output": [{"type": "message", "content": "You rolled a 4."}]},
    ]
    assert agent.run_sync("Roll a die.").output == "You rolled a 4."
    assert rolled == [1]
    second = openai_mock.responses.create.requests[1].params["input"]
    assert any(item.get("type") == "function_call_output" and item["output"] == "4" for item in second)


async def test_run_stream(openai_mock: OpenAIMock) -> None:
    openai_mock.responses.create.response = {
        "output": [{"type": "message", "content": "One two three four."}]
    }
    async with Agent("openai:gpt-4o").run_stream("Count.") as result:
        chunks = [chunk async for chunk in result.stream_text(delta=True)]
    assert "".join(chunks) == "One two three four."
    assert openai_mock.responses.create.requests[0].params["stream"] is True


def test_openai_chat_models_use_chat_completions(openai_mock: OpenAIMock) -> None:
    result = Agent("openai-chat:gpt-4o", output_type=City).run_sync("The biggest city?")
    assert result.output == City(name="name", population=1)
    assert openai_mock.chat.completions.create.calls.call_count == 1
    assert openai_mock.responses.create.calls.call_count == 0
