"""Checked by ``mypy --strict`` in CI (not collected by pytest): route settings are typed.

Each ``# type: ignore[...]`` marks a line the type checker must reject; mypy's strict mode reports
an ignore that is not needed, so a line that stopped being rejected fails the check.
"""

from __future__ import annotations

import httpx
import openai
from openai.types.chat import ChatCompletion

from openai_responses import OpenAIMock
from openai_responses.partials import PartialChatCompletion, PartialPage


def settings(openai_mock: OpenAIMock, completion: ChatCompletion) -> None:
    route = openai_mock.chat.completions.create
    route.response = {
        "choices": [
            {
                "index": 0,
                "finish_reason": "stop",
                "message": {"content": "Hello! How can I help?", "role": "assistant"},
            }
        ]
    }
    route.response = completion
    route.response = httpx.Response(500)
    route.response = [{"id": "chatcmpl-1"}, httpx.Response(429), completion]
    route.response = lambda request: httpx.Response(200, json={})
    partial: PartialChatCompletion = {"model": "gpt-4o"}
    route.response = partial
    page: PartialPage[PartialChatCompletion] = {"data": [partial], "has_more": False}
    openai_mock.chat.completions.list.response = page
    openai_mock.files.content.response = b"raw bytes"
    openai_mock.beta.threads.runs.retrieve.response = {"status": "in_progress"}

    route.response = {"choices": [{"mesage": {}}]}  # type: ignore[assignment]
    route.response = {"created": "yesterday"}  # type: ignore[assignment]
    openai_mock.beta.threads.runs.retrieve.response = {"status": "walking"}  # type: ignore[assignment]
    openai_mock.chat.completions.create.response = openai.types.Batch(  # type: ignore[assignment]
        id="batch_1",
        completion_window="24h",
        created_at=0,
        endpoint="/v1/chat/completions",
        input_file_id="file-1",
        object="batch",
        status="completed",
    )
    assert openai_mock.chat.completions.nonexistent  # type: ignore[attr-defined]
    assert openai_mock.chat.completions.create.calls.call_count == 0
    assert openai_mock.traces.ingest.calls.call_count == 0  # a route no SDK method calls
