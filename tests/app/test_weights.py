"""AppTest tests of the Weights page: built-in offer, heatmap numbers, unit choice, big grids."""

from __future__ import annotations

import base64
import json

import numpy as np
from streamlit.testing.v1 import AppTest

import hopfield_core as hc
from hopfield_app import state

from .conftest import open_page, random_memories

TIMEOUT = 120  # weights of up to 65,536 units from the factors; slack for a busy CI machine


def _page(memories=None, rule: str | None = "Hebbian") -> AppTest:
    """The Weights page; ``rule`` chosen there (the default follows the Playground's rule)."""
    at = open_page("pages/weights.py", memories=memories, timeout=TIMEOUT)
    if rule is not None and memories:
        at.selectbox(key="weights.rule").set_value(rule).run()
        assert not at.exception, at.exception
    return at


def _memories(count, grid, seed=0):
    return random_memories(count, grid, seed, prefix="m")


def _array(value) -> np.ndarray:
    """A Plotly array from the figure JSON: a list, or a typed array {dtype, bdata, shape}."""
    if isinstance(value, dict):
        flat = np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"])
        shape = value.get("shape")
        if isinstance(shape, str):
            shape = [int(v) for v in shape.split(",")]
        return flat.reshape(shape) if shape else flat
    return np.asarray(value, dtype=float)


def _chart_json(at: AppTest, index: int) -> str:
    return at.get("plotly_chart")[index].proto.spec


def test_weights_without_memories_offers_a_builtin_set_in_one_click():
    at = _page()
    assert any("No memories" in i.value for i in at.info)
    assert not at.error
    at.button(key="weights.load_builtin").click()
    at.run()
    assert not at.exception
    assert len(at.session_state[state.MEMORIES]) == 6  # six digits
    assert len(at.get("plotly_chart")) == 4  # W, correlations, receptive field, histogram
    assert len(at.get("download_button")) == 3


def test_weights_shows_the_exact_matrix_and_a_units_receptive_field():
    mems = _memories(3, (6, 6))
    at = _page(mems)
    x = np.stack([m.pattern for m in mems])
    w = hc.train(x)
    heat = json.loads(_chart_json(at, 0))["data"][0]
    assert heat["zmid"] == 0.0 and heat["zmin"] == -heat["zmax"]  # diverging, centred at zero
    assert np.allclose(_array(heat["z"]), w)
    assert "W<sub>ij</sub>" in heat["hovertemplate"]
    at.number_input(key="weights.row").set_value(2)
    at.number_input(key="weights.col").set_value(3)
    at.run()
    assert not at.exception
    assert any("unit i = 15" in m.value for m in at.markdown)
    corr_text = " ".join(m.value for m in at.markdown)
    assert "Largest |C|" in corr_text


def test_weights_rule_switch_and_non_matrix_playground_rule():
    at = _page(_memories(4, (8, 8), seed=1))
    at.session_state[state.SETTINGS] = state.RunSettings(rule="exponential")
    at.run()
    assert any("not a weight matrix" in i.value for i in at.info)
    at.selectbox(key="weights.rule").set_value("Pseudo-inverse").run()
    assert not at.exception
    assert len(at.get("plotly_chart")) == 4


def test_weights_large_grid_is_block_averaged_without_the_dense_matrix():
    at = _page(_memories(3, (96, 96), seed=2))  # N = 9216 > 4096
    assert not at.exception
    assert any("block" in c.value for c in at.caption)
    assert any("sampled rows" in m.value for m in at.markdown)
    heat = json.loads(_chart_json(at, 0))["data"][0]
    assert _array(heat["z"]).shape == (512, 512)  # 9216 units in blocks of 18
    at.number_input(key="weights.zoom_row").set_value(64)
    at.run()
    assert not at.exception
    zoom = json.loads(_chart_json(at, 1))["data"][0]
    x = np.stack([m.pattern for m in at.session_state[state.MEMORIES]]).astype(float)
    exact = x[:, 64:128].T @ x[:, 0:64] / x.shape[1]
    assert np.allclose(_array(zoom["z"]), exact)


def test_big_grid_numbers_are_readable_baseline_and_colour_bar():
    """At N = 4096 the random baseline 1/sqrt(N) = 0.016 must not round to 0.00, and the
    colour bar of tiny weights reads as powers of ten, not an SI 'μ'."""
    at = _page(_memories(3, (64, 64)))
    text = "\n".join(str(m.value) for m in at.markdown)
    assert "±0.016" in text and "±0.00)" not in text
    figs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    bars = [t["colorbar"] for f in figs for t in f["data"]
            if t.get("colorbar", {}).get("title", {}).get("text") == "W"]
    assert bars and all(b.get("exponentformat") == "power" for b in bars)
