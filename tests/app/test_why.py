"""AppTest and payload tests of the "why" views: the field panel data, the plane, Compare."""

from __future__ import annotations

import json

import numpy as np
import pytest

import hopfield_core as hc
from hopfield_app import state
from hopfield_app.playground import compare, controls, why

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
    assert "overlap with" in plane["x_label"]


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
    at.session_state["why.compare.spec"] = "mode:sync"
    at = press_run(at)
    text = messages(at)
    assert "Hebbian, synchronous:" in text and "Hebbian, asynchronous:" in text


def test_a_bad_queued_spec_is_dropped(playground):
    at = add_builtin(playground, "digits", 3)
    at.session_state["why.compare.spec"] = "rule:banana"
    at = press_run(at)
    assert "Whole run" in messages(at)
