"""Weights: the matrix W the memories are stored in, unit by unit, beside their correlations."""

import numpy as np
import streamlit as st

import hopfield_core as hc
from hopfield_app import router, state
from hopfield_app.explore import links, shared, weights as figures

router.ensure_router()

RULES = {"Hebbian": "hebbian", "Storkey": "storkey", "Pseudo-inverse": "pseudoinverse"}
_BY_RULE = {v: k for k, v in RULES.items()}
FIELD_CHART = "weights.field"
LAST_CLICK = "weights.last_click"
#: From this many units a rule change takes long enough to say so at once.
BUSY_FROM = 4096

st.title("Weights: where the memories are stored")
st.markdown(
    "Every memory is stored in the same matrix of connection strengths W<sub>ij</sub> between "
    "units i and j: red is excitatory (the two units like to agree), blue inhibitory (they like "
    "to disagree), white zero. Hover over the matrix for (i, j, W<sub>ij</sub>).",
    unsafe_allow_html=True,
)

mems = state.memories()
if not mems:
    shared.offer_builtin_memories("weights")
    st.stop()

names = [m.name for m in mems]
grid = mems[0].grid
rows, cols = grid
n_units = rows * cols
patterns = np.stack([m.pattern for m in mems]).astype(np.int8)

# A click on the receptive-field picture chooses the unit: apply it before the row/column
# widgets are created (a widget's value may only be set before it exists in this run).
click = st.session_state.get(FIELD_CHART)
points = click.selection.points if click is not None and click.selection else []
if points and "x" in points[0] and "y" in points[0]:
    where = (int(round(points[0]["y"])), int(round(points[0]["x"])))
    if st.session_state.get(LAST_CLICK) != where and 0 <= where[0] < rows and 0 <= where[1] < cols:
        st.session_state[LAST_CLICK] = where
        st.session_state["weights.row"], st.session_state["weights.col"] = where

# Row and column of the chosen unit: start at the centre, stay inside the grid.
for _key, _limit in (("weights.row", rows), ("weights.col", cols)):
    if not 0 <= st.session_state.get(_key, -1) < _limit:
        st.session_state[_key] = _limit // 2

playground_rule = state.settings().rule
# A link may name the rule (read once per session); otherwise the Playground's rule is shown.
RULE_LINK = links.LinkSpec("rule", "choice", {k: v for k, v in shared.RULE_LINK_WORDS.items()
                                              if v in RULES})
if not st.session_state.get("weights._link_read"):
    st.session_state["weights._link_read"] = True
    try:
        if "rule" in st.query_params:
            st.session_state["weights._linked_rule"] = links.parse(RULE_LINK,
                                                                   st.query_params["rule"])
    except ValueError:
        st.warning("The link's **rule** could not be read; the Playground's rule is shown.")
shown_rule = st.session_state.get("weights._linked_rule",
                                  _BY_RULE.get(playground_rule, "Hebbian"))
top = st.columns([1.2, 2, 2.8], vertical_alignment="bottom")
rule_name = top[0].selectbox("Learning rule", list(RULES),
                             index=list(RULES).index(shown_rule), key="weights.rule")
st.query_params["rule"] = links.encode(RULE_LINK, rule_name)
top[1].markdown(f"**{len(mems)} memories**, {rows}×{cols} = {n_units:,} units")
if playground_rule not in RULES.values():
    top[2].info(f"The Playground's rule, *{playground_rule}*, stores the patterns themselves, "
                "not a weight matrix: shown here are the classic rules' weights for the same "
                "memories.")
rule = RULES[rule_name]

# A rule change on a big grid takes a moment: say so at once (st.spinner waits 0.5 s).
busy = st.empty()
if n_units >= BUSY_FROM:
    busy.info(f"Computing the {rule_name} weights of {n_units:,} units…",
              icon=":material/hourglass_top:")
try:
    view = figures.weights_view(patterns, rule)
except ValueError as exc:
    busy.empty()
    st.error(str(exc))
    st.stop()
corr = hc.correlation_matrix(patterns)

tab_w, tab_c, tab_f, tab_h = st.tabs(["Weight matrix W", "Correlations of the memories",
                                      "One unit's weights", "Distribution of the weights"])
with tab_w:
    chart, words = st.columns([2, 1], gap="large")
    chart.plotly_chart(figures.weights_figure(view), key="weights.matrix", width="stretch",
                       theme=None)
    with words:
        st.markdown("Row i holds the weights of unit i: the field it feels is "
                    "h<sub>i</sub> = Σ<sub>j</sub> W<sub>ij</sub> s<sub>j</sub>.",
                    unsafe_allow_html=True)
        if view["block"] > 1:
            st.caption(f"{n_units:,} units: each cell is the mean of a "
                       f"{view['block']}×{view['block']} block of weights (the full matrix "
                       "would not fit on a screen" + (", nor in memory" if n_units > 16384 else "")
                       + "), computed from the factors of W without building it. Zoom in "
                       "below for exact weights.")
    if view["block"] > 1:
        with st.expander("Zoom in: exact weights of a 64 × 64 block"):
            zc = st.columns(2)
            z_row = zc[0].number_input("First row i", 0, n_units - 1, 0, step=64,
                                       key="weights.zoom_row")
            z_col = zc[1].number_input("First column j", 0, n_units - 1, 0, step=64,
                                       key="weights.zoom_col")
            window = figures.weights_window(patterns, rule, (), int(z_row), int(z_col), 64)
            st.plotly_chart(figures.weights_figure({"heat": window, "block": 1},
                                                   origin=(int(z_row), int(z_col))),
                            key="weights.zoom", width="stretch", theme=None)
with tab_c:
    st.plotly_chart(figures.correlation_figure(corr, names), key="weights.corr",
                    width="stretch", theme=None)
    off = corr[~np.eye(len(mems), dtype=bool)]
    if off.size:
        st.markdown(
            f"C<sub>μν</sub> = (1/N) ξ<sub>μ</sub>·ξ<sub>ν</sub>. Largest |C| between two "
            f"memories: **{np.abs(off).max():.2f}** (random patterns: about "
            f"±{1 / np.sqrt(n_units):.2g}). Strongly correlated memories add up in W and "
            "interfere: their crosstalk pulls a probe towards a mixture.",
            unsafe_allow_html=True,
        )
with tab_f:
    chart, words = st.columns([2, 1], gap="large")
    with words:
        pick = st.columns(2)
        r = pick[0].number_input("Row", 0, rows - 1, key="weights.row")
        c = pick[1].number_input("Column", 0, cols - 1, key="weights.col")
        unit = int(r) * cols + int(c)
        st.markdown(f"unit i = {unit} (click the picture to choose another)")
        st.caption("W<sub>ij</sub> for every unit j, drawn where j sits on the grid. For the "
                   "Hebbian rule it is (1/N) Σ<sub>μ</sub> ξ<sub>μi</sub> ξ<sub>μj</sub>: the "
                   "memories added up, each with the sign unit i has in it, so they show "
                   "through.", unsafe_allow_html=True)
    row = figures.unit_weights(patterns, rule, (), unit)
    chart.plotly_chart(figures.receptive_field_figure(row, grid, unit), key=FIELD_CHART,
                       width="stretch", theme=None, on_select="rerun", selection_mode="points")
with tab_h:
    chart, words = st.columns([2, 1], gap="large")
    chart.plotly_chart(figures.histogram_figure(view), key="weights.hist", width="stretch",
                       theme=None)
    with words:
        st.markdown(f"Mean {view['hist_mean']:+.4f}, standard deviation {view['hist_std']:.4f}"
                    + (" (sampled rows of W)." if view["block"] > 1 else "."))
        if rule == "hebbian":
            st.caption(f"Hebbian weights take the values (P − 2k)/N: with P = {len(mems)} "
                       f"random memories they would spread as a binomial of standard deviation "
                       f"√P/N = {np.sqrt(len(mems)) / n_units:.4f}.")
busy.empty()

dl = st.columns(3)
with dl[0]:
    heat, step = view["heat"], view["block"]
    shared.csv_button(
        lambda: shared.matrix_csv(heat, np.arange(heat.shape[0]) * step),
        f"weights_{rule}.csv", key="weights.csv",
        label="Weights W (CSV)" if step == 1 else f"W, {step}×{step} block means (CSV)")
with dl[1]:
    shared.csv_button(lambda: shared.matrix_csv(corr, names), "memory_correlations.csv",
                      key="weights.corr_csv", label="Correlations (CSV)")
with dl[2]:
    shared.csv_button([{"i": unit, "j": j, "row": j // cols, "col": j % cols,
                        "W": float(row[j])} for j in range(n_units)],
                      f"receptive_field_unit{unit}.csv", key="weights.field_csv",
                      label=f"Unit {unit}'s weights (CSV)")

st.subheader("What the theory says")
st.markdown(
    """
- **Hebbian** (Hopfield 1982): W = (1/N) Σ<sub>μ</sub> ξ<sub>μ</sub> ξ<sub>μ</sub><sup>T</sup>
  with a zero diagonal — "units that fire together wire together". W is symmetric, so the
  energy E = −½ sᵀWs exists and falls under asynchronous updates.
- The field of unit i at memory ν is ξ<sub>νi</sub> plus a **crosstalk** term from the other
  memories, proportional to their correlations C<sub>μν</sub>: correlated memories (the
  matrix on the right) interfere, random ones only weakly (Amit, Gutfreund and
  Sompolinsky 1985).
- **Storkey** (1997) subtracts, memory by memory, the crosstalk each unit already receives;
  the **pseudo-inverse** (Personnaz, Guyon and Dreyfus 1985) W = Xᵀ(XXᵀ)⁺X removes it
  exactly: its weights decorrelate the memories, which is why it tolerates the correlated
  digits and letters that defeat the Hebbian rule.
""",
    unsafe_allow_html=True,
)
shared.cite(
    "J. J. Hopfield, PNAS 79:2554 (1982). D. J. Amit, H. Gutfreund, H. Sompolinsky, PRL 55:1530 "
    "(1985). A. Storkey, ICANN 1997. L. Personnaz, I. Guyon, G. Dreyfus, J. Physique Lett. "
    "46:L359 (1985)."
)
