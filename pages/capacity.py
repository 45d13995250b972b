"""Capacity: how many memories fit? Recall quality against load, per rule, with theory."""

import streamlit as st

import hopfield_core as hc
from hopfield_app import budget, router, state
from hopfield_app.explore import capacity as figures, cost, crosstalk, links, progress, shared

router.ensure_router()

RESULT = "capacity.result"
METRICS = {
    "Memories that are fixed points": "fixed",
    "Mean final overlap from a noisy probe": "overlap",
    "Noisy probes recalled (overlap ≥ 0.95)": "recalled",
}

st.title("Capacity: how many memories fit?")
st.markdown(
    "Store more and more **random memories** in a network of N units and test every one of "
    "them: is it still a fixed point, and does a noisy copy of it come back? Every rule sees "
    "the *same* random patterns and the *same* noisy probes, so the curves compare the rules, "
    "not the luck of the draw. The dashed lines are the theory's capacities."
)

L = links.LinkSpec
LINKS = {
    "capacity.rules": L("rules", "choices", shared.RULE_LINK_WORDS),
    "capacity.n": L("n", "choice", {str(n): n for n in shared.UNIT_CHOICES}),
    "capacity.loads": L("loads", "range", lo=0.01, hi=1.0),
    "capacity.points": L("points", "int", lo=3, hi=40),
    "capacity.trials": L("trials", "int", lo=1, hi=50),
    "capacity.noise": L("noise", "float", lo=0.0, hi=0.45),
    "capacity.mode": L("mode", "choice", ["async", "sync"]),
    "capacity.seed": L("seed", "int", lo=0, hi=2**31 - 1),
    "capacity.metric": L("show", "choice", {v: k for k, v in METRICS.items()}),
    "capacity.per_unit": L("per_unit", "bool"),
}
not_understood = links.restore("capacity", LINKS)
shared.keep_widgets({
    "capacity.rules": ["Hebbian", "Storkey", "Pseudo-inverse"], "capacity.n": 100,
    "capacity.loads": (0.02, 0.4), "capacity.points": 20, "capacity.trials": 10,
    "capacity.noise": 0.10, "capacity.mode": "async", "capacity.seed": 0,
    "capacity.metric": list(METRICS)[0], "capacity.per_unit": True,
})
controls, plot = st.columns([1, 2.6], gap="large")
with controls:
    run = shared.run_button("capacity")
    rules, n_units = shared.experiment_rules_and_size("capacity")
    alpha_lo, alpha_hi = st.slider("Load range P/N", 0.01, 1.0, step=0.01, key="capacity.loads")
    points = st.slider("Load values", 3, 40, key="capacity.points")
    trials = st.slider("Trials per load (fresh random patterns)", 1, 50, key="capacity.trials")
    noise = st.slider("Probe noise (fraction of units flipped)", 0.0, 0.45, step=0.01,
                      key="capacity.noise")
    mode, seed = shared.experiment_mode_seed("capacity")
    st.markdown("**Display**")
    shown = st.selectbox("Show", list(METRICS), key="capacity.metric")
    per_unit = st.toggle("Load as P/N (off: number of memories P)", key="capacity.per_unit")

links.publish(LINKS)
if not_understood:
    controls.warning("The link's " + ", ".join(f"**{n}**" for n in not_understood)
                     + " could not be read; the defaults are used instead.")
rule_specs = [shared.RULE_OPTIONS[r] for r in rules]
try:
    loads = hc.load_grid(n_units, alpha_hi, points, alpha_min=alpha_lo)
    problem = cost.check_capacity(n_units, (alpha_lo, alpha_hi), points,
                                  [rule for rule, _params in rule_specs], trials)
except ValueError as exc:
    loads, problem = None, str(exc)
with controls:
    if rules and problem:
        st.warning(problem, icon=":material/hourglass_disabled:")

with plot:
    with st.container(key="capacity.results"):
        status, chart = st.empty(), st.empty()

        def figure(result):
            return figures.capacity_figure(result, metric=METRICS[shown], per_unit=per_unit)

        if run:
            if not rules:
                st.error("Choose at least one learning rule.")
            elif problem:
                st.error(problem)
            else:
                def compute(**callbacks):
                    return hc.capacity_curve(n_units, loads, rules=rule_specs, trials=trials,
                                             noise=noise, mode=mode, rng=int(seed),
                                             workers=budget.EXPERIMENT_THREADS, **callbacks)

                try:
                    progress.run_progressively(
                        compute, RESULT, stop_key="capacity.stop", status=status, chart=chart,
                        label=f"Recalling {trials} trials at each load.", total=len(loads),
                        unit="loads", draw=figure,
                        work=[p * n_units * max(n_units, p) for p in loads.tolist()])
                except ValueError as exc:
                    st.error(str(exc))
        result = st.session_state.get(RESULT)
        if result is None:
            chart.info("Choose the rules and the load range, then press **Run experiment**: "
                       "the curves grow load by load as the recalls finish.")
        else:
            chart.plotly_chart(figure(result), key="capacity.chart", width="stretch", theme=None)
progress.pin_results("capacity.results")
if result is not None:
    st.markdown(figures.capacity_summary(result, METRICS[shown]))
    done = f"{result.completed} of {len(result.n_patterns)} loads"
    note = " — **stopped early**, partial results kept." if result.stopped else "."
    st.markdown(
        f"N = {result.n_units}, {result.trials} trials per load, probes with "
        f"{result.noise:.0%} of the units flipped, {result.mode} updates: {done}{note}"
    )
    shared.csv_button(result.rows(), f"capacity_N{result.n_units}.csv", key="capacity.csv")
    shared.figure_buttons(lambda: figure(result), f"capacity_N{result.n_units}",
                          key="capacity.figure")
    with st.expander("Table of the numbers"):
        st.dataframe(result.rows(), key="capacity.table", hide_index=True)

crosstalk.crosstalk_section()

st.subheader("What the theory says")
st.markdown(
    f"""
- **Hebbian** (Hopfield 1982): the crosstalk of the other P − 1 memories is a Gaussian of
  variance (P − 1)/(N − 1), so a bit of a stored memory is unstable with probability
  Φ(−√((N − 1)/(P − 1))) — the dotted line is (1 − p)<sup>N</sup>, the chance that no bit
  of a memory is unstable. Amit, Gutfreund and Sompolinsky (1985) showed that retrieval
  states vanish at **P/N ≈ {hc.AGS_ALPHA_C}**: beyond it a noisy probe slides far away
  (the overlap collapses). Exact recall of most memories needs P ≤ N/(2 ln N)
  (McEliece et al. 1987), which is only {hc.mceliece_capacity(100):.1f} memories at N = 100.
- **Storkey** (1997): a local, incremental rule that subtracts the crosstalk each memory
  sees; capacity N/√(2 ln N), {hc.storkey_capacity(100):.0f} at N = 100.
- **Pseudo-inverse** (Personnaz, Guyon and Dreyfus 1985): projects onto the span of the
  memories, so every memory is a fixed point up to P = N; its basins shrink as P/N → 1
  (see the Basins page).
- **Dense, n = 3** (Krotov and Hopfield 2016): energy −Σ (ξ·s)³; capacity
  ≈ N²/(6 ln N), about {hc.dense_capacity(100, 3):.0f} memories at N = 100 — it keeps
  recalling long after the Hebbian network has failed at about 14.
- **Exponential** (Demircigil et al. 2017): energy −Σ exp(ξ·s); capacity exponential in N.
""",
    unsafe_allow_html=True,
)
shared.cite(
    "J. J. Hopfield, PNAS 79:2554 (1982). D. J. Amit, H. Gutfreund, H. Sompolinsky, PRL "
    "55:1530 (1985). R. J. McEliece et al., IEEE Trans. IT 33:461 (1987). A. Storkey, ICANN "
    "1997. L. Personnaz, I. Guyon, G. Dreyfus, J. Physique Lett. 46:L359 (1985). D. Krotov, "
    "J. J. Hopfield, NeurIPS 2016. M. Demircigil et al., J. Stat. Phys. 168:288 (2017). "
    "J. Hertz, A. Krogh, R. Palmer, Introduction to the Theory of Neural Computation (1991)."
)
