"""Lecture demos: every classic Hopfield experiment one click away, with its explanation.

The URL says which demo is shown (``/demos?demo=six-neurons``), so a lecturer
can bookmark each one and step through them like slides (Previous / Next);
"Open in Playground" loads the demo's memories, probe and settings into the
Playground and runs it there.
"""

import streamlit as st

from hopfield_app import router
from hopfield_app.demos import catalogue
from hopfield_app.demos import render as demo_views

router.ensure_router()

slug = demo_views.selected_slug()
if slug is None:
    st.title("Lecture demos")
    st.markdown(
        f"{len(catalogue.CLASSIC)} classic Hopfield experiments, each one click away. "
        "**Show demo** explains it and computes its result here (then **Next** steps through "
        "them like slides); **Open in Playground** loads its memories, probe and settings "
        "into the Playground and runs it frame by frame."
    )
    demo_views.gallery()
else:
    demo_views.detail(slug)
