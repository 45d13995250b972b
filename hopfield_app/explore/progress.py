"""Long experiments on the Capacity and Basins pages: a progress bar and a Stop button."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

__all__ = ["run_with_progress"]


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

