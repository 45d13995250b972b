"""Claims of demo 2 (two digits, one synchronous step), over 20 noise seeds."""

from __future__ import annotations

import numpy as np
import pytest

import hopfield_core as hc
from hopfield_app.demos.entries import two_digits as demo

SEEDS = range(20)


def _net():
    names, pats, _ = demo.probes()
    return pats, hc.store(pats, rule="hebbian")


def test_one_step_cleans_completes_and_extremes_find_memory_or_inverse():
    pats, net = _net()
    for seed in SEEDS:
        _, _, probes = demo.probes(noise_seed=100 + 4 * seed)
        ends = [hc.run(net, p, mode="sync", steps=1).states[1] for p in probes]
        np.testing.assert_array_equal(ends[0], pats[0])  # noisy "0" cleaned
        np.testing.assert_array_equal(ends[1], pats[0])  # erased "0" completed
        np.testing.assert_array_equal(ends[2], pats[1])
        np.testing.assert_array_equal(ends[3], pats[1])
        assert any(np.array_equal(ends[4], p) for p in pats)  # almost white: a memory
        assert any(np.array_equal(ends[5], -p) for p in pats)  # almost black: an inverse


def test_inverse_has_the_energy_of_the_memory():
    pats, net = _net()
    for p in pats:
        assert net.energy(-p) == pytest.approx(net.energy(p))


def test_now_try_noise_45_and_past_50():
    pats, net = _net()
    for seed in SEEDS:
        for noise, target in ((0.45, pats[0]), (0.55, -pats[0]), (0.6, -pats[0])):
            traj = hc.run(net, hc.add_noise(pats[0], noise, rng=seed), mode="sync", steps=3)
            assert len(traj.states) == 2  # one step, then the run sees the fixed point
            np.testing.assert_array_equal(traj.final, target)
