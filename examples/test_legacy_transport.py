"""Legacy transport: a client built with ``http_client=httpx.Client()``.

openai 3.x sends through ``httpx2`` by default, but accepts a plain ``httpx`` client (some
frameworks pass one). openai 2.x always uses ``httpx``. One active mock answers both, sync and
async, with the same routes and the same call history.
"""

import httpx
import openai
import pytest

import openai_responses
from openai_responses import OpenAIMock

MESSAGES = [{"role": "user", "content": "Hello!"}]


# --8<-- [start:legacy]
@openai_responses.mock()
def test_legacy_httpx_client(openai_mock: OpenAIMock):
    with httpx.Client() as http_client:
        client = openai.OpenAI(api_key="sk-fake123", http_client=http_client)
        completion = client.chat.completions.create(model="gpt-4o-mini", messages=MESSAGES)

    assert completion.model == "gpt-4o-mini"
    assert openai_mock.chat.completions.create.requests[0].params["model"] == "gpt-4o-mini"
    assert isinstance(openai_mock.chat.completions.create.requests[0].raw, httpx.Request)
    # --8<-- [end:legacy]


# --8<-- [start:both]
@openai_responses.mock()
def test_both_transports_share_one_route(openai_mock: OpenAIMock):
    default_client = openai.OpenAI(api_key="sk-fake123")  # httpx2 on openai 3.x
    with httpx.Client() as http_client:
        legacy_client = openai.OpenAI(api_key="sk-fake123", http_client=http_client)

        default_client.chat.completions.create(model="gpt-4o", messages=MESSAGES)
        legacy_client.chat.completions.create(model="gpt-4o-mini", messages=MESSAGES)

    models = [request.params["model"] for request in openai_mock.chat.completions.create.requests]
    assert models == ["gpt-4o", "gpt-4o-mini"]
    # --8<-- [end:both]


@pytest.mark.asyncio
@openai_responses.mock()
async def test_legacy_async_client(openai_mock: OpenAIMock):
    async with httpx.AsyncClient() as http_client:
        client = openai.AsyncOpenAI(api_key="sk-fake123", http_client=http_client)
        await client.embeddings.create(model="text-embedding-3-small", input=["a", "b"])

    assert openai_mock.embeddings.create.requests[0].params["input"] == ["a", "b"]
