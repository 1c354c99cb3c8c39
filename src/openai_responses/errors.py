"""The library's own errors.

They subclass ``openai.OpenAIError`` on purpose: both SDK majors let an ``OpenAIError`` raised by the
transport reach the caller as itself, unretried, where any other exception would be retried and then
disguised as an ``APIConnectionError`` (openai 2.x).
"""

from __future__ import annotations

import openai

__all__ = [
    "MockConfigurationError",
    "OpenAIResponsesError",
    "ScriptExhaustedError",
    "UnmockedHostError",
    "UnsupportedEndpointError",
]


class OpenAIResponsesError(openai.OpenAIError):
    """Base class of every error raised by ``openai_responses`` itself."""


class UnmockedHostError(OpenAIResponsesError):
    """A request went to a host that no mock answers and that is not allowed to pass through."""


class UnsupportedEndpointError(OpenAIResponsesError, AttributeError):
    """The SDK method exists but an HTTP mock cannot answer it: the websocket ``connect()`` methods.

    Raised when such a method is looked up on the mock (``openai_mock.realtime.connect``); it is an
    ``AttributeError`` too, because the mock has no route object there.
    """


class MockConfigurationError(OpenAIResponsesError):
    """A setting of the mock was misused: the message says what to do instead."""


class ScriptExhaustedError(OpenAIResponsesError):
    """A list of responses set on a route had fewer entries than the calls made."""
