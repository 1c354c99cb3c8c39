"""Vector stores, their files and file batches: counts always true to the stored files, lifecycles,
search over the files' bytes, the SDK's polling and upload helpers, builders and mergers."""

from __future__ import annotations

from typing import Any

import httpx
import openai
import pytest

from openai_responses import OpenAIMock
from openai_responses.helpers.builders.vector_store_file_batches import (
    build_vector_store_file_batch,
    vector_store_file_batch_from_create_request,
)
from openai_responses.helpers.builders.vector_store_files import (
    build_vector_store_file,
    vector_store_file_from_create_request,
)
from openai_responses.helpers.builders.vector_stores import (
    build_vector_store,
    vector_store_from_create_request,
)
from openai_responses.helpers.mergers.vector_store_file_batches import (
    merge_vector_store_file_batch_with_partial,
)
from openai_responses.helpers.mergers.vector_store_files import merge_vector_store_file_with_partial
from openai_responses.helpers.mergers.vector_stores import merge_vector_store_with_partial

from .conftest import Awaitable, pages

PARIS = b"Paris is the capital of France.\n\nThe Eiffel Tower is in Paris."
BERLIN = b"Berlin is the capital of Germany."
BANANAS = b"Bananas are yellow and rich in potassium."


async def upload(sdk: Awaitable, name: str, content: bytes) -> Any:
    return await sdk.files.create(file=(name, content), purpose="assistants")


def counts(store: Any) -> dict[str, int]:
    c = store.file_counts
    return {
        "in_progress": c.in_progress,
        "completed": c.completed,
        "failed": c.failed,
        "cancelled": c.cancelled,
        "total": c.total,
    }


async def test_a_vector_store_counts_its_files(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    paris, berlin = await upload(sdk, "paris.txt", PARIS), await upload(sdk, "berlin.txt", BERLIN)
    store = await sdk.vector_stores.create(name="cities", file_ids=[paris.id, berlin.id], metadata={"k": "v"})
    assert store.status == "in_progress" and store.usage_bytes == 0
    assert counts(store) == {"in_progress": 2, "completed": 0, "failed": 0, "cancelled": 0, "total": 2}
    assert store.name == "cities" and store.metadata == {"k": "v"}

    ready = await sdk.vector_stores.retrieve(store.id)
    assert ready.status == "completed" and ready.usage_bytes == len(PARIS) + len(BERLIN)
    assert counts(ready) == {"in_progress": 0, "completed": 2, "failed": 0, "cancelled": 0, "total": 2}
    listed = (await sdk.vector_stores.list()).data
    assert counts(listed[0]) == counts(ready) and listed[0].usage_bytes == ready.usage_bytes
    files = (await sdk.vector_stores.files.list(store.id, order="asc")).data
    assert [f.id for f in files] == [paris.id, berlin.id] and files[0].usage_bytes == len(PARIS)
    assert files[0].vector_store_id == store.id and files[0].chunking_strategy.type == "static"

    await sdk.vector_stores.files.delete(berlin.id, vector_store_id=store.id)
    after = await sdk.vector_stores.retrieve(store.id)
    assert counts(after)["total"] == 1 and after.usage_bytes == len(PARIS)
    assert (await sdk.files.retrieve(berlin.id)).id == berlin.id  # detached, not deleted


async def test_update_is_kept_and_delete_forgets_the_files(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    paris = await upload(sdk, "paris.txt", PARIS)
    store = await sdk.vector_stores.create(name="a", file_ids=[paris.id])
    updated = await sdk.vector_stores.update(
        store.id, name="b", metadata={"v": "2"}, expires_after={"anchor": "last_active_at", "days": 7}
    )
    assert updated.name == "b" and updated.metadata == {"v": "2"} and updated.expires_after.days == 7
    assert updated.expires_at is not None and updated.expires_at >= updated.created_at + 7 * 86400
    again = await sdk.vector_stores.retrieve(store.id)
    assert (
        again.name == "b" and again.metadata == {"v": "2"} and again.expires_after.anchor == "last_active_at"
    )

    assert (await sdk.vector_stores.delete(store.id)).deleted is True
    assert len(openai_mock.state.vector_stores.files) == 0
    with pytest.raises(openai.NotFoundError) as caught:
        await sdk.vector_stores.files.list(store.id)
    assert caught.value.body["message"] == f"No vector store found with id '{store.id}'."


async def test_vector_store_files(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    store = await sdk.vector_stores.create(name="docs")
    paris = await upload(sdk, "paris.txt", PARIS)
    attached = await sdk.vector_stores.files.create(
        store.id,
        file_id=paris.id,
        attributes={"lang": "en", "year": 2024},
        chunking_strategy={"type": "auto"},
    )
    assert (
        attached.id == paris.id
        and attached.status == "in_progress"
        and attached.attributes
        == {
            "lang": "en",
            "year": 2024,
        }
    )
    assert counts(openai_mock.state.vector_stores.get(store.id))["in_progress"] == 1
    done = await sdk.vector_stores.files.retrieve(paris.id, vector_store_id=store.id)
    assert done.status == "completed"
    assert counts(openai_mock.state.vector_stores.get(store.id))["completed"] == 1

    changed = await sdk.vector_stores.files.update(
        paris.id, vector_store_id=store.id, attributes={"lang": "fr"}
    )
    assert changed.attributes == {"lang": "fr"}
    assert (await sdk.vector_stores.files.retrieve(paris.id, vector_store_id=store.id)).attributes == {
        "lang": "fr"
    }

    parsed = await pages(await sdk.vector_stores.files.content(paris.id, vector_store_id=store.id))
    assert [p.type for p in parsed] == ["text"] and "".join(p.text for p in parsed).startswith("Paris is")

    with pytest.raises(openai.NotFoundError) as caught:
        await sdk.vector_stores.files.create(store.id, file_id="file-missing")
    assert caught.value.body["message"] == "No file found with id 'file-missing'."
    other = await sdk.vector_stores.create(name="other")
    with pytest.raises(openai.NotFoundError):
        await sdk.vector_stores.files.retrieve(paris.id, vector_store_id=other.id)
    with pytest.raises(openai.NotFoundError):
        await sdk.vector_stores.files.content(paris.id, vector_store_id=other.id)

    deleted = await sdk.vector_stores.files.delete(paris.id, vector_store_id=store.id)
    assert deleted.deleted is True and deleted.id == paris.id
    assert counts(await sdk.vector_stores.retrieve(store.id))["total"] == 0


async def test_file_list_filter_and_pagination(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    openai_mock.lifecycle(
        "vector_stores.files", end="failed", error={"code": "invalid_file", "message": "bad"}
    )
    store = await sdk.vector_stores.create(name="docs")
    uploaded = [await upload(sdk, f"{i}.txt", b"text %d" % i) for i in range(5)]
    for item in uploaded:
        await sdk.vector_stores.files.create(store.id, file_id=item.id)
    failed = await sdk.vector_stores.files.retrieve(uploaded[0].id, vector_store_id=store.id)
    assert failed.status == "failed" and failed.last_error.code == "invalid_file"

    assert [f.id for f in (await sdk.vector_stores.files.list(store.id, filter="failed")).data] == [
        uploaded[0].id
    ]
    in_progress = await sdk.vector_stores.files.list(store.id, filter="in_progress", limit=2, order="asc")
    assert [f.id for f in in_progress.data] == [
        uploaded[1].id,
        uploaded[2].id,
    ] and in_progress.has_more is True
    every = await pages(await sdk.vector_stores.files.list(store.id, filter="in_progress", limit=2))
    assert [f.id for f in every] == [u.id for u in reversed(uploaded[1:])]
    store_now = await sdk.vector_stores.retrieve(store.id)  # a poll of the files still in progress
    assert counts(store_now) == {"in_progress": 0, "completed": 0, "failed": 5, "cancelled": 0, "total": 5}
    assert store_now.status == "completed" and store_now.usage_bytes == 0


async def test_polling_and_upload_helpers(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    openai_mock.lifecycle("vector_stores.files", polls=2)
    store = await sdk.vector_stores.create(name="docs")
    paris = await upload(sdk, "paris.txt", PARIS)
    done = await sdk.vector_stores.files.create_and_poll(
        paris.id, vector_store_id=store.id, poll_interval_ms=0
    )
    assert done.status == "completed" and openai_mock.vector_stores.files.retrieve.calls.call_count == 3

    openai_mock.lifecycle("vector_stores.files")
    uploaded = await sdk.vector_stores.files.upload_and_poll(vector_store_id=store.id, file=("b.txt", BERLIN))
    assert uploaded.status == "completed" and uploaded.usage_bytes == len(BERLIN)
    assert openai_mock.state.files.get_content(uploaded.id) == BERLIN
    assert counts(await sdk.vector_stores.retrieve(store.id))["completed"] == 2


async def test_file_batches(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    store = await sdk.vector_stores.create(name="docs")
    paris, berlin = await upload(sdk, "paris.txt", PARIS), await upload(sdk, "berlin.txt", BERLIN)
    batch = await sdk.vector_stores.file_batches.create(
        store.id,
        files=[{"file_id": paris.id, "attributes": {"city": "paris"}}, {"file_id": berlin.id}],
        attributes={"kind": "city"},
    )
    assert (
        batch.id.startswith("vsfb_") and batch.status == "in_progress" and batch.vector_store_id == store.id
    )
    assert counts(batch) == {"in_progress": 2, "completed": 0, "failed": 0, "cancelled": 0, "total": 2}
    members = {
        f.id: f
        for f in await pages(
            await sdk.vector_stores.file_batches.list_files(batch.id, vector_store_id=store.id)
        )
    }
    assert members[paris.id].attributes == {"city": "paris"} and members[berlin.id].attributes == {
        "kind": "city"
    }

    done = await sdk.vector_stores.file_batches.retrieve(batch.id, vector_store_id=store.id)
    assert done.status == "completed"
    assert counts(done) == {"in_progress": 0, "completed": 2, "failed": 0, "cancelled": 0, "total": 2}
    completed = await sdk.vector_stores.file_batches.list_files(
        batch.id, vector_store_id=store.id, filter="completed"
    )
    assert {f.id for f in completed.data} == {paris.id, berlin.id}
    assert counts(await sdk.vector_stores.retrieve(store.id))["completed"] == 2

    with pytest.raises(openai.NotFoundError):
        await sdk.vector_stores.file_batches.create(store.id, file_ids=["file-missing"])
    with pytest.raises(openai.NotFoundError):
        await sdk.vector_stores.file_batches.list_files("vsfb_missing", vector_store_id=store.id)


async def test_cancel_a_file_batch(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    openai_mock.lifecycle("vector_stores.file_batches", polls=5)
    store = await sdk.vector_stores.create(name="docs")
    paris = await upload(sdk, "paris.txt", PARIS)
    batch = await sdk.vector_stores.file_batches.create(store.id, file_ids=[paris.id])
    assert (
        await sdk.vector_stores.file_batches.retrieve(batch.id, vector_store_id=store.id)
    ).status == "in_progress"
    cancelled = await sdk.vector_stores.file_batches.cancel(batch.id, vector_store_id=store.id)
    assert cancelled.status == "cancelled"
    assert counts(cancelled) == {"in_progress": 0, "completed": 0, "failed": 0, "cancelled": 1, "total": 1}
    assert (await sdk.vector_stores.files.retrieve(paris.id, vector_store_id=store.id)).status == "cancelled"
    assert counts(await sdk.vector_stores.retrieve(store.id))["cancelled"] == 1
    with pytest.raises(openai.BadRequestError) as caught:
        await sdk.vector_stores.file_batches.cancel(batch.id, vector_store_id=store.id)
    assert caught.value.body["message"] == "Cannot cancel a file batch with status 'cancelled'."


async def test_batch_polling_helpers(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    openai_mock.lifecycle("vector_stores.file_batches", polls=1)
    store = await sdk.vector_stores.create(name="docs")
    paris = await upload(sdk, "paris.txt", PARIS)
    batch = await sdk.vector_stores.file_batches.create_and_poll(
        store.id, file_ids=[paris.id], poll_interval_ms=0
    )
    assert batch.status == "completed" and batch.file_counts.completed == 1
    assert openai_mock.vector_stores.file_batches.retrieve.calls.call_count == 2

    openai_mock.lifecycle("vector_stores.file_batches")
    uploaded = await sdk.vector_stores.file_batches.upload_and_poll(
        store.id, files=[("b.txt", BERLIN), ("c.txt", BANANAS)], file_ids=[paris.id]
    )
    assert (
        uploaded.status == "completed"
        and counts(uploaded)["total"] == 3
        and counts(uploaded)["completed"] == 3
    )
    assert counts(await sdk.vector_stores.retrieve(store.id))["total"] == 1 + 2  # paris attached once


async def test_search_reads_the_files(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    paris, berlin, bananas = [
        await upload(sdk, name, content)
        for name, content in (("paris.txt", PARIS), ("berlin.txt", BERLIN), ("bananas.txt", BANANAS))
    ]
    store = await sdk.vector_stores.create(name="docs")
    for item, lang in ((paris, "en"), (berlin, "de"), (bananas, "en")):
        await sdk.vector_stores.files.create_and_poll(
            item.id, vector_store_id=store.id, attributes={"lang": lang}
        )

    results = (await sdk.vector_stores.search(store.id, query="capital of France")).data
    assert [r.filename for r in results] == ["paris.txt", "berlin.txt"]
    assert results[0].score == 1.0 and 0 < results[1].score < 1
    assert results[0].file_id == paris.id and results[0].attributes == {"lang": "en"}
    assert (
        results[0].content[0].type == "text"
        and "Paris is the capital of France." in results[0].content[0].text
    )

    filtered = await sdk.vector_stores.search(
        store.id, query="capital", filters={"type": "eq", "key": "lang", "value": "de"}
    )
    assert [r.file_id for r in filtered.data] == [berlin.id]
    compound = {
        "type": "or",
        "filters": [
            {"type": "eq", "key": "lang", "value": "de"},
            {"type": "ne", "key": "lang", "value": "en"},
        ],
    }
    assert [
        r.file_id for r in (await sdk.vector_stores.search(store.id, query="capital", filters=compound)).data
    ] == [berlin.id]
    assert (
        len((await sdk.vector_stores.search(store.id, query=["capital", "yellow"], max_num_results=1)).data)
        == 1
    )
    assert (await sdk.vector_stores.search(store.id, query="submarine")).data == []
    thresholded = await sdk.vector_stores.search(
        store.id, query="capital of France", ranking_options={"score_threshold": 0.9}
    )
    assert [r.file_id for r in thresholded.data] == [paris.id]
    with pytest.raises(openai.BadRequestError):
        await sdk.vector_stores.search(store.id, query="x", max_num_results=100)
    with pytest.raises(openai.NotFoundError):
        await sdk.vector_stores.search("vs_missing", query="x")


async def test_search_skips_files_still_in_progress(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    paris = await upload(sdk, "paris.txt", PARIS)
    store = await sdk.vector_stores.create(name="docs", file_ids=[paris.id])
    assert (await sdk.vector_stores.search(store.id, query="Paris")).data == []
    await sdk.vector_stores.retrieve(store.id)
    assert [r.file_id for r in (await sdk.vector_stores.search(store.id, query="Paris")).data] == [paris.id]


def test_builders_and_mergers() -> None:
    body = {"name": "docs", "file_ids": ["file-1", "file-2"], "metadata": {"a": "b"}}
    request = httpx.Request("POST", "https://api.openai.com/v1/vector_stores", json=body)
    store = vector_store_from_create_request(request)
    assert store.name == "docs" and store.status == "in_progress" and store.file_counts.in_progress == 2
    assert merge_vector_store_with_partial(store, {"status": "completed"}).status == "completed"
    assert build_vector_store({"name": "x"}).file_counts.total == 0

    request = httpx.Request(
        "POST",
        "https://api.openai.com/v1/vector_stores/vs_1/files",
        json={"file_id": "file-1", "attributes": {"a": 1}},
    )
    attached = vector_store_file_from_create_request("vs_1", request)
    assert attached.id == "file-1" and attached.vector_store_id == "vs_1" and attached.status == "in_progress"
    assert attached.attributes == {"a": 1}
    assert merge_vector_store_file_with_partial(attached, {"status": "failed"}).status == "failed"
    assert build_vector_store_file({"id": "file-2"}).status == "completed"

    request = httpx.Request(
        "POST", "https://api.openai.com/v1/vector_stores/vs_1/file_batches", json={"file_ids": ["file-1"]}
    )
    batch = vector_store_file_batch_from_create_request("vs_1", request)
    assert batch.status == "in_progress" and batch.file_counts.total == 1 and batch.vector_store_id == "vs_1"
    assert merge_vector_store_file_batch_with_partial(batch, {"status": "cancelled"}).status == "cancelled"
    assert build_vector_store_file_batch().status == "completed"


async def test_counts_stay_true_when_a_file_moves(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    """The state keeps one attachment per file id: a second store takes the file from the first,
    and both stores' counts say so."""
    paris = await upload(sdk, "paris.txt", PARIS)
    first = await sdk.vector_stores.create(name="a", file_ids=[paris.id])
    second = await sdk.vector_stores.create(name="b", file_ids=[paris.id])
    for store in (first, second):
        retrieved = await sdk.vector_stores.retrieve(store.id)
        listed = (await sdk.vector_stores.files.list(store.id)).data
        assert counts(retrieved)["total"] == len(listed)
        assert retrieved.usage_bytes == sum(f.usage_bytes for f in listed)


async def test_partials_on_retrieve_routes(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    paris = await upload(sdk, "paris.txt", PARIS)
    store = await sdk.vector_stores.create(name="docs", file_ids=[paris.id])
    batch = await sdk.vector_stores.file_batches.create(store.id, file_ids=[paris.id])
    openai_mock.vector_stores.retrieve.response = {"name": "shown", "file_counts": {"failed": 3}}
    openai_mock.vector_stores.files.retrieve.response = {"attributes": {"shown": True}}
    openai_mock.vector_stores.file_batches.retrieve.response = {"status": "failed"}

    shown = await sdk.vector_stores.retrieve(store.id)
    assert shown.name == "shown" and shown.file_counts.failed == 3 and shown.file_counts.total == 1
    assert (await sdk.vector_stores.files.retrieve(paris.id, vector_store_id=store.id)).attributes == {
        "shown": True
    }
    assert (
        await sdk.vector_stores.file_batches.retrieve(batch.id, vector_store_id=store.id)
    ).status == "failed"
    assert openai_mock.state.vector_stores.get(store.id).name == "docs"
    assert openai_mock.state.vector_stores.file_batches.get(batch.id).status == "completed"


async def test_search_filters_and_long_files(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    store = await sdk.vector_stores.create(name="docs")
    years = {}
    for year in (2022, 2023, 2024):
        item = await upload(sdk, f"{year}.txt", b"annual report %d" % year)
        await sdk.vector_stores.files.create_and_poll(
            item.id, vector_store_id=store.id, attributes={"year": year}
        )
        years[year] = item.id

    async def found(filters: Any) -> list[str]:
        results = await sdk.vector_stores.search(store.id, query="annual report", filters=filters)
        return sorted(r.file_id for r in results.data)

    assert await found({"type": "gt", "key": "year", "value": 2022}) == sorted([years[2023], years[2024]])
    assert await found({"type": "gte", "key": "year", "value": 2024}) == [years[2024]]
    assert await found({"type": "lt", "key": "year", "value": 2023}) == [years[2022]]
    assert await found({"type": "lte", "key": "year", "value": 2022}) == [years[2022]]
    assert await found({"type": "in", "key": "year", "value": [2022, 2024]}) == sorted(
        [years[2022], years[2024]]
    )
    assert await found({"type": "nin", "key": "year", "value": [2022, 2024]}) == [years[2023]]
    assert await found({"type": "eq", "key": "region", "value": "eu"}) == []
    both = {
        "type": "and",
        "filters": [
            {"type": "gt", "key": "year", "value": 2022},
            {"type": "ne", "key": "year", "value": 2024},
        ],
    }
    assert await found(both) == [years[2023]]

    # a long file is cut into passages of its chunk size (about four characters a token)
    long_text = " ".join(f"word{i}" for i in range(2000)).encode() + b"\n\nneedle in the last paragraph"
    item = await upload(sdk, "long.txt", long_text)
    await sdk.vector_stores.files.create_and_poll(
        item.id,
        vector_store_id=store.id,
        chunking_strategy={
            "type": "static",
            "static": {"max_chunk_size_tokens": 100, "chunk_overlap_tokens": 0},
        },
    )
    passages = await pages(await sdk.vector_stores.files.content(item.id, vector_store_id=store.id))
    assert len(passages) > 10 and all(len(p.text) <= 400 for p in passages)
    assert " ".join(p.text for p in passages).split() == long_text.decode().split()
    (hit,) = (await sdk.vector_stores.search(store.id, query="needle")).data
    assert hit.content[0].text.endswith("needle in the last paragraph")
