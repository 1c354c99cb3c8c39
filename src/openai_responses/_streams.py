"""Event sequences of the SSE families other than chat and completions, built from the finished
object that the JSON answer would carry (so a partial shapes the stream too)."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from .streaming import DoneMarker, split_text

if TYPE_CHECKING:
    from ._engine import Context


#: SDK method path → ``"module:function"`` (under ``openai_responses``) giving the event sequence
#: of that endpoint's stream, for families with a module of their own; imported on first use.
#: The function takes ``(context, obj)`` and returns ``(events, done_marker)``.
FAMILIES: dict[str, str] = {}


def events_for(context: Context, obj: Any) -> tuple[list[Any], DoneMarker]:
    sdk_path = context.endpoint.sdk_path
    target = FAMILIES.get(sdk_path)
    if target is not None:
        import importlib

        module_name, _, function = target.partition(":")
        family = getattr(importlib.import_module(f"openai_responses.{module_name}"), function)
        result: tuple[list[Any], DoneMarker] = family(context, obj)
        return result
    if sdk_path.endswith("responses.create") or sdk_path.endswith("responses.retrieve"):
        events = response_events(obj)
        after = context.query.get("starting_after")
        if after is not None and after.isdecimal():  # ``isdigit`` admits ``²``, which int() refuses
            events = [event for event in events if event["sequence_number"] > int(after)]
        return events, None
    if sdk_path in ("images.generate", "images.edit"):
        prefix = "image_generation" if sdk_path == "images.generate" else "image_edit"
        events = []
        for image in obj.get("data") or [{}]:
            events.append(
                {
                    "type": f"{prefix}.completed",
                    "b64_json": image.get("b64_json") or "",
                    "created_at": obj.get("created", 0),
                    "size": "1024x1024",
                    "quality": "medium",
                    "background": "opaque",
                    "output_format": "png",
                    "usage": {
                        "input_tokens": 0,
                        "output_tokens": 0,
                        "total_tokens": 0,
                        "input_tokens_details": {"image_tokens": 0, "text_tokens": 0},
                    },
                }
            )
        return events, None
    if sdk_path == "audio.transcriptions.create":
        text = obj.get("text", "") if isinstance(obj, Mapping) else ""
        events = [{"type": "transcript.text.delta", "delta": piece} for piece in split_text(text)]
        events.append({"type": "transcript.text.done", "text": text})
        return events, None
    return [obj], None


def response_events(response: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The Responses API event sequence for a finished response, numbered from 0."""
    events: list[dict[str, Any]] = []

    def emit(kind: str, **fields: Any) -> None:
        events.append({"type": kind, "sequence_number": len(events), **fields})

    started = copy.deepcopy(dict(response))
    started["status"] = "in_progress"
    started["output"] = []
    emit("response.created", response=started)
    emit("response.in_progress", response=started)
    for output_index, item in enumerate(response.get("output") or []):
        item_id = item.get("id")
        if item.get("type") == "message":
            emit(
                "response.output_item.added",
                output_index=output_index,
                item={**item, "status": "in_progress", "content": []},
            )
            for content_index, part in enumerate(item.get("content") or []):
                if part.get("type") != "output_text":
                    for stage in ("added", "done"):
                        emit(
                            f"response.content_part.{stage}",
                            item_id=item_id,
                            output_index=output_index,
                            content_index=content_index,
                            part=part,
                        )
                    continue
                emit(
                    "response.content_part.added",
                    item_id=item_id,
                    output_index=output_index,
                    content_index=content_index,
                    part={**part, "text": "", "annotations": []},
                )
                for piece in split_text(part.get("text") or ""):
                    emit(
                        "response.output_text.delta",
                        item_id=item_id,
                        output_index=output_index,
                        content_index=content_index,
                        delta=piece,
                        logprobs=[],
                    )
                emit(
                    "response.output_text.done",
                    item_id=item_id,
                    output_index=output_index,
                    content_index=content_index,
                    text=part.get("text") or "",
                    logprobs=[],
                )
                emit(
                    "response.content_part.done",
                    item_id=item_id,
                    output_index=output_index,
                    content_index=content_index,
                    part=part,
                )
        elif item.get("type") == "function_call":
            emit(
                "response.output_item.added",
                output_index=output_index,
                item={**item, "status": "in_progress", "arguments": ""},
            )
            for piece in split_text(item.get("arguments") or "", 3):
                emit(
                    "response.function_call_arguments.delta",
                    item_id=item_id,
                    output_index=output_index,
                    delta=piece,
                )
            emit(
                "response.function_call_arguments.done",
                item_id=item_id,
                output_index=output_index,
                arguments=item.get("arguments") or "",
                name=item.get("name"),
            )
        else:
            emit("response.output_item.added", output_index=output_index, item=item)
        emit("response.output_item.done", output_index=output_index, item=item)
    status = response.get("status") or "completed"
    final = {
        "completed": "response.completed",
        "failed": "response.failed",
        "incomplete": "response.incomplete",
    }.get(status, "response.completed")
    emit(final, response=dict(response))
    return events
