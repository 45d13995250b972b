"""Keys, limits and the one-line message of the Playground.

Every widget has an explicit key (``"playground.*"``) so tests can address it.
Widgets are created without ``value=``: their values live in ``st.session_state``
(defaults set once by ``session.init_playground``, restored after a page switch by
``state.restore_widgets``), so switching pages and back keeps everything.
"""

from __future__ import annotations

import streamlit as st

from hopfield_app import state

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
    UNDO = "playground.undo"  # (index, Memory) of the last removed memory, for Undo
    UPLOAD_FIT = "playground.upload_fit"
    HALF_A = "playground.half_a"  # the two memories of the halfway probe
    HALF_B = "playground.half_b"
    HALF_ZERO = "playground.half_zero"  # undecided units left 0 (else a coin flip)


# Widget keys (besides the settings) whose values survive a page switch.
UI_KEYS = (K.ROWS, K.COLS, K.MEM_SOURCE, K.UPLOAD_AUTO, K.UPLOAD_THRESHOLD, K.UPLOAD_INVERT,
           K.UPLOAD_FIT, K.HALF_A, K.HALF_B, K.HALF_ZERO, K.BUILTIN, K.BUILTIN_COUNT, K.PROBE_SOURCE, K.PROBE_MEMORY, state.DRAW_TOOL)

FRAMES_PER_SWEEP = (1, 2, 4, 8, 16, 32, 64)
MAX_STEPS = 500
THETA_MAX = 10.0
TEMPERATURE_MAX = 2.0
DEGREE_MAX = 10
BETA_RANGE = (0.5, 64.0)
MAX_MEMORIES = 400
GALLERY_MAX = 60
DEFAULT_TEMPERATURE = 0.5
OPTIONAL_SETTINGS = ("frames_per_sweep", "temperature", "degree", "beta", "order")
HIDDEN_SETTINGS = "playground.hidden_settings"  # optional controls not drawn in the last run


def say(level: str, text: str) -> None:
    """Queue a message for the next run (callbacks run before the page draws)."""
    st.session_state[K.MESSAGE] = (level, text)


def show_message() -> None:
    msg = st.session_state.pop(K.MESSAGE, None)
    if msg:
        getattr(st, msg[0])(msg[1])
