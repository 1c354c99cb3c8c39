"""Agent sessions stream one turn like the real API: ``sessions.create(stream=True)``,
``sessions.events.stream`` and the SDK's ``sessions.stream()`` helper all see the turn's events,
whose text deltas join to the final answer."""

from __future__ import annotations

from typing import Any

import openai
import pytest

from openai_responses import OpenAIMock
from openai_responses._resources.beta.agents.sessions import DEFAULT_ANSWER

from .conftest import HAS_HTTPX2, Awaitable, collect

pytestmark = pytest.mark.skipif(
    not HAS_HTTPX2, reason=f"openai {openai.__version__} has no beta.agents (added in openai 3)"
)

ENVIRONMENT: Any = {"type": "none"}
TURN = [
    "agent.session.in_progress",
    "agent.session.turn.created",
    "agent.session.turn.in_progress",
    "agent.session.turn.item.added",
    "agent.session.turn.content_part.added",
    "agent.session.turn.output_text.delta",
    "agent.session.turn.output_text.done",
    "agent.session.turn.content_part.done",
    "agent.session.turn.item.done",
    "agent.session.turn.completed",
    "agent.session.idle",
]


def without_repeats(types: list[str]) -> list[str]:
    return [kind for position, kind in enumerate(types) if position == 0 or types[position - 1] != kind]


async def test_create_with_input_streams_one_turn(sdk: Awaitable, openai_mock: OpenAIMock) -> None:
    stream = await sdk.beta.agents.sessions.create(environment=ENVIRONMENT, input="Hi", stream=True)
    events = await collect(stream)

    assert without_repeats([event.type for event in events]) == ["agent.session.created", *TURN]
    deltas = [event.delta for event in events if event.type == "agent.session.turn.output_text.delta"]
    done = next(event for event in events if event.type == "agent.session.turn.item.done")
    assert "".join(deltas) == DEFAULT_ANSWER == done.item.content[0].text
    assert len({event.event_id for event in events}) == len(events), "event ids must be unique"
    session_id = events[0].session.id
    assert all(getattr(event, "session_id", session_id) == session_id for event in events)
    turn_ids = {event.turn_id for event in events if getattr(event, "turn_id", None)}
    assert len(turn_ids) == 1
    assert events[-1].session.status == "idle"


async def test_create_without_input_streams_an_idle_session(sdk: Awaitable, openai_mock: OpenAIMock) -> None:
    events = await collect(await sdk.beta.agents.sessions.create(environment=ENVIRONMENT, stream=True))
    assert [event.type for event in events] == ["agent.session.created", "agent.session.idle"]


async def test_events_stream_follows_a_stored_session(sdk: Awaitable, openai_mock: OpenAIMock) -> None:
    session = await sdk.beta.agents.sessions.create(environment=ENVIRONMENT)
    events = await collect(await sdk.beta.agents.sessions.events.stream(session.id))

    assert without_repeats([event.type for event in events]) == TURN
    assert events[0].session.id == session.id
    assert all(event.session_id == session.id for event in events[1:-1])


def test_the_sdk_stream_helper_collects_the_final_answer(openai_mock: OpenAIMock) -> None:
    client = openai.OpenAI(api_key="sk-test")
    session = client.beta.agents.sessions.create(environment=ENVIRONMENT)
    with client.beta.agents.sessions.stream(session.id, input="Hello") as turn:
        result = turn.get_final_result()

    assert result.output_text == DEFAULT_ANSWER
    assert openai_mock.beta.agents.sessions.events.create.calls.call_count == 1
    sent = openai_mock.beta.agents.sessions.events.create.requests[0].params
    assert sent["events"][0]["input"][0]["content"][0]["text"] == "Hello"


def test_the_stream_helper_is_not_a_route(openai_mock: OpenAIMock) -> None:
    with pytest.raises(AttributeError) as raised:
        _ = openai_mock.beta.agents.sessions.stream
    assert str(raised.value) == (
        "openai_mock.beta.agents.sessions.stream is an SDK helper, not an endpoint: it sends its requests "
        "to beta.agents.sessions.events.stream. Set openai_mock.beta.agents.sessions.events.stream.response "
        "instead."
    )
