"""A value that validates against a JSON schema: tool-call arguments and structured outputs work
with zero configuration (``chat.completions.parse(response_format=MyModel)`` returns a MyModel)."""

from __future__ import annotations

from typing import Any

_MAX_DEPTH = 12
#: the largest array and string an example holds, whatever ``minItems`` / ``minLength`` ask for
_MAX_ITEMS = 100
_MAX_LENGTH = 10_000
#: the most values one example holds (a recursive schema would otherwise grow exponentially)
_MAX_NODES = 5_000

# The schema comes from the request (``response_format``, a tool's ``parameters``), so any part of
# it may be malformed: a part of the wrong type is read as absent, never trusted.


def example_for(schema: Any, *, root: Any = None, depth: int = 0, name: str = "value") -> Any:
    """A deterministic value valid under ``schema`` (objects fill every listed property)."""
    return _example(schema, root=root, depth=depth, name=name, budget=[_MAX_NODES])


def _example(schema: Any, *, root: Any, depth: int, name: str, budget: list[int]) -> Any:
    # ``budget`` counts the values built so far: a recursive schema with several ``$ref``s to itself
    # would otherwise grow as (fields per level) ** depth
    budget[0] -= 1
    if budget[0] < 0:
        return None
    if not isinstance(schema, dict):
        return {}
    root = schema if root is None else root
    if depth > _MAX_DEPTH:
        return None
    if isinstance(schema.get("$ref"), str):
        return _example(_resolve(schema["$ref"], root), root=root, depth=depth + 1, name=name, budget=budget)
    if "const" in schema:
        return schema["const"]
    if isinstance(schema.get("enum"), list) and schema["enum"]:
        return schema["enum"][0]
    if "default" in schema:
        return schema["default"]
    for key in ("anyOf", "oneOf", "allOf"):
        options = schema.get(key)
        if isinstance(options, list) and options:
            if key == "allOf":
                merged: dict[str, Any] = {}
                for option in options:
                    value = _example(option, root=root, depth=depth + 1, name=name, budget=budget)
                    if isinstance(value, dict):
                        merged.update(value)
                return merged
            non_null = [o for o in options if not (isinstance(o, dict) and o.get("type") == "null")]
            return _example((non_null or options)[0], root=root, depth=depth + 1, name=name, budget=budget)
    kind = schema.get("type")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), "null")
    if kind is None:
        kind = "object" if "properties" in schema else "string"
    if kind == "object":
        properties = schema.get("properties")
        if not isinstance(properties, dict):
            return {}
        return {
            key: _example(value, root=root, depth=depth + 1, name=key, budget=budget)
            for key, value in properties.items()
        }
    if kind == "array":
        count = min(max(_integer(schema.get("minItems"), 1), 1), _MAX_ITEMS)
        return [
            _example(schema.get("items") or {}, root=root, depth=depth + 1, name=name, budget=budget)
            for _ in range(count)
        ]
    if kind == "string":
        return _string(schema, name)
    if kind == "integer":
        return _number(schema, 1, integer=True)
    if kind == "number":
        return _number(schema, 1.0, integer=False)
    if kind == "boolean":
        return True
    return None


def _string(schema: dict[str, Any], name: str) -> str:
    formats = {
        "date-time": "2026-01-01T00:00:00Z",
        "date": "2026-01-01",
        "time": "00:00:00",
        "email": "user@example.com",
        "uri": "https://example.com",
        "uuid": "00000000-0000-4000-8000-000000000000",
    }
    value = formats.get(str(schema.get("format")), name)
    minimum = min(_integer(schema.get("minLength"), 0), _MAX_LENGTH)
    maximum = schema.get("maxLength")
    if len(value) < minimum:
        value = value + "x" * (minimum - len(value))
    if isinstance(maximum, int) and maximum >= 0:
        value = value[:maximum]
    return value


def _integer(value: Any, default: int) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else default


def _number(schema: dict[str, Any], default: float, *, integer: bool) -> Any:
    value = default
    for key in ("minimum", "exclusiveMinimum"):
        if isinstance(schema.get(key), int | float):
            value = max(value, schema[key] + (1 if key == "exclusiveMinimum" else 0))
    for key in ("maximum", "exclusiveMaximum"):
        if isinstance(schema.get(key), int | float):
            value = min(value, schema[key] - (1 if key == "exclusiveMaximum" else 0))
    # bounds are finite (the body parser refuses infinities), so int() cannot overflow
    return int(value) if integer else float(value)


def _resolve(ref: str, root: Any) -> Any:
    if not ref.startswith("#"):
        return {}
    node = root
    for part in ref.lstrip("#/").split("/"):
        if not part:
            continue
        if not isinstance(node, dict):
            return {}
        node = node.get(part.replace("~1", "/").replace("~0", "~"), {})
    return node
