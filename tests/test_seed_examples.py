"""The examples of the user guide page ``seed-responses.md``, exactly as written there."""

from __future__ import annotations

import openai
import pytest
from openai import APIStatusError

import openai_responses
from openai_responses import OpenAIMock
from openai_responses.ext.httpx import Request, Response
from openai_responses.ext.respx import Route
from openai_responses.helpers.builders.chat import chat_completion_from_create_request
from openai_responses.stores import StateStore


@openai_responses.mock()
def test_partial(openai_mock: OpenAIMock) -> None:
    openai_mock.chat.completions.create.response = {
        "choices": [
            {
                "index": 0,
                "finish_reason": "stop",
                "message": {"content": "Hello! How can I help?", "role": "assistant"},
            }
        ]
    }
    client = openai.Client(api_key="sk-fake123")
    completion = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "Hi"}])
    assert completion.choices[0].message.content == "Hello! How can I help?"
    assert completion.model == "gpt-4o"
    assert completion.usage is not None and completion.usage.total_tokens > 0


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
    assert len(openai_mock.retry_delays) == 2
    assert all(0 < delay <= 8 for delay in openai_mock.retry_delays)


@openai_responses.mock()
def test_model_response_on_retrieve(openai_mock: OpenAIMock) -> None:
    client = openai.Client(api_key="sk-fake123")
    created = client.chat.completions.create(
        model="gpt-4o", messages=[{"role": "user", "content": "Hi"}], store=True
    )
    created.choices[0].message.content = "changed"
    openai_mock.chat.completions.retrieve.response = created
    retrieved = client.chat.completions.retrieve(created.id)
    assert retrieved.choices[0].message.content == "changed"


def polled_get_completion(
    request: Request,
    route: Route,
    *,
    state_store: StateStore,
    completion_id: str,
) -> Response:
    stored = state_store.chat.completions.get(completion_id)
    assert stored is not None
    return Response(200, json=stored.model_dump(mode="json"))


def injected_with_kwargs(request: Request, route: Route, *, state: StateStore, **kwargs: str) -> Response:
    stored = state.chat.completions.get(kwargs["completion_id"])
    assert stored is not None
    return Response(200, json=stored.model_dump(mode="json") | {"model": "from-kwargs"})


def no_path_params(request: Request) -> Response:
    return Response(200, json=chat_completion_from_create_request(request).model_dump(mode="json"))


@openai_responses.mock()
def test_state_store_and_path_parameter_injection(openai_mock: OpenAIMock) -> None:
    client = openai.Client(api_key="sk-fake123")
    created = client.chat.completions.create(
        model="gpt-4o", messages=[{"role": "user", "content": "Hi"}], store=True
    )
    openai_mock.chat.completions.retrieve.response = polled_get_completion
    assert client.chat.completions.retrieve(created.id).id == created.id

    openai_mock.chat.completions.retrieve.response = injected_with_kwargs
    assert client.chat.completions.retrieve(created.id).model == "from-kwargs"


@openai_responses.mock()
def test_function_without_unused_parameters(openai_mock: OpenAIMock) -> None:
    openai_mock.chat.completions.create.response = no_path_params
    client = openai.Client(api_key="sk-fake123")
    completion = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "Hi"}])
    assert completion.choices[0].message.content
