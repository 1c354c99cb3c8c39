"""Request validation as the API does it: a missing required parameter or a value of the wrong JSON
type gets a 400 naming the parameter. Unknown fields and explicit ``null`` are accepted (frameworks
send both). Only the top level of the body is checked: deeper shapes are the SDK's business.
"""

from __future__ import annotations

import enum
import types
import typing
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from typing import Any, Literal, Union, get_args, get_origin

import typing_extensions

from ._wire import APIErrorAnswer

JSONKind = Literal["string", "integer", "number", "boolean", "array", "object", "null"]
ANY_KIND: frozenset[str] = frozenset({"string", "integer", "number", "boolean", "array", "object", "null"})

_ARTICLE = {
    "string": "a string",
    "integer": "an integer",
    "number": "a number",
    "boolean": "a boolean",
    "array": "an array",
    "object": "an object",
    "null": "null",
}


def kind_of(value: Any) -> str:
    """The JSON kind of a parsed JSON value."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return "object"  # multipart uploads and other parsed parts


def json_kinds(annotation: Any) -> frozenset[str]:
    """The JSON kinds a Python annotation admits (``Optional[str]`` → string, null)."""
    origin = get_origin(annotation)
    if origin in (typing.Annotated, typing_extensions.Annotated):
        return json_kinds(get_args(annotation)[0])
    if origin in (typing_extensions.Required, typing_extensions.NotRequired, typing_extensions.ReadOnly):
        return json_kinds(get_args(annotation)[0])
    if origin in (Union, types.UnionType):
        kinds: frozenset[str] = frozenset()
        for member in get_args(annotation):
            kinds |= json_kinds(member)
        return kinds
    if origin in (Literal, typing_extensions.Literal):
        kinds = frozenset()
        for value in get_args(annotation):
            kinds |= {kind_of(value.value if isinstance(value, enum.Enum) else value)}
        return kinds | ({"number"} if "integer" in kinds else frozenset())
    if annotation is type(None) or annotation is None:
        return frozenset({"null"})
    if annotation is bool:
        return frozenset({"boolean"})
    if annotation is int:
        return frozenset({"integer"})
    if annotation is float:
        return frozenset({"number", "integer"})
    if annotation is str:
        return frozenset({"string"})
    target = origin or annotation
    if isinstance(target, type):
        if issubclass(target, enum.Enum):
            return frozenset(kind_of(member.value) for member in target) | {"string"}
        if issubclass(target, str | bytes):
            return frozenset({"string"})
        if issubclass(target, Mapping) or typing_extensions.is_typeddict(target):
            return frozenset({"object"})
        if issubclass(target, Sequence | Iterable):
            return frozenset({"array"})
        if hasattr(target, "model_fields"):
            return frozenset({"object"})
    # FileTypes, object, Any, TypeVars, ...: anything goes
    return ANY_KIND


_REQUIRED: tuple[Any, ...] = (typing_extensions.Required, typing.Required)
_NOT_REQUIRED: tuple[Any, ...] = (typing_extensions.NotRequired, typing.NotRequired)


def _origin(annotation: Any) -> Any:
    return get_origin(annotation)


class ParamsSpec:
    """What one ``*Params`` TypedDict requires: the required keys and the kinds of every key."""

    def __init__(self, typed_dict: Any) -> None:
        members = [typed_dict]
        origin = get_origin(typed_dict)
        if origin in (Union, types.UnionType):
            # ``XParamsStreaming | XParamsNonStreaming``: the shared base says what is required
            members = list(get_args(typed_dict))
        required: set[str] | None = None
        kinds: dict[str, frozenset[str]] = {}
        for member in members:
            if not typing_extensions.is_typeddict(member):
                continue
            hints = typing_extensions.get_type_hints(member, include_extras=True)
            # The SDK's params are ``total=False`` with ``Required[...]`` in string annotations, which
            # ``__required_keys__`` misses: read ``Required`` from the resolved hints instead.
            total = getattr(member, "__total__", True)
            member_required = {
                key
                for key, annotation in hints.items()
                if _origin(annotation) in _REQUIRED or (total and _origin(annotation) not in _NOT_REQUIRED)
            }
            required = member_required if required is None else required & member_required
            for key, annotation in hints.items():
                kinds[key] = kinds.get(key, frozenset()) | json_kinds(annotation)
        self.required: tuple[str, ...] = tuple(sorted(required or ()))
        self.kinds = kinds

    def check(self, body: Mapping[str, Any], *, multipart: bool = False) -> None:
        """Raise the API's 400 for the first problem found.

        Multipart fields all arrive as text (``n=2`` is ``"2"``), so only their presence is checked.
        A raw body (``application/sdp`` for ``realtime.calls.create``) is the one field the SDK
        sends unwrapped: there are no named fields to check.
        """
        if "_raw" in body:
            return
        for key in self.required:
            if key not in body:
                raise APIErrorAnswer(
                    400, f"Missing required parameter: '{key}'.", param=key, code="missing_required_parameter"
                )
        if multipart:
            return
        for key, value in body.items():
            allowed = self.kinds.get(key)
            if allowed is None or value is None or allowed is ANY_KIND:
                continue
            actual = kind_of(value)
            if actual not in allowed:
                expected = " or ".join(_ARTICLE[k] for k in sorted(allowed - {"null"}) if k in _ARTICLE)
                raise APIErrorAnswer(
                    400,
                    f"Invalid type for '{key}': expected {expected}, but got {_ARTICLE[actual]} instead.",
                    param=key,
                    code="invalid_type",
                )


@cache
def params_spec(ref: str) -> ParamsSpec | None:
    from ._routes import resolve_ref

    try:
        spec = ParamsSpec(resolve_ref(ref))
    except (ImportError, AttributeError, TypeError, NameError):
        return None
    # The SDK's params name the parents of a route too (``MessageUpdateParams.thread_id``), but it
    # sends them in the path, never in the body: they are not body parameters to require.
    in_path = _path_params_of(ref)
    spec.required = tuple(key for key in spec.required if key not in in_path)
    return spec


def _path_params_of(ref: str) -> frozenset[str]:
    from ._routes import ROUTES
    from ._routes.matching import split_template

    names: set[str] = set()
    for endpoint in ROUTES:
        if endpoint.params == ref:
            names.update(split_template(endpoint.path)[1])
    return frozenset(names)
