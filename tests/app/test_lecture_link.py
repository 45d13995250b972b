"""The Playground's experiment in the page address and in a file (AppTest)."""

from __future__ import annotations

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from hopfield_app import state
from hopfield_app.lecture import experiment as ex
from hopfield_app.lecture import session
from hopfield_app.playground import keys, run
from tests.app.conftest import APP, TIMEOUT, add_builtin, messages, press_run


def open_with(params: dict[str, str] | None = None) -> AppTest:
    """A fresh session opened on the Playground's address with ``params``."""
    run._simulate.clear()
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.switch_page("pages/playground.py")
    for k, v in (params or {}).items():
        at.query_params[k] = v
    at.run()
    assert not at.exception, at.exception
    return at


def address(at: AppTest) -> dict[str, str]:
    """The experiment parameters the page wrote into its address."""
    out = {}
    for k, v in at.query_params.items():
        if k in session.OWN_KEYS:
            out[k] = v[-1] if isinstance(v, list) else v
    return out


def final_state(at: AppTest) -> np.ndarray:
    record = at.session_state[state.LAST_RUN]
    assert record is not None
    return np.asarray(record.traj.final)


def sender() -> AppTest:
    at = open_with()
    add_builtin(at, "digits", 6)
    key = state.SETTING_KEYS
    at.selectbox(key=key["rule"]).set_value("storkey")
    at.run()
    at.number_input(key=key["steps"]).set_value(13)
    at.number_input(key=key["seed"]).set_value(77)
    at.number_input(key=key["theta"]).set_value(0.05)
    at.selectbox(key=key["occlusion"]).set_value("center")
    at.slider(key=key["noise"]).set_value(0.22)
    at.selectbox(key=keys.K.PROBE_MEMORY).set_value(3)
    at.run()
    press_run(at)
    return at


def test_the_address_follows_the_experiment_and_a_link_gives_the_same_run():
    at = sender()
    params = address(at)
    assert params["g"] == "32x32" and params["m"] == "s.digits.6"
    assert (params["rule"], params["steps"], params["seed"], params["theta"], params["occ"],
            params["noise"], params["pm"], params["run"]) == (
        "storkey", "13", "77", "0.05", "center", "0.22", "3", "1")
    # A fresh session (another machine) opening that link runs the same experiment.
    other = open_with(params)
    assert "Opened the experiment from the link" in messages(other)
    assert len(other.session_state[state.MEMORIES]) == 6
    s = other.session_state[state.SETTINGS]
    assert (s.rule, s.steps, s.seed, s.theta, s.occlusion, s.noise) == (
        "storkey", 13, 77, 0.05, "center", 0.22)
    assert np.array_equal(final_state(other), final_state(at))
    assert np.array_equal(other.session_state[state.LAST_RUN].traj.states,
                          at.session_state[state.LAST_RUN].traj.states)
    # and its own address is the same link
    assert address(other) == params


@pytest.mark.parametrize("field,param,value,expect", [
    ("mode", "mode", "stochastic", "stochastic"),
    ("temperature", "T", "0.7", 0.7),
    ("frames_per_sweep", "fps", "4", 4),
    ("degree", "deg", "6", 6),
    ("beta", "beta", "8", 8.0),
    ("rule", "rule", "pseudoinverse", "pseudoinverse"),
    ("order", "order", "sequential", "sequential"),
    ("order", "order", "replacement", "replacement"),
])
def test_each_setting_comes_back_from_a_link(field, param, value, expect):
    at = open_with({"g": "16x16", "m": "s.letters.3", param: value})
    assert getattr(at.session_state[state.SETTINGS], field) == expect
    assert address(at)[param] == value


def test_drawn_memories_and_a_drawn_probe_travel_in_the_link():
    rng = np.random.default_rng(3)
    grid = (12, 12)
    pats = np.where(rng.random((3, 144)) < 0.3, 1, -1).astype(np.int8)
    probe = pats[1].copy()
    probe[:20] *= -1
    exp = ex.Experiment(grid=grid, memories=(ex.MemoryBlock(
        "raw", names=("drawing 1", "drawing 2", "drawing 3"), patterns=pats),),
        probe_source="drawing", probe_base=probe, noise=0.0, mode="sync", ran=True)
    at = open_with(ex.to_query(exp))
    mems = at.session_state[state.MEMORIES]
    assert [m.name for m in mems] == ["drawing 1", "drawing 2", "drawing 3"]
    assert np.array_equal(np.stack([m.pattern for m in mems]), pats)
    assert at.session_state[keys.K.PROBE_SOURCE] == "drawing"
    assert np.array_equal(at.session_state[state.DRAWING][0], probe)
    record = at.session_state[state.LAST_RUN]
    assert record is not None and np.array_equal(record.probe, probe)


@pytest.mark.parametrize("params,word", [
    ({"g": "32x32", "m": "s.digits.4", "steps": "1e9"}, "steps"),
    ({"g": "32x32", "m": "s.digits.4", "noise": "NaN"}, "noise"),
    ({"g": "32x32", "m": "r.garbage!!"}, "memories"),
    ({"g": "256x256", "m": "~".join(["s.pictures.100"] * 5)}, "more than the Playground"),
    ({"g": "32x32", "m": "s.unicorns.3"}, "no built-in set"),
    ({"g": "8x8", "m": "s.digits.3", "rule": "magic"}, "rule"),
])
def test_a_bad_link_says_what_was_wrong_and_the_page_works(params, word):
    at = open_with(params)
    text = messages(at)
    assert "The link was partly unusable" in text and word in text, text
    # the page still works: add a set and run
    add_builtin(at, "digits", 3)
    press_run(at)
    assert at.session_state[state.LAST_RUN] is not None


def test_the_address_is_rewritten_when_the_user_changes_something():
    at = open_with({"g": "16x16", "m": "s.digits.3", "seed": "5"})
    at.number_input(key=state.SETTING_KEYS["seed"]).set_value(9)
    at.run()
    assert address(at)["seed"] == "9"
    assert address(at)["m"] == "s.digits.3"


def test_a_link_too_long_for_chat_says_so():
    rng = np.random.default_rng(0)
    pats = np.where(rng.random((40, 1024)) < 0.5, 1, -1).astype(np.int8)
    exp = ex.Experiment(memories=(ex.MemoryBlock("raw", names=tuple(
        f"m{i}" for i in range(40)), patterns=pats),))
    at = open_with(ex.to_query(exp))
    assert len(at.session_state[state.MEMORIES]) == 40
    assert "too long for many chat" in messages(at)


def test_the_experiment_file_round_trips():
    at = sender()
    exp = session_experiment(at)
    data = ex.to_json(exp)
    other = open_with()
    upload_experiment(other, "lesson.json", data.encode())
    assert "Opened “lesson.json”" in messages(other)
    assert session_experiment(other) == exp
    assert np.array_equal(final_state(other), final_state(at))


@pytest.mark.parametrize("content,word", [
    (b"not json at all", "not valid JSON"),
    (b'{"format": "x"}', "not a Hopfield Explorer experiment"),
    (b'{"format": "hopfield-explorer-experiment", "version": 1, "grid": [32, 32], '
     b'"memories": [{"set": "digits", "count": 3}], "update": {"steps": -4}}', "steps"),
])
def test_a_bad_file_gives_a_message(content, word):
    at = open_with()
    add_builtin(at, "digits", 2)
    upload_experiment(at, "bad.json", content)
    assert word in messages(at), messages(at)


def session_experiment(at: AppTest) -> ex.Experiment:
    """The experiment the session holds, read from the address the page wrote."""
    return ex.from_query(address(at)).experiment


def upload_experiment(at: AppTest, name: str, data: bytes) -> None:
    """Choose a file in the "Open experiment" uploader."""
    at.file_uploader(key="lecture.open_file").set_value((name, data, "application/json"))
    at.run()
    assert not at.exception, at.exception


@pytest.mark.parametrize("name,count", [("pictures", 5), ("pictures", 30), ("random", 4),
                                        ("shapes", 3), ("letters", 26)])
def test_built_in_sets_travel_by_name(name, count):
    at = open_with()
    add_builtin(at, name, count)
    assert address(at)["m"] == f"s.{name}.{count}"
    other = open_with(address(at))
    a = np.stack([m.pattern for m in at.session_state[state.MEMORIES]])
    b = np.stack([m.pattern for m in other.session_state[state.MEMORIES]])
    assert np.array_equal(a, b)


def test_a_removed_memory_makes_the_rest_travel_as_pictures():
    at = open_with()
    add_builtin(at, "digits", 4)
    at.button(key="playground.gallery.remove.0").click()
    at.run()
    params = address(at)
    # digits 1, 2, 3 are not the start of the digit set: sent as pictures, exactly
    assert params["m"].startswith("r.")
    other = open_with(params)
    assert [m.name for m in other.session_state[state.MEMORIES]] == ["digit 1", "digit 2",
                                                                   "digit 3"]


def test_a_halfway_probe_travels_in_the_link():
    at = open_with({"g": "16x16", "m": "s.digits.5", "ps": "halfway", "pm": "1", "pm2": "3",
                    "hz": "0", "noise": "0", "run": "1"})
    assert at.session_state[keys.K.PROBE_SOURCE] == "halfway"
    assert (at.session_state[keys.K.HALF_A], at.session_state[keys.K.HALF_B],
            at.session_state[keys.K.HALF_ZERO]) == (1, 3, False)
    params = address(at)
    assert (params["ps"], params["pm"], params["pm2"], params["hz"]) == ("halfway", "1", "3", "0")
    other = open_with(params)
    assert np.array_equal(final_state(other), final_state(at))


def test_a_comparison_travels_in_the_link_and_the_file():
    from hopfield_app.playground import compare

    at = open_with({"g": "16x16", "m": "s.letters.3", "cmp": "rule:storkey"})
    assert at.session_state[compare._SPEC] == "rule:storkey"
    assert address(at)["cmp"] == "rule:storkey"
    exp = ex.Experiment(grid=(16, 16), compare="mode:sync")
    assert ex.from_json(ex.to_json(exp)).experiment.compare == "mode:sync"


@pytest.mark.parametrize("value", ["rule:nonsense", "os:system", "x" * 500])
def test_a_bad_comparison_in_a_link_says_so_and_shows_the_run_alone(value):
    from hopfield_app.playground import compare

    at = open_with({"g": "16x16", "m": "s.letters.3", "cmp": value})
    assert at.session_state[compare._SPEC] == ""
    shown = " ".join(str(x.value) for x in [*at.warning, *at.info, *at.error])
    assert "compar" in shown.lower()
