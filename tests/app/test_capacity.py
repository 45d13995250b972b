"""AppTest tests of the Capacity page: run small experiments by widget key, check the numbers."""

from __future__ import annotations

import numpy as np
from streamlit.testing.v1 import AppTest

from .conftest import open_page

TIMEOUT = 120  # a small experiment (N = 64, a few trials) takes seconds; slack for a busy CI


def _page() -> AppTest:
    return open_page("pages/capacity.py", timeout=TIMEOUT)


def _run(at: AppTest, **widgets) -> AppTest:
    for key, value in widgets.items():
        kind = {"capacity.rules": at.multiselect, "capacity.n": at.select_slider,
                "capacity.loads": at.slider, "capacity.points": at.slider,
                "capacity.trials": at.slider, "capacity.noise": at.slider}[key]
        kind(key=key).set_value(value)
    at.button(key="capacity.run").click()
    at.run()
    assert not at.exception, at.exception
    return at


def test_capacity_page_opens_with_instructions_and_no_result():
    at = _page()
    assert any("Run experiment" in i.value for i in at.info)
    assert at.button(key="capacity.run")
    assert "capacity.result" not in at.session_state


def test_capacity_hebbian_falls_past_0_14_and_pseudoinverse_stays_perfect():
    at = _page()
    _run(at, **{"capacity.rules": ["Hebbian", "Pseudo-inverse"], "capacity.n": 64,
                "capacity.loads": (0.05, 0.45), "capacity.points": 5,
                "capacity.trials": 4})
    result = at.session_state["capacity.result"]
    assert result.completed == 5
    alpha = result.alpha
    heb = result.fixed["hebbian"]
    assert heb[alpha < 0.08].min() >= 0.9
    assert heb[alpha > 0.3].max() <= 0.2
    assert np.all(result.fixed["pseudoinverse"][alpha < 0.5] == 1.0)
    table = at.dataframe[0].value
    assert set(table["rule"]) == {"hebbian", "pseudoinverse"}
    assert len(table) == 10
    pinv = table[table["rule"] == "pseudoinverse"]
    assert (pinv["fixed_fraction"] == 1.0).all()
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels[0] == "Download the numbers (CSV)"
    assert set(labels[1:]) <= {"Figure (PNG, 300 dpi)", "Figure (SVG)", "Figure (PDF)"}
    assert len([c for c in at.get("plotly_chart") if c.key == "capacity.chart"]) == 1


def test_capacity_dense_cubic_keeps_recalling_past_14_at_n100():
    """Krotov & Hopfield 2016: n = 3 stores ~N^2/(6 ln N) >> 0.138 N memories."""
    at = _page()
    _run(at, **{"capacity.rules": ["Hebbian", "Dense (n = 3)"], "capacity.n": 100,
                "capacity.loads": (0.2, 0.3), "capacity.points": 3, "capacity.trials": 2})
    result = at.session_state["capacity.result"]
    assert list(result.n_patterns) == [20, 25, 30]
    assert np.all(result.fixed["dense (n=3)"] == 1.0)
    assert np.all(result.overlap["dense (n=3)"] > 0.99)
    assert np.all(result.fixed["hebbian"] < 0.5)
    text = " ".join(m.value for m in at.markdown)
    assert "**Dense (n = 3)**: still ≥ 0.9 at the largest load tried, P = 30" in text
    assert "**Hebbian**: below 0.9 from the smallest load" in text


def test_capacity_result_survives_a_rerun_and_display_switch():
    at = _page()
    _run(at, **{"capacity.rules": ["Hebbian"], "capacity.n": 36, "capacity.points": 3,
                "capacity.trials": 2})
    at.selectbox(key="capacity.metric").set_value("Mean final overlap from a noisy probe").run()
    at.toggle(key="capacity.per_unit").set_value(False).run()
    assert not at.exception
    assert at.session_state["capacity.result"].completed == 3
    assert len([c for c in at.get("plotly_chart") if c.key == "capacity.chart"]) == 1


def test_capacity_no_rule_shows_an_error():
    at = _page()
    _run(at, **{"capacity.rules": []})
    assert any("at least one" in e.value for e in at.error)


def test_capacity_settings_and_result_survive_a_page_switch():
    at = _page()
    _run(at, **{"capacity.rules": ["Storkey"], "capacity.n": 36, "capacity.points": 3,
                "capacity.trials": 2, "capacity.loads": (0.1, 0.3)})
    at.switch_page("pages/basins.py")
    at.run()
    at.switch_page("pages/capacity.py")
    at.run()
    assert not at.exception, at.exception
    assert at.multiselect(key="capacity.rules").value == ["Storkey"]
    assert at.slider(key="capacity.loads").value == (0.1, 0.3)
    assert at.select_slider(key="capacity.n").value == 36
    assert at.session_state["capacity.result"].labels == ["storkey"]
    assert len([c for c in at.get("plotly_chart") if c.key == "capacity.chart"]) == 1
    assert not at.warning


def test_a_run_stopped_before_its_first_load_does_not_show_the_previous_result():
    """Stop (a rerun) can interrupt the computation before any load is done: the page
    must not go on showing the previous run's curves under the new settings."""

    def script():
        import streamlit as st

        from hopfield_app.explore import progress as explore

        st.session_state.setdefault("demo.result", "previous run")

        def compute(progress, on_result):
            raise RuntimeError("interrupted before the first load")

        try:
            explore.run_with_progress(compute, "demo.result", stop_key="demo.stop", label="x")
        except RuntimeError:
            st.write("interrupted")

    at = AppTest.from_function(script, default_timeout=TIMEOUT).run()
    assert not at.exception, at.exception
    assert "demo.result" not in at.session_state
