"""Testing agents built on OpenAI Agents SDK, pydantic-ai and LangChain: the mock answers their
Responses API calls, with nothing configured for the frameworks themselves."""

import pydantic
import pytest
from agents import Agent as OpenAIAgent
from agents import Runner, function_tool
from langchain_openai import ChatOpenAI
from pydantic_ai import Agent as PydanticAgent

from openai_responses import OpenAIMock

pytestmark = pytest.mark.frameworks


# --8<-- [start:openai-agents]
@function_tool
def get_weather(city: str) -> str:
    """The weather in a city."""
    return f"Sunny in {city}."


async def test_openai_agents_tool_call(openai_mock: OpenAIMock):
    openai_mock.responses.create.response = [
        {"output": [{"type": "function_call", "name": "get_weather", "arguments": '{"city": "Paris"}'}]},
        {"output": [{"type": "message", "content": "It is sunny in Paris."}]},
    ]
    agent = OpenAIAgent(name="Weather", instructions="Answer briefly.", model="gpt-4o", tools=[get_weather])

    result = await Runner.run(agent, "What is the weather in Paris?")

    assert result.final_output == "It is sunny in Paris."
    tool_output = openai_mock.responses.create.requests[1].params["input"][-1]
    assert tool_output["type"] == "function_call_output" and tool_output["output"] == "Sunny in Paris."
    # --8<-- [end:openai-agents]


class City(pydantic.BaseModel):
    name: str
    population: int


# --8<-- [start:pydantic-ai]
async def test_pydantic_ai_structured_output(openai_mock: OpenAIMock):
    agent = PydanticAgent("openai:gpt-4o", output_type=City)

    result = await agent.run("What is the biggest city in Japan?")

    assert isinstance(result.output, City)  # zero configuration: valid for the schema
    assert openai_mock.responses.create.calls.call_count == 1
    # --8<-- [end:pydantic-ai]


# --8<-- [start:langchain]
async def test_langchain_responses_api(openai_mock: OpenAIMock):
    openai_mock.responses.create.response = {"output": [{"type": "message", "content": "Bonjour !"}]}
    llm = ChatOpenAI(model="gpt-4o", use_responses_api=True)

    message = await llm.ainvoke("Say hello in French.")

    assert message.text == "Bonjour !"
    assert openai_mock.responses.create.requests[0].params["input"][0]["content"] == "Say hello in French."
    # --8<-- [end:langchain]
