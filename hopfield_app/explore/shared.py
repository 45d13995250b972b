"""What every Explore page shares: rule names and colours, widgets kept across pages,
the first and last controls of an experiment, the "no memories yet" offer, CSV buttons.

The Explore pages are Weights, Capacity, Basins and Attractors; each has its own
module here (figures and cached computations), and these few pieces exist once.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import streamlit as st

import hopfield_core as hc
from hopfield_app import plots, state, views

__all__ = [
    "RULE_OPTIONS",
    "RULE_COLORS",
    "RULE_LINK_WORDS",
    "UNIT_CHOICES",
    "DIVERGING",
    "rule_color",
    "nice",
    "keep_widgets",
    "experiment_rules_and_size",
    "run_button",
    "experiment_mode_seed",
    "offer_builtin_memories",
    "csv_button",
    "matrix_csv",
    "rows_csv",
    "cite",
    "figure_buttons",
]

#: The rules the experiment pages offer, by the label shown to the user.
RULE_OPTIONS: dict[str, tuple[str, dict[str, Any]]] = {
    "Hebbian": ("hebbian", {}),
    "Storkey": ("storkey", {}),
    "Pseudo-inverse": ("pseudoinverse", {}),
    "Dense (n = 3)": ("dense", {"degree": 3}),
    "Exponential": ("exponential", {}),
}

#: How the rules are written in a page's address (short, no spaces).
RULE_LINK_WORDS: dict[str, str] = {
    "hebbian": "Hebbian", "storkey": "Storkey", "pinv": "Pseudo-inverse",
    "dense3": "Dense (n = 3)", "exp": "Exponential",
}

#: One colour per rule label of the core (RuleSpec.label), the same on every page.
RULE_COLORS: dict[str, str] = {
    "hebbian": plots.COLORWAY[0],
    "storkey": plots.COLORWAY[1],
    "pseudoinverse": plots.COLORWAY[2],
    "dense (n=3)": plots.COLORWAY[3],
    "exponential": plots.COLORWAY[4],
}


# Diverging, centred at zero: blue negative, white zero, red positive.
DIVERGING = "RdBu_r"


def rule_color(label: str) -> str:
    return RULE_COLORS.get(label, plots.COLORWAY[6])


def nice(label: str) -> str:
    """ "hebbian" -> "Hebbian", "dense (n=3)" -> "Dense (n = 3)"."""
    if label.startswith("dense"):
        return label.replace("dense", "Dense").replace("=", " = ")
    return views.RULE_NAMES.get(label, label)


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


#: The network sizes the experiment pages offer.
UNIT_CHOICES = [36, 64, 100, 144, 196, 256, 400, 576, 1024]


def experiment_rules_and_size(prefix: str) -> tuple[list[str], int]:
    """The first controls of an experiment page: the rules to compare and N.

    Widgets keyed ``{prefix}.rules`` and ``{prefix}.n`` (their values come from
    `keep_widgets`). Returns the chosen rule names (keys of `RULE_OPTIONS`) and N.
    """
    rules = st.multiselect("Learning rules", list(RULE_OPTIONS), key=f"{prefix}.rules")
    n_units = st.select_slider("Units N", UNIT_CHOICES, key=f"{prefix}.n")
    return rules, n_units


def run_button(prefix: str) -> bool:
    """The experiment's Run button, first in the controls so a click needs no scrolling
    and the growing curve beside it is on screen. Keyed ``{prefix}.run``."""
    return st.button("Run experiment", key=f"{prefix}.run", type="primary",
                     icon=":material/play_arrow:", width="stretch")


def experiment_mode_seed(prefix: str) -> tuple[str, int]:
    """The last controls of an experiment page: update mode and seed.

    Widgets keyed ``{prefix}.mode`` and ``{prefix}.seed``; returns ``(mode, seed)``.
    """
    cols = st.columns([3, 2], vertical_alignment="bottom")
    mode = cols[0].radio("Updates", ["async", "sync"], key=f"{prefix}.mode",
                         format_func={"async": "asynchronous", "sync": "synchronous"}.get)
    seed = cols[1].number_input("Seed", 0, 2**31 - 1, key=f"{prefix}.seed")
    return mode, seed


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


def rows_csv(rows: Sequence[dict[str, Any]]) -> str:
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
    data = rows if callable(rows) else rows_csv(rows)
    st.download_button(label, data, file_name=filename, mime="text/csv", key=key,
                       icon=":material/download:", on_click="ignore")


def cite(text: str) -> None:
    st.caption(f"**Sources.** {text}")



_FIGURE_FORMATS = {"png": ("PNG, 300 dpi", "image/png"), "svg": ("SVG", "image/svg+xml"),
                   "pdf": ("PDF", "application/pdf")}


def _figure_exporter() -> Callable[..., bytes] | None:
    """The app's print-figure exporter (Plotly figure -> PNG/SVG/PDF bytes), if present."""
    try:
        from hopfield_app.lecture import export
    except ImportError:
        return None
    return getattr(export, "plotly_figure_bytes", None)


def figure_buttons(build: Callable[[], Any], basename: str, *, key: str) -> bool:
    """Download buttons for the chart as a print-quality figure: PNG (300 dpi), SVG, PDF.

    ``build()`` returns the Plotly figure; it is converted only when a button is
    clicked. Returns False (and draws nothing) when the app has no exporter.
    """
    to_bytes = _figure_exporter()
    if to_bytes is None:
        return False
    cols = st.columns(len(_FIGURE_FORMATS))
    for col, (fmt, (label, mime)) in zip(cols, _FIGURE_FORMATS.items()):
        col.download_button(f"Figure ({label})", lambda fmt=fmt: to_bytes(build(), fmt, dpi=300),
                            file_name=f"{basename}.{fmt}", mime=mime, key=f"{key}_{fmt}",
                            icon=":material/image:", on_click="ignore")
    return True
