"""Request validation as the API does it: a missing required parameter or a value of the wrong JSON
type gets a 400 naming the parameter. Unknown fields and explicit ``null`` are accepted (frameworks
send both). The top level is checked for kinds; nested objects for their required keys and, where
the SDK lists every allowed value, for the value (``role: "robot"``), so that no handler builds an
answer from a shape the API would have refused.
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

ARTICLE = {
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
        # before the Iterable check: a pydantic model iterates over its fields, yet is an object
        if (
            issubclass(target, Mapping)
            or typing_extensions.is_typeddict(target)
            or hasattr(target, "model_fields")
        ):
            return frozenset({"object"})
        if issubclass(target, Sequence | Iterable):
            return frozenset({"array"})
    # FileTypes, object, Any, TypeVars, ...: anything goes
    return ANY_KIND


_BOOLEAN = frozenset({"boolean"})
_REQUIRED: tuple[Any, ...] = (typing_extensions.Required, typing.Required)
_NOT_REQUIRED: tuple[Any, ...] = (typing_extensions.NotRequired, typing.NotRequired)


def _origin(annotation: Any) -> Any:
    return get_origin(annotation)


_SCALAR_KINDS = frozenset({"string", "integer", "number", "boolean", "null"})
_WRAPPERS: tuple[Any, ...] = (
    typing.Annotated,
    typing_extensions.Annotated,
    *_REQUIRED,
    *_NOT_REQUIRED,
    typing_extensions.ReadOnly,
)


def item_kinds(annotation: Any) -> frozenset[str] | None:
    """The kinds the items of an array or object of scalars may take (``metadata: Dict[str, str]``
    → string; ``include: List[Literal[...]]`` → string), or ``None`` when the annotation admits no
    such container, or containers of anything else (nested shapes are the SDK's business)."""
    while get_origin(annotation) in _WRAPPERS:
        annotation = get_args(annotation)[0]
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType):
        found: frozenset[str] | None = None
        for member in get_args(annotation):
            if json_kinds(member) & {"array", "object"}:
                kinds = item_kinds(member)
                if kinds is None:
                    return None  # one container member holds non-scalars: check none of them
                found = kinds if found is None else found | kinds
        return found
    args = get_args(annotation)
    if not isinstance(origin, type) or not args or issubclass(origin, tuple | str | bytes):
        return None
    if not json_kinds(annotation) <= {"array", "object"}:
        return None
    kinds = json_kinds(args[-1])  # the value type of a mapping, the item type of a sequence
    return kinds if kinds <= _SCALAR_KINDS else None


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
        contents: dict[str, frozenset[str]] = {}
        #: every key's annotations (one per params variant), for the nested checks
        self.annotations: dict[str, list[Any]] = {}
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
                self.annotations.setdefault(key, []).append(annotation)
                kinds[key] = kinds.get(key, frozenset()) | json_kinds(annotation)
                items = item_kinds(annotation)
                if items is not None:
                    contents[key] = contents.get(key, frozenset()) | items
        self.required: tuple[str, ...] = tuple(sorted(required or ()))
        self.kinds = kinds
        #: keys holding arrays or objects of scalars, and the kinds those scalars may take
        self.contents = contents

    def check(self, body: Mapping[str, Any], *, multipart: bool = False, streams: bool = False) -> None:
        """Raise the API's 400 for the first problem found.

        Multipart fields all arrive as text (``n=2`` is ``"2"``), so only their presence is checked.
        A raw body (``application/sdp`` for ``realtime.calls.create``) is the one field the SDK
        sends unwrapped: there are no named fields to check. ``streams``: the route takes
        ``stream``, which the SDK declares in the streaming variants of its params, not in the base
        this spec may have been read from.
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
            allowed = self.kinds.get(key) or (_BOOLEAN if streams and key == "stream" else None)
            if allowed is None or value is None or allowed is ANY_KIND:
                continue
            actual = kind_of(value)
            if actual not in allowed:
                raise _invalid_type(key, allowed, actual)
            contents = self.contents.get(key)
            if contents is not None and actual in ("array", "object"):
                items = value.items() if actual == "object" else enumerate(value)
                for name, item in items:
                    item_kind = kind_of(item)
                    if item_kind not in contents:
                        where = f"{key}.{name}" if actual == "object" else f"{key}[{name}]"
                        raise _invalid_type(where, contents, item_kind)
        # nested shapes only once every top-level value has the right kind, as the API reports them
        for key, value in body.items():
            problems = [check_shape(annotation, value, key) for annotation in self.annotations.get(key, ())]
            first = problems[0] if problems else None
            if first is not None and all(problem is not None for problem in problems):
                raise first  # no params variant admits the value


#: how deep nested checks go: the shapes handlers read sit near the top
_MAX_DEPTH = 4


def check_shape(annotation: Any, value: Any, where: str, depth: int = 0) -> APIErrorAnswer | None:
    """The API's 400 for a value that does not fit ``annotation``: a nested object lacking a required
    key, or a string outside the values a ``Literal`` lists. ``None`` when it fits (or when the
    annotation is too loose or too deep to say)."""
    while get_origin(annotation) in _WRAPPERS:
        annotation = get_args(annotation)[0]
    if value is None or depth > _MAX_DEPTH:
        return None
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType):
        problems = []
        for member in get_args(annotation):
            if kind_of(value) not in json_kinds(member):
                continue
            problem = check_shape(member, value, where, depth)
            if problem is None:
                return None
            problems.append(problem)
        return problems[0] if problems else None
    if origin in (Literal, typing_extensions.Literal):
        allowed = [a.value if isinstance(a, enum.Enum) else a for a in get_args(annotation)]
        if isinstance(value, str) and all(isinstance(a, str) for a in allowed) and value not in allowed:
            supported = ", ".join(f"'{a}'" for a in allowed)
            return APIErrorAnswer(
                400,
                f"Invalid value: '{value[:64]}'. Supported values are: {supported}.",
                param=where,
                code="invalid_value",
            )
        return None
    if isinstance(value, dict) and typing_extensions.is_typeddict(annotation):
        hints = _hints(annotation)
        total = getattr(annotation, "__total__", True)
        for key, hint in hints.items():
            required = _origin(hint) in _REQUIRED or (total and _origin(hint) not in _NOT_REQUIRED)
            # ``Required[Optional[...]]`` (a tool's ``strict``) is one the API defaults when left out
            if required and key not in value and "null" not in json_kinds(hint):
                return APIErrorAnswer(
                    400,
                    f"Missing required parameter: '{where}.{key}'.",
                    param=f"{where}.{key}",
                    code="missing_required_parameter",
                )
        for key, item in value.items():
            if key in hints:
                problem = check_shape(hints[key], item, f"{where}.{key}", depth + 1)
                if problem is not None:
                    return problem
        return None
    args = get_args(annotation)
    if isinstance(value, list) and isinstance(origin, type) and args and issubclass(origin, Iterable):
        if issubclass(origin, Mapping | str | bytes | tuple):
            return None
        for position, item in enumerate(value[:64]):
            problem = check_shape(args[0], item, f"{where}[{position}]", depth + 1)
            if problem is not None:
                return problem
    return None


@cache
def _hints(typed_dict: Any) -> dict[str, Any]:
    try:
        return typing_extensions.get_type_hints(typed_dict, include_extras=True)
    except (NameError, TypeError):
        return {}


def _invalid_type(param: str, allowed: frozenset[str], actual: str) -> APIErrorAnswer:
    expected = " or ".join(ARTICLE[k] for k in sorted(allowed - {"null"}) if k in ARTICLE) or "null"
    return APIErrorAnswer(
        400,
        f"Invalid type for '{param}': expected {expected}, but got {ARTICLE[actual]} instead.",
        param=param,
        code="invalid_type",
    )


def check_range(params: Mapping[str, Any], key: str, minimum: int, maximum: int) -> int | None:
    """The integer ``params[key]`` (``None`` when absent or not an integer), or the API's 400 when
    it is out of range. Handlers that build one item per unit (``n`` choices) call it, so a huge
    value is an error, as in the API, and not a mock answering millions of items."""
    value = params.get(key)
    if not isinstance(value, int) or isinstance(value, bool):
        return None
    if value < minimum:
        raise APIErrorAnswer(
            400,
            f"Invalid '{key}': integer below minimum value. Expected a value >= {minimum}, "
            f"but got {value} instead.",
            param=key,
            code="integer_below_min_value",
        )
    if value > maximum:
        raise APIErrorAnswer(
            400,
            f"Invalid '{key}': integer above maximum value. Expected a value <= {maximum}, "
            f"but got {value} instead.",
            param=key,
            code="integer_above_max_value",
        )
    return value


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
