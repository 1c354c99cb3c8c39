"""Streaming chat completions.

Shows that ``stream=True`` works with no configuration, that the deltas of a streamed answer join
to the partial's content, the SDK's ``client.chat.completions.stream(...)`` helper (answered by the
``chat.completions.create`` route), a hand-written ``EventStream`` for a stream cut off at the
token limit, and an agent session's turn collected by the SDK's ``sessions.stream()`` helper.
"""

from collections.abc import Iterator

import openai
import pytest
from openai.types.chat import ChatCompletionChunk

import openai_responses
from openai_responses import OpenAIMock
from openai_responses.ext.httpx import Request, Response
from openai_responses.streaming import EventStream

MESSAGES = [{"role": "user", "content": "Say something."}]

ANSWER = {
    "choices": [
        {
            "index": 0,
            "finish_reason": "stop",
            "message": {"role": "assistant", "content": "Streaming works offline."},
        }
    ]
}


@openai_responses.mock()
def test_stream_without_configuration(openai_mock: OpenAIMock):
    client = openai.OpenAI(api_key="sk-fake123")

    chunks = list(client.chat.completions.create(model="gpt-4o", messages=MESSAGES, stream=True))

    assert chunks
    assert len({chunk.id for chunk in chunks}) == 1  # one completion, many chunks
    last_choice_chunk = [chunk for chunk in chunks if chunk.choices][-1]
    assert last_choice_chunk.choices[0].finish_reason is not None


# --8<-- [start:partial]
@openai_responses.mock()
def test_stream_deltas_join_to_partial_content(openai_mock: OpenAIMock):
    openai_mock.chat.completions.create.response = ANSWER

    client = openai.OpenAI(api_key="sk-fake123")
    stream = client.chat.completions.create(model="gpt-4o", messages=MESSAGES, stream=True)

    text = "".join(chunk.choices[0].delta.content or "" for chunk in stream if chunk.choices)

    assert text == "Streaming works offline."
    # --8<-- [end:partial]


# --8<-- [start:helper]
@openai_responses.mock()
def test_stream_helper(openai_mock: OpenAIMock):
    # `client.chat.completions.stream` is an SDK helper: it sends POST /chat/completions,
    # so the route to configure is `chat.completions.create`
    openai_mock.chat.completions.create.response = ANSWER

    client = openai.OpenAI(api_key="sk-fake123")
    with client.chat.completions.stream(model="gpt-4o", messages=MESSAGES) as stream:
        deltas = [event.delta for event in stream if event.type == "content.delta"]
        completion = stream.get_final_completion()

    assert "".join(deltas) == "Streaming works offline."
    assert completion.choices[0].message.content == "Streaming works offline."
    assert openai_mock.chat.completions.create.requests[0].params["stream"] is True

    # helpers are not routes: the error names the route to use instead
    with pytest.raises(AttributeError, match=r"chat\.completions\.create"):
        _ = openai_mock.chat.completions.stream
    # --8<-- [end:helper]


# --8<-- [start:event-stream]
def chunk(content: str | None, finish_reason: str | None = None) -> ChatCompletionChunk:
    return ChatCompletionChunk.model_validate(
        {
            "id": "chatcmpl-truncated",
            "object": "chat.completion.chunk",
            "created": 1_730_000_000,
            "model": "gpt-4o",
            "choices": [
                {
                    "index": 0,
                    "delta": {"role": "assistant", "content": content} if content is not None else {},
                    "finish_reason": finish_reason,
                }
            ],
        }
    )


class TruncatedStream(EventStream[ChatCompletionChunk]):
    """Two content chunks, then the model hits max_tokens."""

    def generate(self) -> Iterator[ChatCompletionChunk]:
        yield chunk("The answer is")
        yield chunk(" forty")
        yield chunk(None, finish_reason="length")


def truncated(request: Request) -> Response:
    return Response(200, content=TruncatedStream())


@openai_responses.mock()
def test_custom_event_stream(openai_mock: OpenAIMock):
    openai_mock.chat.completions.create.response = truncated

    client = openai.OpenAI(api_key="sk-fake123")
    stream = client.chat.completions.create(
        model="gpt-4o", messages=MESSAGES, max_completion_tokens=3, stream=True
    )
    chunks = list(stream)

    assert "".join(c.choices[0].delta.content or "" for c in chunks) == "The answer is forty"
    assert chunks[-1].choices[0].finish_reason == "length"
    # --8<-- [end:event-stream]


# --8<-- [start:agent-session]
@pytest.mark.skipif(
    not hasattr(openai.OpenAI(api_key="sk-fake123").beta, "agents"),
    reason=f"openai {openai.__version__} has no beta.agents (added in openai 3)",
)
@openai_responses.mock()
def test_agent_session_turn(openai_mock: OpenAIMock):
    client = openai.OpenAI(api_key="sk-fake123")
    session = client.beta.agents.sessions.create(environment={"type": "none"})

    with client.beta.agents.sessions.stream(session.id, input="Hello!") as turn:
        result = turn.get_final_result()

    assert result.output_text == "Hello! How can I help you today?"
    sent = openai_mock.beta.agents.sessions.events.create.requests[0].params
    assert sent["events"][0]["input"][0]["content"][0]["text"] == "Hello!"
    # --8<-- [end:agent-session]
