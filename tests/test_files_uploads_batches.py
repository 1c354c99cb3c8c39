"""Files, uploads and batches: uploads keep their bytes, Uploads assemble their parts, and a batch
runs its lines through the mock's own routes and writes real output and error files."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import httpx
import openai
import pytest
from openai.types import Batch, Completion, CreateEmbeddingResponse, ModerationCreateResponse
from openai.types.chat import ChatCompletion
from openai.types.responses import Response

from openai_responses import OpenAIMock, StateStore
from openai_responses.errors import MockConfigurationError, ScriptExhaustedError

from .conftest import Awaitable, make_client, pages

CHAT = "/v1/chat/completions"


def chat_line(custom_id: str, content: str = "hi", **extra: Any) -> dict[str, Any]:
    body = {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": content}], **extra}
    return {"custom_id": custom_id, "method": "POST", "url": CHAT, "body": body}


def jsonl(lines: list[Any]) -> bytes:
    return "".join((line if isinstance(line, str) else json.dumps(line)) + "\n" for line in lines).encode()


async def upload_batch_input(sdk: Awaitable, lines: list[Any]) -> str:
    uploaded = await sdk.files.create(file=("requests.jsonl", jsonl(lines)), purpose="batch")
    return str(uploaded.id)


async def create_batch(sdk: Awaitable, lines: list[Any], endpoint: str = CHAT, **options: Any) -> Batch:
    input_file_id = await upload_batch_input(sdk, lines)
    batch: Batch = await sdk.batches.create(
        input_file_id=input_file_id, endpoint=endpoint, completion_window="24h", **options
    )
    return batch


async def read_jsonl(sdk: Awaitable, file_id: str | None) -> list[dict[str, Any]]:
    assert file_id is not None
    content = await sdk.files.content(file_id)
    return [json.loads(line) for line in content.content.decode().splitlines()]


# -- files ----------------------------------------------------------------------------------------


async def test_a_file_keeps_its_bytes(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    data = bytes(range(256)) * 3  # not UTF-8: content must come back byte for byte
    created = await sdk.files.create(file=("blob.bin", data), purpose="user_data")
    assert created.id.startswith("file-")
    assert (created.bytes, created.filename, created.purpose) == (768, "blob.bin", "user_data")
    assert created.status == "processed" and created.expires_at is None
    assert (await sdk.files.content(created.id)).content == data
    assert (await sdk.files.retrieve(created.id)).model_dump() == created.model_dump()
    assert openai_mock.state.files.get_content(created.id) == data
    assert openai_mock.files.create.requests[0].params["file"].content == data


@pytest.mark.filterwarnings("ignore:The `.content\\(\\)` method should be used instead:DeprecationWarning")
async def test_retrieve_content_answers_the_text(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    created = await sdk.files.create(file=("notes.txt", "héllo\n".encode()), purpose="assistants")
    assert await sdk.files.retrieve_content(created.id) == "héllo\n"
    assert openai_mock.files.content.calls.call_count == 1


async def test_expiry_of_files(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    policy = {"anchor": "created_at", "seconds": 7200}
    kept = await sdk.files.create(file=("a.txt", b"a"), purpose="assistants", expires_after=policy)
    assert kept.expires_at == kept.created_at + 7200
    batch_input = await sdk.files.create(file=("b.jsonl", b"{}\n"), purpose="batch")
    assert batch_input.expires_at == batch_input.created_at + 30 * 24 * 3600  # the API's default
    with pytest.raises(openai.BadRequestError) as caught:
        await sdk.files.create(
            file=("c.txt", b"c"), purpose="assistants", expires_after={"anchor": "created_at", "seconds": 60}
        )
    assert caught.value.body["param"] == "expires_after.seconds"
    assert "between 3600 (1 hour) and 2592000 (30 days)" in caught.value.body["message"]


async def test_wait_for_processing_returns_at_once(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    created = await sdk.files.create(file=("a.jsonl", b"{}\n"), purpose="fine-tune")
    processed = await sdk.files.wait_for_processing(created.id, poll_interval=30)
    assert processed.status == "processed"
    assert openai_mock.files.retrieve.calls.call_count == 1


async def test_list_filters_by_purpose_and_pages(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    made = []
    for i in range(7):
        purpose = "batch" if i % 2 else "assistants"
        made.append(await sdk.files.create(file=(f"f{i}.jsonl", b"{}\n"), purpose=purpose))
    batch_files = [f.id for f in made if f.purpose == "batch"]
    everything = await sdk.files.list()
    assert [f.id for f in everything.data] == [f.id for f in reversed(made)]  # newest first
    only_batch = await sdk.files.list(purpose="batch", order="asc")
    assert [f.id for f in only_batch.data] == batch_files
    first = await sdk.files.list(purpose="batch", order="asc", limit=2)
    assert [f.id for f in first.data] == batch_files[:2] and first.has_more is True
    walked = await pages(await sdk.files.list(purpose="batch", order="asc", limit=2))
    assert [f.id for f in walked] == batch_files
    assert [f.id for f in await pages(await sdk.files.list(order="asc", limit=3))] == [f.id for f in made]
    assert (await sdk.files.list(purpose="vision")).data == []


def test_the_store_lists_what_where_keeps() -> None:
    state = StateStore()
    for i in range(8):
        state.files.put({"id": f"file-{i}", "object": "file", "purpose": "batch" if i % 2 else "assistants"})
    odd = state.files.list(order="asc", limit=2, where=lambda f: f["purpose"] == "batch")
    assert [f["id"] for f in odd.data] == ["file-1", "file-3"] and odd.has_more is True
    after = state.files.list(order="asc", after="file-4", where=lambda f: f["purpose"] == "batch")
    assert [f["id"] for f in after.data] == ["file-5", "file-7"] and after.has_more is False
    before = state.files.list(order="asc", limit=1, before="file-5", where=lambda f: f["purpose"] == "batch")
    assert [f["id"] for f in before.data] == ["file-3"] and before.has_more is True


async def test_delete_and_unknown_ids(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    created = await sdk.files.create(file=("a.txt", b"a"), purpose="assistants")
    deleted = await sdk.files.delete(created.id)
    assert (deleted.id, deleted.deleted, deleted.object) == (created.id, True, "file")
    assert len(openai_mock.state.files) == 0 and openai_mock.state.files.get_content(created.id) is None
    for call in (sdk.files.retrieve, sdk.files.content, sdk.files.delete):
        with pytest.raises(openai.NotFoundError) as caught:
            await call(created.id)
        assert caught.value.body == {
            "message": f"No file found with id '{created.id}'.",
            "type": "invalid_request_error",
            "param": None,
            "code": None,
        }


async def test_an_unknown_purpose_is_a_400(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    with pytest.raises(openai.BadRequestError) as caught:
        await sdk.files.create(file=("a.txt", b"a"), purpose="training")
    assert caught.value.body["param"] == "purpose" and caught.value.body["code"] == "invalid_value"
    assert caught.value.body["message"].startswith(
        "Invalid value: 'training'. Supported values are: 'assistants'"
    )
    assert len(openai_mock.state.files) == 0


# -- uploads --------------------------------------------------------------------------------------


async def test_an_upload_joins_its_parts_in_the_given_order(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    upload = await sdk.uploads.create(
        bytes=11, filename="greeting.txt", mime_type="text/plain", purpose="assistants"
    )
    assert upload.status == "pending" and upload.file is None
    assert upload.expires_at == upload.created_at + 3600
    world = await sdk.uploads.parts.create(upload.id, data=b" world")
    hello = await sdk.uploads.parts.create(upload.id, data=b"hello")
    assert world.id.startswith("part_") and world.upload_id == upload.id and world.object == "upload.part"

    completed = await sdk.uploads.complete(upload.id, part_ids=[hello.id, world.id])

    assert completed.status == "completed" and completed.id == upload.id
    assert completed.file is not None
    file = completed.file
    assert (file.bytes, file.filename, file.purpose, file.status) == (
        11,
        "greeting.txt",
        "assistants",
        "processed",
    )
    assert (await sdk.files.content(file.id)).content == b"hello world"
    assert (await sdk.files.retrieve(file.id)).id == file.id
    assert openai_mock.state.uploads.get(upload.id).status == "completed"


async def test_complete_checks_parts_bytes_and_md5(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    upload = await sdk.uploads.create(bytes=6, filename="a.txt", mime_type="text/plain", purpose="assistants")
    other = await sdk.uploads.create(bytes=3, filename="b.txt", mime_type="text/plain", purpose="assistants")
    part = await sdk.uploads.parts.create(upload.id, data=b"abc")
    foreign = await sdk.uploads.parts.create(other.id, data=b"xyz")

    with pytest.raises(openai.BadRequestError) as caught:
        await sdk.uploads.complete(upload.id, part_ids=[part.id, "part_unknown"])
    assert caught.value.body["message"] == f"Part 'part_unknown' does not belong to Upload '{upload.id}'."
    with pytest.raises(openai.BadRequestError) as caught:
        await sdk.uploads.complete(upload.id, part_ids=[part.id, foreign.id])
    assert caught.value.body["param"] == "part_ids"
    with pytest.raises(openai.BadRequestError) as caught:
        await sdk.uploads.complete(upload.id, part_ids=[part.id])
    assert caught.value.body["message"] == (
        f"The parts of Upload '{upload.id}' add up to 3 bytes, but the Upload was created for 6 bytes."
    )
    second = await sdk.uploads.parts.create(upload.id, data=b"def")
    with pytest.raises(openai.BadRequestError) as caught:
        await sdk.uploads.complete(upload.id, part_ids=[part.id, second.id], md5="0" * 32)
    assert caught.value.body["param"] == "md5"

    completed = await sdk.uploads.complete(
        upload.id, part_ids=[part.id, second.id], md5=hashlib.md5(b"abcdef").hexdigest()
    )
    assert completed.status == "completed"
    with pytest.raises(openai.BadRequestError) as caught:
        await sdk.uploads.complete(upload.id, part_ids=[part.id, second.id])
    assert (
        caught.value.body["message"]
        == "Cannot complete an Upload with status 'completed'. It must be 'pending'."
    )


async def test_cancel_an_upload(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    upload = await sdk.uploads.create(bytes=3, filename="a.txt", mime_type="text/plain", purpose="assistants")
    cancelled = await sdk.uploads.cancel(upload.id)
    assert cancelled.status == "cancelled" and cancelled.id == upload.id
    with pytest.raises(openai.BadRequestError, match="Cannot add parts to an Upload with status 'cancelled'"):
        await sdk.uploads.parts.create(upload.id, data=b"abc")
    with pytest.raises(openai.BadRequestError, match="Cannot cancel an Upload with status 'cancelled'"):
        await sdk.uploads.cancel(upload.id)
    calls = (
        lambda: sdk.uploads.cancel("upload_missing"),
        lambda: sdk.uploads.parts.create("upload_missing", data=b"x"),
        lambda: sdk.uploads.complete("upload_missing", part_ids=[]),
    )
    for call in calls:
        with pytest.raises(openai.NotFoundError) as caught:
            await call()
        assert caught.value.body["message"] == "No upload found with id 'upload_missing'."


async def test_upload_file_chunked_end_to_end(
    openai_mock: OpenAIMock, sdk: Awaitable, tmp_path: Path
) -> None:
    data = b"0123456789" * 10 + b"!"
    completed = await sdk.uploads.upload_file_chunked(
        file=data,
        filename="digits.txt",
        bytes=len(data),
        mime_type="text/plain",
        purpose="assistants",
        part_size=25,
    )
    assert completed.status == "completed" and completed.file is not None
    assert (await sdk.files.content(completed.file.id)).content == data
    assert openai_mock.uploads.parts.create.calls.call_count == 5  # 4 parts of 25 bytes and one of 1
    assert [len(r.params["data"].content) for r in openai_mock.uploads.parts.create.requests] == [
        25,
        25,
        25,
        25,
        1,
    ]

    path = tmp_path / "from-disk.jsonl"
    path.write_bytes(b'{"a": 1}\n{"a": 2}\n')
    from_disk = await sdk.uploads.upload_file_chunked(
        file=path, mime_type="application/jsonl", purpose="batch"
    )
    assert from_disk.file is not None and from_disk.file.filename == "from-disk.jsonl"
    assert from_disk.bytes == 18 and from_disk.file.purpose == "batch"
    assert (await sdk.files.content(from_disk.file.id)).content == path.read_bytes()


# -- batches: the zero-configuration path ---------------------------------------------------------


async def test_a_batch_runs_end_to_end(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    lines = [chat_line(f"request-{i}", f"question {i}") for i in range(3)]
    batch = await create_batch(sdk, lines, metadata={"job": "nightly"})
    assert batch.status == "validating" and batch.id.startswith("batch_")
    assert batch.expires_at == batch.created_at + 24 * 3600
    assert batch.request_counts is not None and batch.request_counts.total == 0
    assert batch.metadata == {"job": "nightly"}
    assert openai_mock.chat.completions.create.calls.call_count == 0  # nothing runs at create

    done = await sdk.batches.retrieve(batch.id)

    assert done.status == "completed"
    assert (
        done.in_progress_at is not None and done.finalizing_at is not None and done.completed_at is not None
    )
    assert done.request_counts is not None
    assert (done.request_counts.total, done.request_counts.completed, done.request_counts.failed) == (3, 3, 0)
    assert done.error_file_id is None and done.errors is None and done.model == "gpt-4o-mini"
    assert done.usage is not None and done.usage.total_tokens > 0
    output = await sdk.files.retrieve(done.output_file_id)
    assert output.purpose == "batch_output" and output.filename == f"{batch.id}_output.jsonl"
    records = await read_jsonl(sdk, done.output_file_id)
    assert [r["custom_id"] for r in records] == ["request-0", "request-1", "request-2"]
    for record in records:
        assert record["id"].startswith("batch_req_") and record["error"] is None
        assert record["response"]["status_code"] == 200
        assert record["response"]["request_id"].startswith("req_")
        completion = ChatCompletion.model_validate(record["response"]["body"])
        assert completion.choices[0].message.content
    assert openai_mock.chat.completions.create.calls.call_count == 3
    assert [r.params["messages"][0]["content"] for r in openai_mock.chat.completions.create.requests] == [
        "question 0",
        "question 1",
        "question 2",
    ]
    # a later poll changes nothing and runs nothing again
    again = await sdk.batches.retrieve(batch.id)
    assert again.output_file_id == done.output_file_id and again.status == "completed"
    assert openai_mock.chat.completions.create.calls.call_count == 3


ENDPOINT_LINES = {
    "/v1/chat/completions": (
        {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "hi"}]},
        ChatCompletion,
    ),
    "/v1/responses": ({"model": "gpt-4o-mini", "input": "hi"}, Response),
    "/v1/embeddings": ({"model": "text-embedding-3-small", "input": "hi"}, CreateEmbeddingResponse),
    "/v1/completions": ({"model": "gpt-3.5-turbo-instruct", "prompt": "hi"}, Completion),
    "/v1/moderations": ({"model": "omni-moderation-latest", "input": "hi"}, ModerationCreateResponse),
}


@pytest.mark.parametrize("endpoint", list(ENDPOINT_LINES))
async def test_every_text_endpoint_runs_in_a_batch(
    openai_mock: OpenAIMock, sdk: Awaitable, endpoint: str
) -> None:
    body, model = ENDPOINT_LINES[endpoint]
    lines = [{"custom_id": f"c{i}", "method": "POST", "url": endpoint, "body": body} for i in range(2)]
    batch = await create_batch(sdk, lines, endpoint=endpoint)
    done = await sdk.batches.retrieve(batch.id)
    assert done.status == "completed", done.errors
    records = await read_jsonl(sdk, done.output_file_id)
    assert len(records) == 2
    for record in records:
        model.model_validate(record["response"]["body"])
    route = {
        "/v1/chat/completions": openai_mock.chat.completions.create,
        "/v1/responses": openai_mock.responses.create,
        "/v1/embeddings": openai_mock.embeddings.create,
        "/v1/completions": openai_mock.completions.create,
        "/v1/moderations": openai_mock.moderations.create,
    }[endpoint]
    assert route.calls.call_count == 2


# -- batches: lines answered by the route objects -------------------------------------------------


async def test_a_partial_shapes_every_line(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    openai_mock.chat.completions.create.response = {"choices": [{"message": {"content": "Paris"}}]}
    batch = await create_batch(sdk, [chat_line("a"), chat_line("b")])
    done = await sdk.batches.retrieve(batch.id)
    records = await read_jsonl(sdk, done.output_file_id)
    assert [r["response"]["body"]["choices"][0]["message"]["content"] for r in records] == ["Paris", "Paris"]


async def test_a_list_is_consumed_line_by_line(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    openai_mock.chat.completions.create.response = [
        {"choices": [{"message": {"content": "first"}}]},
        httpx.Response(
            429, json={"error": {"message": "Rate limit", "type": "requests", "code": "rate_limit"}}
        ),
        {"choices": [{"message": {"content": "third"}}]},
        {"choices": [{"message": {"content": "direct call"}}]},
    ]
    batch = await create_batch(sdk, [chat_line("a"), chat_line("b"), chat_line("c")])
    done = await sdk.batches.retrieve(batch.id)

    assert done.status == "completed" and done.request_counts is not None
    assert (done.request_counts.completed, done.request_counts.failed) == (2, 1)
    outputs = await read_jsonl(sdk, done.output_file_id)
    assert [(r["custom_id"], r["response"]["body"]["choices"][0]["message"]["content"]) for r in outputs] == [
        ("a", "first"),
        ("c", "third"),
    ]
    errors = await read_jsonl(sdk, done.error_file_id)
    assert len(errors) == 1 and errors[0]["custom_id"] == "b" and errors[0]["error"] is None
    assert errors[0]["response"]["status_code"] == 429
    assert errors[0]["response"]["body"]["error"]["code"] == "rate_limit"
    assert (await sdk.files.retrieve(done.error_file_id)).filename == f"{batch.id}_error.jsonl"
    # the fourth entry is left for the next call
    direct = await sdk.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": "x"}]
    )
    assert direct.choices[0].message.content == "direct call"


async def test_a_function_sees_each_line(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    seen: list[str] = []

    def answer(request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        question = body["messages"][0]["content"]
        seen.append(question)
        if question == "bad":
            return httpx.Response(400, json={"error": {"message": "no", "type": "invalid_request_error"}})
        completion = {
            "id": "chatcmpl-1",
            "object": "chat.completion",
            "created": 0,
            "model": body["model"],
            "choices": [
                {
                    "index": 0,
                    "finish_reason": "stop",
                    "message": {"role": "assistant", "content": question.upper()},
                }
            ],
        }
        return httpx.Response(200, json=completion)

    openai_mock.chat.completions.create.response = answer
    batch = await create_batch(sdk, [chat_line("1", "good"), chat_line("2", "bad")])
    done = await sdk.batches.retrieve(batch.id)

    assert seen == ["good", "bad"]
    outputs = await read_jsonl(sdk, done.output_file_id)
    assert outputs[0]["response"]["body"]["choices"][0]["message"]["content"] == "GOOD"
    assert [e["custom_id"] for e in await read_jsonl(sdk, done.error_file_id)] == ["2"]
    request = openai_mock.chat.completions.create.calls[0].request
    assert request.url == "https://api.openai.com/v1/chat/completions"
    assert request.headers["authorization"] == "Bearer sk-test"


async def test_running_past_a_scripted_list_says_so(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    openai_mock.chat.completions.create.response = [{"choices": [{"message": {"content": "only one"}}]}]
    batch = await create_batch(sdk, [chat_line("a"), chat_line("b")])
    with pytest.raises(ScriptExhaustedError, match="called 2 times but its response list scripts 1 calls"):
        await sdk.batches.retrieve(batch.id)
    assert openai_mock.state.batches.get(batch.id).status == "validating"  # not stored as moved on

    openai_mock.chat.completions.create.response = {"choices": [{"message": {"content": "fixed"}}]}
    done = await sdk.batches.retrieve(batch.id)
    assert done.status == "completed" and done.request_counts is not None
    assert done.request_counts.completed == 2


async def test_an_async_function_cannot_answer_a_batch_line(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    async def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={})

    openai_mock.chat.completions.create.response = answer
    batch = await create_batch(sdk, [chat_line("a")])
    with pytest.raises(
        MockConfigurationError, match="a line of a batch the mock runs\\); use a plain function"
    ):
        await sdk.batches.retrieve(batch.id)


def test_lines_go_to_the_base_the_batch_was_polled_at() -> None:
    with OpenAIMock(base_url="https://gateway.example.com/openai/v1") as openai_mock:
        client = openai.OpenAI(api_key="sk-test", base_url="https://gateway.example.com/openai/v1")
        uploaded = client.files.create(file=("in.jsonl", jsonl([chat_line("a")])), purpose="batch")
        batch = client.batches.create(input_file_id=uploaded.id, endpoint=CHAT, completion_window="24h")
        assert client.batches.retrieve(batch.id).status == "completed"
        request = openai_mock.chat.completions.create.calls.last.request
        assert str(request.url) == "https://gateway.example.com/openai/v1/chat/completions"


def test_lines_of_an_azure_batch_stay_on_azure(openai_mock: OpenAIMock) -> None:
    client = openai.AzureOpenAI(
        api_key="azure-key", api_version="2024-10-21", azure_endpoint="https://res.openai.azure.com"
    )
    uploaded = client.files.create(file=("in.jsonl", jsonl([chat_line("a")])), purpose="batch")
    batch = client.batches.create(input_file_id=uploaded.id, endpoint=CHAT, completion_window="24h")
    assert client.batches.retrieve(batch.id).status == "completed"
    request = openai_mock.chat.completions.create.calls.last.request
    assert str(request.url) == "https://res.openai.azure.com/openai/chat/completions?api-version=2024-10-21"
    assert request.headers["api-key"] == "azure-key"


# -- batches: validation ------------------------------------------------------------------------


async def test_invalid_lines_fail_the_batch(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    lines: list[Any] = [
        chat_line("ok"),
        "{not json",
        {"method": "POST", "url": CHAT, "body": {}},
        chat_line("wrong-url") | {"url": "/v1/embeddings"},
        chat_line("streams", stream=True),
        {"custom_id": "no-model", "method": "POST", "url": CHAT, "body": {"messages": []}},
        chat_line("ok"),
        {"custom_id": "get", "method": "GET", "url": CHAT, "body": {}},
        {"custom_id": "body-list", "method": "POST", "url": CHAT, "body": []},
    ]
    batch = await create_batch(sdk, lines)
    failed = await sdk.batches.retrieve(batch.id)

    assert failed.status == "failed" and failed.failed_at is not None
    assert failed.in_progress_at is None and failed.completed_at is None and failed.output_file_id is None
    assert failed.errors is not None and failed.errors.object == "list"
    assert [(e.line, e.code, e.param) for e in failed.errors.data or []] == [
        (2, "invalid_json_line", None),
        (3, "missing_required_parameter", "custom_id"),
        (4, "invalid_url", "url"),
        (5, "streaming_unsupported", "body.stream"),
        (6, "invalid_request", "body.model"),
        (7, "duplicate_custom_id", "custom_id"),
        (8, "invalid_method", "method"),
        (9, "invalid_type", "body"),
    ]
    messages = [e.message for e in failed.errors.data or []]
    assert messages[0] == "This line is not parseable as valid JSON."
    assert messages[1] == "Missing required parameter: 'custom_id'."
    assert messages[2] == "The URL provided for this request does not match the batch endpoint."
    assert messages[3] == "Chat Completions: Streaming is not supported in the Batch API."
    assert messages[4] == "Model parameter is required."
    assert messages[5].startswith("The custom_id for this request is a duplicate of another request.")
    assert openai_mock.chat.completions.create.calls.call_count == 0  # nothing ran
    assert (await sdk.batches.retrieve(batch.id)).status == "failed"


async def test_a_batch_of_mixed_endpoints_fails(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    embedding = {
        "custom_id": "e",
        "method": "POST",
        "url": "/v1/embeddings",
        "body": {"model": "m", "input": "x"},
    }
    batch = await create_batch(sdk, [chat_line("c"), embedding])
    failed = await sdk.batches.retrieve(batch.id)
    assert failed.status == "failed" and failed.errors is not None
    assert [(e.line, e.code) for e in failed.errors.data or []] == [(2, "invalid_url")]
    assert openai_mock.embeddings.create.calls.call_count == 0


async def test_a_missing_or_empty_input_file_fails_the_batch(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    batch = await sdk.batches.create(input_file_id="file-missing", endpoint=CHAT, completion_window="24h")
    assert batch.status == "validating"  # the API accepts it and fails it while validating
    failed = await sdk.batches.retrieve(batch.id)
    assert failed.status == "failed" and failed.errors is not None
    error = (failed.errors.data or [])[0]
    assert (error.code, error.param, error.line) == ("invalid_request", "file_id", None)
    assert error.message == "Cannot find file file-missing, or the organization does not have access to it."

    empty = await sdk.files.create(file=("empty.jsonl", b"\n"), purpose="batch")
    batch = await sdk.batches.create(input_file_id=empty.id, endpoint=CHAT, completion_window="24h")
    failed = await sdk.batches.retrieve(batch.id)
    assert [e.code for e in (failed.errors.data or []) if failed.errors] == ["empty_file"]


async def test_create_rejects_what_the_api_rejects(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    file_id = await upload_batch_input(sdk, [chat_line("a")])
    with pytest.raises(openai.BadRequestError) as caught:
        await sdk.batches.create(
            input_file_id=file_id, endpoint="/v1/invalid/endpoint", completion_window="24h"
        )
    body = caught.value.body
    assert (body["param"], body["code"]) == ("endpoint", "invalid_value")
    assert body["message"].startswith(
        "Invalid value: '/v1/invalid/endpoint'. Supported values are: '/v1/responses'"
    )
    with pytest.raises(openai.BadRequestError) as caught:
        await sdk.batches.create(input_file_id=file_id, endpoint=CHAT, completion_window="1h")
    assert caught.value.body["message"] == "Invalid value: '1h'. Supported values are: '24h'."
    assert caught.value.body["param"] == "completion_window"
    with pytest.raises(openai.BadRequestError) as caught:
        await sdk.batches.create(
            input_file_id=file_id,
            endpoint=CHAT,
            completion_window="24h",
            output_expires_after={"anchor": "created_at", "seconds": 10},
        )
    assert caught.value.body["param"] == "output_expires_after.seconds"
    assert len(openai_mock.state.batches) == 0
    with pytest.raises(openai.NotFoundError) as caught:
        await sdk.batches.retrieve("batch_missing")
    assert caught.value.body["message"] == "No batch found with id 'batch_missing'."


# -- batches: lifecycles ------------------------------------------------------------------------


async def test_polls_keep_it_in_progress(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    openai_mock.lifecycle("batches", polls=2)
    batch = await create_batch(sdk, [chat_line("a"), chat_line("b")])

    first = await sdk.batches.retrieve(batch.id)
    assert first.status == "in_progress" and first.in_progress_at is not None
    assert first.output_file_id is None and first.completed_at is None and first.finalizing_at is None
    assert first.request_counts is not None and first.request_counts.total == 2
    assert openai_mock.chat.completions.create.calls.call_count == 2  # the lines ran when it left validating
    assert (await sdk.batches.retrieve(batch.id)).status == "in_progress"

    done = await sdk.batches.retrieve(batch.id)
    assert done.status == "completed" and done.output_file_id is not None
    assert done.in_progress_at == first.in_progress_at
    assert done.finalizing_at is not None and done.completed_at is not None
    assert len(await read_jsonl(sdk, done.output_file_id)) == 2
    assert openai_mock.chat.completions.create.calls.call_count == 2


async def test_a_batch_steered_to_fail(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    openai_mock.lifecycle(
        "batches", end="failed", error={"code": "token_limit_exceeded", "message": "Too many."}
    )
    batch = await create_batch(sdk, [chat_line("a")])
    failed = await sdk.batches.retrieve(batch.id)
    assert failed.status == "failed" and failed.failed_at is not None and failed.errors is not None
    assert [(e.code, e.message) for e in failed.errors.data or []] == [("token_limit_exceeded", "Too many.")]
    assert failed.output_file_id is None and openai_mock.chat.completions.create.calls.call_count == 0


async def test_a_batch_steered_to_expire(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    openai_mock.lifecycle("batches", polls=1, end="expired")
    batch = await create_batch(sdk, [chat_line("a"), chat_line("b")])
    assert (await sdk.batches.retrieve(batch.id)).status == "in_progress"
    expired = await sdk.batches.retrieve(batch.id)
    assert expired.status == "expired" and expired.expired_at is not None and expired.errors is None
    assert expired.output_file_id is None and expired.request_counts is not None
    assert (expired.request_counts.completed, expired.request_counts.failed) == (0, 2)
    records = await read_jsonl(sdk, expired.error_file_id)
    assert [(r["custom_id"], r["response"], r["error"]["code"]) for r in records] == [
        ("a", None, "batch_expired"),
        ("b", None, "batch_expired"),
    ]
    assert openai_mock.chat.completions.create.calls.call_count == 0


async def test_cancel_while_in_progress_keeps_the_answers(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    openai_mock.lifecycle("batches", polls=3)
    batch = await create_batch(sdk, [chat_line("a")])
    assert (await sdk.batches.retrieve(batch.id)).status == "in_progress"

    cancelling = await sdk.batches.cancel(batch.id)
    assert cancelling.status == "cancelling" and cancelling.cancelling_at is not None
    assert (await sdk.batches.cancel(batch.id)).status == "cancelling"  # cancelling twice is fine

    cancelled = await sdk.batches.retrieve(batch.id)
    assert cancelled.status == "cancelled" and cancelled.cancelled_at is not None
    assert [r["custom_id"] for r in await read_jsonl(sdk, cancelled.output_file_id)] == ["a"]
    assert (await sdk.batches.cancel(batch.id)).status == "cancelled"


async def test_a_batch_steered_to_end_cancelled_keeps_the_answers(
    openai_mock: OpenAIMock, sdk: Awaitable
) -> None:
    openai_mock.lifecycle("batches", end="cancelled")
    batch = await create_batch(sdk, [chat_line("a"), chat_line("b")])
    cancelled = await sdk.batches.retrieve(batch.id)
    assert cancelled.status == "cancelled" and cancelled.cancelled_at is not None
    assert [r["custom_id"] for r in await read_jsonl(sdk, cancelled.output_file_id)] == ["a", "b"]


async def test_cancel_while_validating_runs_nothing(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    batch = await create_batch(sdk, [chat_line("a")])
    assert (await sdk.batches.cancel(batch.id)).status == "cancelling"
    cancelled = await sdk.batches.retrieve(batch.id)
    assert (
        cancelled.status == "cancelled"
        and cancelled.output_file_id is None
        and cancelled.error_file_id is None
    )
    assert openai_mock.chat.completions.create.calls.call_count == 0


async def test_a_finished_batch_cannot_be_cancelled(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    batch = await create_batch(sdk, [chat_line("a")])
    assert (await sdk.batches.retrieve(batch.id)).status == "completed"
    with pytest.raises(openai.ConflictError) as caught:
        await sdk.batches.cancel(batch.id)
    assert caught.value.body["message"] == "Cannot cancel a batch with status 'completed'."


async def test_output_files_follow_output_expires_after(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    batch = await create_batch(
        sdk, [chat_line("a")], output_expires_after={"anchor": "created_at", "seconds": 3600}
    )
    done = await sdk.batches.retrieve(batch.id)
    output = await sdk.files.retrieve(done.output_file_id)
    assert output.expires_at == output.created_at + 3600


async def test_list_batches_pages(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    file_id = await upload_batch_input(sdk, [chat_line("a")])
    made = [
        await sdk.batches.create(input_file_id=file_id, endpoint=CHAT, completion_window="24h")
        for _ in range(5)
    ]
    first = await sdk.batches.list(limit=2)
    assert [b.id for b in first.data] == [made[4].id, made[3].id] and first.has_more is True
    assert [b.id for b in await pages(await sdk.batches.list(limit=2))] == [b.id for b in reversed(made)]


def test_the_sdk_can_be_any_client_in_a_batch_pipeline(openai_mock: OpenAIMock) -> None:
    """A sync pipeline on the legacy httpx transport: upload, create, poll, download."""
    client = make_client("sync-httpx")
    uploaded = client.files.create(
        file=("in.jsonl", jsonl([chat_line("a"), chat_line("b")])), purpose="batch"
    )
    batch = client.batches.create(input_file_id=uploaded.id, endpoint=CHAT, completion_window="24h")
    while batch.status not in ("completed", "failed", "expired", "cancelled"):
        batch = client.batches.retrieve(batch.id)
    assert batch.output_file_id is not None
    answers = [json.loads(line) for line in client.files.content(batch.output_file_id).text.splitlines()]
    assert {a["custom_id"] for a in answers} == {"a", "b"}


@pytest.mark.parametrize(
    ("error", "codes"),
    [
        (None, ["batch_failed"]),
        ([{"code": "a"}, {"code": "b"}], ["a", "b"]),
        ({"object": "list", "data": [{"code": "c", "line": 1}]}, ["c"]),
    ],
)
async def test_the_error_of_a_failing_end_may_take_any_shape(
    openai_mock: OpenAIMock, sdk: Awaitable, error: Any, codes: list[str]
) -> None:
    openai_mock.lifecycle("batches", end="failed", error=error)
    batch = await create_batch(sdk, [chat_line("a")])
    failed = await sdk.batches.retrieve(batch.id)
    assert failed.errors is not None and [e.code for e in failed.errors.data or []] == codes


async def test_a_body_field_of_the_wrong_type_fails_the_batch(
    openai_mock: OpenAIMock, sdk: Awaitable
) -> None:
    line = {"custom_id": "a", "method": "POST", "url": CHAT, "body": {"model": "m", "messages": "hello"}}
    failed = await sdk.batches.retrieve((await create_batch(sdk, [line])).id)
    assert failed.errors is not None
    error = (failed.errors.data or [])[0]
    assert (error.line, error.code, error.param) == (1, "invalid_request", "body.messages")
    assert error.message == "Invalid type for 'messages': expected an array, but got a string instead."


async def test_a_batch_model_set_on_create_is_stored_and_runs(
    openai_mock: OpenAIMock, sdk: Awaitable
) -> None:
    file_id = await upload_batch_input(sdk, [chat_line("a")])
    openai_mock.batches.create.response = Batch(
        id="batch_fixed",
        object="batch",
        endpoint=CHAT,
        input_file_id=file_id,
        completion_window="24h",
        status="validating",
        created_at=0,
    )
    batch = await sdk.batches.create(input_file_id=file_id, endpoint=CHAT, completion_window="24h")
    assert batch.id == "batch_fixed"
    done = await sdk.batches.retrieve("batch_fixed")
    assert done.status == "completed" and done.output_file_id is not None


async def test_a_line_answered_with_text_keeps_the_text(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    openai_mock.chat.completions.create.response = httpx.Response(200, content=b"plain words")
    done = await sdk.batches.retrieve((await create_batch(sdk, [chat_line("a")])).id)
    assert (await read_jsonl(sdk, done.output_file_id))[0]["response"]["body"] == "plain words"


def test_a_pass_through_route_cannot_take_batch_lines(openai_mock: OpenAIMock) -> None:
    openai_mock.router.post("https://api.openai.com/v1/chat/completions").pass_through()
    client = openai.OpenAI(api_key="sk-test")
    uploaded = client.files.create(file=("in.jsonl", jsonl([chat_line("a")])), purpose="batch")
    batch = client.batches.create(input_file_id=uploaded.id, endpoint=CHAT, completion_window="24h")
    with pytest.raises(MockConfigurationError, match="the lines of a batch are answered by the mock"):
        client.batches.retrieve(batch.id)


async def test_uploads_create_checks_its_values(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    with pytest.raises(openai.BadRequestError) as caught:
        await sdk.uploads.create(bytes=1, filename="a", mime_type="text/plain", purpose="training")
    assert caught.value.body["param"] == "purpose"
    with pytest.raises(openai.BadRequestError) as caught:
        await sdk.uploads.create(bytes=-1, filename="a", mime_type="text/plain", purpose="assistants")
    assert caught.value.body["param"] == "bytes"
    assert len(openai_mock.state.uploads) == 0
