"""The Responses API over sync/async × httpx2/httpx: defaults and echoed settings, tool calls and
structured output, partials, state (store, retrieve, delete, input items, chains, background
lifecycles, cancel), streaming (event order, resuming, the ``stream()`` helper), ``beta.responses``
and the Agents SDK's trace route."""

from __future__ import annotations

import json
from typing import Any

import httpx
import openai
import pydantic
import pytest

from openai_responses import OpenAIMock
from openai_responses.streaming import response_events

from .conftest import OPENAI_MAJOR, Awaitable, collect, pages

WEATHER_TOOL = {
    "type": "function",
    "name": "get_weather",
    "description": "The weather in a city.",
    "parameters": {
        "type": "object",
        "properties": {"city": {"type": "string"}, "unit": {"type": "string", "enum": ["c", "f"]}},
        "required": ["city", "unit"],
        "additionalProperties": False,
    },
}
TIME_TOOL = {
    "type": "function",
    "name": "get_time",
    "parameters": {"type": "object", "properties": {"zone": {"type": "string"}}, "required": ["zone"]},
}
ANSWER = "It is sunny in Paris today, 24 degrees."


class Weather(pydantic.BaseModel):
    city: str
    temperature: float
    tags: list[str]


def types_of(events: list[Any]) -> list[str]:
    return [event.type for event in events]


# -- create: defaults and echoed settings ---------------------------------------------------------


async def test_default_answer(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    response = await sdk.responses.create(model="gpt-4o-mini", input="Hello!")
    assert response.id.startswith("resp_")
    assert response.object == "response" and response.status == "completed"
    assert response.model == "gpt-4o-mini"
    assert [item.type for item in response.output] == ["message"]
    message = response.output[0]
    assert message.role == "assistant" and message.status == "completed" and message.id.startswith("msg_")
    assert response.output_text == "Hello! How can I help you today?"
    assert response.usage is not None and response.usage.input_tokens > 0 and response.usage.output_tokens > 0
    assert response.usage.total_tokens == response.usage.input_tokens + response.usage.output_tokens
    assert response.completed_at is not None and response.error is None
    # what the API reports for settings the request left out
    assert response.tool_choice == "auto" and response.tools == []
    assert response.text.format.type == "text"
    assert response.store is True and response.background is False and response.metadata == {}
    assert response.parallel_tool_calls is True and response.temperature == 1.0
    assert openai_mock.state.responses.get(response.id).id == response.id
    assert openai_mock.responses.create.requests[0].params["input"] == "Hello!"


async def test_settings_are_echoed(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    response = await sdk.responses.create(
        model="o4-mini",
        input="Plan my trip.",
        instructions="Be brief.",
        metadata={"team": "travel"},
        tools=[WEATHER_TOOL],
        tool_choice="auto",
        temperature=0.2,
        max_output_tokens=500,
        reasoning={"effort": "high", "summary": "auto"},
        text={"verbosity": "low"},
        user="user-1",
    )
    assert response.instructions == "Be brief."
    assert response.metadata == {"team": "travel"}
    assert response.tool_choice == "auto"
    tool = response.tools[0]
    assert (tool.type, tool.name, tool.parameters) == ("function", "get_weather", WEATHER_TOOL["parameters"])
    assert tool.description == "The weather in a city." and tool.strict is True
    assert response.temperature == 0.2 and response.max_output_tokens == 500 and response.user == "user-1"
    assert response.reasoning.effort == "high" and response.reasoning.summary == "auto"
    assert response.text.verbosity == "low" and response.text.format.type == "text"
    # a reasoning model first sends its reasoning, here with the summary asked for
    assert [item.type for item in response.output] == ["reasoning", "message"]
    reasoning = response.output[0]
    assert reasoning.id.startswith("rs_") and reasoning.summary[0].type == "summary_text"
    assert response.usage.output_tokens_details.reasoning_tokens > 0


async def test_forced_tool_call_arguments_match_the_schema(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    for tool_choice in (
        {"type": "function", "name": "get_weather"},
        "required",
        {"type": "allowed_tools", "mode": "required", "tools": [{"type": "function", "name": "get_weather"}]},
    ):
        response = await sdk.responses.create(
            model="gpt-4o",
            input="Weather in Paris?",
            tools=[WEATHER_TOOL, TIME_TOOL],
            tool_choice=tool_choice,
        )
        assert [item.type for item in response.output] == ["function_call"]
        call = response.output[0]
        assert call.name == "get_weather" and call.status == "completed"
        assert call.id.startswith("fc_") and call.call_id.startswith("call_")
        assert json.loads(call.arguments) == {"city": "city", "unit": "c"}
        assert response.output_text == ""
    named = await sdk.responses.create(
        model="gpt-4o",
        input="Time?",
        tools=[WEATHER_TOOL, TIME_TOOL],
        tool_choice={"type": "function", "name": "get_time"},
    )
    assert named.output[0].name == "get_time" and json.loads(named.output[0].arguments) == {"zone": "zone"}


async def test_text_format_json_schema_validates(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    response = await sdk.responses.create(
        model="gpt-4o",
        input="Weather?",
        text={"format": {"type": "json_schema", "name": "weather", "schema": Weather.model_json_schema()}},
    )
    assert Weather.model_validate_json(response.output_text) == Weather(
        city="city", temperature=1.0, tags=["tags"]
    )
    assert response.text.format.type == "json_schema" and response.text.format.name == "weather"
    json_mode = await sdk.responses.create(
        model="gpt-4o", input="JSON", text={"format": {"type": "json_object"}}
    )
    assert json.loads(json_mode.output_text) == {}


async def test_parse_returns_the_model_with_zero_configuration(
    openai_mock: OpenAIMock, sdk: Awaitable
) -> None:
    response = await sdk.responses.parse(model="gpt-4o", input="Weather in Paris?", text_format=Weather)
    assert isinstance(response.output_parsed, Weather)
    assert response.output_parsed.city == "city"
    assert openai_mock.responses.create.calls.call_count == 1


# -- partials and models ----------------------------------------------------------------------


async def test_partial_output_items_merge_over_their_own_type(
    openai_mock: OpenAIMock, sdk: Awaitable
) -> None:
    openai_mock.responses.create.response = {
        "output": [
            {"type": "function_call", "name": "get_weather"},
            {"type": "message", "content": ANSWER},
        ],
        "usage": {"output_tokens": 99},
    }
    response = await sdk.responses.create(model="gpt-4o", input="Weather?", tools=[WEATHER_TOOL])
    call, message = response.output
    assert call.type == "function_call" and call.name == "get_weather" and call.status == "completed"
    assert call.id.startswith("fc_") and call.call_id.startswith("call_")
    assert json.loads(call.arguments) == {"city": "city", "unit": "c"}  # valid for the offered tool
    assert not hasattr(call, "role")
    assert message.role == "assistant" and message.id.startswith("msg_")
    assert message.content[0].type == "output_text" and message.content[0].annotations == []
    assert response.output_text == ANSWER
    assert response.usage.output_tokens == 99 and response.usage.input_tokens > 0


async def test_a_list_of_partials_answers_a_tool_call_then_the_answer(
    openai_mock: OpenAIMock, sdk: Awaitable
) -> None:
    openai_mock.responses.create.response = [
        {
            "output": [
                {
                    "type": "function_call",
                    "name": "get_weather",
                    "arguments": '{"city": "Paris", "unit": "c"}',
                }
            ]
        },
        {"output": [{"type": "message", "content": [{"type": "output_text", "text": ANSWER}]}]},
    ]
    first = await sdk.responses.create(model="gpt-4o", input="Weather in Paris?", tools=[WEATHER_TOOL])
    call = first.output[0]
    assert json.loads(call.arguments) == {"city": "Paris", "unit": "c"}
    second = await sdk.responses.create(
        model="gpt-4o",
        previous_response_id=first.id,
        input=[{"type": "function_call_output", "call_id": call.call_id, "output": "24C, sunny"}],
        tools=[WEATHER_TOOL],
    )
    assert second.output_text == ANSWER
    assert second.previous_response_id == first.id


async def test_a_model_is_answered_and_stored_as_is(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    from openai.types.responses import Response

    model = Response.model_validate(
        {
            "id": "resp_fixed",
            "object": "response",
            "created_at": 1,
            "model": "gpt-4o",
            "status": "completed",
            "output": [
                {
                    "type": "message",
                    "id": "msg_1",
                    "role": "assistant",
                    "status": "completed",
                    "content": [{"type": "output_text", "text": "Fixed.", "annotations": []}],
                }
            ],
            "parallel_tool_calls": True,
            "tool_choice": "auto",
            "tools": [],
        }
    )
    openai_mock.responses.create.response = model
    response = await sdk.responses.create(model="gpt-4o", input="x")
    assert response.id == "resp_fixed" and response.output_text == "Fixed."
    assert (await sdk.responses.retrieve("resp_fixed")).output_text == "Fixed."
    events = await collect(await sdk.responses.create(model="gpt-4o", input="x", stream=True))
    assert "".join(e.delta for e in events if e.type == "response.output_text.delta") == "Fixed."
    assert events[-1].response.id == "resp_fixed"


# -- state ------------------------------------------------------------------------------------


async def test_retrieve_delete_then_404(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    created = await sdk.responses.create(model="gpt-4o", input="Hello!", metadata={"a": "1"})
    retrieved = await sdk.responses.retrieve(created.id)
    assert retrieved.id == created.id and retrieved.output_text == created.output_text
    assert retrieved.metadata == {"a": "1"}
    assert await sdk.responses.delete(created.id) is None
    with pytest.raises(openai.NotFoundError) as caught:
        await sdk.responses.retrieve(created.id)
    assert caught.value.body == {
        "message": f"No response found with id '{created.id}'.",
        "type": "invalid_request_error",
        "param": None,
        "code": None,
    }


async def test_store_false_is_not_kept(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    response = await sdk.responses.create(model="gpt-4o", input="Hello!", store=False)
    assert response.store is False and response.output_text
    assert response.id not in openai_mock.state.responses
    with pytest.raises(openai.NotFoundError):
        await sdk.responses.retrieve(response.id)


async def test_input_items_are_what_the_response_was_created_with(
    openai_mock: OpenAIMock, sdk: Awaitable
) -> None:
    text = await sdk.responses.create(model="gpt-4o", input="Hello!")
    items = await pages(await sdk.responses.input_items.list(text.id))
    assert len(items) == 1
    item = items[0]
    assert (item.type, item.role, item.status) == ("message", "user", "completed")
    assert item.id.startswith("msg_")
    assert [(part.type, part.text) for part in item.content] == [("input_text", "Hello!")]

    conversation = [
        {"role": "developer", "content": "Be brief."},
        {"role": "user", "content": [{"type": "input_text", "text": "One"}]},
        {"role": "assistant", "content": "Two"},
        {"role": "user", "content": "Three"},
    ]
    listed = await sdk.responses.create(model="gpt-4o", input=conversation)
    first = await sdk.responses.input_items.list(listed.id, limit=2)  # newest first, as the API
    assert [i.content[0].text for i in first.data] == ["Three", "Two"] and first.has_more is True
    assert first.data[1].content[0].type == "output_text"
    everything = await pages(await sdk.responses.input_items.list(listed.id, limit=1, order="asc"))
    assert [(i.role, i.content[0].text) for i in everything] == [
        ("developer", "Be brief."),
        ("user", "One"),
        ("assistant", "Two"),
        ("user", "Three"),
    ]
    with pytest.raises(openai.NotFoundError):
        await sdk.responses.input_items.list("resp_missing")


async def test_previous_response_id_chains_and_must_exist(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    first = await sdk.responses.create(model="gpt-4o", input="Tell me a joke.")
    second = await sdk.responses.create(model="gpt-4o", input="Another one.", previous_response_id=first.id)
    assert second.previous_response_id == first.id
    chain = await pages(await sdk.responses.input_items.list(second.id, order="asc"))
    assert [(i.role, i.content[0].text) for i in chain] == [
        ("user", "Tell me a joke."),
        ("assistant", first.output_text),
        ("user", "Another one."),
    ]
    assert chain[1].id == first.output[0].id
    with pytest.raises(openai.NotFoundError) as caught:
        await sdk.responses.create(model="gpt-4o", input="x", previous_response_id="resp_missing")
    assert caught.value.body == {
        "message": "Previous response with id 'resp_missing' not found.",
        "type": "invalid_request_error",
        "param": "previous_response_id",
        "code": "previous_response_not_found",
    }


async def test_background_responses_follow_the_lifecycle(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    openai_mock.responses.create.response = {"output": [{"type": "message", "content": ANSWER}]}
    openai_mock.lifecycle("responses", polls=2)
    created = await sdk.responses.create(model="gpt-4o", input="Write an essay.", background=True)
    assert created.status == "queued" and created.background is True
    assert created.output == [] and created.usage is None
    statuses = [(await sdk.responses.retrieve(created.id)).status for _ in range(2)]
    assert statuses == ["in_progress", "in_progress"]
    done = await sdk.responses.retrieve(created.id)
    assert done.status == "completed" and done.output_text == ANSWER
    assert done.usage is not None and done.completed_at is not None
    assert (await sdk.responses.retrieve(created.id)).status == "completed"


async def test_background_failure_carries_the_error(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    openai_mock.lifecycle(
        "responses", end="failed", error={"code": "rate_limit_exceeded", "message": "Slow down."}
    )
    created = await sdk.responses.create(model="gpt-4o", input="x", background=True)
    failed = await sdk.responses.retrieve(created.id)
    assert failed.status == "failed" and failed.output == []
    assert failed.error.code == "rate_limit_exceeded" and failed.error.message == "Slow down."


async def test_cancel_only_background_responses(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    openai_mock.lifecycle("responses", polls=5)
    running = await sdk.responses.create(model="gpt-4o", input="x", background=True)
    cancelled = await sdk.responses.cancel(running.id)
    assert cancelled.status == "cancelled"
    assert (await sdk.responses.retrieve(running.id)).status == "cancelled"
    again = await sdk.responses.cancel(running.id)  # a finished background response stays as it is
    assert again.status == "cancelled"
    synchronous = await sdk.responses.create(model="gpt-4o", input="x")
    with pytest.raises(openai.BadRequestError) as caught:
        await sdk.responses.cancel(synchronous.id)
    assert caught.value.body == {
        "message": "Cannot cancel a synchronous response.",
        "type": "invalid_request_error",
        "param": None,
        "code": None,
    }
    with pytest.raises(openai.NotFoundError):
        await sdk.responses.cancel("resp_missing")


async def test_input_tokens_count_and_compact(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    short = await sdk.responses.input_tokens.count(model="gpt-4o", input="Hi")
    long = await sdk.responses.input_tokens.count(model="gpt-4o", input="Hi " * 200, instructions="Be brief.")
    assert short.object == "response.input_tokens" and 0 < short.input_tokens < long.input_tokens
    first = await sdk.responses.create(model="gpt-4o", input="Summarise this.")
    chained = await sdk.responses.input_tokens.count(
        model="gpt-4o", input="And this.", previous_response_id=first.id
    )
    assert (
        chained.input_tokens
        > (await sdk.responses.input_tokens.count(model="gpt-4o", input="And this.")).input_tokens
    )
    compacted = await sdk.responses.compact(model="gpt-4o", previous_response_id=first.id, input="More.")
    assert compacted.object == "response.compaction"
    assert [item.type for item in compacted.output] == ["message", "message", "compaction"]
    assert [item.role for item in compacted.output[:2]] == [
        "user",
        "user",
    ]  # the user messages, then one item
    assert compacted.output[-1].encrypted_content and compacted.usage.input_tokens > 0


# -- streaming --------------------------------------------------------------------------------


async def test_stream_event_sequence(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    openai_mock.responses.create.response = {"output": [{"type": "message", "content": ANSWER}]}
    stream = await sdk.responses.create(model="gpt-4o", input="Weather?", stream=True)
    events = await collect(stream)
    deltas = [e for e in events if e.type == "response.output_text.delta"]
    assert len(deltas) > 1 and "".join(e.delta for e in deltas) == ANSWER
    assert [t for t in types_of(events) if t != "response.output_text.delta"] == [
        "response.created",
        "response.in_progress",
        "response.output_item.added",
        "response.content_part.added",
        "response.output_text.done",
        "response.content_part.done",
        "response.output_item.done",
        "response.completed",
    ]
    assert [e.sequence_number for e in events] == list(range(len(events)))
    created, final = events[0].response, events[-1].response
    assert created.status == "in_progress" and created.output == [] and created.id == final.id
    assert final.status == "completed" and final.output_text == ANSWER and final.usage is not None
    added = events[2]
    assert (
        added.item.status == "in_progress"
        and added.item.content == []
        and added.item.id == final.output[0].id
    )
    assert {(e.item_id, e.output_index, e.content_index) for e in deltas} == {(final.output[0].id, 0, 0)}
    assert next(e for e in events if e.type == "response.output_text.done").text == ANSWER
    # a streamed response is stored like any other
    assert (await sdk.responses.retrieve(final.id)).output_text == ANSWER


async def test_stream_function_call_and_reasoning(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    stream = await sdk.responses.create(
        model="o4-mini",
        input="Weather?",
        tools=[WEATHER_TOOL],
        tool_choice="required",
        reasoning={"effort": "low", "summary": "auto"},
        stream=True,
    )
    events = await collect(stream)
    final = events[-1].response
    reasoning, call = final.output
    summary = "".join(e.delta for e in events if e.type == "response.reasoning_summary_text.delta")
    assert summary == reasoning.summary[0].text
    arguments = "".join(e.delta for e in events if e.type == "response.function_call_arguments.delta")
    assert arguments == call.arguments and json.loads(arguments) == {"city": "city", "unit": "c"}
    done = next(e for e in events if e.type == "response.function_call_arguments.done")
    assert done.arguments == call.arguments and done.item_id == call.id and done.output_index == 1
    assert types_of(events)[:4] == [
        "response.created",
        "response.in_progress",
        "response.output_item.added",
        "response.reasoning_summary_part.added",
    ]
    assert [e.item.type for e in events if e.type == "response.output_item.done"] == [
        "reasoning",
        "function_call",
    ]


async def test_resume_a_stream_after_a_sequence_number(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    created = await sdk.responses.create(model="gpt-4o", input="Hello!", background=True)
    resumed = await collect(await sdk.responses.retrieve(created.id, stream=True, starting_after=3))
    assert resumed[0].sequence_number == 4 and resumed[-1].type == "response.completed"
    assert [e.sequence_number for e in resumed] == list(range(4, 4 + len(resumed)))
    full = await collect(await sdk.responses.retrieve(created.id, stream=True))
    # a background response's stream starts queued
    assert types_of(full)[:3] == ["response.created", "response.queued", "response.in_progress"]
    assert full[0].response.status == "queued"
    assert [e.model_dump() for e in full[4:]] == [e.model_dump() for e in resumed]
    assert (await sdk.responses.retrieve(created.id)).status == "completed"


async def run_stream_helper(client: Any, **kwargs: Any) -> tuple[list[Any], Any]:
    manager = client.responses.stream(**kwargs)
    if isinstance(client, openai.AsyncOpenAI):
        async with manager as stream:
            events = [event async for event in stream]
            return events, await stream.get_final_response()
    with manager as stream:
        events = list(stream)
        return events, stream.get_final_response()


async def test_stream_helper_parses_and_resumes(openai_mock: OpenAIMock, client: Any) -> None:
    events, final = await run_stream_helper(client, model="gpt-4o", input="Weather?", text_format=Weather)
    assert isinstance(final.output_parsed, Weather) and final.output_parsed.city == "city"
    snapshot = [e for e in events if e.type == "response.output_text.delta"][-1].snapshot
    assert snapshot == final.output_text
    assert next(e for e in events if e.type == "response.output_text.done").parsed == final.output_parsed
    resumed, again = await run_stream_helper(client, response_id=final.id, starting_after=5)
    assert [e.sequence_number for e in resumed] == list(range(6, len(events)))
    assert again.output_text == final.output_text
    assert openai_mock.responses.retrieve.calls.last.request.url.params["stream"] == "true"


async def test_background_stream_runs_to_the_end(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    events = await collect(
        await sdk.responses.create(model="gpt-4o", input="x", background=True, stream=True)
    )
    assert types_of(events)[:3] == ["response.created", "response.queued", "response.in_progress"]
    final = events[-1].response
    assert final.status == "completed" and final.background is True
    assert (await sdk.responses.retrieve(final.id)).status == "completed"


def test_response_events_helper() -> None:
    response = {
        "id": "resp_1",
        "status": "incomplete",
        "output": [
            {
                "type": "message",
                "id": "msg_1",
                "role": "assistant",
                "status": "incomplete",
                "content": [{"type": "refusal", "refusal": "I cannot help with that."}],
            },
        ],
    }
    events = response_events(response)
    assert [e["type"] for e in events if "refusal" not in e["type"]][-1] == "response.incomplete"
    refusal = "".join(e["delta"] for e in events if e["type"] == "response.refusal.delta")
    assert refusal == "I cannot help with that."
    assert [e["sequence_number"] for e in events] == list(range(len(events)))
    from openai_responses.helpers.builders.responses import build_response

    model = build_response({"output": [{"type": "message", "content": ANSWER}]})
    texts = [e["delta"] for e in response_events(model) if e["type"] == "response.output_text.delta"]
    assert "".join(texts) == ANSWER


# -- beta.responses and traces ----------------------------------------------------------------


async def test_beta_responses_answer_on_their_own_routes(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    created = await sdk.beta.responses.create(model="gpt-4o", input="Hello!")
    assert created.id.startswith("resp_") and created.output[0].content[0].text
    assert openai_mock.beta.responses.create.calls.call_count == 1
    assert openai_mock.responses.create.calls.call_count == 0
    assert openai_mock.beta.responses.create.calls.last.request.url.params["beta"] == "true"
    assert (await sdk.beta.responses.retrieve(created.id)).id == created.id
    items = await pages(await sdk.beta.responses.input_items.list(created.id))
    assert items[0].content[0].text == "Hello!"
    assert created.id in openai_mock.state.beta.responses
    events = await collect(await sdk.beta.responses.create(model="gpt-4o", input="Hi", stream=True))
    assert events[0].type == "response.created" and events[-1].type == "response.completed"
    assert await sdk.beta.responses.delete(created.id) is None
    with pytest.raises(openai.NotFoundError):
        await sdk.beta.responses.retrieve(created.id)


def test_traces_ingest_answers_204_while_active(openai_mock: OpenAIMock) -> None:
    body = {"data": [{"object": "trace", "id": "trace_1", "workflow_name": "Agent workflow"}]}
    answer = httpx.post(
        "https://api.openai.com/v1/traces/ingest", json=body, headers={"OpenAI-Beta": "traces=v1"}
    )
    assert answer.status_code == 204 and answer.content == b""
    assert openai_mock.traces.ingest.calls.call_count == 1
    assert openai_mock.traces.ingest.requests[0].params == body
    assert openai_mock.traces.ingest.requests[0].headers["openai-beta"] == "traces=v1"


@pytest.mark.skipif(
    OPENAI_MAJOR < 3, reason=f"openai {openai.__version__} has no httpx2 (the Agents SDK sends with it)"
)
def test_traces_ingest_over_httpx2(openai_mock: OpenAIMock) -> None:
    import httpx2

    with httpx2.Client() as client:  # what agents.tracing's exporter holds
        answer = client.post("https://api.openai.com/v1/traces/ingest", json={"data": []})
    assert answer.status_code == 204
    assert openai_mock.traces.ingest.calls.call_count == 1


# -- helpers ----------------------------------------------------------------------------------


async def test_builder_in_a_function_decides_per_request(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    from openai_responses.ext.httpx import Request, Response
    from openai_responses.helpers.builders.responses import response_from_create_request

    def model(request: Request) -> Response:
        items = json.loads(request.content)["input"]
        outputs = [item["output"] for item in items if item.get("type") == "function_call_output"]
        if outputs:
            extra = {"output": [{"type": "message", "content": f"Tool said {outputs[-1]}."}]}
        else:
            extra = {"output": [{"type": "function_call", "name": "get_weather"}]}
        return Response(200, json=response_from_create_request(request, extra=extra).model_dump(mode="json"))

    openai_mock.responses.create.response = model
    messages: list[Any] = [{"role": "user", "content": "Weather?"}]
    first = await sdk.responses.create(model="gpt-4o", input=messages, tools=[WEATHER_TOOL])
    call = first.output[0]
    assert call.name == "get_weather" and json.loads(call.arguments) == {"city": "city", "unit": "c"}
    assert first.model == "gpt-4o" and first.tools[0].name == "get_weather"
    messages += [{"type": "function_call_output", "call_id": call.call_id, "output": "sunny"}]
    second = await sdk.responses.create(model="gpt-4o", input=messages, tools=[WEATHER_TOOL])
    assert second.output_text == "Tool said sunny."


def test_build_and_merge_response() -> None:
    from openai.types.responses import Response

    from openai_responses.helpers.builders.responses import build_response
    from openai_responses.helpers.mergers.responses import merge_response_with_partial

    response = build_response({"output": [{"type": "message", "content": ANSWER}], "metadata": {"a": "1"}})
    assert isinstance(response, Response) and response.output_text == ANSWER
    assert response.status == "completed" and response.metadata == {"a": "1"} and response.usage is not None
    merged = merge_response_with_partial(response, {"status": "incomplete"})
    assert merged.status == "incomplete" and merged.output_text == ANSWER and response.status == "completed"


async def test_other_output_items_are_completed_from_the_sdk_model(
    openai_mock: OpenAIMock, sdk: Awaitable
) -> None:
    openai_mock.responses.create.response = {
        "output": [
            {"type": "web_search_call", "action": {"type": "search", "query": "weather paris"}},
            {"type": "message", "content": ANSWER},
        ]
    }
    response = await sdk.responses.create(model="gpt-4o", input="Weather?", tools=[{"type": "web_search"}])
    search, message = response.output
    assert message.type == "message"
    assert search.type == "web_search_call" and search.id.startswith("ws_") and search.status == "completed"
    assert search.action.query == "weather paris"
    assert response.output_text == ANSWER
    events = await collect(await sdk.responses.create(model="gpt-4o", input="Weather?", stream=True))
    done = [e.item.type for e in events if e.type == "response.output_item.done"]
    assert done == ["web_search_call", "message"]


async def test_beta_background_follows_its_own_lifecycle(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    openai_mock.lifecycle("beta.responses", polls=1)
    created = await sdk.beta.responses.create(model="gpt-4o", input="x", background=True)
    assert created.status == "queued"
    assert (await sdk.beta.responses.retrieve(created.id)).status == "in_progress"
    done = await sdk.beta.responses.retrieve(created.id)
    assert done.status == "completed" and done.output[0].content[0].text
    assert (await sdk.beta.responses.cancel(created.id)).status == "completed"
