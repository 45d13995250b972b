"""Source A: the notebook with the 6-unit toy and two 50x50 digits, one synchronous step.

Replayed as its author ran it: W = Σ ξ ξᵀ with a zero diagonal (no 1/N), the new
state ``normalize(W s)`` computed once for every unit at the same time, and a unit
whose field is exactly 0 left at 0 (``normalize`` only maps > 0 and < 0). The
notebook's digit photographs are not ours to ship: the app's own 50x50 “0” and “1”
and the probes of demo 2 stand in for them.
"""

from __future__ import annotations

import numpy as np
import streamlit as st

import hopfield_core as hc
from hopfield_app.demos import common as c
from hopfield_app.demos import ui
from hopfield_app.demos.entries import six_neurons, two_digits
from hopfield_app.demos.model import Claim, Demo, DemoText
from hopfield_app.state import Scenario

TESTS = "tests/claims/test_source_digits_notebook.py"

TEXT = DemoText(
    look="the notebook's two experiments as it ran them: W as the sum of outer products "
         "with a zero diagonal, then one synchronous step, normalize(W s), for the 6-unit "
         "toy and for six 50×50 digit probes. The notebook's procedure and the app's engine "
         "give the same pictures.",
    teaches="where our default differs: the notebook leaves a unit whose field is exactly 0 "
            "at 0 (neither black nor white), the app keeps its old value; and the app divides "
            "W by N, which never changes a sign. In these probes no field is exactly 0, so "
            "the two agree; a probe with a tie would show grey pixels in the notebook.",
    now_try="open the digits in the Playground (synchronous, one step) and raise the noise "
            "in ② Probe: past 50 % the “0” lands on its inverse, as in demo 2.",
)


def literal_step(patterns: np.ndarray, probe: np.ndarray) -> np.ndarray:
    """The notebook's ``normalize(learn(patterns) * probe)``: signs of W s, 0 kept at 0."""
    x = patterns.astype(np.int64)
    s = probe.astype(np.int64)
    # W s with W = xᵀx and a zero diagonal, without forming the N x N matrix: the diagonal
    # of xᵀx is P (every entry is ±1), so W s = xᵀ(x s) − P s, exactly, in integers
    return np.sign(x.T @ (x @ s) - len(x) * s).astype(np.int8)


def compute() -> dict:
    toy = np.stack([six_neurons.PATTERN, -six_neurons.PATTERN])
    names, pats, probes = two_digits.probes()
    cases = [("6-unit toy", toy, six_neurons.PROBE, (1, 6))]
    cases += [(label, pats, p, two_digits.GRID) for label, p in zip(two_digits.LABELS, probes)]
    rows = []
    for label, memories, probe, grid in cases:
        literal = literal_step(memories, probe)
        engine = hc.run(hc.store(memories, rule="hebbian"), probe, mode="sync", steps=1).states[1]
        rows.append({"label": label, "grid": grid, "probe": probe, "literal": literal,
                     "zeros": int((literal == 0).sum()),
                     "same": bool(np.array_equal(literal, engine)),
                     "end": c.describe(np.where(literal == 0, 1, literal).astype(np.int8),
                                       memories, ["ξ", "−ξ"] if grid == (1, 6)
                                       else names)})
    return {"rows": rows}


def scenario() -> Scenario:
    sc = two_digits.scenario_for(0)
    return Scenario(memories=sc.memories, probe=sc.probe,
                    settings=sc.settings.with_(steps=1),
                    title="Source A: two digits, one synchronous step", note=TEXT.note())


def view(d: dict) -> None:
    rows = d["rows"]
    cols = st.columns(len(rows), gap="small")
    for col, row in zip(cols, rows):
        with col:
            st.markdown(f"**{row['label']}**")
            ui.pic(row["probe"], row["grid"], width=130)
            st.markdown("↓ normalize(W s)")
            ui.pic(row["literal"], row["grid"], width=130)  # a 0 would show grey
            st.markdown(f"→ {row['end']}")
    same = sum(r["same"] for r in rows)
    zeros = sum(r["zeros"] for r in rows)
    st.markdown(f"The notebook's procedure and the app's engine agree on **{same} of "
                f"{len(rows)}** probes; units left at 0 by a zero field: **{zeros}**.")


DEMO = Demo(
    slug="source-digits-notebook", order=1, group="sources",
    title="Notebook: six units, two digits", short="Src: digits",
    teaser="The notebook's 6-unit toy and 50×50 digits, one synchronous step, as it ran them.",
    source="a Jupyter notebook building a Hopfield network from scratch (6-unit toy, "
           "two 50×50 digit photographs, normalize(W s) once)",
    text=TEXT, scenario=scenario, thumbnail=lambda: (two_digits.probes()[2][0], two_digits.GRID),
    compute=compute, view=view,
    variants=(("6-unit toy", six_neurons.scenario),),
    claims=(
        Claim("the notebook's procedure and the engine give the same pictures; no field is "
              "exactly 0 in these probes",
              f"{TESTS}::test_literal_procedure_matches_the_engine_over_20_noise_seeds"),
        Claim("dividing W by N never changes a sign; a tie leaves 0 in the notebook",
              f"{TESTS}::test_ties_stay_zero_in_the_literal_step"),
    ),
)
