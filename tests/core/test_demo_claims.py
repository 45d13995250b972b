"""The science each lecture demo claims, checked on the core's actual output.

Each demo's text (hopfield_app/demos/catalogue.py, DEMO_TEXT) makes a concrete claim; these
tests recompute the demo with its fixed seeds and hold it to that claim, so a
change in the core or in the built-in patterns that breaks a demo is caught here.
"""

from __future__ import annotations

import numpy as np
import pytest

import hopfield_core as hc
from hopfield_app.demos import catalogue as demos


def test_six_neurons_one_sync_step_lands_on_the_stored_inverse():
    d = demos.compute_six_neurons()
    w = d["weights"]
    assert np.allclose(w, w.T) and np.all(np.diag(w) == 0)
    # the unit-by-unit table and the core agree
    np.testing.assert_array_equal(d["new"], d["core_new"])
    np.testing.assert_array_equal(d["new"], -demos.SIX_PATTERN)
    assert d["energies"][1] < d["energies"][0]


def test_two_digits_one_sync_step_recalls_and_extremes_go_to_memory_or_inverse():
    d = demos.compute_two_digits()
    kinds = [(k, round(m, 6)) for k, m in d["ends"]]
    assert kinds[0] == (0, 1.0) and kinds[1] == (0, 1.0)  # noisy and erased "0"
    assert kinds[2] == (1, 1.0) and kinds[3] == (1, 1.0)  # noisy and erased "1"
    for k, m in kinds[4:]:  # white and black probes: exactly a memory or an inverse
        assert abs(m) == 1.0
    assert kinds[4][1] == 1.0 and kinds[5][1] == -1.0
    # the inverse has the same energy as the memory (theta = 0)
    net = hc.store(d["patterns"], rule="hebbian")
    assert net.energy(-d["patterns"][1]) == pytest.approx(net.energy(d["patterns"][1]))


def test_storkey_pictures_recalled_from_30_flips_per_row_with_falling_energy():
    d = demos.compute_storkey_pictures()
    rows, cols = d["grid"]
    diff = (d["probe"] != d["patterns"][0]).reshape(rows, cols).sum(axis=1)
    assert np.all(diff == demos.STORKEY_FLIPS)
    assert d["end"] == (0, pytest.approx(1.0))
    e = d["energies"]
    assert np.all(np.diff(e) <= 1e-9) and e[-1] < e[0]


def test_halfway_both_memories_win_for_some_seed():
    d = demos.compute_halfway()
    winners = {k for k, m in d["ends"] if m == pytest.approx(1.0)}
    assert winners == {0, 1}


def test_spurious_inverse_and_mixture_are_fixed_points_and_drift_is_fixed_by_other_rules():
    d = demos.compute_spurious()
    mix = d["mix"]
    assert mix["inverse_changed"] == 0
    assert mix["mixture_changed"] == 0
    assert np.all(np.abs(mix["mixture_overlaps"]) < 0.9)  # a mixture, no memory
    drift = d["drift"]
    heb = drift["rules"]["hebbian"]["stays"]
    assert not heb.all()
    v = drift["victim"]
    final = drift["rules"]["hebbian"]["finals"][v]
    assert not np.array_equal(final, drift["patterns"][v])
    assert drift["rules"]["storkey"]["stays"].all()
    assert drift["rules"]["pseudoinverse"]["stays"].all()


def test_half_erased_picture_is_recovered():
    d = demos.compute_half_erased()
    assert d["end"][0] == d["target"]
    assert d["overlap"] >= 0.98


def test_capacity_recall_breaks_down_near_0138_n():
    d = demos.compute_capacity()
    rate = dict(zip(d["loads"].tolist(), d["rate"]))
    assert rate[5] >= 0.95
    assert rate[20] < rate[5]
    assert rate[20] <= 0.6
    assert rate[30] <= 0.2
    assert d["theory"] == pytest.approx(13.8)


def test_sync_cycle_oscillates_and_async_converges():
    d = demos.compute_sync_cycle()
    assert d["sync_cycle"] == 2 and not d["sync_converged"]
    assert d["async_converged"] and d["async_cycle"] == 0
    a, b = d["sync_states"]
    np.testing.assert_array_equal(a, -b)  # every unit flips at every step


def test_temperature_series_goes_from_recall_to_noise():
    d = demos.compute_temperature()
    m = np.abs(d["overlap"])
    ts = np.asarray(d["temperatures"])
    assert m[0] >= 0.99
    assert m[ts >= 1.5].max() <= 0.3
    assert m[ts <= 0.3].min() >= 0.9


def test_many_memories_dense_recalls_where_hebbian_fails():
    d = demos.compute_many_memories()
    assert d["patterns"].shape == (40, 32 * 32)
    assert d["hebbian"]["overlap"] < 0.9
    assert d["dense"]["overlap"] > 0.95


@pytest.mark.parametrize("slug", demos.SLUGS)
def test_every_scenario_is_consistent(slug):
    demo = demos.get(slug)
    sc = demo.scenario()
    grid = sc.memories[0].grid
    n = grid[0] * grid[1]
    assert sc.probe.shape == (n,) and set(np.unique(sc.probe)) <= {-1, 1}
    assert all(m.pattern.shape == (n,) for m in sc.memories)
    assert sc.note and sc.title
    for _label, builder in demo.variants:
        assert builder().probe.shape == (n,)


def test_inverse_is_an_attractor_for_hebbian_but_not_for_cubic_or_exponential():
    """The Basins and Attractors pages say so: only the even (quadratic) energy has
    E(-s) = E(s); the cubic and exponential energies push the state off the inverse."""
    import hopfield_core as hc

    pats = hc.random_patterns(5, 100, rng=np.random.default_rng(11))
    for rule, params, stays in (("hebbian", {}, True), ("dense", {"degree": 3}, False),
                                ("exponential", {}, False)):
        net = hc.store(pats, rule=rule, **params)
        traj = hc.run(net, -pats[0], mode="async", steps=20, rng=0)
        assert bool((traj.final == -pats[0]).all()) is stays, rule


def test_storkey_now_try_hebbian_recalls_three_pictures_but_not_eight():
    """Demo 3's "now try": Hebb's rule recalls the three pictures too; with eight pictures
    stored it blends the boat while Storkey still recalls it."""
    import hopfield_core as hc
    from hopfield_app import images

    assert "eight" in demos.DEMO_TEXT["storkey-pictures"].now_try
    names, pats = images.load_pictures(demos.STORKEY_GRID)
    pats = np.asarray(pats, dtype=np.int64)
    n = pats.shape[1]
    probe = demos._row_noise(pats[0], demos.STORKEY_GRID, demos.STORKEY_FLIPS, rng=3)
    for count, heb_ok in ((3, True), (8, False)):
        m = {}
        for rule in ("hebbian", "storkey"):
            traj = hc.run(hc.store(pats[:count], rule=rule), probe, mode="async", steps=20, rng=3)
            m[rule] = float(pats[0] @ traj.final.astype(np.int64)) / n
        assert m["storkey"] > 0.95, count
        assert (m["hebbian"] > 0.95) is heb_ok, (count, m)


def test_six_neurons_now_try_one_flipped_unit_returns_in_one_step():
    """Demo 1's "now try": noise 0.17 flips exactly one of the six units, and one
    synchronous step brings every such probe back to the memory."""
    import hopfield_core as hc

    assert "0.17" in demos.DEMO_TEXT["six-neurons"].now_try
    pats = np.stack([demos.SIX_PATTERN, -demos.SIX_PATTERN])
    net = hc.store(pats, rule="hebbian")
    for seed in range(6):
        probe = hc.add_noise(pats[0], 0.17, rng=seed)
        assert int((probe != pats[0]).sum()) == 1
        traj = hc.run(net, probe, mode="sync", steps=4)
        np.testing.assert_array_equal(traj.states[1], pats[0])


def test_two_digits_now_try_one_step_up_to_45_percent_then_the_inverse():
    """Demo 2's "now try": with two memories one synchronous step is enough up to 45 %
    noise; past 50 % the noisy "0" lands on the inverse of "0"."""
    import hopfield_core as hc

    assert "45 %" in demos.DEMO_TEXT["two-digits"].now_try
    names, pats, _labels, _probes = demos._two_digit_probes()
    net = hc.store(pats, rule="hebbian")
    for seed in range(6):
        for noise, target in ((0.45, pats[0]), (0.6, -pats[0])):
            traj = hc.run(net, hc.add_noise(pats[0], noise, rng=seed), mode="sync", steps=3)
            assert len(traj.states) == 2  # one step, then the run sees the fixed point
            np.testing.assert_array_equal(traj.final, target)


def test_half_erased_now_try_left_and_center_return_upper_half_does_not():
    """Demo 6's "now try": the umbrella comes back from its right half or with the center
    erased, but not from its handle alone (upper half erased)."""
    import hopfield_core as hc

    text = demos.DEMO_TEXT["half-erased"].now_try
    assert "upper half" in text and "center" in text
    names, pats, _probe = demos._erased_setup()
    p = pats.astype(np.int64)
    net = hc.store(pats, rule="hebbian")
    for region, back in (("left half", True), ("center", True), ("upper half", False)):
        probe = hc.occlude(pats[demos.ERASED_TARGET], demos.ERASED_GRID, region, value=-1)
        traj = hc.run(net, probe, mode="async", steps=30, rng=demos.ERASED_SEED)
        m = float(p[demos.ERASED_TARGET] @ traj.final.astype(np.int64)) / p.shape[1]
        assert (m > 0.99) is back, (region, m)


def test_storkey_look_text_matches_the_energy_curve():
    """The run reaches the memory within its first sweep, so the curve has no flat tail
    to point at; the text must describe what is on screen."""
    d = demos.compute_storkey_pictures()
    assert np.all(np.diff(d["energies"]) < 0)  # falls at every frame, no flat stretch
    assert "flattens" not in demos.DEMO_TEXT["storkey-pictures"].look
