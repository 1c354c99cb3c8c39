"""The Responses API: ``client.responses.create`` with a partial, streamed, and chained.

Shows a partial output message read back through ``response.output_text``, the same partial as an
event stream (``response.output_text.delta`` events join to the text), and a second turn that
points at the first with ``previous_response_id``, both stored in ``openai_mock.state.responses``.
"""

import openai

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
