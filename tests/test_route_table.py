"""The route table matches the installed openai SDK, and the generated files are current.

The table is generated from one SDK version (its ``SDK_VERSION``) but must serve every supported
one: against another installed version these tests check that the table covers it, and skip the
byte-for-byte checks, which only hold for the version the files were generated from.
"""

from __future__ import annotations

import importlib
import sys
from functools import cache
from pathlib import Path
from types import ModuleType

import openai
import pytest

from openai_responses._routes import ROUTES, Endpoint, resolve_ref
from openai_responses._routes.table import SDK_VERSION

from .conftest import attribute

ROOT = Path(__file__).resolve().parent.parent
REGENERATE = "run scripts/generate_route_table.py"

#: distinct (method, path) routes each SDK version sends, counted in the reference notes
#: (shared/reference/openai-sdk-behaviour.md, section 1)
REFERENCE_ROUTE_COUNTS = {"3.57.0": 388, "2.54.0": 281}


@cache
def script(name: str) -> ModuleType:
    """A module of ``scripts/`` (a folder of scripts, not a package)."""
    scripts = str(ROOT / "scripts")
    if scripts not in sys.path:
        sys.path.insert(0, scripts)
    return importlib.import_module(name)


@cache
def discovered() -> tuple[Endpoint, ...]:
    return tuple(script("sdk_endpoints").discover_endpoints())


def installed_version() -> str:
    version: str = script("sdk_endpoints").sdk_version()
    return version


def needs_table_version() -> None:
    if installed_version() != SDK_VERSION:
        pytest.skip(
            f"openai {installed_version()} lacks the SDK version the table was generated from ({SDK_VERSION})"
        )


def test_every_sdk_route_is_in_the_table() -> None:
    table = {(row.method, row.path): row for row in ROUTES}
    missing: list[str] = []
    different: list[str] = []
    for endpoint in discovered():
        row = table.get((endpoint.method, endpoint.path))
        if row is None:
            missing.append(f"{endpoint.method} {endpoint.path} ({endpoint.sdk_path})")
            continue
        names = {endpoint.sdk_path, *endpoint.aliases}
        if not names <= {row.sdk_path, *row.aliases}:
            different.append(
                f"{endpoint.method} {endpoint.path}: SDK methods {sorted(names)}, table {row.sdk_path}"
            )
        if endpoint.response != row.response:
            different.append(
                f"{endpoint.method} {endpoint.path}: response {endpoint.response}, table {row.response}"
            )
    problems = [f"missing: {line}" for line in missing] + [f"differs: {line}" for line in different]
    assert not problems, (
        f"the route table does not match openai=={installed_version()} ({REGENERATE}):\n"
        + "\n".join(problems)
    )


def test_table_file_is_what_the_generator_writes() -> None:
    needs_table_version()
    generator = script("generate_route_table")
    assert generator.TABLE_PATH.read_text(encoding="utf-8") == generator.generate(), (
        f"{generator.TABLE_PATH.relative_to(ROOT)} is stale or was edited by hand: {REGENERATE}"
    )


def test_every_reference_in_the_table_resolves() -> None:
    client = openai.OpenAI(api_key="sk-test", base_url="http://localhost/v1")
    unresolved: list[str] = []
    for row in ROUTES:
        if attribute(client, row.sdk_path) is None:
            continue  # a route of another SDK version (beta.agents on openai 2.x)
        refs = [row.response, *row.response_alternatives, row.params, row.stream_event]
        for ref in refs:
            if ref is None:
                continue
            try:
                resolve_ref(ref)
            except (ImportError, AttributeError) as error:
                unresolved.append(f"{row.sdk_path}: {ref} ({error})")
    assert not unresolved, "unresolvable references:\n" + "\n".join(unresolved)


def test_route_count_matches_the_reference() -> None:
    if SDK_VERSION not in REFERENCE_ROUTE_COUNTS:
        pytest.skip(f"openai {SDK_VERSION} lacks a reference route count")
    legacy = script("generate_route_table").LEGACY_ROUTES
    assert len(ROUTES) == REFERENCE_ROUTE_COUNTS[SDK_VERSION] + len(legacy)
    assert len({(row.method, row.path) for row in ROUTES}) == len(ROUTES), "a route appears twice"


def test_discovery_matches_the_reference_count() -> None:
    version = installed_version()
    if version not in REFERENCE_ROUTE_COUNTS:
        pytest.skip(f"openai {version} lacks a reference route count")
    assert len(discovered()) == REFERENCE_ROUTE_COUNTS[version]


def test_coverage_doc_is_current() -> None:
    needs_table_version()
    doc = script("generate_coverage_doc")
    assert doc.DOC_PATH.read_text(encoding="utf-8") == doc.generate(), (
        f"{doc.DOC_PATH.relative_to(ROOT)} is stale: run scripts/generate_coverage_doc.py"
    )


def test_resolve_ref() -> None:
    assert resolve_ref("openai.types.chat.chat_completion:ChatCompletion") is openai.types.chat.ChatCompletion
    with pytest.raises(ValueError, match="module:QualName"):
        resolve_ref("openai.types.chat.ChatCompletion")


def test_partials_and_route_tree_are_current() -> None:
    needs_table_version()
    generator = script("generate_partials")
    partials, tree = generator.generate()
    assert generator.PARTIALS_PATH.read_text(encoding="utf-8") == partials, (
        "src/openai_responses/partials.py is stale: run scripts/generate_partials.py"
    )
    assert generator.TREE_PATH.read_text(encoding="utf-8") == tree, (
        "src/openai_responses/_route_tree.py is stale: run scripts/generate_partials.py"
    )


def test_route_tree_declares_every_route_object() -> None:
    """Type checkers see the same tree the mock builds at run time."""
    needs_table_version()  # the tree imports the SDK models of the version it was generated from
    from openai_responses import OpenAIMock
    from openai_responses._route_tree import RouteTree

    declared: list[str] = []

    def walk(cls: type, path: str) -> None:
        for name, kind in cls.__annotations__.items():
            if kind.startswith("RouteObject["):
                declared.append(f"{path}{name}")
            else:
                walk(getattr(importlib.import_module("openai_responses._route_tree"), kind), f"{path}{name}.")

    walk(RouteTree, "")
    mock = OpenAIMock()
    from openai_responses._routes.extra import EXTRA_ROUTES

    rows = (*ROUTES, *EXTRA_ROUTES)
    answered_by = {path: row.sdk_path for row in rows for path in (row.sdk_path, *row.aliases)}
    assert set(declared) == set(answered_by)
    for sdk_path in declared:
        assert attribute(mock, sdk_path).endpoint.sdk_path == answered_by[sdk_path]
