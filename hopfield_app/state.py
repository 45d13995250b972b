"""Per-user session state: every key the app uses, its initial value and typed access.

All per-user data lives in ``st.session_state`` (never in module globals or
``st.cache_resource``), so nothing one user does changes what another sees.
Keys are namespaced by page (``"playground.noise"``); the shared model of the
app (the stored memories, the probe, the run settings and the last run) lives
under the ``"app."`` prefix so every page can read it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import streamlit as st

__all__ = [
    "Memory",
    "RunSettings",
    "Scenario",
    "MEMORIES",
    "GRID",
    "PROBE",
    "SETTINGS",
    "LAST_RUN",
    "SCENARIO",
    "init_state",
    "memories",
    "set_memories",
    "grid_shape",
    "probe",
    "set_probe",
    "settings",
    "set_settings",
    "last_run",
    "set_last_run",
    "load_scenario",
    "pop_scenario",
    "RunRecord",
    "DRAWING",
    "DRAW_TOOL",
    "DRAW_NONCE",
    "drawing",
    "drawing_grid",
    "set_drawing",
    "SETTING_KEYS",
    "restore_setting_widgets",
    "restore_widgets",
    "save_widgets",
    "guard_choice",
    "as_int",
]

MEMORIES = "app.memories"
GRID = "app.grid"
PROBE = "app.probe"
SETTINGS = "app.settings"
LAST_RUN = "app.last_run"
SCENARIO = "app.scenario"

# Playground-only keys.
DRAWING = "playground.drawing"  # (pattern (N,) int8, grid) of the drawing grid
DRAW_TOOL = "playground.draw_tool"
DRAW_NONCE = "playground.draw_nonce"  # bumped by Clear, Invert and a grid change to rebuild the canvas

DEFAULT_GRID = (32, 32)


@dataclass(frozen=True)
class Memory:
    """One stored pattern: a bipolar image of shape ``grid`` flattened row-major."""

    name: str
    pattern: np.ndarray  # (rows * cols,) int8 in {-1, +1}
    grid: tuple[int, int]  # (rows, cols)

    def image(self) -> np.ndarray:
        return self.pattern.reshape(self.grid)


@dataclass(frozen=True)
class RunSettings:
    """What the Playground runs with. ``mode`` is the UI's choice: ``"sync"``,
    ``"async"`` or ``"stochastic"`` (asynchronous Glauber updates at ``temperature``)."""

    rule: str = "hebbian"
    mode: str = "async"
    steps: int = 20
    frames_per_sweep: int = 16
    theta: float = 0.0
    temperature: float = 0.0
    seed: int = 0
    degree: int = 3  # rule "dense": F(x) = x**degree
    beta: float = 32.0  # rule "modern": inverse temperature (32: one update retrieves)
    noise: float = 0.3  # fraction of probe units flipped
    occlusion: str = "none"  # "none" | "lower half" | "upper half" | "left half" | ...
    order: str = "random"  # asynchronous update order: "random" | "sequential" | "replacement"

    def with_(self, **changes: Any) -> "RunSettings":
        return replace(self, **changes)


@dataclass(frozen=True)
class Scenario:
    """A complete set-up handed to the Playground (by a demo or a link): the
    Playground applies it on its next run, runs once, and shows ``note``."""

    memories: tuple[Memory, ...]
    probe: np.ndarray  # (N,) int8, already corrupted as the scenario wants
    settings: RunSettings
    title: str = ""
    note: str = ""  # markdown: what to look at, what it teaches, "now try"
    extra: dict = field(default_factory=dict)


@dataclass(frozen=True)
class RunRecord:
    """The last run of the Playground, kept so that switching pages and back shows it.

    ``traj`` is the core's Trajectory; ``patterns`` (P, N) and ``labels`` are the
    memories it ran against; ``overlaps`` (T+1, P) is ``traj.overlaps(patterns)``
    computed once; ``probe`` the state it started from.
    """

    traj: Any
    patterns: np.ndarray
    labels: tuple[str, ...]
    grid: tuple[int, int]
    settings: RunSettings
    probe: np.ndarray
    overlaps: np.ndarray
    verdict: str
    title: str = ""
    note: str = ""
    source: int | None = None  # the memory the probe was made from (0-based), if any
    tip: str = ""  # a checked suggestion when the run missed its memory (playground.tips)


def init_state() -> None:
    """Create every app-wide key once per session (called by app.py on each run)."""
    defaults: dict[str, Any] = {
        MEMORIES: [],
        GRID: DEFAULT_GRID,
        PROBE: None,
        # The Playground starts on the projection rule: a newcomer's first try (ten digits,
        # one of them 30 % noisy) is then recalled; under Hebb's rule the digits interfere.
        SETTINGS: RunSettings(rule="pseudoinverse"),
        LAST_RUN: None,
        SCENARIO: None,
    }
    for key, value in defaults.items():
        if key not in st.session_state:
            st.session_state[key] = value


def memories() -> list[Memory]:
    return list(st.session_state.get(MEMORIES, []))


def set_memories(items: list[Memory]) -> None:
    """Replace the stored set; all memories share one grid, which becomes the app's grid."""
    st.session_state[MEMORIES] = list(items)
    if items:
        st.session_state[GRID] = items[0].grid
    st.session_state[LAST_RUN] = None


def grid_shape() -> tuple[int, int]:
    return tuple(st.session_state.get(GRID, DEFAULT_GRID))  # type: ignore[return-value]


def probe() -> np.ndarray | None:
    return st.session_state.get(PROBE)


def set_probe(value: np.ndarray | None) -> None:
    st.session_state[PROBE] = value


def settings() -> RunSettings:
    return st.session_state.get(SETTINGS, RunSettings())


def set_settings(value: RunSettings) -> None:
    st.session_state[SETTINGS] = value


def last_run() -> Any:
    return st.session_state.get(LAST_RUN)


def set_last_run(value: Any) -> None:
    st.session_state[LAST_RUN] = value


def load_scenario(scenario: Scenario) -> None:
    """Queue a scenario for the Playground (call, then ``st.switch_page`` to it)."""
    st.session_state[SCENARIO] = scenario


def pop_scenario() -> Scenario | None:
    """The queued scenario, removed from the queue (the Playground calls this)."""
    return st.session_state.pop(SCENARIO, None)


def drawing(grid: tuple[int, int]) -> np.ndarray:
    """The drawing grid's pattern for ``grid`` (a blank one if none or another size)."""
    grid = (int(grid[0]), int(grid[1]))
    stored = st.session_state.get(DRAWING)
    if stored is not None and tuple(stored[1]) == grid:
        return stored[0].copy()
    return -np.ones(grid[0] * grid[1], dtype=np.int8)


def drawing_grid() -> tuple[int, int] | None:
    stored = st.session_state.get(DRAWING)
    return None if stored is None else tuple(stored[1])  # type: ignore[return-value]


def set_drawing(pattern: np.ndarray | None, grid: tuple[int, int]) -> None:
    if pattern is None:
        st.session_state.pop(DRAWING, None)
        return
    grid = (int(grid[0]), int(grid[1]))
    st.session_state[DRAWING] = (np.asarray(pattern, dtype=np.int8).reshape(-1).copy(), grid)


# RunSettings field -> the Playground widget that edits it. Streamlit deletes the
# state of widgets that are not rendered (another page is shown), so the values
# live in SETTINGS and are written back into these keys before the widgets are drawn.
SETTING_KEYS = {
    "rule": "playground.rule",
    "mode": "playground.mode",
    "steps": "playground.steps",
    "frames_per_sweep": "playground.frames_per_sweep",
    "theta": "playground.theta",
    "temperature": "playground.temperature",
    "seed": "playground.seed",
    "degree": "playground.degree",
    "beta": "playground.beta",
    "noise": "playground.noise",
    "occlusion": "playground.occlusion",
    "order": "playground.order",
}


def restore_setting_widgets(*, force: bool = False) -> None:
    """Put the stored settings into the widget keys that are missing (all with ``force``)."""
    current = settings()
    for name, key in SETTING_KEYS.items():
        if force or key not in st.session_state:
            st.session_state[key] = getattr(current, name)


SAVED_WIDGETS = "playground.saved_widgets"


def restore_widgets(keys: tuple[str, ...], defaults: dict[str, Any]) -> None:
    """Give each widget key that is missing its saved value (or its default).

    Call before the widgets are drawn; pair with :func:`save_widgets` after them.
    """
    saved = st.session_state.get(SAVED_WIDGETS, {})
    for key in keys:
        if key not in st.session_state:
            if key in saved:
                st.session_state[key] = saved[key]
            elif key in defaults:
                st.session_state[key] = defaults[key]


def save_widgets(keys: tuple[str, ...]) -> None:
    """Remember the current values of ``keys`` outside the widgets' own state."""
    saved = dict(st.session_state.get(SAVED_WIDGETS, {}))
    for key in keys:
        if key in st.session_state:
            saved[key] = st.session_state[key]
    st.session_state[SAVED_WIDGETS] = saved


def as_int(value: Any, default: int = 0) -> int:
    """``value`` as an int, or ``default`` when it is not a whole number (never raises).

    A choice widget can hand back a stale label (``"1: digit 0"``) instead of an
    option; such a value must never take the page down.
    """
    if isinstance(value, (bool, np.bool_)):
        return int(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    try:
        number = float(value)
    except (TypeError, ValueError):
        return int(default)
    return int(number) if np.isfinite(number) and number == int(number) else int(default)


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, str) != isinstance(b, str):  # "1" is no stand-in for 1
        return False
    try:
        return bool(a == b)
    except (TypeError, ValueError):
        return False


def guard_choice(key: str, options: list, default: Any, *,
                 labels: list[str] | None = None) -> Any:
    """Call right before a selectbox, radio or segmented control with ``key``.

    Makes ``st.session_state[key]`` one of ``options`` (else ``default``) and returns
    it. Streamlit returns the browser's label as a raw string when it matches no
    option (the options or their labels changed since the browser drew them, e.g.
    "1: digit 0" after the memories were replaced); whenever the labels change the
    value is written again, so the browser is told the new choice and cannot send
    the stale label back.
    """
    current = st.session_state.get(key, default)
    valid = any(_same(current, o) for o in options)
    value = current if valid else (default if default in options or not options
                                   else options[0])
    signature = tuple(str(x) for x in (labels if labels is not None else options))
    sig_key = f"{key}.labels"
    if not valid or key not in st.session_state or st.session_state.get(sig_key) != signature:
        st.session_state[key] = value
    st.session_state[sig_key] = signature
    return value
