"""Facts about each stateful resource, derived from the route table: where its objects live."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

from .endpoint import Endpoint
from .matching import split_template


@dataclass(frozen=True)
class Resource:
    """A collection of the API that keeps objects (``beta.threads.messages``)."""

    name: str
    #: the collection's path template (``/threads/{thread_id}/messages``)
    collection: str
    #: the path parameter naming one object (``message_id``)
    id_param: str | None
    #: the path parameters of the parents, in path order (``("thread_id",)``)
    parent_keys: tuple[str, ...]
    #: import reference of the object's model, from the create or retrieve route
    model: str | None


def _collection_of(endpoint: Endpoint, collection_paths: frozenset[str]) -> tuple[str, str | None]:
    """The collection path an endpoint acts on, and the id parameter of its items."""
    segments, names = split_template(endpoint.path)
    raw = endpoint.path.split("?")[0].strip("/").split("/")
    if endpoint.kind in ("create", "list") or endpoint.path in collection_paths:
        # an action posted to a collection itself (``fine_tuning.checkpoints.permissions.create``)
        # acts on the collection: its last path parameter names a parent, not one of the items
        return "/" + "/".join(raw), None
    # an item route, or an action on an item: cut at the last path parameter
    last_param = max((i for i, s in enumerate(segments) if s is None), default=None)
    if last_param is None:
        return "/" + "/".join(raw), None
    return "/" + "/".join(raw[:last_param]), names[-1]


@lru_cache(maxsize=1)
def resources() -> dict[str, Resource]:
    from .table import ROUTES

    found: dict[str, Resource] = {}
    collection_paths = frozenset(e.path for e in ROUTES if e.kind in ("create", "list"))
    models = _models(ROUTES)
    for endpoint in sorted(ROUTES, key=lambda e: (e.kind not in ("create", "retrieve"), e.path)):
        if endpoint.resource is None:
            continue
        collection, id_param = _collection_of(endpoint, collection_paths)
        known = found.get(endpoint.resource)
        _, parent_keys = split_template(collection)
        found[endpoint.resource] = Resource(
            name=endpoint.resource,
            collection=known.collection if known else collection,
            id_param=(known.id_param if known and known.id_param else id_param),
            parent_keys=known.parent_keys if known else parent_keys,
            model=models.get(endpoint.resource),
        )
    return found


#: where a resource's model comes from, best first: what a retrieve answers is the stored object
#: itself, while a create may answer something else (``conversations.items.create`` answers a list)
_MODEL_SOURCES = ("retrieve", "create", "update", "list")


def _models(routes: tuple[Endpoint, ...]) -> dict[str, str]:
    """Each resource's model reference, from its best source route."""
    best: dict[str, tuple[int, str]] = {}
    for endpoint in routes:
        if endpoint.resource is None or endpoint.response is None or endpoint.kind not in _MODEL_SOURCES:
            continue
        rank = _MODEL_SOURCES.index(endpoint.kind)
        known = best.get(endpoint.resource)
        if known is None or rank < known[0]:
            best[endpoint.resource] = (rank, endpoint.response)
    return {name: ref for name, (_, ref) in best.items()}


def parent_keys_of(name: str) -> tuple[str, ...]:
    resource = resources().get(name)
    return resource.parent_keys if resource else ()


@cache
def parent_resources(name: str) -> tuple[tuple[str, str], ...]:
    """``beta.threads.messages`` → ``(("thread_id", "beta.threads"),)``: the stores of its parents."""
    found = resources()
    resource = found.get(name)
    if resource is None:
        return ()
    return _named_in(resource.collection, {r.collection: r for r in found.values()})


def _named_in(path: str, by_collection: dict[str, Resource]) -> tuple[tuple[str, str], ...]:
    """The path parameters of ``path`` that name an object of a stateful resource, and its store."""
    named: list[tuple[str, str]] = []
    segments = path.split("?")[0].strip("/").split("/")
    for position, segment in enumerate(segments):
        if segment.startswith("{"):
            owner = by_collection.get("/" + "/".join(segments[:position]))
            if owner is not None and owner.id_param == segment[1:-1]:
                named.append((segment[1:-1], owner.name))
    return tuple(named)


@cache
def path_owners(endpoint: Endpoint) -> tuple[tuple[str, str], ...]:
    """For a route that keeps no state of its own (``fine_tuning.jobs.list_events``), the stores of
    the objects its path names (``(("fine_tuning_job_id", "fine_tuning.jobs"),)``), so that an
    unknown id there is the API's 404 too."""
    if endpoint.resource is not None:
        return ()
    beta = endpoint.sdk_path.startswith("beta.")
    by_collection: dict[str, Resource] = {}
    for resource in resources().values():
        known = by_collection.get(resource.collection)
        # ``beta.responses`` and ``responses`` share a path: each route belongs to its own family
        if known is None or resource.name.startswith("beta.") == beta:
            by_collection[resource.collection] = resource
    return _named_in(endpoint.path, by_collection)


def noun(name: str) -> str:
    """``beta.threads.messages`` → ``message``; ``vector_stores`` → ``vector store``."""
    last = name.rsplit(".", 1)[-1].replace("_", " ")
    if last.endswith("ies"):
        return last[:-3] + "y"
    if last.endswith(("sses", "uses", "xes", "ches", "shes")):  # ``responses`` is not ``respons``
        return last[:-2]
    return last[:-1] if last.endswith("s") else last
