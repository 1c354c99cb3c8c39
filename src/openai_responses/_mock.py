"""``OpenAIMock`` and the ``mock()`` decorator."""

from __future__ import annotations

import functools
import inspect
import threading
from collections.abc import Callable, Iterable
from types import TracebackType
from typing import TYPE_CHECKING, Any, TypeVar, cast

import httpx
import respx

from . import _engine, _transport
from ._lifecycle import Lifecycles
from ._route_object import HELPER_TARGETS, Namespace, RouteObject
from ._routes.endpoint import Endpoint
from ._routes.matching import route_index
from .errors import MockConfigurationError, UnmockedHostError, UnsupportedEndpointError
from .stores import StateStore

if TYPE_CHECKING:
    # the typed tree of route objects (generated); at run time ``__getattr__`` builds it lazily
    from ._route_tree import RouteTree
else:
    RouteTree = object

F = TypeVar("F", bound=Callable[..., Any])

__all__ = ["OpenAIMock", "mock"]


def _normalise(path: str) -> str:
    # ``beta.chat`` is the same resource as ``chat`` in the SDK (``client.beta.chat is client.chat``)
    return "chat" + path[len("beta.chat") :] if path == "beta.chat" or path.startswith("beta.chat.") else path


class OpenAIMock(RouteTree):
    """Answers every OpenAI API request made while it is active.

    Use it as ``@openai_responses.mock()``, the ``openai_mock`` pytest fixture, or a context manager
    (``with OpenAIMock() as openai_mock:`` / ``async with``). Route objects sit at the SDK's own
    attribute paths: ``openai_mock.chat.completions.create.response = {...}``.
    """

    def __init__(
        self,
        *,
        base_url: str | Iterable[str] | None = None,
        state: StateStore | None = None,
        pass_through: Iterable[str] = (),
    ) -> None:
        if state is not None and not isinstance(state, StateStore):
            raise MockConfigurationError(
                f"state= takes an openai_responses.StateStore, not {type(state).__name__}: pass "
                "StateStore() for an empty one, or the .state of another mock to share it"
            )
        bases = [base_url] if isinstance(base_url, str) else list(base_url or ())
        if isinstance(pass_through, str):
            pass_through = (pass_through,)
        self._bases = _engine.Bases(bases)
        self._pass_through = tuple(pass_through)
        self._routes: dict[Endpoint, RouteObject] = {}
        self._nodes: dict[str, Any] = {}
        self._lock = threading.Lock()
        #: the underlying respx router: add routes of your own (``router.post(url).mock(...)``)
        self.router = respx.MockRouter(assert_all_called=False, assert_all_mocked=True, using=None)
        #: the in-memory state of the mocked API
        self.state = state if state is not None else StateStore()
        #: the delays (seconds) the SDK's retry logic asked for, in order; nothing actually sleeps
        self.retry_delays: list[float] = []
        self._lifecycles = Lifecycles()
        self._active = False

    def __repr__(self) -> str:
        return f"<OpenAIMock {'active' if self._active else 'inactive'} routes_used={len(self._routes)}>"

    # -- activation -------------------------------------------------------------------------------

    def start(self) -> None:
        """Start intercepting (what ``with`` does)."""
        if self._active:
            raise MockConfigurationError("this OpenAIMock is already active; use a new one to nest mocks")
        _transport.patch_retry_sleep()
        _transport.activate(self)
        self._active = True

    def stop(self) -> None:
        """Stop intercepting."""
        _transport.deactivate(self)
        self._active = False

    def __enter__(self) -> OpenAIMock:
        self.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    async def __aenter__(self) -> OpenAIMock:
        return self.__enter__()

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.__exit__(exc_type, exc, tb)

    # -- the tree of route objects ----------------------------------------------------------------

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return self._node(name)

    def __dir__(self) -> list[str]:
        return sorted(set(super().__dir__()) | set(self._children("")))

    def _node(self, path: str) -> Any:
        path = _normalise(path)
        node = self._nodes.get(path)
        if node is not None:
            return node
        index = route_index()
        endpoint = index.by_sdk_path.get(path)
        if endpoint is not None:
            node = self._route_object(endpoint)
        elif path in index.namespaces:
            node = Namespace(self, path)
        elif HELPER_TARGETS.get(path, HELPER_TARGETS.get(path.rpartition(".")[2])) == "":
            raise UnsupportedEndpointError(_missing_attribute_message(path))
        else:
            raise AttributeError(_missing_attribute_message(path))
        self._nodes[path] = node
        return node

    def _children(self, path: str) -> list[str]:
        prefix = path + "." if path else ""
        return sorted(
            {p[len(prefix) :].split(".")[0] for p in route_index().by_sdk_path if p.startswith(prefix)}
        )

    def _route_object(self, endpoint: Endpoint) -> RouteObject:
        route = self._routes.get(endpoint)
        if route is None:
            with self._lock:
                route = self._routes.get(endpoint)
                if route is None:
                    route = RouteObject(self, endpoint)
                    self._routes[endpoint] = route
        return route

    # -- lifecycles -------------------------------------------------------------------------------

    def lifecycle(
        self,
        resource: str,
        *,
        polls: int = 0,
        end: str | None = None,
        error: dict[str, Any] | None = None,
    ) -> None:
        """Steer how a long-running resource progresses (``"batches"``, ``"beta.threads.runs"`` ...).

        ``polls``: how many retrieves it stays in its running state before it finishes; ``end``: the
        state it finishes in (default: its success state); ``error``: the error it carries when it
        ends in failure.
        """
        self._lifecycles.configure(_normalise(resource), polls=polls, end=end, error=error)

    # -- answering --------------------------------------------------------------------------------

    def _handle(self, request: httpx.Request) -> httpx.Response:
        found = self._find(request)
        if isinstance(found, httpx.Response):
            return found
        endpoint, path_params = found
        context, setting, problem = _engine.prepare(self, endpoint, request, path_params)
        if setting is not None and setting.plan is not None:
            result = setting.plan.call(request, context.route.route, self.state, path_params)
            if inspect.isawaitable(result):
                close = getattr(result, "close", None)
                if close is not None:
                    close()
                raise MockConfigurationError(
                    f"the response function for {endpoint.sdk_path} is async but the call is answered "
                    "synchronously (a sync client, or a line of a batch the mock runs); use a plain function."
                )
            response = _engine.function_result(result, endpoint)
        else:
            response = _engine.answer(context, setting, problem)
        self._record(request, response, context.route)
        return response

    async def _ahandle(self, request: httpx.Request) -> httpx.Response:
        found = self._find(request)
        if isinstance(found, httpx.Response):
            return found
        endpoint, path_params = found
        context, setting, problem = _engine.prepare(self, endpoint, request, path_params)
        if setting is not None and setting.plan is not None:
            result = setting.plan.call(request, context.route.route, self.state, path_params)
            if inspect.isawaitable(result):
                result = await result
            response = _engine.function_result(result, endpoint)
        else:
            response = _engine.answer(context, setting, problem)
        self._record(request, response, context.route)
        return response

    def _find(self, request: httpx.Request) -> tuple[Endpoint, dict[str, str]] | httpx.Response:
        if self.router.routes:
            for user_route in self.router.routes:
                prospect = user_route.match(request)
                if prospect is not None:
                    if prospect is request:
                        self.router.record(request, response=None, route=user_route)
                        raise _transport.PassThroughRequest()
                    response = cast(httpx.Response, prospect)
                    self.router.record(request, response=response, route=user_route)
                    return response
        found = _engine.match(self, request)
        if found is None:
            response = _engine.invalid_url(request)
            self.router.calls.record(request, response)
            return response
        if found == "foreign":
            if self._passes_through(request.url):
                raise _transport.PassThroughRequest()
            raise UnmockedHostError(
                f"openai_responses: the request {request.method} {request.url} goes to {request.url.host!r}, "
                "which the active OpenAI mock does not answer, and nothing reaches the network while a mock "
                "is active. To mock it, add a route: "
                f"openai_mock.router.route(host={request.url.host!r}).mock(...). "
                f"To mock it as the OpenAI API (a proxy or gateway), pass base_url='{request.url.scheme}://"
                f"{request.url.netloc.decode()}/v1'. To let it reach the network, pass "
                f"pass_through=[{request.url.host!r}]."
            )
        assert not isinstance(found, str)
        return found

    def _passes_through(self, url: httpx.URL) -> bool:
        text = str(url)
        for allowed in self._pass_through:
            if "://" in allowed:
                if text.startswith(allowed):
                    return True
            elif url.host == allowed or url.host.endswith("." + allowed.lstrip(".")):
                return True
        return False

    def _record(self, request: httpx.Request, response: httpx.Response, route: RouteObject) -> None:
        call = self.router.calls.record(request, response)
        route.route.calls.append(call)


def _missing_attribute_message(path: str) -> str:
    parent, _, name = path.rpartition(".")
    target = HELPER_TARGETS.get(path, HELPER_TARGETS.get(name))
    if target == "":
        return (
            f"{path} opens a websocket, which an HTTP mock cannot answer: the SDK's connect() methods use "
            "the websockets package directly. See the docs page 'Transports' for how to test them."
        )
    if target is not None:
        return (
            f"openai_mock.{path} is an SDK helper, not an endpoint: it sends its requests to "
            f"{parent}.{target}. Set openai_mock.{parent}.{target}.response instead."
        )
    return f"the OpenAI SDK has no endpoint {path!r} that openai_responses routes"


def mock(
    _misused: Any = None,
    /,
    *,
    base_url: str | Iterable[str] | None = None,
    state: StateStore | None = None,
    pass_through: Iterable[str] = (),
) -> Callable[[F], F]:
    """Decorate a test (sync or async) to run it with a fresh active :class:`OpenAIMock`.

    The mock is passed as ``openai_mock`` when the test names that parameter. Each call of the
    test (each parametrized case, each rerun) gets its own mock; they share nothing unless the same
    ``state=`` is passed.
    """
    if _misused is not None:
        # ``@openai_responses.mock`` without parentheses hands the test function over here
        name = getattr(_misused, "__name__", None)
        raise MockConfigurationError(
            f"openai_responses.mock() takes keyword arguments only, and got {_misused!r}. "
            + (
                f"To decorate {name}, write @openai_responses.mock() with parentheses."
                if callable(_misused)
                else "Pass base_url=, state= or pass_through= by name."
            )
        )

    def decorator(func: F) -> F:
        signature = inspect.signature(func)
        wants_mock = "openai_mock" in signature.parameters
        # Hide ``openai_mock`` from pytest: the decorator provides it, so the fixture of the same
        # name is not requested and exactly one mock is active.
        public_signature = signature.replace(
            parameters=[p for name, p in signature.parameters.items() if name != "openai_mock"]
        )

        def new_mock() -> OpenAIMock:
            return OpenAIMock(base_url=base_url, state=state, pass_through=pass_through)

        if inspect.iscoroutinefunction(func):

            @functools.wraps(func)
            async def async_wrapper(*args: Any, **kwargs: Any) -> Any:
                async with new_mock() as openai_mock:
                    if wants_mock:
                        kwargs["openai_mock"] = openai_mock
                    return await func(*args, **kwargs)

            wrapper: Callable[..., Any] = async_wrapper
        else:

            @functools.wraps(func)
            def sync_wrapper(*args: Any, **kwargs: Any) -> Any:
                with new_mock() as openai_mock:
                    if wants_mock:
                        kwargs["openai_mock"] = openai_mock
                    return func(*args, **kwargs)

            wrapper = sync_wrapper
        wrapper.__signature__ = public_signature  # type: ignore[attr-defined]
        wrapper.__openai_responses_mock__ = True  # type: ignore[attr-defined]
        return cast(F, wrapper)

    return decorator
