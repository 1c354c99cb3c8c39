"""Many callers at once against one mock: every id unique, nothing lost, lists consistent.

1,000 concurrent async creates on one event loop, and 8 threads creating and paging through lists
at the same time, on each transport.
"""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import pytest

from openai_responses import OpenAIMock

from .conftest import HAS_HTTPX2, make_client

ASYNC_VARIANTS = ["async-httpx2", "async-httpx"] if HAS_HTTPX2 else ["async-httpx"]
SYNC_VARIANTS = ["sync-httpx2", "sync-httpx"] if HAS_HTTPX2 else ["sync-httpx"]
MESSAGES = [{"role": "user", "content": "Hi"}]


@pytest.mark.parametrize("variant", ASYNC_VARIANTS)
async def test_a_thousand_concurrent_async_creates(openai_mock: OpenAIMock, variant: str) -> None:
    client = make_client(variant)
    count = 1000

    created = await asyncio.gather(*(client.vector_stores.create(name=f"store-{n}") for n in range(count)))
    completions = await asyncio.gather(
        *(client.chat.completions.create(model="gpt-4o", messages=MESSAGES) for _ in range(count))
    )

    ids = [store.id for store in created]
    assert len(set(ids)) == count
    assert sorted(store.name for store in created) == sorted(f"store-{n}" for n in range(count))
    assert len({completion.id for completion in completions}) == count
    # every call recorded once, every object stored once
    assert openai_mock.vector_stores.create.calls.call_count == count
    assert len(openai_mock.vector_stores.create.requests) == count
    assert openai_mock.chat.completions.create.calls.call_count == count
    assert len(openai_mock.state.vector_stores) == count
    # the list pages through all of them, newest first, as the store keeps them
    listed = [store.id async for store in await client.vector_stores.list(limit=100)]
    stored = [store.id for store in openai_mock.state.vector_stores]
    assert listed == stored[::-1]
    assert set(listed) == set(ids)


@pytest.mark.parametrize("variant", SYNC_VARIANTS)
def test_eight_threads_creating_and_listing(openai_mock: OpenAIMock, variant: str) -> None:
    client = make_client(variant)
    threads, per_thread = 8, 20
    start = threading.Barrier(threads)
    created: dict[int, list[str]] = {}
    problems: list[str] = []

    def work(number: int) -> None:
        mine: list[str] = []
        start.wait()
        try:
            for n in range(per_thread):
                mine.append(client.vector_stores.create(name=f"t{number}-{n}").id)
                # paging while the others insert: no duplicates, and nothing that existed is lost
                listed = [store.id for store in client.vector_stores.list(limit=20)]
                if len(listed) != len(set(listed)):
                    problems.append(f"thread {number}: duplicates in a listing")
                if not set(mine) <= set(listed):
                    problems.append(f"thread {number}: its own stores missing from a listing")
                retrieved = client.vector_stores.retrieve(mine[-1])
                if retrieved.name != f"t{number}-{n}":
                    problems.append(f"thread {number}: retrieved {retrieved.name}")
        except Exception as error:  # reported below: an exception in a thread would be lost
            problems.append(f"thread {number}: {error!r}")
        created[number] = mine

    workers = [threading.Thread(target=work, args=(number,)) for number in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)

    assert problems == []
    all_ids = [object_id for ids in created.values() for object_id in ids]
    assert len(all_ids) == len(set(all_ids)) == threads * per_thread
    listed = [store.id for store in client.vector_stores.list(limit=100)]
    assert listed == [store.id for store in openai_mock.state.vector_stores][::-1]
    assert set(listed) == set(all_ids)
    # each thread's stores are listed in the order it created them (newest first)
    for ids in created.values():
        positions = [listed.index(object_id) for object_id in ids]
        assert positions == sorted(positions, reverse=True)
    assert openai_mock.vector_stores.create.calls.call_count == threads * per_thread
    assert openai_mock.vector_stores.list.calls.call_count >= threads * per_thread


def test_threads_share_one_scripted_response_list(openai_mock: OpenAIMock) -> None:
    """A list of responses hands out each entry once, however many threads call at once."""
    count = 64
    openai_mock.models.retrieve.response = [
        {"id": f"m{n}", "object": "model", "created": 1, "owned_by": "me"} for n in range(count)
    ]
    client: Any = make_client(SYNC_VARIANTS[0])
    answers: list[str] = []
    lock = threading.Lock()

    def work() -> None:
        for _ in range(count // 8):
            model = client.models.retrieve("m")
            with lock:
                answers.append(model.id)

    workers = [threading.Thread(target=work) for _ in range(8)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
    assert sorted(answers) == sorted(f"m{n}" for n in range(count))
