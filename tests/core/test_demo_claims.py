"""Claims other pages make about the inverse of a memory (the demos' own claims are
re-checked in tests/claims/, one file per demo)."""

from __future__ import annotations

import numpy as np

import hopfield_core as hc


def test_inverse_is_an_attractor_for_hebbian_but_not_for_cubic_or_exponential():
    """The Basins and Attractors pages say so: only the even (quadratic) energy has
    E(-s) = E(s); the cubic and exponential energies push the state off the inverse."""
    for seed in range(20):
        pats = hc.random_patterns(5, 100, rng=np.random.default_rng(seed))
        for rule, params, stays in (("hebbian", {}, True), ("dense", {"degree": 3}, False),
                                    ("exponential", {}, False)):
            net = hc.store(pats, rule=rule, **params)
            traj = hc.run(net, -pats[0], mode="async", steps=20, rng=seed)
            assert bool((traj.final == -pats[0]).all()) is stays, (rule, seed)
