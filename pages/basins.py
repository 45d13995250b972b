"""Basins: how far can a probe be from a memory and still come back?"""

import numpy as np
import streamlit as st

import hopfield_core as hc
from hopfield_app import budget, router, state
from hopfield_app.explore import basins as figures, cost, links, progress, shared

router.ensure_router()

RESULT = "basins.result"
METRICS = {
    "Recalled (final overlap ≥ threshold)": "recalled",
    "Recalled exactly": "exact",
    "Mean final overlap": "overlap",
}

st.title("Basins of attraction: how far can a probe be and still come back?")
st.markdown(
    "Store P random memories in N units, flip a growing fraction of the units of each memory "
    "and let the network run. The curve is the fraction of probes that come back to the "
    "memory they started from — the size of its **basin of attraction**. Every rule gets the "
    "same memories and the same flipped units."
)

L = links.LinkSpec
LINKS = {
    "basins.rules": L("rules", "choices", shared.RULE_LINK_WORDS),
    "basins.n": L("n", "choice", {str(n): n for n in shared.UNIT_CHOICES}),
    "basins.load": L("load", "float", lo=0.01, hi=0.8),
    "basins.noise_max": L("noise_max", "float", lo=0.1, hi=1.0),
    "basins.points": L("levels", "int", lo=3, hi=31),
    "basins.trials": L("trials", "int", lo=1, hi=50),
    "basins.success": L("success", "float", lo=0.5, hi=1.0),
    "basins.mode": L("mode", "choice", ["async", "sync"]),
    "basins.seed": L("seed", "int", lo=0, hi=2**31 - 1),
    "basins.metric": L("show", "choice", {v: k for k, v in METRICS.items()}),
}
not_understood = links.restore("basins", LINKS)
shared.keep_widgets({
    "basins.rules": ["Hebbian", "Storkey", "Pseudo-inverse"], "basins.n": 196,
    "basins.load": 0.10, "basins.noise_max": 0.6, "basins.points": 13, "basins.trials": 8,
    "basins.success": 0.95, "basins.mode": "async", "basins.seed": 0,
    "basins.metric": list(METRICS)[0],
})
controls, plot = st.columns([1, 2.6], gap="large")
with controls:
    run = shared.run_button("basins")
    rules, n_units = shared.experiment_rules_and_size("basins")
    load = st.slider("Load P/N", 0.01, 0.8, step=0.01, key="basins.load")
    noise_max = st.slider("Largest noise (fraction flipped)", 0.1, 1.0, step=0.05,
                          key="basins.noise_max")
    points = st.slider("Noise levels", 3, 31, key="basins.points")
    trials = st.slider("Trials (fresh random memories)", 1, 50, key="basins.trials")
    success = st.slider("Success: final overlap at least", 0.5, 1.0, step=0.01,
                        key="basins.success")
    mode, seed = shared.experiment_mode_seed("basins")
    st.markdown("**Display**")
    shown = st.selectbox("Show", list(METRICS), key="basins.metric")

links.publish(LINKS)
if not_understood:
    controls.warning("The link's " + ", ".join(f"**{n}**" for n in not_understood)
                     + " could not be read; the defaults are used instead.")
n_patterns = max(1, int(round(load * n_units)))
levels = np.linspace(0.0, noise_max, points)
problem = cost.check_basins(n_units, n_patterns, points, max(1, len(rules)), trials)
with controls:
    if rules and problem:
        st.warning(problem, icon=":material/hourglass_disabled:")

with plot:
    with st.container(key="basins.results"):
        status, chart = st.empty(), st.empty()

        def figure(result):
            return figures.basin_figure(result, metric=METRICS[shown])

        if run:
            if not rules:
                st.error("Choose at least one learning rule.")
            elif problem:
                st.error(problem)
            else:
                def compute(**callbacks):
                    return hc.basin_curve(n_units, n_patterns, levels,
                                          rules=[shared.RULE_OPTIONS[r] for r in rules],
                                          trials=trials, mode=mode, success_overlap=success,
                                          rng=int(seed), workers=budget.EXPERIMENT_THREADS,
                                          **callbacks)

                try:
                    progress.run_progressively(
                        compute, RESULT, stop_key="basins.stop", status=status, chart=chart,
                        label=f"Recalling {n_patterns} memories × {trials} trials.",
                        total=points, unit="noise levels", draw=figure)
                except ValueError as exc:
                    st.error(str(exc))
        result = st.session_state.get(RESULT)
        if result is None:
            chart.info(f"Press **Run experiment**: P = {n_patterns} memories in N = {n_units} "
                       f"units (load {n_patterns / n_units:.2f}); the curves grow one noise "
                       "level at a time.")
        else:
            chart.plotly_chart(figure(result), key="basins.chart", width="stretch", theme=None)
progress.pin_results("basins.results")
if result is not None:
    note = " — **stopped early**, partial results kept." if result.stopped else "."
    st.markdown(
        f"N = {result.n_units}, P = {result.n_patterns} (load {result.alpha:.3f}), "
        f"{result.trials} trials, success when the final overlap is at least "
        f"{result.success_overlap:.2f}, {result.mode} updates: {result.completed} of "
        f"{len(result.noise)} noise levels{note}"
    )
    shared.csv_button(result.rows(), f"basins_N{result.n_units}_P{result.n_patterns}.csv",
                      key="basins.csv")
    shared.figure_buttons(lambda: figure(result), f"basins_N{result.n_units}_P{result.n_patterns}",
                          key="basins.figure")
    with st.expander("Table of the numbers"):
        st.dataframe(result.rows(), key="basins.table", hide_index=True)

st.subheader("What the theory says")
st.markdown(
    """
- Hopfield (1982) found that a stored memory attracts the states around it: a probe with a
  few wrong units falls back to it. How far the basin reaches shrinks as the load grows;
  at the Hebbian limit P/N ≈ 0.138 (Amit, Gutfreund and Sompolinsky 1985) it vanishes.
- For the classic rules (Hebbian, Storkey, pseudo-inverse) with θ = 0 the energy is even,
  E(−s) = E(s): the **inverse** of every memory is an attractor too. A probe with more than
  half of its units flipped is closer to the inverse and falls there, so the curves drop to
  zero past 0.5.
- The **Dense (n = 3)** and **Exponential** energies are not even: the inverse of a memory
  is no attractor. But the pull of a memory fades where its overlap with the probe is near 0
  or below (the slope of x³ vanishes at 0, eˣ is tiny for negative x), so a probe with more
  than half of its units flipped ends on some other state: their curves drop past 0.5 too,
  with a mean final overlap near 0 instead of −1.
- **Storkey** (1997) basins are larger and more even than Hebbian ones at the same load
  (Storkey and Valabregue 1999).
- **Pseudo-inverse** (Personnaz, Guyon and Dreyfus 1985): every memory stays a fixed point up
  to P = N, but its radius of attraction falls from 1 at small load to 0 as P/N → 1
  (Kanter and Sompolinsky 1987): raise the load to see its basins shrink.
- **Dense** memories (Krotov and Hopfield 2016) keep wide basins far beyond those loads.
"""
)
shared.cite(
    "J. J. Hopfield, PNAS 79:2554 (1982). D. J. Amit, H. Gutfreund, H. Sompolinsky, PRL "
    "55:1530 (1985). A. Storkey, ICANN 1997; A. Storkey, R. Valabregue, Neural Networks 12:869 "
    "(1999). L. Personnaz, I. Guyon, G. Dreyfus (1985); I. Kanter, H. Sompolinsky, PRA 35:380 "
    "(1987). D. Krotov, J. J. Hopfield, NeurIPS 2016."
)
