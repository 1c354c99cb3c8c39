"""Write the typed partials and the typed route tree from the installed SDK and the route table.

- ``src/openai_responses/partials.py``: a ``TypedDict(total=False)`` mirror of every response model
  the routes answer (and every model nested in one), so a partial gets editor completion and a
  type checker flags a misspelt key.
- ``src/openai_responses/_route_tree.py``: the attribute tree of route objects, typed per route
  (``openai_mock.chat.completions.create`` is a ``RouteObject[ChatCompletion, PartialChatCompletion]``).
  Imported only by type checkers: at run time ``OpenAIMock`` builds its nodes lazily.

Run it after ``generate_route_table.py``, with the SDK the table was generated from::

    python scripts/generate_partials.py           # rewrite both files
    python scripts/generate_partials.py --check   # exit 1 if either is stale
"""

from __future__ import annotations

import argparse
import importlib
import json
import keyword
import sys
import types
import typing
from collections import defaultdict
from pathlib import Path
from typing import Any

import pydantic
from generate_route_table import write_or_check

from openai_responses._routes.endpoint import Endpoint
from openai_responses._routes.extra import EXTRA_ROUTES
from openai_responses._routes.table import ROUTES, SDK_VERSION

ROOT = Path(__file__).resolve().parent.parent
PARTIALS_PATH = ROOT / "src" / "openai_responses" / "partials.py"
TREE_PATH = ROOT / "src" / "openai_responses" / "_route_tree.py"
SCRIPT = "generate_partials.py"


def resolve(ref: str) -> Any:
    module, _, name = ref.partition(":")
    obj: Any = importlib.import_module(module)
    for part in name.split("."):
        obj = getattr(obj, part)
    return obj


def is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, pydantic.BaseModel)


def unwrap(annotation: Any) -> Any:
    """Drop ``Annotated`` metadata (the SDK's discriminators)."""
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    return annotation


def nested_models(annotation: Any) -> list[type[pydantic.BaseModel]]:
    annotation = unwrap(annotation)
    if is_model(annotation):
        return [annotation]
    found: list[type[pydantic.BaseModel]] = []
    for argument in typing.get_args(annotation):
        if typing.get_origin(annotation) is typing.Literal:
            break
        found.extend(nested_models(argument))
    return found


def reachable(roots: list[type[pydantic.BaseModel]]) -> list[type[pydantic.BaseModel]]:
    seen: dict[type[pydantic.BaseModel], None] = {}
    todo = list(roots)
    while todo:
        model = todo.pop()
        if model in seen:
            continue
        seen[model] = None
        for field in model.model_fields.values():
            todo.extend(nested_models(field.annotation))
    return sorted(seen, key=lambda m: (m.__module__, m.__qualname__))


def camel(snake: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in snake.split("_") if part)


class Namer:
    """``Partial<Model>``; where two models share a name, both are qualified by their module path
    below ``openai.types`` (``PartialBetaThreadsMessage``, ``PartialConversationsMessage``)."""

    def __init__(self, models: list[type[pydantic.BaseModel]]) -> None:
        by_name: dict[str, list[type[pydantic.BaseModel]]] = defaultdict(list)
        for model in models:
            by_name[model.__name__].append(model)
        self.names: dict[type[pydantic.BaseModel], str] = {}
        for name, group in by_name.items():
            for model in group:
                self.names[model] = f"Partial{name}" if len(group) == 1 else self._qualified(model)
        taken = defaultdict(list)
        for model, partial in self.names.items():
            taken[partial].append(model)
        for partial, group in taken.items():
            # a qualified name met an unqualified one (beta's ``FileSearchTool`` and ``BetaFileSearchTool``)
            for model in group if len(group) > 1 else ():
                if model.__name__ != partial.removeprefix("Partial"):
                    self.names[model] = self._qualified(model, keep_module=True)
        if len(set(self.names.values())) != len(self.names):
            raise SystemExit("two partials got the same name: refine Namer")

    @staticmethod
    def _qualified(model: type[pydantic.BaseModel], *, keep_module: bool = False) -> str:
        parts = model.__module__.removeprefix("openai.types.").removeprefix("openai.").split(".")
        if camel(parts[-1]) == model.__name__ and not keep_module:
            parts = parts[:-1]
        elif camel(parts[-1]) == model.__name__:
            parts[-1] = "module"
        return "Partial" + "".join(camel(part) for part in parts) + model.__name__

    def __call__(self, model: type[pydantic.BaseModel]) -> str:
        return self.names[model]


def render(annotation: Any, name_of: Namer) -> str:
    """A type expression for a partial field: models become their partials."""
    annotation = unwrap(annotation)
    if annotation is type(None) or annotation is None:
        return "None"
    if annotation is Any:
        return "Any"
    if is_model(annotation):
        return name_of(annotation)
    if isinstance(annotation, type) and annotation.__module__ == "builtins":
        return annotation.__name__
    origin = typing.get_origin(annotation)
    arguments = typing.get_args(annotation)
    if origin is typing.Literal:
        # sorted, like unions below: equal ``Literal``s are cached whatever order they were written in
        return f"Literal[{', '.join(sorted(literal(value) for value in arguments))}]"
    if origin in (typing.Union, types.UnionType):
        rendered: list[str] = []
        literals: list[str] = []
        for argument in arguments:
            if typing.get_origin(unwrap(argument)) is typing.Literal:
                literals.extend(literal(value) for value in typing.get_args(unwrap(argument)))
                continue
            text = render(argument, name_of)
            if text not in rendered:
                rendered.append(text)
        # sorted: typing caches unions, so their order depends on what the process built first
        rendered.sort(key=lambda text: (text == "None", text))
        if literals and "str" not in rendered:
            rendered.insert(0, f"Literal[{', '.join(sorted(literals))}]")
        return " | ".join(rendered)
    if origin in (list, typing.List, typing.Sequence, typing.Iterable):  # noqa: UP006
        return f"list[{render(arguments[0], name_of) if arguments else 'Any'}]"
    if origin in (dict, typing.Dict, typing.Mapping):  # noqa: UP006
        if not arguments:
            return "dict[str, Any]"
        return f"dict[{render(arguments[0], name_of)}, {render(arguments[1], name_of)}]"
    if isinstance(annotation, typing.TypeVar):
        return "Any"
    if isinstance(annotation, type):
        if annotation.__module__ == "datetime":
            return "str"
        # an enum or another class the SDK names: its JSON is a plain value
        return "Any"
    return "Any"


def literal(value: object) -> str:
    """A ``Literal`` value as source: strings in double quotes (the project's style)."""
    return json.dumps(value) if isinstance(value, str) else repr(value)


def partial_class(model: type[pydantic.BaseModel], name_of: Namer) -> str:
    fields: list[tuple[str, str]] = []
    for field_name, field in model.model_fields.items():
        key = field.alias or field_name
        fields.append((key, render(field.annotation, name_of)))
    name = name_of(model)
    doc = f"Partial of ``{model.__module__}.{model.__qualname__}``."
    if not fields:
        return f"class {name}(TypedDict, total=False):\n    {doc!r}\n"
    if all(key.isidentifier() and not keyword.iskeyword(key) for key, _ in fields):
        lines = [f"class {name}(TypedDict, total=False):", f'    """{doc}"""', ""]
        lines += [f"    {key}: {text}" for key, text in fields]
        return "\n".join(lines) + "\n"
    # keys that are not identifiers (``from``) need the functional form
    body = ", ".join(f"{json.dumps(key)}: {quote(text)}" for key, text in fields)
    return f'{name} = TypedDict("{name}", {{{body}}}, total=False)\n'


def quote(text: str) -> str:
    """The functional form evaluates its types at once: forward references become strings."""
    return json.dumps(text) if "Partial" in text else text


HEADER = '''"""Typed partials: a ``TypedDict(total=False)`` for every response model the mock answers.

Generated by ``scripts/generate_partials.py`` from openai=={version}. Do not edit it by hand: rerun
the script (``tests/test_route_table.py`` fails while this file is stale).

Setting ``openai_mock.<route>.response = {{...}}`` is already typed against the route's partial;
import a name from here to annotate a partial built elsewhere::

    from openai_responses.partials import PartialChatCompletion

A model's partial is ``Partial<Model>``; where the SDK has two models of one name, both partials are
qualified by their module below ``openai.types`` (``PartialBetaThreadsMessage``).
"""
# ruff: noqa: E501

from __future__ import annotations

from typing import {typing_names}

from typing_extensions import TypedDict

ItemT = TypeVar("ItemT")


class PartialPage(TypedDict, Generic[ItemT], total=False):
    """Partial of one page of a list route (every page kind's fields)."""

    object: str
    data: list[ItemT]
    has_more: bool
    first_id: str | None
    last_id: str | None
    next: str | None

'''


def route_types(endpoint: Endpoint, name_of: Namer) -> tuple[str, str, set[str]]:
    """The model type and partial type of one route, and the SDK imports they need."""
    if endpoint.binary:
        return "BaseModel", "bytes", set()
    if endpoint.response is None:
        return "BaseModel", "dict[str, Any]", set()
    refs = (endpoint.response, *endpoint.response_alternatives)
    model_names: list[str] = []
    partial_names: list[str] = []
    imports: set[str] = set()
    for ref in refs:
        target = resolve(ref)
        if not is_model(target):
            continue
        module, _, qualname = ref.partition(":")
        imports.add(module)
        model_names.append(f"{module}.{qualname}")
        partial_names.append(f"partials.{name_of(target)}")
    if not model_names:
        return "BaseModel", "dict[str, Any]", set()
    if endpoint.page is not None:  # a page model is generic over its item: any model will do
        return "BaseModel", f"partials.PartialPage[{' | '.join(partial_names)}]", set()
    return " | ".join(model_names), " | ".join(partial_names), imports


TREE_HEADER = '''"""The typed tree of route objects, for type checkers only.

Generated by ``scripts/generate_partials.py`` from openai=={version}. Do not edit it by hand: rerun
the script (``tests/test_route_table.py`` fails while this file is stale).

``OpenAIMock`` inherits these declarations when a type checker reads it, so
``openai_mock.chat.completions.create`` is a ``RouteObject[ChatCompletion, PartialChatCompletion]``
and its ``.response`` is checked against the route's partial. At run time nothing imports this
module: route objects are built lazily, on first access.
"""
# ruff: noqa: E501

from __future__ import annotations

from typing import Any

{third_party}

from . import partials
from ._route_object import RouteObject


'''


def class_name(path: str) -> str:
    return "".join(camel(part) for part in path.split(".")) + "Routes" if path else "RouteTree"


def route_tree(name_of: Namer) -> str:
    children: dict[str, dict[str, str]] = defaultdict(dict)  # namespace path → attribute → type
    imports: set[str] = set()
    for endpoint in (*ROUTES, *EXTRA_ROUTES):
        model_type, partial_type, needed = route_types(endpoint, name_of)
        imports |= needed
        for sdk_path in (endpoint.sdk_path, *endpoint.aliases):
            namespace, _, attribute = sdk_path.rpartition(".")
            children[namespace].setdefault(attribute, f"RouteObject[{model_type}, {partial_type}]")
            parts = namespace.split(".") if namespace else []
            for depth in range(len(parts)):
                parent = ".".join(parts[:depth])
                children[parent].setdefault(parts[depth], class_name(".".join(parts[: depth + 1])))
    blocks: list[str] = []
    for namespace in sorted(children, key=lambda p: (-p.count("."), p)):
        if namespace == "":
            continue
        blocks.append(_tree_class(namespace, children[namespace]))
    blocks.append(_tree_class("", children[""]))
    third_party = [f"import {module}" for module in sorted(imports)] + ["from pydantic import BaseModel"]
    return TREE_HEADER.format(version=SDK_VERSION, third_party="\n".join(third_party)) + "\n\n".join(blocks)


def _tree_class(namespace: str, attributes: dict[str, str]) -> str:
    name = class_name(namespace)
    doc = f"``openai_mock.{namespace}``" if namespace else "The route objects of ``OpenAIMock``."
    lines = [f"class {name}:", f'    """{doc}"""', ""]
    lines += [f"    {attribute}: {kind}" for attribute, kind in sorted(attributes.items())]
    return "\n".join(lines) + "\n"


def generate() -> tuple[str, str]:
    """The text of ``partials.py`` and of ``_route_tree.py``."""
    roots: list[type[pydantic.BaseModel]] = []
    for endpoint in ROUTES:
        for ref in (endpoint.response, *endpoint.response_alternatives):
            if ref is None:
                continue
            target = resolve(ref)
            roots.extend([target] if is_model(target) else nested_models(target))
    models = reachable(roots)
    name_of = Namer(models)
    classes = "\n\n".join(partial_class(model, name_of) for model in sorted(models, key=name_of))
    typing_names = "Any, Generic, Literal, TypeVar" if "Any" in classes else "Generic, Literal, TypeVar"
    partials = HEADER.format(version=SDK_VERSION, typing_names=typing_names) + classes
    return partials, route_tree(name_of)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--check", action="store_true", help="exit 1 if a generated file is stale")
    args = parser.parse_args(argv)
    partials, tree = generate()
    summary = f"{partials.count('Partial of ')} partials"
    status = write_or_check(PARTIALS_PATH, partials, check=args.check, script=SCRIPT, summary=summary)
    return status | write_or_check(TREE_PATH, tree, check=args.check, script=SCRIPT)


if __name__ == "__main__":
    sys.exit(main())
