"""The Assistants API: assistants, threads, messages, runs (lifecycle, tool calls, streaming), run
steps, and the builders and mergers for them."""

from __future__ import annotations

import json
from typing import Any

import httpx
import openai
import pytest
from openai.lib.streaming import AssistantEventHandler, AsyncAssistantEventHandler

from openai_responses import OpenAIMock
from openai_responses.errors import MockConfigurationError
from openai_responses.ext.httpx import Response
from openai_responses.helpers.builders.assistants import assistant_from_create_request, build_assistant
from openai_responses.helpers.builders.messages import build_message, message_from_create_request
from openai_responses.helpers.builders.run_steps import build_run_step
from openai_responses.helpers.builders.runs import build_run, run_from_create_request
from openai_responses.helpers.builders.threads import build_thread, thread_from_create_request
from openai_responses.helpers.mergers.run_steps import merge_run_step_with_partial
from openai_responses.helpers.mergers.runs import merge_run_with_partial
from openai_responses.helpers.mergers.threads import merge_thread_with_partial
from openai_responses.streaming import EventStream, run_events

from .conftest import Awaitable, collect, pages

# the SDK marks the Assistants API deprecated (openai 2 says "use `stream` instead" for
# ``runs.create_and_stream``): calling it is the point here
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

WEATHER = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "description": "The weather in a city",
        "parameters": {
            "type": "object",
            "properties": {
                "city": {"type": "string"},
                "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]},
                "days": {"type": "integer", "minimum": 1, "maximum": 7},
            },
            "required": ["city", "unit"],
        },
    },
}
TIME = {
    "type": "function",
    "function": {"name": "get_time", "parameters": {"type": "object", "properties": {}}},
}

RUN_EVENTS = [
    "thread.run.created",
    "thread.run.queued",
    "thread.run.in_progress",
    "thread.run.step.created",
    "thread.run.step.in_progress",
    "thread.message.created",
    "thread.message.in_progress",
]


async def assistant_and_thread(sdk: Awaitable, **assistant: Any) -> tuple[Any, Any]:
    created = await sdk.beta.assistants.create(model="gpt-4o", instructions="Be brief.", **assistant)
    thread = await sdk.beta.threads.create(messages=[{"role": "user", "content": "Weather in Paris?"}])
    return created, thread


def texts(messages: list[Any]) -> list[str]:
    return [m.content[0].text.value for m in messages]


# -- assistants, threads, messages ----------------------------------------------------------------


async def test_assistants_are_stateful(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    created = await sdk.beta.assistants.create(
        model="gpt-4o-mini",
        name="Helper",
        instructions="Answer in French.",
        tools=[WEATHER, {"type": "code_interpreter"}],
        tool_resources={"code_interpreter": {"file_ids": ["file-a"]}},
        response_format={"type": "json_object"},
        temperature=0.2,
        metadata={"team": "docs"},
    )
    assert created.id.startswith("asst_") and created.model == "gpt-4o-mini" and created.name == "Helper"
    assert [t.type for t in created.tools] == ["function", "code_interpreter"]
    assert created.tools[0].function.name == "get_weather"
    assert created.tool_resources.code_interpreter.file_ids == ["file-a"]
    assert created.response_format.type == "json_object" and created.temperature == 0.2
    assert created.metadata == {"team": "docs"} and created.top_p == 1.0

    updated = await sdk.beta.assistants.update(created.id, tools=[TIME], name="Renamed")
    assert [t.function.name for t in updated.tools] == ["get_time"] and updated.name == "Renamed"
    again = await sdk.beta.assistants.retrieve(created.id)
    assert (
        again.name == "Renamed" and again.instructions == "Answer in French." and again.model == "gpt-4o-mini"
    )
    assert openai_mock.state.beta.assistants.get(created.id).tools[0].function.name == "get_time"

    others = [await sdk.beta.assistants.create(model="gpt-4o", name=f"a{i}") for i in range(3)]
    first = await sdk.beta.assistants.list(limit=2)
    assert [a.name for a in first.data] == ["a2", "a1"] and first.has_more is True
    assert [a.id for a in await pages(await sdk.beta.assistants.list(limit=2, order="asc"))] == [
        created.id,
        *(a.id for a in others),
    ]
    deleted = await sdk.beta.assistants.delete(created.id)
    assert deleted.deleted is True and deleted.id == created.id
    with pytest.raises(openai.NotFoundError) as caught:
        await sdk.beta.assistants.retrieve(created.id)
    assert caught.value.body["message"] == f"No assistant found with id '{created.id}'."


async def test_a_thread_keeps_its_messages_and_tool_resources(
    openai_mock: OpenAIMock, sdk: Awaitable
) -> None:
    thread = await sdk.beta.threads.create(
        messages=[
            {"role": "user", "content": "Hello"},
            {
                "role": "user",
                "content": [
                    {"type": "text", "text": "What is in this picture?"},
                    {
                        "type": "image_url",
                        "image_url": {"url": "https://example.com/cat.png", "detail": "low"},
                    },
                ],
                "attachments": [{"file_id": "file-x", "tools": [{"type": "file_search"}]}],
                "metadata": {"n": "2"},
            },
        ],
        tool_resources={
            "code_interpreter": {"file_ids": ["file-1"]},
            "file_search": {"vector_store_ids": ["vs_1"]},
        },
        metadata={"user": "u1"},
    )
    assert thread.id.startswith("thread_") and thread.metadata == {"user": "u1"}
    assert thread.tool_resources.code_interpreter.file_ids == ["file-1"]
    assert thread.tool_resources.file_search.vector_store_ids == ["vs_1"]

    listed = (await sdk.beta.threads.messages.list(thread.id, order="asc")).data
    assert [m.role for m in listed] == ["user", "user"] and all(m.thread_id == thread.id for m in listed)
    assert listed[0].content[0].text.value == "Hello"
    assert [block.type for block in listed[1].content] == ["text", "image_url"]
    assert listed[1].content[1].image_url.url == "https://example.com/cat.png"
    assert listed[1].attachments[0].file_id == "file-x" and listed[1].metadata == {"n": "2"}
    assert [m.id for m in openai_mock.state.beta.threads.messages.list(thread.id, order="asc").data] == [
        m.id for m in listed
    ]

    updated = await sdk.beta.threads.update(thread.id, metadata={"user": "u2"})
    assert updated.metadata == {"user": "u2"}
    assert updated.tool_resources.code_interpreter.file_ids == ["file-1"]
    assert (await sdk.beta.threads.retrieve(thread.id)).metadata == {"user": "u2"}

    assert (await sdk.beta.threads.delete(thread.id)).deleted is True
    with pytest.raises(openai.NotFoundError):
        await sdk.beta.threads.messages.list(thread.id)
    assert len(openai_mock.state.beta.threads.messages) == 0


async def test_thread_tool_resources_can_create_a_vector_store(
    openai_mock: OpenAIMock, sdk: Awaitable
) -> None:
    uploaded = await sdk.files.create(
        file=("notes.txt", b"Paris is the capital of France."), purpose="assistants"
    )
    thread = await sdk.beta.threads.create(
        tool_resources={
            "file_search": {"vector_stores": [{"file_ids": [uploaded.id], "metadata": {"k": "v"}}]}
        }
    )
    (store_id,) = thread.tool_resources.file_search.vector_store_ids
    store = await sdk.vector_stores.retrieve(store_id)
    assert store.metadata == {"k": "v"} and store.file_counts.total == 1
    assert [f.id for f in (await sdk.vector_stores.files.list(store_id)).data] == [uploaded.id]


async def test_messages_crud_pagination_and_run_filter(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    created, thread = await assistant_and_thread(sdk)
    added = [
        await sdk.beta.threads.messages.create(thread.id, role="user", content=f"m{i}") for i in range(4)
    ]
    assert added[0].content[0].text.value == "m0" and added[0].status == "completed"
    first = await sdk.beta.threads.messages.list(thread.id, limit=2)
    assert texts(first.data) == ["m3", "m2"] and first.has_more is True
    assert texts(await pages(await sdk.beta.threads.messages.list(thread.id, limit=2, order="asc"))) == [
        "Weather in Paris?",
        "m0",
        "m1",
        "m2",
        "m3",
    ]
    last = await sdk.beta.threads.messages.list(thread.id, limit=5, order="asc", after=added[1].id)
    assert texts(last.data) == ["m2", "m3"] and last.has_more is False

    updated = await sdk.beta.threads.messages.update(
        added[0].id, thread_id=thread.id, metadata={"seen": "yes"}
    )
    assert updated.metadata == {"seen": "yes"}
    retrieved = await sdk.beta.threads.messages.retrieve(added[0].id, thread_id=thread.id)
    assert retrieved.metadata == {"seen": "yes"} and retrieved.content[0].text.value == "m0"
    deleted = await sdk.beta.threads.messages.delete(added[0].id, thread_id=thread.id)
    assert deleted.deleted is True and deleted.id == added[0].id
    with pytest.raises(openai.NotFoundError):
        await sdk.beta.threads.messages.retrieve(added[0].id, thread_id=thread.id)

    run = await sdk.beta.threads.runs.create_and_poll(thread_id=thread.id, assistant_id=created.id)
    by_run = (await sdk.beta.threads.messages.list(thread.id, run_id=run.id)).data
    assert len(by_run) == 1 and by_run[0].role == "assistant" and by_run[0].run_id == run.id
    assert (await sdk.beta.threads.messages.list(thread.id, run_id="run_other")).data == []


async def test_a_message_of_another_thread_is_not_found(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    thread = await sdk.beta.threads.create()
    other = await sdk.beta.threads.create()
    message = await sdk.beta.threads.messages.create(thread.id, role="user", content="hi")
    messages = sdk.beta.threads.messages
    for method, extra in (
        (messages.retrieve, {}),
        (messages.update, {"metadata": {}}),
        (messages.delete, {}),
    ):
        with pytest.raises(openai.NotFoundError) as caught:
            await method(message.id, thread_id=other.id, **extra)
        assert caught.value.body["message"] == f"No message found with id '{message.id}'."
    assert openai_mock.state.beta.threads.messages.get(message.id) is not None


# -- runs -----------------------------------------------------------------------------------------


async def test_a_run_inherits_from_its_assistant(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    created, thread = await assistant_and_thread(sdk, tools=[WEATHER], temperature=0.3)
    run = await sdk.beta.threads.runs.create(
        thread.id,
        assistant_id=created.id,
        additional_instructions="Use metric units.",
        additional_messages=[{"role": "user", "content": "And tomorrow?"}],
        metadata={"request": "r1"},
    )
    assert run.status == "queued" and run.thread_id == thread.id and run.assistant_id == created.id
    assert run.model == "gpt-4o" and run.instructions == "Be brief.\n\nUse metric units."
    assert [t.function.name for t in run.tools] == ["get_weather"] and run.temperature == 0.3
    assert run.metadata == {"request": "r1"} and run.tool_choice == "auto" and run.parallel_tool_calls is True
    assert texts((await sdk.beta.threads.messages.list(thread.id, order="asc")).data) == [
        "Weather in Paris?",
        "And tomorrow?",
    ]

    overridden = await sdk.beta.threads.runs.create(
        thread.id, assistant_id=created.id, model="gpt-4o-mini", instructions="Shout.", tools=[TIME]
    )
    assert overridden.model == "gpt-4o-mini" and overridden.instructions == "Shout."
    assert [t.function.name for t in overridden.tools] == ["get_time"]


async def test_a_run_completes_on_the_next_retrieve(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    created, thread = await assistant_and_thread(sdk)
    run = await sdk.beta.threads.runs.create(thread.id, assistant_id=created.id)
    assert run.status == "queued" and run.completed_at is None
    done = await sdk.beta.threads.runs.retrieve(run.id, thread_id=thread.id)
    assert done.status == "completed" and done.completed_at is not None and done.started_at is not None
    assert done.usage.completion_tokens > 0 and done.usage.total_tokens == (
        done.usage.prompt_tokens + done.usage.completion_tokens
    )

    reply = (await sdk.beta.threads.messages.list(thread.id)).data[0]
    assert reply.role == "assistant" and reply.run_id == run.id and reply.assistant_id == created.id
    assert reply.content[0].text.value and reply.status == "completed"

    steps = (await sdk.beta.threads.runs.steps.list(run.id, thread_id=thread.id)).data
    assert [s.type for s in steps] == ["message_creation"] and steps[0].status == "completed"
    assert steps[0].step_details.message_creation.message_id == reply.id
    step = await sdk.beta.threads.runs.steps.retrieve(
        steps[0].id,
        thread_id=thread.id,
        run_id=run.id,
        include=["step_details.tool_calls[*].file_search.results[*].content"],
    )
    assert step.id == steps[0].id and step.run_id == run.id
    assert openai_mock.beta.threads.runs.steps.retrieve.requests[0].query["include[]"] == (
        "step_details.tool_calls[*].file_search.results[*].content"
    )
    # settled: further polls change nothing, and make no second reply
    assert (await sdk.beta.threads.runs.retrieve(run.id, thread_id=thread.id)).status == "completed"
    assert len((await sdk.beta.threads.messages.list(thread.id)).data) == 2


async def test_polling_helpers_finish(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    created, thread = await assistant_and_thread(sdk)
    run = await sdk.beta.threads.runs.create_and_poll(thread_id=thread.id, assistant_id=created.id)
    assert run.status == "completed"
    assert openai_mock.beta.threads.runs.retrieve.calls.call_count == 1

    other = await sdk.beta.threads.runs.create(thread.id, assistant_id=created.id)
    assert (await sdk.beta.threads.runs.poll(other.id, thread_id=thread.id)).status == "completed"

    started = await sdk.beta.threads.create_and_run_poll(
        assistant_id=created.id, thread={"messages": [{"role": "user", "content": "Hi"}]}
    )
    assert started.status == "completed" and started.thread_id != thread.id
    assert texts((await sdk.beta.threads.messages.list(started.thread_id, order="asc")).data)[0] == "Hi"


async def test_lifecycle_polls_and_failure(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    created, thread = await assistant_and_thread(sdk)
    openai_mock.lifecycle("beta.threads.runs", polls=2)
    run = await sdk.beta.threads.runs.create_and_poll(
        thread_id=thread.id, assistant_id=created.id, poll_interval_ms=0
    )
    assert run.status == "completed"
    assert openai_mock.beta.threads.runs.retrieve.calls.call_count == 3

    openai_mock.lifecycle(
        "beta.threads.runs", end="failed", error={"code": "rate_limit_exceeded", "message": "slow"}
    )
    failed = await sdk.beta.threads.runs.create_and_poll(thread_id=thread.id, assistant_id=created.id)
    assert failed.status == "failed" and failed.failed_at is not None
    assert failed.last_error.code == "rate_limit_exceeded" and failed.last_error.message == "slow"
    assert (await sdk.beta.threads.messages.list(thread.id, run_id=failed.id)).data == []


async def test_tool_calls_through_the_lifecycle(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    openai_mock.lifecycle("beta.threads.runs", end="requires_action")
    created, thread = await assistant_and_thread(sdk, tools=[WEATHER])
    run = await sdk.beta.threads.runs.create_and_poll(thread_id=thread.id, assistant_id=created.id)
    assert run.status == "requires_action" and run.required_action.type == "submit_tool_outputs"
    (call,) = run.required_action.submit_tool_outputs.tool_calls
    assert call.id.startswith("call_") and call.type == "function" and call.function.name == "get_weather"
    arguments = json.loads(call.function.arguments)
    assert set(arguments) == {"city", "unit", "days"}
    assert isinstance(arguments["city"], str) and arguments["unit"] in ("celsius", "fahrenheit")
    assert 1 <= arguments["days"] <= 7

    waiting = (await sdk.beta.threads.runs.steps.list(run.id, thread_id=thread.id)).data
    assert [(s.type, s.status) for s in waiting] == [("tool_calls", "in_progress")]
    assert waiting[0].step_details.tool_calls[0].id == call.id
    assert waiting[0].step_details.tool_calls[0].function.output is None

    queued = await sdk.beta.threads.runs.submit_tool_outputs(
        run.id, thread_id=thread.id, tool_outputs=[{"tool_call_id": call.id, "output": "22C and sunny"}]
    )
    assert queued.status == "queued" and queued.required_action is None
    done = await sdk.beta.threads.runs.retrieve(run.id, thread_id=thread.id)
    assert done.status == "completed"
    steps = (await sdk.beta.threads.runs.steps.list(run.id, thread_id=thread.id, order="asc")).data
    assert [(s.type, s.status) for s in steps] == [
        ("tool_calls", "completed"),
        ("message_creation", "completed"),
    ]
    assert steps[0].step_details.tool_calls[0].function.output == "22C and sunny"
    reply = (await sdk.beta.threads.messages.list(thread.id, run_id=run.id)).data
    assert len(reply) == 1 and reply[0].content[0].text.value


async def test_submit_tool_outputs_and_poll(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    openai_mock.lifecycle("beta.threads.runs", end="requires_action")
    created, thread = await assistant_and_thread(sdk, tools=[WEATHER, TIME])
    run = await sdk.beta.threads.runs.create_and_poll(
        thread_id=thread.id,
        assistant_id=created.id,
        tool_choice={"type": "function", "function": {"name": "get_time"}},
    )
    (call,) = run.required_action.submit_tool_outputs.tool_calls
    assert call.function.name == "get_time" and json.loads(call.function.arguments) == {}
    done = await sdk.beta.threads.runs.submit_tool_outputs_and_poll(
        run_id=run.id, thread_id=thread.id, tool_outputs=[{"tool_call_id": call.id, "output": "noon"}]
    )
    assert done.status == "completed"
    assert openai_mock.beta.threads.runs.submit_tool_outputs.requests[0].params["tool_outputs"] == [
        {"tool_call_id": call.id, "output": "noon"}
    ]


async def test_a_partial_asks_for_tool_calls(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    created, thread = await assistant_and_thread(sdk, tools=[WEATHER])
    openai_mock.beta.threads.runs.create.response = {
        "required_action": {
            "submit_tool_outputs": {
                "tool_calls": [
                    {
                        "function": {
                            "name": "get_weather",
                            "arguments": '{"city": "Paris", "unit": "celsius"}',
                        }
                    },
                    {"function": {"name": "get_weather"}},
                ]
            }
        }
    }
    run = await sdk.beta.threads.runs.create(thread.id, assistant_id=created.id)
    assert run.status == "queued" and run.required_action is None
    waiting = await sdk.beta.threads.runs.retrieve(run.id, thread_id=thread.id)
    assert waiting.status == "requires_action"
    first, second = waiting.required_action.submit_tool_outputs.tool_calls
    assert json.loads(first.function.arguments) == {"city": "Paris", "unit": "celsius"}
    assert second.function.name == "get_weather" and "city" in json.loads(second.function.arguments)
    assert first.id != second.id and first.type == second.type == "function"

    with pytest.raises(openai.BadRequestError) as caught:
        await sdk.beta.threads.runs.submit_tool_outputs(
            run.id, thread_id=thread.id, tool_outputs=[{"tool_call_id": first.id, "output": "x"}]
        )
    assert (
        caught.value.body["message"]
        == f"Expected tool outputs for call_ids {[first.id, second.id]}, got {[first.id]}"
    )
    outputs = [{"tool_call_id": c.id, "output": "ok"} for c in (first, second)]
    await sdk.beta.threads.runs.submit_tool_outputs(run.id, thread_id=thread.id, tool_outputs=outputs)
    assert (await sdk.beta.threads.runs.retrieve(run.id, thread_id=thread.id)).status == "completed"
    with pytest.raises(openai.BadRequestError) as caught:
        await sdk.beta.threads.runs.submit_tool_outputs(run.id, thread_id=thread.id, tool_outputs=outputs)
    assert caught.value.body["message"] == 'Runs in status "completed" do not accept tool outputs.'


async def test_a_retrieve_partial_asks_for_a_second_round(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    created, thread = await assistant_and_thread(sdk, tools=[WEATHER])
    ask = {
        "required_action": {"submit_tool_outputs": {"tool_calls": [{"function": {"name": "get_weather"}}]}}
    }
    openai_mock.beta.threads.runs.retrieve.response = [ask, ask, {"metadata": {"seen": "yes"}}]
    run = await sdk.beta.threads.runs.create_and_poll(thread_id=thread.id, assistant_id=created.id)
    for _ in range(2):
        assert run.status == "requires_action"
        (call,) = run.required_action.submit_tool_outputs.tool_calls
        run = await sdk.beta.threads.runs.submit_tool_outputs_and_poll(
            run_id=run.id, thread_id=thread.id, tool_outputs=[{"tool_call_id": call.id, "output": "x"}]
        )
    assert run.status == "completed" and run.metadata == {"seen": "yes"}
    steps = (await sdk.beta.threads.runs.steps.list(run.id, thread_id=thread.id, order="asc")).data
    assert [s.type for s in steps] == ["tool_calls", "tool_calls", "message_creation"]


async def test_requires_action_without_function_tools_says_what_to_do(
    openai_mock: OpenAIMock, sdk: Awaitable
) -> None:
    openai_mock.lifecycle("beta.threads.runs", end="requires_action")
    created, thread = await assistant_and_thread(sdk)
    run = await sdk.beta.threads.runs.create(thread.id, assistant_id=created.id)
    with pytest.raises(
        MockConfigurationError, match="has no function tools to call. Give the assistant or the run"
    ):
        await sdk.beta.threads.runs.retrieve(run.id, thread_id=thread.id)


async def test_cancel(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    created, thread = await assistant_and_thread(sdk, tools=[WEATHER])
    run = await sdk.beta.threads.runs.create(thread.id, assistant_id=created.id)
    assert (await sdk.beta.threads.runs.cancel(run.id, thread_id=thread.id)).status == "cancelling"
    cancelled = await sdk.beta.threads.runs.retrieve(run.id, thread_id=thread.id)
    assert cancelled.status == "cancelled" and cancelled.cancelled_at is not None
    assert (await sdk.beta.threads.messages.list(thread.id, run_id=run.id)).data == []
    with pytest.raises(openai.BadRequestError) as caught:
        await sdk.beta.threads.runs.cancel(run.id, thread_id=thread.id)
    assert caught.value.body["message"] == "Cannot cancel a run with status 'cancelled'."

    openai_mock.lifecycle("beta.threads.runs", end="requires_action")
    waiting = await sdk.beta.threads.runs.create_and_poll(thread_id=thread.id, assistant_id=created.id)
    assert (await sdk.beta.threads.runs.cancel(waiting.id, thread_id=thread.id)).status == "cancelling"
    assert (await sdk.beta.threads.runs.poll(waiting.id, thread_id=thread.id)).status == "cancelled"
    steps = (await sdk.beta.threads.runs.steps.list(waiting.id, thread_id=thread.id)).data
    assert [(s.type, s.status) for s in steps] == [("tool_calls", "cancelled")]


async def test_runs_update_list_and_unknown_ids(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    created, thread = await assistant_and_thread(sdk)
    runs = [await sdk.beta.threads.runs.create(thread.id, assistant_id=created.id) for _ in range(3)]
    updated = await sdk.beta.threads.runs.update(runs[0].id, thread_id=thread.id, metadata={"k": "v"})
    assert updated.metadata == {"k": "v"}
    assert (await sdk.beta.threads.runs.retrieve(runs[0].id, thread_id=thread.id)).metadata == {"k": "v"}
    first = await sdk.beta.threads.runs.list(thread.id, limit=2)
    assert [r.id for r in first.data] == [runs[2].id, runs[1].id] and first.has_more is True
    assert len(await pages(await sdk.beta.threads.runs.list(thread.id, limit=2))) == 3

    other = await sdk.beta.threads.create()
    with pytest.raises(openai.NotFoundError) as caught:
        await sdk.beta.threads.runs.retrieve(runs[0].id, thread_id=other.id)
    assert caught.value.body["message"] == f"No run found with id '{runs[0].id}'."
    with pytest.raises(openai.NotFoundError) as caught:
        await sdk.beta.threads.runs.create(thread.id, assistant_id="asst_missing")
    assert caught.value.body["message"] == "No assistant found with id 'asst_missing'."
    with pytest.raises(openai.NotFoundError) as caught:
        await sdk.beta.threads.create_and_run(assistant_id="asst_missing")
    assert len(openai_mock.state.beta.threads) == 2  # no thread was created for the failed call
    with pytest.raises(openai.NotFoundError) as caught:
        await sdk.beta.threads.runs.create("thread_missing", assistant_id=created.id)
    assert caught.value.body["message"] == "No thread found with id 'thread_missing'."


async def test_settings_on_run_routes(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    created, thread = await assistant_and_thread(sdk)
    openai_mock.beta.threads.runs.retrieve.response = {"usage": {"prompt_tokens": 7}}
    run = await sdk.beta.threads.runs.create_and_poll(thread_id=thread.id, assistant_id=created.id)
    assert run.status == "completed" and run.usage.prompt_tokens == 7 and run.usage.completion_tokens > 0

    openai_mock.beta.threads.runs.create.response = {
        "status": "failed",
        "last_error": {"code": "invalid_prompt"},
    }
    failed = await sdk.beta.threads.runs.create(thread.id, assistant_id=created.id)
    assert (
        failed.status == "failed"
        and failed.last_error.code == "invalid_prompt"
        and failed.failed_at is not None
    )
    stored = openai_mock.state.beta.threads.runs.get(failed.id)
    assert stored.status == "failed"

    openai_mock.beta.threads.runs.retrieve.response = build_run({"id": failed.id, "status": "expired"})
    assert (await sdk.beta.threads.runs.retrieve(failed.id, thread_id=thread.id)).status == "expired"


async def test_create_and_run(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    created, _ = await assistant_and_thread(sdk, tools=[WEATHER])
    run = await sdk.beta.threads.create_and_run(
        assistant_id=created.id,
        thread={"messages": [{"role": "user", "content": "Hi"}], "metadata": {"t": "1"}},
        tool_resources={"code_interpreter": {"file_ids": ["file-1"]}},
        metadata={"r": "1"},
        instructions="Other.",
    )
    assert run.status == "queued" and run.metadata == {"r": "1"} and run.instructions == "Other."
    thread = await sdk.beta.threads.retrieve(run.thread_id)
    assert thread.metadata == {"t": "1"} and thread.tool_resources.code_interpreter.file_ids == ["file-1"]
    assert (await sdk.beta.threads.runs.retrieve(run.id, thread_id=thread.id)).status == "completed"
    assert [m.role for m in (await sdk.beta.threads.messages.list(thread.id, order="asc")).data] == [
        "user",
        "assistant",
    ]


# -- streaming ------------------------------------------------------------------------------------


async def test_a_streamed_run_sends_the_real_events(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    created, thread = await assistant_and_thread(sdk)
    events = await collect(
        await sdk.beta.threads.runs.create(thread.id, assistant_id=created.id, stream=True)
    )
    names = [e.event for e in events]
    deltas = [e for e in events if e.event == "thread.message.delta"]
    assert names == [
        *RUN_EVENTS,
        *["thread.message.delta"] * len(deltas),
        "thread.message.completed",
        "thread.run.step.completed",
        "thread.run.completed",
    ]
    assert len(deltas) > 1
    message = events[-3].data
    joined = "".join(d.data.delta.content[0].text.value for d in deltas)
    assert joined == message.content[0].text.value and joined
    assert events[0].data.status == "queued" and events[2].data.status == "in_progress"
    assert events[-1].data.status == "completed"

    stored = openai_mock.state.beta.threads.runs.get(events[0].data.id)
    assert stored.status == "completed"
    assert openai_mock.state.beta.threads.messages.get(message.id).content[0].text.value == joined
    raw = openai_mock.beta.threads.runs.create.calls.last.response.text
    assert raw.endswith("event: done\ndata: [DONE]\n\n")


async def test_create_and_run_streams_the_thread_first(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    created, _ = await assistant_and_thread(sdk)
    events = await collect(
        await sdk.beta.threads.create_and_run(
            assistant_id=created.id, thread={"messages": [{"role": "user", "content": "Hi"}]}, stream=True
        )
    )
    assert [e.event for e in events[:4]] == [
        "thread.created",
        "thread.run.created",
        "thread.run.queued",
        "thread.run.in_progress",
    ]
    assert events[-1].event == "thread.run.completed" and events[-1].data.thread_id == events[0].data.id


async def test_streamed_tool_calls_and_outputs(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    openai_mock.lifecycle("beta.threads.runs", end="requires_action")
    created, thread = await assistant_and_thread(sdk, tools=[WEATHER])
    events = await collect(
        await sdk.beta.threads.runs.create(thread.id, assistant_id=created.id, stream=True)
    )
    names = [e.event for e in events]
    assert names[:5] == [
        "thread.run.created",
        "thread.run.queued",
        "thread.run.in_progress",
        "thread.run.step.created",
        "thread.run.step.in_progress",
    ]
    assert set(names[5:-1]) == {"thread.run.step.delta"} and names[-1] == "thread.run.requires_action"
    run = events[-1].data
    (call,) = run.required_action.submit_tool_outputs.tool_calls
    arguments = "".join(
        e.data.delta.step_details.tool_calls[0].function.arguments or ""
        for e in events
        if e.event.endswith("delta")
    )
    assert arguments == call.function.arguments

    resumed = await collect(
        await sdk.beta.threads.runs.submit_tool_outputs(
            run.id,
            thread_id=thread.id,
            tool_outputs=[{"tool_call_id": call.id, "output": "sunny"}],
            stream=True,
        )
    )
    assert [e.event for e in resumed[:3]] == [
        "thread.run.step.completed",
        "thread.run.queued",
        "thread.run.in_progress",
    ]
    assert resumed[0].data.step_details.tool_calls[0].function.output == "sunny"
    assert resumed[-1].event == "thread.run.completed"
    assert "thread.message.completed" in [e.event for e in resumed]
    assert openai_mock.state.beta.threads.runs.get(run.id).status == "completed"


class Recorder(AssistantEventHandler):
    def __init__(self) -> None:
        super().__init__()
        self.seen: list[str] = []

    def on_text_delta(self, delta: Any, snapshot: Any) -> None:
        self.seen.append(f"delta:{delta.value}")

    def on_message_done(self, message: Any) -> None:
        self.seen.append(f"message:{message.content[0].text.value}")

    def on_tool_call_done(self, tool_call: Any) -> None:
        self.seen.append(f"tool:{tool_call.function.name}")

    def on_end(self) -> None:
        self.seen.append("end")


class AsyncRecorder(AsyncAssistantEventHandler):
    def __init__(self) -> None:
        super().__init__()
        self.seen: list[str] = []

    async def on_text_delta(self, delta: Any, snapshot: Any) -> None:
        self.seen.append(f"delta:{delta.value}")

    async def on_message_done(self, message: Any) -> None:
        self.seen.append(f"message:{message.content[0].text.value}")

    async def on_tool_call_done(self, tool_call: Any) -> None:
        self.seen.append(f"tool:{tool_call.function.name}")

    async def on_end(self) -> None:
        self.seen.append("end")


async def consume(manager: Any) -> Any:
    """Run an SDK stream manager (sync or async) to its end; return its event handler."""
    if hasattr(manager, "__aenter__"):
        async with manager as stream:
            await stream.until_done()
        return stream
    with manager as stream:
        stream.until_done()
    return stream


def check_reply(seen: list[str]) -> None:
    deltas = [s.removeprefix("delta:") for s in seen if s.startswith("delta:")]
    assert len(deltas) > 1
    assert seen[-2:] == [f"message:{''.join(deltas)}", "end"]


async def test_the_event_handler_hears_every_helper(
    openai_mock: OpenAIMock, client: Any, variant: str
) -> None:
    sdk = Awaitable(client, variant.startswith("async"))
    handler = AsyncRecorder if variant.startswith("async") else Recorder
    created, thread = await assistant_and_thread(sdk, tools=[WEATHER])

    stream = await consume(
        client.beta.threads.runs.stream(thread_id=thread.id, assistant_id=created.id, event_handler=handler())
    )
    check_reply(stream.seen)
    final = await _maybe(stream.get_final_run())
    assert final.status == "completed"
    assert (await sdk.beta.threads.messages.list(thread.id, run_id=final.id)).data[0].content[0].text.value

    stream = await consume(
        client.beta.threads.runs.create_and_stream(
            thread_id=thread.id, assistant_id=created.id, event_handler=handler()
        )
    )
    check_reply(stream.seen)

    stream = await consume(
        client.beta.threads.create_and_run_stream(assistant_id=created.id, event_handler=handler())
    )
    check_reply(stream.seen)

    openai_mock.lifecycle("beta.threads.runs", end="requires_action")
    stream = await consume(
        client.beta.threads.runs.stream(thread_id=thread.id, assistant_id=created.id, event_handler=handler())
    )
    assert stream.seen == ["tool:get_weather", "end"]
    waiting = await _maybe(stream.get_final_run())
    (call,) = waiting.required_action.submit_tool_outputs.tool_calls
    stream = await consume(
        client.beta.threads.runs.submit_tool_outputs_stream(
            run_id=waiting.id,
            thread_id=thread.id,
            tool_outputs=[{"tool_call_id": call.id, "output": "sunny"}],
            event_handler=handler(),
        )
    )
    check_reply(stream.seen)
    assert (await sdk.beta.threads.runs.retrieve(waiting.id, thread_id=thread.id)).status == "completed"


async def _maybe(value: Any) -> Any:
    import inspect

    return await value if inspect.isawaitable(value) else value


def test_run_events_helper_streams_a_hand_built_run(openai_mock: OpenAIMock) -> None:
    run = build_run({"status": "completed", "thread_id": "thread_1"})
    message = build_message(
        {
            "role": "assistant",
            "content": [{"type": "text", "text": {"value": "Bonjour tout le monde", "annotations": []}}],
        }
    )
    step = build_run_step(
        {
            "run_id": run.id,
            "step_details": {"type": "message_creation", "message_creation": {"message_id": message.id}},
        }
    )
    openai_mock.beta.threads.runs.create.response = Response(
        200, content=EventStream(run_events(run, steps=[step], messages=[message]))
    )
    client = openai.OpenAI(api_key="sk-test")
    with client.beta.threads.runs.stream(thread_id="thread_1", assistant_id="asst_1") as stream:
        text = "".join(stream.text_deltas)
    assert text == "Bonjour tout le monde"
    assert stream.get_final_run().id == run.id


# -- builders and mergers -------------------------------------------------------------------------


def test_builders_and_mergers() -> None:
    body = {"model": "gpt-4o", "tools": [WEATHER], "name": "A", "metadata": {"a": "1"}}
    request = httpx.Request("POST", "https://api.openai.com/v1/assistants", json=body)
    built = assistant_from_create_request(request, extra={"description": "d"})
    assert built.tools[0].function.name == "get_weather" and built.name == "A" and built.description == "d"
    assert build_assistant({"name": "B"}).name == "B"

    request = httpx.Request("POST", "https://api.openai.com/v1/threads", json={"metadata": {"k": "v"}})
    assert thread_from_create_request(request).metadata == {"k": "v"}
    thread = build_thread({"metadata": {"x": "1"}})
    assert merge_thread_with_partial(thread, {"metadata": {"y": "2"}}).metadata == {"x": "1", "y": "2"}

    parts = [{"type": "text", "text": "hi"}, {"type": "image_file", "image_file": {"file_id": "file-1"}}]
    request = httpx.Request(
        "POST", "https://api.openai.com/v1/threads/t/messages", json={"role": "user", "content": parts}
    )
    message = message_from_create_request("thread_1", request)
    assert message.thread_id == "thread_1" and [b.type for b in message.content] == ["text", "image_file"]

    request = httpx.Request(
        "POST",
        "https://api.openai.com/v1/threads/t/runs",
        json={"assistant_id": "asst_1", "metadata": {"m": "1"}},
    )
    run = run_from_create_request("thread_1", request, assistant=built)
    assert run.status == "queued" and run.thread_id == "thread_1" and run.assistant_id == "asst_1"
    assert (
        run.model == "gpt-4o" and run.tools[0].function.name == "get_weather" and run.metadata == {"m": "1"}
    )
    assert merge_run_with_partial(run, {"status": "completed"}).status == "completed"

    step = build_run_step({"run_id": run.id})
    assert step.type == "message_creation" and step.run_id == run.id
    assert merge_run_step_with_partial(step, {"status": "failed"}).status == "failed"


async def test_partials_on_retrieve_routes(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    """A partial on a retrieve route shapes that answer and leaves the stored object as it was."""
    created, thread = await assistant_and_thread(sdk)
    run = await sdk.beta.threads.runs.create_and_poll(thread_id=thread.id, assistant_id=created.id)
    (step,) = (await sdk.beta.threads.runs.steps.list(run.id, thread_id=thread.id)).data
    reply = (await sdk.beta.threads.messages.list(thread.id, run_id=run.id)).data[0]
    openai_mock.beta.assistants.retrieve.response = {"name": "Shown"}
    openai_mock.beta.threads.retrieve.response = {"metadata": {"shown": "1"}}
    openai_mock.beta.threads.messages.retrieve.response = {"content": [{"text": {"value": "Shown"}}]}
    openai_mock.beta.threads.runs.steps.retrieve.response = {"usage": {"total_tokens": 99}}

    assert (await sdk.beta.assistants.retrieve(created.id)).name == "Shown"
    assert (await sdk.beta.threads.retrieve(thread.id)).metadata == {"shown": "1"}
    shown = await sdk.beta.threads.messages.retrieve(reply.id, thread_id=thread.id)
    assert shown.content[0].text.value == "Shown" and shown.content[0].type == "text"
    shown_step = await sdk.beta.threads.runs.steps.retrieve(step.id, thread_id=thread.id, run_id=run.id)
    assert shown_step.usage.total_tokens == 99 and shown_step.type == "message_creation"
    assert (
        openai_mock.state.beta.threads.messages.get(reply.id).content[0].text.value
        == reply.content[0].text.value
    )
