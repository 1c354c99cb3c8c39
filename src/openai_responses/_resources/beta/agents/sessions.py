"""``beta.agents.sessions``: the event stream of an agent session's turn.

``sessions.create(stream=True, input=...)`` and ``sessions.events.stream(session_id)`` answer the
events one turn of the real API emits: the session goes ``in_progress``, a turn is created and runs,
the assistant's message is added and its text streams as deltas, the turn completes, and the
session goes back to ``idle`` (the event the SDK's ``sessions.stream()`` helper stops at).
Every event is built from its SDK model, so it carries all the fields the SDK expects.
"""

from __future__ import annotations

import copy
import time
from typing import TYPE_CHECKING, Any

from ...._defaults import new_id
from ...._objects import build, to_json
from ...._routes import resolve_ref
from ....streaming import DoneMarker, split_text

if TYPE_CHECKING:
    from ...._engine import Context

#: what the assistant answers in a turn nobody configured
DEFAULT_ANSWER = "Hello! How can I help you today?"

_TYPES = "openai.types.beta"
#: event type → its SDK model (``module:QualName`` below ``openai.types.beta``)
EVENT_MODELS = {
    "agent.session.created": "agent_session_created_event:AgentSessionCreatedEvent",
    "agent.session.in_progress": "agent_session_in_progress_event:AgentSessionInProgressEvent",
    "agent.session.turn.created": "agent_session_turn_created_event:AgentSessionTurnCreatedEvent",
    "agent.session.turn.in_progress": "agent_session_turn_in_progress_event:AgentSessionTurnInProgressEvent",
    "agent.session.turn.item.added": "agent_session_turn_item_added_event:AgentSessionTurnItemAddedEvent",
    "agent.session.turn.content_part.added": (
        "agent_session_turn_content_part_added_event:AgentSessionTurnContentPartAddedEvent"
    ),
    "agent.session.turn.output_text.delta": (
        "agent_session_turn_output_text_delta_event:AgentSessionTurnOutputTextDeltaEvent"
    ),
    "agent.session.turn.output_text.done": (
        "agent_session_turn_output_text_done_event:AgentSessionTurnOutputTextDoneEvent"
    ),
    "agent.session.turn.content_part.done": (
        "agent_session_turn_content_part_done_event:AgentSessionTurnContentPartDoneEvent"
    ),
    "agent.session.turn.item.done": "agent_session_turn_item_done_event:AgentSessionTurnItemDoneEvent",
    "agent.session.turn.completed": "agent_session_turn_completed_event:AgentSessionTurnCompletedEvent",
    "agent.session.idle": "agent_session_idle_event:AgentSessionIdleEvent",
}


def session_events(context: Context, obj: Any) -> tuple[list[dict[str, Any]], DoneMarker]:
    """The events of ``sessions.create(stream=True)`` (``obj``: the session) or of
    ``sessions.events.stream`` (the stored session, when there is one)."""
    creating = context.endpoint.sdk_path == "beta.agents.sessions.create"
    session = dict(obj) if creating else _stored_session(context)
    events: list[dict[str, Any]] = []

    def emit(kind: str, **fields: Any) -> None:
        model = resolve_ref(f"{_TYPES}.{EVENT_MODELS[kind]}")
        events.append(build(model, None, None, type=kind, event_id=new_id("event"), **fields))

    if creating:
        emit("agent.session.created", session={**session, "status": "idle"})
        if context.params.get("input") in (None, "", []):
            emit("agent.session.idle", session={**session, "status": "idle"})
            return events, None
    emit("agent.session.in_progress", session={**session, "status": "in_progress"})
    _turn(emit, session)
    emit("agent.session.idle", session={**session, "status": "idle"})
    return events, None


def _turn(emit: Any, session: dict[str, Any]) -> None:
    session_id = session["id"]
    now = int(time.time())
    turn = _default("openai.types.beta.agents.sessions.turn:Turn")
    turn.update(
        id=new_id("turn"),
        session_id=session_id,
        agent_id=(session.get("agent") or {}).get("id", turn.get("agent_id")),
        created_at=now,
        status="queued",
    )
    ids = {"session_id": session_id, "turn_id": turn["id"]}
    emit("agent.session.turn.created", turn=dict(turn), **ids)
    emit("agent.session.turn.in_progress", turn={**turn, "status": "in_progress", "started_at": now}, **ids)
    text = DEFAULT_ANSWER
    message = {
        "id": new_id("msg"),
        "type": "message",
        "role": "assistant",
        "turn_id": turn["id"],
        "status": "in_progress",
        "content": [],
        "phase": "final_answer",
    }
    at = {"output_index": 0, **ids}
    emit("agent.session.turn.item.added", item=copy.deepcopy(message), **at)
    part = {"item_id": message["id"], "content_index": 0, **at}
    emit("agent.session.turn.content_part.added", part={"type": "output_text", "text": ""}, **part)
    for piece in split_text(text):
        emit("agent.session.turn.output_text.delta", delta=piece, **part)
    emit("agent.session.turn.output_text.done", text=text, **part)
    emit("agent.session.turn.content_part.done", part={"type": "output_text", "text": text}, **part)
    done = {**message, "status": "completed", "content": [{"type": "output_text", "text": text}]}
    emit("agent.session.turn.item.done", item=done, **at)
    finished = {**turn, "status": "completed", "started_at": now, "completed_at": int(time.time())}
    emit("agent.session.turn.completed", turn=finished, **ids)


def _stored_session(context: Context) -> dict[str, Any]:
    session_id = context.path_params.get("session_id", "")
    stored = context.state.store("beta.agents.sessions").get(session_id)
    if stored is not None:
        return dict(to_json(stored))
    return {**_default("openai.types.beta.agent_session:AgentSession"), "id": session_id}


def _default(ref: str) -> dict[str, Any]:
    return build(resolve_ref(ref))
