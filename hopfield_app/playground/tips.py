"""The tip under a run that did not recall its memory: what actually helps here.

Every suggestion is checked before it is shown: the same memories and the same probe
are run again under the suggested change, and only a change that then recalls the
memory the probe was made from is named. Nothing is suggested without such a check.
"""

from __future__ import annotations

from typing import Any, Callable

import numpy as np

from hopfield_app import state, views

__all__ = ["RULES_TO_TRY", "suggestion"]

# Rules tried, in the order they are named; each is a plain change of one setting.
RULES_TO_TRY = ("pseudoinverse", "storkey", "hebbian")


def _recalls(record: Any, source: int) -> bool:
    return bool(record.traj.converged) and bool(
        np.array_equal(np.asarray(record.traj.final), record.patterns[source]))


def suggestion(record: Any, *, run: Callable[..., Any] | None = None) -> str:
    """A tip for ``record`` (a RunRecord), or "" when it recalled its memory, has no
    memory it started from, or nothing tried helps.

    ``run(memories, probe, settings, source=)`` recomputes a run (default: the
    Playground's ``compute_run``, whose cost check refuses what is too big)."""
    source = getattr(record, "source", None)
    if source is None or not 0 <= source < len(record.patterns) or _recalls(record, source):
        return ""
    if run is None:
        from hopfield_app.playground.run import compute_run as run
    memories = [state.Memory(name, p.copy(), tuple(record.grid))
                for name, p in zip(record.labels, record.patterns)]
    name = views.memory_name(source, record.labels)
    current = record.settings
    if current.rule != "modern" and current.mode != "stochastic":
        for rule in RULES_TO_TRY:
            if rule == current.rule:
                continue
            try:
                other = run(memories, record.probe, current.with_(rule=rule), source=source)
            except (ValueError, MemoryError):
                continue
            if _recalls(other, source):
                why = (" Memories that look alike (digits, letters) interfere under the "
                       "Hebbian rule." if current.rule == "hebbian" else "")
                return (f"Tip:{why} From this same probe the {views.rule_name(rule)} rule "
                        f"recalls {name}: choose it in ③ Settings and press Run.")
    if current.mode == "sync":
        try:
            other = run(memories, record.probe, current.with_(mode="async"), source=source)
        except (ValueError, MemoryError):
            other = None
        if other is not None and _recalls(other, source):
            return (f"Tip: with asynchronous updates (③ Settings) this same probe recalls "
                    f"{name}.")
    return ""
