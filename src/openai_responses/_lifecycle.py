"""Long-running resources progress like the real API: created in a starting state, finished on a
later retrieve. By default the first retrieve after create shows the finished state; tests steer
that with ``openai_mock.lifecycle(resource, polls=N, end=..., error=...)``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .errors import MockConfigurationError


@dataclass(frozen=True)
class LifecycleSpec:
    """The statuses of one resource, in the order the API walks them."""

    #: the status ``create`` answers
    initial: str
    #: the status shown while polls remain
    running: str
    #: the status it ends in by default
    success: str
    #: every other status it may end in
    other_ends: tuple[str, ...]
    #: the field that carries an error when it ends in failure
    error_field: str | None = "error"

    @property
    def ends(self) -> tuple[str, ...]:
        return (self.success, *self.other_ends)


#: the real statuses of each resource (from the API reference)
SPECS: dict[str, LifecycleSpec] = {
    "batches": LifecycleSpec(
        "validating", "in_progress", "completed", ("failed", "expired", "cancelled"), "errors"
    ),
    "beta.threads.runs": LifecycleSpec(
        "queued",
        "in_progress",
        "completed",
        ("requires_action", "failed", "cancelled", "expired", "incomplete"),
        "last_error",
    ),
    "fine_tuning.jobs": LifecycleSpec("validating_files", "running", "succeeded", ("failed", "cancelled")),
    "vector_stores.files": LifecycleSpec(
        "in_progress", "in_progress", "completed", ("failed", "cancelled"), "last_error"
    ),
    "vector_stores.file_batches": LifecycleSpec(
        "in_progress", "in_progress", "completed", ("failed", "cancelled"), None
    ),
    "responses": LifecycleSpec("queued", "in_progress", "completed", ("failed", "cancelled", "incomplete")),
    "beta.responses": LifecycleSpec(
        "queued", "in_progress", "completed", ("failed", "cancelled", "incomplete")
    ),
    "evals.runs": LifecycleSpec("queued", "in_progress", "completed", ("failed", "canceled")),
    "videos": LifecycleSpec("queued", "in_progress", "completed", ("failed",)),
}

#: per resource, code run each time a retrieve moves an object to another status: when it leaves
#: its starting state (a batch validates its input file and runs its lines), when it reaches an end
#: (a batch writes its output file) and when ``cancelling`` turns ``cancelled``. Each is
#: ``"module:function"`` under ``openai_responses._resources``, imported on first use like the
#: handler overrides. The function gets ``(context, obj, new_status)``, where ``obj`` already shows
#: ``new_status`` and its timestamp, and returns the updated object (or ``None`` to keep it); it may
#: change the status too (a batch whose input is invalid fails instead).
FinishHook = Callable[[Any, Any, str], Any]
FINISH_HOOKS: dict[str, str] = {
    "batches": "batches:on_status_change",
    # Assistants runs and vector stores
    "beta.threads.runs": "beta.threads.runs.runs:finish",
    "vector_stores.files": "vector_stores.files:finish",
    "vector_stores.file_batches": "vector_stores.file_batches:finish",
    "responses": "responses:finish",
    "beta.responses": "responses:finish",
}


def finish_hook(resource: str) -> FinishHook | None:
    target = FINISH_HOOKS.get(resource)
    if target is None:
        return None
    import importlib

    module_name, _, function = target.partition(":")
    module = importlib.import_module(f"openai_responses._resources.{module_name}")
    hook: FinishHook = getattr(module, function)
    return hook


@dataclass(frozen=True)
class LifecycleConfig:
    polls: int = 0
    end: str | None = None
    error: dict[str, Any] | None = None


class Lifecycles:
    """The lifecycle settings of one mock."""

    def __init__(self) -> None:
        self._configs: dict[str, LifecycleConfig] = {}

    def configure(self, resource: str, *, polls: int, end: str | None, error: dict[str, Any] | None) -> None:
        spec = SPECS.get(resource)
        if spec is None:
            raise MockConfigurationError(
                f"{resource!r} has no lifecycle; resources with one: {', '.join(sorted(SPECS))}"
            )
        if end is not None and end not in spec.ends:
            raise MockConfigurationError(
                f"{resource} cannot end in {end!r}; it ends in one of: {', '.join(spec.ends)}"
            )
        if not isinstance(polls, int) or polls < 0:
            raise MockConfigurationError(
                f"polls must be 0 or more (how many retrieves {resource} stays running), not {polls!r}"
            )
        self._configs[resource] = LifecycleConfig(polls=polls, end=end, error=error)

    def config(self, resource: str) -> LifecycleConfig:
        return self._configs.get(resource, LifecycleConfig())

    def advance(
        self, resource: str, status: str, polls_seen: int, *, end: str | None = None
    ) -> tuple[str, int]:
        """The status to show on this retrieve, and the updated poll count.

        ``end`` is one object's own end, which wins over the configured one (a run whose tool
        outputs were submitted ends ``completed`` even under ``end="requires_action"``).
        """
        spec = SPECS[resource]
        if status in spec.ends or status in ("cancelling",):
            return (status if status != "cancelling" else "cancelled"), polls_seen
        config = self.config(resource)
        if polls_seen < config.polls:
            return spec.running, polls_seen + 1
        return (end or config.end or spec.success), polls_seen + 1


def stamp_end(obj: dict[str, Any], status: str, model_fields: Any) -> None:
    """Set ``<status>_at``-style timestamps the model has for the state reached."""
    now = int(time.time())
    names = {
        "completed": ("completed_at", "finished_at"),
        "succeeded": ("finished_at",),
        "failed": ("failed_at", "finished_at"),
        "cancelled": ("cancelled_at", "finished_at"),
        "canceled": ("canceled_at",),
        "expired": ("expired_at",),
        "cancelling": ("cancelling_at",),
        "in_progress": ("in_progress_at", "started_at"),
        "finalizing": ("finalizing_at",),
    }.get(status, ())
    for name in names:
        if (model_fields is None or name in model_fields) and obj.get(name) is None:
            obj[name] = now
