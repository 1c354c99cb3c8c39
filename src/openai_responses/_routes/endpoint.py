"""The shape of one row of the route table (see ``table.py``, generated)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Kind = Literal["create", "list", "retrieve", "update", "delete", "action", "content"]
PageKind = Literal["page", "cursor", "conversation_cursor", "next_cursor", "token"]
StreamMode = Literal["optional", "always"]


@dataclass(frozen=True)
class Endpoint:
    """One HTTP route of the OpenAI API, described as the installed SDK calls it.

    ``response``, ``params``, ``stream_event`` and ``item`` are import references
    (``"module:QualName"``) resolved lazily, so that importing the table costs no SDK import.
    """

    #: SDK attribute path of the method, e.g. ``"chat.completions.create"``
    sdk_path: str
    #: HTTP verb (``GET``, ``POST`` or ``DELETE``)
    method: str
    #: path template below the API base, e.g. ``"/threads/{thread_id}/runs"``; may end in ``?beta=true``
    path: str
    #: what the handler does by default
    kind: Kind
    #: the state store the route acts on (``"beta.threads.messages"``); ``None`` if it keeps no state
    resource: str | None
    #: the response model (``cast_to``), or for lists the page's item model; ``None`` for no body
    response: str | None
    #: alternatives when the SDK declares a union (``Transcription | TranscriptionVerbose | str``)
    response_alternatives: tuple[str, ...] = ()
    #: the page type for paginated routes
    page: PageKind | None = None
    #: the ``*Params`` TypedDict describing the request body (or query), for validation
    params: str | None = None
    #: ``stream=True`` switches the answer to SSE (``optional``), or the route always streams
    stream: StreamMode | None = None
    #: the event model of an SSE stream
    stream_event: str | None = None
    #: whether the route answers raw bytes
    binary: bool = False
    #: ``json``, ``multipart``, ``none``, ``multipart|json``, ``raw|multipart``
    request_body: str = "json"
    #: names of the query parameters the SDK sends
    query_params: tuple[str, ...] = ()
    #: other SDK methods that hit this same route (``files.retrieve_content``)
    aliases: tuple[str, ...] = field(default=())
