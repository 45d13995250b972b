"""View helpers shared by every page: crisp pattern pictures, galleries, verdicts.

(The Playground's own views live in ``hopfield_app/playground/run_view.py``.)

Display convention (everywhere in the app): +1 is dark ink, -1 is the white
background, like ink on paper; continuous states (the modern rule) are grey
levels in between.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import streamlit as st

__all__ = [
    "Outcome",
    "pattern_pixels",
    "pattern_image",
    "gallery",
    "classify_state",
    "verdict",
    "frame_verdict",
    "time_unit",
    "format_number",
    "global_css",
    "memory_name",
    "RULE_NAMES",
    "rule_name",
]

# The one spelling of every learning rule on screen (the core's names are the keys).
RULE_NAMES = {"hebbian": "Hebbian", "storkey": "Storkey", "pseudoinverse": "Pseudo-inverse",
              "dense": "Dense", "exponential": "Exponential", "modern": "Modern"}


def rule_name(rule: str) -> str:
    """How the learning rule ``rule`` (a core name such as "pseudoinverse") is written on
    screen: "Pseudo-inverse"."""
    return RULE_NAMES.get(str(rule), str(rule))

# Browsers smooth scaled images by default; pixelated keeps every unit a crisp square
# even where the page scales a picture (retina screens, narrow columns).
_CSS = """
<style>
[data-testid="stImage"] img, [data-testid="stImageContainer"] img { image-rendering: pixelated; }
/* A picture never spills out of a narrow column (a 1280-px screen): it shrinks instead. */
[data-testid="stImageContainer"] { max-width: 100%; }
[data-testid="stImageContainer"] img { max-width: 100%; height: auto; }
/* A thin frame: white units at the edge of a pattern stay visible (a 2x3 bar). */
[data-testid="stImageContainer"] img { box-shadow: 0 0 0 1px #94a3b8; }
/* One 1080p screen holds the whole Playground: trim the default top gap. */
[data-testid="stMainBlockContainer"] { padding-top: 2.2rem; padding-bottom: 1rem; }
/* Legible from the back row: 16 px labels and tabs, captions in full-contrast ink. */
[data-testid="stWidgetLabel"] p, [data-testid="stWidgetLabel"] label { font-size: 1rem; }
[role="tablist"] { gap: 0.9rem; }
[data-testid="stTab"] p { font-size: 1rem; }
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p {
  font-size: 0.95rem; color: #1e293b; opacity: 1;
}
/* Chart text in full ink: st.plotly_chart's theme greys axis titles and ticks (about
   3.7:1 on white), unreadable from the back row. Only text that is meant to be ink is
   touched: numbers drawn inside heatmap cells keep their own contrasting colour. */
.js-plotly-plot .main-svg :is(.xtick, .ytick, .x2tick, .y2tick) text,
.js-plotly-plot .main-svg :is(.xtitle, .ytitle, .x2title, .y2title, .gtitle, .legendtext,
  .legendtitletext, .cbtitle text, .cbaxis text) {
  fill: #0f172a !important; fill-opacity: 1 !important; opacity: 1 !important;
}
/* Button labels wrap in a narrow column instead of ending in "…" ("Add to mem…"). */
.stButton button p { white-space: normal; overflow-wrap: normal; }
@media (max-width: 1500px) {  /* a 1280-px screen: the three tab names still fit */
  [role="tablist"] { gap: 0.5rem; }
  [data-testid="stTab"] p { font-size: 0.9rem; }
  /* The wide layout's 5rem side margins cost a projector 160 px of picture. */
  [data-testid="stMainBlockContainer"] { padding-left: 1.5rem; padding-right: 1.5rem; }
}
@media (max-height: 800px) {  /* a 720-px projector: every pixel of height to the content */
  [data-testid="stMainBlockContainer"] { padding-top: 1rem; }
  /* The (empty, transparent) header strip must not swallow clicks on what now sits
     under it; its own buttons stay clickable. */
  [data-testid="stHeader"] { pointer-events: none; background: transparent; }
  [data-testid="stHeader"] button, [data-testid="stHeader"] a { pointer-events: auto; }
  [data-testid="stAlert"] > div { padding-top: 0.55rem; padding-bottom: 0.55rem; }
}
@media (max-width: 1100px) {  /* 1280 px at 125 % zoom: a slimmer navigation, tighter tabs */
  [data-testid="stSidebar"] { width: 210px !important; min-width: 210px !important; }
  [role="tablist"] { gap: 0.25rem; }
  [data-testid="stTab"] p { font-size: 0.85rem; }
}
</style>
"""


def global_css() -> None:
    """Inject the app-wide CSS (crisp, nearest-neighbour pictures). Called by app.py."""
    st.html(_CSS)


def pattern_pixels(pattern: np.ndarray, grid: tuple[int, int], *, size: int = 256) -> np.ndarray:
    """A (rows*k, cols*k) uint8 greyscale picture of ``pattern``, upscaled by an integer k.

    +1 maps to 0 (black ink), -1 to 255 (white); values in between (continuous
    states) to grey. ``k`` is the largest integer with ``max(rows, cols) * k <= size``
    (at least 1), so every unit is an exact k x k block: never blurry.
    """
    rows, cols = int(grid[0]), int(grid[1])
    values = np.asarray(pattern, dtype=np.float64).reshape(rows, cols)
    gray = np.clip(np.rint((1.0 - values) * 127.5), 0, 255).astype(np.uint8)
    k = max(1, int(size) // max(rows, cols))
    if k > 1:
        gray = np.repeat(np.repeat(gray, k, axis=0), k, axis=1)
    return gray


def pattern_image(
    pattern: np.ndarray,
    grid: tuple[int, int],
    *,
    caption: str | None = None,
    width: int | None = None,
) -> None:
    """Show one pattern as a crisp picture ``width`` pixels wide (default 256)."""
    size = int(width) if width else 256
    pixels = pattern_pixels(pattern, grid, size=size)
    shown = width if width else min(pixels.shape[1], size)
    st.image(pixels, caption=caption, width=int(shown), output_format="PNG", clamp=True)


def gallery(
    patterns: Sequence[np.ndarray] | np.ndarray,
    grid: tuple[int, int],
    captions: Sequence[str],
    *,
    columns: int = 6,
    key: str = "gallery",
    thumb: int = 72,
    on_remove: Callable[[int], None] | None = None,
) -> None:
    """Thumbnails of ``patterns`` in a grid of ``columns``; with ``on_remove``, a
    small remove button under each (key ``f"{key}.remove.{i}"``) that calls
    ``on_remove(i)`` before the next run."""
    patterns = list(patterns)
    for start in range(0, len(patterns), columns):
        cols = st.columns(columns, gap="small")
        for offset, col in enumerate(cols):
            i = start + offset
            if i >= len(patterns):
                break
            with col:
                pattern_image(patterns[i], grid, width=thumb)
                if on_remove is None:
                    st.caption(captions[i])
                else:
                    # The number doubles as the remove button: compact under a thumbnail.
                    st.button(
                        f"{i + 1} ✕",
                        key=f"{key}.remove.{i}",
                        help=f"Remove {captions[i]} from the stored memories",
                        on_click=on_remove,
                        args=(i,),
                        type="tertiary",
                    )


@dataclass(frozen=True)
class Outcome:
    """What a state is with respect to the memories.

    ``kind`` is ``"memory"``, ``"inverse"`` or ``"spurious"``; ``index`` the
    (0-based) closest memory by |m|; ``overlap`` its signed overlap m.
    """

    kind: str
    index: int
    overlap: float


def classify_state(state: np.ndarray, patterns: np.ndarray, *, tol: float = 1e-9) -> Outcome:
    """Classify ``state`` (N,) against ``patterns`` (P, N) by the overlaps m = (1/N) xi . s.

    A binary state is a memory (or its inverse) only when m = +1 (or -1) exactly;
    a continuous state (modern rule) when |m| >= 0.99.
    """
    patterns = np.asarray(patterns)
    state = np.asarray(state)
    if patterns.ndim != 2 or patterns.shape[0] == 0:
        return Outcome("spurious", -1, 0.0)
    m = patterns.astype(np.float64) @ state.astype(np.float64) / patterns.shape[1]
    continuous = np.issubdtype(state.dtype, np.floating) and not np.all(np.abs(state) == 1)
    level = 0.99 if continuous else 1.0 - tol
    best, worst = int(np.argmax(m)), int(np.argmin(m))
    # A memory wins over an inverse: with a memory and its inverse both stored, the
    # state equals one of them, and that is what the user wants to hear.
    if m[best] >= level:
        return Outcome("memory", best, float(m[best]))
    if m[worst] <= -level:
        return Outcome("inverse", worst, float(m[worst]))
    index = int(np.argmax(np.abs(m)))
    return Outcome("spurious", index, float(m[index]))


def memory_name(index: int, labels: Sequence[str] | None) -> str:
    """"memory 3 (digit 2)": memory ``index`` (0-based) as the screen names it."""
    base = f"memory {index + 1}"
    if labels is not None and 0 <= index < len(labels) and labels[index]:
        label = str(labels[index])
        if label != str(index + 1):
            # A bare number or letter is quoted: memory 2 (“1”) is not memory 1.
            return f"{base} (“{label}”)" if len(label) == 1 or label.isdigit() else \
                f"{base} ({label})"
    return base


_name = memory_name


def format_number(value: float) -> str:
    """A short plain number for the screen, as the player prints it: never scientific
    notation, a real minus sign, fewer decimals for bigger numbers (−10198, −559.8,
    −5.00, 0.125)."""
    v = float(value)
    if not np.isfinite(v):
        return "–"
    a = abs(v)
    digits = 0 if a >= 1000 else 1 if a >= 100 else 2 if a >= 1 else 3
    text = f"{v:.{digits}f}"
    if float(text) == 0:
        text = text.lstrip("-")
    return text.replace("-", "\u2212")


def time_unit(mode: str | None, count: float) -> str:
    """``"3 sweeps"`` / ``"1 step"``: synchronous runs count steps, the others sweeps."""
    noun = "step" if mode == "sync" else "sweep"
    value = float(count)
    text = f"{int(value)}" if value == int(value) else f"{value:.2f}".rstrip("0")
    return f"{text} {noun}{'' if value == 1 else 's'}"


# Overlap from which a stable state that is not a memory is reported as "next to" it.
NEAR_MEMORY = 0.9


def verdict(
    traj,
    patterns: np.ndarray,
    *,
    labels: Sequence[str] | None = None,
    mode: str | None = None,
    source: int | None = None,
) -> str:
    """One plain sentence on how the whole run ended.

    ``source`` (0-based) is the memory the probe was made from: ending on another
    memory is said to be a recall error.

    Examples: "converged in 3 sweeps to memory 2", "settled in a spurious state
    (closest: memory 1 (digit 0), overlap 0.62)", "landed on the inverse of memory 1",
    "2-cycle (synchronous updates can oscillate)".
    """
    sweeps = float(getattr(traj, "n_sweeps", len(traj.states) - 1))
    when = time_unit(mode, sweeps)
    if int(getattr(traj, "cycle", 0)) == 2:
        return (f"2-cycle after {when}: synchronous updates can oscillate between two "
                "states (try asynchronous updates)")
    outcome = classify_state(traj.final, patterns)
    name = _name(outcome.index, labels)
    if not traj.converged:
        hot = mode == "stochastic"
        why = "still fluctuating (temperature > 0 keeps flipping units)" if hot else \
            "did not settle within the step limit"
        return f"{why} after {when}; closest: {name}, overlap {outcome.overlap:.2f}"
    if outcome.kind == "memory":
        if source is not None and source != outcome.index:
            return (f"converged in {when} to {name} instead of {_name(source, labels)}, "
                    "the one it started from: a recall error")
        return f"converged in {when} to {name}"
    if outcome.kind == "inverse":
        return f"landed on the inverse of {name} after {when}"
    m = outcome.overlap
    final = np.asarray(traj.final)
    n_units = int(final.size)
    if abs(m) >= NEAR_MEMORY and n_units and np.all(np.abs(final) == 1):
        # A fixed point a few units off a memory is the retrieval state of the theory
        # (Amit, Gutfreund and Sompolinsky: m ~ 0.97 near capacity), not a foreign state.
        off = int(round((1.0 - abs(m)) * n_units / 2))
        target = name if m > 0 else f"the inverse of {name}"
        return (f"settled next to {target} after {when}: {off} of {n_units} units differ "
                f"(overlap {m:.2f}), a stable state just off the memory")
    return (f"settled in a spurious state after {when} (closest: {name}, "
            f"overlap {m:.2f})")


def frame_verdict(
    traj,
    patterns: np.ndarray,
    frame: int,
    *,
    overlaps: np.ndarray | None = None,
    labels: Sequence[str] | None = None,
    mode: str | None = None,
) -> str:
    """What the state is at ``frame``: time, energy and the closest memory."""
    n_frames = len(traj.states)
    frame = int(min(max(frame, 0), n_frames - 1))
    sweeps = getattr(traj, "sweeps", None)
    t = float(sweeps[frame]) if sweeps is not None else float(frame)
    # ``overlaps`` is accepted for callers that have them; the classification itself is
    # cheap (P x N) and must agree with the whole-run verdict (a memory beats an inverse).
    outcome = classify_state(traj.states[frame], patterns)
    index, m, kind = outcome.index, outcome.overlap, outcome.kind
    where = {"memory": f"exactly {_name(index, labels)}",
             "inverse": f"exactly the inverse of {_name(index, labels)}"}.get(
        kind, f"closest to {_name(index, labels)}, overlap {m:.2f}")
    energy = float(traj.energies[frame])
    when = "start" if frame == 0 else f"after {time_unit(mode, t)}"
    return (f"Frame {frame} of {n_frames - 1} · {when} · "
            f"E = {format_number(energy)} · {where}")
