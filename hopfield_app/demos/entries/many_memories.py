"""Demo 10, many memories: 40 pictures, the classic network against a dense one."""

from __future__ import annotations

from typing import Any

import streamlit as st

import hopfield_core as hc
from hopfield_app import views
from hopfield_app.demos import common as c
from hopfield_app.demos import ui
from hopfield_app.demos.model import Claim, Demo, DemoText
from hopfield_app.state import Scenario

GRID = (32, 32)
COUNT = 40
SET_SEED = 10
TARGET = 0
NOISE = 0.2
SEED = 11
DEGREE = 5
TESTS = "tests/claims/test_many_memories.py"

TEXT = DemoText(
    look="40 pictures at 32x32 and the same corrupted probe: the classic (Hebbian) network "
         r"ends in a blend of pictures, the dense network with $F(x) = x^5$ recalls the "
         "picture.",
    teaches="the dense associative memory of Krotov and Hopfield (2016), "
            r"$E = -\sum_\mu F(\xi^\mu \cdot s)$ with $F(x) = x^n$, raises each overlap to "
            "a power, so the best-matching memory dominates the field: capacity grows like "
            r"$N^{n-1}$ instead of 0.138 N, and correlated pictures interfere much less.",
    now_try="in the Playground lower the degree to 3: these pictures are so correlated "
            r"that $x^3$ still blends them; degree 2 is the classic network.",
)


def setup(noise_seed: int = SEED):
    from hopfield_app import images

    names, pats = images.picture_set(GRID, COUNT, rng=SET_SEED)
    pats = c.int8(pats)
    return list(names), pats, hc.add_noise(pats[TARGET], NOISE, rng=noise_seed)


def compute() -> dict:
    """Hebbian and dense (degree 5) recall from the same probe."""
    names, pats, probe = setup()
    out: dict[str, Any] = {"names": names, "patterns": pats, "probe": probe, "grid": GRID,
                           "target": TARGET}
    for rule, params in (("hebbian", {}), ("dense", {"degree": DEGREE})):
        net = hc.store(pats, rule=rule, **params)
        traj = hc.run(net, probe, mode="async", steps=30, rng=SEED)
        final = c.int8(traj.final)
        out[rule] = {"final": final, "end": c.closest(final, pats),
                     "overlap": c.overlap(pats[TARGET], final), "converged": bool(traj.converged)}
    return out


def scenario_for(rule: str) -> Scenario:
    names, pats, probe = setup()
    label = "Hebbian" if rule == "hebbian" else f"dense, degree {DEGREE}"
    return Scenario(
        memories=c.memories(names, pats, GRID), probe=probe,
        settings=c.settings(rule=rule, mode="async", steps=30, frames_per_sweep=8,
                            degree=DEGREE, seed=SEED, noise=NOISE),
        title=f"Many memories: 40 pictures, {label}", note=TEXT.note())


def view(d: dict) -> None:
    grid, names, k = d["grid"], d["names"], d["target"]
    cols = st.columns(4, gap="medium")
    with cols[0]:
        ui.pic(d["patterns"][k], grid, caption=f"memory “{names[k]}”", width=200)
    with cols[1]:
        ui.pic(d["probe"], grid, caption=f"probe: {NOISE:.0%} of pixels flipped", width=200)
    for col, rule, label in ((cols[2], "hebbian", "Hebbian (classic)"),
                             (cols[3], "dense", f"Dense, F(x) = x{ui.sup(DEGREE)}")):
        with col:
            st.markdown(f"**{label}**")
            final = d[rule]["final"]
            ui.pic(final, grid, width=200,
                   caption=f"overlap {d[rule]['overlap']:.2f}: "
                           f"{c.describe(final, d['patterns'], names)}")
    st.markdown(f"Final overlap with the memory: Hebbian {d['hebbian']['overlap']:.2f}, "
                f"dense {d['dense']['overlap']:.2f}.")
    with st.expander(f"All {len(names)} stored pictures (32×32)"):
        views.gallery(d["patterns"], grid, names, columns=8, key="demos.many.gallery", thumb=64)


DEMO = Demo(
    slug="many-memories", order=10, title="Many memories", short="Many memories",
    teaser="40 pictures: the classic network blends them, a dense network recalls.",
    text=TEXT, scenario=lambda: scenario_for("dense"), thumbnail=lambda: (setup()[2], GRID),
    compute=compute, view=view, variants=(("Hebbian network", lambda: scenario_for("hebbian")),),
    claims=(
        Claim("Hebbian ends in a blend, dense x^5 recalls the picture",
              f"{TESTS}::test_hebbian_blends_dense_recalls"),
        Claim("now try: degree 3 still blends", f"{TESTS}::test_now_try_degree_3_still_blends"),
    ),
)
