"""Playground widgets in, values out: grid, memories, probe, settings, and the run itself.

Every widget has an explicit key (``"playground.*"``) so tests can address it.
Widgets are created without ``value=``: their values live in ``st.session_state``
(defaults set once by :func:`init_playground`, restored after a page switch by
``state.restore_widgets``), so switching pages and back keeps everything.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import streamlit as st

import hopfield_core as hc
from hopfield_app import state, views
from hopfield_app.widgets import drawing_grid as drawing

__all__ = [
    "RULE_INFO",
    "MODES",
    "BUILTIN_CHOICES",
    "PROBE_SOURCES",
    "K",
    "UI_KEYS",
    "ProbeChoice",
    "init_playground",
    "show_message",
    "upload_pattern",
    "apply_scenario",
    "grid_controls",
    "memories_panel",
    "probe_panel",
    "settings_panel",
    "run_button",
    "compute_run",
    "make_probe",
    "convert_memories",
]


class K:
    """Widget and state keys of the Playground (besides ``state.SETTING_KEYS``)."""

    ROWS = "playground.rows"
    COLS = "playground.cols"
    MEM_SOURCE = "playground.mem_source"
    UPLOAD = "playground.upload"
    UPLOAD_AUTO = "playground.upload_auto"
    UPLOAD_THRESHOLD = "playground.upload_threshold"
    UPLOAD_INVERT = "playground.upload_invert"
    UPLOAD_PATTERN = "playground.upload_pattern"  # (pattern, grid, name) of the preview
    BUILTIN = "playground.builtin"
    BUILTIN_COUNT = "playground.builtin_count"
    PROBE_SOURCE = "playground.probe_source"
    PROBE_MEMORY = "playground.probe_memory"
    PROBE_BASE = "playground.probe_base"  # a scenario's ready-made probe
    BANNER = "playground.banner"  # (title, note) of the applied scenario
    AUTORUN = "playground.autorun"
    MESSAGE = "playground.message"  # (level, text) shown once after an action
    RUN = "playground.run"


# Widget keys (besides the settings) whose values survive a page switch.
UI_KEYS = (K.ROWS, K.COLS, K.MEM_SOURCE, K.UPLOAD_AUTO, K.UPLOAD_THRESHOLD, K.UPLOAD_INVERT,
           K.BUILTIN, K.BUILTIN_COUNT, K.PROBE_SOURCE, K.PROBE_MEMORY, state.DRAW_TOOL)

RULE_INFO: dict[str, tuple[str, str]] = {
    "hebbian": ("Hebb/Hopfield 1982: W = (1/N) Σ ξξᵀ. Simple; about 0.14 N random memories.",
                r"E = -\tfrac12 \sum_{ij} W_{ij} s_i s_j + \theta \cdot s"),
    "storkey": ("Storkey 1997: learns one memory at a time minus what the network already "
                "predicts; less interference, more capacity.",
                r"E = -\tfrac12 \sum_{ij} W_{ij} s_i s_j + \theta \cdot s"),
    "pseudoinverse": ("Projection rule (Personnaz et al. 1985): W = Xᵀ(XXᵀ)⁺X; every memory "
                      "is a fixed point, even correlated ones, up to P < N.",
                      r"E = -\tfrac12 \sum_{ij} W_{ij} s_i s_j + \theta \cdot s"),
    "dense": ("Dense memory (Krotov & Hopfield 2016): units interact in groups of n; "
              "n = 2 is Hebbian, n ≥ 3 stores far more memories.",
              r"E = -\tfrac{N}{n} \sum_\mu m_\mu^{\,n} + \theta \cdot s,"
              r"\quad m_\mu = \tfrac1N \xi_\mu \cdot s"),
    "exponential": ("Exponential memory (Demircigil et al. 2017): F(x) = eˣ, capacity "
                    "exponential in N.",
                    r"E = -\log \sum_\mu e^{\xi_\mu \cdot s} + \theta \cdot s"),
    "modern": ("Modern Hopfield (Ramsauer et al. 2020): continuous state, "
               "s ← Xᵀ softmax(β m). Large β (default 32) retrieves the closest memory in "
               "one update (a second confirms it); small β blends memories, in more steps.",
               r"E = -\tfrac{N}{\beta} \log \sum_\mu e^{\beta m_\mu} + \tfrac12 s\cdot s"),
}
MODES = {"sync": "Synchronous", "async": "Asynchronous", "stochastic": "Stochastic"}
BUILTIN_CHOICES = {"digits": "Digits 0–9", "letters": "Letters A–Z", "shapes": "Shapes",
                   "pictures": "Pictures", "random": "Random patterns"}
PROBE_SOURCES = {"memory": "A memory", "drawing": "The drawing", "upload": "The upload",
                 "random": "Random state", "scenario": "From the demo"}
MEM_SOURCES = {"builtin": "Built-in", "draw": "Draw", "upload": "Upload"}
FRAMES_PER_SWEEP = (1, 2, 4, 8, 16, 32, 64)
MAX_STEPS = 500
THETA_MAX = 10.0
TEMPERATURE_MAX = 2.0
DEGREE_MAX = 10
BETA_RANGE = (0.5, 64.0)
MAX_MEMORIES = 400
GALLERY_MAX = 60


# --------------------------------------------------------------------------- state


def init_playground() -> None:
    """Defaults for every Playground widget key, then restore what a page switch removed."""
    grid = state.grid_shape()
    defaults: dict[str, Any] = {
        K.ROWS: grid[0], K.COLS: grid[1], K.MEM_SOURCE: "builtin", K.UPLOAD_AUTO: True,
        K.UPLOAD_THRESHOLD: 0.5, K.UPLOAD_INVERT: False, K.BUILTIN: "pictures",
        K.BUILTIN_COUNT: 5, K.PROBE_SOURCE: "memory", K.PROBE_MEMORY: 0,
        state.DRAW_TOOL: "brush",
    }
    # The memory source control is drawn on every run of this page, so its key is gone
    # only on a fresh session or after another page was shown.
    returning = K.MEM_SOURCE not in st.session_state
    state.restore_widgets(UI_KEYS, defaults)
    if returning:
        # Back from another page: every setting control shows the stored settings (a
        # widget key left from before can read as the widget's default, e.g. T = 0).
        state.restore_setting_widgets(force=True)
        st.session_state.pop(HIDDEN_SETTINGS, None)
    else:
        state.restore_setting_widgets()


def _say(level: str, text: str) -> None:
    """Queue a message for the next run (callbacks run before the page draws)."""
    st.session_state[K.MESSAGE] = (level, text)


def show_message() -> None:
    msg = st.session_state.pop(K.MESSAGE, None)
    if msg:
        getattr(st, msg[0])(msg[1])


def apply_scenario(scenario: state.Scenario) -> None:
    """Load a demo's memories, probe and settings into the Playground and run it once."""
    mems = list(scenario.memories)
    state.set_memories(mems)
    grid = mems[0].grid if mems else state.grid_shape()
    st.session_state[K.ROWS] = int(min(max(grid[0], 1), hc.MAX_GRID))
    st.session_state[K.COLS] = int(min(max(grid[1], 1), hc.MAX_GRID))
    # The scenario's probe is already corrupted as the demo wants: no more noise on top.
    # Values are clamped to the widgets' ranges (a widget refuses a value outside them).
    given = scenario.settings
    settings = given.with_(
        noise=0.0, occlusion="none",
        mode=given.mode if given.mode in MODES else "async",
        steps=int(min(max(given.steps, 1), MAX_STEPS)),
        frames_per_sweep=given.frames_per_sweep if given.frames_per_sweep in FRAMES_PER_SWEEP
        else 1,
        theta=float(min(max(given.theta, -THETA_MAX), THETA_MAX)),
        temperature=float(min(max(given.temperature, 0.0), TEMPERATURE_MAX)),
        degree=int(min(max(given.degree, 2), DEGREE_MAX)),
        beta=float(min(max(given.beta, BETA_RANGE[0]), BETA_RANGE[1])),
        seed=int(min(max(given.seed, 0), 2**31 - 1)))
    state.set_settings(settings)
    state.restore_setting_widgets(force=True)
    st.session_state[K.PROBE_BASE] = np.asarray(scenario.probe).copy()
    st.session_state[K.PROBE_SOURCE] = "scenario"
    st.session_state[K.BANNER] = (scenario.title, scenario.note)
    st.session_state[K.AUTORUN] = True


# --------------------------------------------------------------------------- grid


def convert_memories(memories: list[state.Memory], grid: tuple[int, int]) -> list[state.Memory]:
    """Resample every memory to ``grid`` (area averaging, then the sign; ties become ink)."""
    out = []
    for mem in memories:
        image = mem.pattern.reshape(mem.grid).astype(np.float64)
        small = np.asarray(hc.resize(image, grid, method="area"), dtype=np.float64)
        pattern = np.where(small >= 0, 1, -1).astype(np.int8).ravel()
        out.append(state.Memory(mem.name, pattern, grid))
    return out


def _convert_cb(grid: tuple[int, int]) -> None:
    mems = state.memories()
    state.set_memories(convert_memories(mems, grid))
    st.session_state[K.PROBE_MEMORY] = 0
    _say("success", f"Converted {len(mems)} memories to {grid[0]}×{grid[1]}.")


def _clear_to_grid_cb(grid: tuple[int, int]) -> None:
    state.set_memories([])
    st.session_state[state.GRID] = grid


def _keep_grid_cb() -> None:
    st.session_state[K.ROWS], st.session_state[K.COLS] = state.grid_shape()


def grid_controls() -> tuple[int, int]:
    """Rows and columns (2..256). Returns the grid new patterns are made on.

    With memories stored, the grid is theirs; a different choice is explained and
    offered as a conversion (resample them), a fresh start, or a way back.
    """
    c1, c2 = st.columns(2)
    # 1 is allowed so a demo's single-row network (six neurons in a line) fits too.
    c1.number_input("Rows", min_value=1, max_value=hc.MAX_GRID, step=1, key=K.ROWS,
                    help="Height of every pattern in units (up to 256).")
    c2.number_input("Columns", min_value=1, max_value=hc.MAX_GRID, step=1,
                    key=K.COLS, help="Width of every pattern in units (up to 256).")
    wanted = (int(st.session_state[K.ROWS]), int(st.session_state[K.COLS]))
    mems = state.memories()
    if not mems:
        st.session_state[state.GRID] = wanted
        return wanted
    current = state.grid_shape()
    if wanted != current:
        st.warning(
            f"The {len(mems)} stored memories are {current[0]}×{current[1]}; every memory and "
            f"the probe must have the same size. Convert them to {wanted[0]}×{wanted[1]} "
            "(resampled: small details may change), clear them, or keep the old size."
        )
        b1, b2, b3 = st.columns(3)
        b1.button("Convert", key="playground.grid_convert", on_click=_convert_cb, args=(wanted,))
        b2.button("Clear memories", key="playground.grid_clear", on_click=_clear_to_grid_cb,
                  args=(wanted,))
        b3.button(f"Keep {current[0]}×{current[1]}", key="playground.grid_keep",
                  on_click=_keep_grid_cb)
    return current


# --------------------------------------------------------------------------- memories


def _add_memories(names: list[str], patterns: np.ndarray, grid: tuple[int, int], *,
                  replace: bool = False) -> None:
    patterns = np.asarray(patterns, dtype=np.int8).reshape(len(names), -1)
    current = [] if replace else state.memories()
    if current and current[0].grid != tuple(grid):
        _say("error", f"These patterns are {grid[0]}×{grid[1]} but the memories are "
                      f"{current[0].grid[0]}×{current[0].grid[1]}; nothing was added.")
        return
    # An identical pattern adds nothing but a second, equal entry (a double click on Add
    # would double every memory): skip it and say so.
    seen = {m.pattern.tobytes(): i for i, m in enumerate(current)}
    fresh_names, fresh, skipped = [], [], []
    for name, pattern in zip(names, patterns):
        code = pattern.tobytes()
        if code in seen:
            skipped.append(f"{name} (memory {seen[code] + 1})" if seen[code] < len(current)
                           else name)
            continue
        seen[code] = len(current) + len(fresh)
        fresh_names.append(name)
        fresh.append(pattern)
    dup = ""
    if skipped:
        shown = ", ".join(skipped[:5]) + (f" and {len(skipped) - 5} more" if len(skipped) > 5
                                          else "")
        dup = f"{len(skipped)} already stored, skipped: {shown}."
    if not fresh:
        _say("info", f"Nothing added: {dup}")
        return
    room = MAX_MEMORIES - len(current)
    if room <= 0:
        _say("warning", f"The Playground holds at most {MAX_MEMORIES} memories. Remove some first.")
        return
    new = [state.Memory(n, p.copy(), tuple(grid))
           for n, p in zip(fresh_names[:room], fresh[:room])]
    state.set_memories(current + new)
    extra = "" if len(fresh) <= room else f" ({len(fresh) - room} left out: limit {MAX_MEMORIES})"
    _say("success", f"Stored {len(new)} memor{'y' if len(new) == 1 else 'ies'}: "
                    f"{len(current) + len(new)} in all{extra}." + (f" {dup}" if dup else ""))


@st.cache_data(show_spinner=False, max_entries=64)
def _builtin(name: str, grid: tuple[int, int], count: int) -> tuple[list[str], np.ndarray]:
    if name == "pictures":
        from hopfield_app import images

        names, pats = images.load_pictures(grid)
        if count > len(names):  # more than the drawn pictures: add picture-like variants
            names, pats = images.picture_set(grid, count)
        return list(names)[:count], pats[:count]
    if name == "random":
        names, pats = hc.builtin_set("random", grid, count=count, rng=0)
        return [f"random {i + 1}" for i in range(len(names))], pats
    names, pats = hc.builtin_set(name, grid)
    prefix = {"digits": "digit ", "letters": "letter ", "shapes": ""}.get(name, "")
    return [f"{prefix}{n}" for n in names[:count]], pats[:count]


def _builtin_cb(grid: tuple[int, int], replace: bool) -> None:
    if replace:  # nothing old is kept, so the new set takes the size the fields show
        grid = (state.as_int(st.session_state.get(K.ROWS), grid[0]),
                state.as_int(st.session_state.get(K.COLS), grid[1]))
    name = st.session_state.get(K.BUILTIN) or "digits"
    count = int(st.session_state.get(K.BUILTIN_COUNT) or 1)
    try:
        names, pats = _builtin(name, tuple(grid), count)
    except ValueError as exc:
        _say("error", f"Could not make the {name} set at {grid[0]}×{grid[1]}: {exc}")
        return
    _add_memories(list(names), pats, grid, replace=replace)


def _builtin_panel(grid: tuple[int, int]) -> None:
    c1, c2 = st.columns([3, 2])
    state.guard_choice(K.BUILTIN, list(BUILTIN_CHOICES), "pictures")
    c1.selectbox("Set", options=list(BUILTIN_CHOICES), format_func=BUILTIN_CHOICES.get,
                 key=K.BUILTIN, help="Patterns made by the app at the current grid size.")
    c2.number_input("How many", min_value=1, max_value=100, step=1, key=K.BUILTIN_COUNT,
                    help="The first k patterns of the set (random: k fresh patterns, seed 0).")
    b1, b2 = st.columns(2)
    b1.button("Add to memories", key="playground.builtin_add", on_click=_builtin_cb,
              args=(grid, False), width="stretch")
    b2.button("Replace memories", key="playground.builtin_replace", on_click=_builtin_cb,
              args=(grid, True), width="stretch")


def _store_drawing_cb(grid: tuple[int, int]) -> None:
    pattern = state.drawing(grid)
    if not np.any(pattern > 0):
        _say("warning", "The drawing is empty: paint some cells first, then store it.")
        return
    count = sum(m.name.startswith("drawing") for m in state.memories())
    _add_memories([f"drawing {count + 1}"], pattern[None, :], grid)


def _clear_drawing_cb(grid: tuple[int, int]) -> None:
    state.set_drawing(-np.ones(grid[0] * grid[1], dtype=np.int8), grid)
    st.session_state[state.DRAW_NONCE] = st.session_state.get(state.DRAW_NONCE, 0) + 1


def _invert_drawing_cb(grid: tuple[int, int]) -> None:
    state.set_drawing(-state.drawing(grid), grid)
    st.session_state[state.DRAW_NONCE] = st.session_state.get(state.DRAW_NONCE, 0) + 1


@st.fragment
def _draw_panel(grid: tuple[int, int]) -> None:
    """A fragment: a stroke reruns only the canvas, not the whole page with its player."""
    drawing.drawing_panel_canvas(grid)
    b1, b2, b3 = st.columns(3)
    b1.button("Clear", key="playground.draw_clear", on_click=_clear_drawing_cb, args=(grid,),
              width="stretch", help="Make every cell background (−1).")
    b2.button("Invert", key="playground.draw_invert", on_click=_invert_drawing_cb,
              args=(grid,), width="stretch", help="Swap ink and background.")
    if b3.button("Store", key="playground.draw_store", type="primary", width="stretch",
                 help="Add the drawing to the memories."):
        _store_drawing_cb(grid)
        st.rerun(scope="app")  # the gallery and the probe live outside this fragment


@st.cache_data(show_spinner=False, max_entries=8)
def _decode(data: bytes, name: str) -> tuple[np.ndarray, list[str]]:
    from hopfield_app import images

    return images.decode_upload(data, name)


def upload_pattern(grid: tuple[int, int]) -> tuple[np.ndarray, str] | None:
    """The binarised upload on ``grid`` (``None`` without a readable upload); shows errors."""
    file = st.session_state.get(K.UPLOAD)
    if file is None:  # removed by the user: forget its pattern too
        st.session_state.pop(K.UPLOAD_PATTERN, None)
        return None
    try:
        gray, notes = _decode(file.getvalue(), file.name)
    except ValueError as exc:  # images.ImageError is a ValueError
        st.session_state.pop(K.UPLOAD_PATTERN, None)
        st.error(f"{exc} The stored memories are unchanged.")
        return None
    for note in notes:
        st.warning(note)
    threshold = None if st.session_state.get(K.UPLOAD_AUTO, True) else float(
        st.session_state.get(K.UPLOAD_THRESHOLD, 0.5))
    try:
        pattern = hc.image_to_pattern(gray, grid, threshold=threshold,
                                      invert=bool(st.session_state.get(K.UPLOAD_INVERT)))
    except ValueError as exc:
        st.error(f"Could not turn {file.name} into a pattern: {exc}")
        return None
    pattern = np.asarray(pattern, dtype=np.int8).ravel()
    if np.all(pattern == pattern[0]):  # nothing to recall: one colour everywhere
        st.session_state.pop(K.UPLOAD_PATTERN, None)
        gray_values = np.asarray(gray, dtype=np.float64)
        if gray_values.size == 0 or np.ptp(gray_values) < 1e-6:
            st.error(f"“{file.name}” has no contrast (every pixel is the same grey): there "
                     "is nothing to store. Upload a picture with dark and light parts.")
        else:
            what = "ink" if pattern[0] > 0 else "background"
            st.error(f"At this threshold every unit of “{file.name}” is {what}: there is "
                     "nothing to store. Turn on Auto threshold or move the Threshold slider.")
        return None
    stem = file.name.rsplit(".", 1)[0][:24] or "upload"
    st.session_state[K.UPLOAD_PATTERN] = (pattern, tuple(grid), stem)
    return pattern, stem


def _store_upload_cb(grid: tuple[int, int]) -> None:
    saved = st.session_state.get(K.UPLOAD_PATTERN)
    if saved is None or tuple(saved[1]) != tuple(grid):
        _say("warning", "Upload a readable picture first.")
        return
    _add_memories([saved[2]], saved[0][None, :], grid)


def _upload_panel(grid: tuple[int, int]) -> None:
    st.file_uploader("Picture (PNG, JPEG, GIF, BMP, WebP; up to 10 MB)",
                     type=["png", "jpg", "jpeg", "gif", "bmp", "webp"], key=K.UPLOAD,
                     help="It is turned grey, resized to the grid by area averaging and "
                          "thresholded: dark pixels become ink (+1).")
    c1, c2 = st.columns([3, 2])
    with c2:
        st.toggle("Auto threshold", key=K.UPLOAD_AUTO,
                  help="Otsu's method picks the grey level that best splits dark from light.")
        st.toggle("Invert", key=K.UPLOAD_INVERT, help="For light drawings on a dark background.")
        st.slider("Threshold", 0.0, 1.0, step=0.01, key=K.UPLOAD_THRESHOLD,
                  disabled=bool(st.session_state.get(K.UPLOAD_AUTO, True)),
                  help="Pixels darker than this grey level (0 black, 1 white) become ink.")
    with c1:
        result = upload_pattern(grid)
        if result is not None:
            views.pattern_image(result[0], grid, caption=f"{result[1]} as {grid[0]}×{grid[1]}",
                                width=160)
    st.button("Store the upload", key="playground.upload_store", on_click=_store_upload_cb,
              args=(grid,), type="primary", disabled=result is None, width="stretch")


def _remove_cb(index: int) -> None:
    mems = state.memories()
    if 0 <= index < len(mems):
        removed = mems.pop(index)
        state.set_memories(mems)
        # The probe stays on the same memory (one place earlier if it moved up).
        chosen = state.as_int(st.session_state.get(K.PROBE_MEMORY), 0)
        chosen = chosen - 1 if chosen > index else (0 if chosen == index else chosen)
        st.session_state[K.PROBE_MEMORY] = min(max(chosen, 0), max(len(mems) - 1, 0))
        _say("info", f"Removed {removed.name}.")


def _clear_memories_cb() -> None:
    state.set_memories([])
    st.session_state[K.PROBE_MEMORY] = 0


def memories_panel(grid: tuple[int, int]) -> None:
    """Sources of new memories (built-in, draw, upload) and the gallery of the stored set."""
    state.guard_choice(K.MEM_SOURCE, list(MEM_SOURCES), "builtin")
    st.segmented_control("Add memories from", options=list(MEM_SOURCES),
                         format_func=MEM_SOURCES.get, key=K.MEM_SOURCE, required=True)
    source = st.session_state.get(K.MEM_SOURCE) or "builtin"
    if source == "draw":
        _draw_panel(grid)
    elif source == "upload":
        _upload_panel(grid)
    else:
        _builtin_panel(grid)
    mems = state.memories()
    head, clear = st.columns([3, 1], vertical_alignment="center")
    head.markdown(f"**Stored: {len(mems)}** ({grid[0]}×{grid[1]})" if mems else
                  "**No memories yet.** Add a built-in set, a drawing or a picture.")
    clear.button("Clear all", key="playground.clear_memories", on_click=_clear_memories_cb,
                 disabled=not mems, type="tertiary")
    if mems:
        shown = mems[:GALLERY_MAX]
        # More than two rows scroll inside their own box, so Run stays on screen.
        box = st.container(height=250, border=False) if len(shown) > 12 else st.container()
        with box:
            views.gallery([m.pattern for m in shown], grid,
                          [f"{i + 1}: {m.name}" for i, m in enumerate(shown)], columns=6,
                          key="playground.gallery", thumb=56, on_remove=_remove_cb)
            if len(mems) > GALLERY_MAX:
                st.caption(f"… and {len(mems) - GALLERY_MAX} more (not shown).")


# --------------------------------------------------------------------------- probe


def make_probe(base: np.ndarray, grid: tuple[int, int], *, noise: float, occlusion: str,
               seed: int) -> np.ndarray:
    """``base`` with ``noise`` of its units flipped (seeded), then ``occlusion`` erased."""
    probe = np.asarray(base).copy()
    if noise > 0:
        probe = hc.add_noise(probe, noise, rng=seed)
    if occlusion and occlusion != "none":
        probe = hc.occlude(probe, tuple(grid), occlusion)
    return probe


@dataclass(frozen=True)
class ProbeChoice:
    """The probe to run from (``None`` with ``problem`` saying why)."""

    pattern: np.ndarray | None
    description: str
    problem: str = ""
    memory: int | None = None  # the memory (0-based) the probe was made from, if any


def _probe_base(source: str, grid: tuple[int, int], mems: list[state.Memory],
                seed: int) -> tuple[np.ndarray | None, str, str]:
    n = grid[0] * grid[1]
    if source == "memory":
        if not mems:
            return None, "", "There are no memories to corrupt yet: add some first."
        i = state.as_int(st.session_state.get(K.PROBE_MEMORY), 0)
        i = min(max(i, 0), len(mems) - 1)
        return mems[i].pattern, f"memory {i + 1} ({mems[i].name})", ""
    if source == "drawing":
        dgrid = state.drawing_grid()
        if dgrid is not None and tuple(dgrid) != tuple(grid):
            return None, "", (f"The drawing is {dgrid[0]}×{dgrid[1]} but the memories are "
                              f"{grid[0]}×{grid[1]}: a probe must have one unit per memory "
                              "unit. Clear the drawing (① Memories → Draw) and draw again.")
        pattern = state.drawing(grid)
        if not np.any(pattern > 0):
            return None, "", ("The drawing is empty: paint something under ① Memories → Draw "
                              "first.")
        return pattern, "the drawing", ""
    if source == "upload":
        saved = st.session_state.get(K.UPLOAD_PATTERN)
        # The binarised picture outlives the uploader widget (which Streamlit forgets
        # while another memory source is shown).
        if saved is None:
            return None, "", ("No picture uploaded: upload one under ① Memories → Upload "
                              "first.")
        if tuple(saved[1]) != tuple(grid):
            return None, "", (f"The upload was binarised at {saved[1][0]}×{saved[1][1]}, the "
                              f"memories are {grid[0]}×{grid[1]}. Open ① Memories → Upload "
                              "again.")
        return saved[0], f"the upload ({saved[2]})", ""
    if source == "scenario":
        base = st.session_state.get(K.PROBE_BASE)
        if base is None:
            return None, "", "No demo probe is loaded: pick another probe source."
        if np.asarray(base).size != n:
            return None, "", (f"The probe has {np.asarray(base).size} units but the memories "
                              f"have {n} ({grid[0]}×{grid[1]}). Pick another probe source.")
        return np.asarray(base), "the demo's probe", ""
    return hc.random_states(1, n, rng=seed)[0], f"a random state (seed {seed})", ""


def probe_panel(grid: tuple[int, int], settings: state.RunSettings) -> ProbeChoice:
    """Where the probe comes from, how it is corrupted, and a preview of it."""
    mems = state.memories()
    sources = [s for s in PROBE_SOURCES if s != "scenario" or
               st.session_state.get(K.PROBE_BASE) is not None]
    state.guard_choice(K.PROBE_SOURCE, sources, "memory")
    st.segmented_control("Start from", options=sources, format_func=PROBE_SOURCES.get,
                         key=K.PROBE_SOURCE, required=True)
    source = st.session_state.get(K.PROBE_SOURCE) or "memory"
    if source == "memory" and mems:
        labels = [f"{i + 1}: {m.name}" for i, m in enumerate(mems)]
        state.guard_choice(K.PROBE_MEMORY, list(range(len(mems))), 0, labels=labels)
        st.selectbox("Memory", options=list(range(len(mems))),
                     format_func=lambda i: labels[i] if 0 <= state.as_int(i, -1) < len(labels)
                     else str(i), key=K.PROBE_MEMORY)
    c1, c2 = st.columns(2)
    c1.slider("Noise: units flipped", 0.0, 1.0, step=0.01, key=state.SETTING_KEYS["noise"],
              format="percent",
              help="Flips exactly this fraction of the units, chosen at random (seeded).")
    state.guard_choice(state.SETTING_KEYS["occlusion"], list(hc.OCCLUSION_REGIONS), "none")
    c2.selectbox("Occlusion", options=list(hc.OCCLUSION_REGIONS), key=state.SETTING_KEYS[
        "occlusion"], help="Erase a part of the picture (set it to background, −1).")
    base, description, problem = _probe_base(source, grid, mems, settings.seed)
    if base is None:
        st.info(problem)
        return ProbeChoice(None, "", problem)
    n = grid[0] * grid[1]
    if np.asarray(base).size != n:
        problem = (f"The probe has {np.asarray(base).size} units but the memories have {n}.")
        st.error(problem)
        return ProbeChoice(None, "", problem)
    try:
        probe = make_probe(base, grid, noise=settings.noise, occlusion=settings.occlusion,
                           seed=settings.seed)
    except ValueError as exc:
        st.error(str(exc))
        return ProbeChoice(None, "", str(exc))
    parts = [description]
    if settings.noise > 0:
        parts.append(f"{settings.noise:.0%} flipped")
    if settings.occlusion != "none":
        parts.append(f"{settings.occlusion} erased")
    text = ", ".join(parts)
    views.pattern_image(probe, grid, caption=f"Probe: {text}", width=150)
    state.set_probe(probe)
    memory = None
    if source == "memory":
        memory = min(max(state.as_int(st.session_state.get(K.PROBE_MEMORY), 0), 0), len(mems) - 1)
    return ProbeChoice(probe, text, memory=memory)


# --------------------------------------------------------------------------- settings


def settings_panel() -> state.RunSettings:
    """Learning rule, update mode and run options; returns them (and stores them)."""
    key = state.SETTING_KEYS
    prev = state.settings()
    was_hidden = st.session_state.get(HIDDEN_SETTINGS, set(OPTIONAL_SETTINGS))

    def reveal(name: str, value: Any) -> None:
        # A control hidden in the last run comes back with the setting, not with the
        # default its dropped widget key would read as.
        if name in was_hidden:
            st.session_state[key[name]] = value

    rules = list(getattr(hc, "RULES", RULE_INFO))
    state.guard_choice(key["rule"], rules, "hebbian")
    st.selectbox("Learning rule", options=rules, key=key["rule"],
                 help="How the memories are written into the network.")
    rule = st.session_state[key["rule"]]
    info = RULE_INFO.get(rule)
    if info:
        st.caption(info[0])
        st.latex(info[1])
    if rule == "dense":
        reveal("degree", int(min(max(prev.degree, 2), DEGREE_MAX)))
        st.number_input("Degree n", min_value=2, max_value=DEGREE_MAX, step=1, key=key["degree"],
                        help="Interaction order: F(x) = xⁿ. n = 2 is the classic network.")
    if rule == "modern":
        reveal("beta", float(min(max(prev.beta, BETA_RANGE[0]), BETA_RANGE[1])))
        st.slider("β (inverse temperature)", BETA_RANGE[0], BETA_RANGE[1], step=0.5,
                  key=key["beta"],
                  help="Large β: retrieve the single closest memory; small β: a blend.")
    state.guard_choice(key["mode"], list(MODES), "async")
    modern = rule == "modern"
    st.segmented_control(
        "Update mode", options=list(MODES), format_func=MODES.get, key=key["mode"], required=True,
        disabled=modern,
        help="Synchronous: every unit at once (can oscillate). Asynchronous: one unit at a "
             "time in random order (always settles). Stochastic: asynchronous with noise.")
    if modern:
        st.caption("The modern rule always updates every unit at once (one step = one "
                   "update), without temperature: the update mode does not apply.")
    mode = st.session_state.get(key["mode"])
    mode = mode if mode in MODES else "async"
    c1, c2 = st.columns(2)
    c1.number_input("Steps" if mode == "sync" or modern else "Steps (sweeps)", min_value=1,
                    max_value=MAX_STEPS, step=1, key=key["steps"],
                    help="At most this many steps; a synchronous step updates every unit at "
                         "once, an asynchronous sweep each unit once. The run stops early at "
                         "a fixed point.")
    if mode != "sync" and not modern:
        reveal("frames_per_sweep", prev.frames_per_sweep if prev.frames_per_sweep in
               FRAMES_PER_SWEEP else 16)
        state.guard_choice(key["frames_per_sweep"], list(FRAMES_PER_SWEEP),
                           state.settings().frames_per_sweep)
        c2.selectbox("Frames per sweep", options=list(FRAMES_PER_SWEEP),
                     key=key["frames_per_sweep"],
                     help="Record the picture this many times per sweep, to watch it fill "
                          "in unit by unit.")
    c3, c4 = st.columns(2)
    c3.number_input(f"Threshold θ (±{THETA_MAX:g})", min_value=-THETA_MAX, max_value=THETA_MAX,
                    step=0.05, key=key["theta"],
                    help=f"A unit turns on when its field exceeds θ; from −{THETA_MAX:g} to "
                         f"{THETA_MAX:g} (a value outside is not taken).")
    c4.number_input("Seed", min_value=0, max_value=2**31 - 1, step=1, key=key["seed"],
                    help="Same seed, same noise and update order: the run is reproducible.")
    if mode == "stochastic" and not modern:
        # Stochastic at T = 0 is plain asynchronous: it starts at a visible temperature.
        reveal("temperature", float(min(prev.temperature, TEMPERATURE_MAX))
               if prev.temperature > 0 else DEFAULT_TEMPERATURE)
        st.slider("Temperature T", 0.0, TEMPERATURE_MAX, step=0.01, key=key["temperature"],
                  help="Glauber updates: P(s=+1) = 1/(1+exp(−2(h−θ)/T)). T = 0 is "
                       "deterministic; high T is noise.")
    hidden = {name for name, shown in (("frames_per_sweep", mode != "sync" and not modern),
                                       ("temperature", mode == "stochastic" and not modern),
                                       ("degree", rule == "dense"), ("beta", modern)) if not shown}
    st.session_state[HIDDEN_SETTINGS] = hidden
    settings = _read_settings(mode, rules, hidden)
    state.set_settings(settings)
    return settings


DEFAULT_TEMPERATURE = 0.5
OPTIONAL_SETTINGS = ("frames_per_sweep", "temperature", "degree", "beta")
HIDDEN_SETTINGS = "playground.hidden_settings"  # optional controls not drawn in the last run


def _number(value: Any, fallback: float) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return float(fallback)
    return number if np.isfinite(number) else float(fallback)


def _read_settings(mode: str, rules: list[str], hidden: set[str]) -> state.RunSettings:
    """The settings from the widgets. A ``hidden`` control (frames per sweep in synchronous
    mode, the temperature outside stochastic mode...) keeps its previous setting: the key
    of a widget that is not drawn reads as the widget's default, not the user's choice.
    A value no widget could hold keeps the previous setting too."""
    prev = state.settings()
    key = state.SETTING_KEYS

    def get(k: str) -> Any:
        name = next(n for n, v in key.items() if v == k)
        return getattr(prev, name) if name in hidden else st.session_state.get(k)

    fps = state.as_int(get(key["frames_per_sweep"]), prev.frames_per_sweep)
    if fps not in FRAMES_PER_SWEEP:
        fps = prev.frames_per_sweep if prev.frames_per_sweep in FRAMES_PER_SWEEP else 16
    rule = get(key["rule"])
    occlusion = get(key["occlusion"])
    return state.RunSettings(
        rule=rule if rule in rules else prev.rule, mode=mode,
        steps=min(max(state.as_int(get(key["steps"]), prev.steps), 1), MAX_STEPS),
        frames_per_sweep=fps,
        theta=_number(get(key["theta"]), prev.theta),
        temperature=min(max(_number(get(key["temperature"]), prev.temperature), 0.0),
                        TEMPERATURE_MAX),
        seed=state.as_int(get(key["seed"]), prev.seed),
        degree=state.as_int(get(key["degree"]), prev.degree),
        beta=_number(get(key["beta"]), prev.beta),
        noise=min(max(_number(get(key["noise"]), prev.noise), 0.0), 1.0),
        occlusion=occlusion if occlusion in hc.OCCLUSION_REGIONS else "none")


# --------------------------------------------------------------------------- run


def _rule_params(settings: state.RunSettings) -> dict[str, Any]:
    if settings.rule == "dense":
        return {"degree": settings.degree}
    if settings.rule == "modern":
        return {"beta": settings.beta}
    return {}


@st.cache_data(show_spinner=False, max_entries=8)
def _simulate(patterns: np.ndarray, probe: np.ndarray, rule: str, params: tuple,
              mode: str, steps: int, theta: float, temperature: float, seed: int,
              frames_per_sweep: int) -> tuple[Any, np.ndarray]:
    """Store and run (pure, cached): the Trajectory and its overlaps with the memories."""
    net = hc.store(patterns, rule=rule, **dict(params))
    traj = hc.run(net, probe, mode=mode, steps=steps, theta=theta, temperature=temperature,
                  rng=seed, frames_per_sweep=frames_per_sweep)
    return traj, np.asarray(traj.overlaps(patterns), dtype=np.float64)


def compute_run(memories: list[state.Memory], probe: np.ndarray,
                settings: state.RunSettings, *, source: int | None = None) -> state.RunRecord:
    """Run ``settings`` on the memories from ``probe``; raises ValueError from the core.

    ``source`` is the memory (0-based) the probe was made from; without it, a probe equal
    to a stored memory counts as made from that memory. Ending on another memory is then
    called a recall error."""
    if not memories:
        raise ValueError("No memories are stored: add a built-in set, a drawing or a picture "
                         "in the Memories tab, then press Run.")
    grid = memories[0].grid
    patterns = np.stack([m.pattern for m in memories]).astype(np.int8)
    probe = np.asarray(probe)
    if probe.size != patterns.shape[1]:
        raise ValueError(f"The probe has {probe.size} units but the memories have "
                         f"{patterns.shape[1]} ({grid[0]}×{grid[1]}). Choose the probe again "
                         "so that it has the memories' size.")
    if settings.rule == "modern":  # all units at once, no temperature: the mode is moot
        settings = settings.with_(mode="sync")
    mode = "async" if settings.mode == "stochastic" else settings.mode
    temperature = settings.temperature if settings.mode == "stochastic" else 0.0
    fps = 1 if mode == "sync" else settings.frames_per_sweep
    traj, overlaps = _simulate(patterns, probe.astype(np.int8) if probe.dtype != np.float64
                               else probe, settings.rule,
                               tuple(sorted(_rule_params(settings).items())), mode,
                               settings.steps, settings.theta, temperature, settings.seed, fps)
    labels = tuple(m.name for m in memories)
    if source is None or not 0 <= source < len(memories):
        same = np.flatnonzero(np.all(patterns == probe.reshape(1, -1), axis=1))
        source = int(same[0]) if same.size else None
    text = views.verdict(traj, patterns, labels=labels, mode=settings.mode, source=source)
    return state.RunRecord(traj=traj, patterns=patterns, labels=labels, grid=grid,
                           settings=settings, probe=probe.copy(), overlaps=overlaps,
                           verdict=text, source=source)


def run_button(ready: bool) -> bool:
    """The big Run button (also pressed once automatically after a demo is loaded)."""
    # No tooltip: after a click the pointer rests on the button, and a tooltip would
    # cover the controls like a popup (the summary line above says what will run).
    pressed = st.button("Run", key=K.RUN, type="primary", width="stretch",
                        icon=":material/play_arrow:")
    return pressed or bool(st.session_state.pop(K.AUTORUN, False))
