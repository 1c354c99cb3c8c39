"""Azure OpenAI: ``openai.AzureOpenAI`` is answered by the same routes as ``openai.OpenAI``.

Shows a chat call to an ``*.openai.azure.com`` resource (deployment taken from ``model``), the
``api-version`` query and ``api-key`` header as the mock received them, and a client pinned to
one deployment with ``azure_deployment=``.
"""

import openai

import openai_responses
from openai_responses import OpenAIMock

MESSAGES = [{"role": "user", "content": "Hello from Azure"}]


# --8<-- [start:azure]
@openai_responses.mock()
def test_azure_chat_completion(openai_mock: OpenAIMock):
    openai_mock.chat.completions.create.response = {
        "choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": "Hi!"}}]
    }
    client = openai.AzureOpenAI(
        azure_endpoint="https://my-res.openai.azure.com",
        api_version="2024-10-21",
        api_key="x",
    )

    completion = client.chat.completions.create(model="gpt-4o", messages=MESSAGES)

    assert completion.choices[0].message.content == "Hi!"
    request = openai_mock.chat.completions.create.requests[0]
    assert request.raw.url.path == "/openai/deployments/gpt-4o/chat/completions"
    assert request.query["api-version"] == "2024-10-21"
    assert request.headers["api-key"] == "x"
    # --8<-- [end:azure]


# --8<-- [start:deployment]
@openai_responses.mock()
def test_azure_fixed_deployment(openai_mock: OpenAIMock):
    client = openai.AzureOpenAI(
        azure_endpoint="https://my-res.openai.azure.com",
        azure_deployment="prod-chat",
        api_version="2024-10-21",
        api_key="x",
    )

    client.chat.completions.create(model="gpt-4o", messages=MESSAGES)

    request = openai_mock.chat.completions.create.requests[0]
    assert request.raw.url.path == "/openai/deployments/prod-chat/chat/completions"
    assert request.params["model"] == "gpt-4o"
    # --8<-- [end:deployment]
