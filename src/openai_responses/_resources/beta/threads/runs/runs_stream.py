"""The Assistants event stream of a run (``stream=True`` on ``runs.create``, ``threads.create_and_run``
and ``runs.submit_tool_outputs``), built from the settled run and what its steps created.

The sequence is the API's: ``thread.created`` (create_and_run), ``thread.run.created``,
``thread.run.queued``, ``thread.run.in_progress``, then per step ``thread.run.step.created`` /
``.in_progress``, its tool-call deltas (``thread.run.step.delta``) or its message
(``thread.message.created`` / ``.in_progress`` / ``.delta`` ... / ``.completed``), the step's end,
and the run's end: ``thread.run.completed`` (or ``requires_action``, ``failed`` ...), then
``event: done``. After submitted tool outputs the stream opens with the ``tool_calls`` step
completing and the run queued again.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ....._engine import Context
from ....._objects import to_json
from .....streaming import DoneMarker, split_text

__all__ = ["events", "run_events"]

#: the run's own closing event, by the status it settled in
_RUN_END = {
    "completed": "thread.run.completed",
    "requires_action": "thread.run.requires_action",
    "failed": "thread.run.failed",
    "cancelled": "thread.run.cancelled",
    "expired": "thread.run.expired",
    "incomplete": "thread.run.incomplete",
    "cancelling": "thread.run.cancelling",
}


def events(context: Context, obj: Any) -> tuple[list[dict[str, Any]], DoneMarker]:
    """The ``FAMILIES`` entry: the events of the run a streamed call settled, read from the state."""
    from .runs import EVERYTHING

    run = dict(to_json(obj))
    state = context.state
    thread_id, run_id = str(run.get("thread_id")), str(run.get("id"))
    steps = [
        to_json(step)
        for step in state.beta.threads.runs.steps.list(thread_id, run_id, limit=EVERYTHING, order="asc").data
    ]
    messages: dict[str, Any] = {}
    for step in steps:
        message_id = ((step.get("step_details") or {}).get("message_creation") or {}).get("message_id")
        message = state.beta.threads.messages.get(message_id) if isinstance(message_id, str) else None
        if message is not None and isinstance(message_id, str):
            messages[message_id] = to_json(message)
    sdk_path = context.endpoint.sdk_path
    thread = None
    if sdk_path == "beta.threads.create_and_run" and state.beta.threads.get(thread_id) is not None:
        thread = to_json(state.beta.threads.get(thread_id))
    resumed = None
    if sdk_path == "beta.threads.runs.submit_tool_outputs":
        resumed = state.beta.threads.runs.extra(run_id).get("resumed_step")
    return run_events(run, steps=steps, messages=messages, thread=thread, resumed_step=resumed), "event"


def run_events(
    run: Any,
    *,
    steps: Sequence[Any] = (),
    messages: Mapping[str, Any] | Sequence[Any] = (),
    thread: Any = None,
    resumed_step: str | None = None,
) -> list[dict[str, Any]]:
    """The events that stream ``run`` (settled) whose ``steps`` created ``messages``.

    ``thread`` opens the stream with ``thread.created``; ``resumed_step`` names the ``tool_calls``
    step whose outputs were just submitted: the stream then starts from there.
    """
    final = dict(to_json(run))
    step_list = [dict(to_json(step)) for step in steps]
    if isinstance(messages, Mapping):
        by_id = {key: dict(to_json(value)) for key, value in messages.items()}
    else:
        by_id = {to_json(m)["id"]: dict(to_json(m)) for m in messages}
    out: list[dict[str, Any]] = []

    def emit(name: str, data: Any) -> None:
        out.append({"event": name, "data": data})

    if thread is not None:
        emit("thread.created", to_json(thread))
    queued = {
        **final,
        "status": "queued",
        "started_at": None,
        "completed_at": None,
        "cancelled_at": None,
        "failed_at": None,
        "required_action": None,
        "last_error": None,
        "incomplete_details": None,
        "usage": None,
    }
    start = 0
    if resumed_step is None:
        emit("thread.run.created", queued)
    else:
        position = next((n for n, step in enumerate(step_list) if step.get("id") == resumed_step), None)
        if position is not None:
            emit("thread.run.step.completed", step_list[position])
            start = position + 1
    emit("thread.run.queued", queued)
    emit("thread.run.in_progress", {**queued, "status": "in_progress", "started_at": final.get("started_at")})
    for step in step_list[start:]:
        _step_events(emit, step, by_id)
    emit(_RUN_END.get(str(final.get("status")), "thread.run.completed"), final)
    return out


def _step_events(emit: Any, step: dict[str, Any], messages: Mapping[str, dict[str, Any]]) -> None:
    details = step.get("step_details") or {}
    started = {**step, "status": "in_progress", "completed_at": None, "usage": None}
    if details.get("type") == "tool_calls":
        started["step_details"] = {**details, "tool_calls": []}
    emit("thread.run.step.created", started)
    emit("thread.run.step.in_progress", started)
    if details.get("type") == "tool_calls":
        for index, call in enumerate(details.get("tool_calls") or []):
            for delta in _tool_call_deltas(index, call):
                emit(
                    "thread.run.step.delta",
                    {
                        "id": step.get("id"),
                        "object": "thread.run.step.delta",
                        "delta": {"step_details": {"type": "tool_calls", "tool_calls": [delta]}},
                    },
                )
    else:
        message_id = (details.get("message_creation") or {}).get("message_id")
        message = messages.get(message_id) if message_id else None
        if message is not None:
            _message_events(emit, message)
    if step.get("status") != "in_progress":
        emit(f"thread.run.step.{step.get('status')}", step)


def _tool_call_deltas(index: int, call: Mapping[str, Any]) -> list[dict[str, Any]]:
    if call.get("type") != "function":
        return [{"index": index, **call}]
    function = call.get("function") or {}
    arguments = str(function.get("arguments") or "")
    first = {
        "index": index,
        "id": call.get("id"),
        "type": "function",
        "function": {"name": function.get("name"), "arguments": "", "output": function.get("output")},
    }
    rest = [
        {"index": index, "type": "function", "function": {"arguments": piece}}
        for piece in split_text(arguments, 3)
    ]
    return [first, *rest]


def _message_events(emit: Any, message: dict[str, Any]) -> None:
    started = {**message, "status": "in_progress", "content": [], "completed_at": None}
    emit("thread.message.created", started)
    emit("thread.message.in_progress", started)
    for index, block in enumerate(message.get("content") or []):
        if block.get("type") == "text":
            text = block.get("text") or {}
            pieces = split_text(str(text.get("value") or "")) or [""]
            for position, piece in enumerate(pieces):
                last = position == len(pieces) - 1
                annotations = (text.get("annotations") or []) if last else []
                part = {"index": index, "type": "text", "text": {"value": piece, "annotations": annotations}}
                emit("thread.message.delta", _message_delta(message, part))
        else:
            emit("thread.message.delta", _message_delta(message, {"index": index, **block}))
    emit(
        "thread.message.incomplete" if message.get("status") == "incomplete" else "thread.message.completed",
        message,
    )


def _message_delta(message: Mapping[str, Any], part: dict[str, Any]) -> dict[str, Any]:
    return {"id": message.get("id"), "object": "thread.message.delta", "delta": {"content": [part]}}
