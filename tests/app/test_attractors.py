"""AppTest tests of the Attractors page: built-in offer, attractor search, recall path."""

from __future__ import annotations

import numpy as np
from streamlit.testing.v1 import AppTest

from hopfield_app import state

from .conftest import open_page, random_memories

TIMEOUT = 120  # a few hundred recalls at N <= 256; slack for a busy CI machine


def _page(memories=None) -> AppTest:
    return open_page("pages/attractors.py", memories=memories, timeout=TIMEOUT)


def _random_memories(count, grid=(10, 10), seed=0):
    return random_memories(count, grid, seed, prefix="r")


def test_attractors_without_memories_offers_a_builtin_set():
    at = _page()
    assert any("No memories" in i.value for i in at.info)
    at.button(key="attractors.load_builtin").click()
    at.run()
    assert not at.exception
    assert len(at.session_state[state.MEMORIES]) > 0
    assert at.button(key="attractors.run")


def test_attractors_finds_memories_and_inverses_at_low_load():
    at = _page(_random_memories(3))
    at.slider(key="attractors.starts").set_value(200)
    at.button(key="attractors.run").click()
    at.run()
    assert not at.exception, at.exception
    found = at.session_state["attractors.result"]["result"]
    assert sum(a.count for a in found.attractors) == 200
    counts = found.counts_by_kind()
    assert counts["memory"] > 40 and counts["inverse"] > 40
    table = at.dataframe[0].value
    assert table["count"].sum() == 200
    assert set(table["kind"]) <= {"memory", "inverse", "mixture", "other"}
    assert len(at.get("download_button")) == 2  # attractors + recall path
    assert len(at.get("plotly_chart")) == 2  # counts + path


def test_attractors_path_from_noisy_copy_ends_on_the_memory():
    at = _page(_random_memories(3, seed=4))
    at.selectbox(key="attractors.mem_a").set_value(2)
    at.selectbox(key="attractors.mem_b").set_value(0)
    at.radio(key="attractors.path_start").set_value("a noisy copy of the x memory")
    at.slider(key="attractors.path_noise").set_value(0.2)
    at.run()
    assert not at.exception, at.exception
    text = " ".join(m.value for m in at.markdown)
    assert "Converged" in text and "m(r2) = +1.00" in text


def test_attractors_rule_choice_dense_runs():
    at = _page(_random_memories(4, seed=2))
    at.selectbox(key="attractors.rule").set_value("Dense (n = 3)")
    at.slider(key="attractors.starts").set_value(100)
    at.button(key="attractors.run").click()
    at.run()
    assert not at.exception, at.exception
    found = at.session_state["attractors.result"]["result"]
    assert found.counts_by_kind()["memory"] + found.counts_by_kind()["inverse"] >= 90


def test_attractors_result_and_settings_survive_a_page_switch_and_fewer_memories():
    at = _page(_random_memories(4, seed=3))
    at.selectbox(key="attractors.mem_b").set_value(3)
    at.slider(key="attractors.starts").set_value(100)
    at.button(key="attractors.run").click()
    at.run()
    at.switch_page("pages/weights.py")
    at.run()
    at.session_state[state.MEMORIES] = _random_memories(2, seed=3)
    at.switch_page("pages/attractors.py")
    at.run()
    assert not at.exception, at.exception
    assert at.slider(key="attractors.starts").value == 100
    assert at.selectbox(key="attractors.mem_b").value == 1  # 3 no longer exists
    assert at.session_state["attractors.result"]["result"].n_starts == 100
    assert any("memories changed" in w.value for w in at.warning)


def test_stale_memory_label_on_the_path_axes_never_crashes():
    """After the memories changed, the browser may send an old label ("r3") back as a raw
    string: the page falls back to a valid memory instead of a traceback."""
    from streamlit.proto.WidgetStates_pb2 import WidgetState

    at = _page(_random_memories(3))
    at.session_state[state.MEMORIES] = _random_memories(2, seed=1)
    box = at.selectbox(key="attractors.mem_a")

    class Stale(type(box)):
        @property
        def _widget_state(self):
            return WidgetState(id=self.id, string_value="gone")

    box.__class__ = Stale
    at.run()
    assert not at.exception, at.exception
    at.run()
    assert not at.exception, at.exception
    assert at.session_state["attractors.mem_a"] in (0, 1)


def test_path_start_and_end_labels_sit_on_opposite_sides():
    from hopfield_app.explore import attractors as explore

    for m_b in ([0.5, 0.48, 0.47], [0.1, 0.12, 0.15], [0.3, 0.3]):
        m_a = np.linspace(0.2, 0.25, len(m_b))
        fig = explore.path_figure(m_a, np.array(m_b), np.zeros(len(m_b)), ("a", "b"))
        pos = {t.text[0]: t.textposition for t in fig.data if t.text is not None}
        start_up, end_up = pos["start"].startswith("top"), pos["end"].startswith("top")
        assert start_up != end_up
        # the label of the higher point is above it
        assert end_up == (m_b[-1] > m_b[0])


def test_inverses_are_promised_for_the_classic_rules_only():
    """Dense (odd n) and exponential energies are not even: no random start ends on an
    inverse, and the page must not say -xi always has the energy of xi."""
    at = _page(_random_memories(3, seed=3))
    text = " ".join(m.value for m in at.markdown)
    assert "(−ξ has the same energy as ξ)" not in text
    assert "not even" in text
    at.selectbox(key="attractors.rule").set_value("Exponential")
    at.slider(key="attractors.starts").set_value(100)
    at.button(key="attractors.run").click()
    at.run()
    assert not at.exception, at.exception
    assert at.session_state["attractors.result"]["result"].counts_by_kind()["inverse"] == 0


def test_other_states_are_not_all_called_spin_glass():
    """A fixed point at overlap 0.9 with a memory lands in "other" when it is outside the
    tolerance: it is a damaged memory, not a spin-glass state."""
    from hopfield_app.explore import attractors as explore
    import hopfield_core as hc

    pats = hc.random_patterns(3, 64, rng=np.random.default_rng(5))
    found = hc.find_attractors(hc.store(pats), n_starts=20, rng=0)
    labels = list(explore.attractor_counts_figure(found).data[0].y)
    assert labels[-1] == "other" and not any("spin glass" in y for y in labels)
