"""Discover the HTTP routes of the *installed* openai SDK by reading its resource classes.

The SDK has no machine-readable route list, but every generated method ends in one call such as
``self._post("/files", body=maybe_transform(...), files=..., cast_to=FileObject)``.  This module walks
the client's resource tree, parses each public method with :mod:`ast` and evaluates the interesting
arguments (``cast_to``, ``page``, ``stream_cls``, the ``*Params`` TypedDicts) in the resource
module's namespace, so that the table records real import references instead of names.

It works with openai 2.x and 3.x alike: nothing here names the HTTP library or a version.  Source
forms it does not understand raise :class:`UnsupportedSource`, so an SDK change fails loudly instead
of silently dropping a route.

Used by ``generate_route_table.py``, ``generate_coverage_doc.py`` and ``tests/test_route_table.py``.
"""

from __future__ import annotations

import ast
import importlib
import importlib.metadata
import importlib.util
import inspect
import sys
import textwrap
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache, cached_property
from types import ModuleType
from typing import Any, TypeGuard

import openai
from openai._resource import SyncAPIResource

from openai_responses._routes.endpoint import Endpoint, Kind, PageKind, StreamMode

#: the request helpers of ``SyncAPIResource`` and the HTTP verb each one sends
_REQUEST_HELPERS: dict[str, str] = {
    "_get": "GET",
    "_post": "POST",
    "_patch": "PATCH",
    "_put": "PUT",
    "_delete": "DELETE",
    "_get_api_list": "GET",  # unless called with method="post"
}

#: sync page classes (``openai.pagination``) and the page kind the table records
_PAGE_KINDS: dict[str, PageKind] = {
    "SyncPage": "page",
    "SyncCursorPage": "cursor",
    "SyncConversationCursorPage": "conversation_cursor",
    "SyncNextCursorPage": "next_cursor",
    "SyncTokenPage": "token",
}

#: ``beta.chat`` is the ``chat`` resource mounted a second time; the table names the state store once
_ALIASED_PREFIXES: dict[str, str] = {"beta.chat.": "chat."}


class UnsupportedSource(Exception):
    """A method's source uses a form this reader does not know (the SDK changed: extend the reader)."""


@dataclass(frozen=True)
class MethodRoute:
    """What one SDK method sends, before methods sharing a route are merged into one row."""

    sdk_path: str
    method: str
    path: str
    response: str | None
    response_alternatives: tuple[str, ...]
    page: PageKind | None
    params: str | None
    stream: StreamMode | None
    stream_event: str | None
    binary: bool
    request_body: str
    query_params: tuple[str, ...]
    deprecated: bool


def sdk_version() -> str:
    """The version of the installed openai distribution."""
    return importlib.metadata.version("openai")


def iter_resources() -> Iterator[tuple[str, SyncAPIResource]]:
    """Every sync resource reachable from ``openai.OpenAI``, with its attribute path.

    Resources are ``cached_property`` attributes of the client and of other resources; the other
    cached properties (``with_raw_response``, ...) return wrappers, which the type check skips.  A
    client object is built because the properties construct the resources (no request is sent).
    """
    client = openai.OpenAI(api_key="sk-route-discovery", base_url="http://localhost/v1")

    def walk(owner: object, prefix: str) -> Iterator[tuple[str, SyncAPIResource]]:
        for name, attribute in inspect.getmembers(type(owner)):
            if not isinstance(attribute, cached_property):
                continue
            value = getattr(owner, name)
            if isinstance(value, SyncAPIResource):
                path = f"{prefix}{name}"
                yield path, value
                yield from walk(value, f"{path}.")

    yield from walk(client, "")


def public_methods(resource: SyncAPIResource) -> Iterator[tuple[str, Callable[..., Any]]]:
    """The public methods a resource class defines (properties and sub-resources excluded)."""
    cls = type(resource)
    for name in dir(cls):
        if name.startswith("_") or hasattr(SyncAPIResource, name):
            continue
        static = inspect.getattr_static(cls, name)
        if isinstance(static, (property, cached_property)) or not inspect.isfunction(static):
            continue
        yield name, static


def discover_websocket_methods() -> list[str]:
    """SDK paths of the ``connect()`` methods: they open websockets, which HTTP mocking cannot see."""
    return sorted(
        f"{resource_path}.{name}"
        for resource_path, resource in iter_resources()
        for name, _ in public_methods(resource)
        if name == "connect"
    )


def discover_method_routes() -> list[MethodRoute]:
    """One entry per SDK method that sends a request itself (helpers and websockets excluded)."""
    routes: list[MethodRoute] = []
    for resource_path, resource in iter_resources():
        for name, function in public_methods(resource):
            route = _MethodReader(f"{resource_path}.{name}", function).read()
            if route is not None:
                routes.append(route)
    return routes


def discover_endpoints() -> list[Endpoint]:
    """One :class:`Endpoint` per distinct (HTTP method, path) of the installed SDK, sorted by path."""
    by_route: dict[tuple[str, str], list[MethodRoute]] = defaultdict(list)
    for method_route in discover_method_routes():
        by_route[method_route.method, method_route.path].append(method_route)

    merged: list[tuple[MethodRoute, tuple[str, ...]]] = []
    for candidates in by_route.values():
        # the row is named after the method users should call: not deprecated, and the shortest
        # attribute path (``chat.completions.create`` rather than its ``beta.chat`` mount)
        primary, *others = sorted(candidates, key=lambda r: (r.deprecated, r.sdk_path.count("."), r.sdk_path))
        merged.append((primary, tuple(sorted(other.sdk_path for other in others))))

    collections = _collection_resources([primary for primary, _ in merged])
    list_paths = {primary.path for primary, _ in merged if primary.method == "GET" and primary.page}
    endpoints: list[Endpoint] = []
    for primary, aliases in merged:
        kind = _kind(primary, list_paths, collections)
        endpoints.append(
            Endpoint(
                sdk_path=primary.sdk_path,
                method=primary.method,
                path=primary.path,
                kind=kind,
                resource=_resource(primary.path, kind, collections),
                response=primary.response,
                response_alternatives=primary.response_alternatives,
                page=primary.page,
                params=primary.params,
                stream=primary.stream,
                stream_event=primary.stream_event,
                binary=primary.binary,
                request_body=primary.request_body,
                query_params=primary.query_params,
                aliases=aliases,
            )
        )
    return sorted(endpoints, key=lambda e: (e.path, e.method))


# --- kind and resource -------------------------------------------------------------------------


def _segments(path: str) -> tuple[list[str], str]:
    """A path template's segments and its hard-coded query (``?beta=true`` separates beta routes)."""
    base, _, query = path.partition("?")
    return base.strip("/").split("/"), query


def _is_param(segment: str) -> bool:
    return segment.startswith("{") and segment.endswith("}")


def _resource_name(sdk_path: str) -> str:
    resource = sdk_path.rpartition(".")[0]
    for alias, canonical in _ALIASED_PREFIXES.items():
        if resource.startswith(alias):
            resource = canonical + resource.removeprefix(alias)
    return resource


def _collection_resources(routes: list[MethodRoute]) -> dict[tuple[str, str], str]:
    """Map each collection path (plus query) that has an item route ``collection/{id}`` to its resource.

    Only collections with addressable items keep state worth mocking; singletons such as
    ``/organization/data_retention`` and one-shot POSTs such as ``/embeddings`` do not.
    """
    owners: dict[tuple[str, str], list[MethodRoute]] = defaultdict(list)
    for route in routes:
        segments, query = _segments(route.path)
        if len(segments) > 1 and _is_param(segments[-1]):
            owners["/".join(segments[:-1]), query].append(route)
    # the item's GET names the resource when several SDK resources touch one item path
    names = {
        collection: _resource_name(min(candidates, key=lambda r: (r.method != "GET", r.sdk_path)).sdk_path)
        for collection, candidates in owners.items()
    }
    # one SDK resource can own two collections (``videos`` has /videos and /videos/characters):
    # they must not share a store, or listing videos would return characters.  The shallowest
    # collection keeps the name, deeper ones add their last segment (``videos.characters``).
    claimed: set[str] = set()
    for collection in sorted(names, key=lambda key: (key[0].count("/"), key)):
        if names[collection] in claimed:
            names[collection] += "." + collection[0].rpartition("/")[2]
        claimed.add(names[collection])
    return names


def _resource(path: str, kind: Kind, collections: dict[tuple[str, str], str]) -> str | None:
    """The state store a route acts on (see :func:`_collection_resources`), or ``None``."""
    segments, query = _segments(path)
    if _is_param(segments[-1]):  # an item: /batches/{batch_id}
        return collections.get(("/".join(segments[:-1]), query))
    if ("/".join(segments), query) in collections:  # the collection itself: /batches
        return collections["/".join(segments), query]
    # an action on an item (/batches/{batch_id}/cancel) or its bytes (/files/{file_id}/content)
    # uses the item.  Other routes below an item (/fine_tuning/jobs/{id}/events,
    # /organization/projects/{id}/data_retention) hold objects of another type: backing them with
    # the item's store would list, return or delete the item itself, so they keep no state.
    if kind in ("action", "content") and len(segments) > 2 and _is_param(segments[-2]):
        return collections.get(("/".join(segments[:-2]), query))
    return None


def _kind(route: MethodRoute, list_paths: set[str], collections: dict[tuple[str, str], str]) -> Kind:
    """What the route's handler does by default, from its verb, path and response."""
    segments, query = _segments(route.path)
    # a POST to a collection creates an item in it; a collection is a path with a GET list route,
    # or with item routes below it (/videos/characters has no list, but /videos/characters/{id})
    posts_to_collection = route.path in list_paths or ("/".join(segments), query) in collections
    if route.binary:
        return "content"
    if route.page:
        return "list" if route.method == "GET" else "action"
    if route.method == "DELETE":
        return "delete"
    if route.method == "GET":
        return "retrieve"
    if route.sdk_path.endswith(".create") or posts_to_collection:
        return "create"
    if _is_param(segments[-1]):
        return "update"
    return "action"


# --- reading one method ------------------------------------------------------------------------


def _is_self_request(node: ast.AST) -> TypeGuard[ast.Call]:
    """``self._post(...)`` and the other request helpers of ``SyncAPIResource``."""
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == "self"
        and node.func.attr in _REQUEST_HELPERS
    )


def _keyword(call: ast.Call, name: str) -> ast.expr | None:
    return next((kw.value for kw in call.keywords if kw.arg == name), None)


def _called_name(node: ast.expr) -> str | None:
    """``cast`` for ``cast(...)`` and ``typing.cast(...)``; ``None`` if ``node`` is no call."""
    if not isinstance(node, ast.Call):
        return None
    if isinstance(node.func, ast.Name):
        return node.func.id
    if isinstance(node.func, ast.Attribute):
        return node.func.attr
    return None


class _MethodReader:
    """Reads the request one SDK method sends from its source."""

    def __init__(self, sdk_path: str, function: Callable[..., Any]) -> None:
        self.sdk_path = sdk_path
        self.deprecated = getattr(function, "__deprecated__", None) is not None
        self.function = inspect.unwrap(function)  # past @required_args and @deprecated wrappers
        self.namespace: dict[str, Any] = self.function.__globals__
        tree = ast.parse(textwrap.dedent(inspect.getsource(self.function)))
        self.body = tree.body[0]
        self.calls = [node for node in ast.walk(self.body) if _is_self_request(node)]

    def fail(self, what: str, node: ast.AST | None = None) -> UnsupportedSource:
        shown = f": {ast.unparse(node)}" if node is not None else ""
        return UnsupportedSource(f"{self.sdk_path}: {what}{shown}")

    def read(self) -> MethodRoute | None:
        if not self.calls:
            return None  # helper, websocket or local method: it calls other methods, not HTTP
        routes = {(self.http_method(call), self.path(call.args[0])) for call in self.calls}
        if len(routes) != 1:
            raise self.fail(f"one method sends several routes {sorted(routes)}")
        call = self.calls[-1]
        cast_to = _keyword(call, "cast_to")
        if cast_to is not None and self.is_parse_helper(cast_to):
            return None
        ((method, path),) = routes

        page_node = _keyword(call, "page")
        page: PageKind | None = None
        if page_node is not None:
            page, item = self.page(page_node)
            response: str | None = self.ref(_keyword(call, "model") or item)
            alternatives: tuple[str, ...] = ()
        elif cast_to is not None:
            response, alternatives = self.response(cast_to)
        else:
            raise self.fail("request without cast_to or page", call)

        stream_cls = _keyword(call, "stream_cls")
        query_keys, query_params = self.query(call)
        return MethodRoute(
            sdk_path=self.sdk_path,
            method=method,
            path=path,
            response=response,
            response_alternatives=alternatives,
            page=page,
            params=self.body_params(call) or query_params,
            stream=self.stream_mode(call, stream_cls),
            stream_event=self.stream_event(stream_cls) if stream_cls is not None else None,
            binary=cast_to is not None and self.is_binary(cast_to),
            request_body=self.request_body(),
            query_params=query_keys,
            deprecated=self.deprecated,
        )

    # -- method and path

    def http_method(self, call: ast.Call) -> str:
        assert isinstance(call.func, ast.Attribute)
        method_node = _keyword(call, "method")
        if call.func.attr == "_get_api_list" and method_node is not None:
            if not (isinstance(method_node, ast.Constant) and isinstance(method_node.value, str)):
                raise self.fail("non-literal method=", method_node)
            return method_node.value.upper()
        return _REQUEST_HELPERS[call.func.attr]

    def path(self, node: ast.expr) -> str:
        """The path template; literals, ``path_template(...)``, f-strings, ``+`` and local names."""
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return node.value
        if _called_name(node) == "path_template":
            assert isinstance(node, ast.Call)
            return self.path(node.args[0])
        if isinstance(node, ast.JoinedStr):
            return "".join(self.path_part(part) for part in node.values)
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            return self.path(node.left) + self.path(node.right)
        if isinstance(node, ast.Name):
            values = self.assigned_values(node.id)
            if len(values) == 1:
                return self.path(values[0])
        raise self.fail("cannot resolve path", node)

    def path_part(self, node: ast.expr) -> str:
        if isinstance(node, ast.FormattedValue):
            value = node.value
            if isinstance(value, ast.Name):
                return "{" + value.id + "}"
            if isinstance(value, ast.Attribute):
                return "{" + value.attr + "}"
            raise self.fail("cannot name f-string placeholder", value)
        return self.path(node)

    def assigned_values(self, name: str) -> list[ast.expr]:
        """Every value assigned to the local ``name`` (tuple unpacking gives up on it)."""
        values: list[ast.expr] = []
        for node in ast.walk(self.body):
            if isinstance(node, ast.Assign):
                if any(isinstance(t, ast.Name) and t.id == name for t in node.targets):
                    values.append(node.value)
            elif (
                isinstance(node, ast.AnnAssign)
                and node.value is not None
                and isinstance(node.target, ast.Name)
                and node.target.id == name
            ):
                values.append(node.value)
        return values

    # -- types

    def evaluate(self, node: ast.expr, namespace: dict[str, Any] | None = None) -> Any:
        namespace = self.namespace if namespace is None else namespace
        try:
            return eval(compile(ast.Expression(body=node), "<sdk>", "eval"), namespace)
        except Exception as error:
            raise self.fail(f"cannot evaluate ({error})", node) from error

    def ref(self, node: ast.expr, namespace: dict[str, Any] | None = None) -> str | None:
        """``"module:QualName"`` of the type ``node`` names; ``None`` for ``NoneType``."""
        namespace = self.namespace if namespace is None else namespace
        if _called_name(node) == "cast":  # cast(Any, Model) hides a union from the type checker
            assert isinstance(node, ast.Call)
            return self.ref(node.args[1], namespace)
        value = self.evaluate(node, namespace)
        if value is type(None) or value is None:
            return None
        if isinstance(value, type):
            return _class_ref(value)
        # a type alias (a discriminated union) has no name of its own: use the one the SDK gives it
        if isinstance(node, ast.Name):
            home = _alias_home(namespace["__name__"], node.id)
            return f"{home}:{node.id}"
        if isinstance(node, ast.Attribute):
            owner = self.evaluate(node.value, namespace)
            if isinstance(owner, ModuleType):
                return f"{_alias_home(owner.__name__, node.attr)}:{node.attr}"
        raise self.fail("cannot name type", node)

    def response(self, cast_to: ast.expr) -> tuple[str | None, tuple[str, ...]]:
        """The response model and, for unions, the alternatives after the first."""
        name = _called_name(cast_to)
        if name is not None and name != "cast":
            # a factory choosing the model at run time (by ``response_format``): its return
            # annotation, e.g. ``type[Transcription | TranscriptionVerbose | str]``, lists them
            assert isinstance(cast_to, ast.Call)
            factory = self.evaluate(cast_to.func)
            annotation = inspect.get_annotations(factory).get("return")
            if not isinstance(annotation, str):
                raise self.fail("factory without a string return annotation", cast_to)
            expression = ast.parse(annotation, mode="eval").body
            members = [self.ref(member, factory.__globals__) for member in self.union_members(expression)]
        else:
            members = [self.ref(member) for member in self.union_members(cast_to)]
        refs = [member for member in members if member is not None]
        if not refs:
            return None, ()
        return refs[0], tuple(refs[1:])

    def union_members(self, node: ast.expr) -> list[ast.expr]:
        """Flatten ``A | B``, ``Union[A, B]``, ``Optional[A]`` and ``type[...]`` into member nodes."""
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
            return self.union_members(node.left) + self.union_members(node.right)
        if isinstance(node, ast.Subscript):
            wrapper = ast.unparse(node.value).rpartition(".")[2]  # Optional, typing.Optional
            if wrapper in ("type", "Type", "Union", "Optional"):
                elements = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
                members = [m for element in elements for m in self.union_members(element)]
                if wrapper == "Optional":
                    members.append(ast.Constant(value=None))
                return members
        return [node]

    def is_parse_helper(self, cast_to: ast.expr) -> bool:
        """``cast(Type[ParsedX], X)``: 2.x ``parse()`` helpers re-send ``create``'s request inline."""
        if _called_name(cast_to) != "cast":
            return False
        assert isinstance(cast_to, ast.Call)
        target = cast_to.args[0]
        return isinstance(target, ast.Subscript) and ast.unparse(target.value) in ("Type", "type")

    def is_binary(self, cast_to: ast.expr) -> bool:
        value = self.evaluate(cast_to) if _called_name(cast_to) is None else None
        return isinstance(value, type) and value.__name__ == "HttpxBinaryResponseContent"

    def page(self, node: ast.expr) -> tuple[PageKind, ast.expr]:
        if not isinstance(node, ast.Subscript):
            raise self.fail("page= is not Page[Item]", node)
        page_class = self.evaluate(node.value)
        kind = _PAGE_KINDS.get(getattr(page_class, "__name__", ""))
        if kind is None:
            raise self.fail("unknown page class", node.value)
        return kind, node.slice

    # -- parameters

    def transform_call(self, node: ast.expr | None) -> ast.Call | None:
        """The ``maybe_transform(data, Params)`` call behind ``node`` (directly or via a local)."""
        if node is None:
            return None
        if _called_name(node) == "maybe_transform":
            assert isinstance(node, ast.Call)
            return node
        if isinstance(node, ast.Name):
            for value in self.assigned_values(node.id):
                found = self.transform_call(value)
                if found is not None:
                    return found
        return None

    def params_ref(self, transform: ast.Call | None) -> str | None:
        if transform is None or len(transform.args) < 2:
            return None
        params = transform.args[1]
        if isinstance(params, ast.IfExp):
            # ``XParamsStreaming if stream else XParamsNonStreaming``: their shared base declares
            # every field but ``stream``, so it describes the body whichever way it streams
            base = _common_typed_dict_base(self.evaluate(params.body), self.evaluate(params.orelse))
            return _class_ref(base) if base is not None else self.ref(params.orelse)
        return self.ref(params)

    def body_params(self, call: ast.Call) -> str | None:
        return self.params_ref(self.transform_call(_keyword(call, "body")))

    def query(self, call: ast.Call) -> tuple[tuple[str, ...], str | None]:
        """Names of the query parameters (keys of the literal dict) and their TypedDict."""
        options = _keyword(call, "options")
        query = _keyword(options, "query") if isinstance(options, ast.Call) else None
        transform = self.transform_call(query)
        if transform is None:
            return (), None
        data = transform.args[0]
        keys: tuple[str, ...] = ()
        if isinstance(data, ast.Dict):
            keys = tuple(
                key.value for key in data.keys if isinstance(key, ast.Constant) and isinstance(key.value, str)
            )
        return keys, self.params_ref(transform)

    def request_body(self) -> str:
        sends_files = any(_keyword(call, "files") is not None for call in self.calls)
        sends_raw = any(_keyword(call, "content") is not None for call in self.calls)
        if sends_files and sends_raw:
            return "raw|multipart"  # realtime.calls.create: an SDP offer, or multipart with a session
        if sends_files:
            # some methods switch to multipart only when a file is given, else they send JSON
            return "multipart|json" if self.multipart_is_conditional() else "multipart"
        if any(_keyword(call, "body") is not None for call in self.calls):
            return "json"
        return "none"

    def multipart_is_conditional(self) -> bool:
        for node in ast.walk(self.body):
            if isinstance(node, ast.If):
                for inner in ast.walk(node):
                    if isinstance(inner, ast.Constant) and inner.value == "multipart/form-data":
                        return True
        return False

    # -- streaming

    def stream_mode(self, call: ast.Call, stream_cls: ast.expr | None) -> StreamMode | None:
        stream = _keyword(call, "stream")
        if stream_cls is None or stream is None:
            return None
        if isinstance(stream, ast.Constant):
            return "always" if stream.value is True else None
        if "stream" in inspect.signature(self.function).parameters:
            return "optional"
        raise self.fail("cannot tell when the method streams", stream)

    def stream_event(self, stream_cls: ast.expr) -> str | None:
        if isinstance(stream_cls, ast.Subscript):  # Stream[ChatCompletionChunk]
            return self.ref(stream_cls.slice)
        # a Stream subclass such as ``AgentSessionEventStream(Stream[AgentSessionEvent], ...)``
        stream_class = self.evaluate(stream_cls)
        module = sys.modules[stream_class.__module__]
        class_def = ast.parse(textwrap.dedent(inspect.getsource(stream_class))).body[0]
        assert isinstance(class_def, ast.ClassDef)
        for base in class_def.bases:
            if isinstance(base, ast.Subscript):
                origin = self.evaluate(base.value, module.__dict__)
                if isinstance(origin, type) and any(c.__name__ == "Stream" for c in origin.__mro__):
                    return self.ref(base.slice, module.__dict__)
        raise self.fail("cannot find the event type of stream class", stream_cls)


# --- naming types --------------------------------------------------------------------------------


def _class_ref(cls: type) -> str:
    return f"{cls.__module__}:{cls.__qualname__}"


def _common_typed_dict_base(first: type, second: type) -> type | None:
    """The TypedDict both classes extend (TypedDicts keep their bases only in ``__orig_bases__``)."""
    first_bases = [base for base in getattr(first, "__orig_bases__", ()) if isinstance(base, type)]
    second_bases = set(getattr(second, "__orig_bases__", ()))
    return next((base for base in first_bases if base in second_bases and base is not dict), None)


@cache
def _alias_home(module_name: str, name: str) -> str:
    """The module that defines ``name``, following ``from x import name`` re-exports.

    Read from source, not from ``sys.modules``, so the answer never depends on import order.
    """
    module = importlib.import_module(module_name)
    try:
        tree = ast.parse(inspect.getsource(module))
    except (OSError, TypeError):
        return module_name
    package = module.__package__ or module_name.rpartition(".")[0]
    for statement in tree.body:
        if not isinstance(statement, ast.ImportFrom):
            continue
        for alias in statement.names:
            if alias.name != name or alias.asname not in (None, name):
                continue
            source = importlib.util.resolve_name("." * statement.level + (statement.module or ""), package)
            home = _alias_home(source, name)
            if getattr(importlib.import_module(home), name, None) is getattr(module, name, None):
                return home
    return module_name
