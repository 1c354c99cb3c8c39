"""Chat completions: every way to set a route's response.

Shows the default response (nothing configured), a partial merged over the default, a full SDK
model returned as is, a raw ``httpx.Response`` (a server failure), and a function that fails twice
before answering, retried by the SDK without sleeping.
"""

import openai
import pytest
from openai import APIStatusError
from openai.types.chat import ChatCompletion

import openai_responses
from openai_responses import OpenAIMock
from openai_responses.ext.httpx import Request, Response
from openai_responses.ext.respx import Route
from openai_responses.helpers.builders.chat import chat_completion_from_create_request
from openai_responses.partials import PartialChatCompletion, PartialPage

MESSAGES = [
    {"role": "system", "content": "You are a helpful assistant."},
    {"role": "user", "content": "Hello!"},
]


# --8<-- [start:default]
@openai_responses.mock()
def test_default_response(openai_mock: OpenAIMock):
    client = openai.OpenAI(api_key="sk-fake123")

    completion = client.chat.completions.create(model="gpt-4o-mini", messages=MESSAGES)

    assert completion.id.startswith("chatcmpl-")
    assert completion.model == "gpt-4o-mini"  # taken from the request
    assert len(completion.choices) == 1
    assert completion.choices[0].message.role == "assistant"
    assert completion.usage is not None
    assert openai_mock.chat.completions.create.calls.call_count == 1
    # --8<-- [end:default]


# --8<-- [start:partial]
@openai_responses.mock()
def test_partial_response(openai_mock: OpenAIMock):
    openai_mock.chat.completions.create.response = {
        "choices": [
            {
                "index": 0,
                "finish_reason": "stop",
                "message": {"content": "Hello! How can I help?", "role": "assistant"},
            }
        ]
    }

    client = openai.OpenAI(api_key="sk-fake123")
    completion = client.chat.completions.create(model="gpt-4o-mini", messages=MESSAGES)

    assert completion.choices[0].message.content == "Hello! How can I help?"
    assert completion.choices[0].finish_reason == "stop"
    assert completion.model == "gpt-4o-mini"  # fields the partial leaves out are still filled in
    # --8<-- [end:partial]


# --8<-- [start:typed-partial]
@openai_responses.mock()
def test_typed_partials(openai_mock: OpenAIMock):
    answer: PartialChatCompletion = {"choices": [{"message": {"content": "Hi", "role": "assistant"}}]}
    openai_mock.chat.completions.create.response = answer
    openai_mock.chat.completions.list.response = PartialPage(data=[answer], has_more=False)

    client = openai.OpenAI(api_key="sk-fake123")
    completion = client.chat.completions.create(model="gpt-4o", messages=MESSAGES)
    stored = client.chat.completions.list()

    assert completion.choices[0].message.content == "Hi"
    assert [item.choices[0].message.content for item in stored.data] == ["Hi"]
    assert stored.has_more is False
    # --8<-- [end:typed-partial]


# --8<-- [start:model]
RECORDED = ChatCompletion.model_validate(
    {
        "id": "chatcmpl-recorded-001",
        "object": "chat.completion",
        "created": 1_730_000_000,
        "model": "gpt-4o-2024-08-06",
        "choices": [
            {
                "index": 0,
                "finish_reason": "stop",
                "message": {"role": "assistant", "content": "Recorded answer."},
            }
        ],
        "usage": {"prompt_tokens": 12, "completion_tokens": 3, "total_tokens": 15},
    }
)


@openai_responses.mock()
def test_model_response(openai_mock: OpenAIMock):
    openai_mock.chat.completions.create.response = RECORDED

    client = openai.OpenAI(api_key="sk-fake123")
    completion = client.chat.completions.create(model="gpt-4o", messages=MESSAGES)

    # a model is returned as is: nothing is taken from the request
    assert completion.id == "chatcmpl-recorded-001"
    assert completion.model == "gpt-4o-2024-08-06"
    assert completion.usage is not None
    assert completion.usage.total_tokens == 15
    # --8<-- [end:model]


# --8<-- [start:failure]
@openai_responses.mock()
def test_create_chat_completion_failure(openai_mock: OpenAIMock):
    openai_mock.chat.completions.create.response = Response(500)

    client = openai.Client(api_key="sk-fake123", max_retries=0)

    with pytest.raises(APIStatusError):
        client.chat.completions.create(
            model="gpt-3.5-turbo",
            messages=[
                {"role": "system", "content": "You are a helpful assistant."},
                {"role": "user", "content": "Hello!"},
            ],
        )
    # --8<-- [end:failure]


# --8<-- [start:function]
def completion_with_failures(request: Request, route: Route) -> Response:
    """Simulate 2 failures before sending successful response"""
    if route.call_count < 2:
        return Response(500)

    completion = chat_completion_from_create_request(request)

    return Response(201, json=completion.model_dump())


@openai_responses.mock()
def test_create_chat_completion(openai_mock: OpenAIMock):
    openai_mock.chat.completions.create.response = completion_with_failures

    client = openai.Client(api_key="sk-fake123", max_retries=3)
    client.chat.completions.create(
        model="gpt-3.5-turbo",
        messages=[
            {"role": "system", "content": "You are a helpful assistant."},
            {"role": "user", "content": "Hello!"},
        ],
    )

    assert openai_mock.chat.completions.create.calls.call_count == 3
    # the SDK backed off twice; the mock recorded the delays instead of sleeping
    assert len(openai_mock.retry_delays) == 2
    # --8<-- [end:function]
