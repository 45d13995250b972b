"""Compare two runs: the same memories and probe under two settings, played in lockstep.

A comparison is named by a short spec string (also what a link or a demo carries):

    "rule:storkey"      the other run uses another learning rule
    "mode:sync"         synchronous (or "mode:async") updates
    "temperature:0.5"   stochastic updates at T = 0.5 ("temperature:0": deterministic)
    "order:sequential"  another asynchronous update order (where the engine has one)

The first run is the Playground's own; :func:`compute_comparison` adds exactly one more
run (so Run with a comparison on costs two runs). :func:`run_or_compare_view` is the
Playground's run view with a "Compare with" control above it. A demo opens with a
comparison by putting the spec in its scenario, ``Scenario(..., extra={"compare":
"rule:storkey"})`` (:func:`follow_scenario`, called by the Playground when it applies a
scenario; a scenario without one turns the comparison off).
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass, fields
from typing import Any

import numpy as np
import streamlit as st

from hopfield_app import state, views
from hopfield_app.lecture import presenter
from hopfield_app.playground import run_view, why

__all__ = ["Comparison", "parse_spec", "spec_settings", "describe", "compute_comparison",
           "options_for", "queue", "clear", "follow_scenario", "active_spec",
           "run_or_compare_view", "aligned_frames"]

_SPEC = "why.compare.spec"  # the active spec ("" when off), per session
_CACHE = "why.compare.cache"  # {"record": RunRecord, "spec": str, "comparison": Comparison}
_PICK = "why.compare.pick"

_RULE_WORDS = views.RULE_NAMES  # one spelling of the rules on every screen
_MODE_WORDS = {"sync": "synchronous", "async": "asynchronous", "stochastic": "stochastic"}


@dataclass(frozen=True)
class Comparison:
    """Two runs of the same memories and probe: ``a`` the Playground's, ``b`` the other."""

    spec: str
    a: Any  # state.RunRecord
    b: Any
    label_a: str
    label_b: str


def _has_order() -> bool:
    return any(f.name == "order" for f in fields(state.RunSettings))


def parse_spec(text: Any) -> tuple[str, str] | None:
    """``(what, value)`` of a valid spec, else None (a link may carry anything)."""
    if not isinstance(text, str) or ":" not in text:
        return None
    what, value = text.split(":", 1)
    what, value = what.strip().lower(), value.strip().lower()
    if what == "rule" and value in _RULE_WORDS:
        return what, value
    if what == "mode" and value in ("sync", "async"):
        return what, value
    if what == "temperature":
        try:
            t = float(value)
        except ValueError:
            return None
        return (what, f"{t:g}") if np.isfinite(t) and 0 <= t <= 10 else None
    if what == "order" and value in ("random", "sequential", "replacement") and _has_order():
        return what, value
    return None


def spec_settings(settings: Any, spec: str) -> Any:
    """The other run's settings: ``settings`` with the one change the spec names.

    Raises
    ------
    ValueError
        For a spec :func:`parse_spec` refuses.
    """
    parsed = parse_spec(spec)
    if parsed is None:
        raise ValueError(f"unknown comparison {spec!r}: use rule:<name>, mode:sync|async, "
                         "temperature:<T> or order:<order>")
    what, value = parsed
    if what == "rule":
        return settings.with_(rule=value)
    if what == "mode":
        return settings.with_(mode=value, temperature=0.0)
    if what == "temperature":
        t = float(value)
        return settings.with_(mode="stochastic", temperature=t) if t > 0 else \
            settings.with_(mode="async" if settings.mode == "stochastic" else settings.mode,
                           temperature=0.0)
    return settings.with_(order=value)


def describe(settings: Any) -> str:
    """A short name of a run's settings: "Storkey, asynchronous", "Hebbian, T = 0.5"."""
    rule = _RULE_WORDS.get(settings.rule, settings.rule)
    if settings.rule == "modern":
        return f"{rule} (all units at once)"
    if settings.mode == "stochastic":
        how = f"T = {settings.temperature:g}"
    else:
        how = _MODE_WORDS.get(settings.mode, settings.mode)
    order = getattr(settings, "order", "random")
    if settings.mode != "sync" and order != "random":
        how += f", {order} order"
    return f"{rule}, {how}"


def options_for(settings: Any) -> list[str]:
    """The comparisons offered from ``settings`` (each changes one thing)."""
    out = [f"rule:{r}" for r in ("hebbian", "storkey", "pseudoinverse", "dense", "modern")
           if r != settings.rule]
    if settings.rule != "modern":
        out.append("mode:async" if settings.mode == "sync" else "mode:sync")
        out.append("temperature:0" if settings.mode == "stochastic" else "temperature:0.5")
        if _has_order() and settings.mode != "sync":
            order = getattr(settings, "order", "random")
            out.append("order:random" if order != "random" else "order:sequential")
    return out


def option_words(spec: str, settings: Any) -> str:
    """What a spec means from here, for the select box: "Storkey rule", "T = 0.5"."""
    what, value = parse_spec(spec) or ("", spec)
    if what == "rule":
        return f"{_RULE_WORDS[value]} rule"
    if what == "mode":
        return f"{_MODE_WORDS[value]} updates"
    if what == "temperature":
        return "no noise (T = 0)" if float(value) == 0 else f"noise, T = {value}"
    return f"{value} order"


def compute_comparison(record: Any, spec: str, *, run: Any = None) -> Comparison:
    """The other run of ``record`` (the Playground's RunRecord) under ``spec``: one run.

    ``run`` is the Playground's run function, ``run(memories, probe, settings, source=)``
    (default ``run.compute_run``). Raises ValueError from the core or for a bad spec.
    """
    if run is None:
        from hopfield_app.playground import run as playground_run

        run = playground_run.compute_run
    other = spec_settings(record.settings, spec)
    memories = [state.Memory(name, p.copy(), tuple(record.grid))
                for name, p in zip(record.labels, record.patterns)]
    b = run(memories, record.probe, other, source=getattr(record, "source", None))
    return Comparison(spec, record, b, describe(record.settings), describe(b.settings))


def aligned_frames(sweeps_a: Any, sweeps_b: Any) -> np.ndarray:
    """For each frame of run a, the frame of run b at the same time (in sweeps): the last
    frame of b recorded at or before that time (b's last frame once b has ended)."""
    a = np.asarray(sweeps_a, dtype=np.float64)
    b = np.asarray(sweeps_b, dtype=np.float64)
    idx = np.searchsorted(b, a + 1e-9, side="right") - 1
    return np.clip(idx, 0, len(b) - 1)


def queue(spec: str) -> None:
    """Open the Playground's next run with this comparison on (for demos and links)."""
    if parse_spec(spec) is None:
        raise ValueError(f"unknown comparison {spec!r}")
    st.session_state[_SPEC] = spec


def follow_scenario(scenario: Any) -> None:
    """A scenario (a demo or a link) decides the comparison: ``scenario.extra["compare"]``
    (a spec) turns it on, and a scenario without one turns it off, so that a comparison
    never leaks from one demo into the next."""
    spec = (getattr(scenario, "extra", None) or {}).get("compare", "")
    st.session_state[_SPEC] = spec if parse_spec(spec) else ""


def clear() -> None:
    """Turn the comparison off."""
    st.session_state[_SPEC] = ""


def active_spec() -> str:
    """The comparison on for this session ("" when off)."""
    return str(st.session_state.get(_SPEC, "") or "")


def _comparison_for(record: Any, spec: str) -> Comparison:
    cached = st.session_state.get(_CACHE)
    if cached and cached["record"] is record and cached["spec"] == spec:
        return cached["comparison"]
    comp = compute_comparison(record, spec)
    st.session_state[_CACHE] = {"record": record, "spec": spec, "comparison": comp}
    return comp


def _player_accepts(name: str) -> bool:
    from hopfield_app.widgets import player

    return name in inspect.signature(player.frame_player).parameters


def _start(spec_key: str) -> None:
    st.session_state[_SPEC] = st.session_state.get(spec_key) or ""


def _controls(record: Any) -> None:
    opts = options_for(record.settings)
    spec = active_spec()
    c1, c2 = st.columns([3, 1], vertical_alignment="bottom")
    with c1:
        index = opts.index(spec) if spec in opts else 0
        # label hidden (said in each option) so the player keeps its place on the first screen
        st.selectbox("Compare this run with the same memories and probe under", opts,
                     index=index, key=_PICK, label_visibility="collapsed",
                     format_func=lambda s: "Compare with: "
                     + option_words(s, record.settings),
                     help="Runs the same memories from the same probe a second time with one "
                          "setting changed, and plays both runs together.")
    with c2:
        if spec:
            st.button("Stop comparing", key="why.compare.stop", on_click=clear,
                      width="stretch")
        else:
            st.button("Compare", key="why.compare.go", on_click=_start, args=(_PICK,),
                      width="stretch", icon=":material/compare:")


def _verdict_boxes(comp: Comparison) -> None:
    left, right = st.columns(2)
    for col, rec, label, testid in ((left, comp.a, comp.label_a, "a"),
                                    (right, comp.b, comp.label_b, "b")):
        with col:
            outcome = views.classify_state(rec.traj.final, rec.patterns)
            ok = rec.traj.converged and outcome.kind == "memory" and (
                rec.source is None or rec.source == outcome.index)
            (st.success if ok else st.warning)(f"**{label}:** {rec.verdict}.")


def _compare_players(comp: Comparison, autoplay: bool) -> int:
    from hopfield_app.widgets.player import frame_player

    a = comp.a
    if _player_accepts("compare"):
        extras: dict[str, Any] = {"compare": comp.b.traj, **why.player_extras(a)}
        for name, value in (("compare_label", comp.label_b), ("label", comp.label_a)):
            if _player_accepts(name):
                extras[name] = value
        return frame_player(a.traj, a.grid, patterns=a.patterns, labels=list(a.labels),
                            key="playground.compare", autoplay=autoplay, **extras)
    # Until the player plays two runs in lockstep: two players side by side.
    st.caption("The two runs play side by side, each with its own controls.")
    left, right = st.columns(2)
    with left:
        st.markdown(f"**{comp.label_a}**")
        frame = frame_player(a.traj, a.grid, patterns=a.patterns, labels=list(a.labels),
                             key="playground.compare.a", autoplay=autoplay)
    with right:
        st.markdown(f"**{comp.label_b}**")
        b = comp.b
        frame_player(b.traj, b.grid, patterns=b.patterns, labels=list(b.labels),
                     key="playground.compare.b", autoplay=autoplay)
    return frame


@st.fragment
def _compare_view(record: Any, spec: str, autoplay: bool) -> None:
    try:
        comp = _comparison_for(record, spec)
    except ValueError as exc:
        st.error(f"The comparison could not run: {exc}")
        return
    _verdict_boxes(comp)
    view = _compare_players(comp, autoplay)
    presenter.follow_action(getattr(view, "action", None))  # F while comparing too


def run_or_compare_view(record: Any, *, autoplay: bool = False) -> None:
    """The Playground's run view, or the comparison of two runs when one is on.

    Shows a "Compare with" row (a select box and a button) above the player.
    """
    spec = active_spec()
    if spec and parse_spec(spec) is None:
        clear()
        spec = ""
    # The controls stay outside the fragments: their clicks must rerun the whole page.
    _controls(record)
    if spec:
        _compare_view(record, spec, autoplay)
    else:
        run_view.run_view(record, autoplay=autoplay)
