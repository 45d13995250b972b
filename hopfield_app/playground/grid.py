"""The grid size of the patterns, and converting the stored memories to another size."""

from __future__ import annotations

import numpy as np
import streamlit as st

import hopfield_core as hc
from hopfield_app import state
from hopfield_app.playground.keys import K, say as _say


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
    # The probe stays on the memory it was made from: the list keeps its order.
    state.set_memories(convert_memories(mems, grid))
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
