"""Vector stores: files uploaded, attached and processed like the real API, counts that always
match the stored files, and a search that reads the files' bytes."""

import openai

import openai_responses
from openai_responses import OpenAIMock

DOCS = {
    "returns.md": b"Returns are accepted within 30 days of delivery.\n\nRefunds take 5 business days.",
    "shipping.md": b"We ship to every country in the European Union. Shipping is free above 50 euros.",
}


# --8<-- [start:knowledge-base]
def build_knowledge_base(client: openai.OpenAI, docs: dict[str, bytes]) -> str:
    """Code under test: a vector store with every document processed."""
    store = client.vector_stores.create(name="help-center")
    batch = client.vector_stores.file_batches.upload_and_poll(store.id, files=list(docs.items()))
    if batch.file_counts.completed != len(docs):
        raise RuntimeError(f"{batch.file_counts.failed} documents failed")
    return store.id


def answer_sources(client: openai.OpenAI, store_id: str, question: str) -> list[str]:
    """Code under test: the documents that answer a question, best first."""
    results = client.vector_stores.search(store_id, query=question, max_num_results=3)
    return [result.filename for result in results.data]


@openai_responses.mock()
def test_knowledge_base(openai_mock: OpenAIMock):
    client = openai.OpenAI(api_key="sk-fake123")

    store_id = build_knowledge_base(client, DOCS)

    store = client.vector_stores.retrieve(store_id)
    assert store.status == "completed"
    assert store.file_counts.completed == 2 and store.file_counts.total == 2
    assert store.usage_bytes == sum(len(content) for content in DOCS.values())
    # the search reads the uploaded bytes: passages containing the query's words, best first
    assert answer_sources(client, store_id, "how long do refunds take") == ["returns.md"]
    assert answer_sources(client, store_id, "free shipping") == ["shipping.md"]
    # --8<-- [end:knowledge-base]


# --8<-- [start:failed-files]
@openai_responses.mock()
def test_failed_documents(openai_mock: OpenAIMock):
    openai_mock.lifecycle(
        "vector_stores.files", end="failed", error={"code": "invalid_file", "message": "File is empty."}
    )
    client = openai.OpenAI(api_key="sk-fake123")

    try:
        build_knowledge_base(client, DOCS)
    except RuntimeError as error:
        assert str(error) == "2 documents failed"
    else:
        raise AssertionError("expected the documents to fail")

    (store,) = openai_mock.state.vector_stores
    assert store.file_counts.failed == 2
    assert all(f.last_error.code == "invalid_file" for f in openai_mock.state.vector_stores.files)
    # --8<-- [end:failed-files]
