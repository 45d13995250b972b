"""Source B: the notebook on Storkey-rule pictures, replayed the way it ran.

Its ``flow`` draws a random unit with replacement at every step (``np.random.randint``)
and sets it to +1 if its net input exceeds the threshold θ = 0, else −1, printing the
energy every 10,000 steps; its "halfway" state is ``(a + b) / 2``, with zeros where
the two pictures disagree, left at 0 until the unit is drawn. The app's 100x100
pictures stand in for the notebook's memes (10,000 units, so 10,000 draws are one
"sweep" and its 50,000 steps are five).
"""

from __future__ import annotations

import numpy as np
import streamlit as st

import hopfield_core as hc
from hopfield_app import plots
from hopfield_app.demos import common as c
from hopfield_app.demos import ui
from hopfield_app.demos.model import Claim, Demo, DemoText
from hopfield_app.state import Scenario

GRID = (100, 100)
PICTURES = ["boat", "umbrella", "cat"]
DRAWS = 5  # sweeps of N draws: the notebook's 50,000 steps on 10,000 units
ORDERS = tuple(range(20))
SEED = 3
TESTS = "tests/claims/test_source_storkey_notebook.py"

TEXT = DemoText(
    look="the notebook's flow: units drawn at random with replacement, 50,000 draws, the "
         "energy printed every 10,000. Noisy pictures come back to within a few pixels "
         "(overlap above 0.99, not 1: after five sweeps' worth of draws about 0.7 % of the "
         "units were never drawn, e⁻⁵). The halfway state with zeros ends nearer one picture "
         "or the other depending on the draws, and some undrawn units are still 0.",
    teaches="where our default differs: the app updates every unit once per sweep in a fresh "
            "random order, so nothing is skipped; drawing N units with replacement misses "
            "about 37 % of them (e⁻¹) in each sweep. With zeros in the start state the update "
            "order decides the halfway run (unlike coin-flipped halfway states, demo 4), "
            "because each undecided unit takes the side of the pixels decided before it.",
    now_try="open it in the Playground (it opens with ③ Settings → Update order: Random with "
            "replacement) and read the line under the run: about 37 % of the units are left "
            "unvisited in each sweep. Switch the order back to 'Random order, new each sweep' "
            "and every unit is visited.",
)


def flow(net, probe, seed: int, sweeps: int = DRAWS):
    """The notebook's flow: ``sweeps`` x N draws with replacement, θ = 0."""
    return hc.run(net, probe, mode="async", steps=sweeps, rng=seed, order="replacement",
                  frames_per_sweep=1)


def halfway_state(pats: np.ndarray) -> np.ndarray:
    """The notebook's ``(a + b) / 2``: ±1 where the pictures agree, 0 where they differ."""
    return ((pats[0].astype(np.int16) + pats[1]) // 2).astype(np.int8)


def compute(orders: tuple[int, ...] = ORDERS) -> dict:
    names, pats = c.pictures(GRID, PICTURES)
    two = hc.store(pats[:2], rule="storkey")
    three = hc.store(pats, rule="storkey")
    probe = c.row_noise(pats[0], GRID, 30, rng=SEED)
    recall = flow(two, probe, SEED)
    half = halfway_state(pats)
    halves = [flow(two, half, o) for o in orders]
    half_ends = [names[int(np.argmax(np.abs(pats[:2] @ t.final.astype(np.int64))))]
                 for t in halves]
    mix = hc.mixture(pats, [0, 1, 2])
    mix_run = flow(three, c.row_noise(mix, GRID, 30, rng=SEED), SEED, sweeps=10)
    return {"names": names, "patterns": pats, "grid": GRID, "probe": probe,
            "recall_final": c.int8(recall.final), "recall_m": c.overlap(pats[0], recall.final),
            "energies": np.asarray(recall.energies), "half": half,
            "half_final": c.int8(halves[0].final),
            "half_spread": c.spread(f"nearer “{n}”" for n in half_ends),
            "half_zeros": [int((t.final == 0).sum()) for t in halves],
            "mixture": mix, "mixture_final": c.int8(mix_run.final),
            "mixture_m": c.overlap(mix, mix_run.final), "n_orders": len(orders)}


def scenario() -> Scenario:
    """The notebook's first recall in the Playground: a noisy boat, units drawn with
    replacement. (The halfway state with zeros is drawn on the Demos page.)"""
    names, pats = c.pictures(GRID, PICTURES[:2])
    return Scenario(
        memories=c.memories(names, pats, GRID), probe=c.row_noise(pats[0], GRID, 30, rng=SEED),
        settings=c.settings(rule="storkey", mode="async", steps=DRAWS, frames_per_sweep=4,
                            seed=SEED, noise=0.3, order="replacement"),
        title="Source B: the notebook's flow, units drawn with replacement", note=TEXT.note())


def view(d: dict) -> None:
    grid, names = d["grid"], d["names"]
    cols = st.columns([1, 1, 1.6, 1.3], gap="medium")
    with cols[0]:
        ui.pic(d["probe"], grid, caption="“boat”, 30 flips per row", width=170)
    with cols[1]:
        ui.pic(d["recall_final"], grid, caption=f"after 50,000 draws: m = {d['recall_m']:.3f}",
               width=170)
    with cols[2]:
        e = d["energies"]
        st.plotly_chart(plots.energy_figure(e, x=np.arange(len(e)) * 10_000, height=260,
                                            x_title="draws"), key="demos.src-b.energy")
    with cols[3]:
        st.markdown("**Printed as the notebook does, every 10,000 draws:**")
        st.code("\n".join(f"step {10_000 * i:05d}: E = {v:.0f}" for i, v in enumerate(e)),
                language=None)
    cols = st.columns(4, gap="medium")
    with cols[0]:
        ui.pic(d["half"], grid, caption="halfway: (boat + umbrella) / 2, zeros grey",
               width=170)
    with cols[1]:
        ui.pic(d["half_final"], grid, caption="after 50,000 draws (first run)", width=170)
    with cols[2]:
        ui.pic(d["mixture"], grid, caption="mixture of three, 30 flips per row", width=170)
    with cols[3]:
        ui.pic(d["mixture_final"], grid, caption=f"after 100,000 draws: m = "
                                                 f"{d['mixture_m']:.3f} with the mixture",
               width=170)
    zeros = d["half_zeros"]
    ui.spread_line(f"halfway runs, {c.spread_text(d['half_spread'], 'runs of draws')}; units "
                   f"still 0 at the end: {min(zeros)} to {max(zeros)} of {len(d['half'])}.")


def _thumb():
    names, pats = c.pictures(GRID, PICTURES[:2])
    return halfway_state(pats), GRID


DEMO = Demo(
    slug="source-storkey-notebook", order=2, group="sources",
    title="Notebook: Storkey pictures", short="Src: Storkey",
    teaser="Units drawn with replacement, the energy printed, a halfway state with zeros.",
    source="a Jupyter notebook storing memes with the Storkey rule (flow with random draws, "
           "θ = 0, halfway state (a + b) / 2, a spurious mixture)",
    text=TEXT, scenario=scenario, thumbnail=_thumb, compute=compute, view=view,
    claims=(
        Claim("noisy pictures come back to within a few pixels (m > 0.99, not 1); about 0.7 % "
              "of units never drawn in 50,000 draws; 37 % per sweep",
              f"{TESTS}::test_flow_recalls_to_within_a_few_pixels"),
        Claim("the halfway state with zeros ends nearer either picture depending on the draws, "
              "some units still 0", f"{TESTS}::test_halfway_with_zeros_depends_on_the_draws"),
        Claim("the mixture of three is stable under the flow",
              f"{TESTS}::test_mixture_of_three_is_kept"),
    ),
)
