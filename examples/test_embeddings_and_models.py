"""Embeddings, models and moderations with little or no configuration.

Shows that the default embeddings answer has one vector per input and honours ``dimensions``,
that ``models.list()`` answers from a seeded model list, and a moderation partial that flags one
category while the rest keep their defaults.
"""

import openai

import openai_responses
from openai_responses import OpenAIMock


# --8<-- [start:embeddings]
@openai_responses.mock()
def test_one_vector_per_input(openai_mock: OpenAIMock):
    client = openai.OpenAI(api_key="sk-fake123")
    chunks = ["first chunk", "second chunk", "third chunk"]

    response = client.embeddings.create(model="text-embedding-3-small", input=chunks, dimensions=256)

    assert [item.index for item in response.data] == [0, 1, 2]
    assert all(len(item.embedding) == 256 for item in response.data)
    assert response.model == "text-embedding-3-small"
    assert openai_mock.embeddings.create.requests[0].params["input"] == chunks
    # --8<-- [end:embeddings]


# --8<-- [start:models]
@openai_responses.mock()
def test_models_are_seeded(openai_mock: OpenAIMock):
    client = openai.OpenAI(api_key="sk-fake123")

    model_ids = [model.id for model in client.models.list()]

    assert model_ids  # the model list is not empty out of the box
    assert client.models.retrieve(model_ids[0]).id == model_ids[0]
    # --8<-- [end:models]


# --8<-- [start:moderations]
@openai_responses.mock()
def test_moderation_partial(openai_mock: OpenAIMock):
    openai_mock.moderations.create.response = {
        "results": [{"flagged": True, "categories": {"harassment": True}}]
    }

    client = openai.OpenAI(api_key="sk-fake123")
    moderation = client.moderations.create(model="omni-moderation-latest", input="you are terrible")

    result = moderation.results[0]
    assert result.flagged is True
    assert result.categories.harassment is True
    assert moderation.model == "omni-moderation-latest"
    # --8<-- [end:moderations]
