"""Default bodies generated from the SDK's models: valid for every model, fresh ids and times."""

# The SDK spells its types ``Optional``/``Union``/``List``/``Dict``; the models here do the same so
# the paths the SDK takes through typing (not the PEP 604 ones) are the ones tested.
# ruff: noqa: UP006, UP007, UP035, UP045

from __future__ import annotations

import enum
import importlib
import inspect
import json
import pkgutil
import re
import threading
import time
from typing import Annotated, Any, Dict, List, Optional, Union

import openai
import openai.types
import pydantic
import pytest
import typing_extensions
from openai._utils import PropertyInfo
from pydantic import Field

from openai_responses import _defaults
from openai_responses._defaults import ID_PREFIXES, default_for, id_prefix_for, new_id


def _sdk_models() -> dict[str, type[openai.BaseModel]]:
    found: dict[str, type[openai.BaseModel]] = {}
    for info in pkgutil.walk_packages(openai.types.__path__, "openai.types."):
        module = importlib.import_module(info.name)
        for obj in vars(module).values():
            if (
                inspect.isclass(obj)
                and issubclass(obj, openai.BaseModel)
                and obj.__module__ == module.__name__
            ):
                found[f"{obj.__module__.removeprefix('openai.types.')}.{obj.__qualname__}"] = obj
    return dict(sorted(found.items()))


SDK_MODELS = _sdk_models()


def test_walk_found_the_sdk() -> None:
    # guards against the walk silently finding nothing (and the big test passing vacuously)
    assert len(SDK_MODELS) > 1000
    assert "chat.chat_completion.ChatCompletion" in SDK_MODELS


@pytest.mark.parametrize("model", SDK_MODELS.values(), ids=SDK_MODELS.keys())
def test_every_sdk_model_validates(model: type[openai.BaseModel]) -> None:
    body = default_for(model)
    json.dumps(body)  # JSON-ready: no model instances, enums or sentinels left
    model.model_validate(body)


# ------------------------------------------------------------------------------------------ ids


def _resolve(ref: str) -> type[Any]:
    module_name, _, name = ref.partition(":")
    try:
        module = importlib.import_module(f"openai.types.{module_name}")
    except ImportError:
        pytest.skip(f"this SDK has no openai.types.{module_name}")
    if not hasattr(module, name):
        pytest.skip(f"this SDK has no {ref}")
    cls: type[Any] = getattr(module, name)
    return cls


ID_CASES = [
    ("chat:ChatCompletion", "chatcmpl-"),
    ("chat:ChatCompletionChunk", "chatcmpl-"),
    ("chat:ChatCompletionMessageFunctionToolCall", "call_"),
    ("completion:Completion", "cmpl-"),
    ("responses:Response", "resp_"),
    ("responses:ResponseOutputMessage", "msg_"),
    ("responses:ResponseFunctionToolCall", "fc_"),
    ("file_object:FileObject", "file-"),
    ("beta:Assistant", "asst_"),
    ("beta:Thread", "thread_"),
    ("beta.threads:Message", "msg_"),
    ("beta.threads:Run", "run_"),
    ("beta.threads.runs:RunStep", "step_"),
    ("vector_store:VectorStore", "vs_"),
    ("vector_stores:VectorStoreFile", "file-"),
    ("vector_stores:VectorStoreFileBatch", "vsfb_"),
    ("batch:Batch", "batch_"),
    ("fine_tuning:FineTuningJob", "ftjob-"),
    ("fine_tuning:FineTuningJobEvent", "ftevent-"),
    ("fine_tuning.jobs:FineTuningJobCheckpoint", "ftckpt_"),
    ("upload:Upload", "upload_"),
    ("uploads:UploadPart", "part_"),
    ("conversations:Conversation", "conv_"),
    ("eval_create_response:EvalCreateResponse", "eval_"),
    ("evals:RunCreateResponse", "evalrun_"),
    ("container_create_response:ContainerCreateResponse", "cntr_"),
    ("containers:FileCreateResponse", "cfile_"),
    ("video:Video", "video_"),
    ("moderation_create_response:ModerationCreateResponse", "modr-"),
    ("beta.chatkit:ChatSession", "cksess_"),
    ("beta.chatkit:ChatKitThread", "cthr_"),
    ("skill:Skill", "skill_"),
]


@pytest.mark.parametrize(("ref", "prefix"), ID_CASES, ids=[ref for ref, _ in ID_CASES])
def test_ids_are_fresh_and_prefixed(ref: str, prefix: str) -> None:
    model = _resolve(ref)
    assert id_prefix_for(model) == prefix
    first, second = default_for(model), default_for(model)
    pattern = re.compile(re.escape(prefix) + r"[0-9a-z]{24}")
    assert pattern.fullmatch(first["id"]), first["id"]
    assert pattern.fullmatch(second["id"]), second["id"]
    assert first["id"] != second["id"]


def test_function_call_ids() -> None:
    from openai.types.responses import ResponseFunctionToolCall

    body = default_for(ResponseFunctionToolCall)
    # ``id`` is optional in the SDK but always sent by the API, and code matches items by it
    assert body["id"].startswith("fc_")
    assert re.fullmatch(r"call_[0-9a-z]{24}", body["call_id"])
    assert default_for(ResponseFunctionToolCall)["call_id"] != body["call_id"]


def test_model_ids_are_names() -> None:
    from openai.types import Model

    assert default_for(Model)["id"] == default_for(Model)["id"] == "gpt-4o-mini"


def test_id_prefix_fallbacks() -> None:
    class SomeFileBatch(openai.BaseModel):
        id: str
        object: typing_extensions.Literal["vector_store.file_batch"]

    class SomeFileBatchDeleted(openai.BaseModel):
        id: str
        object: Optional[typing_extensions.Literal["some.file_batch.deleted"]] = None

    class RealtimeMcpThing(openai.BaseModel):
        id: str

    assert id_prefix_for(SomeFileBatch) == "vector_store_file_batch_"
    assert id_prefix_for(SomeFileBatchDeleted) == "some_file_batch_"
    assert id_prefix_for(RealtimeMcpThing) == "realtime_mcp_thing_"
    assert default_for(RealtimeMcpThing)["id"].startswith("realtime_mcp_thing_")
    assert all(p and p[-1] in "-_" for p in ID_PREFIXES.values())


def test_new_id_is_unique_across_threads() -> None:
    seen: list[str] = []

    def work() -> None:
        seen.extend(new_id("x_") for _ in range(2000))

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(seen)) == len(seen) == 16000
    assert all(re.fullmatch(r"x_[0-9a-z]{24}", i) for i in seen)


# ----------------------------------------------------------------------------------- timestamps


def test_timestamps_are_recent_ints() -> None:
    from openai.types import Batch
    from openai.types.chat import ChatCompletion
    from openai.types.responses import Response

    before = int(time.time())
    created = default_for(ChatCompletion)["created"]
    response_created = default_for(Response)["created_at"]
    batch_created = default_for(Batch)["created_at"]
    after = int(time.time())
    for stamp in (created, response_created, batch_created):
        assert type(stamp) is int
        assert before <= stamp <= after


def test_timestamps_are_taken_at_call_time(monkeypatch: pytest.MonkeyPatch) -> None:
    from openai.types.chat import ChatCompletion

    default_for(ChatCompletion)  # warm the template: the time must not be baked into it
    monkeypatch.setattr(time, "time", lambda: 1_700_000_000.7)
    assert default_for(ChatCompletion)["created"] == 1_700_000_000


def test_timestamp_field_names() -> None:
    class Job(openai.BaseModel):
        created: int
        finished_at: int
        cancelled_at: Optional[int]  # required but null until it happens
        expires_after: int
        started_at: Optional[int] = None

    now = int(time.time())
    body = default_for(Job)
    assert body["created"] >= now and body["finished_at"] >= now
    assert body["cancelled_at"] is None
    assert body["expires_after"] == 0
    assert "started_at" not in body
    template = _defaults._template_for(Job)
    assert set(template.timestamp_paths) == {("created",), ("finished_at",)}


# ------------------------------------------------------------------------------ shapes and types


class Color(enum.Enum):
    RED = "red"
    BLUE = "blue"


class Inner(openai.BaseModel):
    type: typing_extensions.Literal["inner"]
    size: float


class Other(openai.BaseModel):
    type: typing_extensions.Literal["other"]


class Shapes(openai.BaseModel):
    id: Optional[str]
    name: str
    count: int
    ratio: float
    deleted: bool
    enabled: bool
    color: Color
    mode: typing_extensions.Literal["fast", "slow"]
    kind: Union[typing_extensions.Literal["a"], str]
    note: Optional[str]
    tags: List[str]
    labels: Dict[str, int]
    inner: Inner
    choice: Annotated[Union[Inner, Other], PropertyInfo(discriminator="type")]
    anything: object
    schema_: Dict[str, object] = Field(alias="schema")
    optional_name: Optional[str] = None
    optional_list: List[int] = []


def test_field_rules() -> None:
    body = default_for(Shapes)
    body_id = body.pop("id")
    assert body_id.startswith("shapes_")  # required Optional id: ids always exist
    assert body == {
        "name": "name",
        "count": 0,
        "ratio": 0.0,
        "deleted": True,
        "enabled": False,
        "color": "red",
        "mode": "fast",
        "kind": "a",
        "note": None,
        "tags": [],
        "labels": {},
        "inner": {"type": "inner", "size": 0.0},
        "choice": {"type": "inner", "size": 0.0},
        "anything": None,
        "schema": {},
    }
    assert list(default_for(Shapes)) == ["id", *body]  # field order
    Shapes.model_validate(default_for(Shapes))


def test_results_are_independent_copies() -> None:
    first = default_for(Shapes)
    first["tags"].append("x")
    first["labels"]["x"] = 1
    first["inner"]["size"] = 3.0
    second = default_for(Shapes)
    assert second["tags"] == [] and second["labels"] == {} and second["inner"]["size"] == 0.0


@pytest.mark.parametrize(
    ("tp", "expected"),
    [
        (int, 0),
        (float, 0.0),
        (bool, False),
        (str, "string"),
        (type(None), None),
        (object, None),
        (Any, None),
        (Color, "red"),
        (typing_extensions.Literal["x", "y"], "x"),
        (Union[int, str], 0),
        (Union[str, int], "string"),  # equal to the above as typing objects: must not share a cache entry
        (Optional[int], 0),  # top level: nothing to leave null
        (int | None, 0),
        (List[Inner], []),
        (list[int], []),
        (Dict[str, Inner], {}),
        (dict[str, int], {}),
        (Annotated[Union[Other, Inner], PropertyInfo(discriminator="type")], {"type": "other"}),
    ],
    ids=repr,
)
def test_non_model_types(tp: Any, expected: Any) -> None:
    assert default_for(tp) == expected
    assert default_for(tp) == expected  # cached path
    pydantic.TypeAdapter(tp).validate_python(default_for(tp))


def test_sdk_union_alias() -> None:
    from openai.types.responses import ResponseOutputItem

    body = default_for(ResponseOutputItem)
    assert body["type"] == "message" and body["id"].startswith("msg_")
    pydantic.TypeAdapter(ResponseOutputItem).validate_python(body)


def test_chat_completion_has_only_required_fields() -> None:
    from openai.types.chat import ChatCompletion

    body = default_for(ChatCompletion)
    assert set(body) == {"id", "choices", "created", "model", "object"}
    assert body["object"] == "chat.completion" and body["choices"] == []


def test_parametrised_generic_model() -> None:
    from openai.types.chat import ParsedChatCompletion

    class Answer(pydantic.BaseModel):
        text: str

    model = ParsedChatCompletion[Answer]
    body = default_for(model)
    assert body["id"].startswith("chatcmpl-")
    model.model_validate(body)


# ------------------------------------------------------------------------------------- recursion


def test_recursive_models_terminate() -> None:
    class Leaf(openai.BaseModel):
        value: int

    class Node(openai.BaseModel):
        name: str
        next: Union[Node, Leaf]  # the first member recurses: the default must take the second
        parent: Optional[Node]
        children: List[Node]

    Node.model_rebuild()
    body = default_for(Node)
    assert body == {"name": "name", "next": {"value": 0}, "parent": None, "children": []}
    Node.model_validate(body)


def test_mutual_recursion_is_not_cached_out_of_context() -> None:
    class Leaf(openai.BaseModel):
        value: int

    class A(openai.BaseModel):
        b: B

    class B(openai.BaseModel):
        a: Union[A, Leaf]

    A.model_rebuild()
    B.model_rebuild()
    # inside A, B must stop at Leaf; on its own, B can hold an A (whose B then stops)
    assert default_for(A) == {"b": {"a": {"value": 0}}}
    assert default_for(B) == {"a": {"b": {"a": {"value": 0}}}}
    A.model_validate(default_for(A))
    B.model_validate(default_for(B))


def test_unsatisfiable_recursion_still_terminates() -> None:
    class Loop(openai.BaseModel):
        again: Loop

    Loop.model_rebuild()
    assert default_for(Loop) == {"again": None}


# ----------------------------------------------------------------------------------- performance


def test_template_build_is_thread_safe() -> None:
    from openai.types.beta.threads import Run

    results: list[Any] = []

    def work() -> None:
        results.append(default_for(Run))

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len({r["id"] for r in results}) == 8
    for result in results:
        Run.model_validate(result)


def test_the_template_is_built_once_per_type(monkeypatch: pytest.MonkeyPatch) -> None:
    # what keeps default_for cheap on the request path: later calls copy the cached template and
    # never walk the model again (the per-call cost itself is measured in benchmarks/, not here)
    from openai.types.chat import ChatCompletion

    from openai_responses import _defaults

    default_for(ChatCompletion)
    walks: list[object] = []
    real_skeleton = _defaults._skeleton

    def counting_skeleton(*args: object, **kwargs: object) -> object:
        walks.append(args[0])
        return real_skeleton(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(_defaults, "_skeleton", counting_skeleton)
    first, second = default_for(ChatCompletion), default_for(ChatCompletion)
    assert walks == []
    assert first["id"] != second["id"]
