"""Playground: store memories, corrupt one, run the network and watch it converge."""

import streamlit as st

from hopfield_app import router, state, views
from hopfield_app.lecture import session as lecture_session, share
from hopfield_app.playground import controls

router.ensure_router()
st.markdown("### Playground: store memories, corrupt one, press Run")

# app.py already did this; repeating it (idempotent) keeps the page whole when a fresh
# server serves a deep link to /playground before the navigation is known.
state.init_state()
controls.init_playground()
scenario = state.pop_scenario()
if scenario is not None:  # queued by the Demos page (or a link) before switching here
    controls.apply_scenario(scenario)
else:  # a shared link or a reload of the tab: the experiment is in the address
    lecture_session.restore_from_link()

left, right = st.columns([1, 2.2], gap="medium")

with left:
    # Always one container here, message or not: if the tabs moved up or down a slot the
    # browser would see new tabs and jump back to the first one after every rerun.
    with st.container():
        controls.show_message()
    # Run sits above the tabs, so it is on screen whatever a tab holds (a drawing canvas,
    # a long gallery) and at any window height; it is filled in once the tabs are read.
    run_box = st.container()
    tab_mem, tab_probe, tab_settings = st.tabs(["① Memories", "② Probe", "③ Settings"],
                                               key="playground.tabs")
    with tab_mem:
        grid = controls.grid_controls()
        controls.memories_panel(grid)
    with tab_settings:
        settings = controls.settings_panel()
        views.playground_help()
    with tab_probe:
        choice = controls.probe_panel(grid, settings)
    memories = state.memories()
    with run_box:
        run = controls.run_button(ready=bool(memories) and choice.pattern is not None)
        views.run_summary(memories, grid, choice, settings)

state.save_widgets(controls.UI_KEYS)

with right:
    views.scenario_banner(st.session_state.get(controls.K.BANNER))
    just_ran = False
    if run:
        if not memories:
            st.warning("No memories are stored yet, so there is nothing to recall. Open "
                       "① Memories and add a built-in set (quickest), a drawing or a picture.")
        elif choice.pattern is None:
            st.warning(f"There is no probe to start from. {choice.problem} (see ② Probe)")
        else:
            try:
                with st.spinner("Storing the memories and running the network…"):
                    state.set_last_run(controls.compute_run(
                        memories, choice.pattern, settings, source=choice.memory))
                just_ran = True
            except ValueError as exc:  # the core says what was wrong
                st.error(f"The run could not start: {exc}")
    record = state.last_run()
    if record is None:
        views.empty_stage(choice, grid, memories=memories)
    else:
        views.run_view(record, autoplay=just_ran)
    share.lecture_panel(record)

lecture_session.keep_link_in_sync()
