"""Long experiments on the Capacity and Basins pages: the curve grows as each point is done.

`run_progressively` draws, in this order and inside the results column,

* a status line: the progress bar with "k of K loads · about 12 s left" and a
  Stop button beside it;
* the chart of the partial result, redrawn after every finished point.

The results column is kept at the top of the screen while the page scrolls
(`pin_results`), so progress, the time left and Stop stay in view on a
1280x720 projector after a click on Run at the bottom of the controls.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Any

import streamlit as st

__all__ = ["TimeLeft", "work_share", "run_progressively", "run_with_progress", "pin_results", "format_seconds"]


def format_seconds(seconds: float) -> str:
    """A duration as a lecturer would say it: "8 s", "about 1 min 20 s", "12 min"."""
    seconds = max(0.0, float(seconds))
    if seconds < 10:
        return f"{max(1, round(seconds))} s"
    if seconds < 57.5:
        return f"{5 * round(seconds / 5):.0f} s"
    minutes, rest = divmod(10 * round(seconds / 10), 60)
    if minutes >= 10 or rest == 0:
        return f"{round(seconds / 60)} min"
    return f"{minutes} min {rest} s"


class TimeLeft:
    """The time an experiment still needs, from the time its finished share took.

    The core reports the finished share of the work (its own cost weights:
    a load with more memories counts more), so the remaining time is the
    elapsed time scaled by (1 - f) / f, the rate so far kept up.
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._start = clock()

    def seconds(self, fraction: float) -> float | None:
        """Seconds left after ``fraction`` of the work, None before any is done."""
        if fraction <= 0:
            return None
        elapsed = self._clock() - self._start
        return elapsed * (1.0 - min(fraction, 1.0)) / fraction


def work_share(work: Sequence[float], done: int) -> float:
    """The share of the whole work in the first ``done`` points."""
    total = float(sum(work))
    return float(sum(work[:done])) / total if total > 0 else 1.0


def pin_results(key: str) -> None:
    """Keep the column holding ``st.container(key=key)`` at the top of the screen.

    The controls beside it are taller than a 1280x720 screen; without this, a click
    on Run at their bottom leaves the progress bar, Stop and the growing chart
    scrolled off the top. The column sticks below the app's header while the
    row of columns is on screen (so the column must be shorter than the screen).
    """
    css_class = "st-key-" + "".join(c if c.isalnum() or c in "-_" else "-" for c in key)
    st.html(f"<style>[data-testid='stColumn']:has(.{css_class}) {{ position: sticky; "
            "top: 3.75rem; align-self: flex-start; z-index: 2; }</style>")


def run_progressively(compute: Callable[..., Any], store_key: str, *, stop_key: str,
                      label: str, total: int, unit: str,
                      draw: Callable[[Any], Any] | None = None, status: Any = None,
                      chart: Any = None, work: Sequence[float] | None = None) -> Any:
    """Run ``compute(progress=..., on_result=...)``, drawing each partial result as it comes.

    ``compute`` calls ``on_result(partial)`` after each of its ``total`` points
    (``unit`` names them: "loads", "noise levels") and ``progress(fraction)``
    after it; a partial result may also come as ``progress(fraction, partial)``.
    ``draw(partial)`` returns a Plotly figure of the partial result, drawn in
    the placeholder ``chart`` (an ``st.empty``; the page draws the final result
    there afterwards); the progress bar and Stop go in ``status`` (an ``st.empty``).
    ``work`` (one number per point, e.g. probes x N x max(N, P) per load) gives
    the share of the work done after k points, from which the time left is
    estimated; without it the fraction the core reports is used.

    Every partial result goes to ``st.session_state[store_key]`` first, so when a
    click on Stop (or any widget) interrupts the script, the rerun still has the
    points finished so far (and none of the previous run's, if it is stopped
    before the first point is done).
    """
    st.session_state.pop(store_key, None)
    status = st.empty() if status is None else status
    chart = st.empty() if chart is None else chart
    box = status.container()
    bar_col, stop_col = box.columns([5, 1], vertical_alignment="center")
    bar = bar_col.progress(0.0, text=f"{label} The time left is known when the first of "
                                     f"the {total} {unit} is done.")
    stop_col.button("Stop", key=stop_key, help="Stop early and keep the results computed so far",
                    icon=":material/stop:", width="stretch")
    left = TimeLeft()
    done = {"count": 0, "drawn": 0}

    def on_result(result: Any) -> None:
        st.session_state[store_key] = result
        done["count"] = int(getattr(result, "completed", done["count"] + 1))
        if draw is not None:
            # A key of its own per drawing: two partial results may look the same.
            done["drawn"] += 1
            chart.plotly_chart(draw(result), width="stretch", theme=None,
                               key=f"{stop_key}_live{done['drawn']}")

    def progress(fraction: float, *partial: Any, **_: Any) -> bool:
        if partial and partial[0] is not None and partial[0] is not st.session_state.get(store_key):
            on_result(partial[0])
        if work is not None and done["count"]:
            fraction = work_share(work, done["count"])
        seconds = left.seconds(float(fraction))
        eta = "" if seconds is None or fraction >= 1 else f" · about {format_seconds(seconds)} left"
        bar.progress(min(1.0, float(fraction)),
                     text=f"{label} {done['count']} of {total} {unit} done{eta}")
        return True

    result = compute(progress=progress, on_result=on_result)
    st.session_state[store_key] = result
    status.empty()
    chart.empty()
    return result


def run_with_progress(compute: Callable[..., Any], store_key: str, *, stop_key: str,
                      label: str) -> Any:
    """`run_progressively` without a chart (kept for callers that draw afterwards)."""
    return run_progressively(compute, store_key, stop_key=stop_key, label=label, total=0,
                             unit="points")
