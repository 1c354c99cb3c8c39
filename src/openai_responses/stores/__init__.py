"""In-memory state of the mocked API: one store per resource family, mirroring the SDK's tree.

``state.files``, ``state.beta.threads.messages``, ``state.vector_stores.files`` ... are created the
first time they are touched. Objects are kept in creation order, keyed by id (unique across parents),
each with the ids of its parents (a message's thread). Listing walks an ordered index from the
cursor, so a page costs the same whether the store holds a hundred objects or a hundred thousand.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

__all__ = ["Page", "ResourceStore", "StateStore"]


@dataclass(frozen=True)
class Page:
    """One page of a list: the SDK's cursor-pagination contract."""

    data: list[Any]
    has_more: bool

    @property
    def first_id(self) -> str | None:
        return _object_id(self.data[0]) if self.data else None

    @property
    def last_id(self) -> str | None:
        return _object_id(self.data[-1]) if self.data else None


def _object_id(obj: Any) -> str | None:
    value = obj.get("id") if isinstance(obj, dict) else getattr(obj, "id", None)
    return value if isinstance(value, str) else None


class _OrderedIds:
    """Ids in creation order with O(1) position lookup; deletions leave holes compacted lazily."""

    __slots__ = ("_holes", "_ids", "_position")

    def __init__(self) -> None:
        self._ids: list[str | None] = []
        self._position: dict[str, int] = {}
        self._holes = 0

    def __len__(self) -> int:
        return len(self._position)

    def __contains__(self, object_id: str) -> bool:
        return object_id in self._position

    def add(self, object_id: str) -> None:
        if object_id in self._position:
            return
        self._position[object_id] = len(self._ids)
        self._ids.append(object_id)

    def remove(self, object_id: str) -> None:
        position = self._position.pop(object_id, None)
        if position is None:
            return
        self._ids[position] = None
        self._holes += 1
        if self._holes > 64 and self._holes * 2 > len(self._ids):
            self._ids = [i for i in self._ids if i is not None]
            self._position = {i: n for n, i in enumerate(self._ids) if i is not None}
            self._holes = 0

    def walk(self, start: int, step: int) -> Iterator[str]:
        ids = self._ids
        position = start
        while 0 <= position < len(ids):
            object_id = ids[position]
            if object_id is not None:
                yield object_id
            position += step

    def position(self, object_id: str) -> int | None:
        return self._position.get(object_id)

    def last_position(self) -> int:
        return len(self._ids) - 1


class ResourceStore:
    """The objects of one resource family (``state.beta.threads.messages``).

    Objects are SDK models or plain dicts with an ``id``. ``parents`` are the ids of the objects the
    resource lives under, in path order (``messages.put(message, "thread_abc")``); when omitted they
    are read from the object's ``<parent>_id`` attributes where the resource knows their names.
    Child stores are reached as attributes: ``store.messages``.
    """

    def __init__(self, name: str, root: StateStore) -> None:
        self.name = name
        self._root = root
        self._lock = threading.RLock()
        self._objects: dict[str, Any] = {}
        self._parents_of: dict[str, tuple[str, ...]] = {}
        self._order: dict[tuple[str, ...], _OrderedIds] = {}
        self._content: dict[str, bytes] = {}
        self._extra: dict[str, dict[str, Any]] = {}
        #: names of the parent path parameters (``("thread_id",)``), set by the route table
        self.parent_keys: tuple[str, ...] = ()

    def __repr__(self) -> str:
        return f"<ResourceStore {self.name!r}: {len(self._objects)} objects>"

    def __getattr__(self, name: str) -> ResourceStore:
        if name.startswith("_"):
            raise AttributeError(name)
        return self._root.store(f"{self.name}.{name}")

    def __len__(self) -> int:
        return len(self._objects)

    def __contains__(self, object_id: object) -> bool:
        return object_id in self._objects

    def __iter__(self) -> Iterator[Any]:
        with self._lock:
            return iter(list(self._objects.values()))

    def _parents_from(self, obj: Any) -> tuple[str, ...]:
        parents: list[str] = []
        for key in self.parent_keys:
            value = obj.get(key) if isinstance(obj, dict) else getattr(obj, key, None)
            if not isinstance(value, str):
                return ()
            parents.append(value)
        return tuple(parents)

    def put(self, obj: Any, *parents: str) -> Any:
        """Store ``obj`` (replacing an object with the same id) and return it."""
        object_id = _object_id(obj)
        if object_id is None:
            raise ValueError(f"cannot store {obj!r} in {self.name!r}: it has no string 'id'")
        with self._lock:
            known = self._parents_of.get(object_id)
            if known is not None and (not parents or parents == known):
                self._objects[object_id] = obj
                return obj
            if known is not None:
                self._order[known].remove(object_id)
            parent_ids = tuple(parents) if parents else self._parents_from(obj)
            self._objects[object_id] = obj
            self._parents_of[object_id] = parent_ids
            self._order.setdefault(parent_ids, _OrderedIds()).add(object_id)
        return obj

    def get(self, object_id: str, *parents: str) -> Any | None:
        """The object with this id, or ``None``; given ``parents``, only if it lives under them."""
        obj = self._objects.get(object_id)
        if obj is not None and parents and self._parents_of.get(object_id) != tuple(parents):
            return None
        return obj

    def parents(self, object_id: str) -> tuple[str, ...] | None:
        """The parent ids the object was stored under."""
        return self._parents_of.get(object_id)

    def delete(self, object_id: str) -> bool:
        """Remove the object (and its content); ``True`` if it existed."""
        with self._lock:
            if object_id not in self._objects:
                return False
            del self._objects[object_id]
            parent_ids = self._parents_of.pop(object_id)
            self._order[parent_ids].remove(object_id)
            self._content.pop(object_id, None)
            self._extra.pop(object_id, None)
            return True

    def put_content(self, object_id: str, content: bytes) -> None:
        """Keep the bytes of an object (a file's upload)."""
        self._content[object_id] = content

    def get_content(self, object_id: str) -> bytes | None:
        return self._content.get(object_id)

    def extra(self, object_id: str) -> dict[str, Any]:
        """Free-form side data the mock keeps per object (poll counts, request messages ...)."""
        with self._lock:
            return self._extra.setdefault(object_id, {})

    def count(self, *parents: str) -> int:
        order = self._order.get(tuple(parents))
        return len(order) if order is not None else 0

    def list(
        self,
        *parents: str,
        limit: int | None = 20,
        order: Literal["asc", "desc"] | str | None = "desc",
        after: str | None = None,
        before: str | None = None,
        where: Callable[[Any], bool] | None = None,
    ) -> Page:
        """One page of the objects under ``parents`` following the SDK's cursor contract.

        ``order="desc"`` (the API's default) lists newest first. ``after`` starts after that id in
        the chosen order, ``before`` ends before it. ``has_more`` says whether a further page exists.
        ``where`` keeps only the objects it accepts (``files.list(purpose=...)``); the cursors may
        name any object, kept or not.
        """
        size = 20 if limit is None else max(int(limit), 0)
        step = 1 if order == "asc" else -1
        with self._lock:
            ids = self._order.get(tuple(parents))
            if ids is None:
                return Page(data=[], has_more=False)
            if before is not None:
                # walk backwards from the cursor, then restore the requested order
                position = ids.position(before)
                if position is None:
                    return Page(data=[], has_more=False)
                walker = self._kept(ids.walk(position - step, -step), where)
                taken = [self._objects[i] for _, i in zip(range(size + 1), walker, strict=False)]
                has_more = len(taken) > size
                return Page(data=list(reversed(taken[:size])), has_more=has_more)
            if after is not None:
                position = ids.position(after)
                if position is None:
                    return Page(data=[], has_more=False)
                start = position + step
            else:
                start = 0 if step == 1 else ids.last_position()
            walker = self._kept(ids.walk(start, step), where)
            taken = [self._objects[i] for _, i in zip(range(size + 1), walker, strict=False)]
            return Page(data=taken[:size], has_more=len(taken) > size)

    def _kept(self, walker: Iterator[str], where: Callable[[Any], bool] | None) -> Iterator[str]:
        if where is None:
            return walker
        return (object_id for object_id in walker if where(self._objects[object_id]))


class StateStore:
    """The whole in-memory state of a mock: ``state.files``, ``state.beta.threads`` ...

    Stores are created lazily, so an unused resource costs nothing. Pass the same ``StateStore`` to
    several mocks (``mock(state=...)``) to share state on purpose.
    """

    def __init__(self) -> None:
        self._stores: dict[str, ResourceStore] = {}
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        used = ", ".join(f"{name}={len(store)}" for name, store in self._stores.items() if len(store))
        return f"<StateStore {used or 'empty'}>"

    def store(self, name: str) -> ResourceStore:
        """The store of a resource by its dotted SDK path (``"beta.threads.messages"``)."""
        found = self._stores.get(name)
        if found is not None:
            return found
        with self._lock:
            found = self._stores.get(name)
            if found is None:
                found = ResourceStore(name, self)
                from .._routes.resources import parent_keys_of

                found.parent_keys = parent_keys_of(name)
                self._stores[name] = found
            return found

    def __getattr__(self, name: str) -> ResourceStore:
        if name.startswith("_"):
            raise AttributeError(name)
        return self.store(name)

    def clear(self) -> None:
        """Forget every object."""
        with self._lock:
            self._stores.clear()
