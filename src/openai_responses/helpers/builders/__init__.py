"""Build SDK objects from requests or partials: ``builders.chat.chat_completion_from_create_request``."""

from collections.abc import Mapping
from typing import Any, TypeVar

import httpx

M = TypeVar("M")


def build_model(model_class: type[M], partial: Mapping[str, Any] | None = None, /, **fixed: Any) -> M:
    """A default object of ``model_class`` with ``fixed`` values and ``partial`` merged over it."""
    from ..._objects import build, to_model

    built: M = to_model(model_class, build(model_class, None, dict(partial) if partial else None, **fixed))
    return built


def model_from_request(
    model_class: type[M], request: httpx.Request, /, *, extra: Mapping[str, Any] | None = None, **fixed: Any
) -> M:
    """A ``model`` object from a create request: defaults < request values < ``fixed`` < ``extra``."""
    from ..._objects import build, to_model
    from ..._request import parse_body

    params = parse_body(request) if request.content else {}
    built: M = to_model(model_class, build(model_class, params, dict(extra) if extra else None, **fixed))
    return built
