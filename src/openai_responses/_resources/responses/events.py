"""The Responses API event stream of a response, built from the finished response the JSON answer
would carry, so a partial or a model set on the route shapes the stream too.

The order follows the API (and what the SDK's accumulator, ``openai.lib.streaming.responses``,
checks): ``response.created`` (``response.queued`` for a background response),
``response.in_progress``; per output item ``response.output_item.added``, its content
(``response.content_part.added``, ``response.output_text.delta``..., annotations,
``response.output_text.done``, ``response.content_part.done``; refusals, function-call arguments
and reasoning summaries likewise), ``response.output_item.done``; then ``response.completed``
(``response.failed`` / ``response.incomplete``). ``sequence_number`` counts from 0, and the deltas
join to the final text exactly.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from ...streaming import DoneMarker, split_text

if TYPE_CHECKING:
    from ..._engine import Context

Emit = Callable[..., None]

#: the closing event of a stream, by the response's final status
FINAL_EVENTS = {
    "completed": "response.completed",
    "incomplete": "response.incomplete",
    "failed": "response.failed",
    "cancelled": "response.failed",
}


def response_events(response: Mapping[str, Any], *, queued: bool | None = None) -> list[dict[str, Any]]:
    """Every event that streams ``response``, numbered from 0.

    ``queued`` (default: the response's ``background`` flag) starts with the ``queued`` status and
    a ``response.queued`` event, as a background response's stream does.
    """
    events: list[dict[str, Any]] = []

    def emit(kind: str, **fields: Any) -> None:
        events.append({"type": kind, "sequence_number": len(events), **fields})

    if queued is None:
        queued = response.get("background") is True
    unfinished = {**response, "output": [], "usage": None, "completed_at": None, "error": None}
    first = {**unfinished, "status": "queued" if queued else "in_progress"}
    emit("response.created", response=first)
    if queued:
        emit("response.queued", response=first)
    emit("response.in_progress", response={**unfinished, "status": "in_progress"})
    for output_index, item in enumerate(response.get("output") or []):
        if isinstance(item, Mapping):
            _item_events(emit, output_index, item)
    status = response.get("status") or "completed"
    emit(FINAL_EVENTS.get(status, "response.completed"), response=dict(response))
    return events


def _item_events(emit: Emit, output_index: int, item: Mapping[str, Any]) -> None:
    kind = item.get("type")
    where = {"item_id": item.get("id") or "", "output_index": output_index}
    if kind == "message":
        emit(
            "response.output_item.added",
            output_index=output_index,
            item={**item, "status": "in_progress", "content": []},
        )
        for content_index, part in enumerate(item.get("content") or []):
            if isinstance(part, Mapping):
                _part_events(emit, {**where, "content_index": content_index}, part)
    elif kind == "function_call":
        arguments = item.get("arguments") or ""
        emit(
            "response.output_item.added",
            output_index=output_index,
            item={**item, "status": "in_progress", "arguments": ""},
        )
        for piece in split_text(arguments, 3):
            emit("response.function_call_arguments.delta", **where, delta=piece)
        emit("response.function_call_arguments.done", **where, arguments=arguments, name=item.get("name"))
    elif kind == "reasoning":
        summary = [part for part in item.get("summary") or [] if isinstance(part, Mapping)]
        emit("response.output_item.added", output_index=output_index, item={**item, "summary": []})
        for summary_index, part in enumerate(summary):
            text = part.get("text") or ""
            at = {**where, "summary_index": summary_index}
            emit("response.reasoning_summary_part.added", **at, part={"type": "summary_text", "text": ""})
            for piece in split_text(text):
                emit("response.reasoning_summary_text.delta", **at, delta=piece)
            emit("response.reasoning_summary_text.done", **at, text=text)
            emit("response.reasoning_summary_part.done", **at, part={"type": "summary_text", "text": text})
    else:
        emit("response.output_item.added", output_index=output_index, item=dict(item))
    emit("response.output_item.done", output_index=output_index, item=dict(item))


def _part_events(emit: Emit, where: dict[str, Any], part: Mapping[str, Any]) -> None:
    kind = part.get("type")
    if kind == "output_text":
        text = part.get("text") or ""
        emit(
            "response.content_part.added",
            **where,
            part={**part, "text": "", "annotations": [], "logprobs": []},
        )
        for piece in split_text(text):
            emit("response.output_text.delta", **where, delta=piece, logprobs=[])
        for annotation_index, annotation in enumerate(part.get("annotations") or []):
            emit(
                "response.output_text.annotation.added",
                **where,
                annotation_index=annotation_index,
                annotation=annotation,
            )
        emit("response.output_text.done", **where, text=text, logprobs=part.get("logprobs") or [])
    elif kind == "refusal":
        refusal = part.get("refusal") or ""
        emit("response.content_part.added", **where, part={**part, "refusal": ""})
        for piece in split_text(refusal):
            emit("response.refusal.delta", **where, delta=piece)
        emit("response.refusal.done", **where, refusal=refusal)
    else:
        emit("response.content_part.added", **where, part=dict(part))
    emit("response.content_part.done", **where, part=dict(part))


def stream_events(context: Context, obj: Any) -> tuple[list[Any], DoneMarker]:
    """``_streams.FAMILIES`` entry: the events of the answer, after ``starting_after`` when resuming."""
    events = response_events(obj)
    after = context.query.get("starting_after")
    # ``isdecimal``, not ``isdigit``: the latter admits ``²``, which ``int()`` refuses
    if after is not None and after.lstrip("-").isdecimal():
        events = [event for event in events if event["sequence_number"] > int(after)]
    return events, None
