"""Files, uploads and batches: a batch pipeline tested end to end, offline.

Shows a file uploaded and read back byte for byte, a large file sent in parts with the SDK's
``upload_file_chunked``, and a batch pipeline (upload the JSONL, create the batch, poll it, download
the output) that runs with no configuration. The batch's lines are answered by the same route
objects as direct calls: a partial set on ``chat.completions.create`` shapes every line, a list
answers the lines one by one (an error answer lands in the error file), and an invalid input file
fails the batch with the errors the API reports.
"""

import json

import openai
from openai.types import FileObject
from openai.types.chat import ChatCompletion

import openai_responses
from openai_responses import OpenAIMock
from openai_responses.ext.httpx import Response


# --8<-- [start:files]
@openai_responses.mock()
def test_upload_and_download(openai_mock: OpenAIMock):
    client = openai.OpenAI(api_key="sk-fake123")

    uploaded = client.files.create(file=("notes.txt", b"remember the milk"), purpose="assistants")

    assert uploaded.bytes == 17 and uploaded.status == "processed"
    assert client.files.content(uploaded.id).content == b"remember the milk"
    assert [f.id for f in client.files.list(purpose="assistants")] == [uploaded.id]
    # --8<-- [end:files]


# --8<-- [start:seeded]
@openai_responses.mock()
def test_start_with_a_file_in_the_state(openai_mock: OpenAIMock):
    openai_mock.state.files.put(
        FileObject(
            id="file-input",
            object="file",
            bytes=5,
            created_at=0,
            filename="in.txt",
            purpose="assistants",
            status="processed",
        )
    )
    openai_mock.state.files.put_content("file-input", b"hello")

    client = openai.OpenAI(api_key="sk-fake123")
    assert client.files.content("file-input").content == b"hello"
    # --8<-- [end:seeded]


# --8<-- [start:uploads]
@openai_responses.mock()
def test_upload_in_parts(openai_mock: OpenAIMock):
    client = openai.OpenAI(api_key="sk-fake123")
    data = b"x" * 250

    upload = client.uploads.upload_file_chunked(
        file=data,
        filename="big.bin",
        bytes=len(data),
        mime_type="application/octet-stream",
        purpose="assistants",
        part_size=100,
    )

    assert upload.status == "completed" and upload.file is not None
    assert client.files.content(upload.file.id).content == data
    assert openai_mock.uploads.parts.create.calls.call_count == 3
    # --8<-- [end:uploads]


# --8<-- [start:pipeline]
def summarize_all(client: openai.OpenAI, texts: list[str]) -> dict[str, str]:
    """Code under test: summarize texts with the Batch API, return {custom_id: summary}."""
    lines = [
        {
            "custom_id": f"text-{i}",
            "method": "POST",
            "url": "/v1/chat/completions",
            "body": {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": f"Summarize: {text}"}]},
        }
        for i, text in enumerate(texts)
    ]
    jsonl = "".join(json.dumps(line) + "\n" for line in lines).encode()
    input_file = client.files.create(file=("requests.jsonl", jsonl), purpose="batch")
    batch = client.batches.create(
        input_file_id=input_file.id, endpoint="/v1/chat/completions", completion_window="24h"
    )
    while batch.status not in ("completed", "failed", "expired", "cancelled"):
        batch = client.batches.retrieve(batch.id)  # real code would sleep between polls
    if batch.status != "completed" or batch.output_file_id is None:
        raise RuntimeError(f"batch {batch.id} ended {batch.status}")
    summaries = {}
    for raw in client.files.content(batch.output_file_id).text.splitlines():
        record = json.loads(raw)
        completion = ChatCompletion.model_validate(record["response"]["body"])
        summaries[record["custom_id"]] = completion.choices[0].message.content
    return summaries


@openai_responses.mock()
def test_batch_pipeline_end_to_end(openai_mock: OpenAIMock):
    openai_mock.chat.completions.create.response = {"choices": [{"message": {"content": "Short."}}]}
    client = openai.OpenAI(api_key="sk-fake123")

    summaries = summarize_all(client, ["a long text", "another long text"])

    assert summaries == {"text-0": "Short.", "text-1": "Short."}
    # every line of the batch was a call to the chat completions route
    assert openai_mock.chat.completions.create.calls.call_count == 2
    sent = [r.params["messages"][0]["content"] for r in openai_mock.chat.completions.create.requests]
    assert sent == ["Summarize: a long text", "Summarize: another long text"]
    # --8<-- [end:pipeline]


# --8<-- [start:errors]
@openai_responses.mock()
def test_one_line_fails(openai_mock: OpenAIMock):
    openai_mock.chat.completions.create.response = [
        {"choices": [{"message": {"content": "Fine."}}]},
        Response(429, json={"error": {"message": "Rate limit reached", "type": "requests", "code": None}}),
    ]
    client = openai.OpenAI(api_key="sk-fake123")
    input_file = client.files.create(file=("requests.jsonl", requests_jsonl(2)), purpose="batch")
    batch = client.batches.create(
        input_file_id=input_file.id, endpoint="/v1/chat/completions", completion_window="24h"
    )

    batch = client.batches.retrieve(batch.id)

    assert batch.status == "completed"
    assert batch.request_counts is not None and batch.request_counts.failed == 1
    assert batch.error_file_id is not None
    failed = [json.loads(line) for line in client.files.content(batch.error_file_id).text.splitlines()]
    assert failed[0]["custom_id"] == "r1"
    assert failed[0]["response"]["status_code"] == 429
    # --8<-- [end:errors]


# --8<-- [start:invalid]
@openai_responses.mock()
def test_invalid_input_fails_the_batch(openai_mock: OpenAIMock):
    client = openai.OpenAI(api_key="sk-fake123")
    bad = requests_jsonl(1) + b'{"custom_id": "r0", "method": "POST", "url": "/v1/embeddings", "body": {}}\n'
    input_file = client.files.create(file=("requests.jsonl", bad), purpose="batch")
    batch = client.batches.create(
        input_file_id=input_file.id, endpoint="/v1/chat/completions", completion_window="24h"
    )

    batch = client.batches.retrieve(batch.id)

    assert batch.status == "failed"
    assert batch.errors is not None and batch.errors.data is not None
    assert [(e.line, e.code) for e in batch.errors.data] == [(2, "invalid_url")]
    assert openai_mock.chat.completions.create.calls.call_count == 0
    # --8<-- [end:invalid]


def requests_jsonl(count: int) -> bytes:
    body = {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "Hello"}]}
    lines = [
        {"custom_id": f"r{i}", "method": "POST", "url": "/v1/chat/completions", "body": body}
        for i in range(count)
    ]
    return "".join(json.dumps(line) + "\n" for line in lines).encode()
