"""Merging a user's partial over a generated object: dicts merge recursively, the user wins."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def merge(base: Any, partial: Any) -> Any:
    """Return ``base`` with ``partial`` laid over it.

    Dicts merge key by key, recursively. A list in the partial replaces the base list; each of its
    dict elements is merged over the base element at the same index when there is one (so that a
    partial ``choices: [{"message": {...}}]`` keeps the default ``index`` and ``finish_reason``).
    Anything else in the partial replaces the base value.
    """
    if isinstance(partial, Mapping):
        if not isinstance(base, dict):
            return {key: merge(None, value) for key, value in partial.items()}
        merged = dict(base)
        for key, value in partial.items():
            merged[key] = merge(base.get(key), value)
        return merged
    if isinstance(partial, list | tuple):
        base_list = base if isinstance(base, list) else []
        template = base_list[0] if base_list else None
        merged_list: list[Any] = []
        for position, item in enumerate(partial):
            if not isinstance(item, Mapping):
                merged_list.append(merge(None, item))
            elif position < len(base_list):
                merged_list.append(merge(base_list[position], item))
            else:
                element = merge(template, item)
                # An element past the default list copies the first default element: it must not
                # also copy its position (choices, data items and outputs all carry an ``index``).
                if isinstance(element, dict) and "index" in element and "index" not in item:
                    element["index"] = position
                merged_list.append(element)
        return merged_list
    return partial
