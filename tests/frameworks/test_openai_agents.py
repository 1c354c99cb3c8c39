"""The OpenAI Agents SDK (``openai-agents``) on the Responses API, answered by the mock."""

from __future__ import annotations

import json

import pydantic
import pytest
from agents import Agent, Runner, function_tool
from agents.items import MessageOutputItem, ToolCallItem, ToolCallOutputItem
from agents.tracing import get_trace_provider

from openai_responses import OpenAIMock
from openai_responses.ext.httpx import Request, Response
from openai_responses.helpers.builders.responses import response_from_create_request

# Runner.run_sync runs each agent in an event loop of its own while the SDK's shared async client
# outlives it; Python then warns (ResourceWarning) about what the old loop left open, and the
# suite's ``-W error`` would raise that inside the next run.
pytestmark = pytest.mark.frameworks


calls: list[str] = []


@function_tool
def get_weather(city: str) -> str:
    """The weather in a city."""
    calls.append(city)
    return f"Sunny in {city}, 24C."


class Verdict(pydantic.BaseModel):
    answer: str
    confidence: int


def test_run_sync_answers_by_default(openai_mock: OpenAIMock) -> None:
    agent = Agent(name="Assistant", instructions="Be brief.", model="gpt-4o")
    result = Runner.run_sync(agent, "Hello!")
    assert result.final_output == "Hello! How can I help you today?"
    request = openai_mock.responses.create.requests[0]
    assert request.params["instructions"] == "Be brief." and request.params["model"] == "gpt-4o"
    assert request.params["input"] == [{"role": "user", "content": "Hello!"}]


def test_tool_call_then_answer_from_a_list_of_partials(openai_mock: OpenAIMock) -> None:
    calls.clear()
    openai_mock.responses.create.response = [
        {"output": [{"type": "function_call", "name": "get_weather", "arguments": '{"city": "Paris"}'}]},
        {"output": [{"type": "message", "content": "It is sunny in Paris."}]},
    ]
    agent = Agent(name="Weather", model="gpt-4o", tools=[get_weather])
    result = Runner.run_sync(agent, "Weather in Paris?")
    assert result.final_output == "It is sunny in Paris."
    assert calls == ["Paris"]
    assert [type(item) for item in result.new_items] == [ToolCallItem, ToolCallOutputItem, MessageOutputItem]
    second = openai_mock.responses.create.requests[1].params["input"]
    call, output = second[-2], second[-1]
    assert call["type"] == "function_call" and output["type"] == "function_call_output"
    assert output["call_id"] == call["call_id"] and output["output"] == "Sunny in Paris, 24C."


def test_tool_call_then_answer_from_a_function(openai_mock: OpenAIMock) -> None:
    calls.clear()

    def model(request: Request) -> Response:
        """Call the tool until its output is in the input, then answer with it."""
        items = json.loads(request.content)["input"]
        outputs = [item["output"] for item in items if item.get("type") == "function_call_output"]
        if outputs:
            extra = {"output": [{"type": "message", "content": f"The tool says: {outputs[-1]}"}]}
        else:
            extra = {
                "output": [{"type": "function_call", "name": "get_weather"}]
            }  # arguments from the schema
        response = response_from_create_request(request, extra=extra)
        return Response(200, json=response.model_dump(mode="json"))

    openai_mock.responses.create.response = model
    result = Runner.run_sync(Agent(name="Weather", model="gpt-4o", tools=[get_weather]), "Weather?")
    assert result.final_output == "The tool says: Sunny in city, 24C."
    assert calls == ["city"]
    assert openai_mock.responses.create.calls.call_count == 2


def test_output_type_is_parsed_with_zero_configuration(openai_mock: OpenAIMock) -> None:
    agent = Agent(name="Judge", model="gpt-4o", output_type=Verdict)
    result = Runner.run_sync(agent, "Is the sky blue?")
    assert result.final_output == Verdict(answer="answer", confidence=1)
    text_format = openai_mock.responses.create.requests[0].params["text"]["format"]
    assert text_format["type"] == "json_schema"


async def test_streamed_run(openai_mock: OpenAIMock) -> None:
    openai_mock.responses.create.response = {
        "output": [{"type": "message", "content": "One two three four five."}]
    }
    result = Runner.run_streamed(Agent(name="Streamer", model="gpt-4o"), "Count.")
    deltas = [
        event.data.delta
        async for event in result.stream_events()
        if event.type == "raw_response_event" and event.data.type == "response.output_text.delta"
    ]
    assert "".join(deltas) == "One two three four five." and len(deltas) > 1
    assert result.final_output == "One two three four five."


def test_traces_are_posted_to_the_mock(openai_mock: OpenAIMock) -> None:
    Runner.run_sync(Agent(name="Traced", model="gpt-4o"), "Hello!")
    get_trace_provider().force_flush()
    assert openai_mock.traces.ingest.calls.call_count >= 1
    sent = [item for request in openai_mock.traces.ingest.requests for item in request.params["data"]]
    assert any(
        item.get("object") == "trace" and item.get("workflow_name") == "Agent workflow" for item in sent
    )
    assert openai_mock.traces.ingest.calls.last.response.status_code == 204
