"""The Playground's session state <-> an :class:`~hopfield_app.lecture.experiment.Experiment`.

The Playground calls two functions:

- :func:`restore_from_link` at the top of the page, before its widgets are drawn:
  on the first run of a session opened with an experiment in its address (a
  shared link, or a reload of the tab) it loads that experiment;
- :func:`keep_link_in_sync` at the end of the page: it writes the current
  experiment into the page address, so a reload or a copied address brings it
  back.

:func:`experiment_from_session` and :func:`apply_to_session` are the mapping
itself; :mod:`hopfield_app.lecture.share` draws the link and file controls.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import numpy as np
import streamlit as st

import hopfield_core as hc
from hopfield_app import state
from hopfield_app.lecture import experiment as ex
from hopfield_app.lecture.experiment import Experiment, MemoryBlock
from hopfield_app.playground import compare, keys, memories

__all__ = [
    "experiment_from_session",
    "apply_to_session",
    "restore_from_link",
    "keep_link_in_sync",
    "current_query",
    "ADDRESS_LIMIT",
]

K = keys.K
# Longest address written into the browser: the web server refuses request lines
# much past this, so a longer experiment keeps its settings in the address but not
# its memories (the page then says so and offers the file).
ADDRESS_LIMIT = 30_000
_WRITTEN = "lecture.written"  # the query we last wrote or applied
_BLOCKS = "lecture.blocks"  # (memories list object, blocks, "m" text): encoding cache
_DROPPED = "lecture.dropped"  # True when the memories were too big for the address
OWN_KEYS = frozenset(ex.QUERY_KEYS)


# --------------------------------------------------------------------------- memories


def _builtin(name: str, grid: tuple[int, int], count: int) -> tuple[list[str], np.ndarray]:
    """The Playground's own built-in set (the first ``count`` of ``name`` at ``grid``)."""
    return memories._builtin(name, tuple(grid), int(count))


def _set_candidates(name: str) -> tuple[str, ...]:
    """Built-in sets whose first pattern could be named ``name`` (a cheap filter)."""
    for prefix, set_name in (("digit ", "digits"), ("letter ", "letters"),
                             ("random ", "random")):
        if name.startswith(prefix):
            return (set_name,)
    return ("shapes", "pictures")


_SET_SIZES = {"digits": len(hc.DIGIT_NAMES), "letters": len(hc.LETTER_NAMES),
              "shapes": len(hc.SHAPE_NAMES)}


def _matching_prefix(mems: list[state.Memory], start: int, set_name: str,
                     grid: tuple[int, int]) -> int:
    """How many memories from ``start`` are exactly the first patterns of the set
    (0 when unsure: those memories are then sent picture by picture, still exact)."""
    room = min(len(mems) - start, ex.MAX_SET_COUNT, _SET_SIZES.get(set_name, ex.MAX_SET_COUNT))
    try:
        names, pats = _builtin(set_name, grid, room)
    except ValueError:
        return 0
    count = 0
    for n, p, mem in zip(names, pats, mems[start:]):
        if mem.name != n or not np.array_equal(mem.pattern, p):
            break
        count += 1
    if count in (0, room):
        return count
    # Some sets are built differently for different counts: check that asking for
    # ``count`` gives these very patterns.
    names, pats = _builtin(set_name, grid, count)
    same = list(names) == [m.name for m in mems[start:start + count]] and np.array_equal(
        np.asarray(pats), np.stack([m.pattern for m in mems[start:start + count]]))
    return count if same else 0


def memory_blocks(mems: list[state.Memory]) -> tuple[MemoryBlock, ...]:
    """The memories as blocks: runs of a built-in set by name and count, the rest raw."""
    if not mems:
        return ()
    grid = tuple(mems[0].grid)
    blocks: list[MemoryBlock] = []
    raw: list[state.Memory] = []

    def flush() -> None:
        if raw:
            blocks.append(MemoryBlock("raw", names=tuple(m.name for m in raw),
                                      patterns=np.stack([m.pattern for m in raw]).astype(
                                          np.int8)))
            raw.clear()

    i = 0
    while i < len(mems):
        best, best_set = 0, ""
        for set_name in _set_candidates(mems[i].name):
            k = _matching_prefix(mems, i, set_name, grid)
            if k > best:
                best, best_set = k, set_name
        if best:
            flush()
            blocks.append(MemoryBlock("set", name=best_set, count=best))
            i += best
        else:
            raw.append(mems[i])
            i += 1
    flush()
    return tuple(blocks)


def _cached_blocks(mems_obj: Any) -> tuple[tuple[MemoryBlock, ...], str]:
    """Blocks and their ``m=`` text, computed once per stored memory list (the list
    object is replaced on every change, so identity says whether it changed)."""
    cached = st.session_state.get(_BLOCKS)
    if cached is not None and cached[0] is mems_obj:
        return cached[1], cached[2]
    blocks = memory_blocks(list(mems_obj or []))
    text = ex.to_query(Experiment(memories=blocks)).get("m", "")
    st.session_state[_BLOCKS] = (mems_obj, blocks, text)
    return blocks, text


def expand_blocks(blocks: tuple[MemoryBlock, ...], grid: tuple[int, int]) -> list[state.Memory]:
    """The memories the blocks describe (raises ValueError for a set it cannot make)."""
    out: list[state.Memory] = []
    for block in blocks:
        if block.kind == "set":
            names, pats = _builtin(block.name, grid, block.count)
            if len(names) < block.count:
                raise ValueError(f"the {block.name} set has {len(names)} patterns at "
                                 f"{grid[0]}×{grid[1]}, not {block.count}")
        else:
            names, pats = block.names, block.patterns
        out.extend(state.Memory(str(n), np.asarray(p, dtype=np.int8).copy(), tuple(grid))
                   for n, p in zip(names, pats))
    return out


# --------------------------------------------------------------------------- mapping


def experiment_from_session() -> Experiment:
    """The Playground's current experiment (memories, probe, settings, ran or not)."""
    ss = st.session_state
    grid = tuple(state.grid_shape())
    blocks, _ = _cached_blocks(ss.get(state.MEMORIES))
    settings = state.settings()
    source = ss.get(K.PROBE_SOURCE) or "memory"
    base = None
    if source == "drawing":
        base = state.drawing(grid)
    elif source == "upload":
        saved = ss.get(K.UPLOAD_PATTERN)
        base = None if saved is None or tuple(saved[1]) != grid else saved[0]
    elif source == "scenario":
        base = ss.get(K.PROBE_BASE)
    if source in ("drawing", "upload", "scenario") and (
            base is None or np.asarray(base).size != grid[0] * grid[1]):
        source, base = "memory", None
    count = sum(len(b) for b in blocks)
    return Experiment(
        grid=(int(grid[0]), int(grid[1])), memories=blocks, probe_source=source,
        probe_memory=min(max(state.as_int(ss.get(K.HALF_A if source == "halfway" else
                                                 K.PROBE_MEMORY), 0), 0), max(count - 1, 0)),
        probe_memory_b=min(max(state.as_int(ss.get(K.HALF_B), 1), 0), max(count - 1, 0)),
        halfway_zero=bool(ss.get(K.HALF_ZERO, True)),
        probe_base=None if base is None else np.asarray(base).astype(np.int8),
        noise=float(settings.noise), occlusion=settings.occlusion, rule=settings.rule,
        degree=int(settings.degree), beta=float(settings.beta), mode=settings.mode,
        order=str(getattr(settings, "order", "random")), steps=int(settings.steps),
        frames_per_sweep=int(settings.frames_per_sweep), theta=float(settings.theta),
        temperature=float(settings.temperature), seed=int(settings.seed),
        ran=state.last_run() is not None, compare=compare.active_spec())


def _run_settings(exp: Experiment) -> state.RunSettings:
    values: dict[str, Any] = {
        "rule": exp.rule, "mode": exp.mode, "steps": exp.steps,
        "frames_per_sweep": exp.frames_per_sweep, "theta": exp.theta,
        "temperature": exp.temperature, "seed": exp.seed, "degree": exp.degree,
        "beta": exp.beta, "noise": exp.noise, "occlusion": exp.occlusion, "order": exp.order}
    known = {f.name for f in dataclasses.fields(state.RunSettings)}
    return state.RunSettings(**{k: v for k, v in values.items() if k in known})


def apply_to_session(exp: Experiment) -> list[str]:
    """Load ``exp`` into the Playground; call before its widgets are drawn.

    Returns messages about what could not be loaded (a built-in set the app cannot
    make at that size). The run starts by itself when the experiment had been run.
    """
    ss = st.session_state
    problems: list[str] = []
    try:
        mems = expand_blocks(exp.memories, exp.grid)
    except ValueError as exc:
        problems.append(f"The memories could not be made ({exc}); none were loaded.")
        mems = []
    state.set_memories(mems)
    ss[state.GRID] = tuple(exp.grid)
    ss[K.ROWS], ss[K.COLS] = exp.grid
    state.set_last_run(None)
    state.set_settings(_run_settings(exp))
    state.restore_setting_widgets(force=True)
    ss.pop(keys.HIDDEN_SETTINGS, None)
    source = exp.probe_source
    ss.pop(K.PROBE_BASE, None)
    ss.pop(K.BANNER, None)
    if exp.probe_base is not None and source == "drawing":
        state.set_drawing(exp.probe_base, exp.grid)
        ss[state.DRAW_NONCE] = ss.get(state.DRAW_NONCE, 0) + 1
    elif exp.probe_base is not None:
        # An upload's picture or a demo's probe: kept as a ready-made probe (the uploaded
        # file itself is not part of an experiment).
        ss[K.PROBE_BASE] = np.asarray(exp.probe_base).copy()
        source = "scenario"
    ss[K.PROBE_SOURCE] = source
    ss[K.PROBE_MEMORY] = exp.probe_memory if exp.probe_memory < max(len(mems), 1) else 0
    if exp.probe_source == "halfway":
        ss[K.HALF_A] = ss[K.PROBE_MEMORY]
    ss[K.HALF_B] = exp.probe_memory_b if exp.probe_memory_b < max(len(mems), 1) else 0
    ss[K.HALF_ZERO] = bool(exp.halfway_zero)
    if exp.compare and compare.parse_spec(exp.compare):
        compare.queue(exp.compare)
    else:
        if exp.compare:
            problems.append(f"The comparison “{exp.compare}” is not available here; showing "
                            "the run alone.")
        compare.clear()
    if exp.ran and mems:
        ss[K.AUTORUN] = True
    return problems


# --------------------------------------------------------------------------- address


def current_query(exp: Experiment | None = None) -> tuple[dict[str, str], bool]:
    """The address parameters of the current experiment, and whether the memories had
    to be left out (longer than :data:`ADDRESS_LIMIT`)."""
    if exp is None:
        exp = experiment_from_session()
    params = ex.to_query(exp.with_(memories=()))
    _, m_text = _cached_blocks(st.session_state.get(state.MEMORIES))
    dropped = False
    if m_text:
        if ex.query_length({**params, "m": m_text}) <= ADDRESS_LIMIT:
            params["m"] = m_text
        else:
            dropped = True
    return params, dropped


def _own_params() -> dict[str, str]:
    return {k: st.query_params.get(k) for k in st.query_params.keys() if k in OWN_KEYS}


def restore_from_link() -> bool:
    """Load the experiment in the page address, once (a fresh session, a reload, a
    shared link). Shows what was wrong with the link, if anything. Returns True when
    an experiment was loaded."""
    params = _own_params()
    if not params or "g" not in params or params == st.session_state.get(_WRITTEN):
        return False
    st.session_state[_WRITTEN] = params
    decoded = ex.from_query(params)
    problems = apply_to_session(decoded.experiment)
    notes = list(decoded.messages) + problems
    if notes:
        text = "The link was partly unusable; the rest was loaded:\n\n" + "\n".join(
            f"- {n}" for n in notes[:8]) + (f"\n- … and {len(notes) - 8} more" if len(notes) > 8
                                            else "")
        st.session_state[K.MESSAGE] = ("warning", text)
    else:
        exp = decoded.experiment
        st.session_state[K.MESSAGE] = (
            "success", f"Opened the experiment from the link: {exp.n_memories} memories of "
                       f"{exp.grid[0]}×{exp.grid[1]}, {exp.rule} rule"
                       + (", running it now." if exp.ran and exp.n_memories else "."))
    return True


def keep_link_in_sync() -> None:
    """Write the current experiment into the page address (only when it changed)."""
    params, dropped = current_query()
    st.session_state[_DROPPED] = dropped
    if params == _own_params():
        st.session_state[_WRITTEN] = params
        return
    others = {k: st.query_params.get_all(k) for k in st.query_params.keys()
              if k not in OWN_KEYS}
    st.query_params.from_dict({**others, **params})
    st.session_state[_WRITTEN] = params


def memories_left_out() -> bool:
    """True when the last :func:`keep_link_in_sync` had to leave the memories out."""
    return bool(st.session_state.get(_DROPPED))
