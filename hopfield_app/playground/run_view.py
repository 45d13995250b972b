"""The stage of the Playground: the empty stage, the demo banner, and the run view
(the verdict, the frame player and the verdict of the frame on screen)."""

from __future__ import annotations

import streamlit as st

from hopfield_app.views import classify_state, frame_verdict, pattern_image, time_unit

_MODE_WORDS = {"sync": "synchronous", "async": "asynchronous", "stochastic": "stochastic"}


def run_summary(memories, grid, choice, settings) -> None:
    """One line above the Run button: what will run."""
    mems = f"**{len(memories)} memor{'y' if len(memories) == 1 else 'ies'}**" if memories \
        else "**no memories**"
    probe = f"from {choice.description}" if choice.pattern is not None else "**no probe**"
    mode = "sync" if settings.rule == "modern" else settings.mode
    extra = f", T = {settings.temperature:g}" if mode == "stochastic" else ""
    how = "all units at once" if settings.rule == "modern" else _MODE_WORDS.get(mode, mode)
    st.caption(f"{mems} of {grid[0]}×{grid[1]} · {probe} · {settings.rule}, "
               f"{how}{extra}, ≤ {time_unit(mode, settings.steps)}")


def scenario_banner(banner) -> None:
    """The loaded demo's title and its first paragraph ("Look at: ..."); the rest of the
    note (what it teaches, now try) in an expander, so the player stays on screen."""
    if not banner:
        return
    title, note = banner
    paragraphs = [p.strip() for p in (note or "").split("\n\n") if p.strip()]
    head = f"**Demo: {title}**" if title else "**Demo**"
    st.markdown(f"{head} · {paragraphs[0]}" if paragraphs else head)
    if len(paragraphs) > 1:
        with st.expander("What it teaches · now try", expanded=False):
            st.markdown("\n\n".join(paragraphs[1:]))


def empty_stage(choice, grid, *, memories=None) -> None:
    """The centre before the first run: the probe, large, and what to do next.

    Without a probe: with ``memories`` already stored, say what the probe lacks (the
    "start here" steps would ask for memories that are there); else the first steps."""
    if choice.pattern is None and memories:
        problem = getattr(choice, "problem", "") or "There is no probe to start from."
        st.info(f"**Next: a probe.** {problem} Or open ② Probe and start from *A memory*, "
                "then press **Run**.")
        return
    if choice.pattern is None:
        st.info("**Start here.** ① Memories: press *Add to memories* (five pictures), or draw "
                "or upload your own. ② Probe: pick a memory and corrupt it with noise. "
                "Then press **Run** and watch the network clean it up.")
        return
    c1, c2 = st.columns([1, 1])
    with c1:
        pattern_image(choice.pattern, grid, caption=f"Probe: {choice.description}", width=360)
    with c2:
        st.info("This is the state the network starts from. Press **Run**: every unit then "
                "looks at the others through the learned weights and flips when that lowers "
                "the energy, until nothing changes.")


def _fallback_player(record) -> int:
    """Frame slider, picture and Plotly curves: used where the page player is unavailable."""
    from hopfield_app import plots

    traj = record.traj
    last = len(traj.states) - 1
    frame = st.slider("Frame", 0, max(last, 1), value=last, key="playground.frame",
                      disabled=last == 0)
    frame = min(frame, last)
    c1, c2 = st.columns([1, 1])
    with c1:
        pattern_image(traj.states[frame], record.grid, width=380)
    with c2:
        x = getattr(traj, "sweeps", None)
        unit = "step" if record.settings.mode == "sync" else "sweep"
        st.plotly_chart(plots.energy_figure(traj.energies, x, frame=frame, height=220,
                                            x_title=unit),
                        key="playground.energy_chart")
        st.plotly_chart(plots.overlap_figure(record.overlaps, x, record.labels, frame=frame,
                                             height=220, x_title=unit),
                        key="playground.overlap_chart")
    return frame


def _player(record, autoplay: bool) -> int:
    try:
        from hopfield_app.widgets.player import frame_player
    except ImportError:
        return _fallback_player(record)
    from hopfield_app.playground.why import player_extras

    return frame_player(record.traj, record.grid, patterns=record.patterns,
                        labels=list(record.labels), key="playground.player", autoplay=autoplay,
                        **player_extras(record))


@st.fragment
def run_view(record, *, autoplay: bool = False) -> None:
    """The player and, under it, the verdict for the whole run and for the frame on screen.

    A fragment: when the player reports a new frame only this part reruns.
    """
    mode = record.settings.mode
    outcome = classify_state(record.traj.final, record.patterns)
    source = getattr(record, "source", None)
    recalled = outcome.kind == "memory" and (source is None or source == outcome.index)
    box = st.success if record.traj.converged and recalled else st.warning
    box(f"**Whole run:** {record.verdict}.")
    # Only a run that settled can blame interference: a hot stochastic run (or a
    # synchronous 2-cycle) ends off the memories for another reason, said in the verdict.
    if (outcome.kind == "spurious" and record.settings.rule == "hebbian"
            and record.traj.converged):
        st.caption("Tip: memories that look alike (digits, letters) interfere under the "
                   "Hebbian rule. Try the pseudoinverse or Storkey rule in ③ Settings.")
    frame = _player(record, autoplay)
    st.markdown(frame_verdict(record.traj, record.patterns, frame, overlaps=record.overlaps,
                              labels=record.labels, mode=mode))

