"""Errors in OpenAI's wire shape, retries without sleeping, request validation."""

from __future__ import annotations

import httpx
import openai
import pytest

from openai_responses import OpenAIMock
from openai_responses.ext.httpx import Response

from .conftest import HAS_HTTPX2, Awaitable

MESSAGES = [{"role": "user", "content": "Hi"}]


async def test_retry_after_is_recorded_not_slept(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    openai_mock.chat.completions.create.response = Response(
        429,
        json={"error": {"message": "Rate limit", "type": "requests", "code": "rate_limit_exceeded"}},
        headers={"retry-after": "30"},
    )
    with pytest.raises(openai.RateLimitError) as caught:
        await sdk.chat.completions.create(model="gpt-4o", messages=MESSAGES)
    assert caught.value.code == "rate_limit_exceeded"
    assert openai_mock.chat.completions.create.calls.call_count == 3
    assert openai_mock.retry_delays == [30.0, 30.0]


async def test_a_delay_over_two_minutes_is_not_retried(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    openai_mock.chat.completions.create.response = Response(429, headers={"retry-after": "121"})
    with pytest.raises(openai.RateLimitError):
        await sdk.chat.completions.create(model="gpt-4o", messages=MESSAGES)
    assert openai_mock.chat.completions.create.calls.call_count == 1
    assert openai_mock.retry_delays == []


async def test_server_errors_then_success(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    openai_mock.chat.completions.create.response = [Response(500), Response(503), {"model": "ok"}]
    completion = await sdk.chat.completions.create(model="gpt-4o", messages=MESSAGES)
    assert completion.model == "ok"
    assert len(openai_mock.retry_delays) == 2
    assert all(0 < delay <= 8 for delay in openai_mock.retry_delays)


async def test_missing_required_parameter(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    with pytest.raises(openai.BadRequestError) as caught:
        await sdk.post("/chat/completions", cast_to=object, body={"model": "gpt-4o"})
    assert caught.value.status_code == 400
    assert caught.value.body == {
        "message": "Missing required parameter: 'messages'.",
        "type": "invalid_request_error",
        "param": "messages",
        "code": "missing_required_parameter",
    }


async def test_wrong_type(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    with pytest.raises(openai.BadRequestError) as caught:
        await sdk.chat.completions.create(model=123, messages=MESSAGES)  # type: ignore[arg-type]
    assert caught.value.param == "model"
    assert caught.value.code == "invalid_type"
    assert "Invalid type for 'model': expected a string, but got an integer instead." in str(caught.value)


async def test_unknown_fields_and_nulls_are_accepted(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    completion = await sdk.chat.completions.create(
        model="gpt-4o",
        messages=MESSAGES,
        temperature=None,
        extra_body={"prompt_cache_key": "k", "stream": False, "made_up": {"x": 1}},
    )
    assert completion.choices[0].message.content


def test_malformed_json_is_a_400(openai_mock: OpenAIMock) -> None:
    response = httpx.post(
        "https://api.openai.com/v1/chat/completions",
        content=b"{not json",
        headers={"content-type": "application/json"},
    )
    assert response.status_code == 400
    assert response.json()["error"]["type"] == "invalid_request_error"
    assert "could not parse the JSON body" in response.json()["error"]["message"]


async def test_unknown_ids_are_404_in_the_api_shape(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    with pytest.raises(openai.NotFoundError) as caught:
        await sdk.vector_stores.retrieve("vs_missing")
    assert caught.value.body["message"] == "No vector store found with id 'vs_missing'."
    assert caught.value.body["type"] == "invalid_request_error"


def test_exceptions_in_user_functions_reach_the_test(openai_mock: OpenAIMock) -> None:
    def broken(request: httpx.Request) -> httpx.Response:
        raise LookupError("boom")

    openai_mock.chat.completions.create.response = broken
    client = openai.OpenAI(api_key="sk-test", max_retries=0)
    # openai 3 lets the exception through as itself; openai 2 wraps any non-OpenAIError it meets
    expected = LookupError if HAS_HTTPX2 else openai.APIConnectionError
    with pytest.raises(expected):
        client.chat.completions.create(model="gpt-4o", messages=MESSAGES)
