"""What a test suite for agents needs besides ``openai_mock``: an API key in the environment (the
frameworks build their own clients), and no Agents SDK traces left to export at exit.

These examples run only where the frameworks are installed (``pip install -e '.[frameworks]'``,
openai 3); elsewhere they are not collected at all.
"""

import importlib.util

import pytest

INSTALLED = all(importlib.util.find_spec(name) for name in ("agents", "pydantic_ai", "langchain_openai"))
collect_ignore_glob = [] if INSTALLED else ["test_*.py"]


@pytest.fixture(autouse=True)
def openai_api_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-fake123")


# --8<-- [start:no-traces]
@pytest.fixture(autouse=True)
def no_agent_traces():
    """The Agents SDK exports traces from a background thread, and once more at interpreter exit,
    when no mock is active any more: with tracing off there is nothing to send."""
    from agents import set_tracing_disabled

    set_tracing_disabled(True)
    yield
    set_tracing_disabled(False)
    # --8<-- [end:no-traces]
