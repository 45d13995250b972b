"""Streamlit views of the lecture demos: the gallery, a demo's page, stepping through them.

The demos themselves (texts, scenarios, computations, their result views) are
declared in :mod:`hopfield_app.demos.entries`; this module draws what every demo
shares. Computations go through ``st.cache_data`` (fixed seeds, so every user sees
the same result and the server computes each demo once; the cache hands every
session its own copy).
"""

from __future__ import annotations

from typing import Callable

import numpy as np
import streamlit as st

from hopfield_app import state, views
from hopfield_app.demos import catalogue
from hopfield_app.demos.model import Demo
from hopfield_app.state import Scenario

__all__ = ["QUERY_KEY", "PLAYGROUND_PAGE", "selected_slug", "select", "step", "gallery",
           "detail", "neighbours"]

QUERY_KEY = "demo"
PLAYGROUND_PAGE = "pages/playground.py"
GALLERY_COLUMNS = 4
THUMB_PX = 110  # every gallery thumbnail is a THUMB_PX square, so the cards line up

# Larger type for the explanation and results (read from the back of a lecture hall), a
# hairline frame around every picture so a white background stays visible on white, and
# words that never break inside (a narrow card wraps between words, never "Temperat ure").
_CSS = """
<style>
.st-key-demos-look p { font-size: 1.3rem; line-height: 1.4; }
.st-key-demos-bar button p { white-space: nowrap; }
.st-key-demos-text p, .st-key-demos-text li { font-size: 1.2rem; line-height: 1.5; }
.st-key-demos-body p { font-size: 1.1rem; }
.st-key-demos-body [data-testid="stImage"] img, .st-key-demos-gallery [data-testid="stImage"] img
  { outline: 1px solid #9ca3af; }
.st-key-demos-body table { font-size: 1.05rem; }
.st-key-demos-gallery h4 { font-size: 1.2rem; line-height: 1.3; padding: 0.2rem 0; }
.st-key-demos-gallery p { font-size: 1.0rem; line-height: 1.4; }
.st-key-demos-gallery h4, .st-key-demos-gallery p, .st-key-demos-gallery button p
  { overflow-wrap: normal; word-break: normal; hyphens: none; }
/* Narrow screens: the demo pills wrap onto a second row (none hidden behind a scroll),
   and button labels wrap instead of being cut off ("Playground: Hebbi…"). */
.st-key-demos-nav [role="radiogroup"] { flex-wrap: wrap; row-gap: 0.4rem; }
[class*="st-key-demos-detail"] button p { white-space: normal; overflow-wrap: normal; }
</style>
"""


# --------------------------------------------------------------------------- cached data


@st.cache_data(show_spinner="Computing the demo (once per server)…", max_entries=32)
def _data(slug: str) -> dict:
    return catalogue.get(slug).compute()


@st.cache_data(show_spinner=False, max_entries=64)
def _thumb(slug: str) -> np.ndarray:
    """The demo's picture, crisp, centred on a white THUMB_PX square."""
    pattern, grid = catalogue.get(slug).thumbnail()
    pixels = views.pattern_pixels(pattern, grid, size=THUMB_PX)
    canvas = np.full((THUMB_PX, THUMB_PX), 255, dtype=np.uint8)
    top = (THUMB_PX - pixels.shape[0]) // 2
    left = (THUMB_PX - pixels.shape[1]) // 2
    canvas[top:top + pixels.shape[0], left:left + pixels.shape[1]] = pixels
    return canvas


# --------------------------------------------------------------------------- selection


def selected_slug() -> str | None:
    """The demo named in the URL (``?demo=<slug>``), or ``None`` (gallery)."""
    slug = st.query_params.get(QUERY_KEY)
    if slug is None:
        return None
    if catalogue.get(slug) is None:
        st.warning(f"There is no demo called “{slug}”. Pick one of the demos below.")
        return None
    return slug


def select(slug: str | None) -> None:
    """Show ``slug`` (or the gallery for ``None``) and keep the URL in step."""
    if slug is None:
        st.query_params.pop(QUERY_KEY, None)
    else:
        st.query_params[QUERY_KEY] = slug


def neighbours(slug: str) -> tuple[str | None, str | None]:
    """The previous and next demo in the lecture sequence (``None`` at either end)."""
    i = catalogue.SLUGS.index(slug)
    prev = catalogue.SLUGS[i - 1] if i > 0 else None
    nxt = catalogue.SLUGS[i + 1] if i + 1 < len(catalogue.SLUGS) else None
    return prev, nxt


def step(slug: str, action: str | None) -> None:
    """Follow a "next"/"previous" action (a key or clicker press reported by a player)."""
    prev, nxt = neighbours(slug)
    target = {"next": nxt, "previous": prev}.get(action or "")
    if target is not None:
        select(target)
        st.rerun()


def _open(builder: Callable[[], Scenario]) -> None:
    """Queue the scenario for the Playground and go there."""
    try:
        scenario = builder()
    except ValueError as err:
        st.error(f"This demo could not be set up: {err}")
        return
    state.load_scenario(scenario)
    st.switch_page(PLAYGROUND_PAGE)


def _open_button(label: str, builder: Callable[[], Scenario], *, key: str,
                 primary: bool = False, stretch: bool = False) -> None:
    if st.button(label, key=key, type="primary" if primary else "secondary",
                 icon=":material/play_circle:", width="stretch" if stretch else "content"):
        _open(builder)


# --------------------------------------------------------------------------- gallery


def gallery() -> None:
    """A card per demo: thumbnail, title, teaser, "Show demo" and "Open in Playground"."""
    st.html(_CSS)
    with st.container(key="demos.gallery"):
        _cards(catalogue.CLASSIC, start_number=1)
        if catalogue.SOURCES:
            st.subheader("The source experiments, as their authors ran them")
            _cards(catalogue.SOURCES, start_number=len(catalogue.CLASSIC) + 1)


def _cards(demos: tuple[Demo, ...], *, start_number: int) -> None:
    numbered = list(enumerate(demos, start_number))
    for start in range(0, len(numbered), GALLERY_COLUMNS):
        cols = st.columns(GALLERY_COLUMNS, gap="medium")
        for col, (number, demo) in zip(cols, numbered[start:start + GALLERY_COLUMNS]):
            # no fixed height: a card as tall as its content never hides its buttons
            with col, st.container(border=True, key=f"demos.card.{demo.slug}"):
                try:
                    st.container(horizontal_alignment="center").image(_thumb(demo.slug),
                                                                      width=THUMB_PX)
                except (ValueError, ImportError, AttributeError, OSError) as err:
                    # a missing asset must not take the whole gallery down
                    st.caption(f"(no preview: {err})")
                st.markdown(f"#### {number} · {demo.title}")
                st.markdown(demo.teaser)
                st.button("Show demo", key=f"demos.show.{demo.slug}", on_click=select,
                          args=(demo.slug,), icon=":material/visibility:", width="stretch")
                _open_button("Open in Playground", demo.scenario, key=f"demos.open.{demo.slug}",
                             primary=True, stretch=True)


# --------------------------------------------------------------------------- a demo's page


def _nav_changed() -> None:
    chosen = st.session_state.get("demos.nav")
    if chosen:  # clicking the demo already shown unselects the pill: stay on it
        select(chosen)


def _number(slug: str) -> int:
    return catalogue.SLUGS.index(slug) + 1


def _navigation(slug: str) -> None:
    """All demos, previous, next and the Playground buttons in one row (each as wide as its
    label, so no label wraps inside a word), then the pills: the lecture sequence."""
    demo = catalogue.get(slug)
    prev, nxt = neighbours(slug)
    with st.container(horizontal=True, key="demos.bar", vertical_alignment="center"):
        st.button("All demos", key="demos.back", on_click=select, args=(None,),
                  icon=":material/apps:")
        st.button("Previous", key="demos.prev", on_click=select, args=(prev,),
                  disabled=prev is None, icon=":material/chevron_left:", shortcut="P",
                  help="The previous demo of the lecture sequence (key P)")
        st.button("Next", key="demos.next", on_click=select, args=(nxt,),
                  disabled=nxt is None, icon=":material/chevron_right:", shortcut="N",
                  help="The next demo of the lecture sequence (key N)")
        _open_button("Open in Playground", demo.scenario, key=f"demos.detail.open.{slug}",
                     primary=True)
        for i, (label, builder) in enumerate(demo.variants):
            _open_button(f"Playground: {label}", builder, key=f"demos.detail.variant.{slug}.{i}")
    # keep the pills in step with the URL (set before the widget is created)
    st.session_state["demos.nav"] = slug
    st.pills("Demo", catalogue.SLUGS, key="demos.nav", on_change=_nav_changed,
             format_func=lambda s: f"{_number(s)} · {catalogue.get(s).short}",
             label_visibility="collapsed")


def detail(slug: str) -> None:
    """The page of one demo: navigation, the "look at" line, what it teaches, results."""
    demo = catalogue.get(slug)
    st.html(_CSS)
    _navigation(slug)
    st.subheader(f"{_number(slug)} · {demo.title}", anchor=False)
    with st.container(key="demos.look"):
        st.markdown(f"**Look at:** {demo.text.look}")
    with st.expander("What it teaches · now try", expanded=False), st.container(key="demos.text"):
        st.markdown(f"**What it teaches:** {demo.text.teaches}  \n"
                    f"**Now try:** {demo.text.now_try}")
        if demo.source:
            st.caption(f"Source: {demo.source}")
    try:
        data = _data(slug)
    except ValueError as err:
        st.error(f"This demo could not be computed: {err}")
        return
    with st.container(key="demos.body"):
        demo.view(data)
