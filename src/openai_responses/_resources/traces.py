"""``POST /v1/traces/ingest``: where the OpenAI Agents SDK exports traces (not an SDK method)."""

from __future__ import annotations

from typing import Any

import httpx

from .._engine import Context
from .._wire import request_id


def ingest(context: Context, setting: Any) -> httpx.Response:
    """Accept the batch as the API does: 204, no body."""
    return httpx.Response(204, headers=[("x-request-id", request_id())])
