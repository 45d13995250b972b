"""Claims of demo 1 (six neurons). The network is deterministic (one synchronous step), so
every probe the text names is checked exhaustively instead of over seeds."""

from __future__ import annotations

import numpy as np

import hopfield_core as hc
from hopfield_app.demos.entries import six_neurons as demo


def test_one_step_lands_on_the_stored_inverse():
    d = demo.compute()
    w = d["weights"]
    assert np.allclose(w, w.T) and np.all(np.diag(w) == 0)
    np.testing.assert_array_equal(d["new"], d["core_new"])  # the table and the core agree
    np.testing.assert_array_equal(d["new"], -demo.PATTERN)
    net = hc.store(d["patterns"], rule="hebbian")
    again = hc.run(net, d["new"], mode="sync", steps=3)
    assert again.converged and np.array_equal(again.final, d["new"])  # a fixed point
    assert d["energies"][1] < d["energies"][0]
    for order in range(20):  # the update order of an asynchronous run changes nothing here
        traj = hc.run(net, d["new"], mode="async", steps=3, rng=order)
        np.testing.assert_array_equal(traj.final, d["new"])


def test_pattern_and_inverse_give_twice_the_weights():
    both = hc.store(np.stack([demo.PATTERN, -demo.PATTERN]), rule="hebbian").weights()
    one = hc.store(demo.PATTERN[None, :], rule="hebbian").weights()
    # 1/N normalisation: sum over the two memories is twice the single one
    np.testing.assert_allclose(both, 2 * one)


def test_now_try_one_flipped_unit_returns_in_one_step():
    pats = np.stack([demo.PATTERN, -demo.PATTERN])
    net = hc.store(pats, rule="hebbian")
    flipped_units = set()
    for seed in range(20):
        probe = hc.add_noise(pats[0], 0.17, rng=seed)
        assert int((probe != pats[0]).sum()) == 1
        flipped_units.add(int(np.flatnonzero(probe != pats[0])[0]))
        traj = hc.run(net, probe, mode="sync", steps=4)
        np.testing.assert_array_equal(traj.states[1], pats[0])
    assert len(flipped_units) >= 4  # "change the seed to flip another unit"
