"""The "why" payloads the frame player hands to the page: the field panel and the overlap plane.

``why_payload`` packs :func:`hopfield_core.field_terms` of a run into a JSON-ready dict
that ``widgets/player_assets/why.js`` (``window.HopfieldWhy.render``) reads to answer a
click on unit i at frame t in O(R), for N up to 65,536, with no server round trip:

    term_r(t, i) = loadings[i, r] * coef[t, r]        ("linear", "polynomial")
                   - s_i(t) * self_coef[t, r]          ("polynomial" only)
    self_i(t)    = -diag[i] * s_i(t)                   (classic rules)
    softmax      : share of the flip's energy change (see hopfield_core.explain)

``plane_payload`` draws the energy over the overlap plane of two memories as a PNG data
URL for the player's third chart (``plane=``), or says why there is none.

Arrays travel as base64 little-endian bytes: loadings as int8 memories or float32
factors (Storkey), per-frame coefficients as float64, theta and the diagonal as one
number when constant.
"""

from __future__ import annotations

import base64
import io
from typing import Any, Sequence

import numpy as np

import hopfield_core as hc

__all__ = ["why_payload", "plane_payload", "default_plane_axes", "network_for",
           "why_for_record", "plane_for_record", "player_extras", "cached"]


def _pack(arr: np.ndarray, dtype: str) -> dict[str, Any]:
    a = np.ascontiguousarray(arr, dtype=np.dtype(dtype).newbyteorder("<"))
    return {"dtype": dtype, "shape": list(a.shape),
            "b64": base64.b64encode(a.tobytes()).decode("ascii")}


def _vector(values: np.ndarray | None) -> dict[str, Any] | None:
    """A per-unit vector as {"const": x} when all equal, else float64 bytes."""
    if values is None:
        return None
    v = np.asarray(values, dtype=np.float64)
    if v.size and np.all(v == v[0]):
        return {"const": float(v[0])}
    return _pack(v, "float64")


def network_for(patterns: np.ndarray, rule: str, params: dict[str, Any] | None = None):
    """The network a run used (store is deterministic: same memories, same weights)."""
    return hc.store(np.asarray(patterns), rule, **dict(params or {}))


def why_payload(
    net: Any,
    traj: Any,
    *,
    theta: Any = 0.0,
    memory_labels: Sequence[str] | None = None,
    recalled: int | None = None,
    recalled_reason: str = "",
    temperature: float = 0.0,
    mode: str = "async",
    grid: Sequence[int] | None = None,
) -> dict[str, Any]:
    """The ``why=`` dict of the frame player for ``traj`` run by ``net``.

    Parameters
    ----------
    net : Network
        The network of the run (any rule).
    traj : Trajectory
        The run; its ``states`` are decomposed frame by frame.
    theta : float or (N,) array
        The run's threshold.
    memory_labels : P names, optional
    recalled : int, optional
        The memory whose term is the "signal" (0-based); the others are crosstalk.
    recalled_reason : str
        Why that one ("the probe was made from it", "the run ends there").
    temperature, mode : the run's, for the wording of the decision.
    grid : (rows, cols), optional
        The picture shape, to name a unit by row and column.

    Returns
    -------
    dict (JSON-ready; see the module docstring for the array encoding).
    """
    ft = hc.field_terms(net, traj.states, theta)
    P = int(net.n_patterns)
    names = [str(x) for x in (memory_labels or [f"memory {k + 1}" for k in range(P)])]
    if len(names) != P:
        raise ValueError(f"memory_labels has {len(names)} names for {P} memories")
    loadings = ft.loadings
    load = _pack(loadings, "int8") if loadings.dtype == np.int8 else _pack(loadings, "float32")
    rid = None if recalled is None else int(recalled)
    if rid is not None and not 0 <= rid < P:
        rid = None
    return {
        "version": 1,
        "rule": ft.rule,
        "kind": ft.kind,
        "value_update": bool(ft.update_is_value),
        "n": int(net.n_units),
        "r": int(ft.n_terms),
        "p": P,
        "count": int(ft.coef.shape[0]),
        "term_labels": list(ft.labels),
        "term_memory": [int(x) for x in ft.memory],
        "memory_labels": names,
        "recalled": rid,
        "recalled_reason": str(recalled_reason),
        "loadings": load,
        "coef": _pack(ft.coef, "float64"),
        "self_coef": None if ft.self_coef is None else _pack(ft.self_coef, "float64"),
        "diag": _vector(ft.diag),
        "theta": _vector(ft.theta),
        "tie_rtol": hc.explain.TIE_RTOL,
        "temperature": float(temperature),
        "mode": str(mode),
        "n_cols": int(grid[1]) if grid is not None else 0,
    }


def default_plane_axes(patterns: np.ndarray, probe: np.ndarray,
                       source: int | None = None) -> tuple[int, int] | None:
    """Axes (a, b) of the plane: the probe's source memory (else the closest to the probe)
    and the other memory closest to the probe (by |overlap|). None with one memory."""
    X = np.asarray(patterns, dtype=np.float64)
    if X.shape[0] < 2:
        return None
    m = np.abs(X @ np.asarray(probe, dtype=np.float64)) / X.shape[1]
    a = int(source) if source is not None and 0 <= source < X.shape[0] else int(np.argmax(m))
    m[a] = -np.inf
    # an identical or opposite memory spans no plane with a: skip it
    same = np.all(X == X[a], axis=1) | np.all(X == -X[a], axis=1)
    m[same] = -np.inf
    if not np.isfinite(m).any():
        return None
    return a, int(np.argmax(m))


# A perceptual blue-to-yellow scale (8 anchors), low energy dark: the valleys read as
# deep. Interpolated in the page's absence of matplotlib colormaps.
_ANCHORS = np.array([
    [13, 8, 135], [84, 2, 163], [139, 10, 165], [185, 50, 137],
    [219, 92, 104], [244, 136, 73], [254, 188, 43], [240, 249, 33],
], dtype=np.float64)


def _colour(values: np.ndarray) -> np.ndarray:
    """RGBA uint8 image of ``values`` (NaN transparent), lowest = darkest."""
    ok = np.isfinite(values)
    out = np.zeros(values.shape + (4,), dtype=np.uint8)
    if not ok.any():
        return out
    lo, hi = float(values[ok].min()), float(values[ok].max())
    t = np.zeros_like(values) if hi == lo else (np.where(ok, values, lo) - lo) / (hi - lo)
    pos = t * (len(_ANCHORS) - 1)
    i = np.clip(pos.astype(int), 0, len(_ANCHORS) - 2)
    f = (pos - i)[..., None]
    rgb = _ANCHORS[i] * (1 - f) + _ANCHORS[i + 1] * f
    out[..., :3] = np.rint(rgb).astype(np.uint8)
    out[..., 3] = np.where(ok, 255, 0)
    return out


def _png_data_url(rgba: np.ndarray) -> str:
    from PIL import Image

    # row 0 of the grid is m_b = -1: flip so that m_b grows upwards as in a chart
    img = Image.fromarray(rgba[::-1], "RGBA")
    buf = io.BytesIO()
    img.save(buf, format="PNG", optimize=True)
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def plane_payload(net: Any, a: int, b: int, *, theta: Any = 0.0,
                  memory_labels: Sequence[str] | None = None,
                  resolution: int = 81) -> dict[str, Any]:
    """The ``plane=`` dict of the frame player: axes m_a, m_b and the energy surface.

    Keys: ``x_label``, ``y_label``, ``extent`` [x0, x1, y0, y1], ``surface_png`` (data URL,
    or None where no surface exists), ``note`` (what the surface is, or why it is
    missing), ``a``, ``b`` (0-based memory indices, the run's overlaps to draw), and
    ``energy_range`` [lowest, highest] of the surface (or None).
    """
    names = list(memory_labels or [f"memory {k + 1}" for k in range(net.n_patterns)])
    surf = hc.plane_energy(net, int(a), int(b), theta=theta, resolution=resolution)
    base = {"x_label": f"m with {names[a]}", "y_label": f"m with {names[b]}",
            "extent": [-1.0, 1.0, -1.0, 1.0], "a": int(a), "b": int(b)}
    if surf is None:
        return {**base, "surface_png": None, "energy_range": None,
                "note": f"{names[a]} and {names[b]} are equal or opposite, so they span no "
                        "plane: only the path is drawn."}
    finite = surf.energy[np.isfinite(surf.energy)]
    note = f"Colour: energy of mixtures of the two (dark = low)"
    # With more memories the run leaves the plane's family of states: say so, briefly.
    note += "; other memories shift it." if net.n_patterns > 2 else "."
    return {**base, "surface_png": _png_data_url(_colour(surf.energy)),
            "energy_range": [float(finite.min()), float(finite.max())], "note": note}


# --------------------------------------------------------------------------- Playground records


def _record_net(record: Any):
    s = record.settings
    params = {"degree": s.degree} if s.rule == "dense" else \
        {"beta": s.beta} if s.rule == "modern" else {}
    return network_for(record.patterns, s.rule, params)


def _recalled(record: Any) -> tuple[int | None, str]:
    source = getattr(record, "source", None)
    if source is not None:
        return int(source), "the probe was made from it"
    m = np.asarray(record.overlaps)[-1]
    return int(np.argmax(np.abs(m))), "the run ends closest to it"


def why_for_record(record: Any) -> dict[str, Any]:
    """:func:`why_payload` of a Playground :class:`~hopfield_app.state.RunRecord`."""
    s = record.settings
    recalled, reason = _recalled(record)
    temperature = s.temperature if s.mode == "stochastic" else 0.0
    return why_payload(_record_net(record), record.traj, theta=s.theta,
                       memory_labels=list(record.labels), recalled=recalled,
                       recalled_reason=reason, temperature=temperature, mode=s.mode,
                       grid=record.grid)


def plane_for_record(record: Any, resolution: int = 81) -> dict[str, Any] | None:
    """:func:`plane_payload` of a record on its default axes (None with one memory)."""
    axes = default_plane_axes(record.patterns, record.probe, getattr(record, "source", None))
    if axes is None:
        return None
    return plane_payload(_record_net(record), *axes, theta=record.settings.theta,
                         memory_labels=list(record.labels), resolution=resolution)


def cached(record: Any, name: str, build: Any) -> Any:
    """``build(record)``, kept in this user's session while the same run comes back
    (every player report reruns the view)."""
    import streamlit as st

    key = f"why.cache.{name}"
    hit = st.session_state.get(key)
    if hit is not None and hit[0] is record.traj:
        return hit[1]
    value = build(record)
    st.session_state[key] = (record.traj, value)
    return value


def _player_accepts(name: str) -> bool:
    import inspect

    from hopfield_app.widgets import player

    return name in inspect.signature(player.frame_player).parameters


def player_extras(record: Any) -> dict[str, Any]:
    """``why=`` and ``plane=`` for the frame player of a Playground run, where the player
    takes them (``frame_player(..., **player_extras(record))``); {} if they cannot be built."""
    out: dict[str, Any] = {}
    try:
        if _player_accepts("why"):
            out["why"] = cached(record, "why", why_for_record)
        if _player_accepts("plane"):
            plane = cached(record, "plane", plane_for_record)
            if plane is not None:
                out["plane"] = plane
    except ValueError:  # an explanation that cannot be built never stops the run view
        return {}
    return out


def plane_path(record: Any, plane: dict[str, Any]) -> tuple[np.ndarray, np.ndarray]:
    """The run's path in the plane: (m_a(t), m_b(t)) for every frame."""
    m = np.asarray(record.overlaps, dtype=np.float64)
    return m[:, plane["a"]], m[:, plane["b"]]


def plane_figure(record: Any, frame: int | None = None, *, height: int = 360):
    """A Plotly figure of the run in the overlap plane (for pages that show it as a chart,
    e.g. a demo): the energy surface as the background image, the path, its start, the
    frame on screen (default: the last). None with a single memory."""
    import plotly.graph_objects as go

    from hopfield_app import plots

    plane = cached(record, "plane", plane_for_record)
    if plane is None:
        return None
    xs, ys = plane_path(record, plane)
    k = len(xs) - 1 if frame is None else int(min(max(frame, 0), len(xs) - 1))
    fig = go.Figure()
    if plane["surface_png"]:
        fig.add_layout_image(source=plane["surface_png"], xref="x", yref="y", x=-1, y=1,
                             sizex=2, sizey=2, sizing="stretch", layer="below")
    fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", name="the run",
                             line=dict(color="white", width=3)))
    fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", showlegend=False, hoverinfo="skip",
                             line=dict(color="#1f6fd1", width=1.5)))
    fig.add_trace(go.Scatter(x=[xs[0]], y=[ys[0]], mode="markers", name="start",
                             marker=dict(color="white", size=9, line=dict(color="#222", width=2))))
    fig.add_trace(go.Scatter(x=[xs[k]], y=[ys[k]], mode="markers", name=f"frame {k}",
                             marker=dict(color="#d9534f", size=11,
                                         line=dict(color="white", width=2))))
    fig.update_layout(xaxis=dict(title=plane["x_label"], range=[-1.05, 1.05], zeroline=False),
                      yaxis=dict(title=plane["y_label"], range=[-1.05, 1.05], zeroline=False,
                                 scaleanchor="x"))
    return plots.apply_theme(fig, height=height)
