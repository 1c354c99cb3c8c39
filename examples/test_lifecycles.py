"""Lifecycles: long-running resources that progress between polls.

Shows the default (finished on the first retrieve after create), a batch kept ``in_progress`` for
two polls with ``openai_mock.lifecycle("batches", polls=2)``, and a fine-tuning job steered to
fail with a given error.
"""

import json
import time

import openai
from openai.types import Batch

import openai_responses
from openai_responses import OpenAIMock

TERMINAL = {"completed", "failed", "expired", "cancelled"}


def wait_for_batch(client: openai.OpenAI, batch_id: str, interval: float = 5.0) -> list[str]:
    """Code under test: poll a batch until it is done, return every status seen."""
    seen: list[str] = []
    while True:
        batch: Batch = client.batches.retrieve(batch_id)
        seen.append(batch.status)
        if batch.status in TERMINAL:
            return seen
        time.sleep(interval)


def create_batch(client: openai.OpenAI) -> Batch:
    body = {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "Hello"}]}
    line = json.dumps({"custom_id": "r1", "method": "POST", "url": "/v1/chat/completions", "body": body})
    input_file = client.files.create(file=("requests.jsonl", line.encode()), purpose="batch")
    return client.batches.create(
        input_file_id=input_file.id, endpoint="/v1/chat/completions", completion_window="24h"
    )


@openai_responses.mock()
def test_default_lifecycle_finishes_on_first_poll(openai_mock: OpenAIMock):
    client = openai.OpenAI(api_key="sk-fake123")
    batch = create_batch(client)

    assert wait_for_batch(client, batch.id, interval=0) == ["completed"]


# --8<-- [start:polls]
@openai_responses.mock()
def test_batch_stays_in_progress(openai_mock: OpenAIMock):
    openai_mock.lifecycle("batches", polls=2)

    client = openai.OpenAI(api_key="sk-fake123")
    batch = create_batch(client)

    assert wait_for_batch(client, batch.id, interval=0) == ["in_progress", "in_progress", "completed"]
    assert openai_mock.batches.retrieve.calls.call_count == 3
    # --8<-- [end:polls]


# --8<-- [start:failure]
@openai_responses.mock()
def test_fine_tuning_job_fails(openai_mock: OpenAIMock):
    openai_mock.lifecycle(
        "fine_tuning.jobs",
        end="failed",
        error={"code": "invalid_file", "message": "Training file has 3 examples; at least 10 are required."},
    )

    client = openai.OpenAI(api_key="sk-fake123")
    training_file = client.files.create(file=("train.jsonl", b"{}\n"), purpose="fine-tune")
    job = client.fine_tuning.jobs.create(model="gpt-4o-mini-2024-07-18", training_file=training_file.id)

    job = client.fine_tuning.jobs.retrieve(job.id)

    assert job.status == "failed"
    assert job.error is not None
    assert job.error.code == "invalid_file"
    # --8<-- [end:failure]
