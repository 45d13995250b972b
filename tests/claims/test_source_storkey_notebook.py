"""Claims of source B (the Storkey notebook), over 20 noise seeds and runs of draws."""

from __future__ import annotations

import functools

import numpy as np

import hopfield_core as hc
from hopfield_app.demos import common as c
from hopfield_app.demos.entries import source_storkey_notebook as demo


@functools.lru_cache(maxsize=None)
def _data():
    return demo.compute()


def test_flow_recalls_to_within_a_few_pixels():
    names, pats = c.pictures(demo.GRID, demo.PICTURES)
    net = hc.store(pats[:2], rule="storkey")
    for seed in range(20):
        probe = c.row_noise(pats[0], demo.GRID, 30, rng=seed)
        traj = demo.flow(net, probe, seed)
        m = c.overlap(pats[0], traj.final)
        assert 0.99 < m < 1.0, (seed, m)  # within a few pixels, not exact
        seen = np.asarray(traj.visited)[1:]
        assert np.all(np.abs(seen - (1 - np.exp(-1))) < 0.02)  # 37 % missed per sweep
        assert np.all(np.diff(traj.energies) <= 1e-9)
    assert len(_data()["energies"]) == demo.DRAWS + 1  # printed every 10,000 draws


def test_halfway_with_zeros_depends_on_the_draws():
    d = _data()
    counts = dict(d["half_spread"])
    assert d["n_orders"] >= 20 and len(counts) == 2  # either picture, depending on the draws
    assert min(counts.values()) >= 3
    n_zeros = int((d["half"] == 0).sum())
    for left in d["half_zeros"]:  # about e^-5 = 0.7 % of the undecided units never drawn
        assert 0.003 * n_zeros <= left <= 0.012 * n_zeros, left


def test_mixture_of_three_is_kept():
    names, pats = c.pictures(demo.GRID, demo.PICTURES)
    net = hc.store(pats, rule="storkey")
    mix = hc.mixture(pats, [0, 1, 2])
    for seed in range(20):
        traj = demo.flow(net, c.row_noise(mix, demo.GRID, 30, rng=seed), seed, sweeps=10)
        assert c.overlap(mix, traj.final) > 0.99
