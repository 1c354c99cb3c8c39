"""Event sequences of the SSE families other than chat and completions, built from the finished
object that the JSON answer would carry (so a partial shapes the stream too)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from .streaming import DoneMarker, split_text

if TYPE_CHECKING:
    from ._engine import Context


#: SDK method path → ``"module:function"`` (under ``openai_responses``) giving the event sequence
#: of that endpoint's stream, for families with a module of their own; imported on first use.
#: The function takes ``(context, obj)`` and returns ``(events, done_marker)``.
FAMILIES: dict[str, str] = {
    "beta.agents.sessions.create": "_resources.beta.agents.sessions:session_events",
    "beta.agents.sessions.events.stream": "_resources.beta.agents.sessions:session_events",
    # Assistants runs
    "beta.threads.runs.create": "_resources.beta.threads.runs.runs_stream:events",
    "beta.threads.runs.submit_tool_outputs": "_resources.beta.threads.runs.runs_stream:events",
    "beta.threads.create_and_run": "_resources.beta.threads.runs.runs_stream:events",
    "responses.create": "_resources.responses.events:stream_events",
    "responses.retrieve": "_resources.responses.events:stream_events",
    "beta.responses.create": "_resources.responses.events:stream_events",
    "beta.responses.retrieve": "_resources.responses.events:stream_events",
}


def events_for(context: Context, obj: Any) -> tuple[list[Any], DoneMarker]:
    sdk_path = context.endpoint.sdk_path
    target = FAMILIES.get(sdk_path)
    if target is not None:
        import importlib

        module_name, _, function = target.partition(":")
        family = getattr(importlib.import_module(f"openai_responses.{module_name}"), function)
        result: tuple[list[Any], DoneMarker] = family(context, obj)
        return result
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
