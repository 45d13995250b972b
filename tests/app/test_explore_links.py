"""Explore pages' settings in the page address: a link restores every setting, the address
follows the widgets, and a broken or hostile link gives a message and the defaults."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings, strategies as hs
from streamlit.testing.v1 import AppTest

from hopfield_app.explore import links

from .conftest import APP

PAGES = {"capacity": "pages/capacity.py", "basins": "pages/basins.py"}


def _param(at: AppTest, name: str) -> str:
    value = at.query_params[name]
    return value if isinstance(value, str) else value[0]


def _open_with(page: str, params: dict[str, str]) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    for name, value in params.items():
        at.query_params[name] = value
    at.switch_page(PAGES[page])
    at.run()
    assert not at.exception, at.exception
    return at


CAPACITY_LINK = {"rules": "storkey,dense3", "n": "256", "loads": "0.05_0.6", "points": "7",
                 "trials": "3", "noise": "0.2", "mode": "sync", "seed": "42",
                 "show": "overlap", "per_unit": "0"}


def test_a_capacity_link_restores_every_setting():
    at = _open_with("capacity", CAPACITY_LINK)
    ss = at.session_state
    assert ss["capacity.rules"] == ["Storkey", "Dense (n = 3)"]
    assert ss["capacity.n"] == 256
    assert tuple(ss["capacity.loads"]) == (0.05, 0.6)
    assert (ss["capacity.points"], ss["capacity.trials"], ss["capacity.seed"]) == (7, 3, 42)
    assert ss["capacity.noise"] == pytest.approx(0.2)
    assert ss["capacity.mode"] == "sync"
    assert ss["capacity.metric"] == "Mean final overlap from a noisy probe"
    assert ss["capacity.per_unit"] is False
    assert not at.warning
    # the address written back is the link itself
    for name, value in CAPACITY_LINK.items():
        assert _param(at, name) == value, name


def test_the_address_follows_the_widgets():
    at = _open_with("basins", {})
    at.slider(key="basins.trials").set_value(17).run()
    assert _param(at, "trials") == "17"
    at.multiselect(key="basins.rules").set_value(["Exponential"]).run()
    assert _param(at, "rules") == "exp"


@pytest.mark.parametrize("bad", [
    {"n": "1000000"}, {"n": "NaN"}, {"trials": "1e9"}, {"trials": "-1"}, {"trials": "2.5"},
    {"loads": "0.5_0.1"}, {"loads": "nan_inf"}, {"loads": "0.1"}, {"rules": "hebbian,bogus"},
    {"rules": "hebbian,hebbian"}, {"mode": "quantum"}, {"noise": "0.9"}, {"seed": "x" * 5000},
    {"per_unit": "yes"}, {"show": "everything"},
])
def test_a_broken_capacity_link_names_the_parameter_and_keeps_the_default(bad):
    at = _open_with("capacity", bad)
    name = next(iter(bad))
    assert any(f"**{name}**" in w.value for w in at.warning)
    assert at.session_state["capacity.n"] == 100 if name == "n" else True
    assert at.session_state["capacity.trials"] == 10 if name == "trials" else True


def test_a_link_never_bypasses_the_bound_on_work():
    at = _open_with("capacity", {"rules": "hebbian,storkey,pinv,dense3,exp", "n": "1024",
                                 "loads": "0.01_1", "points": "40", "trials": "50"})
    at.button(key="capacity.run").click()
    at.run()
    assert not at.exception
    assert at.error and "capacity.result" not in at.session_state


SPECS = [
    links.LinkSpec("a", "choice", {"x": 1, "y": 2}),
    links.LinkSpec("b", "choices", {"p": "P", "q": "Q", "r": "R"}),
    links.LinkSpec("c", "int", lo=0, hi=2**31 - 1),
    links.LinkSpec("d", "float", lo=0.0, hi=0.45),
    links.LinkSpec("e", "range", lo=0.01, hi=1.0),
    links.LinkSpec("f", "bool"),
]


@settings(max_examples=200, deadline=None)
@given(hs.data())
def test_every_value_a_widget_allows_survives_the_round_trip(data):
    for spec in SPECS:
        if spec.kind == "choice":
            value = data.draw(hs.sampled_from(list(spec.options.values())))
        elif spec.kind == "choices":
            value = data.draw(hs.lists(hs.sampled_from(list(spec.options.values())),
                                       unique=True))
        elif spec.kind == "int":
            value = data.draw(hs.integers(int(spec.lo), int(spec.hi)))
        elif spec.kind == "float":
            value = round(data.draw(hs.floats(spec.lo, spec.hi)), 2)
        elif spec.kind == "range":
            a, b = sorted(round(data.draw(hs.floats(spec.lo, spec.hi)), 2) for _ in range(2))
            value = (a, b)
        else:
            value = data.draw(hs.booleans())
        back = links.parse(spec, links.encode(spec, value))
        if isinstance(value, float):
            assert math.isclose(back, value, rel_tol=1e-5)
        elif isinstance(value, tuple):
            assert all(math.isclose(x, y, rel_tol=1e-5) for x, y in zip(back, value))
        else:
            assert back == value


@settings(max_examples=300, deadline=None)
@given(hs.text(max_size=300))
def test_any_text_is_read_or_refused_never_anything_else(text):
    for spec in SPECS:
        try:
            links.parse(spec, text)
        except ValueError:
            pass


def _open_page_with(page: str, params: dict[str, str], memories) -> AppTest:
    from hopfield_app import state

    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.session_state[state.MEMORIES] = memories
    for name, value in params.items():
        at.query_params[name] = value
    at.switch_page(page)
    at.run()
    assert not at.exception, at.exception
    return at


def test_an_attractors_link_restores_its_settings():
    from .conftest import random_memories

    at = _open_page_with("pages/attractors.py",
                         {"rule": "storkey", "starts": "140", "mode": "sync",
                          "tolerance": "0.05", "seed": "9", "start": "noisy", "noise": "0.4",
                          "path_seed": "3"}, random_memories(3, (8, 8)))
    ss = at.session_state
    assert ss["attractors.rule"] == "Storkey" and ss["attractors.starts"] == 140
    assert ss["attractors.mode"] == "sync" and ss["attractors.seed"] == 9
    assert ss["attractors.path_start"] == "a noisy copy of the x memory"
    assert ss["attractors.path_noise"] == pytest.approx(0.4) and ss["attractors.path_seed"] == 3
    assert _param(at, "starts") == "140"


def test_a_weights_link_chooses_the_rule_and_a_bad_one_says_so():
    from .conftest import random_memories

    at = _open_page_with("pages/weights.py", {"rule": "pinv"}, random_memories(3, (8, 8)))
    assert at.selectbox(key="weights.rule").value == "Pseudo-inverse"
    assert _param(at, "rule") == "pinv"
    at = _open_page_with("pages/weights.py", {"rule": "dense3"}, random_memories(3, (8, 8)))
    assert any("**rule**" in w.value for w in at.warning)
