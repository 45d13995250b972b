"""Attractors: where does the network settle from random starts, and by which path?"""

import numpy as np
import streamlit as st

import hopfield_core as hc
from hopfield_app import router, state, views
from hopfield_app.explore import attractors as figures, cost, links, shared

router.ensure_router()

RESULT = "attractors.result"
RULES = shared.RULE_OPTIONS
_BY_RULE = {rule: label for label, (rule, _params) in RULES.items()}

st.title("Attractors: where does the network settle?")
st.markdown(
    "Start the network from many **random states** and collect where it stops. Each fixed "
    "point is one of: a stored **memory**, the **inverse** of a memory (for the classic "
    "rules −ξ has the same energy as ξ), a **mixture** sign(±ξ₁ ± ξ₂ ± ξ₃) of an odd number "
    "of memories, or **other**: a memory or mixture with more units wrong than the tolerance "
    "below, or a spin-glass state of a crowded network (small overlap with every memory)."
)

L = links.LinkSpec
LINKS = {
    "attractors.rule": L("rule", "choice", shared.RULE_LINK_WORDS),
    "attractors.starts": L("starts", "int", lo=20, hi=2000),
    "attractors.mode": L("mode", "choice", ["async", "sync"]),
    "attractors.tolerance": L("tolerance", "float", lo=0.0, hi=0.1),
    "attractors.seed": L("seed", "int", lo=0, hi=2**31 - 1),
    "attractors.path_start": L("start", "choice", {
        "halfway": "halfway between the two", "noisy": "a noisy copy of the x memory",
        "random": "a random state"}),
    "attractors.path_noise": L("noise", "float", lo=0.0, hi=0.6),
    "attractors.path_seed": L("path_seed", "int", lo=0, hi=2**31 - 1),
}
not_understood = links.restore("attractors", LINKS)
if not_understood:
    st.warning("The link's " + ", ".join(f"**{n}**" for n in not_understood)
               + " could not be read; the defaults are used instead.")
mems = state.memories()
if not mems:
    shared.offer_builtin_memories("attractors", sets=("random", "digits", "letters", "shapes"))
    st.stop()

names = [m.name for m in mems]
grid = mems[0].grid
patterns = np.stack([m.pattern for m in mems]).astype(np.int8)
playground_rule = _BY_RULE.get(state.settings().rule, "Hebbian")

shared.keep_widgets({
    "attractors.rule": playground_rule, "attractors.starts": 300, "attractors.mode": "async",
    "attractors.tolerance": 0.02, "attractors.seed": 0,
    "attractors.path_start": "halfway between the two", "attractors.path_noise": 0.3,
    "attractors.path_seed": 1,
})
shared.keep_widgets({"attractors.mem_a": 0, "attractors.mem_b": min(1, len(names) - 1)})
# The memories may have changed since these were drawn: a stale choice (an index past
# the end, or the browser's old label as a raw string) falls back to a valid one.
for _key, _default in (("attractors.mem_a", 0), ("attractors.mem_b", min(1, len(names) - 1))):
    st.session_state["_" + _key] = state.guard_choice(_key, list(range(len(names))), _default,
                                                      labels=names)
controls, results = st.columns([1, 2.6], gap="large")
with controls:
    run = st.button("Find attractors", key="attractors.run", type="primary",
                    icon=":material/scatter_plot:", width="stretch")
    st.markdown(f"**{len(mems)} memories** from the Playground, {grid[0]}×{grid[1]} units.")
    rule_name = st.selectbox("Learning rule", list(RULES), key="attractors.rule")
    n_starts = st.slider("Random starts", 20, 2000, step=20, key="attractors.starts")
    mode = st.radio("Updates", ["async", "sync"], horizontal=True, key="attractors.mode",
                    format_func={"async": "asynchronous", "sync": "synchronous"}.get)
    tolerance = st.slider("Count as a memory / mixture within (fraction of units)", 0.0, 0.1,
                          step=0.01, key="attractors.tolerance")
    seed = st.number_input("Seed", 0, 2**31 - 1, key="attractors.seed")

rule, params = RULES[rule_name]
# Keep one search to a few seconds on big grids: about two million units updated per sweep.
max_starts = max(20, 2_000_000 // patterns.shape[1])
if n_starts > max_starts:
    controls.caption(f"With {patterns.shape[1]:,} units, {max_starts} random starts are used "
                     "(more would take minutes).")
    n_starts = max_starts
problem = cost.check_attractors(patterns.shape[1], patterns.shape[0], n_starts)
if problem:
    controls.warning(problem, icon=":material/hourglass_disabled:")
with results:
    if run and problem:
        st.error(problem)
    elif run:
        try:
            with st.spinner(f"Running {n_starts} random starts…"):
                net = hc.store(patterns, rule=rule, **params)
                found = hc.find_attractors(net, n_starts=n_starts, mode=mode, tolerance=tolerance,
                                           rng=int(seed))
            st.session_state[RESULT] = {"result": found, "names": names, "grid": grid,
                                        "rule": rule_name}
        except ValueError as exc:
            st.error(str(exc))
    stored = st.session_state.get(RESULT)
    if stored is None:
        st.info("Press **Find attractors** to run the network from many random states.")
    else:
        found, used_names = stored["result"], stored["names"]
        if stored["grid"] != grid or used_names != names:
            st.warning("The memories changed since this search: press **Find attractors** again.")
        st.markdown(f"**{len(found.attractors)} distinct fixed points** from {found.n_starts} "
                    f"random starts ({stored['rule']} rule), most frequent first:")
        st.plotly_chart(figures.attractor_counts_figure(found), key="attractors.counts",
                        width="stretch", theme=None)
        top = found.attractors[:18]
        views.gallery([a.state for a in top], stored["grid"],
                      [f"{a.label(used_names)} · {a.count}×" for a in top], columns=6,
                      key="attractors.gallery", thumb=120)
        if len(found.attractors) > len(top):
            st.caption(f"…and {len(found.attractors) - len(top)} rarer ones (see the table).")
        shared.csv_button(found.rows(used_names), "attractors.csv", key="attractors.csv")
        with st.expander("Table of all fixed points"):
            st.dataframe(found.rows(used_names), key="attractors.table", hide_index=True)

st.subheader("The recall path between two memories")
st.markdown(
    "One run, drawn in the plane of its overlaps m = (1/N) ξ·s with two memories: a memory "
    "sits at 1 on its own axis, its inverse at −1, a mixture in between. The colour is the "
    "energy, which never rises under asynchronous updates (Hopfield 1982)."
)
pc, pp = st.columns([1, 2.6], gap="large")
with pc:
    a = st.selectbox("Memory on the x axis", range(len(names)), format_func=names.__getitem__,
                     key="attractors.mem_a")
    b = st.selectbox("Memory on the y axis", range(len(names)), format_func=names.__getitem__,
                     key="attractors.mem_b")
    start = st.radio("Start from", ["halfway between the two", "a noisy copy of the x memory",
                                    "a random state"], key="attractors.path_start")
    noise = st.slider("Noise (fraction flipped)", 0.0, 0.6, step=0.05,
                      key="attractors.path_noise")
    path_seed = st.number_input("Seed of the run", 0, 2**31 - 1, key="attractors.path_seed")

links.publish(LINKS)

with pp:
    try:
        m_a, m_b, energies, sweeps, converged, final = figures.recall_path(
            patterns, rule, tuple(params.items()), a, b, start, noise, mode, int(path_seed))
        marks = [(1, 0, names[a]), (-1, 0, "−" + names[a])]
        if b != a:
            marks += [(0, 1, names[b]), (0, -1, "−" + names[b])]
        st.plotly_chart(figures.path_figure(m_a, m_b, energies, (names[a], names[b]), marks),
                        key="attractors.path", width="stretch", theme=None)
        best = int(np.argmax(np.abs(final)))
        st.markdown(
            f"{'Converged' if converged else 'Stopped'} after {sweeps:g} sweeps "
            f"({rule_name}, {mode}); final overlaps: m({names[a]}) = {m_a[-1]:+.2f}, "
            f"m({names[b]}) = {m_b[-1]:+.2f}; largest |m| with memory {names[best]} "
            f"({final[best]:+.2f}). Energy {energies[0]:.3f} → {energies[-1]:.3f}."
        )
        shared.csv_button(
            [{"frame": i, f"m_{names[a]}": float(x), f"m_{names[b]}": float(y), "energy": float(e)}
             for i, (x, y, e) in enumerate(zip(m_a, m_b, energies))],
            "recall_path.csv", key="attractors.path_csv", label="Download the path (CSV)")
    except ValueError as exc:
        st.error(str(exc))

st.subheader("What the theory says")
st.markdown(
    """
- With θ = 0 the energy E = −½ sᵀWs of the classic rules is even, so for every memory ξ its
  inverse −ξ is an equally deep minimum (Hopfield 1982): random starts land on both about
  equally often. The **Dense (n = 3)** and **Exponential** energies are not even: their
  inverses are no attractors, and below their (large) capacity random starts end on the
  memories themselves.
- Odd mixtures sign(ξ₁ + ξ₂ + ξ₃) have overlap ½ with each of their members and are stable
  at small load (Amit, Gutfreund and Sompolinsky 1985); even mixtures are not. As the load
  grows, more and more "other" (spin-glass) minima appear, and past P/N ≈ 0.138 they take over.
- Correlated memories (digits, letters) make mixtures and spurious states far more common
  than random ones: compare the Hebbian rule with the pseudo-inverse (Personnaz et al. 1985),
  which decorrelates the memories, or with a dense network (Krotov and Hopfield 2016).
"""
)
shared.cite(
    "J. J. Hopfield, PNAS 79:2554 (1982). D. J. Amit, H. Gutfreund, H. Sompolinsky, PRA 32:1007 "
    "and PRL 55:1530 (1985). L. Personnaz, I. Guyon, G. Dreyfus (1985). A. Storkey, ICANN 1997. "
    "D. Krotov, J. J. Hopfield, NeurIPS 2016."
)
