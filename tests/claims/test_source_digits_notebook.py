"""Claims of source A (the digits notebook), over 20 noise seeds of the digit probes."""

from __future__ import annotations

import numpy as np

import hopfield_core as hc
from hopfield_app.demos.entries import six_neurons, two_digits
from hopfield_app.demos.entries import source_digits_notebook as demo


def test_literal_procedure_matches_the_engine_over_20_noise_seeds():
    d = demo.compute()
    assert all(r["same"] and r["zeros"] == 0 for r in d["rows"])
    names, pats, _ = two_digits.probes()
    net = hc.store(pats, rule="hebbian")
    for seed in range(20):
        _, _, probes = two_digits.probes(noise_seed=200 + 4 * seed)
        for p in probes:
            literal = demo.literal_step(pats, p)
            assert not (literal == 0).any()
            np.testing.assert_array_equal(literal, hc.run(net, p, mode="sync", steps=1).states[1])


def test_ties_stay_zero_in_the_literal_step():
    toy = np.stack([six_neurons.PATTERN, -six_neurons.PATTERN])
    # W/N and W have the same signs: the literal (unnormalised) step equals the engine's
    np.testing.assert_array_equal(demo.literal_step(toy, six_neurons.PROBE),
                                  six_neurons.compute()["new"])
    # a tie: two memories and a probe whose field at unit 0 is exactly 0
    pats = np.array([[1, 1, 1, 1], [1, 1, 1, -1]], dtype=np.int8)
    probe = np.array([1, 1, -1, 1], dtype=np.int8)
    x = pats.astype(np.int64)
    w = x.T @ x
    np.fill_diagonal(w, 0)
    assert (w @ probe)[0] == 0
    assert demo.literal_step(pats, probe)[0] == 0  # the notebook leaves it at 0
    engine = hc.run(hc.store(pats, rule="hebbian"), probe, mode="sync", steps=1).states[1]
    assert engine[0] == probe[0]  # the app keeps the old value
