"""Route objects: what may be set on ``.response``, what is recorded, and misuse that fails at once."""

from __future__ import annotations

import httpx
import openai
import pytest

from openai_responses import OpenAIMock
from openai_responses.errors import MockConfigurationError, ScriptExhaustedError, UnsupportedEndpointError

from .conftest import HAS_HTTPX2, Awaitable

MESSAGES = [{"role": "user", "content": "Hi"}]


async def test_a_list_answers_one_per_call(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    tool_call = {
        "choices": [
            {
                "finish_reason": "tool_calls",
                "message": {
                    "content": None,
                    "tool_calls": [
                        {
                            "id": "call_1",
                            "type": "function",
                            "function": {"name": "lookup", "arguments": "{}"},
                        }
                    ],
                },
            }
        ]
    }
    openai_mock.chat.completions.create.response = [
        tool_call,
        {"choices": [{"message": {"content": "Done."}}]},
    ]
    first = await sdk.chat.completions.create(model="gpt-4o", messages=MESSAGES)
    second = await sdk.chat.completions.create(model="gpt-4o", messages=MESSAGES)
    assert first.choices[0].message.tool_calls[0].function.name == "lookup"
    assert second.choices[0].message.content == "Done."
    with pytest.raises(ScriptExhaustedError) as caught:
        await sdk.chat.completions.create(model="gpt-4o", messages=MESSAGES)
    assert str(caught.value) == (
        "chat.completions.create was called 3 times but its response list scripts 2 calls. Add entries to "
        "the list, or set a single response to answer every call alike."
    )


async def test_requests_are_recorded(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    await sdk.chat.completions.create(model="gpt-4o", messages=MESSAGES, metadata={"k": "v"})
    created = await sdk.vector_stores.create(name="docs")
    await sdk.vector_stores.retrieve(created.id)
    recorded = openai_mock.chat.completions.create.requests[0]
    assert recorded.params["metadata"] == {"k": "v"}
    assert recorded.raw.method == "POST"
    assert recorded.headers["authorization"] == "Bearer sk-test"
    retrieve = openai_mock.vector_stores.retrieve
    assert retrieve.requests[0].path_params == {"vector_store_id": created.id}
    retrieve.calls.assert_called_once()
    assert retrieve.calls.last.response.status_code == 200
    assert openai_mock.router.calls.call_count == 3


def test_calls_before_the_route_object_was_touched_count(openai_mock: OpenAIMock) -> None:
    openai.OpenAI(api_key="sk-test").models.list()
    assert openai_mock.models.list.calls.call_count == 1


def test_aliases_are_the_same_route_object(openai_mock: OpenAIMock) -> None:
    assert openai_mock.beta.chat.completions.create is openai_mock.chat.completions.create
    assert openai_mock.files.retrieve_content is openai_mock.files.content
    assert openai_mock.chat.completions.create.route.name == "chat.completions.create"


def test_helpers_are_not_endpoints(openai_mock: OpenAIMock) -> None:
    with pytest.raises(AttributeError) as caught:
        openai_mock.chat.completions.parse  # noqa: B018
    assert str(caught.value) == (
        "openai_mock.chat.completions.parse is an SDK helper, not an endpoint: it sends its requests to "
        "chat.completions.create. Set openai_mock.chat.completions.create.response instead."
    )
    with pytest.raises(UnsupportedEndpointError, match="realtime.connect opens a websocket"):
        openai_mock.realtime.connect  # noqa: B018
    with pytest.raises(AttributeError, match="has no endpoint 'chat.nope'"):
        openai_mock.chat.nope  # noqa: B018


def test_unsupported_setting_types_fail_at_once(openai_mock: OpenAIMock) -> None:
    with pytest.raises(MockConfigurationError) as caught:
        openai_mock.chat.completions.create.response = 42
    assert str(caught.value) == (
        "cannot set int 42 as the response of chat.completions.create; set a partial (a dict of the response's "
        "fields), an SDK model, an httpx.Response, a function returning an httpx.Response, or a list of these "
        "(answered one per call)."
    )


def test_a_partial_with_an_unknown_field_fails_at_once(openai_mock: OpenAIMock) -> None:
    with pytest.raises(
        MockConfigurationError, match=r"has field\(s\) 'choises' that ChatCompletion does not"
    ):
        openai_mock.chat.completions.create.response = {"choises": []}


def test_a_function_asking_for_what_cannot_be_given_fails_at_once(openai_mock: OpenAIMock) -> None:
    def needs_user(request: httpx.Request, user: str) -> httpx.Response:
        return httpx.Response(200)

    with pytest.raises(MockConfigurationError) as caught:
        openai_mock.chat.completions.create.response = needs_user
    assert "asks for a parameter 'user' that the mock cannot provide" in str(caught.value)
    assert "It can pass: request, route, state, state_store" in str(caught.value)


def test_a_function_must_return_a_response(openai_mock: OpenAIMock) -> None:
    openai_mock.chat.completions.create.response = lambda request: {"choices": []}
    client = openai.OpenAI(api_key="sk-test", max_retries=0)
    with pytest.raises(MockConfigurationError, match="it must return an httpx.Response"):
        client.chat.completions.create(model="gpt-4o", messages=MESSAGES)


@pytest.mark.skipif(not HAS_HTTPX2, reason=f"openai {openai.__version__} has no httpx2 transport")
def test_an_httpx2_response_is_accepted(openai_mock: OpenAIMock) -> None:
    import httpx2

    openai_mock.models.retrieve.response = httpx2.Response(
        200, json={"id": "m", "object": "model", "created": 1, "owned_by": "me"}
    )
    assert openai.OpenAI(api_key="sk-test").models.retrieve("m").owned_by == "me"


async def test_async_function_responses(openai_mock: OpenAIMock) -> None:
    async def later(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"id": "m", "object": "model", "created": 1, "owned_by": "async"})

    openai_mock.models.retrieve.response = later
    assert (await openai.AsyncOpenAI(api_key="sk-test").models.retrieve("m")).owned_by == "async"


# -- typed partials and bytes --------------------------------------------------------------------


async def test_bytes_answer_a_binary_route(sdk: Awaitable, openai_mock: OpenAIMock) -> None:
    uploaded = await sdk.files.create(file=("a.txt", b"stored"), purpose="assistants")
    openai_mock.files.content.response = b"\x00set by the test"
    content = await sdk.files.content(uploaded.id)
    assert content.content == b"\x00set by the test"
    assert openai_mock.files.content.calls.call_count == 1


async def test_bytes_on_a_binary_route_still_404_for_an_unknown_id(
    sdk: Awaitable, openai_mock: OpenAIMock
) -> None:
    openai_mock.files.content.response = b"anything"
    with pytest.raises(openai.NotFoundError, match="file-missing"):
        await sdk.files.content("file-missing")


def test_bytes_on_a_json_route_say_what_to_set(openai_mock: OpenAIMock) -> None:
    with pytest.raises(MockConfigurationError) as raised:
        openai_mock.chat.completions.create.response = b"{}"
    assert str(raised.value).startswith("chat.completions.create answers JSON, not bytes; set a partial")
    assert str(raised.value).endswith("or an httpx.Response(200, content=...) to send raw bytes.")


async def test_a_typed_partial_is_a_plain_dict_at_run_time(sdk: Awaitable, openai_mock: OpenAIMock) -> None:
    from openai_responses.partials import PartialChatCompletion, PartialChatCompletionMessage

    message: PartialChatCompletionMessage = {"content": "typed", "role": "assistant"}
    partial: PartialChatCompletion = {"choices": [{"index": 0, "finish_reason": "stop", "message": message}]}
    openai_mock.chat.completions.create.response = partial
    completion = await sdk.chat.completions.create(model="gpt-4o", messages=MESSAGES)
    assert completion.choices[0].message.content == "typed"
