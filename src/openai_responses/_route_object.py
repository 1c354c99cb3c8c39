"""Route objects at the SDK's own attribute paths: ``openai_mock.chat.completions.create``."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Generic, TypeAlias

import httpx
import respx
from typing_extensions import TypeVar

from ._request import RecordedRequest
from ._routes.endpoint import Endpoint
from ._settings import Script, Single, check_setting

if TYPE_CHECKING:
    import httpx2

    from ._mock import OpenAIMock

#: the SDK model a route answers (``ChatCompletion``)
ModelT = TypeVar("ModelT", default=Any)
#: the partial of that model (``openai_responses.partials.PartialChatCompletion``)
PartialT = TypeVar("PartialT", default=Mapping[str, Any])

#: one answer: a partial, the SDK model, a raw response, or a function returning a response
Setting: TypeAlias = "PartialT | ModelT | httpx.Response | httpx2.Response | Callable[..., Any]"

#: SDK helpers that are not endpoints, by method name: the route they send their requests to
HELPER_TARGETS = {
    "parse": "create",
    "stream": "create",
    "create_and_poll": "create",
    "create_and_stream": "create",
    "create_and_run_poll": "create_and_run",
    "create_and_run_stream": "create_and_run",
    "submit_tool_outputs_and_poll": "submit_tool_outputs",
    "submit_tool_outputs_stream": "submit_tool_outputs",
    "upload_and_poll": "create",
    "upload": "create",
    "poll": "retrieve",
    "wait_for_processing": "retrieve",
    "upload_file_chunked": "create",
    "connect": "",
    # by full path where one resource's helper differs: it retrieves the session, follows its events
    # and submits the input through events.create
    "beta.agents.sessions.stream": "events.stream",
}


class RouteObject(Generic[ModelT, PartialT]):
    """One endpoint of the mocked API.

    ``response`` says what the endpoint answers; ``calls`` and ``requests`` say what it was asked.
    Type checkers see each route with its own model and partial (``_route_tree.py``), so a partial
    set on ``response`` is checked key by key.
    """

    def __init__(self, mock: OpenAIMock, endpoint: Endpoint) -> None:
        self._mock = mock
        self.endpoint = endpoint
        self._setting: Single | Script | None = None
        self._raw_setting: Any = None
        #: the ``respx.Route`` behind this endpoint: its ``calls`` are this endpoint's calls
        self.route = respx.Route(method=endpoint.method)
        self.route._name = endpoint.sdk_path  # respx sets names only through a router; we dispatch ourselves
        #: one entry per call, in order: the parsed body, path parameters, query, headers, raw request
        self.requests: list[RecordedRequest] = []

    def __repr__(self) -> str:
        return f"<Route {self.endpoint.sdk_path}: {self.endpoint.method} {self.endpoint.path}>"

    @property
    def response(self) -> Setting[ModelT, PartialT] | Sequence[Setting[ModelT, PartialT]] | None:
        """What the endpoint answers: unset (``None``) means the generated default."""
        return self._raw_setting  # type: ignore[no-any-return]

    @response.setter
    def response(self, value: Setting[ModelT, PartialT] | Sequence[Setting[ModelT, PartialT]] | None) -> None:
        self._setting = check_setting(value, self.endpoint)
        self._raw_setting = value

    @response.deleter
    def response(self) -> None:
        self._setting = None
        self._raw_setting = None

    @property
    def calls(self) -> respx.models.CallList:
        """respx's call list for this endpoint: ``call_count``, ``last.request``, ``assert_called_once()``."""
        return self.route.calls

    def _take_setting(self) -> Single | None:
        setting = self._setting
        if isinstance(setting, Script):
            return setting.take(self.endpoint.sdk_path)
        return setting


class Namespace:
    """An inner node of the SDK tree (``openai_mock.beta.threads``): attributes lead to routes."""

    def __init__(self, mock: OpenAIMock, path: str) -> None:
        self._mock = mock
        self._path = path

    def __repr__(self) -> str:
        return f"<openai_mock.{self._path}>"

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return self._mock._node(f"{self._path}.{name}")

    def __dir__(self) -> list[str]:
        return self._mock._children(self._path)
