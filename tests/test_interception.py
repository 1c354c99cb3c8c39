"""Who gets answered: every client shape at once, Azure, custom bases; the three outcomes
(routed, unknown path on an API host, another host) never confused."""

from __future__ import annotations

import httpx
import openai
import pytest

import openai_responses
from openai_responses import OpenAIMock
from openai_responses.errors import UnmockedHostError

from .conftest import HAS_HTTPX2, VARIANTS, Awaitable, make_client

MESSAGES = [{"role": "user", "content": "Hi"}]


async def test_one_mock_answers_every_client_at_once(openai_mock: OpenAIMock) -> None:
    variants = [v for v in VARIANTS if HAS_HTTPX2 or not v.endswith("httpx2")]
    for variant in variants:
        client = Awaitable(make_client(variant), variant.startswith("async"))
        completion = await client.chat.completions.create(model="gpt-4o", messages=MESSAGES)
        assert completion.choices[0].message.content
    assert openai_mock.chat.completions.create.calls.call_count == len(variants)


@pytest.mark.parametrize(
    "azure_deployment", [None, "my-deployment"], ids=["model-as-deployment", "configured-deployment"]
)
async def test_azure(openai_mock: OpenAIMock, variant: str, azure_deployment: str | None) -> None:
    is_async = variant.startswith("async")
    options: dict[str, object] = {
        "azure_endpoint": "https://my-resource.openai.azure.com",
        "api_version": "2024-10-21",
        "api_key": "k",
    }
    if azure_deployment:
        options["azure_deployment"] = azure_deployment
    if variant.endswith("-httpx"):
        options["http_client"] = httpx.AsyncClient() if is_async else httpx.Client()
    raw = openai.AsyncAzureOpenAI(**options) if is_async else openai.AzureOpenAI(**options)  # type: ignore[arg-type]
    client = Awaitable(raw, is_async)
    completion = await client.chat.completions.create(model="gpt-4o", messages=MESSAGES)
    assert completion.model == "gpt-4o"
    files = await client.files.list()
    assert files.data == []
    request = openai_mock.chat.completions.create.calls.last.request
    assert request.url.params["api-version"] == "2024-10-21"
    assert request.headers["api-key"] == "k"
    assert f"/deployments/{azure_deployment or 'gpt-4o'}/chat/completions" in request.url.path


async def test_regional_host_and_custom_base_url(variant: str) -> None:
    is_async = variant.startswith("async")
    async with OpenAIMock(base_url="https://gateway.example.com/openai/v1") as openai_mock:
        eu = Awaitable(make_client(variant, base_url="https://eu.api.openai.com/v1"), is_async)
        gateway = Awaitable(make_client(variant, base_url="https://gateway.example.com/openai/v1"), is_async)
        await eu.models.list()
        await gateway.models.list()
        assert openai_mock.models.list.calls.call_count == 2


@openai_responses.mock()
def test_base_url_from_environment_is_intercepted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_BASE_URL", "http://localhost:9999/v1")
    with OpenAIMock() as inner:
        client = openai.OpenAI(api_key="sk-test")
        assert client.embeddings.create(model="text-embedding-3-small", input="x").data
        assert inner.embeddings.create.calls.call_count == 1


async def test_unknown_path_on_the_api_host_is_the_api_404(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    with pytest.raises(openai.NotFoundError) as caught:
        await sdk.post("/no/such/thing", cast_to=object, body={})
    assert caught.value.body == {
        "message": "Invalid URL (POST /v1/no/such/thing)",
        "type": "invalid_request_error",
        "param": None,
        "code": None,
    }


async def test_other_hosts_fail_at_once_with_what_to_do(openai_mock: OpenAIMock, variant: str) -> None:
    client = Awaitable(
        make_client(variant, base_url="https://elsewhere.example.org/v1", max_retries=3), False
    )
    with pytest.raises(UnmockedHostError) as caught:
        await client.models.list()
    message = str(caught.value)
    assert "'elsewhere.example.org'" in message and "pass_through=['elsewhere.example.org']" in message
    assert "base_url=" in message
    assert openai_mock.retry_delays == []  # an OpenAIError: the SDK does not retry it


def test_plain_httpx_to_another_host_is_refused(openai_mock: OpenAIMock) -> None:
    with pytest.raises(UnmockedHostError):
        httpx.get("https://example.com/")


def test_user_routes_on_the_router(openai_mock: OpenAIMock) -> None:
    route = openai_mock.router.get("https://example.com/health").mock(return_value=httpx.Response(204))
    assert httpx.get("https://example.com/health").status_code == 204
    assert route.call_count == 1


def test_pass_through_reaches_the_network_layer() -> None:
    # a closed port on loopback: passing through means the real transport tries, and fails to connect
    with OpenAIMock(pass_through=["127.0.0.1"]), pytest.raises(httpx.ConnectError):
        httpx.get("http://127.0.0.1:9/")


def test_nothing_is_intercepted_after_the_mock_stops() -> None:
    with OpenAIMock() as openai_mock:
        pass
    client = openai.OpenAI(api_key="sk-test", base_url="http://127.0.0.1:9/v1", max_retries=0)
    with pytest.raises(openai.APIConnectionError):
        client.models.list()
    assert openai_mock.models.list.calls.call_count == 0
