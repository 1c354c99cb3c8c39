"""The state store (generic CRUD, parents, pagination) and lifecycles."""

from __future__ import annotations

import json
import threading

import openai
import pytest

import openai_responses
from openai_responses import OpenAIMock, StateStore
from openai_responses.errors import MockConfigurationError

from .conftest import Awaitable, pages


async def test_generic_crud_through_the_sdk(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    store = await sdk.vector_stores.create(name="docs", metadata={"team": "a"})
    assert store.id.startswith("vs_") and store.name == "docs" and store.metadata == {"team": "a"}
    updated = await sdk.vector_stores.update(store.id, name="renamed")
    assert updated.name == "renamed"
    assert (await sdk.vector_stores.retrieve(store.id)).name == "renamed"
    assert openai_mock.state.vector_stores.get(store.id).name == "renamed"
    assert [s.id for s in await pages(await sdk.vector_stores.list())] == [store.id]
    deleted = await sdk.vector_stores.delete(store.id)
    assert deleted.deleted is True and deleted.id == store.id
    with pytest.raises(openai.NotFoundError):
        await sdk.vector_stores.retrieve(store.id)


async def test_children_live_under_their_parent(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    thread = await sdk.beta.threads.create()
    other = await sdk.beta.threads.create()
    message = await sdk.beta.threads.messages.create(thread.id, role="user", content="hello")
    assert message.thread_id == thread.id
    assert (await sdk.beta.threads.messages.retrieve(message.id, thread_id=thread.id)).id == message.id
    with pytest.raises(openai.NotFoundError):
        await sdk.beta.threads.messages.retrieve(message.id, thread_id=other.id)
    with pytest.raises(openai.NotFoundError) as caught:
        await sdk.beta.threads.messages.create("thread_missing", role="user", content="x")
    assert caught.value.body["message"] == "No thread found with id 'thread_missing'."
    assert [m.id for m in openai_mock.state.beta.threads.messages.list(thread.id).data] == [message.id]


async def test_cursor_pagination_follows_the_sdk_contract(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    created = [await sdk.vector_stores.create(name=f"s{i}") for i in range(7)]
    first = await sdk.vector_stores.list(limit=3, order="asc")
    assert [s.name for s in first.data] == ["s0", "s1", "s2"] and first.has_more is True
    assert [s.name for s in await pages(await sdk.vector_stores.list(limit=3, order="asc"))] == [
        f"s{i}" for i in range(7)
    ]
    newest = await sdk.vector_stores.list(limit=2)
    assert [s.name for s in newest.data] == ["s6", "s5"]
    before = await sdk.vector_stores.list(limit=2, order="asc", before=created[4].id)
    assert [s.name for s in before.data] == ["s2", "s3"]
    last = await sdk.vector_stores.list(limit=5, order="asc", after=created[4].id)
    assert [s.name for s in last.data] == ["s5", "s6"] and last.has_more is False


def test_store_pagination_directly() -> None:
    state = StateStore()
    for i in range(5):
        state.files.put({"id": f"file-{i}", "object": "file"})
    state.files.delete("file-2")
    page = state.files.list(limit=2, order="asc", after="file-1")
    assert [f["id"] for f in page.data] == ["file-3", "file-4"] and page.has_more is False
    assert page.first_id == "file-3" and page.last_id == "file-4"
    assert state.files.list(limit=10).data[0]["id"] == "file-4"


def test_threads_create_and_list_at_once(openai_mock: OpenAIMock) -> None:
    client = openai.OpenAI(api_key="sk-test")
    ids: list[str] = []
    lock = threading.Lock()

    def work() -> None:
        for _ in range(10):
            created = client.vector_stores.create(name="x")
            client.vector_stores.list(limit=5)
            with lock:
                ids.append(created.id)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(ids)) == 40
    assert len(openai_mock.state.vector_stores) == 40


def test_shared_state_on_purpose() -> None:
    shared = StateStore()
    with OpenAIMock(state=shared):
        created = openai.OpenAI(api_key="sk-test").vector_stores.create(name="kept")
    with OpenAIMock(state=shared):
        assert openai.OpenAI(api_key="sk-test").vector_stores.retrieve(created.id).name == "kept"


def test_swapping_state_keeps_responses(openai_mock: OpenAIMock) -> None:
    openai_mock.models.retrieve.response = {"owned_by": "me"}
    openai_mock.state = StateStore()
    assert openai.OpenAI(api_key="sk-test").models.retrieve("gpt-4o").owned_by == "me"


async def batch_input(sdk: Awaitable, url: str) -> str:
    """An uploaded JSONL file of one valid request to ``url``."""
    body = {"model": "text-embedding-3-small", "input": "hi"}
    if url == "/v1/chat/completions":
        body = {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "hi"}]}
    line = json.dumps({"custom_id": "r1", "method": "POST", "url": url, "body": body})
    uploaded = await sdk.files.create(file=("in.jsonl", line.encode()), purpose="batch")
    return str(uploaded.id)


async def test_batches_finish_on_first_retrieve(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    batch = await sdk.batches.create(
        input_file_id=await batch_input(sdk, "/v1/chat/completions"),
        endpoint="/v1/chat/completions",
        completion_window="24h",
    )
    assert batch.status == "validating"
    retrieved = await sdk.batches.retrieve(batch.id)
    assert retrieved.status == "completed" and retrieved.completed_at is not None


async def test_lifecycle_polls_and_end(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    openai_mock.lifecycle("batches", polls=2, end="failed", error={"object": "list", "data": []})
    batch = await sdk.batches.create(
        input_file_id=await batch_input(sdk, "/v1/embeddings"),
        endpoint="/v1/embeddings",
        completion_window="24h",
    )
    statuses = [(await sdk.batches.retrieve(batch.id)).status for _ in range(4)]
    assert statuses == ["in_progress", "in_progress", "failed", "failed"]


async def test_cancel(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    openai_mock.lifecycle("batches", polls=5)
    batch = await sdk.batches.create(
        input_file_id="file-abc", endpoint="/v1/embeddings", completion_window="24h"
    )
    assert (await sdk.batches.cancel(batch.id)).status == "cancelling"
    assert (await sdk.batches.retrieve(batch.id)).status == "cancelled"


def test_lifecycle_misuse_says_what_to_do(openai_mock: OpenAIMock) -> None:
    with pytest.raises(
        MockConfigurationError, match="batches cannot end in 'done'; it ends in one of: completed"
    ):
        openai_mock.lifecycle("batches", end="done")
    with pytest.raises(MockConfigurationError, match="'chat.completions' has no lifecycle"):
        openai_mock.lifecycle("chat.completions")


@openai_responses.mock()
@pytest.mark.parametrize("case", range(3))
def test_each_run_of_a_decorated_test_gets_a_fresh_mock(case: int, openai_mock: OpenAIMock) -> None:
    client = openai.OpenAI(api_key="sk-test")
    client.vector_stores.create(name=f"case {case}")
    assert len(openai_mock.state.vector_stores) == 1
    assert openai_mock.vector_stores.create.calls.call_count == 1


async def test_routes_without_a_store_404_for_an_unknown_object_in_their_path(
    sdk: Awaitable, openai_mock: OpenAIMock
) -> None:
    """``list_events`` keeps no state, yet the job it names must exist, as in the API."""
    with pytest.raises(openai.NotFoundError) as missing:
        await sdk.fine_tuning.jobs.list_events("ftjob-missing")
    assert missing.value.body["message"] == "No job found with id 'ftjob-missing'."  # type: ignore[index]
    assert missing.value.param == "fine_tuning_job_id"
    job = await sdk.fine_tuning.jobs.create(model="gpt-4o-mini", training_file="file-abc")
    events = await sdk.fine_tuning.jobs.list_events(job.id)
    assert events.data
    with pytest.raises(openai.NotFoundError):
        await sdk.chat.completions.messages.list("chatcmpl-not-stored")
