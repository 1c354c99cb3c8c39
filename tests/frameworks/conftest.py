"""Real agent frameworks against the mock, with nothing configured but the mock.

These tests need the ``frameworks`` extra (``pip install -e '.[frameworks]'``, openai 3 only) and
are marked ``frameworks``: CI runs them in a step of their own (``pytest -m frameworks``). Where the
frameworks are not installed, the modules are not collected at all (no skips), unless that step
asked for them, which then fails loudly.
"""

from __future__ import annotations

import asyncio
import importlib.util
import warnings
from collections.abc import Iterator

import pytest

from openai_responses import OpenAIMock

FRAMEWORKS = {
    "agents": "openai-agents",
    "pydantic_ai": "pydantic-ai-slim[openai]",
    "langchain_openai": "langchain-openai",
}
MISSING = [package for module, package in FRAMEWORKS.items() if importlib.util.find_spec(module) is None]

collect_ignore_glob = ["test_*.py"] if MISSING else []


def pytest_configure(config: pytest.Config) -> None:
    if MISSING and config.getoption("markexpr") == "frameworks":
        raise pytest.UsageError(
            f"-m frameworks runs the framework tests, but {', '.join(MISSING)} missing: "
            "pip install -e '.[frameworks]'"
        )


@pytest.fixture(autouse=True)
def api_key(monkeypatch: pytest.MonkeyPatch) -> None:
    """The frameworks build their own clients and read the key from the environment."""
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")


@pytest.fixture(autouse=True)
def agent_traces_flushed_while_mocked(openai_mock: OpenAIMock, api_key: None) -> Iterator[None]:
    """Export the Agents SDK's pending traces while the mock still answers ``/v1/traces/ingest``.

    The SDK exports from a background thread every few seconds and once more at interpreter exit;
    flushed here (before ``openai_mock`` stops, since this fixture depends on it), nothing is left
    to go to the real network at exit.
    """
    yield
    if importlib.util.find_spec("agents") is not None:
        from agents.tracing import get_trace_provider

        get_trace_provider().force_flush()


@pytest.fixture(autouse=True)
def close_the_sync_runners_loop() -> Iterator[None]:
    """Close the event loop the frameworks' sync runners leave on the thread.

    ``Runner.run_sync`` (openai-agents) and pydantic-ai's ``run_sync`` keep the thread's default
    loop open between runs; openai-agents also shuts down its async generators after each run, so
    a later run on the same loop warns (ResourceWarning), and the loop itself warns when collected.
    This suite's ``-W error`` turns those into failures. With the loop closed, the next run starts
    a fresh one (both frameworks' own rule). Nothing here concerns the mock.
    """
    yield
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)  # get_event_loop() with none running
            loop = asyncio.get_event_loop_policy().get_event_loop()
    except RuntimeError:  # none left on the thread (pytest-asyncio closed and unset its own)
        return
    if not loop.is_running():
        loop.close()
