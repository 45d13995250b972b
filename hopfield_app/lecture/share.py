"""The Playground's "Share" controls: the link to copy, and the experiment file.

The link is the page's own address with the experiment in its parameters (no
outside service): it is shown in a code box whose copy icon puts it on the
clipboard. A link longer than :data:`~hopfield_app.lecture.experiment.LINK_LIMIT`
characters is shown with a warning and the file is offered instead.
"""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit, urlunsplit

import streamlit as st

from hopfield_app.lecture import experiment as ex
from hopfield_app.lecture import session
from hopfield_app.playground import keys

__all__ = ["share_link", "link_panel", "file_panel", "OPEN_KEY"]

OPEN_KEY = "lecture.open_file"
MAX_FILE_BYTES = 4 * ex.MAX_TEXT


def share_link(params: dict[str, str], page: str = "playground") -> str:
    """The address a person opens to get ``params`` on ``page`` of this server."""
    query = urlencode(params)
    try:
        here = str(st.context.url or "")
    except Exception:  # no browser context (a script run without a session)
        here = ""
    parts = urlsplit(here)
    if parts.scheme and parts.netloc:
        path = parts.path.rstrip("/")
        if not path.endswith("/" + page):
            path = path.rsplit("/", 1)[0] + "/" + page if path.count("/") else "/" + page
        return urlunsplit((parts.scheme, parts.netloc, path, query, ""))
    return f"/{page}?{query}"


def link_panel() -> None:
    """The link of the current experiment, its length, and what to do if it is too long."""
    exp = session.experiment_from_session()
    params = ex.to_query(exp)
    link = share_link(params)
    length = len(link)
    st.markdown("**Copy link** (the copy icon at the right of the box): whoever opens it "
                "gets this experiment" + (" and sees the same run" if exp.ran else "") + ".")
    if length > ex.LINK_LIMIT:
        st.warning(f"This link is {length:,} characters long: too long for many chat and "
                   f"mail programs (they cut links past about {ex.LINK_LIMIT:,}). Send the "
                   "experiment file instead (**Download experiment** below).")
        if session.memories_left_out():
            st.caption("The memories are too big even for the address bar: a reload of this "
                       "tab keeps the settings but not the memories.")
    st.code(link, language=None, wrap_lines=True, height=120 if length > 300 else "content")
    st.caption(f"{length:,} characters · {exp.n_memories} memories of "
               f"{exp.grid[0]}×{exp.grid[1]}")


def _open_file_cb() -> None:
    """Load the chosen experiment file (a callback: runs before the widgets are drawn)."""
    file = st.session_state.get(OPEN_KEY)
    if file is None:
        return
    if file.size > MAX_FILE_BYTES:
        st.session_state[keys.K.MESSAGE] = (
            "error", f"“{file.name}” is {file.size // 1024:,} KB: far larger than an "
                     "experiment file. Nothing was loaded.")
        return
    decoded = ex.from_json(file.getvalue())
    if decoded.messages and decoded.experiment == ex.Experiment():
        st.session_state[keys.K.MESSAGE] = (
            "error", f"“{file.name}” could not be opened: " + " ".join(decoded.messages))
        return
    problems = session.apply_to_session(decoded.experiment)
    notes = list(decoded.messages) + problems
    exp = decoded.experiment
    if notes:
        st.session_state[keys.K.MESSAGE] = (
            "warning", f"Opened “{file.name}”, but some of it was unusable:\n\n"
                       + "\n".join(f"- {n}" for n in notes[:8]))
    else:
        st.session_state[keys.K.MESSAGE] = (
            "success", f"Opened “{file.name}”: {exp.n_memories} memories of "
                       f"{exp.grid[0]}×{exp.grid[1]}, {exp.rule} rule.")


def file_panel() -> None:
    """Download the experiment as a small JSON file; open one."""
    exp = session.experiment_from_session()
    c1, c2 = st.columns(2)
    c1.download_button("Download experiment", ex.to_json(exp), file_name="experiment.json",
                       mime="application/json", key="lecture.download_experiment",
                       icon=":material/download:", on_click="ignore", width="stretch",
                       help="Everything needed to repeat this run: memories, probe, rule, "
                            "settings and seed, as a small JSON file.")
    c2.file_uploader("Open experiment", type=["json"], key=OPEN_KEY, on_change=_open_file_cb,
                     help="A file saved with Download experiment.")


def lecture_panel(record) -> None:
    """Under the stage: share the experiment (link, file) and export the run."""
    from hopfield_app.lecture.presenter import SHARE_KEY

    with st.container(key=SHARE_KEY), st.expander("Share · save · export",
                                                  icon=":material/share:"):
        link_panel()
        file_panel()
        st.divider()
        from hopfield_app.lecture.export_panel import export_panel

        export_panel(record)
