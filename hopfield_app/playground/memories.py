"""① Memories: add a built-in set or a drawing (an upload: ``upload.py``), and the
gallery of the stored set."""

from __future__ import annotations

import numpy as np
import streamlit as st

import hopfield_core as hc
from hopfield_app import state, views
from hopfield_app.playground import store, upload
from hopfield_app.playground.keys import GALLERY_MAX, K, say as _say
from hopfield_app.widgets import drawing_grid as drawing

BUILTIN_CHOICES = {"digits": "Digits 0–9", "letters": "Letters A–Z", "shapes": "Shapes",
                   "pictures": "Pictures", "random": "Random patterns"}
MEM_SOURCES = {"builtin": "Built-in", "draw": "Draw", "upload": "Upload"}


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
    store.add_memories(list(names), pats, grid, replace=replace)


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
    store.add_memories([f"drawing {count + 1}"], pattern[None, :], grid)


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




def memories_panel(grid: tuple[int, int]) -> None:
    """Sources of new memories (built-in, draw, upload) and the gallery of the stored set."""
    state.guard_choice(K.MEM_SOURCE, list(MEM_SOURCES), "builtin")
    st.segmented_control("Add memories from", options=list(MEM_SOURCES),
                         format_func=MEM_SOURCES.get, key=K.MEM_SOURCE, required=True)
    source = st.session_state.get(K.MEM_SOURCE) or "builtin"
    if source == "draw":
        _draw_panel(grid)
    elif source == "upload":
        upload.upload_panel(grid)
    else:
        _builtin_panel(grid)
    mems = state.memories()
    head, clear = st.columns([3, 1], vertical_alignment="center")
    head.markdown(f"**Stored: {len(mems)}** ({grid[0]}×{grid[1]})" if mems else
                  "**No memories yet.** Add a built-in set, a drawing or a picture.")
    clear.button("Clear all", key="playground.clear_memories", on_click=store.clear_memories_cb,
                 disabled=not mems, type="tertiary")
    undo = st.session_state.get(K.UNDO)
    if undo is not None:
        st.button(f"Undo: bring back {undo[1].name}", key="playground.undo_remove",
                  on_click=store.undo_remove_cb, icon=":material/undo:")
    if mems:
        shown = mems[:GALLERY_MAX]
        # More than two rows scroll inside their own box, so Run stays on screen.
        box = st.container(height=250, border=False) if len(shown) > 12 else st.container()
        with box:
            views.gallery([m.pattern for m in shown], grid,
                          [f"{i + 1}: {m.name}" for i, m in enumerate(shown)], columns=6,
                          key="playground.gallery", thumb=56, on_remove=store.remove_cb)
            if len(mems) > GALLERY_MAX:
                st.caption(f"… and {len(mems) - GALLERY_MAX} more (not shown).")
