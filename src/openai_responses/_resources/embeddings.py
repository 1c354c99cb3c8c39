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
from .._validation import ARTICLE, check_range, kind_of
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


#: the API's limit on the number of inputs of one request
MAX_INPUTS = 2048


def inputs_of(value: Any) -> list[str]:
    """The texts to embed: a string, strings, tokens (integers) or arrays of tokens."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        if value and all(_is_int(v) for v in value):
            return [" ".join(map(str, value))]  # one input given as tokens
        texts = []
        for position, item in enumerate(value):
            if isinstance(item, str):
                texts.append(item)
            elif isinstance(item, list) and all(_is_int(v) for v in item):
                texts.append(" ".join(map(str, item)))
            else:
                raise APIErrorAnswer(
                    400,
                    f"Invalid type for 'input[{position}]': expected a string or an array of integers, "
                    f"but got {ARTICLE[kind_of(item)]} instead.",
                    param=f"input[{position}]",
                    code="invalid_type",
                )
        return texts
    return []


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def create(context: Context, setting: Any) -> httpx.Response:
    if is_sdk_model(setting):
        return json_response(200, to_json(setting))
    params = context.params
    model = params.get("model") or "text-embedding-3-small"
    texts = inputs_of(params.get("input"))
    if not texts:
        raise APIErrorAnswer(400, "'input' must be a non-empty string or array.", param="input")
    if len(texts) > MAX_INPUTS:
        raise APIErrorAnswer(
            400,
            f"Invalid 'input': array too long. Expected an array with maximum length {MAX_INPUTS}, "
            f"but got an array with length {len(texts)} instead.",
            param="input",
            code="array_above_max_length",
        )
    # at most the model's own size (the largest model's for a model the mock does not know)
    native = MODEL_DIMENSIONS.get(model, max(MODEL_DIMENSIONS.values()))
    dimensions = check_range(params, "dimensions", 1, native) or MODEL_DIMENSIONS.get(model, 1536)
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
