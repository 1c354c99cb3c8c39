"""The pytest plugin: the ``openai_mock`` fixture, the ``openai_mock`` marker, and isolation.

The plugin is loaded through its ``pytest11`` entry point, so no ``conftest.py`` is needed. Shows
the fixture, a marker that adds a gateway base URL (on a test and on a class, closest marker
wins), the plain context manager, and that every test starts from a fresh mock.
"""

import openai
import pytest

from openai_responses import OpenAIMock

MESSAGES = [{"role": "user", "content": "ping"}]


# --8<-- [start:fixture]
def test_fixture(openai_mock: OpenAIMock):
    openai_mock.chat.completions.create.response = {
        "choices": [
            {"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": "pong"}}
        ]
    }

    client = openai.OpenAI(api_key="sk-fake123")
    completion = client.chat.completions.create(model="gpt-4o-mini", messages=MESSAGES)

    assert completion.choices[0].message.content == "pong"
    openai_mock.chat.completions.create.calls.assert_called_once()
    # --8<-- [end:fixture]


# --8<-- [start:marker]
@pytest.mark.openai_mock(base_url="https://gateway.example.com/v1")
def test_gateway_base_url(openai_mock: OpenAIMock):
    client = openai.OpenAI(api_key="sk-fake123", base_url="https://gateway.example.com/v1")

    client.chat.completions.create(model="gpt-4o-mini", messages=MESSAGES)

    request = openai_mock.chat.completions.create.requests[0]
    assert request.raw.url.host == "gateway.example.com"
    assert request.params["model"] == "gpt-4o-mini"
    # --8<-- [end:marker]


# --8<-- [start:class-marker]
@pytest.mark.openai_mock(base_url="https://gateway.example.com/v1")
class TestGateways:
    def test_class_marker(self, openai_mock: OpenAIMock):
        client = openai.OpenAI(api_key="sk-fake123", base_url="https://gateway.example.com/v1")
        client.models.list()
        assert openai_mock.models.list.calls.call_count == 1

    @pytest.mark.openai_mock(base_url="https://eu-gateway.example.com/v1")  # closest marker wins
    def test_closest_marker_wins(self, openai_mock: OpenAIMock):
        client = openai.OpenAI(api_key="sk-fake123", base_url="https://eu-gateway.example.com/v1")
        client.models.list()
        assert openai_mock.models.list.calls.call_count == 1

    # --8<-- [end:class-marker]


# --8<-- [start:isolation]
@pytest.mark.parametrize("calls", [1, 2, 3])
def test_every_run_starts_fresh(openai_mock: OpenAIMock, calls: int):
    client = openai.OpenAI(api_key="sk-fake123")

    for _ in range(calls):
        client.chat.completions.create(model="gpt-4o-mini", messages=MESSAGES)

    # counts never leak from the other parametrized runs, or from test_fixture above
    assert openai_mock.chat.completions.create.calls.call_count == calls
    # --8<-- [end:isolation]


# --8<-- [start:context-manager]
def test_context_manager():
    with OpenAIMock() as openai_mock:
        openai_mock.moderations.create.response = {"results": [{"flagged": True}]}
        client = openai.OpenAI(api_key="sk-fake123")

        moderation = client.moderations.create(input="some text")

        assert moderation.results[0].flagged is True
        assert openai_mock.moderations.create.calls.call_count == 1
    # --8<-- [end:context-manager]
