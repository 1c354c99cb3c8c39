"""Building answer objects: generated defaults < values from the request < the user's partial."""

from __future__ import annotations

from functools import cache
from typing import Any

from ._merge import merge
from ._validation import json_kinds, kind_of

# fields a request never sets on the object it creates, even when the names match
_NOT_COPIED = frozenset({"id", "object", "created", "created_at", "status", "stream", "type"})
_SCALARS = frozenset({"string", "integer", "number", "boolean"})


def to_json(obj: Any) -> Any:
    """A stored object (SDK model or dict) as JSON-ready data."""
    if isinstance(obj, dict):
        return obj
    dump = getattr(obj, "model_dump", None)
    if dump is None:
        return obj
    return dump(mode="json", by_alias=True, exclude_unset=True, warnings=False)


def to_model(model: Any, data: Any) -> Any:
    """JSON data as the SDK model, built the lenient way the SDK itself builds responses."""
    if model is None or not isinstance(data, dict):
        return data
    from openai._models import construct_type

    return construct_type(value=data, type_=model)


@cache
def copyable_fields(model: Any) -> dict[str, frozenset[str]]:
    """The model's fields a request value may fill, with the JSON kinds each accepts.

    Scalars are copied when the kinds agree; containers only when they hold scalars (``metadata``,
    a list of ids): request shapes of nested objects differ from response shapes too often.
    """
    fields = getattr(model, "model_fields", None) or {}
    copyable: dict[str, frozenset[str]] = {}
    for name, info in fields.items():
        if name in _NOT_COPIED:
            continue
        key = info.alias or name
        kinds = json_kinds(info.annotation)
        holds_scalars = _holds_scalars(info.annotation)
        if kinds & _SCALARS or holds_scalars:
            # ``response_format: "auto" | ResponseFormatText | ...`` takes the string, not an object
            copyable[key] = kinds if holds_scalars else kinds - {"array", "object"}
    return copyable


def _holds_scalars(annotation: Any) -> bool:
    from typing import Union, get_args, get_origin

    origin = get_origin(annotation)
    if origin is Union or str(origin) == "<class 'types.UnionType'>":
        return any(_holds_scalars(arg) for arg in get_args(annotation) if arg is not type(None))
    if origin in (dict, list):
        args = get_args(annotation)
        return bool(args) and json_kinds(args[-1]) <= (_SCALARS | {"null"})
    return False


def copy_request_fields(obj: dict[str, Any], params: dict[str, Any], model: Any) -> dict[str, Any]:
    """Copy request values into the object where the model has a field of that name and kind."""
    if not params or model is None:
        return obj
    copyable = copyable_fields(model)
    for key, value in params.items():
        kinds = copyable.get(key)
        if kinds is None or value is None:
            continue
        kind = kind_of(value)
        if kind in kinds and (kind in _SCALARS or _container_of_scalars(value)) and admits(model, key, value):
            obj[key] = value
    return obj


def _container_of_scalars(value: Any) -> bool:
    items = value.values() if isinstance(value, dict) else value
    return all(kind_of(item) in _SCALARS for item in items)


def admits(model: Any, key: str, value: Any) -> bool:
    """Whether the model's field ``key`` takes ``value``, literals included: a request's
    ``service_tier: ""`` or ``response_format: ""`` must not end up in an answer whose model admits
    only known values there."""
    annotation = _annotations(model).get(key)
    return annotation is None or _admits(annotation, value)


@cache
def _annotations(model: Any) -> dict[str, Any]:
    fields = getattr(model, "model_fields", None) or {}
    return {info.alias or name: info.annotation for name, info in fields.items()}


def _admits(annotation: Any, value: Any) -> bool:
    import types
    from typing import Annotated, Literal, Union, get_args, get_origin

    origin = get_origin(annotation)
    args = get_args(annotation)
    if origin is Annotated:
        return _admits(args[0], value)
    if origin is Literal:
        return not isinstance(value, dict | list) and value in args
    if origin in (Union, types.UnionType):
        return any(_admits(member, value) for member in args)
    if origin is list and args:
        return isinstance(value, list) and all(_admits(args[0], item) for item in value)
    return kind_of(value) in json_kinds(annotation)


def build(
    model_class: Any, params: dict[str, Any] | None = None, partial: Any = None, /, **fixed: Any
) -> dict[str, Any]:
    """A new object: the model's default, request values copied, ``fixed`` values, then the partial."""
    from ._defaults import default_for

    obj = default_for(model_class) if model_class is not None else {}
    if not isinstance(obj, dict):
        obj = {}
    if params:
        copy_request_fields(obj, params, model_class)
    obj.update(fixed)
    if partial:
        obj = merge(obj, partial)
    return obj


@cache
def _literal_fields(model: Any) -> dict[str, frozenset[Any]]:
    """The model's fields typed as literals (``object: Literal["organization.certificate"]``)."""
    from typing import Literal, get_args, get_origin

    fields = getattr(model, "model_fields", None) or {}
    found: dict[str, frozenset[Any]] = {}
    for name, info in fields.items():
        if get_origin(info.annotation) is Literal:
            found[info.alias or name] = frozenset(get_args(info.annotation))
    return found


def conform(model: Any, data: Any) -> Any:
    """A stored object in the shape another model of the same object has.

    Some routes answer an object in a shape of their own: ``admin.organization.certificates.list``
    lists ``organization.certificate`` items with an ``active`` flag, while retrieve answers a
    ``certificate``. Fields the shape requires are filled from its default, and literals it does
    not admit take its own value; everything the object has stays.
    """
    if not isinstance(data, dict) or not getattr(model, "model_fields", None):
        return data
    from ._defaults import default_for

    default = default_for(model)
    out = dict(data)
    literals = _literal_fields(model)
    for key, value in default.items():
        if key not in out or (key in literals and out[key] not in literals[key]):
            out[key] = value
    return out
