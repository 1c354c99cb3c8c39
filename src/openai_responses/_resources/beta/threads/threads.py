"""``beta.threads``: a thread created with ``messages`` stores them under it; ``tool_resources`` are
kept (``file_search.vector_stores`` creates the vector stores it describes); deleting a thread
forgets its messages, runs and run steps. ``create_and_run`` creates a thread and starts a run on it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import httpx

from ...._engine import Context
from ...._objects import to_json
from ....stores import StateStore
from ... import _generic
from ..assistants import tool_resources
from .messages import store_message

__all__ = ["create", "create_and_run", "delete", "new_thread", "update"]


def _thread_fields(params: Mapping[str, Any], state: StateStore) -> dict[str, Any]:
    fields: dict[str, Any] = {"metadata": params.get("metadata") or {}}
    if "tool_resources" in params:
        fields["tool_resources"] = tool_resources(params["tool_resources"], state)
    return fields


def new_thread(context: Context, setting: Any) -> dict[str, Any]:
    """Create and store a thread for a ``threads.create`` call, with its messages."""
    obj = _generic.new_object(context, setting, _thread_fields(context.params, context.state))
    for message in context.params.get("messages") or []:
        if isinstance(message, Mapping):
            store_message(context.state, obj["id"], message)
    return obj


def create(context: Context, setting: Any) -> httpx.Response:
    return _generic.respond(context, new_thread(context, setting))


def update(context: Context, setting: Any) -> httpx.Response:
    _generic.stored_object(context)  # a 404 before any vector store is created for it
    fields = _thread_fields(context.params, context.state)
    if "metadata" not in context.params:
        del fields["metadata"]
    return _generic.update(context, setting, fields=fields)


def delete(context: Context, setting: Any) -> httpx.Response:
    response = _generic.delete(context, setting)
    thread_id = context.path_params["thread_id"]
    state = context.state
    from .runs.runs import EVERYTHING

    runs, steps, messages = (
        state.beta.threads.runs,
        state.beta.threads.runs.steps,
        state.beta.threads.messages,
    )
    for run_id in _ids(runs.list(thread_id, limit=EVERYTHING).data):
        for step_id in _ids(steps.list(thread_id, run_id, limit=EVERYTHING).data):
            steps.delete(step_id)
        runs.delete(run_id)
    for message_id in _ids(messages.list(thread_id, limit=EVERYTHING).data):
        messages.delete(message_id)
    return response


def _ids(objects: list[Any]) -> list[str]:
    return [to_json(obj)["id"] for obj in objects]


def create_and_run(context: Context, setting: Any) -> httpx.Response:
    """A thread (the request's ``thread``, with the run's ``tool_resources`` unless it has its own),
    then a run on it, streamed when asked."""
    from .runs.runs import assistant_of, start_run

    assistant_of(context.state, context.params)  # a 404 before the thread is created
    thread_params = dict(context.params.get("thread") or {})
    if "tool_resources" not in thread_params and context.params.get("tool_resources") is not None:
        thread_params["tool_resources"] = context.params["tool_resources"]
    thread = new_thread(_generic.on_route(context, "beta.threads.create", {}, thread_params), None)
    run_params = {
        key: value for key, value in context.params.items() if key not in ("thread", "tool_resources")
    }
    running = _generic.on_route(context, "beta.threads.runs.create", {"thread_id": thread["id"]}, run_params)
    return _generic.respond(context, start_run(running, setting))
