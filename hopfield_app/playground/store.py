"""The stored set of memories: add (skipping duplicates, up to a limit), remove, clear."""

from __future__ import annotations

import numpy as np
import streamlit as st

from hopfield_app import state
from hopfield_app.playground.keys import MAX_MEMORIES, K, say as _say


def add_memories(names: list[str], patterns: np.ndarray, grid: tuple[int, int], *,
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



def remove_cb(index: int) -> None:
    mems = state.memories()
    if 0 <= index < len(mems):
        removed = mems.pop(index)
        state.set_memories(mems)
        # The probe stays on the same memory (one place earlier if it moved up).
        chosen = state.as_int(st.session_state.get(K.PROBE_MEMORY), 0)
        chosen = chosen - 1 if chosen > index else (0 if chosen == index else chosen)
        st.session_state[K.PROBE_MEMORY] = min(max(chosen, 0), max(len(mems) - 1, 0))
        st.session_state[K.UNDO] = (index, removed)
        _say("info", f"Removed {removed.name}: Undo (under the gallery) brings it back.")


def undo_remove_cb() -> None:
    """Put the last removed memory back in its place (if it still fits the stored set)."""
    undo = st.session_state.pop(K.UNDO, None)
    if undo is None:
        return
    index, memory = undo
    mems = state.memories()
    if mems and mems[0].grid != memory.grid:
        _say("warning", f"{memory.name} is {memory.grid[0]}×{memory.grid[1]}, the memories are "
                        f"now {mems[0].grid[0]}×{mems[0].grid[1]}: it cannot come back.")
        return
    if any(np.array_equal(m.pattern, memory.pattern) for m in mems):
        _say("info", f"{memory.name} is already stored again.")
        return
    index = min(max(int(index), 0), len(mems))
    mems.insert(index, memory)
    state.set_memories(mems)
    chosen = state.as_int(st.session_state.get(K.PROBE_MEMORY), 0)
    if chosen >= index and len(mems) > 1:  # the probe stays on the memory it was on
        st.session_state[K.PROBE_MEMORY] = chosen + 1
    _say("success", f"Brought back {memory.name} as memory {index + 1}.")


def clear_memories_cb() -> None:
    st.session_state.pop(K.UNDO, None)
    state.set_memories([])
    st.session_state[K.PROBE_MEMORY] = 0
