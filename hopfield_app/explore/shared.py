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
from hopfield_app import plots, state

__all__ = [
    "RULE_OPTIONS",
    "RULE_COLORS",
    "DIVERGING",
    "rule_color",
    "nice",
    "keep_widgets",
    "experiment_rules_and_size",
    "experiment_mode_seed_run",
    "offer_builtin_memories",
    "csv_button",
    "matrix_csv",
    "rows_csv",
    "cite",
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
DIVERGING = "RdBu_r"


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

