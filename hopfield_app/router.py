"""Keep every page behind app.py's navigation, even on a freshly started server.

The product card fixes the folder name ``pages/``. Streamlit then runs a deep-linked page
file (``/weights``) by itself, in its old folder mode, until some session has run app.py's
``st.navigation``: the page's navigation lists the page files (``app`` included) and
app.py's layout and set-up are skipped. Every page calls :func:`ensure_router` first to
repair that.

The repair is decided per script run, from the pages this run registered, not from
Streamlit's process-wide folder-mode flag: when several visitors arrive at once (a hall
following a link), all their first runs can start in folder mode before the first of
them switches the flag off, and each of them must still be repaired.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from hopfield_app.state import MEMORIES, init_state

__all__ = ["ensure_router", "run_bypassed_app"]


def run_bypassed_app() -> bool:
    """True when this script run was started by Streamlit's folder mode, not by app.py.

    In folder mode Streamlit builds the navigation itself from the page files and the
    main script (app.py) is one of its pages; app.py's own navigation never lists
    app.py. Unknown Streamlit internals count as "not bypassed" (nothing to repair).
    """
    try:
        from streamlit.runtime.scriptrunner import get_script_run_ctx
    except ImportError:  # pragma: no cover - internal module moved
        return False
    ctx = get_script_run_ctx()
    manager = getattr(ctx, "pages_manager", None)
    if manager is None:
        return False
    try:
        main = Path(manager.main_script_path).resolve()
        pages = manager.get_pages().values()
        return any(Path(str(p.get("script_path", ""))).resolve() == main for p in pages)
    except Exception:  # pragma: no cover - internal structures changed shape
        return False


def _folder_mode_flag_on() -> bool:
    try:
        from streamlit.runtime.pages_manager import PagesManager
    except ImportError:  # pragma: no cover - internal module moved
        return False
    return bool(getattr(PagesManager, "uses_pages_directory", False))


def ensure_router() -> None:
    """Call first in a page: repair a run that bypassed app.py.

    Switches Streamlit's folder mode off for the whole server (later runs go through
    app.py). A run that bypassed app.py on the session's first run reruns through app.py
    (nothing can be lost: no click was made yet). A later bypassed run may carry a
    click, which a rerun would swallow: it continues with app.py's set-up done here.
    """
    flag_on = _folder_mode_flag_on()
    bypassed = run_bypassed_app()
    if not (flag_on or bypassed):
        return
    if flag_on:
        from streamlit.runtime.pages_manager import PagesManager

        PagesManager.uses_pages_directory = False
    if MEMORIES not in st.session_state:  # app.py never ran for this session: nothing to lose
        st.rerun()
    st.set_page_config(page_title="Hopfield Explorer", layout="wide")
    init_state()
