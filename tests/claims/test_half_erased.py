"""Claims of demo 6 (half erased): every picture, 20 update orders (the demo's own data)."""

from __future__ import annotations

import functools

import numpy as np

import hopfield_core as hc
from hopfield_app.demos import common as c
from hopfield_app.demos.entries import half_erased as demo


@functools.lru_cache(maxsize=None)
def _data():
    return demo.compute()


def test_storkey_upper_half_all_five_back_in_every_order():
    d = _data()
    row = d["rows"][0]
    assert (row["rule"], row["region"]) == ("storkey", "upper half")
    assert d["n_orders"] >= 20
    assert all(cell["back"] == d["n_orders"] for cell in row["cells"])


def test_hebbian_lower_half_only_the_umbrella_returns():
    d = _data()
    row = d["rows"][1]
    assert (row["rule"], row["region"]) == ("hebbian", "lower half")
    names = d["names"]
    backs = {names[k]: cell["back"] for k, cell in enumerate(row["cells"])}
    assert backs.pop("umbrella") == d["n_orders"]
    assert all(b == 0 for b in backs.values())
    erased = {names[k]: cell["erased_ink"] for k, cell in enumerate(row["cells"])}
    assert erased.pop("umbrella") == 134
    assert min(erased.values()) == 585 and max(erased.values()) == 861
    for k, cell in enumerate(row["cells"]):  # the others end in another picture
        if names[k] != "umbrella":
            assert cell["end"] != f"“{names[k]}”"


def test_now_try_hebbian_boat_back_umbrella_to_moon():
    names, pats = c.pictures(demo.GRID, demo.PICTURES)
    heb, sto = hc.store(pats, rule="hebbian"), hc.store(pats, rule="storkey")
    boat, umbrella, moon = (names.index(n) for n in ("boat", "umbrella", "moon"))
    for o in range(20):
        probe = demo.probe_for(pats, boat, "upper half")
        np.testing.assert_array_equal(hc.run(heb, probe, mode="async", steps=30, rng=o).final,
                                      pats[boat])
        probe = demo.probe_for(pats, umbrella, "upper half")
        end = hc.run(heb, probe, mode="async", steps=30, rng=o).final
        k, m = c.closest(end, pats)
        assert k == moon and m < 0.99  # near the moon, not the umbrella
        np.testing.assert_array_equal(hc.run(sto, probe, mode="async", steps=30, rng=o).final,
                                      pats[umbrella])
