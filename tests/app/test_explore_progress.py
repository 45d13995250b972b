"""The Explore pages' long-experiment machinery: partial results drawn as they come, the time
left, and experiments refused before they start when they are too big."""

from __future__ import annotations


import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

import hopfield_core as hc
from hopfield_app.explore import progress

from .conftest import open_page, messages


def test_every_partial_result_is_drawn_as_it_comes_and_the_last_one_kept():
    def script():
        import plotly.graph_objects as go
        import streamlit as st

        from hopfield_app.explore import progress

        drawn = st.session_state.setdefault("drawn", [])

        def compute(progress, on_result):
            for k in range(1, 5):
                on_result({"completed": k})
                progress(k / 4)
            return {"completed": 4, "final": True}

        def draw(result):
            drawn.append(result["completed"])
            return go.Figure(go.Scatter(x=list(range(result["completed"])), y=[0] * 4))

        progress.run_progressively(compute, "demo.result", stop_key="demo.stop", label="x",
                                   total=4, unit="loads", draw=draw)

    at = AppTest.from_function(script).run()
    assert not at.exception, at.exception
    assert at.session_state["drawn"] == [1, 2, 3, 4]
    assert at.session_state["demo.result"] == {"completed": 4, "final": True}
    # the progress bar and the live chart are cleared once the final result is stored
    assert len(at.get("plotly_chart")) == 0


def test_a_partial_result_passed_to_progress_is_drawn_too():
    """The core may hand the partial result to the progress callback itself."""
    def script():
        import plotly.graph_objects as go
        import streamlit as st

        from hopfield_app.explore import progress

        drawn = st.session_state.setdefault("drawn", [])

        def compute(progress, on_result):
            for k in range(1, 4):
                progress(k / 3, {"completed": k})
            return {"completed": 3}

        progress.run_progressively(
            compute, "demo.result", stop_key="demo.stop", label="x", total=3, unit="loads",
            draw=lambda r: drawn.append(r["completed"]) or go.Figure())

    at = AppTest.from_function(script).run()
    assert not at.exception, at.exception
    assert at.session_state["drawn"] == [1, 2, 3]


def test_time_left_keeps_the_rate_so_far():
    ticks = iter([0.0, 10.0, 30.0, 40.0])
    left = progress.TimeLeft(clock=lambda: next(ticks))
    assert left.seconds(0.0) is None          # nothing done: no estimate (the clock not read)
    assert left.seconds(0.5) == pytest.approx(10.0)
    assert left.seconds(0.75) == pytest.approx(10.0)
    assert left.seconds(1.0) == pytest.approx(0.0)


@pytest.mark.parametrize(("seconds", "said"), [
    (0.2, "1 s"), (4.4, "4 s"), (12, "10 s"), (55, "55 s"), (58, "1 min"), (61, "1 min"), (80, "1 min 20 s"),
    (126, "2 min 10 s"), (600, "10 min"), (3600, "60 min"),
])
def test_durations_read_as_a_lecturer_says_them(seconds, said):
    assert progress.format_seconds(seconds) == said


def test_the_capacity_curve_reports_every_load_as_a_partial_result():
    """What the page draws while it runs: one more load after each call, the same numbers
    as the final result."""
    seen = []
    final = hc.capacity_curve(36, [2, 4, 6], trials=2, rng=0,
                              on_result=lambda r: seen.append(r))
    assert [r.completed for r in seen] == [1, 2, 3]
    for r in seen:
        k = r.completed
        np.testing.assert_array_equal(r.fixed["hebbian"][:k], final.fixed["hebbian"][:k])


# ------------------------------------------------------------------ bounds before work

def test_capacity_page_refuses_an_oversized_experiment_before_computing():
    at = open_page("pages/capacity.py")
    at.multiselect(key="capacity.rules").set_value(list(shared_rules()))
    at.select_slider(key="capacity.n").set_value(1024)
    at.slider(key="capacity.loads").set_value((0.01, 1.0))
    at.slider(key="capacity.trials").set_value(50)
    at.run()
    warned = texts_of(at.warning)
    assert warned.strip()          # says what to change
    at.button(key="capacity.run").click()
    at.run()                     # the default timeout would fail if it computed
    assert not at.exception, at.exception
    assert texts_of(at.error) == warned
    assert "capacity.result" not in at.session_state


def test_basins_page_refuses_an_oversized_experiment_before_computing():
    at = open_page("pages/basins.py")
    at.multiselect(key="basins.rules").set_value(list(shared_rules()))
    at.select_slider(key="basins.n").set_value(1024)
    at.slider(key="basins.load").set_value(0.8)
    at.slider(key="basins.trials").set_value(50)
    at.run()
    warned = texts_of(at.warning)
    assert warned.strip()
    at.button(key="basins.run").click()
    at.run()
    assert not at.exception, at.exception
    assert texts_of(at.error) == warned
    assert "basins.result" not in at.session_state


def shared_rules():
    from hopfield_app.explore import shared

    return shared.RULE_OPTIONS


def texts_of(elements) -> str:
    return "\n".join(str(e.value) for e in elements)


def test_the_basin_curve_grows_one_noise_level_at_a_time():
    """The Basins page's words: "the curves grow one noise level at a time"."""
    seen = []
    final = hc.basin_curve(36, 3, [0.0, 0.2, 0.4, 0.6], trials=2, rng=1,
                           on_result=lambda r: seen.append(r))
    assert [r.completed for r in seen] == [1, 2, 3, 4]
    for r in seen:
        k = r.completed
        np.testing.assert_array_equal(r.recalled["hebbian"][:k], final.recalled["hebbian"][:k])


@pytest.mark.parametrize("rule", ["hebbian", "storkey", "pseudoinverse"])
def test_the_weights_row_of_a_unit_gives_its_field(rule):
    """The Weights page says row i holds unit i's weights and h_i = sum_j W_ij s_j: the
    matrix drawn (and the receptive field) give the core's field, over 20 seeds."""
    from hopfield_app.explore import weights

    for seed in range(20):
        rng = np.random.default_rng(seed)
        pats = hc.random_patterns(3, 49, rng=rng)
        s = hc.random_states(1, 49, rng=rng)[0]
        net = hc.store(pats, rule=rule)
        w = weights.weights_view.__wrapped__(pats, rule)["heat"]
        h = net.local_fields(s[None, :])[0]
        np.testing.assert_allclose(w @ s, h, atol=1e-9)
        unit = int(rng.integers(49))
        row = weights.unit_weights.__wrapped__(pats, rule, (), unit)
        np.testing.assert_allclose(row @ s, h[unit], atol=1e-9)


def test_the_time_left_follows_the_share_of_the_work_done():
    """Loads with more memories take longer: after the first of loads P = 1, 2, 3, 4 only a
    tenth of the work is done, so the estimate is nine times the time taken so far."""
    assert progress.work_share([1, 2, 3, 4], 1) == pytest.approx(0.1)
    assert progress.work_share([1, 2, 3, 4], 4) == 1.0
    ticks = iter([0.0, 2.0])
    left = progress.TimeLeft(clock=lambda: next(ticks))
    assert left.seconds(progress.work_share([1, 2, 3, 4], 1)) == pytest.approx(18.0)
