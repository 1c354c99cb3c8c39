"""Routes of the API that no SDK method calls, so the generated table cannot list them.

They are answered like table rows (a route object at ``openai_mock.<sdk_path>``, a handler from
``OVERRIDES``); ``sdk_path`` names where the route object sits, after the URL.
"""

from __future__ import annotations

from .endpoint import Endpoint

EXTRA_ROUTES: tuple[Endpoint, ...] = (
    # The OpenAI Agents SDK (``agents.tracing``) posts traces and spans here from a background
    # thread; the real API answers 204. ``openai_mock.traces.ingest.calls`` shows what was sent.
    Endpoint(
        sdk_path="traces.ingest",
        method="POST",
        path="/traces/ingest",
        kind="action",
        resource=None,
        response=None,
    ),
)
