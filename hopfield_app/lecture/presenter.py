"""Presenter mode: the run alone on a projector, large type, high contrast.

One switch (a button, the address parameter ``?present=1``, or the F key once the
frame player reports it as the action ``"presenter"``). When on, the page's CSS
hides the sidebar, the header, the Playground's controls column and the share
panel; the run (verdict, state picture, energy and overlap charts) takes the
whole width; body text is 22 px and the player is drawn 1.15 times larger (its
16 px chart labels become 18.4 px on screen). A small "Exit presenter mode" button
stays in the bottom right corner. Only CSS, no script.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

__all__ = ["PARAM", "KEY", "setup", "is_on", "set_on", "controls_column", "follow_action",
           "CONTROLS_KEY", "SHARE_KEY"]

PARAM = "present"
KEY = "lecture.present"
CONTROLS_KEY = "lecture.controls"  # a container in the controls column (hidden when on)
SHARE_KEY = "lecture.share"  # the share/export panel (hidden when on)
ZOOM = 1.15  # the player's 16 px chart labels -> 18.4 px on screen

_CSS = f"""
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
header[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
.st-key-lecture-share, .st-key-why-compare-pick, .st-key-why-compare-go,
.st-key-why-compare-stop {{ display: none !important; }}
[data-testid="stColumn"]:has(.st-key-lecture-controls) {{ display: none !important; }}
[data-testid="stHorizontalBlock"]:has(> [data-testid="stColumn"] .st-key-lecture-controls)
  > [data-testid="stColumn"] {{
  flex: 1 1 100% !important; width: 100% !important; max-width: 100% !important;
}}
[data-testid="stMainBlockContainer"] {{
  padding: 0.4rem 1.2rem 0.4rem 1.2rem !important; max-width: 100% !important;
}}
[data-testid="stAppViewContainer"], [data-testid="stMain"] {{ background: #ffffff; }}
[data-testid="stMain"] :is(p, li, label, span) {{ font-size: 22px !important; color: #0b1220; }}
[data-testid="stMain"] [data-testid="stAlert"] p {{ font-size: 22px !important; }}
.st-key-playground-player {{ zoom: {ZOOM}; }}
.st-key-lecture-present_exit {{
  position: fixed; bottom: 8px; right: 12px; z-index: 999990; width: auto !important;
}}
.st-key-lecture-present_exit button {{ opacity: 0.55; }}
.st-key-lecture-present_exit button:hover {{ opacity: 1; }}
</style>
"""


def is_on() -> bool:
    return bool(st.session_state.get(KEY, False))


def set_on(on: bool) -> None:
    """Switch presenter mode (and the ``present`` parameter of the address)."""
    st.session_state[KEY] = bool(on)
    if on:
        st.query_params[PARAM] = "1"
    else:
        st.query_params.pop(PARAM, None)


def _toggle_cb() -> None:
    set_on(not is_on())


def setup() -> bool:
    """Call near the top of the page: reads ``?present=1`` on a session's first run,
    styles the page when presenter mode is on and draws the exit button. Returns
    whether it is on."""
    if KEY not in st.session_state:
        st.session_state[KEY] = st.query_params.get(PARAM) == "1"
    on = is_on()
    # Drawn on every run, on or off: a style element left out would linger in the page.
    st.html(_CSS if on else "<style>/* presenter mode off */</style>")
    if on:
        st.button("Exit presenter mode", key="lecture.present_exit", on_click=_toggle_cb,
                  icon=":material/close_fullscreen:", type="secondary",
                  help="Back to the controls (the address keeps the experiment).")
        if st.query_params.get(PARAM) != "1":
            st.query_params[PARAM] = "1"
    return on


def controls_column() -> None:
    """Call first inside the controls column: marks it (hidden in presenter mode) and
    offers the switch."""
    with st.container(key=CONTROLS_KEY):
        st.button("Presenter mode", key="lecture.present_on", on_click=_toggle_cb,
                  icon=":material/open_in_full:", type="tertiary",
                  help="The run alone, full width, in large type for a projector "
                       "(also: add ?present=1 to the address).")


def follow_action(action: Any) -> None:
    """Act on a key the frame player reported for the page: "presenter" (F) switches
    presenter mode and reruns the page."""
    if action == "presenter":
        set_on(not is_on())
        st.rerun()
