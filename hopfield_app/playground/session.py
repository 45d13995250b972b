"""The Playground's session: widget defaults, and a demo's scenario loaded into it."""

from __future__ import annotations

from typing import Any

import numpy as np
import streamlit as st

import hopfield_core as hc
from hopfield_app import state
from hopfield_app.playground.keys import (BETA_RANGE, DEGREE_MAX, FRAMES_PER_SWEEP,
                                          HIDDEN_SETTINGS, MAX_STEPS, TEMPERATURE_MAX,
                                          THETA_MAX, UI_KEYS, K)
from hopfield_app.playground.settings import MODES, ORDERS


def init_playground() -> None:
    """Defaults for every Playground widget key, then restore what a page switch removed."""
    grid = state.grid_shape()
    defaults: dict[str, Any] = {
        K.ROWS: grid[0], K.COLS: grid[1], K.MEM_SOURCE: "builtin", K.UPLOAD_AUTO: True,
        K.UPLOAD_THRESHOLD: 0.5, K.UPLOAD_INVERT: False, K.UPLOAD_FIT: "pad", K.HALF_A: 0, K.HALF_B: 1, K.HALF_ZERO: True, K.BUILTIN: "pictures",
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
        seed=int(min(max(given.seed, 0), 2**31 - 1)),
        order=getattr(given, "order", "random") if getattr(given, "order", "random") in ORDERS
        else "random")
    state.set_settings(settings)
    state.restore_setting_widgets(force=True)
    st.session_state[K.PROBE_BASE] = np.asarray(scenario.probe).copy()
    st.session_state[K.PROBE_SOURCE] = "scenario"
    st.session_state[K.BANNER] = (scenario.title, scenario.note)
    st.session_state[K.AUTORUN] = True
