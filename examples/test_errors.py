"""Errors and retries.

Shows an API error body read back from the SDK exception, a 429 with ``retry-after`` retried by the
SDK without the test sleeping, retries that run out, the 404 for an unknown path on the API host,
the library error for a host nobody mocked, and ``pass_through`` for a local server that should be
reached for real.
"""

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import openai
import pytest

import openai_responses
from openai_responses import OpenAIMock
from openai_responses.errors import OpenAIResponsesError, UnmockedHostError
from openai_responses.ext.httpx import Response

MESSAGES = [{"role": "user", "content": "Hello!"}]
ANSWER = {
    "choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": "Hi."}}]
}


# --8<-- [start:error-body]
@openai_responses.mock()
def test_error_body(openai_mock: OpenAIMock):
    openai_mock.chat.completions.create.response = Response(
        400,
        json={
            "error": {
                "message": "This model's maximum context length is 128000 tokens.",
                "type": "invalid_request_error",
                "param": "messages",
                "code": "context_length_exceeded",
            }
        },
    )
    client = openai.OpenAI(api_key="sk-fake123")

    with pytest.raises(openai.BadRequestError) as exc_info:
        client.chat.completions.create(model="gpt-4o", messages=MESSAGES)

    assert exc_info.value.status_code == 400
    assert exc_info.value.code == "context_length_exceeded"
    assert exc_info.value.param == "messages"
    # --8<-- [end:error-body]


# --8<-- [start:rate-limit]
@openai_responses.mock()
def test_rate_limit_is_retried_without_sleeping(openai_mock: OpenAIMock):
    rate_limited = Response(
        429,
        headers={"retry-after": "30"},
        json={"error": {"message": "Rate limit reached", "type": "requests", "param": None, "code": None}},
    )
    openai_mock.chat.completions.create.response = [rate_limited, ANSWER]

    client = openai.OpenAI(api_key="sk-fake123")  # max_retries=2 by default
    completion = client.chat.completions.create(model="gpt-4o", messages=MESSAGES)

    assert completion.choices[0].message.content == "Hi."
    assert openai_mock.chat.completions.create.calls.call_count == 2
    assert openai_mock.retry_delays == [30.0]  # asked for, recorded, never slept
    # --8<-- [end:rate-limit]


# --8<-- [start:retries-exhausted]
@openai_responses.mock()
def test_retries_run_out(openai_mock: OpenAIMock):
    openai_mock.chat.completions.create.response = Response(503)

    client = openai.OpenAI(api_key="sk-fake123", max_retries=2)
    with pytest.raises(openai.InternalServerError):
        client.chat.completions.create(model="gpt-4o", messages=MESSAGES)

    assert openai_mock.chat.completions.create.calls.call_count == 3
    assert len(openai_mock.retry_delays) == 2
    assert all(0 < delay <= 8 for delay in openai_mock.retry_delays)  # the SDK's back-off


@openai_responses.mock()
def test_retry_after_over_two_minutes_is_not_retried(openai_mock: OpenAIMock):
    openai_mock.chat.completions.create.response = Response(429, headers={"retry-after": "121"})

    client = openai.OpenAI(api_key="sk-fake123")
    with pytest.raises(openai.RateLimitError):
        client.chat.completions.create(model="gpt-4o", messages=MESSAGES)

    assert openai_mock.chat.completions.create.calls.call_count == 1
    assert openai_mock.retry_delays == []
    # --8<-- [end:retries-exhausted]


# --8<-- [start:unknown-path]
@openai_responses.mock()
def test_unknown_path_on_the_api_host(openai_mock: OpenAIMock):
    client = openai.OpenAI(api_key="sk-fake123")

    with pytest.raises(openai.NotFoundError) as exc_info:
        client.get("/not-an-endpoint", cast_to=object)

    assert exc_info.value.body["message"] == "Invalid URL (GET /v1/not-an-endpoint)"
    # --8<-- [end:unknown-path]


# --8<-- [start:unknown-host]
@openai_responses.mock()
def test_unknown_host_fails_loudly(openai_mock: OpenAIMock):
    client = openai.OpenAI(api_key="sk-fake123", base_url="https://llm.internal.example/v1")

    with pytest.raises(UnmockedHostError, match=r"llm\.internal\.example") as exc_info:
        client.chat.completions.create(model="gpt-4o", messages=MESSAGES)

    assert isinstance(exc_info.value, OpenAIResponsesError)
    assert isinstance(exc_info.value, openai.OpenAIError)
    assert openai_mock.retry_delays == []  # library errors are never retried
    # --8<-- [end:unknown-host]


# --8<-- [start:pass-through]
class _ModelsHandler(BaseHTTPRequestHandler):
    """A stand-in for a local OpenAI-compatible server (vLLM, Ollama, ...)."""

    def do_GET(self) -> None:
        body = json.dumps(
            {
                "object": "list",
                "data": [{"id": "local-llama", "object": "model", "created": 0, "owned_by": "me"}],
            }
        ).encode()
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # keep pytest output quiet
        pass


@pytest.fixture
def local_server() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _ModelsHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@openai_responses.mock(pass_through=("127.0.0.1",))
def test_pass_through(openai_mock: OpenAIMock, local_server: str):
    with openai.OpenAI(api_key="sk-fake123", base_url=local_server) as local_client:
        assert [model.id for model in local_client.models.list()] == ["local-llama"]  # real HTTP

    hosted_client = openai.OpenAI(api_key="sk-fake123")
    hosted_client.chat.completions.create(model="gpt-4o", messages=MESSAGES)  # still mocked

    assert openai_mock.chat.completions.create.calls.call_count == 1
    assert openai_mock.models.list.calls.call_count == 0
    # --8<-- [end:pass-through]
