"""Playground: store memories, corrupt one, run the network and watch it converge."""

import streamlit as st

from hopfield_app import router, state
from hopfield_app.lecture import session as lecture_session
from hopfield_app.lecture import presenter, share
from hopfield_app.playground import compare, keys, memories, probe, run, run_view, session
from hopfield_app.playground import grid as grid_size
from hopfield_app.playground import settings as run_settings

router.ensure_router()

# app.py already did this; repeating it (idempotent) keeps the page whole when a fresh
# server serves a deep link to /playground before the navigation is known.
state.init_state()
session.init_playground()
scenario = state.pop_scenario()
if scenario is not None:  # queued by the Demos page (or a link) before switching here
    session.apply_scenario(scenario)
    compare.follow_scenario(scenario)
else:  # a shared link or a reload of the tab: the experiment is in the address
    lecture_session.restore_from_link()

presenter.setup()  # ?present=1 or the switch: the run alone, large, for a projector
left, right = st.columns([1, 2.2], gap="medium")

with left:
    presenter.controls_column()
    # The title sits over the controls, so the run on the right starts at the top of the
    # screen: on a 1280x720 projector every pixel of height goes to the player.
    st.markdown("#### Playground", help="Store memories, corrupt one, press Run, and watch "
                "the network clean it up.")
    # Always one container here, message or not: if the tabs moved up or down a slot the
    # browser would see new tabs and jump back to the first one after every rerun.
    with st.container():
        keys.show_message()
    # Run sits above the tabs, so it is on screen whatever a tab holds (a drawing canvas,
    # a long gallery) and at any window height; it is filled in once the tabs are read.
    run_box = st.container()
    tab_mem, tab_probe, tab_settings = st.tabs(["① Memories", "② Probe", "③ Settings"],
                                               key="playground.tabs")
    with tab_mem:
        grid = grid_size.grid_controls()
        memories.memories_panel(grid)
    with tab_settings:
        settings = run_settings.settings_panel()
        run_settings.playground_help()
    with tab_probe:
        choice = probe.probe_panel(grid, settings)
    stored = state.memories()
    with run_box:
        pressed = run.run_button()
        run_view.run_summary(stored, grid, choice, settings)

state.save_widgets(keys.UI_KEYS)

with right:
    just_ran = pressed and run.start(stored, choice, settings)
    record = state.last_run()
    if record is None:
        run_view.empty_stage(choice, grid, memories=stored)
    else:
        compare.run_or_compare_view(record, autoplay=just_ran)
    # A loaded demo's "look at" and "now try" follow the run: the run itself (verdict,
    # picture, charts, transport) must fill the first screen.
    run_view.scenario_banner(st.session_state.get(keys.K.BANNER))
    share.lecture_panel(record)

lecture_session.keep_link_in_sync()
