"""What a user may set on ``route.response``, checked when it is set, and run when a call comes."""

from __future__ import annotations

import inspect
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import httpx

from .errors import MockConfigurationError, ScriptExhaustedError

if TYPE_CHECKING:
    from ._routes.endpoint import Endpoint

INJECTABLE = ("request", "route", "state_store", "state")

ACCEPTED_SINGLE = (
    "a partial (a dict of the response's fields), an SDK model, an httpx.Response, "
    "or a function returning an httpx.Response"
)
ACCEPTED = (
    ACCEPTED_SINGLE.replace(", or a function", ", a function")
    + ", or a list of these (answered one per call)"
)


def is_httpx2_response(value: Any) -> bool:
    return type(value).__module__.startswith("httpx2") and type(value).__name__ == "Response"


def is_sdk_model(value: Any) -> bool:
    return hasattr(type(value), "model_fields") and hasattr(value, "model_dump")


@dataclass(frozen=True)
class FunctionPlan:
    """How to call a user function: which arguments, by name, and whether it takes ``**kwargs``."""

    function: Callable[..., Any]
    #: the first positional parameter has a name of its own (``req``): it gets the request by position
    request_by_position: bool
    wants: tuple[str, ...]
    var_keyword: bool

    def call(self, request: httpx.Request, route: Any, state: Any, path_params: Mapping[str, str]) -> Any:
        values: dict[str, Any] = {"request": request, "route": route, "state_store": state, "state": state}
        kwargs = {name: path_params[name] if name in path_params else values[name] for name in self.wants}
        if self.var_keyword:
            for name, value in path_params.items():
                kwargs.setdefault(name, value)
        if self.request_by_position:
            return self.function(request, **kwargs)
        return self.function(**kwargs)


def plan_function(function: Callable[..., Any], endpoint: Endpoint) -> FunctionPlan:
    """Read the function's signature once; fail now if it asks for what no call can give."""
    from ._routes.matching import split_template

    _, path_names = split_template(endpoint.path)
    try:
        signature = inspect.signature(function)
    except (TypeError, ValueError) as error:
        raise MockConfigurationError(f"cannot read the signature of {function!r}: {error}") from error
    available = set(INJECTABLE) | set(path_names)
    wants: list[str] = []
    request_by_position = False
    var_keyword = False
    for position, parameter in enumerate(signature.parameters.values()):
        if parameter.kind is inspect.Parameter.VAR_KEYWORD:
            var_keyword = True
        elif parameter.kind is inspect.Parameter.VAR_POSITIONAL:
            continue
        elif parameter.name in available and parameter.kind is not inspect.Parameter.POSITIONAL_ONLY:
            wants.append(parameter.name)
        elif position == 0 and parameter.kind is not inspect.Parameter.KEYWORD_ONLY:
            request_by_position = True
        elif parameter.default is inspect.Parameter.empty:
            offered = ", ".join(sorted(available))
            raise MockConfigurationError(
                f"the response function {getattr(function, '__qualname__', function)!r} for "
                f"{endpoint.sdk_path} asks for a parameter {parameter.name!r} that the mock cannot provide. "
                f"It can pass: {offered}. Rename the parameter, give it a default, or remove it."
            )
    return FunctionPlan(function, request_by_position, tuple(wants), var_keyword)


@dataclass(frozen=True)
class Single:
    """One setting: a partial, a model, an httpx.Response or a function."""

    value: Any
    plan: FunctionPlan | None = None


class Script:
    """A list of settings answered one per call, in order."""

    def __init__(self, items: Sequence[Single]) -> None:
        self.items = list(items)
        self._next = 0
        self._lock = threading.Lock()

    def take(self, sdk_path: str) -> Single:
        with self._lock:
            if self._next >= len(self.items):
                raise ScriptExhaustedError(
                    f"{sdk_path} was called {self._next + 1} times but its response list scripts "
                    f"{len(self.items)} calls. Add entries to the list, or set a single response to answer "
                    "every call alike."
                )
            item = self.items[self._next]
            self._next += 1
            return item


def check_setting(value: Any, endpoint: Endpoint) -> Single | Script | None:
    """Validate a value set on ``route.response`` and prepare it."""
    if value is None:
        return None
    if isinstance(value, list | tuple):
        items = []
        for position, item in enumerate(value):
            if isinstance(item, list | tuple) or item is None:
                raise MockConfigurationError(
                    f"entry {position} of the response list for {endpoint.sdk_path} is {item!r}; "
                    f"each entry must be {ACCEPTED_SINGLE}."
                )
            single = check_setting(item, endpoint)
            assert isinstance(single, Single)
            items.append(single)
        return Script(items)
    if isinstance(value, httpx.Response) or is_httpx2_response(value):
        return Single(value)
    if isinstance(value, bytes | bytearray):
        if not endpoint.binary:
            raise MockConfigurationError(
                f"{endpoint.sdk_path} answers JSON, not bytes; set {ACCEPTED}, "
                "or an httpx.Response(200, content=...) to send raw bytes."
            )
        return Single(bytes(value))
    if isinstance(value, Mapping):
        _check_partial_keys(value, endpoint)
        return Single(dict(value))
    if is_sdk_model(value):
        return Single(value)
    if callable(value):
        return Single(value, plan_function(value, endpoint))
    raise MockConfigurationError(
        f"cannot set {type(value).__name__} {value!r} as the response of {endpoint.sdk_path}; set {ACCEPTED}."
    )


def _check_partial_keys(partial: Mapping[str, Any], endpoint: Endpoint) -> None:
    from ._routes import resolve_ref

    if endpoint.response is None or endpoint.binary:
        return
    if endpoint.page is not None:
        allowed = {"data", "has_more", "first_id", "last_id", "object", "next"}
    else:
        try:
            model = resolve_ref(endpoint.response)
        except (ImportError, AttributeError):
            return
        fields = getattr(model, "model_fields", None)
        if not fields:
            return
        allowed = set(fields) | {field.alias for field in fields.values() if field.alias}
    unknown = [key for key in partial if key not in allowed]
    if unknown:
        name = endpoint.response.rsplit(":", 1)[-1] if endpoint.page is None else "page"
        raise MockConfigurationError(
            f"the partial for {endpoint.sdk_path} has field(s) {', '.join(map(repr, unknown))} that {name} "
            f"does not have. Its fields are: {', '.join(sorted(allowed))}."
        )
