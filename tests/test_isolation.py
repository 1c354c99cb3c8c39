"""Nothing leaks between tests or parametrized cases: each run gets a fresh mock (state, routes,
responses, lifecycles, calls, retry delays), and no mock outlives its test, however it ends.

The cases below run in any order: CI runs the suite shuffled (pytest-randomly) and split over two
processes (pytest-xdist). Each case first checks that it starts from nothing, then leaves
something behind for the next one to (not) find. ``conftest.no_mock_outlives_its_test`` checks
every test of the suite for a mock left active.
"""

from __future__ import annotations

import json

import openai
import pytest

import openai_responses
from openai_responses import OpenAIMock, StateStore, _transport
from openai_responses.errors import MockConfigurationError

CASES = range(4)
MESSAGES = [{"role": "user", "content": "Hi"}]


def assert_fresh(openai_mock: OpenAIMock) -> None:
    assert _transport._active == [openai_mock]
    assert openai_mock.router.calls.call_count == 0
    assert openai_mock.retry_delays == []
    assert openai_mock.chat.completions.create.response is None
    assert openai_mock.chat.completions.create.requests == []
    assert len(openai_mock.state.vector_stores) == 0
    assert len(openai_mock.state.batches) == 0


def leave_traces(openai_mock: OpenAIMock, case: int) -> None:
    client = openai.OpenAI(api_key="sk-test", max_retries=1)
    openai_mock.chat.completions.create.response = {"choices": [{"message": {"content": f"case {case}"}}]}
    completion = client.chat.completions.create(model="gpt-4o", messages=MESSAGES)
    assert completion.choices[0].message.content == f"case {case}"
    client.vector_stores.create(name=f"case {case}")
    openai_mock.lifecycle("batches", polls=3)
    body = {"model": "gpt-4o", "messages": MESSAGES}
    line = json.dumps({"custom_id": "1", "method": "POST", "url": "/v1/chat/completions", "body": body})
    batch_input = client.files.create(file=("in.jsonl", line.encode()), purpose="batch")
    batch = client.batches.create(
        completion_window="24h", endpoint="/v1/chat/completions", input_file_id=batch_input.id
    )
    assert client.batches.retrieve(batch.id).status == "in_progress"
    openai_mock.models.list.response = openai.types.Model(id="x", created=1, object="model", owned_by="o")
    openai_mock.embeddings.create.response = [{"model": "one"}]


@pytest.mark.parametrize("case", CASES)
def test_fixture_cases_share_nothing(openai_mock: OpenAIMock, case: int) -> None:
    assert_fresh(openai_mock)
    leave_traces(openai_mock, case)


@pytest.mark.parametrize("case", CASES)
@openai_responses.mock()
def test_decorated_cases_share_nothing(openai_mock: OpenAIMock, case: int) -> None:
    assert_fresh(openai_mock)
    leave_traces(openai_mock, case)


@pytest.mark.parametrize("case", CASES)
async def test_async_decorated_cases_share_nothing(case: int) -> None:
    @openai_responses.mock()
    async def run(openai_mock: OpenAIMock) -> None:
        assert_fresh(openai_mock)
        client = openai.AsyncOpenAI(api_key="sk-test")
        await client.vector_stores.create(name=f"case {case}")
        assert len(openai_mock.state.vector_stores) == 1

    await run()
    await run()  # a rerun of the same decorated function gets a fresh mock too


def test_a_decorated_function_called_twice_gets_two_mocks() -> None:
    seen: list[OpenAIMock] = []

    @openai_responses.mock()
    def run(openai_mock: OpenAIMock) -> None:
        assert_fresh(openai_mock)
        leave_traces(openai_mock, len(seen))
        seen.append(openai_mock)

    run()
    run()
    assert seen[0] is not seen[1]
    assert seen[0].state is not seen[1].state


def test_state_is_shared_only_when_passed_on_purpose() -> None:
    shared = StateStore()
    with OpenAIMock(state=shared):
        openai.OpenAI(api_key="sk-test").vector_stores.create(name="kept")
    with OpenAIMock(state=shared) as again:
        assert [store.name for store in again.state.vector_stores] == ["kept"]
    with OpenAIMock() as fresh:
        assert len(fresh.state.vector_stores) == 0


@pytest.mark.parametrize("how", ["decorator", "context manager"])
def test_no_mock_outlives_a_failing_test(how: str) -> None:
    def body(openai_mock: OpenAIMock) -> None:
        assert _transport.active_mock() is openai_mock
        raise RuntimeError("the test failed")

    with pytest.raises(RuntimeError, match="the test failed"):
        if how == "decorator":
            openai_responses.mock()(body)()
        else:
            with OpenAIMock() as openai_mock:
                body(openai_mock)
    assert _transport._active == []


def test_nested_mocks_answer_innermost_first_and_unwind() -> None:
    client = openai.OpenAI(api_key="sk-test")
    with OpenAIMock() as outer:
        with OpenAIMock() as inner:
            client.models.list()
            assert inner.models.list.calls.call_count == 1
        client.models.list()
        assert outer.models.list.calls.call_count == 1
        assert inner.models.list.calls.call_count == 1
        with pytest.raises(MockConfigurationError, match="already active"):
            outer.start()
    assert _transport._active == []
