"""Claims of demo 5 (spurious memories), over 20 update orders."""

from __future__ import annotations

import numpy as np

import hopfield_core as hc
from hopfield_app.demos import common as c
from hopfield_app.demos.entries import spurious as demo

ORDERS = range(20)


def test_inverse_and_mixture_are_fixed_points():
    names, pats = c.letters(demo.MIX, demo.GRID)
    net = hc.store(pats, rule="hebbian")
    mix = hc.mixture(pats, [0, 1, 2])
    for start in (-pats[0], mix):
        for o in ORDERS:
            np.testing.assert_array_equal(hc.run(net, start, mode="async", steps=10, rng=o).final,
                                          start)
    assert np.all(np.abs(pats @ mix.astype(np.int64)) / pats.shape[1] < 0.9)  # no memory


def test_h_drifts_into_f_under_hebb_only():
    names, pats = c.letters(demo.DRIFT, demo.GRID)
    h, f = names.index("H"), names.index("F")
    assert demo.compute()["drift"]["victim"] == h
    for rule, drifts in (("hebbian", True), ("storkey", False), ("pseudoinverse", False)):
        net = hc.store(pats, rule=rule)
        for o in ORDERS:
            final = hc.run(net, pats[h], mode="async", steps=30, rng=o).final
            if drifts:
                np.testing.assert_array_equal(final, pats[f])
            else:
                np.testing.assert_array_equal(final, pats[h])
        if not drifts:  # every memory is a fixed point
            for p in pats:
                np.testing.assert_array_equal(hc.run(net, p, mode="sync", steps=1).final, p)
