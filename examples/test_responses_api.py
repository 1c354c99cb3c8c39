"""The Responses API: ``client.responses.create`` with a partial, streamed, and chained.

Shows a partial output message read back through ``response.output_text``, the same partial as an
event stream (``response.output_text.delta`` events join to the text), a second turn that points
at the first with ``previous_response_id`` (both stored in ``openai_mock.state.responses``), tool
calls, structured output, the ``stream()`` helper, background responses and conversations.
"""

import json

import openai
import pydantic

import openai_responses
from openai_responses import OpenAIMock

GREETING = {
    "output": [
        {
            "type": "message",
            "role": "assistant",
            "content": [{"type": "output_text", "text": "Hello! How can I help?", "annotations": []}],
        }
    ]
}


# --8<-- [start:partial]
@openai_responses.mock()
def test_response_partial(openai_mock: OpenAIMock):
    openai_mock.responses.create.response = GREETING

    client = openai.OpenAI(api_key="sk-fake123")
    response = client.responses.create(model="gpt-4o", input="Hello!")

    assert response.output_text == "Hello! How can I help?"
    assert response.id.startswith("resp_")
    assert response.model == "gpt-4o"
    # --8<-- [end:partial]


# --8<-- [start:stream]
@openai_responses.mock()
def test_response_stream(openai_mock: OpenAIMock):
    openai_mock.responses.create.response = GREETING

    client = openai.OpenAI(api_key="sk-fake123")
    events = list(client.responses.create(model="gpt-4o", input="Hello!", stream=True))

    deltas = [event.delta for event in events if event.type == "response.output_text.delta"]
    assert "".join(deltas) == "Hello! How can I help?"
    assert events[0].type == "response.created"
    assert events[-1].type == "response.completed"
    # --8<-- [end:stream]


# --8<-- [start:chain]
@openai_responses.mock()
def test_conversation_chain(openai_mock: OpenAIMock):
    client = openai.OpenAI(api_key="sk-fake123")

    first = client.responses.create(model="gpt-4o", input="Tell me a joke.")
    second = client.responses.create(model="gpt-4o", input="Another one.", previous_response_id=first.id)

    assert second.previous_response_id == first.id
    assert openai_mock.state.responses.get(first.id).id == first.id
    assert client.responses.retrieve(second.id).id == second.id
    assert openai_mock.responses.create.requests[1].params["previous_response_id"] == first.id
    # --8<-- [end:chain]


WEATHER_TOOL = {
    "type": "function",
    "name": "get_weather",
    "parameters": {
        "type": "object",
        "properties": {"city": {"type": "string"}},
        "required": ["city"],
        "additionalProperties": False,
    },
}


# --8<-- [start:tool-call]
@openai_responses.mock()
def test_forced_tool_call(openai_mock: OpenAIMock):
    client = openai.OpenAI(api_key="sk-fake123")
    response = client.responses.create(
        model="gpt-4o",
        input="What is the weather in Paris?",
        tools=[WEATHER_TOOL],
        tool_choice="required",
    )

    call = response.output[0]
    assert call.type == "function_call" and call.name == "get_weather"
    assert json.loads(call.arguments) == {"city": "city"}  # valid for the tool's schema
    # --8<-- [end:tool-call]


# --8<-- [start:tool-loop]
@openai_responses.mock()
def test_tool_call_then_answer(openai_mock: OpenAIMock):
    openai_mock.responses.create.response = [
        {"output": [{"type": "function_call", "name": "get_weather", "arguments": '{"city": "Paris"}'}]},
        {"output": [{"type": "message", "content": "It is sunny in Paris."}]},
    ]

    client = openai.OpenAI(api_key="sk-fake123")
    first = client.responses.create(model="gpt-4o", input="Weather in Paris?", tools=[WEATHER_TOOL])
    call = first.output[0]
    second = client.responses.create(
        model="gpt-4o",
        previous_response_id=first.id,
        input=[{"type": "function_call_output", "call_id": call.call_id, "output": "sunny"}],
        tools=[WEATHER_TOOL],
    )

    assert json.loads(call.arguments) == {"city": "Paris"}
    assert second.output_text == "It is sunny in Paris."
    # the chain is visible through the input items, oldest first here
    items = client.responses.input_items.list(second.id, order="asc")
    assert [item.type for item in items] == ["message", "function_call", "function_call_output"]
    # --8<-- [end:tool-loop]


class Weather(pydantic.BaseModel):
    city: str
    temperature: float


# --8<-- [start:parse]
@openai_responses.mock()
def test_structured_output(openai_mock: OpenAIMock):
    client = openai.OpenAI(api_key="sk-fake123")
    response = client.responses.parse(model="gpt-4o", input="Weather in Paris?", text_format=Weather)

    assert response.output_parsed == Weather(city="city", temperature=1.0)
    # --8<-- [end:parse]


# --8<-- [start:stream-helper]
@openai_responses.mock()
def test_stream_helper(openai_mock: OpenAIMock):
    openai_mock.responses.create.response = {"output": [{"type": "message", "content": "Sunny, 24C."}]}

    client = openai.OpenAI(api_key="sk-fake123")
    with client.responses.stream(model="gpt-4o", input="Weather?") as stream:
        text = "".join(event.delta for event in stream if event.type == "response.output_text.delta")
        final = stream.get_final_response()

    assert text == final.output_text == "Sunny, 24C."
    # resume the stored response's stream after event 4
    resumed = list(client.responses.retrieve(final.id, stream=True, starting_after=4))
    assert resumed[0].sequence_number == 5 and resumed[-1].type == "response.completed"
    # --8<-- [end:stream-helper]


# --8<-- [start:background]
@openai_responses.mock()
def test_background_response(openai_mock: OpenAIMock):
    openai_mock.lifecycle("responses", polls=1)  # in_progress for one retrieve

    client = openai.OpenAI(api_key="sk-fake123")
    response = client.responses.create(model="gpt-4o", input="Write a long essay.", background=True)
    assert response.status == "queued"

    statuses = []
    while response.status in ("queued", "in_progress"):
        response = client.responses.retrieve(response.id)
        statuses.append(response.status)

    assert statuses == ["in_progress", "completed"]
    assert response.output_text
    # --8<-- [end:background]


# --8<-- [start:conversation]
@openai_responses.mock()
def test_conversation(openai_mock: OpenAIMock):
    client = openai.OpenAI(api_key="sk-fake123")
    conversation = client.conversations.create(items=[{"role": "developer", "content": "Be brief."}])

    client.responses.create(model="gpt-4o", input="Hello!", conversation=conversation.id)

    items = client.conversations.items.list(conversation.id, order="asc")
    assert [item.role for item in items] == ["developer", "user", "assistant"]
    # --8<-- [end:conversation]
