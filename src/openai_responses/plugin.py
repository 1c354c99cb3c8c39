"""The pytest plugin (entry point ``pytest11``): the ``openai_mock`` fixture and its marker.

def test_x(openai_mock): ...                       # an active mock for the test
@pytest.mark.openai_mock(base_url="https://gw.example.com/v1")
def test_y(openai_mock): ...                       # configured by the closest marker
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from ._mock import OpenAIMock


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "openai_mock(base_url=None, state=None, pass_through=()): configure the openai_mock fixture",
    )


@pytest.fixture
def openai_mock(request: pytest.FixtureRequest) -> Iterator[OpenAIMock]:
    """An active :class:`OpenAIMock` for the test; stopped at teardown."""
    marker = request.node.get_closest_marker("openai_mock")
    options: dict[str, Any] = dict(marker.kwargs) if marker is not None else {}
    if marker is not None and marker.args:
        raise pytest.UsageError(
            "@pytest.mark.openai_mock takes keyword arguments only (base_url, state, pass_through)"
        )
    with OpenAIMock(**options) as mock:
        yield mock
