"""Claims of source C (the blog post). One sequential sweep is deterministic: every picture
of the post's set is checked, with the post's procedure and with the app's engine."""

from __future__ import annotations

import numpy as np

import hopfield_core as hc
from hopfield_app.demos import common as c
from hopfield_app.demos.entries import source_blog_post as demo


def _literal_by_definition(patterns, probe):
    """The post's double loop, as written (slow, small check of the fast version)."""
    w = np.zeros((patterns.shape[1],) * 2)
    for p in patterns.astype(float):
        w += np.outer(p, p)
    s = probe.astype(float).copy()
    for i in range(len(s)):
        s[i] = 1 if w[i] @ s > 0 else -1
    return s.astype(np.int8)


def test_one_sweep_recalls_p2_only():
    d = demo.compute()
    names = d["names"]
    for k, row in enumerate(d["rows"]):
        if k == demo.TARGET:
            assert row["end"] == f"“{names[k]}”" and row["m"] == 1.0
        else:
            assert row["end"] == "no memory", (names[k], row["end"])
    # the fast version is the post's loop
    pats = d["patterns"][:, :400]
    probe = demo.blog_probe(pats[1])
    np.testing.assert_array_equal(demo.literal_sweep(pats, probe),
                                  _literal_by_definition(pats, probe))


def test_diagonal_changes_only_failed_recalls():
    d = demo.compute()
    differ = [row["differ"] for row in d["rows"]]
    assert differ[demo.TARGET] == 0 and max(differ) <= 17
    names, pats = c.pictures(demo.GRID, demo.PICTURES)
    net = hc.store(pats, rule="hebbian")
    final = hc.run(net, demo.blog_probe(pats[demo.TARGET]), mode="async", steps=1,
                   order="sequential").states[-1]
    np.testing.assert_array_equal(final, pats[demo.TARGET])
