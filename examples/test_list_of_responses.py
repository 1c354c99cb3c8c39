"""A list of responses: one answer per call, in order.

Shows a small tool-calling loop tested end to end: the first call answers with a tool call, the
second with the final answer. The test then checks what the loop sent back to the model, and
what happens when the code makes more calls than were scripted.
"""

import json

import openai
import pytest

import openai_responses
from openai_responses import OpenAIMock
from openai_responses.errors import ScriptExhaustedError

WEATHER_TOOL = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "description": "Current temperature for a city, in Celsius.",
        "parameters": {
            "type": "object",
            "properties": {"city": {"type": "string"}},
            "required": ["city"],
        },
    },
}


def get_weather(city: str) -> str:
    return {"Paris": "18"}.get(city, "unknown")


def answer(client: openai.OpenAI, question: str) -> str:
    """Code under test: call the model, run any tool it asks for, return the final answer."""
    messages: list = [{"role": "user", "content": question}]
    while True:
        completion = client.chat.completions.create(model="gpt-4o", messages=messages, tools=[WEATHER_TOOL])
        message = completion.choices[0].message
        if not message.tool_calls:
            return message.content or ""
        messages.append(message.model_dump(exclude_none=True))
        for call in message.tool_calls:
            arguments = json.loads(call.function.arguments)
            messages.append({"role": "tool", "tool_call_id": call.id, "content": get_weather(**arguments)})


# --8<-- [start:script]
TOOL_CALL = {
    "choices": [
        {
            "index": 0,
            "finish_reason": "tool_calls",
            "message": {
                "role": "assistant",
                "content": None,
                "tool_calls": [
                    {
                        "id": "call_1",
                        "type": "function",
                        "function": {"name": "get_weather", "arguments": '{"city": "Paris"}'},
                    }
                ],
            },
        }
    ]
}
FINAL_ANSWER = {
    "choices": [
        {
            "index": 0,
            "finish_reason": "stop",
            "message": {"role": "assistant", "content": "It is 18 °C in Paris."},
        }
    ]
}


@openai_responses.mock()
def test_tool_call_then_answer(openai_mock: OpenAIMock):
    openai_mock.chat.completions.create.response = [TOOL_CALL, FINAL_ANSWER]

    client = openai.OpenAI(api_key="sk-fake123")
    assert answer(client, "How warm is it in Paris?") == "It is 18 °C in Paris."

    requests = openai_mock.chat.completions.create.requests
    assert len(requests) == 2
    assert requests[1].params["messages"][-1] == {"role": "tool", "tool_call_id": "call_1", "content": "18"}
    # --8<-- [end:script]


# --8<-- [start:exhausted]
@openai_responses.mock()
def test_more_calls_than_scripted(openai_mock: OpenAIMock):
    openai_mock.chat.completions.create.response = [TOOL_CALL]  # the final answer is missing

    client = openai.OpenAI(api_key="sk-fake123")
    with pytest.raises(ScriptExhaustedError):
        answer(client, "How warm is it in Paris?")

    assert openai_mock.retry_delays == []  # a library error: raised at once, never retried
    # --8<-- [end:exhausted]
