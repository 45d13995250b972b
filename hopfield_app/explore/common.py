"""Shared pieces of the Explore pages (Weights, Capacity, Basins, Attractors).

Figure builders are pure (data in, Plotly figure out); the cached wrappers
around the core are ``st.cache_data`` functions returning plain arrays; the
few widgets shared by several pages (the "no memories yet" offer, the
progress-with-Stop runner, the CSV button) live here once.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import plotly.graph_objects as go
import streamlit as st

import hopfield_core as hc
from hopfield_app import plots, state

__all__ = [
    "RULE_OPTIONS",
    "RULE_COLORS",
    "rule_color",
    "offer_builtin_memories",
    "keep_widgets",
    "run_with_progress",
    "csv_button",
    "matrix_csv",
    "cite",
    "capacity_figure",
    "basin_figure",
    "capacity_summary",
    "weights_view",
    "weights_figure",
    "weights_window",
    "receptive_field_figure",
    "histogram_figure",
    "correlation_figure",
    "attractor_counts_figure",
    "path_figure",
    "recall_path",
]

#: The rules the experiment pages offer, by the label shown to the user.
RULE_OPTIONS: dict[str, tuple[str, dict[str, Any]]] = {
    "Hebbian": ("hebbian", {}),
    "Storkey": ("storkey", {}),
    "Pseudo-inverse": ("pseudoinverse", {}),
    "Dense (n = 3)": ("dense", {"degree": 3}),
    "Exponential": ("exponential", {}),
}

#: One colour per rule label of the core (RuleSpec.label), the same on every page.
RULE_COLORS: dict[str, str] = {
    "hebbian": plots.COLORWAY[0],
    "storkey": plots.COLORWAY[1],
    "pseudoinverse": plots.COLORWAY[2],
    "dense (n=3)": plots.COLORWAY[3],
    "exponential": plots.COLORWAY[4],
}

_NICE = {"hebbian": "Hebbian", "storkey": "Storkey", "pseudoinverse": "Pseudo-inverse",
         "exponential": "Exponential"}

# Diverging, centred at zero: blue negative, white zero, red positive.
_DIVERGING = "RdBu_r"


def rule_color(label: str) -> str:
    return RULE_COLORS.get(label, plots.COLORWAY[6])


def nice(label: str) -> str:
    """ "hebbian" -> "Hebbian", "dense (n=3)" -> "Dense (n = 3)"."""
    if label.startswith("dense"):
        return label.replace("dense", "Dense").replace("=", " = ")
    return _NICE.get(label, label)


# ------------------------------------------------------------------ shared widgets


def keep_widgets(defaults: dict[str, Any]) -> None:
    """Give the page's widgets their initial values and keep them across page switches.

    Streamlit forgets a widget's value when a run of another page does not draw
    it; a copy under ``"_" + key`` brings it back. Call at the top of the page and
    create the widgets without ``value``/``default``/``index``, so that their value
    comes from ``st.session_state`` alone.
    """
    for key, default in defaults.items():
        if key in st.session_state:
            st.session_state["_" + key] = st.session_state[key]
        else:
            st.session_state[key] = st.session_state.get("_" + key, default)


def experiment_rules_and_size(prefix: str) -> tuple[list[str], int]:
    """The first controls of an experiment page: the rules to compare and N.

    Widgets keyed ``{prefix}.rules`` and ``{prefix}.n`` (their values come from
    `keep_widgets`). Returns the chosen rule names (keys of `RULE_OPTIONS`) and N.
    """
    rules = st.multiselect("Learning rules", list(RULE_OPTIONS), key=f"{prefix}.rules")
    n_units = st.select_slider("Units N", [36, 64, 100, 144, 196, 256, 400, 576, 1024],
                               key=f"{prefix}.n")
    return rules, n_units


def experiment_mode_seed_run(prefix: str) -> tuple[str, int, bool]:
    """The last controls of an experiment page: update mode, seed and the run button.

    Widgets keyed ``{prefix}.mode``, ``{prefix}.seed`` and ``{prefix}.run``.
    Returns ``(mode, seed, run)``, ``run`` True on the rerun after the click.
    """
    mode = st.radio("Updates", ["async", "sync"], horizontal=True, key=f"{prefix}.mode",
                    format_func={"async": "asynchronous", "sync": "synchronous"}.get)
    seed = st.number_input("Seed", 0, 2**31 - 1, key=f"{prefix}.seed")
    run = st.button("Run experiment", key=f"{prefix}.run", type="primary",
                    icon=":material/play_arrow:", width="stretch")
    return mode, seed, run


def offer_builtin_memories(key: str, *, grid: tuple[int, int] = (16, 16),
                           sets: Sequence[str] = ("digits", "letters", "shapes", "random")) -> None:
    """Say there are no memories yet and offer a one-click built-in set (then rerun)."""
    st.info("No memories are stored yet. Store some in the **Playground**, or load a built-in "
            "set here with one click.")
    cols = st.columns([1, 1, 3], vertical_alignment="bottom")
    choice = cols[0].selectbox("Built-in set", list(sets), key=f"{key}.builtin_set")
    if cols[1].button("Load built-in set", key=f"{key}.load_builtin", type="primary"):
        count = {"digits": 6, "letters": 5, "shapes": None, "random": 5}[choice]
        names, patterns = hc.builtin_set(choice, grid, count=count, rng=0)
        state.set_memories([state.Memory(str(n), np.asarray(p, dtype=np.int8), tuple(grid))
                            for n, p in zip(names, patterns)])
        st.rerun()


def run_with_progress(compute: Callable[..., Any], store_key: str, *, stop_key: str,
                      label: str) -> Any:
    """Run ``compute(progress=..., on_result=...)`` with a progress bar and a Stop button.

    Every partial result goes to ``st.session_state[store_key]`` first, so when
    a click on Stop (or any widget) interrupts the script, the rerun still has
    the loads finished so far (and none of the previous run's, if it is stopped before
    the first load is done).
    """
    st.session_state.pop(store_key, None)
    bar = st.progress(0.0, text=label)
    stop = st.empty()
    stop.button("Stop", key=stop_key, help="Stop early and keep the results computed so far",
                icon=":material/stop:")

    def on_result(result: Any) -> None:
        st.session_state[store_key] = result

    def progress(fraction: float) -> bool:
        bar.progress(float(fraction), text=f"{label} {100 * fraction:.0f} %")
        return True

    result = compute(progress=progress, on_result=on_result)
    st.session_state[store_key] = result
    bar.empty()
    stop.empty()
    return result


def _rows_csv(rows: Sequence[dict[str, Any]]) -> str:
    import csv

    buf = io.StringIO()
    if rows:
        writer = csv.DictWriter(buf, fieldnames=list(rows[0].keys()))
        writer.writeheader()
        for row in rows:
            writer.writerow({k: (f"{v:.6g}" if isinstance(v, float) else v) for k, v in row.items()})
    return buf.getvalue()


def matrix_csv(matrix: np.ndarray, labels: Sequence[Any]) -> str:
    """A square matrix as CSV with its labels as the first row and column."""
    buf = io.StringIO()
    buf.write("," + ",".join(str(x) for x in labels) + "\n")
    for label, row in zip(labels, np.asarray(matrix)):
        buf.write(str(label) + "," + ",".join(f"{v:.6g}" for v in row) + "\n")
    return buf.getvalue()


def csv_button(rows: Sequence[dict[str, Any]] | Callable[[], str], filename: str, *, key: str,
               label: str = "Download the numbers (CSV)") -> None:
    """A download button for a list of records written as CSV, or for a callable that
    returns the CSV text (built only when the button is clicked: big matrices)."""
    data = rows if callable(rows) else _rows_csv(rows)
    st.download_button(label, data, file_name=filename, mime="text/csv", key=key,
                       icon=":material/download:", on_click="ignore")


def cite(text: str) -> None:
    st.caption(f"**Sources.** {text}")


# ------------------------------------------------------------------ capacity, basins

_METRICS = {
    "fixed": ("memories that are fixed points", "fraction of memories that are fixed points"),
    "overlap": ("mean final overlap", "mean final overlap m"),
    "recalled": ("probes recalled", "fraction of noisy probes recalled"),
    "exact": ("probes recalled exactly", "fraction recalled exactly"),
}


def _theory_lines(labels: Sequence[str], n_units: int, x_max: float, per_unit: bool) -> list:
    """(x, text, colour) of the literature's capacity for each rule shown, within the plot."""
    out = []
    scale = 1.0 / n_units if per_unit else 1.0
    for label in labels:
        rule = "dense" if label.startswith("dense") else label
        params = {"degree": int(label.split("=")[1].rstrip(")"))} if rule == "dense" else {}
        cap = hc.theory_capacity(rule, n_units, **params)
        if cap is None:
            continue
        names = {"hebbian": "AGS 0.138 N", "storkey": "Storkey N/√(2 ln N)",
                 "pseudoinverse": "pseudo-inverse P = N", "dense": "Krotov–Hopfield K"}
        if rule in names and cap * scale <= x_max:
            out.append((cap * scale, names[rule], rule_color(label)))
        if rule == "hebbian":
            mc = hc.mceliece_capacity(n_units)
            if mc * scale <= x_max:
                out.append((mc * scale, "McEliece N/(2 ln N)", rule_color(label)))
    return out


def capacity_figure(result: hc.CapacityResult, *, metric: str = "fixed",
                    per_unit: bool = True, theory: bool = True) -> go.Figure:
    """Recall quality against load, one line per rule, theory lines dashed."""
    values = getattr(result, metric)
    x = result.alpha if per_unit else result.n_patterns.astype(float)
    fig = go.Figure()
    done = slice(0, result.completed)
    for label in result.labels:
        fig.add_trace(go.Scatter(
            x=x[done], y=values[label][done], mode="lines+markers", name=nice(label),
            line=dict(color=rule_color(label), width=4), marker=dict(size=9),
            hovertemplate=("P/N = %{x:.3f}" if per_unit else "P = %{x:.0f}")
            + "<br>%{y:.3f}<extra>" + nice(label) + "</extra>",
        ))
    x_max = float(x[-1]) if len(x) else 1.0
    if theory and metric == "fixed" and "hebbian" in result.labels:
        ps = np.arange(1, int(result.n_patterns[-1]) + 1)
        est = 1.0 - np.asarray(hc.pattern_error_probability(result.n_units, ps))
        fig.add_trace(go.Scatter(
            x=ps / result.n_units if per_unit else ps, y=est, mode="lines",
            name="Hebbian, one-step theory", line=dict(color=rule_color("hebbian"), width=2,
                                                      dash="dot"),
            hovertemplate="(1 − p_bit)^N = %{y:.3f}<extra></extra>",
        ))
    if theory:
        for i, (xv, text, color) in enumerate(_theory_lines(result.labels, result.n_units,
                                                            x_max * 1.001, per_unit)):
            fig.add_vline(x=xv, line=dict(color=color, width=2, dash="dash"))
            fig.add_annotation(x=xv, y=0.03 + 0.5 * (i % 2), yref="paper", text=text,
                               textangle=-90, showarrow=False, xanchor="left", yanchor="bottom",
                               font=dict(color=color, size=15), bgcolor="rgba(255,255,255,0.85)")
    fig.update_layout(
        xaxis_title="load P/N" if per_unit else "stored memories P",
        xaxis_range=[0, x_max * 1.03],
        yaxis_title=_METRICS[metric][1], yaxis_range=[-0.03, 1.05],
        legend=dict(orientation="h", yanchor="top", y=-0.16, x=0),
    )
    return plots.apply_theme(fig, height=560)


def capacity_summary(result: hc.CapacityResult, metric: str = "fixed") -> str:
    """One line per rule: the largest load up to which the curve stays high."""
    level = 0.95 if metric == "overlap" else 0.9
    values = getattr(result, metric)
    lines = []
    for label in result.labels:
        v = values[label][: result.completed]
        low = np.flatnonzero(~(v >= level))
        if low.size == 0:
            p = int(result.n_patterns[result.completed - 1]) if result.completed else 0
            lines.append(f"- **{nice(label)}**: still ≥ {level:g} at the largest load tried, "
                         f"P = {p} (P/N = {p / result.n_units:.2f})")
        elif low[0] == 0:
            lines.append(f"- **{nice(label)}**: below {level:g} from the smallest load")
        else:
            p = int(result.n_patterns[low[0] - 1])
            lines.append(f"- **{nice(label)}**: ≥ {level:g} up to P = {p} memories "
                         f"(P/N = {p / result.n_units:.2f})")
    return "\n".join(lines)


def basin_figure(result: hc.BasinResult, *, metric: str = "recalled") -> go.Figure:
    """Fraction of successful recalls against the fraction of flipped units."""
    values = getattr(result, metric)
    fig = go.Figure()
    done = slice(0, result.completed)
    for label in result.labels:
        fig.add_trace(go.Scatter(
            x=result.noise[done], y=values[label][done], mode="lines+markers", name=nice(label),
            line=dict(color=rule_color(label), width=4), marker=dict(size=9),
            hovertemplate="noise %{x:.2f}<br>%{y:.3f}<extra>" + nice(label) + "</extra>",
        ))
    fig.add_vline(x=0.5, line=dict(color=plots.INK, width=2, dash="dot"))
    fig.add_annotation(x=0.5, y=1.03, yref="paper", text="half flipped: closer to the inverse",
                       showarrow=False, xanchor="left", font=dict(size=15))
    fig.update_layout(xaxis_title="fraction of units flipped in the probe",
                      yaxis_title=_METRICS[metric][1], yaxis_range=[-0.03, 1.05],
                      legend=dict(orientation="h", yanchor="top", y=-0.16, x=0))
    return plots.apply_theme(fig, height=540)


# ------------------------------------------------------------------------- weights

#: Largest heatmap drawn cell by cell; larger matrices are shown block-averaged.
MAX_CELLS = 512


@st.cache_data(show_spinner=False, max_entries=8)
def weights_view(patterns: np.ndarray, rule: str, params: tuple = ()) -> dict[str, Any]:
    """Everything the Weights page draws of W, for one set of memories and a rule.

    Returns a dict with ``heat`` (W itself for N <= MAX_CELLS, else k x k block
    means), ``block`` (units per block side), ``hist`` (off-diagonal weights,
    sampled rows for large N) and ``n_units``. Beyond MAX_CELLS units the dense
    (N, N) matrix is never built: block means come from the factors W = U V^T - diag(d),

    mean_{i in a, j in b} W_ij = [(sum_{i in a} U_i) . (sum_{j in b} V_j) - [a = b] sum_{i in a} d_i]
    / (|a| |b|).
    """
    net = hc.store(patterns, rule=rule, **dict(params))
    n = net.n_units
    if n <= MAX_CELLS:
        w = net.weights()
        return {"heat": w, "block": 1, "n_units": n, **_histogram(w[np.triu_indices(n, 1)])}
    block = math.ceil(n / MAX_CELLS)
    u, v, d = net.factors()
    us, vs = _block_sums(u, block), _block_sums(v, block)
    counts = _block_sums(np.ones((n, 1)), block)[:, 0]
    heat = us @ vs.T
    heat[np.diag_indices_from(heat)] -= _block_sums(d[:, None], block)[:, 0]
    heat /= np.outer(counts, counts)
    # about 4 million sampled weights at most (64 rows at N = 65,536)
    rows = np.random.default_rng(0).choice(n, min(256, max(16, 2**22 // n)), replace=False)
    sample = u[rows] @ v.T
    sample[np.arange(rows.size), rows] = np.nan  # the zero diagonal is not a weight
    return {"heat": heat, "block": block, "n_units": n,
            **_histogram(sample[np.isfinite(sample)])}


def _histogram(values: np.ndarray, bins: int = 61) -> dict[str, Any]:
    """Counts of the weights in ``bins`` equal bins, with their mean and spread."""
    top = float(np.max(np.abs(values))) if values.size else 1.0
    top = top if top > 0 else 1.0
    counts, edges = np.histogram(values, bins=bins, range=(-top * 1.02, top * 1.02))
    return {"hist_counts": counts, "hist_edges": edges, "hist_mean": float(values.mean()),
            "hist_std": float(values.std())}


@st.cache_data(show_spinner=False, max_entries=16)
def weights_window(patterns: np.ndarray, rule: str, params: tuple, row0: int, col0: int,
                   size: int) -> np.ndarray:
    """The exact block W[row0:row0+size, col0:col0+size] from the factors (zero diagonal)."""
    net = hc.store(patterns, rule=rule, **dict(params))
    u, v, _d = net.factors()
    r1, c1 = min(row0 + size, net.n_units), min(col0 + size, net.n_units)
    w = u[row0:r1] @ v[col0:c1].T
    ii = np.arange(row0, r1)
    on_diag = (ii >= col0) & (ii < c1)
    w[ii[on_diag] - row0, ii[on_diag] - col0] = 0.0
    return w


@st.cache_data(show_spinner=False, max_entries=32)
def unit_weights(patterns: np.ndarray, rule: str, params: tuple, unit: int) -> np.ndarray:
    """Row ``unit`` of W, (N,), from the factors (no dense matrix)."""
    net = hc.store(patterns, rule=rule, **dict(params))
    u, v, d = net.factors()
    row = u[unit] @ v.T
    row[unit] = 0.0
    return row


def _block_sums(a: np.ndarray, block: int) -> np.ndarray:
    n = a.shape[0]
    pad = (-n) % block
    if pad:
        a = np.concatenate([a, np.zeros((pad, a.shape[1]))])
    return a.reshape(-1, block, a.shape[1]).sum(axis=1)


def _block_mean(w: np.ndarray, block: int) -> np.ndarray:
    if block == 1:
        return w
    n = w.shape[0]
    k = math.ceil(n / block)
    pad = k * block - n
    wp = np.pad(w, ((0, pad), (0, pad)), constant_values=np.nan)
    return np.nanmean(wp.reshape(k, block, k, block), axis=(1, 3))


def _symmetric_range(values: np.ndarray) -> float:
    finite = np.asarray(values)[np.isfinite(values)]
    top = float(np.max(np.abs(finite))) if finite.size else 1.0
    return top if top > 0 else 1.0


def weights_figure(view: dict[str, Any], *, origin: tuple[int, int] = (0, 0)) -> go.Figure:
    """W as a heatmap, diverging colours centred at zero; hover shows (i, j, W_ij).

    ``view`` holds ``heat`` and ``block`` (see `weights_view`); ``origin`` the
    first row and column shown (for a zoomed window)."""
    heat, block = view["heat"], view["block"]
    top = _symmetric_range(heat)
    idx = np.arange(heat.shape[0]) * block + origin[0]
    jdx = np.arange(heat.shape[1]) * block + origin[1]
    if block == 1:
        hover = "i = %{y}, j = %{x}<br>W<sub>ij</sub> = %{z:.4f}<extra></extra>"
    else:
        hover = (f"i = %{{y}}–%{{y}}+{block - 1}, j = %{{x}}–%{{x}}+{block - 1}"
                 "<br>mean W = %{z:.4f}<extra></extra>")
    fig = go.Figure(go.Heatmap(
        z=heat, x=jdx, y=idx, colorscale=_DIVERGING, zmid=0.0, zmin=-top, zmax=top,
        hovertemplate=hover, colorbar=dict(title="W", thickness=18, exponentformat="power"),
    ))
    fig.update_yaxes(autorange="reversed", title="unit i", scaleanchor="x", constrain="domain")
    fig.update_xaxes(title="unit j", constrain="domain")
    return plots.apply_theme(fig, height=560, legend=False)


def receptive_field_figure(row: np.ndarray, grid: tuple[int, int], unit: int) -> go.Figure:
    """The weights W_ij of one unit i drawn on the grid of j, chosen unit ringed.

    Invisible markers over every cell make a click choose the unit (Streamlit's
    chart selection reports points, not heatmap cells)."""
    rows, cols = grid
    img = row.reshape(rows, cols)
    top = _symmetric_range(img)
    j = np.arange(rows * cols)
    clickable = rows * cols <= 4096
    hover = (f"i = {unit}, j = %{{customdata}} (row %{{y}}, col %{{x}})"
             "<br>W<sub>ij</sub> = %{z:.4f}<extra></extra>")
    fig = go.Figure(go.Heatmap(
        z=img, colorscale=_DIVERGING, zmid=0.0, zmin=-top, zmax=top,
        customdata=j.reshape(rows, cols), hoverinfo="skip" if clickable else None,
        hovertemplate=None if clickable else hover,
        colorbar=dict(title="W", thickness=18, exponentformat="power"),
    ))
    if clickable:
        # Nearly invisible markers carry the hover text and make a click report the cell.
        rr, cc = np.divmod(j, cols)
        fig.add_trace(go.Scatter(
            x=cc, y=rr, mode="markers", showlegend=False,
            marker=dict(size=max(6, 300 // max(grid)), symbol="square", opacity=0.01,
                        color="#000000"),
            customdata=np.column_stack([j, row]),
            hovertemplate=(f"i = {unit}, j = %{{customdata[0]}} (row %{{y}}, col %{{x}})"
                           "<br>W<sub>ij</sub> = %{customdata[1]:.4f}<extra></extra>"),
        ))
    ur, uc = divmod(unit, cols)
    fig.add_trace(go.Scatter(x=[uc], y=[ur], mode="markers", showlegend=False, hoverinfo="skip",
                             marker=dict(symbol="square-open", size=max(10, 360 // max(grid)),
                                         color="#111827", line=dict(width=3))))
    fig.update_yaxes(autorange="reversed", scaleanchor="x", constrain="domain", showgrid=False,
                     title="row")
    fig.update_xaxes(constrain="domain", showgrid=False, title="column")
    return plots.apply_theme(fig, height=460, legend=False)


def histogram_figure(view: dict[str, Any]) -> go.Figure:
    """The distribution of the off-diagonal weights (``hist_*`` of `weights_view`)."""
    edges = view["hist_edges"]
    fig = go.Figure(go.Bar(x=0.5 * (edges[:-1] + edges[1:]), y=view["hist_counts"],
                           width=np.diff(edges), marker_color=plots.COLORWAY[0],
                           hovertemplate="W ≈ %{x:.4f}<br>%{y} weights<extra></extra>"))
    fig.update_layout(xaxis_title="weight W<sub>ij</sub> (i ≠ j)", yaxis_title="count", bargap=0.05)
    return plots.apply_theme(fig, height=360, legend=False)


def correlation_figure(corr: np.ndarray, names: Sequence[str]) -> go.Figure:
    """The memories' correlation matrix C_{mu nu} = (1/N) xi_mu . xi_nu, values written in."""
    labels = [str(n) for n in names]
    text = np.vectorize(lambda v: f"{v:+.2f}")(corr) if corr.shape[0] <= 12 else None
    fig = go.Figure(go.Heatmap(
        z=corr, x=labels, y=labels, colorscale=_DIVERGING, zmid=0.0, zmin=-1, zmax=1,
        text=text, texttemplate="%{text}" if text is not None else None,
        textfont=dict(size=15),
        hovertemplate="memories %{y} and %{x}<br>C = %{z:.3f}<extra></extra>",
        colorbar=dict(title="C", thickness=18),
    ))
    fig.update_yaxes(autorange="reversed", type="category", scaleanchor="x", constrain="domain")
    fig.update_xaxes(type="category", constrain="domain")
    return plots.apply_theme(fig, height=460, legend=False)


# ----------------------------------------------------------------------- attractors

_KIND_COLORS = {"memory": plots.COLORWAY[2], "inverse": plots.COLORWAY[1],
                "mixture": plots.COLORWAY[3], "other": "#6b7280"}


def attractor_counts_figure(result: hc.AttractorResult) -> go.Figure:
    counts = result.counts_by_kind()
    kinds = list(counts)
    fig = go.Figure(go.Bar(
        x=[counts[k] / result.n_starts for k in kinds],
        y=["memories", "inverted memories", "mixtures", "other"],
        orientation="h", marker_color=[_KIND_COLORS[k] for k in kinds],
        text=[f"{counts[k]}" for k in kinds], textposition="auto",
        hovertemplate="%{y}: %{x:.1%} of the starts<extra></extra>",
    ))
    fig.update_layout(xaxis_title="fraction of random starts", xaxis_range=[0, 1])
    fig.update_yaxes(autorange="reversed")
    return plots.apply_theme(fig, height=300, legend=False)


def path_figure(m_a: np.ndarray, m_b: np.ndarray, energies: np.ndarray, names: tuple[str, str],
                attractors: Sequence[tuple[float, float, str]] = ()) -> go.Figure:
    """The recall path in the plane of the overlaps with two memories, coloured by energy."""
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=m_a, y=m_b, mode="lines", line=dict(color="#9ca3af", width=2),
                             hoverinfo="skip", showlegend=False))
    fig.add_trace(go.Scatter(
        x=m_a, y=m_b, mode="markers", showlegend=False,
        marker=dict(size=11, color=energies, colorscale="Viridis",
                    colorbar=dict(title="energy", thickness=18), line=dict(width=0)),
        customdata=np.column_stack([np.arange(len(energies)), energies]),
        hovertemplate=("frame %{customdata[0]}<br>m(" + names[0] + ") = %{x:.3f}<br>m("
                       + names[1] + ") = %{y:.3f}<br>E = %{customdata[1]:.3f}<extra></extra>"),
    ))
    # Each label on the side away from the other point, so a short path (or one that
    # ends where it started) never prints "start" over "end".
    end_below = float(m_b[-1]) <= float(m_b[0])
    start_pos, end_pos = ("top center", "bottom center") if end_below else \
        ("bottom center", "top center")
    fig.add_trace(go.Scatter(x=[m_a[0]], y=[m_b[0]], mode="markers+text", text=["start"],
                             textposition=start_pos, showlegend=False, hoverinfo="skip",
                             marker=dict(size=16, symbol="circle-open", color="#111827",
                                         line=dict(width=3))))
    fig.add_trace(go.Scatter(x=[m_a[-1]], y=[m_b[-1]], mode="markers+text", text=["end"],
                             textposition=end_pos, showlegend=False, hoverinfo="skip",
                             marker=dict(size=18, symbol="star", color="#DC2626")))
    if attractors:
        xs, ys, texts = zip(*attractors)
        fig.add_trace(go.Scatter(x=xs, y=ys, mode="markers+text", text=texts,
                                 textposition="middle right", showlegend=False, hoverinfo="skip",
                                 marker=dict(size=10, symbol="x", color="#374151")))
    fig.update_xaxes(range=[-1.1, 1.1], title=f"overlap with {names[0]}", zeroline=True,
                     zerolinecolor="#9ca3af")
    fig.update_yaxes(range=[-1.1, 1.1], title=f"overlap with {names[1]}", zeroline=True,
                     zerolinecolor="#9ca3af", scaleanchor="x")
    return plots.apply_theme(fig, height=560, legend=False)


@st.cache_data(show_spinner=False, max_entries=16)
def recall_path(patterns: np.ndarray, rule: str, params: tuple, a: int, b: int, start: str,
                noise: float, mode: str, seed: int) -> tuple:
    """One recall from a start near memories ``a``/``b``, as overlaps with both and energies.

    ``start``: "halfway ..." (agreeing units of a and b kept, the rest random), "a noisy ..."
    (memory a with ``noise`` flipped) or anything else (a random state). Returns
    (m_a, m_b, energies, n_sweeps, converged, final overlaps with every memory).
    """
    rng = np.random.default_rng(seed)
    net = hc.store(patterns, rule=rule, **dict(params))
    if start.startswith("halfway"):
        s0 = hc.halfway(patterns[a], patterns[b], rng=rng)
    elif start.startswith("a noisy"):
        s0 = hc.add_noise(patterns[a], noise, rng=rng)
    else:
        s0 = hc.random_states(1, patterns.shape[1], rng=rng)[0]
    traj = hc.run(net, s0, mode=mode, steps=50, rng=rng, frames_per_sweep=16)
    m = traj.overlaps(patterns)
    return m[:, a], m[:, b], traj.energies, traj.n_sweeps, traj.converged, m[-1]
