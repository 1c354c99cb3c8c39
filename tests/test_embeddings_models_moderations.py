"""embeddings, models and moderations answered with zero configuration."""

from __future__ import annotations

import base64
import math
import struct

import openai
import pytest

from openai_responses import OpenAIMock

from .conftest import Awaitable, pages


async def test_one_vector_per_input_with_dimensions(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    result = await sdk.embeddings.create(model="text-embedding-3-small", input=["a", "b", "a"], dimensions=8)
    assert [d.index for d in result.data] == [0, 1, 2]
    assert all(len(d.embedding) == 8 for d in result.data)
    assert result.data[0].embedding == result.data[2].embedding != result.data[1].embedding
    assert math.isclose(sum(v * v for v in result.data[0].embedding), 1.0, rel_tol=1e-3)
    default = await sdk.embeddings.create(model="text-embedding-3-large", input="x")
    assert len(default.data[0].embedding) == 3072
    assert default.usage.total_tokens >= 1


async def test_float_and_base64_agree(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    floats = await sdk.embeddings.create(
        model="text-embedding-3-small", input="hi", encoding_format="float", dimensions=4
    )
    encoded = await sdk.embeddings.create(
        model="text-embedding-3-small", input="hi", encoding_format="base64", dimensions=4
    )
    assert openai_mock.embeddings.create.requests[1].params["encoding_format"] == "base64"
    assert isinstance(encoded.data[0].embedding, str)
    # the base64 form is the same vector as little-endian float32s
    decoded = struct.unpack("<4f", base64.b64decode(encoded.data[0].embedding))
    assert decoded == pytest.approx(floats.data[0].embedding, abs=1e-6)


async def test_models_are_seeded(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    ids = [m.id for m in await pages(await sdk.models.list())]
    assert "gpt-4o" in ids and "text-embedding-3-small" in ids
    model = await sdk.models.retrieve("gpt-4o")
    assert model.id == "gpt-4o" and model.object == "model"
    with pytest.raises(openai.NotFoundError) as caught:
        await sdk.models.retrieve("no-such-model")
    assert caught.value.code == "model_not_found"
    deleted = await sdk.models.delete("gpt-4o")
    assert deleted.deleted is True
    with pytest.raises(openai.NotFoundError):
        await sdk.models.retrieve("gpt-4o")


async def test_moderations(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    result = await sdk.moderations.create(input=["fine", "also fine"])
    assert len(result.results) == 2
    assert result.results[0].flagged is False
    assert result.results[0].categories.violence is False
    openai_mock.moderations.create.response = {"results": [{"flagged": True}]}
    flagged = await sdk.moderations.create(input="bad")
    assert flagged.results[0].flagged is True
