"""From a request's method and path (below the API base) to its route table row.

Built once per process, on the first request: routes are grouped by (method, number of path
segments, first segment); within a group the most specific template (most literal segments) is
tried first, so ``POST /videos/characters`` never lands on ``/videos/{video_id}``.
"""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import unquote

from .endpoint import Endpoint

BETA_QUERY = "?beta=true"

# one template: its segments (None where a path parameter stands), the parameter names, the row
_Template = tuple[tuple[str | None, ...], tuple[str, ...], Endpoint]


def split_template(path: str) -> tuple[tuple[str | None, ...], tuple[str, ...]]:
    """``"/threads/{thread_id}/runs"`` → ``(("threads", None, "runs"), ("thread_id",))``."""
    segments: list[str | None] = []
    names: list[str] = []
    for segment in path.removesuffix(BETA_QUERY).strip("/").split("/"):
        if segment.startswith("{") and segment.endswith("}"):
            segments.append(None)
            names.append(segment[1:-1])
        else:
            segments.append(segment)
    return tuple(segments), tuple(names)


class RouteIndex:
    """Answers ``match(method, path, beta)`` in a handful of dict look-ups and comparisons."""

    def __init__(self, routes: tuple[Endpoint, ...]) -> None:
        self.by_sdk_path: dict[str, Endpoint] = {}
        for endpoint in routes:
            # the first row of a method is the route the table's SDK sends; a later row with the same
            # sdk_path is a legacy route (``LEGACY_ROUTES`` of the generator) another SDK sends
            self.by_sdk_path.setdefault(endpoint.sdk_path, endpoint)
            for alias in endpoint.aliases:
                self.by_sdk_path.setdefault(alias, endpoint)
        #: inner nodes of the SDK tree (``beta``, ``beta.threads``): a set, so that resolving
        #: ``openai_mock.beta.threads`` costs the same however many endpoints there are
        self.namespaces = frozenset(
            path.rsplit(".", depth)[0] for path in self.by_sdk_path for depth in range(1, path.count(".") + 1)
        )
        groups: dict[tuple[str, int, bool, str | None], list[_Template]] = {}
        for endpoint in routes:
            segments, names = split_template(endpoint.path)
            beta = endpoint.path.endswith(BETA_QUERY)
            # a legacy route answers as its method's row: one route object (``openai_mock.<sdk_path>``)
            # sees the method's calls whichever SDK version sends them
            answering = self.by_sdk_path[endpoint.sdk_path]
            if set(split_template(answering.path)[1]) != set(names):
                answering = endpoint  # its handler could not read the path: answer as its own row
            key = (endpoint.method, len(segments), beta, segments[0])
            groups.setdefault(key, []).append((segments, names, answering))
        self._groups = {
            key: tuple(sorted(templates, key=lambda t: sum(s is None for s in t[0])))
            for key, templates in groups.items()
        }

    def match(self, method: str, path: str, *, beta: bool = False) -> tuple[Endpoint, dict[str, str]] | None:
        """The row for this request and its decoded path parameters, or ``None``."""
        parts = path.strip("/").split("/")
        # grouped by first segment too: every template starts with a literal (``/vector_stores``),
        # so a request is compared with a handful of templates, not the fifty of its length
        for flag in (True, False) if beta else (False,):
            for first in (parts[0], None):
                found = self._match_in(self._groups.get((method, len(parts), flag, first)), parts)
                if found is not None:
                    return found
        return None

    @staticmethod
    def _match_in(
        templates: tuple[_Template, ...] | None, parts: list[str]
    ) -> tuple[Endpoint, dict[str, str]] | None:
        if not templates:
            return None
        for segments, names, endpoint in templates:
            values: list[str] = []
            for template_segment, part in zip(segments, parts, strict=True):
                if template_segment is None:
                    if not part:
                        break
                    values.append(part)
                elif template_segment != part:
                    break
            else:
                return endpoint, {name: unquote(value) for name, value in zip(names, values, strict=True)}
        return None


@lru_cache(maxsize=1)
def route_index() -> RouteIndex:
    from .extra import EXTRA_ROUTES
    from .table import ROUTES

    return RouteIndex((*ROUTES, *EXTRA_ROUTES))
