"""Server-sent events: one encoder, event streams for responses, and converters that turn a
finished object (a chat completion, a completion) into the events the API streams for it.

``EventStream`` / ``AsyncEventStream`` are for users who write their own stream::

    class Chunks(EventStream[ChatCompletionChunk]):
        def generate(self) -> Iterator[ChatCompletionChunk]:
            yield ChatCompletionChunk(...)

    openai_mock.chat.completions.create.response = Response(200, content=Chunks())
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar

import httpx

if TYPE_CHECKING:
    from ._engine import Context

__all__ = [
    "AsyncEventStream",
    "EventStream",
    "chat_completion_chunks",
    "completion_chunks",
    "encode_event",
    "response_events",
    "run_events",
    "split_text",
]

T = TypeVar("T")
DoneMarker = Literal["data", "event"] | None

DONE_DATA = b"data: [DONE]\n\n"
DONE_EVENT = b"event: done\ndata: [DONE]\n\n"


def _json(value: Any) -> str:
    if hasattr(value, "model_dump"):
        value = value.model_dump(mode="json", by_alias=True, exclude_unset=True, warnings=False)
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def encode_event(event: Any) -> bytes:
    """One SSE event, ending with the blank line the SDK needs to dispatch it.

    Assistants events (``{"event": ..., "data": ...}``) are sent as ``event:`` + ``data:``; events
    with a ``type`` (Responses API) get an ``event:`` line naming it; anything else is ``data:`` only.
    """
    fields = event if isinstance(event, Mapping) else None
    name = fields.get("event") if fields is not None else getattr(event, "event", None)
    data = fields.get("data") if fields is not None else getattr(event, "data", None)
    if isinstance(name, str) and data is not None:
        return f"event: {name}\ndata: {_json(data)}\n\n".encode()
    kind = fields.get("type") if fields is not None else getattr(event, "type", None)
    if isinstance(kind, str) and "." in kind:
        return f"event: {kind}\ndata: {_json(event)}\n\n".encode()
    return f"data: {_json(event)}\n\n".encode()


def _done_for(first: Any) -> DoneMarker:
    fields = first if isinstance(first, Mapping) else None
    obj = fields.get("object") if fields is not None else getattr(first, "object", None)
    if obj in ("chat.completion.chunk", "text_completion"):
        return "data"
    name = fields.get("event") if fields is not None else getattr(first, "event", None)
    if isinstance(name, str) and name.startswith("thread."):
        return "event"
    return None


class EventStream(Generic[T]):
    """A synchronous SSE body: override :meth:`generate`, or pass the events to the constructor.

    ``done`` is the end marker: ``"data"`` (``data: [DONE]``, chat and completions), ``"event"``
    (``event: done``, Assistants) or ``None`` (Responses API); by default it is chosen from the
    first event.
    """

    def __init__(
        self, events: Iterable[T] | None = None, *, done: DoneMarker | Literal["auto"] = "auto"
    ) -> None:
        self._events = events
        self._done = done

    def generate(self) -> Iterator[T]:
        """The events, in order."""
        if self._events is None:
            raise NotImplementedError("override generate() or pass the events to EventStream(...)")
        yield from self._events

    def __iter__(self) -> Iterator[bytes]:
        done = self._done
        first = True
        for event in self.generate():
            if first and done == "auto":
                done = _done_for(event)
            first = False
            yield encode_event(event)
        if done == "data":
            yield DONE_DATA
        elif done == "event":
            yield DONE_EVENT


class AsyncEventStream(Generic[T]):
    """The asynchronous twin of :class:`EventStream`: override :meth:`agenerate`."""

    def __init__(
        self, events: Iterable[T] | None = None, *, done: DoneMarker | Literal["auto"] = "auto"
    ) -> None:
        self._events = events
        self._done = done

    async def agenerate(self) -> AsyncIterator[T]:
        """The events, in order."""
        if self._events is None:
            raise NotImplementedError("override agenerate() or pass the events to AsyncEventStream(...)")
        for event in self._events:
            yield event

    async def __aiter__(self) -> AsyncIterator[bytes]:
        done = self._done
        first = True
        async for event in self.agenerate():
            if first and done == "auto":
                done = _done_for(event)
            first = False
            yield encode_event(event)
        if done == "data":
            yield DONE_DATA
        elif done == "event":
            yield DONE_EVENT


# -- converters: a finished object → its events -------------------------------------------------


def split_text(text: str, pieces: int = 4) -> list[str]:
    """Split text into a few deltas at word boundaries; ``"".join`` gives the text back."""
    if not text:
        return []
    words = text.split(" ")
    size = max(1, -(-len(words) // pieces))
    deltas = []
    for start in range(0, len(words), size):
        chunk = " ".join(words[start : start + size])
        deltas.append(chunk if start == 0 else " " + chunk)
    return deltas


def chat_completion_chunks(
    completion: Mapping[str, Any], *, include_usage: bool = False
) -> list[dict[str, Any]]:
    """The ``chat.completion.chunk`` events that stream ``completion``; deltas join to its messages."""
    base = {
        "id": completion.get("id"),
        "object": "chat.completion.chunk",
        "created": completion.get("created"),
        "model": completion.get("model"),
    }
    for key in ("system_fingerprint", "service_tier"):
        if completion.get(key) is not None:
            base[key] = completion[key]
    chunks: list[dict[str, Any]] = []

    def chunk(index: int, delta: dict[str, Any], finish_reason: str | None = None) -> None:
        choice = {"index": index, "delta": delta, "finish_reason": finish_reason, "logprobs": None}
        chunks.append({**base, "choices": [choice]})

    for choice in completion.get("choices") or []:
        index = choice.get("index", 0)
        message = choice.get("message") or {}
        chunk(
            index,
            {"role": message.get("role", "assistant"), "content": "" if message.get("content") else None},
        )
        for piece in split_text(message.get("content") or ""):
            chunk(index, {"content": piece})
        if message.get("refusal"):
            chunk(index, {"refusal": message["refusal"]})
        for position, call in enumerate(message.get("tool_calls") or []):
            function = call.get("function") or {}
            chunk(
                index,
                {
                    "tool_calls": [
                        {
                            "index": position,
                            "id": call.get("id"),
                            "type": call.get("type", "function"),
                            "function": {"name": function.get("name"), "arguments": ""},
                        }
                    ]
                },
            )
            for piece in split_text(function.get("arguments") or "", 3):
                chunk(index, {"tool_calls": [{"index": position, "function": {"arguments": piece}}]})
        if message.get("function_call"):
            chunk(index, {"function_call": message["function_call"]})
        chunk(index, {}, choice.get("finish_reason") or "stop")
    if include_usage:
        chunks.append({**base, "choices": [], "usage": completion.get("usage")})
    return chunks


def completion_chunks(completion: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The ``text_completion`` events that stream a legacy completion."""
    base = {key: completion.get(key) for key in ("id", "object", "created", "model")}
    chunks = []
    for choice in completion.get("choices") or []:
        pieces = split_text(choice.get("text") or "") or [""]
        for position, piece in enumerate(pieces):
            last = position == len(pieces) - 1
            chunks.append(
                {
                    **base,
                    "choices": [
                        {
                            "index": choice.get("index", 0),
                            "text": piece,
                            "logprobs": None,
                            "finish_reason": choice.get("finish_reason") if last else None,
                        }
                    ],
                }
            )
    return chunks


def run_events(
    run: Any,
    *,
    steps: Sequence[Any] = (),
    messages: Sequence[Any] = (),
    thread: Any = None,
) -> list[dict[str, Any]]:
    """The Assistants events (``{"event": ..., "data": ...}``) that stream a settled run: the run's
    ``thread.run.*`` events, each step's ``thread.run.step.*`` events with the ``thread.message.*``
    events of the message it created (one of ``messages``), and ``thread.created`` first when
    ``thread`` is given. Objects are SDK models or dicts; ``EventStream`` adds ``event: done``."""
    from ._resources.beta.threads.runs.runs_stream import run_events as build

    return build(run, steps=steps, messages=messages, thread=thread)


def response_events(response: Any, *, queued: bool | None = None) -> list[dict[str, Any]]:
    """The Responses API events that stream ``response`` (a finished ``Response``, or its dict), from
    ``response.created`` to ``response.completed``; ``queued`` (default: its ``background`` flag)
    starts the way a background response's stream does. The deltas join to its output exactly."""
    from ._objects import to_json
    from ._resources.responses.events import response_events as events

    return events(to_json(response), queued=queued)


def sse_response(events: Iterable[Any], *, done: DoneMarker) -> httpx.Response:
    body = b"".join(encode_event(event) for event in events)
    if done == "data":
        body += DONE_DATA
    elif done == "event":
        body += DONE_EVENT
    return httpx.Response(200, headers=[("content-type", "text/event-stream; charset=utf-8")], content=body)


def stream_response(context: Context, obj: Any) -> httpx.Response:
    """Answer a ``stream=True`` request with the events of the object the JSON answer would be."""
    sdk_path = context.endpoint.sdk_path
    if sdk_path == "chat.completions.create":
        options = context.params.get("stream_options") or {}
        include_usage = bool(options.get("include_usage")) if isinstance(options, dict) else False
        return sse_response(chat_completion_chunks(obj, include_usage=include_usage), done="data")
    if sdk_path == "completions.create":
        return sse_response(completion_chunks(obj), done="data")
    from ._streams import events_for

    events, done = events_for(context, obj)
    return sse_response(events, done=done)
