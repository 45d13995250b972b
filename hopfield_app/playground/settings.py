"""③ Settings: learning rule, update mode and run options, with their explanations."""

from __future__ import annotations

from typing import Any

import numpy as np
import streamlit as st

import hopfield_core as hc
from hopfield_app import state, views
from hopfield_app.playground.keys import (BETA_RANGE, DEFAULT_TEMPERATURE, DEGREE_MAX,
                                          FRAMES_PER_SWEEP, HIDDEN_SETTINGS, MAX_STEPS,
                                          OPTIONAL_SETTINGS, TEMPERATURE_MAX, THETA_MAX)

RULE_INFO: dict[str, tuple[str, str]] = {
    "hebbian": ("Hebb/Hopfield 1982: W = (1/N) Σ ξξᵀ. Simple; about 0.14 N random memories.",
                r"E = -\tfrac12 \sum_{ij} W_{ij} s_i s_j + \theta \cdot s"),
    "storkey": ("Storkey 1997: learns one memory at a time minus what the network already "
                "predicts; less interference, more capacity.",
                r"E = -\tfrac12 \sum_{ij} W_{ij} s_i s_j + \theta \cdot s"),
    "pseudoinverse": ("Projection rule (Personnaz et al. 1985): W = Xᵀ(XXᵀ)⁺X; every memory "
                      "is a fixed point, even correlated ones, up to P < N.",
                      r"E = -\tfrac12 \sum_{ij} W_{ij} s_i s_j + \theta \cdot s"),
    "dense": ("Dense memory (Krotov & Hopfield 2016): units interact in groups of n; "
              "n = 2 is Hebbian, n ≥ 3 stores far more memories.",
              r"E = -\tfrac{N}{n} \sum_\mu m_\mu^{\,n} + \theta \cdot s,"
              r"\quad m_\mu = \tfrac1N \xi_\mu \cdot s"),
    "exponential": ("Exponential memory (Demircigil et al. 2017): F(x) = eˣ, capacity "
                    "exponential in N.",
                    r"E = -\log \sum_\mu e^{\xi_\mu \cdot s} + \theta \cdot s"),
    "modern": ("Modern Hopfield (Ramsauer et al. 2020): continuous state, "
               "s ← Xᵀ softmax(β m). Large β (default 32) pulls the state to the closest "
               "memory in a few updates (the run stops when an update changes nothing); "
               "small β blends memories.",
               r"E = -\tfrac{N}{\beta} \log \sum_\mu e^{\beta m_\mu} + \tfrac12 s\cdot s"),
}
MODES = {"sync": "Synchronous", "async": "Asynchronous", "stochastic": "Stochastic"}
ORDERS = {"random": "Random order, new each sweep", "sequential": "Sequential: unit 1, 2, …, N",
          "replacement": "Random with replacement"}


def settings_panel() -> state.RunSettings:
    """Learning rule, update mode and run options; returns them (and stores them)."""
    key = state.SETTING_KEYS
    prev = state.settings()
    was_hidden = st.session_state.get(HIDDEN_SETTINGS, set(OPTIONAL_SETTINGS))

    def reveal(name: str, value: Any) -> None:
        # A control hidden in the last run comes back with the setting, not with the
        # default its dropped widget key would read as.
        if name in was_hidden:
            st.session_state[key[name]] = value

    rules = list(getattr(hc, "RULES", RULE_INFO))
    state.guard_choice(key["rule"], rules, "hebbian")
    st.selectbox("Learning rule", options=rules, key=key["rule"], format_func=views.rule_name,
                 help="How the memories are written into the network.")
    rule = st.session_state[key["rule"]]
    info = RULE_INFO.get(rule)
    if info:
        st.caption(info[0])
        st.latex(info[1])
    if rule == "dense":
        reveal("degree", int(min(max(prev.degree, 2), DEGREE_MAX)))
        st.number_input("Degree n", min_value=2, max_value=DEGREE_MAX, step=1, key=key["degree"],
                        help="Interaction order: F(x) = xⁿ. n = 2 is the classic network.")
    if rule == "modern":
        reveal("beta", float(min(max(prev.beta, BETA_RANGE[0]), BETA_RANGE[1])))
        st.slider("β (inverse temperature)", BETA_RANGE[0], BETA_RANGE[1], step=0.5,
                  key=key["beta"],
                  help="Large β: retrieve the single closest memory; small β: a blend.")
    state.guard_choice(key["mode"], list(MODES), "async")
    modern = rule == "modern"
    st.segmented_control(
        "Update mode", options=list(MODES), format_func=MODES.get, key=key["mode"], required=True,
        disabled=modern,
        help="Synchronous: every unit at once (can oscillate). Asynchronous: one unit at a "
             "time in random order (always settles). Stochastic: asynchronous with noise.")
    if modern:
        st.caption("The modern rule always updates every unit at once (one step = one "
                   "update), without temperature: the update mode does not apply.")
    mode = st.session_state.get(key["mode"])
    mode = mode if mode in MODES else "async"
    c1, c2 = st.columns(2)
    c1.number_input("Steps" if mode == "sync" or modern else "Steps (sweeps)", min_value=1,
                    max_value=MAX_STEPS, step=1, key=key["steps"],
                    help="At most this many steps; a synchronous step updates every unit at "
                         "once, an asynchronous sweep each unit once. The run stops early at "
                         "a fixed point.")
    if mode != "sync" and not modern:
        reveal("frames_per_sweep", prev.frames_per_sweep if prev.frames_per_sweep in
               FRAMES_PER_SWEEP else 16)
        state.guard_choice(key["frames_per_sweep"], list(FRAMES_PER_SWEEP),
                           state.settings().frames_per_sweep)
        c2.selectbox("Frames per sweep", options=list(FRAMES_PER_SWEEP),
                     key=key["frames_per_sweep"],
                     help="Record the picture this many times per sweep, to watch it fill "
                          "in unit by unit.")
    if mode != "sync" and not modern:
        reveal("order", prev.order if prev.order in ORDERS else "random")
        state.guard_choice(key["order"], list(ORDERS), "random")
        st.selectbox("Update order", options=list(ORDERS), format_func=ORDERS.get,
                     key=key["order"],
                     help="Which unit a sweep of N single-unit updates visits next: a fresh "
                          "random permutation each sweep (every unit once), units 1 to N in "
                          "turn, or N units drawn at random with replacement (some twice, "
                          "some not at all).")
    c3, c4 = st.columns(2)
    c3.number_input(f"Threshold θ (±{THETA_MAX:g})", min_value=-THETA_MAX, max_value=THETA_MAX,
                    step=0.05, key=key["theta"],
                    help=f"A unit turns on when its field exceeds θ; from −{THETA_MAX:g} to "
                         f"{THETA_MAX:g} (a value outside is not taken).")
    c4.number_input("Seed", min_value=0, max_value=2**31 - 1, step=1, key=key["seed"],
                    help="Same seed, same noise and update order: the run is reproducible.")
    if mode == "stochastic" and not modern:
        # Stochastic at T = 0 is plain asynchronous: it starts at a visible temperature.
        reveal("temperature", float(min(prev.temperature, TEMPERATURE_MAX))
               if prev.temperature > 0 else DEFAULT_TEMPERATURE)
        st.slider("Temperature T", 0.0, TEMPERATURE_MAX, step=0.01, key=key["temperature"],
                  help="Glauber updates: P(s=+1) = 1/(1+exp(−2(h−θ)/T)). T = 0 is "
                       "deterministic; high T is noise.")
    hidden = {name for name, shown in (("frames_per_sweep", mode != "sync" and not modern),
                                       ("temperature", mode == "stochastic" and not modern),
                                       ("order", mode != "sync" and not modern),
                                       ("degree", rule == "dense"), ("beta", modern)) if not shown}
    st.session_state[HIDDEN_SETTINGS] = hidden
    settings = _read_settings(mode, rules, hidden)
    state.set_settings(settings)
    return settings



def _number(value: Any, fallback: float) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return float(fallback)
    return number if np.isfinite(number) else float(fallback)


def _read_settings(mode: str, rules: list[str], hidden: set[str]) -> state.RunSettings:
    """The settings from the widgets. A ``hidden`` control (frames per sweep in synchronous
    mode, the temperature outside stochastic mode...) keeps its previous setting: the key
    of a widget that is not drawn reads as the widget's default, not the user's choice.
    A value no widget could hold keeps the previous setting too."""
    prev = state.settings()
    key = state.SETTING_KEYS

    def get(k: str) -> Any:
        name = next(n for n, v in key.items() if v == k)
        return getattr(prev, name) if name in hidden else st.session_state.get(k)

    fps = state.as_int(get(key["frames_per_sweep"]), prev.frames_per_sweep)
    if fps not in FRAMES_PER_SWEEP:
        fps = prev.frames_per_sweep if prev.frames_per_sweep in FRAMES_PER_SWEEP else 16
    rule = get(key["rule"])
    occlusion = get(key["occlusion"])
    order = get(key["order"])
    return state.RunSettings(
        rule=rule if rule in rules else prev.rule, mode=mode,
        steps=min(max(state.as_int(get(key["steps"]), prev.steps), 1), MAX_STEPS),
        frames_per_sweep=fps,
        theta=_number(get(key["theta"]), prev.theta),
        temperature=min(max(_number(get(key["temperature"]), prev.temperature), 0.0),
                        TEMPERATURE_MAX),
        seed=state.as_int(get(key["seed"]), prev.seed),
        degree=state.as_int(get(key["degree"]), prev.degree),
        beta=_number(get(key["beta"]), prev.beta),
        noise=min(max(_number(get(key["noise"]), prev.noise), 0.0), 1.0),
        occlusion=occlusion if occlusion in hc.OCCLUSION_REGIONS else "none",
        order=order if order in ORDERS else prev.order)



def playground_help() -> None:
    """Short explanations of the controls and of the energy."""
    with st.expander("What do these settings do?"):
        st.markdown(
            "- **Learning rule**: how the memories become connection weights (or, for the "
            "dense and modern rules, how the stored patterns are used directly).\n"
            "- **Update mode**: *synchronous* updates all units at once from the old state "
            "(fast, but can bounce between two states: a 2-cycle); *asynchronous* updates one "
            "unit at a time (always settles); "
            "*stochastic* is asynchronous with temperature T, so units sometimes flip "
            "against their field.\n"
            "- **Steps**: the most sweeps (or synchronous steps) to run; the run stops as "
            "soon as a whole sweep changes nothing (a fixed point).\n"
            "- **Update order** (asynchronous): a fresh random permutation each sweep (every "
            "unit once), units 1 to N in turn, or N random draws with replacement (about 37 % "
            "of the units are not visited in such a sweep).\n"
            "- **Frames per sweep**: how often the picture is recorded during a sweep.\n"
            "- **Threshold θ**: a unit turns on only when its input exceeds θ.\n"
            "- **Seed**: fixes the noise and the update order: same seed, same run.")
    with st.expander("Why is the energy negative, and why does it fall?"):
        st.latex(r"E(s) = -\tfrac12 \sum_{i \ne j} W_{ij}\, s_i s_j + \sum_i \theta_i s_i")
        st.markdown(
            "Each pair of units adds −½ W_ij s_i s_j: negative when the pair agrees with its "
            "weight (both on or both off where W_ij > 0). A stored memory makes most pairs "
            "agree, so it sits at the bottom of a deep, negative valley. An asynchronous "
            "update sets s_i to the sign of its field h_i − θ_i, which changes the energy by "
            "ΔE = −Δs_i (h_i − θ_i) ≤ 0: the energy can only fall or stay, so the state "
            "rolls downhill until it rests in a valley, a memory if all goes well. "
            "Synchronous updates lack this guarantee (they may oscillate), and at "
            "temperature T > 0 the energy can go up as well as down.")
