"""Hopfield Explorer: entry point and navigation only (`streamlit run app.py`)."""

from pathlib import Path

import streamlit as st

from hopfield_app import state, views

HERE = Path(__file__).parent
PAGES = HERE / "pages"
FAVICON = HERE / "assets" / "favicon.png"


def main() -> None:
    # The icon is the app's own file: a Material icon name here would make every browser
    # fetch the favicon from a font host, which a lecture hall without internet lacks.
    st.set_page_config(page_title="Hopfield Explorer", page_icon=str(FAVICON), layout="wide")
    state.init_state()
    views.global_css()
    nav = st.navigation(
        {
            "Start": [
                st.Page(PAGES / "home.py", title="Home", icon=":material/home:", default=True),
                st.Page(PAGES / "playground.py", title="Playground", icon=":material/play_circle:",
                        url_path="playground"),
                st.Page(PAGES / "demos.py", title="Lecture demos", icon=":material/school:",
                        url_path="demos"),
            ],
            "Explore": [
                st.Page(PAGES / "weights.py", title="Weights", icon=":material/grid_on:",
                        url_path="weights"),
                st.Page(PAGES / "capacity.py", title="Capacity",
                        icon=":material/stacked_line_chart:", url_path="capacity"),
                st.Page(PAGES / "basins.py", title="Basins", icon=":material/radar:",
                        url_path="basins"),
                st.Page(PAGES / "attractors.py", title="Attractors", icon=":material/scatter_plot:",
                        url_path="attractors"),
            ],
        }
    )
    nav.run()


if __name__ == "__main__":
    main()
