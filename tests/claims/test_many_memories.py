"""Claims of demo 10 (many memories), over 20 probe seeds (noise and update order)."""

from __future__ import annotations

import hopfield_core as hc
from hopfield_app.demos import common as c
from hopfield_app.demos.entries import many_memories as demo

SEEDS = range(20)


def _overlaps(rule: str, **params) -> list[float]:
    names, pats, _ = demo.setup()
    net = hc.store(pats, rule=rule, **params)
    return [c.overlap(pats[demo.TARGET],
                      hc.run(net, demo.setup(noise_seed=s)[2], mode="async", steps=30,
                             rng=s).final) for s in SEEDS]


def test_hebbian_blends_dense_recalls():
    assert max(_overlaps("hebbian")) < 0.9
    assert min(_overlaps("dense", degree=demo.DEGREE)) > 0.95
    d = demo.compute()
    assert d["hebbian"]["overlap"] < 0.9 and d["dense"]["overlap"] > 0.95


def test_now_try_degree_3_still_blends():
    assert max(_overlaps("dense", degree=3)) < 0.9
