"""Streamlit views of the lecture demos: the gallery, a demo's page, and each result.

The demo definitions and their computations live in :mod:`hopfield_app.demos.catalogue`
(pure, testable without Streamlit); this module draws them. Computations go
through ``st.cache_data`` (fixed seeds, so every user sees the same result and
the server computes it once).
"""

from __future__ import annotations

from typing import Callable

import numpy as np
import streamlit as st

from hopfield_app import plots, state, views
from hopfield_app.demos import catalogue as demos
from hopfield_app.state import Scenario

__all__ = ["QUERY_KEY", "PLAYGROUND_PAGE", "selected_slug", "select", "gallery", "detail"]

QUERY_KEY = "demo"
PLAYGROUND_PAGE = "pages/playground.py"
GALLERY_COLUMNS = 5
THUMB_PX = 120  # every gallery thumbnail is a THUMB_PX square, so the cards line up
CARD_HEIGHT = 455

# Larger type for the explanation and results (read from the back of a lecture hall), and a
# hairline frame around every picture so a white background stays visible on white.
_CSS = """
<style>
.st-key-demos-text p, .st-key-demos-text li { font-size: 1.3rem; line-height: 1.5; }
.st-key-demos-body p { font-size: 1.15rem; }
.st-key-demos-body [data-testid="stImage"] img, .st-key-demos-gallery [data-testid="stImage"] img
  { outline: 1px solid #9ca3af; }
.st-key-demos-body table { font-size: 1.05rem; }
.st-key-demos-gallery h4 { font-size: 1.45rem; }
.st-key-demos-gallery p { font-size: 1.1rem; }
/* Narrow screens: the demo pills wrap onto a second row (none hidden behind a scroll),
   and button labels wrap instead of being cut off ("Playground: Hebbi…"). */
.st-key-demos-nav [role="radiogroup"] { flex-wrap: wrap; row-gap: 0.4rem; }
[class*="st-key-demos-detail"] button p { white-space: normal; overflow-wrap: normal; }
</style>
"""


# --------------------------------------------------------------------------- cached data


@st.cache_data(show_spinner="Computing the demo (once per server)…", max_entries=32)
def _data(name: str) -> dict:
    return getattr(demos, f"compute_{name.replace('-', '_')}")()


@st.cache_data(show_spinner=False, max_entries=32)
def _thumb(slug: str) -> np.ndarray:
    """The demo's picture, crisp, centred on a white THUMB_PX square."""
    pattern, grid = demos.get(slug).thumbnail()
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
    if demos.get(slug) is None:
        st.warning(f"There is no demo called “{slug}”. Pick one of the demos below.")
        return None
    return slug


def select(slug: str | None) -> None:
    """Show ``slug`` (or the gallery for ``None``) and keep the URL in step."""
    if slug is None:
        st.query_params.pop(QUERY_KEY, None)
    else:
        st.query_params[QUERY_KEY] = slug


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
                 primary: bool = False) -> None:
    if st.button(label, key=key, type="primary" if primary else "secondary",
                 icon=":material/play_circle:"):
        _open(builder)


# --------------------------------------------------------------------------- gallery


def gallery() -> None:
    """A card per demo: thumbnail, title, teaser, "Show" and "Open in Playground"."""
    st.html(_CSS)
    with st.container(key="demos.gallery"):
        _cards()


def _cards() -> None:
    for start in range(0, len(demos.DEMOS), GALLERY_COLUMNS):
        cols = st.columns(GALLERY_COLUMNS, gap="medium")
        numbered = list(enumerate(demos.DEMOS, 1))[start:start + GALLERY_COLUMNS]
        for col, (number, demo) in zip(cols, numbered):
            with col, st.container(border=True, key=f"demos.card.{demo.slug}", height=CARD_HEIGHT):
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
                _open_button_in_card(demo)


def _open_button_in_card(demo: demos.Demo) -> None:
    if st.button("Open in Playground", key=f"demos.open.{demo.slug}", type="primary",
                 icon=":material/play_circle:", width="stretch"):
        _open(demo.scenario)


# --------------------------------------------------------------------------- a demo's page


def _nav_changed() -> None:
    chosen = st.session_state.get("demos.nav")
    if chosen:  # clicking the demo already shown unselects the pill: stay on it
        select(chosen)


def detail(slug: str) -> None:
    """The page of one demo: navigation, explanation, Playground buttons, results."""
    demo = demos.get(slug)
    number = demos.SLUGS.index(slug) + 1
    st.html(_CSS)
    back, nav = st.columns([1.5, 8], vertical_alignment="center")
    with back:
        st.button("All demos", key="demos.back", on_click=select, args=(None,),
                  icon=":material/apps:", width="stretch")
    with nav:
        # keep the pills in step with the URL (set before the widget is created)
        st.session_state["demos.nav"] = slug
        st.pills("Demo", demos.SLUGS, key="demos.nav", on_change=_nav_changed,
                 format_func=lambda s: f"{demos.SLUGS.index(s) + 1} · {demos.get(s).short}",
                 label_visibility="collapsed")
    st.header(f"{number} · {demo.title}")
    text_col, open_col = st.columns([3, 1], gap="large")
    with text_col, st.container(key="demos.text"):
        t = demo.text
        st.markdown(f"**Look at:** {t.look}  \n**What it teaches:** {t.teaches}  \n"
                    f"**Now try:** {t.now_try}")
    with open_col:
        _open_button("Open in Playground", demo.scenario, key=f"demos.detail.open.{slug}",
                     primary=True)
        for i, (label, builder) in enumerate(demo.variants):
            _open_button(f"Playground: {label}", builder, key=f"demos.detail.variant.{slug}.{i}")
    st.divider()
    try:
        with st.container(key="demos.body"):
            _VIEWS[slug]()
    except ValueError as err:
        st.error(f"This demo could not be computed: {err}")


# --------------------------------------------------------------------------- views per demo


def _pic(pattern: np.ndarray, grid, caption: str | None = None, width: int = 200) -> None:
    views.pattern_image(pattern, grid, caption=caption, width=width)


def _fmt(x: float) -> str:
    return f"{x:+.2f}".replace("-", "−")


def _SUP(n: int) -> str:  # noqa: N802 - reads like the superscript it makes
    return str(n).translate(str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹"))


def _sgn(v: int) -> str:
    return f"{int(v):+d}".replace("-", "−")


def _view_six_neurons() -> None:
    d = _data("six-neurons")
    w, s, h, new = d["weights"], d["probe"], d["fields"], d["new"]
    left, mid, right = st.columns([1, 2, 1], gap="small")
    with left:
        st.plotly_chart(demos.six_neuron_graph(w, s, title="probe s"), key="demos.six.before")
    with right:
        st.plotly_chart(demos.six_neuron_graph(w, new, title="after one synchronous step"),
                        key="demos.six.after")
    with mid:
        st.markdown(r"**One synchronous step, unit by unit:** $h_i = \sum_j W_{ij} s_j$, "
                    r"then $s_i \leftarrow \operatorname{sign}(h_i)$")
        rows = []
        for i in range(len(s)):
            terms = " ".join(f"{_fmt(w[i, j])}·({_sgn(s[j])})" for j in range(len(s)) if j != i)
            rows.append({"unit": i + 1, "s_i": _sgn(s[i]), "h_i = Σ_j W_ij s_j": terms,
                         "h_i": _fmt(h[i]), "new s_i": _sgn(new[i]),
                         "flipped": "yes" if new[i] != s[i] else ""})
        st.table(rows, hide_index=True)
        e0, e1 = d["energies"]
        st.markdown(f"Energy E = −½ sᵀWs: **{e0:.2f} → {e1:.2f}**. The new state "
                    f"{' '.join(_sgn(v) for v in new)} is the stored inverse "
                    "−+−+−+, a fixed point.")


def _view_two_digits() -> None:
    d = _data("two-digits")
    grid, names = d["grid"], d["names"]
    st.markdown("**Stored (Hebbian, 50×50):** " + ", ".join(f"“{n}”" for n in names)
                + ". Each probe gets **one synchronous step**.")
    cols = st.columns(len(d["labels"]), gap="small")
    for k, col in enumerate(cols):
        with col:
            st.markdown(f"**{d['labels'][k]}**")
            _pic(d["probes"][k], grid, width=160)
            st.markdown("↓ one synchronous step")
            _pic(d["finals"][k], grid, width=160)
            st.markdown(f"→ {demos.describe(d['finals'][k], d['patterns'], names)}")
    st.info("Why do white and black probes land on a memory or its inverse? The weights "
            r"$W_{ij} = \frac{1}{N}\sum_\mu \xi^\mu_i \xi^\mu_j$ store correlations, which "
            "stay the same when every sign "
            "flips, so $E(-s) = E(s)$: the inverse of each memory is an attractor as deep as "
            "the memory.")


def _view_storkey_pictures() -> None:
    d = _data("storkey-pictures")
    grid, names = d["grid"], d["names"]
    k, m = d["end"]
    sweeps = float(d["sweeps"][-1])
    st.markdown("**Stored with the Storkey rule (100×100):** "
                + ", ".join(f"“{n}”" for n in names))
    cols = st.columns([1, 1, 2, 1.3], gap="medium")
    with cols[0]:
        _pic(d["probe"], grid, caption=f"probe: {demos.STORKEY_FLIPS} flips in every row",
             width=220)
    with cols[1]:
        plural = "" if sweeps == 1 else "s"
        _pic(d["final"], grid, caption=f"after {sweeps:g} asynchronous sweep{plural}", width=220)
    with cols[2]:
        st.plotly_chart(plots.energy_figure(d["energies"], x=d["sweeps"], height=300),
                        key="demos.storkey.energy")
    with cols[3]:
        e, sw = d["energies"], d["sweeps"]
        lines = [f"sweep {sw[i]:5.3f}  E = {e[i]:9.1f}" for i in range(len(e))]
        st.markdown("**The energy, printed as it falls:**")
        st.code("\n".join(lines), language=None, height=260)
    st.markdown(f"Recalled memory “{names[k]}” (overlap {m:.3f}); the energy fell from "
                f"{d['energies'][0]:.1f} to {d['energies'][-1]:.1f} and never rose.")


def _view_halfway() -> None:
    d = _data("halfway")
    grid, names = d["grid"], d["names"]
    head = st.columns([1, 1, 4], gap="medium")
    for i in range(2):
        with head[i]:
            _pic(d["patterns"][i], grid, caption=f"memory “{names[i]}”", width=150)
    with head[2]:
        wins = [sum(1 for k, m in d["ends"] if k == i and m > 0.99) for i in range(2)]
        st.markdown(f"**{len(d['seeds'])} seeds, the same two memories:** "
                    f"“{names[0]}” won {wins[0]} times, “{names[1]}” {wins[1]} times.")
        st.markdown("Each seed draws its own coin flips for the undecided pixels and its own "
                    "update order. Top row: the halfway probe; bottom row: where it settled.")
    cols = st.columns(len(d["seeds"]), gap="small")
    for col, seed, probe, final in zip(cols, d["seeds"], d["probes"], d["finals"]):
        with col:
            _pic(probe, grid, caption=f"seed {seed}", width=130)
            k, m = demos.closest(final, d["patterns"])
            _pic(final, grid, caption=f"→ “{names[k]}”" if m > 0.99 else f"→ none ({m:+.2f})",
                 width=130)


def _view_spurious() -> None:
    d = _data("spurious")
    grid = d["grid"]
    mix = d["mix"]
    a, b = st.columns(2, gap="large")
    with a:
        st.subheader("The inverse is stable")
        c = st.columns(3)
        with c[0]:
            _pic(mix["patterns"][0], grid, caption=f"memory “{mix['names'][0]}”", width=130)
        with c[1]:
            _pic(mix["inverse"], grid, caption="its inverse (the probe)", width=130)
        with c[2]:
            _pic(mix["inverse_final"], grid, caption="after an asynchronous run", width=130)
        st.markdown(f"Started at the inverse: {mix['inverse_changed']} pixels changed. "
                    "E(−s) = E(s), so the inverse is as stable as the memory.")
    with b:
        st.subheader("The mixture of three is stable")
        c = st.columns(5)
        for i in range(3):
            with c[i]:
                _pic(mix["patterns"][i], grid, caption=f"“{mix['names'][i]}”", width=90)
        with c[3]:
            _pic(mix["mixture"], grid, caption="majority mixture", width=110)
        with c[4]:
            _pic(mix["mixture_final"], grid, caption="after a run", width=110)
        ms = ", ".join(f"{m:.2f}" for m in mix["mixture_overlaps"])
        st.markdown(f"Started at the mixture: {mix['mixture_changed']} pixels changed; "
                    f"overlaps with the three letters m = {ms}: a stable state that is no memory.")
    st.subheader("Correlated memories: a stored letter drifts away under Hebb's rule")
    drift = d["drift"]
    v = drift["victim"]
    names = drift["names"]
    c = st.columns([1, 1, 1, 1, 2.5], gap="small")
    with c[0]:
        _pic(drift["patterns"][v], grid, caption=f"start: memory “{names[v]}” itself", width=130)
    for col, rule, label in zip(c[1:4], ("hebbian", "storkey", "pseudoinverse"),
                                ("Hebbian", "Storkey", "pseudo-inverse")):
        with col:
            final = drift["rules"][rule]["finals"][v]
            _pic(final, grid, caption=f"{label}: {demos.describe(final, drift['patterns'], names)}",
                 width=130)
    with c[4]:
        rows = [{"rule": label, "memories that are fixed points":
                 f"{int(drift['rules'][rule]['stays'].sum())} of {len(names)}"}
                for rule, label in (("hebbian", "Hebbian"), ("storkey", "Storkey"),
                                    ("pseudoinverse", "pseudo-inverse"))]
        st.markdown("Stored: " + " ".join(f"“{n}”" for n in names))
        st.table(rows, hide_index=True)


def _view_half_erased() -> None:
    d = _data("half-erased")
    grid, names = d["grid"], d["names"]
    left, probe_col, final_col = st.columns([2.6, 1, 1], gap="large")
    with left:
        st.markdown("**Stored with Hebb's rule (50×50):**")
        mem_cols = st.columns(len(names), gap="small")
        for i, col in enumerate(mem_cols):
            with col:
                _pic(d["patterns"][i], grid, caption=f"“{names[i]}”", width=110)
    with probe_col:
        _pic(d["probe"], grid, caption="probe: lower half set to −1", width=240)
    with final_col:
        _pic(d["final"], grid, caption="after an asynchronous run", width=240)
    k = d["target"]
    st.markdown(f"Recalled “{names[k]}” from its upper half: overlap with the memory "
                f"{d['overlap']:.3f}")


def _view_capacity() -> None:
    d = _data("capacity")
    left, right = st.columns([2.2, 1], gap="large")
    with left:
        st.plotly_chart(demos.capacity_figure(d), key="demos.capacity.figure")
    with right:
        loads = list(d["loads"])
        rows = [{"memories P": int(p), "recalled": f"{r:.0%}", "mean overlap": f"{m:.2f}"}
                for p, r, m in zip(loads, d["rate"], d["mean_overlap"])
                if p in (5, 10, 14, 20, 25, 30)]
        st.table(rows, hide_index=True)
        st.caption(f"N = {d['n_units']} units; for each P, {demos.CAP_TRIALS} sets of random "
                   f"memories, each memory probed with {demos.CAP_NOISE:.0%} noise and recalled "
                   "asynchronously; recalled = final overlap ≥ 0.95.")


def _view_sync_cycle() -> None:
    d = _data("sync-cycle")
    grid, names = d["grid"], d["names"]
    st.markdown(f"**Stored (Hebbian):** " + ", ".join(f"“{n}”" for n in names)
                + f". **Probe:** “{names[0]}” with its {demos.CYCLE_REGION} inverted.")
    cols = st.columns([1, 1, 1, 0.2, 1, 2.2], gap="small")
    a, b = d["sync_states"]
    with cols[0]:
        _pic(d["probe"], grid, caption="start", width=150)
    with cols[1]:
        step1 = b if np.array_equal(a, d["probe"]) else a
        _pic(step1, grid, caption="synchronous, step 1", width=150)
    with cols[2]:
        _pic(d["probe"], grid, caption="step 2 = the start again", width=150)
    with cols[4]:
        _pic(d["async_final"], grid,
             caption=f"asynchronous: {demos.describe(d['async_final'], d['patterns'], names)}",
             width=150)
    with cols[5]:
        e_sync, e_async = d["sync_energies"], d["async_energies"]
        fig = plots.energy_figure(e_sync, height=280,
                                  x_title="step (synchronous) / sweep (asynchronous)")
        fig.data[0].name = "synchronous"
        fig.add_scatter(y=e_async, x=np.arange(len(e_async)), mode="lines+markers",
                        name="asynchronous")
        fig.update_layout(showlegend=True)
        st.plotly_chart(fig, key="demos.cycle.energy")
    st.markdown(f"Synchronous run: **{'2-cycle' if d['sync_cycle'] == 2 else 'no cycle'}**; "
                f"asynchronous run: "
                f"**{'converged' if d['async_converged'] else 'not converged'}**. "
                "The probe has zero overlap with both memories, so every local field is "
                "h_i = −(P/N) s_i: all units flip together, then flip back. Updated one at a time, "
                "the first flips break the symmetry and the energy falls to a memory.")


def _view_temperature() -> None:
    d = _data("temperature")
    grid = d["grid"]
    ts = d["temperatures"]
    cols = st.columns(len(ts), gap="small")
    for col, t, final, m in zip(cols, ts, d["finals"], d["overlap"]):
        with col:
            _pic(final, grid, caption=f"T = {t:g}: |m| = {abs(m):.2f}", width=150)
    st.markdown("Size of the overlap with the memory, by temperature: " + " · ".join(
        f"T = {t:g} → |m| = {abs(m):.2f}" for t, m in zip(ts, d["overlap"])))
    st.plotly_chart(demos.temperature_figure(d), key="demos.temperature.figure")
    st.caption(f"Each run starts from the same probe (memory “{d['names'][0]}” with "
               f"{demos.TEMP_NOISE:.0%} noise) and makes {demos.TEMP_SWEEPS} Glauber sweeps; "
               "|m| is the size of the "
               "overlap with the memory averaged over the last 10 sweeps (the memory and "
               "its inverse count alike).")


def _view_many_memories() -> None:
    d = _data("many-memories")
    grid, names = d["grid"], d["names"]
    cols = st.columns(4, gap="medium")
    k = d["target"]
    with cols[0]:
        _pic(d["patterns"][k], grid, caption=f"memory “{names[k]}”", width=220)
    with cols[1]:
        _pic(d["probe"], grid, caption=f"probe: {demos.MANY_NOISE:.0%} of pixels flipped",
             width=220)
    for col, rule, label in ((cols[2], "hebbian", "Hebbian (classic)"),
                             (cols[3], "dense", f"Dense, F(x) = x{_SUP(demos.MANY_DEGREE)}")):
        with col:
            st.markdown(f"**{label}**")
            final = d[rule]["final"]
            _pic(final, grid, width=220,
                 caption=f"overlap {d[rule]['overlap']:.2f}: "
                         f"{demos.describe(final, d['patterns'], names)}")
    st.markdown(f"Final overlap with the memory: Hebbian {d['hebbian']['overlap']:.2f}, "
                f"dense {d['dense']['overlap']:.2f}.")
    with st.expander(f"All {len(names)} stored pictures (32×32)"):
        views.gallery(d["patterns"], grid, names, columns=10, key="demos.many.gallery", thumb=64)


_VIEWS: dict[str, Callable[[], None]] = {
    "six-neurons": _view_six_neurons,
    "two-digits": _view_two_digits,
    "storkey-pictures": _view_storkey_pictures,
    "halfway": _view_halfway,
    "spurious": _view_spurious,
    "half-erased": _view_half_erased,
    "capacity": _view_capacity,
    "sync-cycle": _view_sync_cycle,
    "temperature": _view_temperature,
    "many-memories": _view_many_memories,
}
