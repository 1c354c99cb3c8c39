"""Conversations over sync/async × httpx2/httpx: create (with items), retrieve, update, delete,
items create/list/retrieve/delete with pagination, and responses created in a conversation."""

from __future__ import annotations

import openai
import pytest

from openai_responses import OpenAIMock

from .conftest import Awaitable, pages

ITEMS = [
    {"type": "message", "role": "developer", "content": "Answer in French."},
    {"role": "user", "content": "Hello!"},
]


async def test_crud(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    conversation = await sdk.conversations.create(items=ITEMS, metadata={"topic": "demo"})
    assert conversation.id.startswith("conv_") and conversation.object == "conversation"
    assert conversation.metadata == {"topic": "demo"} and conversation.created_at > 0
    plain = await sdk.conversations.create()
    assert plain.metadata == {}
    assert (await sdk.conversations.retrieve(conversation.id)).metadata == {"topic": "demo"}
    updated = await sdk.conversations.update(conversation.id, metadata={"topic": "other"})
    assert updated.id == conversation.id and updated.metadata == {"topic": "other"}
    assert openai_mock.state.conversations.get(conversation.id).metadata == {"topic": "other"}
    deleted = await sdk.conversations.delete(conversation.id)
    assert deleted.id == conversation.id and deleted.deleted is True
    with pytest.raises(openai.NotFoundError) as caught:
        await sdk.conversations.retrieve(conversation.id)
    assert caught.value.body["message"] == f"No conversation found with id '{conversation.id}'."
    with pytest.raises(openai.NotFoundError):
        await sdk.conversations.items.list(conversation.id)


async def test_initial_items(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    conversation = await sdk.conversations.create(items=ITEMS)
    items = await pages(await sdk.conversations.items.list(conversation.id, order="asc"))
    assert [(item.type, item.role, item.status) for item in items] == [
        ("message", "developer", "completed"),
        ("message", "user", "completed"),
    ]
    assert all(item.id.startswith("msg_") for item in items)
    assert [(part.type, part.text) for part in items[1].content] == [("input_text", "Hello!")]
    stored = openai_mock.state.conversations.items.list(conversation.id, order="asc").data
    assert [item["id"] for item in stored] == [item.id for item in items]


async def test_items_create_list_retrieve_delete(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    conversation = await sdk.conversations.create()
    added = await sdk.conversations.items.create(
        conversation.id,
        items=[
            {"role": "user", "content": f"message {n}"}
            if n % 2 == 0
            else {"role": "assistant", "content": f"message {n}"}
            for n in range(5)
        ],
    )
    assert added.object == "list" and len(added.data) == 5 and added.has_more is False
    assert added.first_id == added.data[0].id and added.last_id == added.data[-1].id
    assert added.data[1].content[0].type == "output_text"  # an assistant's easy message is output text

    newest = await sdk.conversations.items.list(conversation.id, limit=2)  # newest first by default
    assert [item.content[0].text for item in newest.data] == ["message 4", "message 3"]
    assert newest.has_more is True
    every = await pages(await sdk.conversations.items.list(conversation.id, limit=2, order="asc"))
    assert [item.content[0].text for item in every] == [f"message {n}" for n in range(5)]
    after = await sdk.conversations.items.list(conversation.id, order="asc", after=added.data[2].id)
    assert [item.content[0].text for item in after.data] == ["message 3", "message 4"]

    item = await sdk.conversations.items.retrieve(added.data[0].id, conversation_id=conversation.id)
    assert item.id == added.data[0].id and item.content[0].text == "message 0"
    answer = await sdk.conversations.items.delete(added.data[0].id, conversation_id=conversation.id)
    assert answer.id == conversation.id and answer.object == "conversation"  # the conversation
    with pytest.raises(openai.NotFoundError):
        await sdk.conversations.items.retrieve(added.data[0].id, conversation_id=conversation.id)
    assert len(await pages(await sdk.conversations.items.list(conversation.id))) == 4


async def test_items_live_under_their_conversation(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    one = await sdk.conversations.create(items=ITEMS)
    other = await sdk.conversations.create()
    item_id = (await sdk.conversations.items.list(one.id)).data[0].id
    with pytest.raises(openai.NotFoundError):
        await sdk.conversations.items.retrieve(item_id, conversation_id=other.id)
    with pytest.raises(openai.NotFoundError) as caught:
        await sdk.conversations.items.create("conv_missing", items=ITEMS)
    assert caught.value.body["message"] == "No conversation found with id 'conv_missing'."
    assert caught.value.body["param"] == "conversation_id"


async def test_responses_append_to_the_conversation(openai_mock: OpenAIMock, sdk: Awaitable) -> None:
    conversation = await sdk.conversations.create(items=[{"role": "developer", "content": "Be brief."}])
    first = await sdk.responses.create(model="gpt-4o", input="Hello!", conversation=conversation.id)
    assert first.conversation.id == conversation.id
    second = await sdk.responses.create(
        model="gpt-4o",
        input=[{"role": "user", "content": "And again."}],
        conversation={"id": conversation.id},
    )
    items = await pages(await sdk.conversations.items.list(conversation.id, order="asc"))
    assert [(item.role, item.content[0].text) for item in items] == [
        ("developer", "Be brief."),
        ("user", "Hello!"),
        ("assistant", first.output_text),
        ("user", "And again."),
        ("assistant", second.output_text),
    ]
    assert items[2].id == first.output[0].id
    # the conversation's items count as input
    alone = await sdk.responses.create(model="gpt-4o", input="And again.")
    assert second.usage.input_tokens > alone.usage.input_tokens


async def test_background_response_appends_its_output_when_done(
    openai_mock: OpenAIMock, sdk: Awaitable
) -> None:
    conversation = await sdk.conversations.create()
    created = await sdk.responses.create(
        model="gpt-4o", input="Hi", conversation=conversation.id, background=True
    )
    queued = await pages(await sdk.conversations.items.list(conversation.id))
    assert [item.role for item in queued] == ["user"]
    done = await sdk.responses.retrieve(created.id)
    items = await pages(await sdk.conversations.items.list(conversation.id, order="asc"))
    assert [item.id for item in items][1:] == [done.output[0].id]


async def test_conversation_must_exist_and_excludes_a_previous_response(
    openai_mock: OpenAIMock, sdk: Awaitable
) -> None:
    with pytest.raises(openai.NotFoundError) as caught:
        await sdk.responses.create(model="gpt-4o", input="x", conversation="conv_missing")
    assert caught.value.body == {
        "message": "No conversation found with id 'conv_missing'.",
        "type": "invalid_request_error",
        "param": "conversation",
        "code": None,
    }
    conversation = await sdk.conversations.create()
    first = await sdk.responses.create(model="gpt-4o", input="x")
    with pytest.raises(openai.BadRequestError) as mixed:
        await sdk.responses.create(
            model="gpt-4o", input="x", conversation=conversation.id, previous_response_id=first.id
        )
    assert mixed.value.body["message"] == (
        "Mutually exclusive parameters: Ensure you are only providing one of: "
        "'previous_response_id' or 'conversation'."
    )
