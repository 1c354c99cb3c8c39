"""openai_responses: answer every OpenAI API call in-process, for tests.

@openai_responses.mock()
def test_chat(openai_mock: OpenAIMock) -> None:
    openai_mock.chat.completions.create.response = {"choices": [{"message": {"content": "Hi!"}}]}
    ...
"""

from __future__ import annotations

from ._mock import OpenAIMock, mock
from .stores import StateStore

__all__ = ["OpenAIMock", "StateStore", "__version__", "mock"]

__version__ = "1.0.0.dev0"
