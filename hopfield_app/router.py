"""Keep every page behind app.py's navigation, even on a freshly started server.

The product card fixes the folder name ``pages/``. Streamlit then runs a deep-linked page
file (``/weights``) by itself, in its old folder mode, until some session has run app.py's
``st.navigation``. Every page calls :func:`ensure_router` first to repair that.
"""

from __future__ import annotations

import streamlit as st

from hopfield_app.state import MEMORIES, init_state

__all__ = ["ensure_router"]


def _router_missing() -> bool:
    """True while Streamlit still runs pages straight from the ``pages/`` folder.

    A freshly started server does that for a deep link (``/playground``) until
    some session has run app.py's ``st.navigation``: the page then runs without
    app.py (no wide layout, no state initialisation, a file-name sidebar).
    """
    try:
        from streamlit.runtime.pages_manager import PagesManager
    except ImportError:  # pragma: no cover - internal module moved
        return False
    return bool(getattr(PagesManager, "uses_pages_directory", False))


def ensure_router() -> None:
    """Call first in a page: repair a run that bypassed app.py.

    On the session's first run nothing can be lost, so it reruns through app.py
    (proper navigation and layout). Later runs may carry a click, which a rerun
    would swallow: those continue with the app-wide set-up done here instead.
    """
    if not _router_missing():
        return
    from streamlit.runtime.pages_manager import PagesManager

    PagesManager.uses_pages_directory = False
    if MEMORIES not in st.session_state:  # app.py never ran for this session: nothing to lose
        st.rerun()
    st.set_page_config(page_title="Hopfield Explorer", layout="wide")
    init_state()
