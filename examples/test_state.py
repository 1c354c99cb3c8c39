"""State: what stateful routes store, a store shared on purpose, and state in response functions.

Shows ``openai_mock.state`` filled by SDK calls and read back in the test, 404s for unknown ids,
a ``StateStore`` seeded once and passed with ``state=`` to every run of a parametrized test, and a
response function that receives ``state_store`` and the route's path parameter (``completion_id``)
to simulate a stored chat completion that is not visible on the first read.
"""

import openai
import pytest
from openai.types import FileObject

import openai_responses
from openai_responses import OpenAIMock, StateStore
from openai_responses.ext.httpx import Request, Response
from openai_responses.ext.respx import Route


# --8<-- [start:state]
@openai_responses.mock()
def test_created_objects_are_stored(openai_mock: OpenAIMock):
    client = openai.OpenAI(api_key="sk-fake123")

    uploaded = client.files.create(file=("notes.txt", b"remember the milk"), purpose="assistants")

    stored = openai_mock.state.files.get(uploaded.id)
    assert stored.filename == "notes.txt"
    assert client.files.retrieve(uploaded.id).id == uploaded.id

    openai_mock.state.files.delete(uploaded.id)  # change state behind the SDK's back
    with pytest.raises(openai.NotFoundError):
        client.files.retrieve(uploaded.id)
    # --8<-- [end:state]


@openai_responses.mock()
def test_unknown_id_is_a_404(openai_mock: OpenAIMock):
    client = openai.OpenAI(api_key="sk-fake123")

    with pytest.raises(openai.NotFoundError) as exc_info:
        client.files.retrieve("file-does-not-exist")

    assert exc_info.value.status_code == 404


# --8<-- [start:shared]
# Built once, at import. Every run below starts from it on purpose.
CATALOG = StateStore()
for file_id, filename in [("file-handbook", "handbook.pdf"), ("file-pricing", "pricing.csv")]:
    CATALOG.files.put(
        FileObject(
            id=file_id,
            object="file",
            bytes=1024,
            created_at=1_730_000_000,
            filename=filename,
            purpose="assistants",
            status="processed",
        )
    )


@pytest.mark.parametrize(
    ("file_id", "filename"),
    [("file-handbook", "handbook.pdf"), ("file-pricing", "pricing.csv")],
)
@openai_responses.mock(state=CATALOG)
def test_seeded_state(openai_mock: OpenAIMock, file_id: str, filename: str):
    client = openai.OpenAI(api_key="sk-fake123")

    assert client.files.retrieve(file_id).filename == filename
    assert openai_mock.state is CATALOG
    # --8<-- [end:shared]


# --8<-- [start:function]
def not_visible_on_first_read(
    request: Request,
    route: Route,
    *,
    state_store: StateStore,
    completion_id: str,
) -> Response:
    """Simulate replication lag: the first read 404s, later reads return the stored completion."""
    if route.call_count == 0:
        error = {
            "message": f"No chat completion found with id '{completion_id}'.",
            "type": "invalid_request_error",
            "param": None,
            "code": None,
        }
        return Response(404, json={"error": error})

    completion = state_store.chat.completions.get(completion_id)
    return Response(200, json=completion.model_dump(mode="json"))


def fetch_stored_completion(client: openai.OpenAI, completion_id: str, attempts: int = 3):
    """Code under test: read a stored completion, tolerating a short replication lag."""
    for attempt in range(attempts):
        try:
            return client.chat.completions.retrieve(completion_id)
        except openai.NotFoundError:
            if attempt == attempts - 1:
                raise
    raise AssertionError("unreachable")


@openai_responses.mock()
def test_function_with_state_and_path_parameter(openai_mock: OpenAIMock):
    openai_mock.chat.completions.retrieve.response = not_visible_on_first_read

    client = openai.OpenAI(api_key="sk-fake123")
    created = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": "Hello!"}],
        store=True,
        metadata={"ticket": "T-42"},
    )

    fetched = fetch_stored_completion(client, created.id)

    assert fetched.id == created.id
    assert fetched.metadata == {"ticket": "T-42"}
    assert openai_mock.chat.completions.retrieve.calls.call_count == 2
    assert openai_mock.chat.completions.retrieve.requests[1].path_params["completion_id"] == created.id
    # --8<-- [end:function]
