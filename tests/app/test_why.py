"""AppTest and payload tests of the "why" views: the field panel data, the plane, Compare."""

from __future__ import annotations

import json

import numpy as np
import pytest

import hopfield_core as hc
from hopfield_app import state
from hopfield_app.playground import compare, why
from hopfield_app.playground import run as controls  # the run module (compute_run)

from .conftest import add_builtin, messages, press_run, random_memories


def _record(rule="hebbian", mode="async", n=10, p=4, seed=0):
    mems = random_memories(p, (n, n), seed=seed)
    probe = mems[1].pattern.copy()
    probe[: n * n // 4] *= -1
    settings = state.RunSettings(rule=rule, mode=mode, steps=10, frames_per_sweep=4)
    return controls.compute_run(mems, probe, settings, source=1)


@pytest.mark.parametrize("rule", ["hebbian", "storkey", "pseudoinverse", "dense",
                                  "exponential", "modern"])
def test_why_payload_is_json_and_decodes_to_the_core_terms(rule):
    rec = _record(rule)
    payload = why.why_for_record(rec)
    back = json.loads(json.dumps(payload))
    assert back["recalled"] == 1 and back["count"] == rec.traj.n_frames
    assert back["n_cols"] == 10 and len(back["memory_labels"]) == 4
    coef = np.frombuffer(__import__("base64").b64decode(back["coef"]["b64"]), "<f8")
    net = why.network_for(rec.patterns, rule, {"degree": 3} if rule == "dense" else
                          {"beta": 32.0} if rule == "modern" else {})
    ft = hc.field_terms(net, rec.traj.states)
    np.testing.assert_array_equal(coef.reshape(ft.coef.shape), ft.coef)


def test_plane_payload_has_a_surface_and_the_default_axes():
    rec = _record()
    plane = why.plane_for_record(rec)
    assert plane["a"] == 1 and plane["b"] != 1
    assert plane["surface_png"].startswith("data:image/png;base64,")
    lo, hi = plane["energy_range"]
    assert lo < hi
    assert plane["x_label"].startswith("m with")


def test_plane_without_a_surface_says_so():
    X = np.array([[1, -1, 1, 1], [-1, 1, -1, -1], [1, 1, -1, 1]], dtype=np.int8)
    net = hc.store(X, "hebbian")
    plane = why.plane_payload(net, 0, 1)
    assert plane["surface_png"] is None and "only the path" in plane["note"]
    # the default axes never pick an opposite memory
    assert why.default_plane_axes(X, X[0], 0) == (0, 2)


def test_specs_parse_and_change_one_setting():
    base = state.RunSettings(rule="hebbian", mode="async")
    assert compare.spec_settings(base, "rule:storkey").rule == "storkey"
    assert compare.spec_settings(base, "mode:sync").mode == "sync"
    hot = compare.spec_settings(base, "temperature:0.5")
    assert hot.mode == "stochastic" and hot.temperature == 0.5
    assert compare.parse_spec("rule:nonsense") is None
    assert compare.parse_spec("temperature:-1") is None
    with pytest.raises(ValueError, match="unknown comparison"):
        compare.spec_settings(base, "banana")
    assert all(compare.parse_spec(s) for s in compare.options_for(base))


def test_compute_comparison_makes_exactly_one_more_run():
    rec = _record()
    calls = []

    def counting_run(*args, **kwargs):
        calls.append(1)
        return controls.compute_run(*args, **kwargs)

    comp = compare.compute_comparison(rec, "rule:storkey", run=counting_run)
    assert len(calls) == 1
    assert comp.a is rec and comp.b.settings.rule == "storkey"
    np.testing.assert_array_equal(comp.b.traj.states[0], rec.traj.states[0])
    assert comp.label_a.startswith("Hebbian") and comp.label_b.startswith("Storkey")


def test_frames_align_by_sweep():
    a = [0, 0.25, 0.5, 0.75, 1.0, 1.25]
    b = [0, 1, 2]
    assert list(compare.aligned_frames(a, b)) == [0, 0, 0, 0, 1, 1]
    assert list(compare.aligned_frames(b, a)) == [0, 4, 5]


def test_playground_compare_two_rules_shows_both_verdicts(playground):
    at = add_builtin(playground, "digits", 3)
    at.selectbox(key="playground.rule").set_value("hebbian")  # the Playground starts elsewhere
    at = press_run(at)
    assert at.selectbox(key="why.compare.pick") is not None
    at.selectbox(key="why.compare.pick").set_value("rule:storkey")
    at.run()
    at.button(key="why.compare.go").click()
    at.run()
    assert not at.exception, at.exception
    text = messages(at)
    assert "Hebbian, asynchronous:" in text and "Storkey, asynchronous:" in text
    at.button(key="why.compare.stop").click()
    at.run()
    assert "Storkey, asynchronous:" not in messages(at)
    assert "Whole run" in messages(at)


def test_queued_comparison_opens_with_the_next_run(playground):
    at = add_builtin(playground, "digits", 3)
    at.selectbox(key="playground.rule").set_value("hebbian")  # the Playground starts elsewhere
    at.session_state["why.compare.spec"] = "mode:sync"
    at = press_run(at)
    text = messages(at)
    assert "Hebbian, synchronous:" in text and "Hebbian, asynchronous:" in text


def test_a_bad_queued_spec_is_dropped(playground):
    at = add_builtin(playground, "digits", 3)
    at.session_state["why.compare.spec"] = "rule:banana"
    at = press_run(at)
    assert "Whole run" in messages(at)


# --------------------------------------------------------------------------- crosstalk

from hopfield_app.explore import crosstalk as xt  # noqa: E402

from .conftest import open_page  # noqa: E402


def test_crosstalk_plus_signal_is_the_hebbian_field_along_the_memory():
    rng = np.random.default_rng(3)
    X = rng.choice(np.array([-1, 1], dtype=np.int8), size=(30, 80))
    ct = xt.crosstalk_at_memory(X, 2)
    h = hc.store(X, "hebbian").local_fields(X[2])
    np.testing.assert_allclose(X[2] * h, ct.signal + ct.crosstalk, atol=1e-12)
    np.testing.assert_array_equal(ct.flips, X[2] * h < 0)
    assert ct.flips[ct.worst_unit()] == ct.flips.any()


@pytest.mark.parametrize("n,p", [(100, 40), (200, 28), (400, 120)])
def test_on_screen_claims_gaussian_variance_and_flip_share_over_seeds(n, p):
    # The page says the crosstalk is roughly a Gaussian of variance (P - 1)/N and that the
    # Gaussian predicts the share of flipping units "on average": check over 40 seeds.
    variances, shares, expected = [], [], None
    for seed in range(40):
        X = np.random.default_rng(seed).choice(np.array([-1, 1], dtype=np.int8), size=(p, n))
        ct = xt.crosstalk_at_memory(X, 0)
        variances.append(ct.crosstalk.var() + ct.crosstalk.mean() ** 2)
        shares.append(ct.flips.mean())
        expected = ct.expected_fraction
    assert np.mean(variances) == pytest.approx((p - 1) / n, rel=0.1)
    assert np.mean(shares) == pytest.approx(expected, rel=0.3, abs=0.003)


def test_crosstalk_figures_draw_histogram_gaussian_and_unit_bars():
    X = np.random.default_rng(0).choice(np.array([-1, 1], dtype=np.int8), size=(40, 100))
    ct = xt.crosstalk_at_memory(X, 0)
    fig = xt.crosstalk_figure(ct)
    assert [t.type for t in fig.data] == ["histogram", "scatter"]
    assert "units flip" in fig.layout.title.text
    bars = xt.unit_figure(ct)
    assert bars.data[0].y[0].startswith("signal") and bars.data[0].x[-1] < 0
    with pytest.raises(ValueError, match="memory must be"):
        xt.crosstalk_at_memory(X, 99)


def test_capacity_page_shows_the_crosstalk_section():
    at = open_page("pages/capacity.py")
    assert not at.exception
    assert any("crosstalk" in str(s.value).lower() for s in at.subheader)
    at.slider(key="capacity.crosstalk.p").set_value(5)
    at.run()
    assert not at.exception
    assert "of variance (P − 1)/N = 0.040" in "\n".join(str(m.value) for m in at.markdown)


# --------------------------------------------------------------------------- the plane path


@pytest.mark.parametrize("seed", range(20))
def test_plane_path_ends_at_the_memory_the_verdict_names(seed):
    from hopfield_app import views

    rec = _record(seed=seed, n=12, p=3)
    plane = why.plane_for_record(rec)
    xs, ys = why.plane_path(rec, plane)
    assert xs[0] == pytest.approx(rec.overlaps[0, plane["a"]])
    outcome = views.classify_state(rec.traj.final, rec.patterns)
    if outcome.kind == "memory" and outcome.index == plane["a"]:
        assert xs[-1] == 1.0 and f"memory {plane['a'] + 1}" in rec.verdict
    elif outcome.kind == "memory" and outcome.index == plane["b"]:
        assert ys[-1] == 1.0 and f"memory {plane['b'] + 1}" in rec.verdict
    else:
        assert max(xs[-1], ys[-1]) < 1.0


def test_plane_figure_has_the_surface_path_and_marker(monkeypatch):
    import streamlit as st

    monkeypatch.setattr(st, "session_state", {})
    rec = _record()
    fig = why.plane_figure(rec, frame=0)
    assert fig.layout.images and fig.layout.images[0].source.startswith("data:image/png")
    assert [t.name for t in fig.data][-1] == "frame 0"
    assert fig.data[-1].x[0] == pytest.approx(rec.overlaps[0, 1])


def test_a_demo_scenario_opens_with_its_comparison_and_the_next_one_closes_it():
    from hopfield_app.state import Scenario

    mems = random_memories(3, (10, 10), seed=5)
    probe = mems[0].pattern.copy()
    probe[:30] *= -1
    at = open_page("pages/demos.py")
    at.session_state[state.SCENARIO] = Scenario(
        tuple(mems), probe, state.RunSettings(), title="t",
        extra={"compare": "rule:pseudoinverse"})
    at.switch_page("pages/playground.py")
    at.run()
    assert not at.exception, at.exception
    assert "Pseudo-inverse, asynchronous:" in messages(at)
    at.session_state[state.SCENARIO] = Scenario(tuple(mems), probe, state.RunSettings(),
                                                title="t2")
    at.switch_page("pages/playground.py")
    at.run()
    assert "Pseudo-inverse, asynchronous:" not in messages(at)
    assert "Whole run" in messages(at)
