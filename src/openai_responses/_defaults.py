"""Minimal, valid response bodies generated from the SDK's own pydantic models.

Every mocked request needs a body the SDK will accept. Rather than hand-writing one per
endpoint, :func:`default_for` derives it from the model the SDK casts the response to, so
new SDK releases are covered without code changes.

Generating from type hints is slow (thousands of models, big unions), while requests must be
cheap. So each type is analysed once into a *template*: a JSON-ready skeleton plus the paths
that need a fresh id or timestamp. Each call then only copies the skeleton's containers and
fills those holes.
"""

from __future__ import annotations

import dataclasses
import datetime
import enum
import os
import re
import threading
import time
import types
import typing
from collections import abc
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, ForwardRef, TypeVar

import pydantic
import typing_extensions

__all__ = ["ID_PREFIXES", "default_for", "id_prefix_for", "new_id"]

#: id prefixes the real API uses, by SDK model class name. Keyed by bare class name (not module
#: path) so one entry covers the same object across the ``beta``/parsed/deleted variants and SDK
#: versions that move modules around. Models missing here fall back to their ``object`` literal.
ID_PREFIXES: dict[str, str] = {
    # chat completions
    "ChatCompletion": "chatcmpl-",
    "ParsedChatCompletion": "chatcmpl-",
    "ChatCompletionChunk": "chatcmpl-",
    "ChatCompletionDeleted": "chatcmpl-",
    "ChatCompletionStoreMessage": "chatcmpl-",
    "ChatCompletionMessageToolCall": "call_",
    "ChatCompletionMessageFunctionToolCall": "call_",
    "ChatCompletionMessageCustomToolCall": "call_",
    "ParsedFunctionToolCall": "call_",
    "ChatCompletionAudio": "audio_",
    "Completion": "cmpl-",
    # responses
    "Response": "resp_",
    "ParsedResponse": "resp_",
    "BetaResponse": "resp_",
    "CompactedResponse": "resp_",
    "ResponseOutputMessage": "msg_",
    "ParsedResponseOutputMessage": "msg_",
    "BetaResponseOutputMessage": "msg_",
    "ResponseInputMessageItem": "msg_",
    "ResponseFunctionToolCall": "fc_",
    "ResponseFunctionToolCallItem": "fc_",
    "ParsedResponseFunctionToolCall": "fc_",
    "ResponseReasoningItem": "rs_",
    "ResponseFileSearchToolCall": "fs_",
    "ResponseFunctionWebSearch": "ws_",
    "ResponseComputerToolCall": "cu_",
    "ResponseCodeInterpreterToolCall": "ci_",
    "ImageGenerationCall": "ig_",
    "McpCall": "mcp_",
    "McpListTools": "mcpl_",
    "McpApprovalRequest": "mcpr_",
    "Conversation": "conv_",
    "ConversationDeletedResource": "conv_",
    # files, uploads, vector stores
    "FileObject": "file-",
    "FileDeleted": "file-",
    "Upload": "upload_",
    "UploadPart": "part_",
    "VectorStore": "vs_",
    "VectorStoreDeleted": "vs_",
    "VectorStoreFile": "file-",
    "VectorStoreFileDeleted": "file-",
    "VectorStoreFileBatch": "vsfb_",
    "Batch": "batch_",
    # assistants
    "Assistant": "asst_",
    "AssistantDeleted": "asst_",
    "Thread": "thread_",
    "ThreadDeleted": "thread_",
    "Message": "msg_",
    "MessageDeleted": "msg_",
    "MessageDeltaEvent": "msg_",
    "Run": "run_",
    "RunStep": "step_",
    "RunStepDeltaEvent": "step_",
    "RequiredActionFunctionToolCall": "call_",
    "FunctionToolCall": "call_",
    "CodeInterpreterToolCall": "call_",
    "FileSearchToolCall": "call_",
    # fine-tuning
    "FineTuningJob": "ftjob-",
    "FineTuningJobEvent": "ftevent-",
    "FineTuningJobCheckpoint": "ftckpt_",
    # evals
    "EvalCreateResponse": "eval_",
    "EvalRetrieveResponse": "eval_",
    "EvalUpdateResponse": "eval_",
    "EvalListResponse": "eval_",
    "RunCreateResponse": "evalrun_",
    "RunRetrieveResponse": "evalrun_",
    "RunListResponse": "evalrun_",
    "RunCancelResponse": "evalrun_",
    # containers (the container file models are only called File*Response)
    "ContainerCreateResponse": "cntr_",
    "ContainerRetrieveResponse": "cntr_",
    "ContainerListResponse": "cntr_",
    "FileCreateResponse": "cfile_",
    "FileRetrieveResponse": "cfile_",
    "FileListResponse": "cfile_",
    # misc
    "Video": "video_",
    "VideoDeleteResponse": "video_",
    "ModerationCreateResponse": "modr-",
    "ChatSession": "cksess_",
    "ChatKitThread": "cthr_",
    "ThreadDeleteResponse": "cthr_",
    "ChatKitThreadAssistantMessageItem": "cthi_",
    "ChatKitThreadUserMessageItem": "cthi_",
    "ChatKitWidgetItem": "cthi_",
    "Skill": "skill_",
    "DeletedSkill": "skill_",
    "RealtimeSessionCreateResponse": "sess_",
}

#: models whose ``id`` is a name, not a generated id: a random ``model_...`` would look wrong
#: wherever code under test compares against model names. Routes overwrite it with the
#: requested model anyway.
_STATIC_IDS: dict[str, str] = {"Model": "gpt-4o-mini"}

#: optional fields filled anyway because the real API always sends them and code under test
#: commonly reads them (``if response.status == "completed"``, matching output items by id).
#: Deliberately absent: ``usage`` -- routes compute it from the request, so a zero usage here
#: would only hide a missing computation.
_ALSO_FILL: dict[str, frozenset[str]] = {
    "Response": frozenset({"status"}),
    "ParsedResponse": frozenset({"status"}),
    "BetaResponse": frozenset({"status"}),
    "ResponseFunctionToolCall": frozenset({"id"}),
    "ParsedResponseFunctionToolCall": frozenset({"id"}),
}

#: fields, besides ``id``, that carry an id with a fixed prefix wherever they appear
_ID_FIELD_PREFIXES: dict[str, str] = {"call_id": "call_"}

_TIMESTAMP_FIELDS = frozenset({"created", "created_at"})

# 36 symbols do not divide 256, so ``byte % 36`` favours four of them very slightly; ids only need
# to be unique, and a byte-translate table is several times faster than per-character choice().
_ID_ALPHABET = b"0123456789abcdefghijklmnopqrstuvwxyz"
_ID_TABLE = bytes(_ID_ALPHABET[i % len(_ID_ALPHABET)] for i in range(256))
_ID_LENGTH = 24


def new_id(prefix: str) -> str:
    """``prefix`` + 24 random lowercase alphanumerics (~124 bits, so collisions are negligible).

    ``os.urandom`` is safe to call from any thread and needs no seeding, unlike a shared ``Random``.
    """
    return prefix + os.urandom(_ID_LENGTH).translate(_ID_TABLE).decode("ascii")


def _class_name(model: type) -> str:
    # parametrised generics are named ``ParsedChatCompletion[Foo]``
    return model.__name__.partition("[")[0]


_CAMEL_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")


def id_prefix_for(model: type) -> str:
    """The id prefix for ``model``: the table, else its ``object`` literal, else its snake_case name."""
    name = _class_name(model)
    prefix = ID_PREFIXES.get(name)
    if prefix is not None:
        return prefix
    obj = _object_literal(model)
    if obj is not None:
        # a deletion receipt carries the id of the object it deleted
        return obj.removesuffix(".deleted").replace(".", "_") + "_"
    return _CAMEL_BOUNDARY.sub("_", name).lower() + "_"


def _object_literal(model: type) -> str | None:
    fields: dict[str, Any] = getattr(model, "model_fields", {})
    info = fields.get("object")
    if info is None:
        return None
    tp = _strip(info.annotation)
    if _is_union(tp):
        members = [_strip(a) for a in typing.get_args(tp) if a is not _NONE]
        tp = members[0] if members else _NONE
    if typing.get_origin(tp) in _LITERALS:
        first = typing.get_args(tp)[0]
        return first if isinstance(first, str) else None
    return None


# --------------------------------------------------------------------------------- type analysis

_NONE = type(None)
_LITERALS: tuple[Any, ...] = (typing.Literal, typing_extensions.Literal)
_ANNOTATED: tuple[Any, ...] = (typing.Annotated, typing_extensions.Annotated)
_UNIONS: tuple[Any, ...] = (typing.Union, types.UnionType)
# ``type X = ...`` (3.12+) and the typing_extensions backport are distinct classes before 3.14
_ALIASES: tuple[type, ...] = tuple(
    {typing_extensions.TypeAliasType, getattr(typing, "TypeAliasType", typing_extensions.TypeAliasType)}
)


class _IdHole:
    """Placeholder in a skeleton for a fresh id with a fixed prefix."""

    __slots__ = ("prefix",)

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix


class _StampHole:
    """Placeholder in a skeleton for the current unix time."""

    __slots__ = ()


_STAMP = _StampHole()


def _strip(tp: Any) -> Any:
    """Drop wrappers that do not change the JSON shape (``Annotated``, ``NewType``, aliases)."""
    while True:
        origin = typing.get_origin(tp)
        if origin in _ANNOTATED:
            tp = typing.get_args(tp)[0]
        elif hasattr(tp, "__supertype__"):
            tp = tp.__supertype__
        elif isinstance(tp, _ALIASES):
            tp = typing.cast(Any, tp).__value__
        else:
            return tp


def _is_union(tp: Any) -> bool:
    return typing.get_origin(tp) in _UNIONS


def _is_model(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, pydantic.BaseModel)


@dataclass
class _Ctx:
    """State of one template build."""

    #: models being expanded, outermost first: meeting one again means the types recurse
    stack: list[type] = field(default_factory=list)
    #: models the recursion guard cut off; a nested skeleton that cut off an *outer* model depends
    #: on where it was built, so it must not be cached for reuse elsewhere
    cut: set[type] = field(default_factory=set)


#: skeletons of models, shared by every template that nests them (only touched under _LOCK)
_MODEL_SKELETONS: dict[type, Any] = {}


def _skeleton(tp: Any, name: str | None, owner: type | None, ctx: _Ctx, *, field_level: bool) -> Any:
    """The JSON-ready skeleton for ``tp``; ``name`` is the wire name of the field holding it."""
    tp = _strip(tp)
    if _is_model(tp):
        return _model_skeleton(tp, ctx)
    origin = typing.get_origin(tp)
    if origin in _UNIONS:
        return _union_skeleton(tp, name, owner, ctx, field_level=field_level)
    if origin in _LITERALS:
        first = typing.get_args(tp)[0]
        return first.value if isinstance(first, enum.Enum) else first
    if origin is not None:
        return _generic_skeleton(tp, origin, name, owner, ctx)
    if isinstance(tp, type):
        return _class_skeleton(tp, name, owner)
    if isinstance(tp, TypeVar):
        # an unparametrised generic model (``ParsedResponse[ContentType]``): use the bound if any
        bound = tp.__bound__ or (tp.__constraints__[0] if tp.__constraints__ else None)
        return None if bound is None else _skeleton(bound, name, owner, ctx, field_level=field_level)
    # Any, unresolved forward refs, types from SDK versions newer than this code: the SDK builds
    # responses leniently (``construct``), so a null there beats failing the whole request
    return None


def _is_id_field(name: str | None) -> bool:
    return name == "id" or name in _ID_FIELD_PREFIXES


def _union_skeleton(tp: Any, name: str | None, owner: type | None, ctx: _Ctx, *, field_level: bool) -> Any:
    args = typing.get_args(tp)
    nullable = _NONE in args
    # a required-but-nullable field is what the API sends as null until there is something to
    # report (``completed_at``, ``error``, ``content``); ids are the exception, they always exist
    if nullable and field_level and not _is_id_field(name):
        return None
    members = [a for a in args if a is not _NONE]
    for member in members:
        stripped = _strip(member)
        if _is_model(stripped) and stripped in ctx.stack:
            # skip members that would recurse; a later one may terminate
            ctx.cut.add(stripped)
            continue
        return _skeleton(member, name, owner, ctx, field_level=False)
    return None


def _generic_skeleton(tp: Any, origin: Any, name: str | None, owner: type | None, ctx: _Ctx) -> Any:
    if origin is tuple:
        args = typing.get_args(tp)
        if args and args[-1] is not Ellipsis:
            # a fixed-length tuple must have all its items
            return [_skeleton(a, name, owner, ctx, field_level=False) for a in args]
        return []
    if isinstance(origin, type):
        if issubclass(origin, abc.Mapping):
            return {}
        if issubclass(origin, abc.Iterable) and not issubclass(origin, (str, bytes)):
            return []
    return None


def _class_skeleton(tp: type, name: str | None, owner: type | None) -> Any:
    if issubclass(tp, enum.Enum):
        return next(iter(tp)).value
    if tp is bool:
        # a deletion receipt that says ``deleted: false`` would read as a failed delete
        return name == "deleted"
    if tp is str:
        if name == "id" and owner is not None:
            static = _STATIC_IDS.get(_class_name(owner))
            return static if static is not None else _IdHole(id_prefix_for(owner))
        if name is not None and name in _ID_FIELD_PREFIXES:
            return _IdHole(_ID_FIELD_PREFIXES[name])
        return name if name is not None else "string"
    if tp is int or tp is float:
        if name is not None and (name in _TIMESTAMP_FIELDS or name.endswith("_at")):
            return _STAMP
        return 0 if tp is int else 0.0
    if tp is _NONE:
        return None
    if issubclass(tp, (list, tuple, set, frozenset)):
        return []
    if issubclass(tp, dict):
        return {}
    if issubclass(tp, datetime.datetime):
        # pydantic reads unix seconds as a datetime, and they are JSON-ready
        return _STAMP
    if tp is bytes:
        return ""
    return None


def _model_skeleton(model: type[pydantic.BaseModel], ctx: _Ctx) -> Any:
    cached = _MODEL_SKELETONS.get(model)
    if cached is not None:
        return cached
    if model in ctx.stack:
        ctx.cut.add(model)
        return None
    outer_cut = ctx.cut
    ctx.cut = set()
    ctx.stack.append(model)
    try:
        skeleton = _build_model_skeleton(model, ctx)
    finally:
        ctx.stack.pop()
        own_cut, ctx.cut = ctx.cut, outer_cut | ctx.cut
    if not own_cut.intersection(ctx.stack):
        _MODEL_SKELETONS[model] = skeleton
    return skeleton


def _model_fields(model: type[pydantic.BaseModel]) -> dict[str, Any]:
    fields: dict[str, Any] = model.model_fields
    if any(isinstance(f.annotation, (str, ForwardRef)) for f in fields.values()):
        # the SDK defers building its models; a model whose hints name classes defined later
        # gets them resolved only on rebuild
        model.model_rebuild(raise_errors=False)
        fields = model.model_fields
    return fields


def _build_model_skeleton(model: type[pydantic.BaseModel], ctx: _Ctx) -> dict[str, Any]:
    also = _ALSO_FILL.get(_class_name(model), frozenset())
    out: dict[str, Any] = {}
    for attr, info in _model_fields(model).items():
        required = info.is_required()
        if not required and attr not in also:
            continue
        alias = info.validation_alias
        key = alias if isinstance(alias, str) else (info.alias or attr)
        out[key] = _skeleton(info.annotation, key, model, ctx, field_level=required)
    return out


# ------------------------------------------------------------------------------------- templates

_Builder = Callable[[int], Any]
_Path = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class _Template:
    #: the type this was built for; kept so the id-keyed fast cache can verify its hit
    tp: Any
    #: produces a fresh value given the current unix time
    build: _Builder
    #: where fresh ids go, with their prefixes (for introspection and tests)
    id_paths: tuple[tuple[_Path, str], ...]
    #: where the current time goes
    timestamp_paths: tuple[_Path, ...]


def _new_list(now: int) -> list[Any]:
    return []


def _new_dict(now: int) -> dict[str, Any]:
    return {}


def _now(now: int) -> int:
    return now


def _compile(node: Any, path: _Path, ids: list[tuple[_Path, str]], stamps: list[_Path]) -> _Builder:
    """Turn a skeleton into a builder that copies only what must be fresh per call.

    Scalars are shared (immutable), containers are copied so callers may mutate the result,
    and holes are filled. Keys keep the skeleton's order, which is the model's field order.
    """
    if isinstance(node, _IdHole):
        ids.append((path, node.prefix))
        prefix = node.prefix
        return lambda now: new_id(prefix)
    if node is _STAMP:
        stamps.append(path)
        return _now
    if isinstance(node, dict):
        if not node:
            return _new_dict
        base: dict[str, Any] = {}
        fresh: list[tuple[str, _Builder]] = []
        for key, value in node.items():
            if _is_constant(value):
                base[key] = value
            else:
                base[key] = None  # reserves the key's position; overwritten per call
                fresh.append((key, _compile(value, (*path, key), ids, stamps)))
        if not fresh:
            return lambda now: base.copy()
        fresh_items = tuple(fresh)

        def build_dict(now: int) -> dict[str, Any]:
            out = base.copy()
            for key, builder in fresh_items:
                out[key] = builder(now)
            return out

        return build_dict
    if isinstance(node, list):
        if not node:
            return _new_list
        items = tuple(_compile(v, (*path, i), ids, stamps) for i, v in enumerate(node))
        return lambda now: [builder(now) for builder in items]
    return lambda now: node


def _is_constant(node: Any) -> bool:
    return node is None or isinstance(node, (str, int, float))


_LOCK = threading.RLock()
#: templates by type; typing objects are keyed with their repr too, because ``Union`` and
#: ``Literal`` compare equal regardless of member order, and "first member" matters here
_TEMPLATES: dict[Any, _Template] = {}
#: fast path: lookup by ``id`` skips hashing (and repr-ing) typing objects on every call. The
#: template holds a reference to its type, so a live entry's id cannot be reused by another object.
_BY_ID: dict[int, _Template] = {}
#: callers that build a new typing object per call would otherwise grow the fast cache forever
_BY_ID_LIMIT = 4096


def _template_for(tp: Any) -> _Template:
    try:
        key: Any = tp if isinstance(tp, type) else (tp, repr(tp))
        hash(key)
    except TypeError:  # e.g. ``Annotated`` with unhashable metadata
        key = None
    with _LOCK:
        template = _TEMPLATES.get(key) if key is not None else None
        if template is None:
            # a top-level ``Optional[X]`` asks for an X: there is no field to leave null
            skeleton = _skeleton(tp, None, None, _Ctx(), field_level=False)
            ids: list[tuple[_Path, str]] = []
            stamps: list[_Path] = []
            build = _compile(skeleton, (), ids, stamps)
            template = _Template(tp, build, tuple(ids), tuple(stamps))
            if key is not None:
                _TEMPLATES[key] = template
        if template.tp is not tp:
            # an equal but distinct typing object: give it its own entry so its fast path hits
            template = dataclasses.replace(template, tp=tp)
        if len(_BY_ID) < _BY_ID_LIMIT:
            _BY_ID[id(tp)] = template
        return template


def default_for(tp: Any) -> Any:
    """A fresh, JSON-ready value of type ``tp`` that the SDK's validation accepts.

    Models get only their required fields (plus a few the API always sends, see ``_ALSO_FILL``);
    ids and timestamps are fresh on every call. The result is the caller's to mutate.
    """
    template = _BY_ID.get(id(tp))
    if template is None or template.tp is not tp:
        template = _template_for(tp)
    return template.build(int(time.time()))
