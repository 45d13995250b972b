"""Shared pieces of the demo entries: memories, pictures, letters, outcomes, spreads.

Pure (numpy, core, app state types): the entries build their scenarios and
results from these, and the claim tests use the same functions.
"""

from __future__ import annotations

import inspect
from collections import Counter
from dataclasses import fields
from typing import Any, Iterable, Sequence

import numpy as np

import hopfield_core as hc
from hopfield_app import views
from hopfield_app.state import Memory, RunSettings

__all__ = ["closest", "describe", "memories", "int8", "pictures", "letters", "row_noise",
           "overlap", "outcome_label", "spread", "spread_text", "settings", "engine_has_order",
           "settings_have"]


def int8(x: Any) -> np.ndarray:
    return np.asarray(x, dtype=np.int8)


def closest(state: np.ndarray, patterns: np.ndarray) -> tuple[int, float]:
    """``(index, signed overlap)`` of the memory nearest to ``state`` or to its inverse."""
    outcome = views.classify_state(state, patterns)
    return outcome.index, outcome.overlap


def describe(state: np.ndarray, patterns: np.ndarray, names: Sequence[str]) -> str:
    """Plain words for where ``state`` is: a memory, an inverted memory, or neither."""
    outcome = views.classify_state(state, patterns)
    name = names[outcome.index] if 0 <= outcome.index < len(names) else "?"
    if outcome.kind == "memory":
        return f"memory “{name}”"
    if outcome.kind == "inverse":
        return f"the inverse of “{name}”"
    return f"no memory (closest “{name}”, m = {outcome.overlap:+.2f})"


def outcome_label(state: np.ndarray, patterns: np.ndarray, names: Sequence[str]) -> str:
    """A short name for an end state: “A”, inverse of “A”, or “no memory”."""
    outcome = views.classify_state(state, patterns)
    name = names[outcome.index] if 0 <= outcome.index < len(names) else "?"
    if outcome.kind == "memory":
        return f"“{name}”"
    if outcome.kind == "inverse":
        return f"inverse of “{name}”"
    return "no memory"


def overlap(pattern: np.ndarray, state: np.ndarray) -> float:
    """m = ξ · s / N."""
    return float(np.asarray(pattern, np.int64) @ np.asarray(state, np.int64)) / len(pattern)


def spread(labels: Iterable[str]) -> list[tuple[str, int]]:
    """Outcome counts, most frequent first (ties keep first-seen order)."""
    return Counter(labels).most_common()


def spread_text(counts: list[tuple[str, int]], what: str) -> str:
    """"in 30 update orders: “A” 10, inverse of “H” 11, ..." from :func:`spread`."""
    total = sum(n for _, n in counts)
    return f"in {total} {what}: " + ", ".join(f"{label} {n}" for label, n in counts)


def memories(names: Sequence[str], patterns: np.ndarray, grid: tuple[int, int]) -> tuple[Memory, ...]:
    return tuple(
        Memory(name=str(n), pattern=np.asarray(p, dtype=np.int8).copy(), grid=tuple(grid))
        for n, p in zip(names, patterns)
    )


def pictures(grid: tuple[int, int], which: Sequence[str] | None = None):
    """The project's own pictures at ``grid``, optionally a named subset."""
    from hopfield_app import images  # owner PATTERNS; imported where used

    names, pats = images.load_pictures(grid)
    names = list(names)
    pats = int8(pats)
    if which is None:
        return names, pats
    idx = [names.index(w) for w in which]
    return [names[i] for i in idx], pats[idx]


def letters(which: Sequence[str], grid: tuple[int, int]):
    """Built-in letters ``which`` at ``grid``: (names, patterns)."""
    names, pats = hc.builtin_set("letters", grid)
    names = list(names)
    idx = [names.index(c) for c in which]
    return [names[i] for i in idx], int8(pats)[idx]


def row_noise(pattern: np.ndarray, grid: tuple[int, int], flips: int, rng) -> np.ndarray:
    """Flip exactly ``flips`` random units in every row of the picture."""
    rng = np.random.default_rng(rng)
    rows, cols = grid
    img = int8(pattern).reshape(rows, cols).copy()
    for r in range(rows):
        img[r] = hc.add_noise(img[r], flips / cols, rng=rng)
    return img.ravel()


def engine_has_order() -> bool:
    """Whether the core's ``run`` takes ``order=`` (random / sequential / replacement)."""
    return "order" in inspect.signature(hc.run).parameters


def settings_have(name: str) -> bool:
    """Whether the Playground's :class:`RunSettings` has a field ``name``."""
    return any(f.name == name for f in fields(RunSettings))


def settings(**values: Any) -> RunSettings:
    """:class:`RunSettings` from ``values``, leaving out fields the Playground lacks yet
    (``order``, for instance, arrives with the update-order option)."""
    known = {f.name for f in fields(RunSettings)}
    return RunSettings(**{k: v for k, v in values.items() if k in known})
