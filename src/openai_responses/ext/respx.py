"""``respx`` names: the router behind ``openai_mock.router`` and the routes it holds."""

from respx import MockRouter, Route, Router
from respx.models import Call, CallList

__all__ = ["Call", "CallList", "MockRouter", "Route", "Router"]
