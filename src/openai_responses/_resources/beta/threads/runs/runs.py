"""``beta.threads.runs``: a run takes its model, instructions and tools from its assistant (unless
the request overrides them) and progresses through the engine's lifecycle (``queued`` at create,
finished on the next retrieve, ``openai_mock.lifecycle("beta.threads.runs", ...)`` to steer it).

What finishing does (:func:`finish`, the lifecycle's finish hook):

- ``completed``: the assistant's reply is stored in the thread (a message with ``run_id`` set) with
  its ``message_creation`` run step, and the run gets its ``usage``;
- ``requires_action``: the run asks for function tool outputs (``required_action``) and gets an
  in-progress ``tool_calls`` step; ``submit_tool_outputs`` records the outputs on that step and
  sends the run on (``queued``) to complete on the next retrieve;
- ``failed``, ``cancelled``, ``expired``, ``incomplete``: the matching error or details, open
  steps closed.

A run stops at ``requires_action`` when the test asks for it: ``lifecycle(..., end="requires_action")``
or a partial with ``required_action`` on ``runs.create`` / ``runs.retrieve`` (its tool calls are
merged over the generated ones, one by one). A streamed run (``stream=True``) runs to its end at once.
"""

from __future__ import annotations

import json
import time
from collections.abc import Mapping
from typing import Any

import httpx

from ....._defaults import new_id
from ....._engine import Context
from ....._jsonschema import example_for
from ....._lifecycle import SPECS, stamp_end
from ....._merge import merge
from ....._objects import build, to_json, to_model
from ....._settings import is_sdk_model
from ....._wire import APIErrorAnswer, not_found
from .....errors import MockConfigurationError
from .....stores import ResourceStore, StateStore
from .... import _generic
from ..messages import store_message

__all__ = [
    "cancel",
    "create",
    "finish",
    "required_action_for",
    "retrieve",
    "run_fields",
    "run_to_end",
    "start_run",
    "submit_tool_outputs",
]

RESOURCE = "beta.threads.runs"
SPEC = SPECS[RESOURCE]
#: statuses a run stays in until something happens to it
SETTLED = frozenset(SPEC.ends)
#: a ``limit`` that lists every object under a parent
EVERYTHING = 1 << 62


# -- building a run -------------------------------------------------------------------------------


def assistant_of(state: StateStore, params: Mapping[str, Any]) -> dict[str, Any]:
    """The assistant a run request names, or the API's 404."""
    assistant_id = params.get("assistant_id")
    found = state.beta.assistants.get(assistant_id) if isinstance(assistant_id, str) else None
    if found is None:
        raise not_found("assistant", str(assistant_id))
    return dict(to_json(found))


def run_fields(params: Mapping[str, Any], assistant: Mapping[str, Any]) -> dict[str, Any]:
    """What a run takes from its assistant, unless the request says otherwise."""

    def given(name: str) -> bool:
        return params.get(name) is not None

    instructions = params["instructions"] if given("instructions") else assistant.get("instructions") or ""
    if params.get("additional_instructions"):
        extra = str(params["additional_instructions"])
        instructions = f"{instructions}\n\n{extra}" if instructions else extra
    truncation = params.get("truncation_strategy")
    return {
        "assistant_id": params.get("assistant_id") or assistant.get("id"),
        "model": params["model"] if given("model") else assistant.get("model") or "gpt-4o",
        "instructions": instructions,
        "tools": [dict(t) for t in (params["tools"] if given("tools") else assistant.get("tools") or [])],
        "response_format": (
            params["response_format"]
            if given("response_format")
            else assistant.get("response_format") or "auto"
        ),
        "temperature": params["temperature"] if given("temperature") else assistant.get("temperature"),
        "top_p": params["top_p"] if given("top_p") else assistant.get("top_p"),
        "tool_choice": params["tool_choice"] if given("tool_choice") else "auto",
        "parallel_tool_calls": params["parallel_tool_calls"] if given("parallel_tool_calls") else True,
        "truncation_strategy": (
            dict(truncation) if isinstance(truncation, Mapping) else {"type": "auto", "last_messages": None}
        ),
        "metadata": params.get("metadata") or {},
        "required_action": None,
        "usage": None,
    }


def _split_required_action(setting: Any) -> tuple[Any, Any]:
    """A partial asking for tool outputs: the rest of the partial, and its ``required_action`` (taken
    out: the run shows it once it reaches ``requires_action``). A partial that also sets an end
    status keeps it, as given."""
    if not isinstance(setting, Mapping) or setting.get("required_action") is None:
        return setting, None
    if setting.get("status") not in (None, SPEC.initial, SPEC.running):
        return setting, None
    rest = {key: value for key, value in setting.items() if key != "required_action"}
    return rest, setting["required_action"]


def _ask_for_tool_outputs(extra: dict[str, Any], action: Any) -> None:
    extra["end"] = "requires_action"
    extra["required_action"] = action


def start_run(context: Context, setting: Any) -> dict[str, Any]:
    """Create and store a run for a ``runs.create`` call (path ``thread_id``); a streamed one runs to
    its end. Returns the run's JSON."""
    _generic.check_parents(context)
    state = context.state
    store = context.store()
    if is_sdk_model(setting):
        obj = _generic.new_object(context, setting)
    else:
        assistant = assistant_of(state, context.params)
        thread_id = context.path_params["thread_id"]
        for message in context.params.get("additional_messages") or []:
            if isinstance(message, Mapping):
                store_message(state, thread_id, message)
        partial, action = _split_required_action(setting)
        obj = _generic.new_object(context, partial, run_fields(context.params, assistant))
        if action is not None:
            _ask_for_tool_outputs(store.extra(obj["id"]), action)
        if obj.get("status") in SETTLED:
            # the partial put the run straight into an end state: finish it as the lifecycle would
            obj = _enter(context, store, obj, obj["status"])
    if context.stream_requested:
        obj = run_to_end(context, store, obj)
    return obj


def _enter(context: Context, store: ResourceStore, obj: dict[str, Any], status: str) -> dict[str, Any]:
    from openai.types.beta.threads import Run

    obj = dict(obj)
    stamp_end(obj, status, Run.model_fields)
    obj = finish(context, obj, status)
    store.put(to_model(Run, obj), obj["thread_id"])
    return obj


def run_to_end(context: Context, store: ResourceStore, obj: dict[str, Any]) -> dict[str, Any]:
    """Walk the run through its lifecycle until it settles (what a streamed run does at once)."""
    retrieving = _generic.on_route(
        context, "beta.threads.runs.retrieve", {"thread_id": obj["thread_id"], "run_id": obj["id"]}, {}
    )
    for _ in range(context.mock._lifecycles.config(RESOURCE).polls + 3):
        if obj.get("status") in SETTLED:
            break
        obj = _generic._finish(retrieving, store, obj["id"], obj)
    return obj


# -- what finishing does --------------------------------------------------------------------------


def finish(context: Context, obj: Any, new_status: str) -> dict[str, Any]:
    """The lifecycle's finish hook: what reaching ``new_status`` does to the run and its thread."""
    run = dict(obj)
    if new_status == SPEC.running:
        return run  # started: nothing is written before the run settles
    state = context.state
    extra = state.beta.threads.runs.extra(run["id"])
    now = int(time.time())
    if new_status == "requires_action":
        run["started_at"] = run.get("started_at") or now
        return _require_action(state, run, extra)
    run["required_action"] = None
    if new_status == "completed":
        run["started_at"] = run.get("started_at") or now
        _reply(state, run)
    elif new_status in ("failed", "cancelled", "expired"):
        if new_status == "failed" and not run.get("last_error"):
            run["last_error"] = {"code": "server_error", "message": "Sorry, something went wrong."}
        _close_open_steps(state, run, new_status)
    elif new_status == "incomplete" and not run.get("incomplete_details"):
        run["incomplete_details"] = {"reason": "max_completion_tokens"}
    return run


def _function_tools(run: Mapping[str, Any]) -> list[dict[str, Any]]:
    return [
        dict(tool["function"])
        for tool in run.get("tools") or []
        if isinstance(tool, Mapping)
        and tool.get("type") == "function"
        and isinstance(tool.get("function"), Mapping)
    ]


def _tool_call(name: str, definition: Mapping[str, Any] | None) -> dict[str, Any]:
    schema = (definition or {}).get("parameters") or {"type": "object", "properties": {}}
    return {
        "id": new_id("call_"),
        "type": "function",
        "function": {"name": name, "arguments": json.dumps(example_for(schema))},
    }


def required_action_for(run: Mapping[str, Any], partial: Any = None) -> dict[str, Any]:
    """The ``required_action`` of a run stopping for tool outputs: a call of its function tool (the
    one ``tool_choice`` names, else the first), with arguments valid for the tool's JSON schema.
    A partial's tool calls replace that call, each merged over a generated call of the function it
    names."""
    functions = _function_tools(run)
    by_name = {str(f.get("name")): f for f in functions}
    partial = dict(partial) if isinstance(partial, Mapping) else {}
    wanted = (partial.get("submit_tool_outputs") or {}).get("tool_calls")
    if isinstance(wanted, list):
        calls = []
        for element in wanted:
            element = element if isinstance(element, Mapping) else {}
            name = (element.get("function") or {}).get("name")
            definition = by_name.get(str(name)) if name else (functions[0] if functions else None)
            base = _tool_call(str(name or (definition or {}).get("name") or "function"), definition)
            calls.append(merge(base, element))
    else:
        if not functions:
            raise MockConfigurationError(
                f"run {run.get('id')} reached 'requires_action' but has no function tools to call. Give the "
                "assistant or the run a function tool (tools=[{'type': 'function', 'function': {...}}]), or "
                "set the calls yourself: a partial {'required_action': {'submit_tool_outputs': "
                "{'tool_calls': [{'function': {'name': ..., 'arguments': ...}}]}}} on runs.create or "
                "runs.retrieve."
            )
        choice = run.get("tool_choice")
        forced = (choice.get("function") or {}).get("name") if isinstance(choice, Mapping) else None
        definition = by_name.get(str(forced)) or functions[0]
        calls = [_tool_call(str(definition.get("name") or "function"), definition)]
    required = {"type": "submit_tool_outputs", "submit_tool_outputs": {"tool_calls": calls}}
    rest = {key: value for key, value in partial.items() if key != "submit_tool_outputs"}
    return merge(required, rest) if rest else required


def _require_action(state: StateStore, run: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    from openai.types.beta.threads.runs import RunStep

    partial = extra.pop("required_action", None)
    if partial is None and run.get("required_action"):
        required = run["required_action"]  # set by the user's partial together with the status
    else:
        required = required_action_for(run, partial)
    run["required_action"] = required
    calls = (required.get("submit_tool_outputs") or {}).get("tool_calls") or []
    step = build(
        RunStep,
        None,
        None,
        assistant_id=run.get("assistant_id"),
        thread_id=run["thread_id"],
        run_id=run["id"],
        type="tool_calls",
        status="in_progress",
        step_details={
            "type": "tool_calls",
            "tool_calls": [
                {
                    "id": call.get("id"),
                    "type": "function",
                    "function": {**(call.get("function") or {}), "output": None},
                }
                for call in calls
            ],
        },
        usage=None,
    )
    state.beta.threads.runs.steps.put(to_model(RunStep, step), run["thread_id"], run["id"])
    extra["tool_calls_step"] = step["id"]
    return run


def reply_text(run: Mapping[str, Any]) -> str:
    """What the assistant says: JSON valid for the run's ``response_format`` schema, else a greeting."""
    from ....chat.completions import DEFAULT_CONTENT, structured_content

    return structured_content({"response_format": run.get("response_format")}) or DEFAULT_CONTENT


def _thread_text(state: StateStore, thread_id: str) -> str:
    page = state.beta.threads.messages.list(thread_id, limit=EVERYTHING, order="asc")
    parts: list[str] = []
    for message in page.data:
        for block in to_json(message).get("content") or []:
            text = (block.get("text") or {}).get("value") if isinstance(block, Mapping) else None
            if isinstance(text, str):
                parts.append(text)
    return " ".join(parts)


def _reply(state: StateStore, run: dict[str, Any]) -> None:
    from openai.types.beta.threads.runs import RunStep

    from ....chat.completions import estimate_tokens

    thread_id = run["thread_id"]
    prompt_tokens = estimate_tokens(
        f"{run.get('instructions') or ''} {_thread_text(state, thread_id)}".strip()
    )
    text = reply_text(run)
    completion_tokens = estimate_tokens(text)
    usage = {
        "prompt_tokens": prompt_tokens,
        "completion_tokens": completion_tokens,
        "total_tokens": prompt_tokens + completion_tokens,
    }
    message = store_message(
        state,
        thread_id,
        {"role": "assistant", "content": text},
        assistant_id=run.get("assistant_id"),
        run_id=run["id"],
    )
    step = build(
        RunStep,
        None,
        None,
        assistant_id=run.get("assistant_id"),
        thread_id=thread_id,
        run_id=run["id"],
        type="message_creation",
        status="completed",
        step_details={"type": "message_creation", "message_creation": {"message_id": message["id"]}},
        completed_at=int(time.time()),
        usage=usage,
    )
    state.beta.threads.runs.steps.put(to_model(RunStep, step), thread_id, run["id"])
    run["usage"] = usage


def _close_open_steps(state: StateStore, run: Mapping[str, Any], status: str) -> None:
    from openai.types.beta.threads.runs import RunStep

    steps = state.beta.threads.runs.steps
    for step in steps.list(run["thread_id"], run["id"], limit=EVERYTHING, order="asc").data:
        data = dict(to_json(step))
        if data.get("status") != "in_progress":
            continue
        data["status"] = status
        stamp_end(data, status, RunStep.model_fields)
        steps.put(to_model(RunStep, data), run["thread_id"], run["id"])


# -- handlers -------------------------------------------------------------------------------------


def create(context: Context, setting: Any) -> httpx.Response:
    return _generic.respond(context, start_run(context, setting))


def retrieve(context: Context, setting: Any) -> httpx.Response:
    """The run one poll further along; a partial with ``required_action`` stops it there."""
    store, run_id, stored = _generic.stored_object(context)
    if is_sdk_model(setting):
        store.put(setting, *(store.parents(run_id) or ()))
        return _generic.respond(context, to_json(setting))
    run = dict(to_json(stored))
    partial, action = _split_required_action(setting)
    if action is not None and run.get("status") not in SETTLED and run.get("status") != "cancelling":
        _ask_for_tool_outputs(store.extra(run_id), action)
    elif action is not None:
        partial = setting  # a settled run: the partial only shapes this answer
    run = _generic._finish(context, store, run_id, run)
    return _generic.respond(context, merge(run, partial) if partial else run)


def cancel(context: Context, setting: Any) -> httpx.Response:
    """``cancelling`` now, ``cancelled`` on the next retrieve; a run waiting for tool outputs may be
    cancelled too (the generic cancel refuses every settled status)."""
    store, run_id, stored = _generic.stored_object(context)
    run = dict(to_json(stored))
    if is_sdk_model(setting) or run.get("status") != "requires_action":
        return _generic.action(context, setting)
    from openai.types.beta.threads import Run

    run["status"] = "cancelling"
    store.put(to_model(Run, run), *(store.parents(run_id) or ()))
    return _generic.respond(context, merge(run, setting) if setting else run)


def submit_tool_outputs(context: Context, setting: Any) -> httpx.Response:
    """Record the outputs on the run's ``tool_calls`` step and send the run on (``queued``)."""
    from openai.types.beta.threads import Run
    from openai.types.beta.threads.runs import RunStep

    store, run_id, stored = _generic.stored_object(context)
    if is_sdk_model(setting):
        store.put(setting, *(store.parents(run_id) or ()))
        return _generic.respond(context, to_json(setting))
    run = dict(to_json(stored))
    status = run.get("status")
    if status != "requires_action":
        raise APIErrorAnswer(400, f'Runs in status "{status}" do not accept tool outputs.')
    calls = ((run.get("required_action") or {}).get("submit_tool_outputs") or {}).get("tool_calls") or []
    expected = [call.get("id") for call in calls]
    outputs = {
        item.get("tool_call_id"): item.get("output")
        for item in context.params.get("tool_outputs") or []
        if isinstance(item, Mapping)
    }
    if set(outputs) != set(expected):
        raise APIErrorAnswer(
            400, f"Expected tool outputs for call_ids {expected}, got {list(outputs)}", param="tool_outputs"
        )
    extra = store.extra(run_id)
    steps = context.state.beta.threads.runs.steps
    step_id = extra.pop("tool_calls_step", None)
    step = steps.get(step_id) if step_id else None
    if step is not None:
        data = dict(to_json(step))
        details = dict(data.get("step_details") or {})
        details["tool_calls"] = [
            {**call, "function": {**(call.get("function") or {}), "output": outputs.get(call.get("id"))}}
            if call.get("type") == "function"
            else call
            for call in details.get("tool_calls") or []
        ]
        data.update(step_details=details, status="completed", completed_at=int(time.time()))
        data["usage"] = data.get("usage") or {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0}
        steps.put(to_model(RunStep, data), run["thread_id"], run_id)
        extra["resumed_step"] = data["id"]
    run.update(status="queued", required_action=None)
    # the run goes on to complete, even where the tests' lifecycle stops runs for tool outputs
    configured = context.mock._lifecycles.config(RESOURCE).end
    extra["end"] = "completed" if configured in (None, "requires_action") else None
    extra["polls"] = 0
    partial, action = _split_required_action(setting)
    if action is not None:
        _ask_for_tool_outputs(extra, action)  # another round of tool calls
    store.put(to_model(Run, run), run["thread_id"])
    if context.stream_requested:
        run = run_to_end(context, store, run)
    return _generic.respond(context, merge(run, partial) if partial else run)
