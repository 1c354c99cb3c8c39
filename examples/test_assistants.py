"""The Assistants API: a run that answers, a run that calls your tools, a streamed run.

Runs progress like the real API: ``queued`` at create, ``completed`` on the next poll with the
assistant's reply stored in the thread. ``openai_mock.lifecycle("beta.threads.runs",
end="requires_action")`` makes runs stop for function tool outputs instead.
"""

import json
from typing import Any

import openai
import pytest
from openai.lib.streaming import AssistantEventHandler

import openai_responses
from openai_responses import OpenAIMock
from openai_responses.helpers.builders.assistants import build_assistant

# the SDK marks the Assistants API deprecated; calling it is the point here
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

WEATHER_TOOL = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "parameters": {
            "type": "object",
            "properties": {"city": {"type": "string"}},
            "required": ["city"],
        },
    },
}


# --8<-- [start:ask]
def ask(client: openai.OpenAI, assistant_id: str, question: str) -> str:
    """Code under test: ask the assistant in a new thread, return its answer."""
    thread = client.beta.threads.create(messages=[{"role": "user", "content": question}])
    run = client.beta.threads.runs.create_and_poll(thread_id=thread.id, assistant_id=assistant_id)
    if run.status != "completed":
        raise RuntimeError(f"run ended {run.status}")
    reply = client.beta.threads.messages.list(thread.id, run_id=run.id).data[0]
    return reply.content[0].text.value


@openai_responses.mock()
def test_ask(openai_mock: OpenAIMock):
    client = openai.OpenAI(api_key="sk-fake123")
    assistant = client.beta.assistants.create(model="gpt-4o", instructions="Be brief.")

    answer = ask(client, assistant.id, "Hello?")

    assert answer  # the mock's assistant always says something
    (run,) = openai_mock.state.beta.threads.runs
    assert run.status == "completed" and run.model == "gpt-4o" and run.instructions == "Be brief."
    steps = openai_mock.state.beta.threads.runs.steps.list(run.thread_id, run.id).data
    assert [step.type for step in steps] == ["message_creation"]
    # --8<-- [end:ask]


# --8<-- [start:configured]
@openai_responses.mock()
def test_an_assistant_made_elsewhere(openai_mock: OpenAIMock):
    # code often uses an assistant created once, outside the code, by its id: put it in the state
    openai_mock.state.beta.assistants.put(build_assistant({"id": "asst_support", "model": "gpt-4o-mini"}))
    openai_mock.beta.threads.messages.list.response = {
        "data": [{"content": [{"text": {"value": "Have you tried turning it off and on again?"}}]}]
    }

    client = openai.OpenAI(api_key="sk-fake123")

    assert ask(client, "asst_support", "My laptop is slow.") == "Have you tried turning it off and on again?"
    (run,) = openai_mock.state.beta.threads.runs
    assert run.model == "gpt-4o-mini"  # taken from the assistant
    # --8<-- [end:configured]


# --8<-- [start:tools]
def get_weather(city: str) -> str:
    return f"22 degrees and sunny in {city}"


def ask_with_tools(client: openai.OpenAI, assistant_id: str, question: str) -> str:
    """Code under test: answer the assistant's tool calls until the run completes."""
    thread = client.beta.threads.create(messages=[{"role": "user", "content": question}])
    run = client.beta.threads.runs.create_and_poll(thread_id=thread.id, assistant_id=assistant_id)
    while run.status == "requires_action":
        outputs = []
        for call in run.required_action.submit_tool_outputs.tool_calls:
            arguments = json.loads(call.function.arguments)
            outputs.append({"tool_call_id": call.id, "output": get_weather(**arguments)})
        run = client.beta.threads.runs.submit_tool_outputs_and_poll(
            run_id=run.id, thread_id=thread.id, tool_outputs=outputs
        )
    return client.beta.threads.messages.list(thread.id, run_id=run.id).data[0].content[0].text.value


@openai_responses.mock()
def test_tool_calls(openai_mock: OpenAIMock):
    openai_mock.lifecycle("beta.threads.runs", end="requires_action")
    client = openai.OpenAI(api_key="sk-fake123")
    assistant = client.beta.assistants.create(model="gpt-4o", tools=[WEATHER_TOOL])

    assert ask_with_tools(client, assistant.id, "Weather in Paris?")

    (submitted,) = openai_mock.beta.threads.runs.submit_tool_outputs.requests
    assert submitted.params["tool_outputs"][0]["output"].startswith("22 degrees and sunny in ")
    (run,) = openai_mock.state.beta.threads.runs
    steps = openai_mock.state.beta.threads.runs.steps.list(run.thread_id, run.id, order="asc").data
    assert [step.type for step in steps] == ["tool_calls", "message_creation"]
    # --8<-- [end:tools]


# --8<-- [start:tool-partial]
@openai_responses.mock()
def test_chosen_tool_arguments(openai_mock: OpenAIMock):
    # a partial with required_action: this run stops for these calls (each merged over a generated one)
    openai_mock.beta.threads.runs.create.response = {
        "required_action": {
            "submit_tool_outputs": {
                "tool_calls": [{"function": {"name": "get_weather", "arguments": '{"city": "Oslo"}'}}]
            }
        }
    }
    client = openai.OpenAI(api_key="sk-fake123")
    assistant = client.beta.assistants.create(model="gpt-4o", tools=[WEATHER_TOOL])

    ask_with_tools(client, assistant.id, "Weather in Oslo?")

    (submitted,) = openai_mock.beta.threads.runs.submit_tool_outputs.requests
    assert submitted.params["tool_outputs"][0]["output"] == "22 degrees and sunny in Oslo"
    # --8<-- [end:tool-partial]


# --8<-- [start:stream]
class Printer(AssistantEventHandler):
    def __init__(self) -> None:
        super().__init__()
        self.printed: list[str] = []

    def on_text_delta(self, delta: Any, snapshot: Any) -> None:
        self.printed.append(delta.value)


def stream_answer(client: openai.OpenAI, assistant_id: str, thread_id: str) -> str:
    """Code under test: stream the answer as it is written."""
    printer = Printer()
    with client.beta.threads.runs.stream(
        thread_id=thread_id, assistant_id=assistant_id, event_handler=printer
    ) as stream:
        stream.until_done()
    return "".join(printer.printed)


@openai_responses.mock()
def test_streamed_run(openai_mock: OpenAIMock):
    client = openai.OpenAI(api_key="sk-fake123")
    assistant = client.beta.assistants.create(model="gpt-4o")
    thread = client.beta.threads.create(messages=[{"role": "user", "content": "Hi"}])

    text = stream_answer(client, assistant.id, thread.id)

    stored = client.beta.threads.messages.list(thread.id).data[0]
    assert stored.role == "assistant" and stored.content[0].text.value == text
    assert client.beta.threads.runs.list(thread.id).data[0].status == "completed"
    # --8<-- [end:stream]
