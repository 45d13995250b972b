"""AppTest tests of the Basins page: run a small experiment by widget key, check the numbers."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from .conftest import open_page

TIMEOUT = 120  # a small experiment takes seconds; slack for a busy CI machine


def _page() -> AppTest:
    return open_page("pages/basins.py", timeout=TIMEOUT)


def test_basins_page_opens_with_instructions():
    at = _page()
    assert any("Run experiment" in i.value for i in at.info)
    assert "basins.result" not in at.session_state


def test_basins_recall_falls_with_noise_and_past_half():
    at = _page()
    at.multiselect(key="basins.rules").set_value(["Hebbian", "Pseudo-inverse"])
    at.select_slider(key="basins.n").set_value(100)
    at.slider(key="basins.load").set_value(0.05)
    at.slider(key="basins.noise_max").set_value(0.7)
    at.slider(key="basins.points").set_value(8)
    at.slider(key="basins.trials").set_value(3)
    at.button(key="basins.run").click()
    at.run()
    assert not at.exception, at.exception
    result = at.session_state["basins.result"]
    assert result.n_patterns == 5 and result.completed == 8
    for label in ("hebbian", "pseudoinverse"):
        rec = result.recalled[label]
        assert rec[0] == 1.0  # noise 0: every memory is a fixed point at load 0.05
        assert rec[-1] == 0.0  # 70 % flipped: the probe falls to the inverse
    table = at.dataframe[0].value
    assert len(table) == 16 and set(table["rule"]) == {"hebbian", "pseudoinverse"}
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["Download the numbers (CSV)", "Figure (PNG, 300 dpi)", "Figure (SVG)",
                      "Figure (PDF)"]
    at.selectbox(key="basins.metric").set_value("Mean final overlap").run()
    assert not at.exception
    assert len(at.get("plotly_chart")) == 1


def test_basins_no_rule_shows_an_error():
    at = _page()
    at.multiselect(key="basins.rules").set_value([])
    at.button(key="basins.run").click()
    at.run()
    assert any("at least one" in e.value for e in at.error)
    assert not at.exception


def test_basins_theory_does_not_promise_inverse_attractors_for_dense_rules():
    """E(-s) = E(s) holds for the classic quadratic energy only: the odd cubic and the
    exponential energies have no inverse attractors (see tests/core/test_demo_claims.py)."""
    at = _page()
    text = " ".join(m.value for m in at.markdown)
    assert "the energy is even, E(−s) = E(s): the **inverse**" not in text  # for every rule
    assert "not even" in text and "Exponential" in text
