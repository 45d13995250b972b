"""Home: what a Hopfield network is, where to start, and what each page does."""

import streamlit as st

from hopfield_app import router, state, views

router.ensure_router()
st.title("Hopfield Explorer")
st.markdown(
    "#### Store pictures in a network of on/off units, corrupt one, and watch the network "
    "remember it."
)

left, right = st.columns([3, 2], gap="large")
with left:
    st.markdown(
        "A **Hopfield network** (Hopfield 1982) is a memory made of N units, each either on "
        "(+1, ink) or off (−1, paper), all connected to each other. *Storing* a set of "
        "patterns sets the connection weights W so that those patterns become valleys of an "
        "**energy**:"
    )
    st.latex(r"E(s) = -\tfrac12 \sum_{i \ne j} W_{ij}\, s_i s_j + \sum_i \theta_i s_i,"
             r"\qquad W = \tfrac1N \sum_\mu \xi_\mu \xi_\mu^{T}\ \text{(Hebb's rule)}")
    st.markdown(
        "*Recall* starts from a corrupted pattern and lets each unit in turn take the sign of "
        "its input h_i = Σ_j W_ij s_j. Every such update can only lower the energy, so the "
        "state rolls downhill and comes to rest in a valley: with luck the stored pattern, "
        "sometimes its inverse or a mixture (a *spurious* memory). Store too many patterns "
        "(about 0.14 N for Hebb's rule) and the valleys merge: recall breaks down."
    )
    b1, b2 = st.columns(2)
    if b1.button("Open the Playground", key="home.playground", type="primary",
                 icon=":material/play_circle:", width="stretch",
                 help="Store memories, corrupt one, press Run."):
        st.switch_page("pages/playground.py")
    if b2.button("Lecture demos", key="home.demos", icon=":material/school:", width="stretch",
                 help="Classic experiments, one click each."):
        st.switch_page("pages/demos.py")
with right:
    st.markdown("##### Where to start")
    st.markdown(
        "1. **Playground** → ① Memories: *Add to memories* (five pictures).\n"
        "2. ② Probe: choose one and set the noise (say 30 %).\n"
        "3. Press **Run**: the recall plays by itself; the noise melts away while the energy "
        "falls (▶ plays it again, the slider scrubs).\n"
        "4. Add the ten digits instead: the Playground's Pseudo-inverse rule recalls each "
        "one from 30 % noise. Switch ③ Settings to Hebbian and the look-alike digits "
        "interfere: recall fails."
    )

st.divider()
st.markdown("##### What each page does")
pages = [
    ("Playground", "pages/playground.py",
     "Draw, upload or pick memories; corrupt a probe; choose the rule (Hebbian, Storkey, "
     "Pseudo-inverse, Dense, Exponential, Modern), the update mode and order; play the "
     "recall frame by frame beside its energy and overlaps."),
    ("Lecture demos", "pages/demos.py",
     "Every classic experiment ready to show: six neurons, two digits, Storkey, halfway "
     "states, spurious memories, half-erased pictures, capacity, oscillation, temperature, "
     "and many memories in a classic and a dense network."),
    ("Weights", "pages/weights.py",
     "The weight matrix of the stored memories, one unit's receptive field, and how "
     "correlated memories interfere."),
    ("Capacity", "pages/capacity.py",
     "How recall degrades as more memories are stored, for each rule, with the theory line."),
    ("Basins", "pages/basins.py",
     "How far a probe can be from a memory and still come back."),
    ("Attractors", "pages/attractors.py",
     "Where runs from random starts end: memories, inverses, mixtures, other states."),
]
cols = st.columns(3, gap="medium")
for i, (title, path, text) in enumerate(pages):
    with cols[i % 3]:
        with st.container(border=True):
            st.page_link(path, label=title)
            st.caption(text)

views.global_css()
