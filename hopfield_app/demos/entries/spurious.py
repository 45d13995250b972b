"""Demo 5, spurious memories: a stable inverse, a stable mixture, a memory that drifts."""

from __future__ import annotations

from typing import Any

import numpy as np
import streamlit as st

import hopfield_core as hc
from hopfield_app.demos import common as c
from hopfield_app.demos import ui
from hopfield_app.demos.model import Claim, Demo, DemoText
from hopfield_app.state import Scenario

GRID = (16, 16)
MIX = ("M", "O", "X")  # letters whose majority mixture is a stable spurious state
DRIFT = ("F", "H", "T")  # correlated: under Hebb's rule "H" drifts into "F"
SEED = 5
RULES = (("hebbian", "Hebbian"), ("storkey", "Storkey"), ("pseudoinverse", "pseudo-inverse"))
TESTS = "tests/claims/test_spurious.py"

TEXT = DemoText(
    look="three kinds of unwanted attractors: the inverse of a memory stays put; the "
         "majority mixture of three memories stays put; and with correlated letters a "
         "stored memory is not even a fixed point under Hebb's rule: “H” drifts into “F”.",
    teaches=r"the energy landscape has more valleys than memories: inverses "
            r"($E(-s) = E(s)$), mixtures, and crosstalk from correlated memories. Storkey "
            "and the pseudo-inverse rule correct for correlations, so every memory becomes "
            "a fixed point again.",
    now_try="in the drift run, switch the rule to pseudo-inverse and run again: the letter "
            "stays.",
)


def compute() -> dict:
    """Three spurious stories: a stable inverse, a stable 3-mixture, a drifting memory."""
    out: dict[str, Any] = {"grid": GRID}
    names, pats = c.letters(MIX, GRID)
    net = hc.store(pats, rule="hebbian")
    inverse = -pats[0]
    t_inv = hc.run(net, inverse, mode="async", steps=10, rng=0)
    mix = hc.mixture(pats, [0, 1, 2])
    t_mix = hc.run(net, mix, mode="async", steps=10, rng=0)
    out["mix"] = {"names": names, "patterns": pats, "inverse": inverse,
                  "inverse_final": c.int8(t_inv.final),
                  "inverse_changed": int((t_inv.final != inverse).sum()),
                  "mixture": mix, "mixture_final": c.int8(t_mix.final),
                  "mixture_changed": int((t_mix.final != mix).sum()),
                  "mixture_overlaps": (pats @ t_mix.final.astype(np.int64)) / pats.shape[1]}
    names, pats = c.letters(DRIFT, GRID)
    drift: dict[str, Any] = {"names": names, "patterns": pats, "rules": {}}
    for rule, _label in RULES:
        rnet = hc.store(pats, rule=rule)
        finals = np.stack([c.int8(hc.run(rnet, p, mode="async", steps=30, rng=SEED).final)
                           for p in pats])
        drift["rules"][rule] = {"finals": finals, "stays": (finals == pats).all(axis=1)}
    heb = drift["rules"]["hebbian"]["stays"]
    drift["victim"] = int(np.flatnonzero(~heb)[0]) if (~heb).any() else 0
    out["drift"] = drift
    return out


def scenario_for(kind: str) -> Scenario:
    """``kind``: "drift" (a correlated memory leaves), "inverse" or "mixture" (both stay)."""
    if kind == "drift":
        names, pats = c.letters(DRIFT, GRID)
        victim = names.index("H")
        probe, title = pats[victim].copy(), f"Spurious: “{names[victim]}” drifts away (Hebbian)"
    else:
        names, pats = c.letters(MIX, GRID)
        if kind == "inverse":
            probe, title = -pats[0], f"Spurious: the inverse of “{names[0]}” is stable"
        else:
            probe, title = hc.mixture(pats, [0, 1, 2]), "Spurious: the mixture of three is stable"
    return Scenario(
        memories=c.memories(names, pats, GRID), probe=c.int8(probe),
        settings=c.settings(rule="hebbian", mode="async", steps=30, frames_per_sweep=16,
                            seed=SEED, noise=0.0),
        title=title, note=TEXT.note())


def view(d: dict) -> None:
    grid, mix = d["grid"], d["mix"]
    a, b = st.columns(2, gap="large")
    with a:
        st.subheader("The inverse is stable")
        cols = st.columns(3)
        for col, pattern, cap in zip(cols, (mix["patterns"][0], mix["inverse"], mix["inverse_final"]),
                                     (f"memory “{mix['names'][0]}”", "its inverse (the probe)",
                                      "after an asynchronous run")):
            with col:
                ui.pic(pattern, grid, caption=cap, width=120)
        st.markdown(f"Started at the inverse: {mix['inverse_changed']} pixels changed. "
                    "E(−s) = E(s), so the inverse is as stable as the memory.")
    with b:
        st.subheader("The mixture of three is stable")
        cols = st.columns(5)
        for i in range(3):
            with cols[i]:
                ui.pic(mix["patterns"][i], grid, caption=f"“{mix['names'][i]}”", width=90)
        with cols[3]:
            ui.pic(mix["mixture"], grid, caption="mixture", width=100)
        with cols[4]:
            ui.pic(mix["mixture_final"], grid, caption="after a run", width=100)
        ms = ", ".join(f"{m:.2f}" for m in mix["mixture_overlaps"])
        st.markdown(f"Started at the mixture: {mix['mixture_changed']} pixels changed; "
                    f"overlaps of the majority mixture with the three letters m = {ms}: a "
                    "stable state that is no memory.")
    st.subheader("Correlated memories: a stored letter drifts away under Hebb's rule")
    drift = d["drift"]
    v, names = drift["victim"], drift["names"]
    cols = st.columns([1, 1, 1, 1, 2.5], gap="small")
    with cols[0]:
        ui.pic(drift["patterns"][v], grid, caption=f"start: memory “{names[v]}” itself", width=120)
    for col, (rule, label) in zip(cols[1:4], RULES):
        with col:
            final = drift["rules"][rule]["finals"][v]
            ui.pic(final, grid, caption=f"{label}: {c.describe(final, drift['patterns'], names)}",
                   width=120)
    with cols[4]:
        st.markdown("Stored: " + " ".join(f"“{n}”" for n in names))
        st.table([{"rule": label, "memories that are fixed points":
                   f"{int(drift['rules'][rule]['stays'].sum())} of {len(names)}"}
                  for rule, label in RULES], hide_index=True)


def _thumb():
    names, pats = c.letters(MIX, GRID)
    return hc.mixture(pats, [0, 1, 2]), GRID


DEMO = Demo(
    slug="spurious", order=5, title="Spurious memories", short="Spurious",
    teaser="Inverses, mixtures, and a memory that drifts away when the memories are correlated.",
    text=TEXT, scenario=lambda: scenario_for("drift"), thumbnail=_thumb,
    compute=compute, view=view,
    variants=(("inverse of a memory", lambda: scenario_for("inverse")),
              ("mixture of three", lambda: scenario_for("mixture"))),
    claims=(
        Claim("the inverse of a memory and the majority mixture of three stay put (a "
              "mixture, no memory)", f"{TESTS}::test_inverse_and_mixture_are_fixed_points"),
        Claim("under Hebb's rule “H” drifts into “F”; Storkey and pseudo-inverse make every "
              "memory a fixed point", f"{TESTS}::test_h_drifts_into_f_under_hebb_only"),
        Claim("now try: with the pseudo-inverse rule the letter stays",
              f"{TESTS}::test_h_drifts_into_f_under_hebb_only"),
    ),
)
