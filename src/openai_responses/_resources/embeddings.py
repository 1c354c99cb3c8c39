"""``embeddings.create``: one deterministic unit vector per input, of the model's dimension (or
``dimensions``), as floats or as the base64 of little-endian float32s (``encoding_format``)."""

from __future__ import annotations

import base64
import hashlib
import math
import struct
from typing import Any

import httpx

from .._engine import Context
from .._merge import merge
from .._objects import to_json
from .._settings import is_sdk_model
from .._wire import APIErrorAnswer, json_response
from .chat.completions import estimate_tokens

MODEL_DIMENSIONS = {
    "text-embedding-3-large": 3072,
    "text-embedding-3-small": 1536,
    "text-embedding-ada-002": 1536,
}


def vector(text: str, dimensions: int) -> list[float]:
    """A unit vector that depends only on the text: equal inputs embed equally."""
    seed = hashlib.sha256(text.encode()).digest()
    values: list[float] = []
    counter = 0
    while len(values) < dimensions:
        block = hashlib.sha256(seed + counter.to_bytes(4, "little")).digest()
        values.extend((byte - 127.5) / 127.5 for byte in block)
        counter += 1
    values = values[:dimensions]
    norm = math.sqrt(sum(v * v for v in values)) or 1.0
    return [round(v / norm, 6) for v in values]


def inputs_of(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        if value and all(isinstance(v, int) for v in value):
            return [" ".join(map(str, value))]  # one input given as tokens
        return [v if isinstance(v, str) else " ".join(map(str, v)) for v in value]
    return []


def create(context: Context, setting: Any) -> httpx.Response:
    if is_sdk_model(setting):
        return json_response(200, to_json(setting))
    params = context.params
    model = params.get("model") or "text-embedding-3-small"
    texts = inputs_of(params.get("input"))
    if not texts:
        raise APIErrorAnswer(400, "'input' must be a non-empty string or array.", param="input")
    dimensions = params.get("dimensions")
    if dimensions is None:
        dimensions = MODEL_DIMENSIONS.get(model, 1536)
    if not isinstance(dimensions, int) or dimensions < 1:
        raise APIErrorAnswer(400, f"Invalid value for 'dimensions': {dimensions!r}.", param="dimensions")
    as_base64 = params.get("encoding_format") == "base64"
    data = []
    for index, text in enumerate(texts):
        values = vector(text, dimensions)
        embedding: Any = (
            base64.b64encode(struct.pack(f"<{len(values)}f", *values)).decode() if as_base64 else values
        )
        data.append({"object": "embedding", "index": index, "embedding": embedding})
    tokens = sum(estimate_tokens(t) or 1 for t in texts)
    obj: dict[str, Any] = {
        "object": "list",
        "data": data,
        "model": model,
        "usage": {"prompt_tokens": tokens, "total_tokens": tokens},
    }
    if setting:
        obj = merge(obj, setting)
    return json_response(200, obj)
