"""Tests for hopfield_core.experiments: capacity, basins, attractors and the theory helpers."""

import math

import numpy as np
import pytest

import hopfield_core as hc
from hopfield_core import experiments as ex


def _bipolar(rng, shape):
    return (rng.integers(0, 2, size=shape) * 2 - 1).astype(np.int8)


# ------------------------------------------------------------------------ capacity


def test_capacity_curve_hebbian_falls_past_0_14():
    """AGS 1985: Hebbian retrieval breaks down near alpha_c = 0.138 (finite N: softer)."""
    result = hc.capacity_curve(100, [5, 10, 25, 40], rules=["hebbian"], trials=6, noise=0.1,
                               rng=np.random.default_rng(3))
    fixed = result.fixed["hebbian"]
    overlap = result.overlap["hebbian"]
    assert fixed[0] >= 0.95 and fixed[1] >= 0.8
    assert fixed[2] <= 0.4 and fixed[3] <= 0.1
    assert overlap[0] > 0.97 and overlap[3] < 0.8
    assert np.all(np.diff(overlap) < 0.02)  # falling (up to sampling noise)
    assert result.completed == 4 and not result.stopped


def test_capacity_curve_pseudoinverse_is_perfect_below_half():
    """Personnaz et al. 1985 / Kanter & Sompolinsky 1987: every memory is a fixed point, alpha < 1."""
    ps = hc.load_grid(64, 0.5, 8)
    result = hc.capacity_curve(64, ps, rules=["pseudoinverse", "hebbian"], trials=4, noise=0.05,
                               rng=np.random.default_rng(7))
    assert np.all(result.fixed["pseudoinverse"] == 1.0)
    assert result.overlap["pseudoinverse"][-1] > result.overlap["hebbian"][-1]
    assert result.fixed["hebbian"][-1] < 0.2


def test_capacity_curve_storkey_beats_hebbian_at_0_2():
    """Storkey 1997: capacity N/sqrt(2 ln N) > Hebbian N/(2 ln N)."""
    result = hc.capacity_curve(100, [20], rules=["hebbian", "storkey"], trials=5, noise=0.1,
                               rng=np.random.default_rng(11))
    assert result.fixed["storkey"][0] > result.fixed["hebbian"][0] + 0.3


def test_capacity_curve_same_seed_same_numbers():
    a = hc.capacity_curve(48, [3, 9], rules=["hebbian"], trials=3, rng=5)
    b = hc.capacity_curve(48, [3, 9], rules=["hebbian"], trials=3, rng=5)
    assert a.rows() == b.rows()


def test_capacity_curve_sync_mode_runs():
    result = hc.capacity_curve(64, [3, 30], rules=["hebbian"], trials=3, mode="sync", rng=2)
    assert result.overlap["hebbian"][0] > 0.95 > result.overlap["hebbian"][1]


def test_capacity_curve_progress_false_stops_early_and_keeps_partial_results():
    calls = []

    def progress(fraction):
        calls.append(fraction)
        return len(calls) < 2

    result = hc.capacity_curve(40, [2, 4, 6, 8], rules=["hebbian"], trials=2, rng=1,
                               progress=progress)
    assert result.completed == 2 and result.stopped
    assert np.isfinite(result.fixed["hebbian"][:2]).all()
    assert np.isnan(result.fixed["hebbian"][2:]).all()
    assert len(result.rows()) == 2
    assert calls == sorted(calls) and 0 < calls[0] < calls[1] < 1


def test_capacity_curve_on_result_sees_each_partial_result():
    seen = []
    final = hc.capacity_curve(40, [2, 4, 6], trials=2, rng=1, on_result=seen.append)
    assert [r.completed for r in seen] == [1, 2, 3]
    assert np.isnan(seen[0].fixed["hebbian"][1]) and seen[-1].rows() == final.rows()


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"rules": ["nonsense"]}, "rule must be one of"),
        ({"rules": []}, "at least one"),
        ({"noise": 1.5}, "noise"),
        ({"trials": 0}, "trials"),
        ({"mode": "parallel"}, "mode"),
    ],
)
def test_capacity_curve_bad_settings_raise_value_error(kwargs, match):
    with pytest.raises(ValueError, match=match):
        hc.capacity_curve(20, [2, 4], **kwargs)


def test_capacity_curve_too_many_patterns_raises():
    with pytest.raises(ValueError, match="between 1 and 2N"):
        hc.capacity_curve(10, [5, 25])


def test_load_grid_gives_distinct_counts_within_range():
    ps = hc.load_grid(100, 0.4, 20)
    assert ps[0] >= 1 and ps[-1] == 40
    assert np.all(np.diff(ps) > 0)
    with pytest.raises(ValueError):
        hc.load_grid(100, 0.0, 5)


# --------------------------------------------------------------------- batched dynamics


@pytest.mark.parametrize("rule", ["hebbian", "storkey", "pseudoinverse", "exponential"])
@pytest.mark.parametrize("mode", ["async", "sync"])
def test_stacked_recall_ends_on_fixed_points_with_lower_energy(rule, mode):
    """The experiments' stacked recall (many networks at once): converged probes are fixed
    points of their own network, and asynchronous recall never raises the energy."""
    from hopfield_core.experiment_common import RuleSpec, recall_stack

    rng = np.random.default_rng(21)
    patterns = _bipolar(rng, (3, 6, 60))
    probes = _bipolar(rng, (3, 8, 60))
    finals, fixed = recall_stack(RuleSpec(rule), patterns, probes, mode=mode, max_steps=40,
                                 rng=np.random.default_rng(0))
    for t in range(3):
        net = hc.store(patterns[t], rule=rule)
        _, conv = hc.recall_batch(net, finals[t], mode="sync", max_steps=1)
        still = np.array_equal(hc.recall_batch(net, finals[t], mode="sync", max_steps=1)[0],
                               finals[t])
        assert still or mode == "sync"  # a sync run may stop in a 2-cycle
        if mode == "async":
            assert np.all(net.energy(finals[t]) <= net.energy(probes[t]) + 1e-9)
        stays = [np.array_equal(hc.run(net, p, mode="sync", steps=1).states[1], p)
                 for p in patterns[t]]
        assert fixed[t].tolist() == stays


def test_stacked_recall_of_one_network_is_recall_batch():
    """One network in the stack: the same orders, the same finals as recall_batch."""
    from hopfield_core.experiment_common import RuleSpec, recall_stack

    rng = np.random.default_rng(4)
    patterns = _bipolar(rng, (1, 6, 80))
    probes = _bipolar(rng, (1, 10, 80))
    for rule in ("hebbian", "storkey", "exponential"):
        finals, _ = recall_stack(RuleSpec(rule), patterns, probes, mode="async", max_steps=30,
                                 rng=np.random.default_rng(1))
        net = hc.store(patterns[0], rule=rule)
        ref, _ = hc.recall_batch(net, probes[0], max_steps=30, rng=np.random.default_rng(1))
        assert np.array_equal(finals[0], ref), rule


# ------------------------------------------------------------------------- basins


def test_basin_curve_falls_with_noise_and_inverts_past_half():
    result = hc.basin_curve(100, 5, [0.0, 0.1, 0.3, 0.45, 0.7], rules=["hebbian"], trials=5,
                            rng=np.random.default_rng(9))
    rec = result.recalled["hebbian"]
    assert rec[0] == 1.0 and rec[1] >= 0.95
    assert rec[3] < rec[1]
    assert rec[4] <= 0.05  # closer to the inverse, which is an attractor too
    assert len(result.rows()) == 5


def test_basin_curve_pseudoinverse_basins_shrink_with_load():
    """Kanter & Sompolinsky 1987: the radius of attraction falls as alpha grows."""
    low = hc.basin_curve(80, 8, [0.15], rules=["pseudoinverse"], trials=4, rng=3)
    high = hc.basin_curve(80, 48, [0.15], rules=["pseudoinverse"], trials=4, rng=3)
    assert low.recalled["pseudoinverse"][0] > high.recalled["pseudoinverse"][0]


# ---------------------------------------------------------------------- attractors


def test_classify_state_finds_inverse_and_three_mixture():
    rng = np.random.default_rng(2)
    x = _bipolar(rng, (5, 101))
    assert ex.classify_state(x[2], x) == ("memory", (2,), (1,), 0)
    assert ex.classify_state(-x[3], x) == ("inverse", (3,), (-1,), 0)
    mix = np.sign(x[0].astype(int) - x[1] + x[4]).astype(np.int8)
    assert ex.classify_state(mix, x) == ("mixture", (0, 1, 4), (1, -1, 1), 0)
    kind, members, _signs, _d = ex.classify_state(_bipolar(rng, (101,)), x)
    assert kind == "other" and len(members) == 1


def test_classify_state_tolerance_allows_a_few_wrong_units():
    rng = np.random.default_rng(8)
    x = _bipolar(rng, (3, 100))
    near = x[1].copy()
    near[:3] *= -1
    assert ex.classify_state(near, x)[0] == "other"
    assert ex.classify_state(near, x, tolerance=0.05) == ("memory", (1,), (1,), 3)


def test_find_attractors_classifies_inverse_and_mixture_starts():
    """AGS 1985: at small load, -xi and the symmetric 3-mixture are stable fixed points."""
    rng = np.random.default_rng(12)
    x = _bipolar(rng, (3, 301))
    net = hc.store(x)
    mix = np.sign(x.astype(int).sum(axis=0)).astype(np.int8)
    starts = np.stack([x[0], -x[1], -x[1], mix])
    result = hc.find_attractors(net, starts=starts, rng=0)
    by_kind = {a.kind: a for a in result.attractors}
    assert by_kind["inverse"].members == (1,) and by_kind["inverse"].count == 2
    assert by_kind["mixture"].members == (0, 1, 2) and by_kind["mixture"].signs == (1, 1, 1)
    assert by_kind["memory"].members == (0,)
    assert result.attractors[0].kind == "inverse"  # most frequent first
    assert result.counts_by_kind() == {"memory": 1, "inverse": 2, "mixture": 1, "other": 0}
    assert "inverse of memory 2" == by_kind["inverse"].label()
    assert by_kind["mixture"].label(["a", "b", "c"]) == "mixture of a, b, c"


def test_attractor_label_names_signs_of_a_mixed_mixture():
    x = _bipolar(np.random.default_rng(5), (3, 51))
    a = ex.Attractor(x[0], 3, "mixture", (0, 2), (1, -1), 0, np.zeros(3), -1.0, True)
    assert a.label() == "mixture +1 \u22123"
    b = ex.Attractor(x[0], 3, "mixture", (0, 1, 2), (-1, -1, -1), 2, np.zeros(3), -1.0, True)
    assert b.label(["p", "q", "r"]) == "inverted mixture of p, q, r (2 units off)"


def test_find_attractors_random_starts_count_all_starts():
    rng = np.random.default_rng(13)
    net = hc.store(_bipolar(rng, (4, 100)))
    result = hc.find_attractors(net, n_starts=60, rng=1)
    assert sum(a.count for a in result.attractors) == 60
    counts = result.counts_by_kind()
    assert counts["memory"] + counts["inverse"] > 30
    energies = [a.energy for a in result.attractors if a.kind in ("memory", "inverse")]
    assert max(energies) < min(a.energy for a in result.attractors if a.kind == "other") \
        if counts["other"] else True


def test_find_attractors_rejects_bad_starts():
    net = hc.store(_bipolar(np.random.default_rng(0), (2, 10)))
    with pytest.raises(ValueError, match="starts"):
        hc.find_attractors(net, starts=np.zeros((3, 10)))


# -------------------------------------------------------------------------- theory


@pytest.mark.parametrize(
    "n, most, every, storkey",
    [(100, 10.9, 5.4, 33.0), (400, 33.4, 16.7, 115.6), (1000, 72.4, 36.2, 269.0),
     (4096, 246.2, 123.1, 1004)],
)
def test_capacity_formulas_match_theory_table(n, most, every, storkey):
    """THEORY.md 1.1 table: McEliece et al. 1987 and Storkey 1997 values."""
    assert hc.mceliece_capacity(n) == pytest.approx(most, abs=0.06)
    assert hc.mceliece_capacity(n, every_pattern=True) == pytest.approx(every, abs=0.06)
    assert hc.storkey_capacity(n) == pytest.approx(storkey, rel=2e-3)


def test_dense_capacity_matches_krotov_hopfield_values():
    """Krotov & Hopfield 2016 at N = 100: n = 2: 11, n = 3: 362, n = 4: 7238."""
    assert hc.dense_capacity(100, 2) == pytest.approx(hc.mceliece_capacity(100))
    assert round(hc.dense_capacity(100, 3)) == 362
    assert round(hc.dense_capacity(100, 4)) == 7238


@pytest.mark.parametrize("alpha, p_bit", [(0.105, 0.001), (0.138, 0.0036), (0.185, 0.01),
                                          (0.37, 0.05), (0.61, 0.10)])
def test_bit_error_probability_matches_hertz_krogh_palmer_table(alpha, p_bit):
    """Hertz, Krogh & Palmer 1991, Table 2.1: P(bit unstable) = Phi(-1/sqrt(alpha))."""
    n = 1_000_001
    got = hc.bit_error_probability(n, alpha * (n - 1) + 1)
    assert got == pytest.approx(p_bit, rel=0.1)


def test_pattern_error_probability_and_edge_cases():
    assert hc.bit_error_probability(100, 1) == 0.0
    pb = hc.bit_error_probability(100, 14)
    assert pb == pytest.approx(0.5 * math.erfc(math.sqrt(99 / 13) / math.sqrt(2)))
    assert hc.pattern_error_probability(100, 14) == pytest.approx(1 - (1 - pb) ** 100)
    arr = hc.bit_error_probability(100, np.array([1, 5, 50]))
    assert arr.shape == (3,) and np.all(np.diff(arr) > 0)
    with pytest.raises(ValueError):
        hc.bit_error_probability(1, 3)


def test_theory_capacity_per_rule():
    assert hc.theory_capacity("hebbian", 100) == pytest.approx(13.8)
    assert hc.theory_capacity("pseudoinverse", 100) == 100
    assert hc.theory_capacity("dense", 100, degree=3) == pytest.approx(hc.dense_capacity(100, 3))
    assert hc.theory_capacity("exponential", 20) == 2.0**10
    assert hc.AGS_ALPHA_C == 0.138


def test_find_attractors_sync_two_cycle_is_not_converged():
    """THEORY.md 1.5: W = (J - I)/4 from the all-ones pattern, start [1, 1, -1, -1] oscillates."""
    net = hc.store(np.ones((1, 4), dtype=np.int8))
    sync = hc.find_attractors(net, starts=np.array([[1, 1, -1, -1]]), mode="sync", max_steps=10)
    assert not sync.attractors[0].converged
    asyn = hc.find_attractors(net, starts=np.array([[1, 1, -1, -1]]), mode="async", rng=0)
    assert asyn.attractors[0].converged
    assert asyn.attractors[0].kind in ("memory", "inverse")


def test_load_grid_single_load_and_clear_errors():
    """A range of one load (alpha_min == alpha_max) is one point, not an error."""
    assert hc.load_grid(100, 0.3, 5, alpha_min=0.3).tolist() == [30]
    with pytest.raises(ValueError, match="alpha_min <= alpha_max"):
        hc.load_grid(100, 0.2, 5, alpha_min=0.3)
    with pytest.raises(ValueError, match="less than one pattern"):
        hc.load_grid(100, 0.001, 5)


def test_attractor_rows_name_their_members():
    """The CSV's memory numbers (1-based) come with the memories' names beside them."""
    rng = np.random.default_rng(11)
    pats = rng.choice([-1, 1], size=(3, 64)).astype(np.int8)
    found = hc.find_attractors(hc.store(pats), starts=pats.astype(np.int8), rng=0)
    rows = found.rows(["zero", "one", "two"])
    by_members = {r["members"]: r["member_names"] for r in rows if r["kind"] == "memory"}
    assert by_members == {"1": "zero", "2": "one", "3": "two"}


# ------------------------------------------------------------ progressive results


def test_progress_gets_each_partial_result_and_a_time_estimate():
    seen = []

    def progress(fraction, partial):
        seen.append((fraction, partial))
        return len(seen) < 3  # stop after the third load

    res = hc.capacity_curve(40, [2, 4, 6, 8, 10], rules=["hebbian", "storkey"], trials=2,
                            rng=1, progress=progress)
    assert [p.completed for _, p in seen] == [1, 2, 3] and res.completed == 3
    fractions = [f for f, _ in seen]
    assert fractions == sorted(fractions) and 0 < fractions[0] < fractions[-1] < 1
    for f, p in seen:
        assert p.done_fraction == pytest.approx(f)
        assert p.elapsed >= 0 and p.remaining >= 0
        assert np.all(np.isnan(p.recalled["hebbian"][p.completed:]))
        assert np.all(np.isfinite(p.recalled["hebbian"][:p.completed]))
    # the old one-argument callback still works, and never gets a partial result
    calls = []
    hc.basin_curve(40, 3, [0.0, 0.2], trials=2, rng=1, progress=lambda f: calls.append(f))
    assert calls == [0.5, 1.0]
    got = []
    out = hc.basin_curve(40, 3, [0.0, 0.2], trials=2, rng=1,
                         progress=lambda f, partial=None: got.append(partial.completed))
    assert got == [1, 2] and out.remaining == 0.0


@pytest.mark.parametrize("order", ["sequential", "replacement"])
def test_experiments_take_an_update_order(order):
    """The order reaches the recalls: one network's stacked recall equals recall_batch
    with that order, and the curves still make sense."""
    from hopfield_core.experiment_common import RuleSpec, recall_stack

    rng = np.random.default_rng(8)
    patterns = _bipolar(rng, (1, 5, 64))
    probes = _bipolar(rng, (1, 6, 64))
    for rule in ("hebbian", "dense"):
        finals, _ = recall_stack(RuleSpec(rule), patterns, probes, mode="async", order=order,
                                 max_steps=30, rng=np.random.default_rng(2))
        net = hc.store(patterns[0], rule=rule)
        ref, _ = hc.recall_batch(net, probes[0], max_steps=30, order=order,
                                 rng=np.random.default_rng(2))
        assert np.array_equal(finals[0], ref), rule
    res = hc.capacity_curve(64, [3, 20], trials=3, order=order, rng=1)
    assert res.recalled["hebbian"][0] == 1.0 and res.recalled["hebbian"][1] < 0.5
    res = hc.basin_curve(64, 3, [0.0, 0.7], trials=3, order=order, rng=1)
    assert res.recalled["hebbian"].tolist() == [1.0, 0.0]
    net = hc.store(patterns[0])
    found = hc.find_attractors(net, n_starts=30, order=order, rng=1)
    assert sum(a.count for a in found.attractors) == 30
    with pytest.raises(ValueError, match="order"):
        hc.capacity_curve(64, [3], order="backwards")


@pytest.mark.parametrize("rule", ["hebbian", "storkey", "pseudoinverse"])
@pytest.mark.parametrize("mode, order", [("async", "random"), ("async", "replacement"),
                                         ("sync", "random")])
@pytest.mark.parametrize("kept", ["fields", "overlaps"])
def test_kept_fields_stack_equals_the_generic_stack(monkeypatch, rule, mode, order, kept):
    """The classic rules' stacks (WeightStack: fields kept up to date; FactorStack:
    overlaps with the factors; changes added to the changed states or to all) give
    exactly what the stack of the networks' own models gives."""
    from hopfield_core import engine, experiment_common
    from hopfield_core.experiment_common import RuleSpec, recall_stack

    monkeypatch.setattr(experiment_common, "_FACTORS_BELOW", 0.0 if kept == "fields" else 1.0)

    rng = np.random.default_rng(12)
    patterns = _bipolar(rng, (3, 14, 90))
    probes = patterns.copy()
    flips = rng.random(probes.shape) < 0.3
    probes[flips] *= -1
    kw = dict(mode=mode, order=order, max_steps=25)
    fast = recall_stack(RuleSpec(rule), patterns, probes, rng=np.random.default_rng(5), **kw)
    monkeypatch.setattr(experiment_common, "STACK_BYTES", 0)
    slow = recall_stack(RuleSpec(rule), patterns, probes, rng=np.random.default_rng(5), **kw)
    assert np.array_equal(fast[0], slow[0]) and np.array_equal(fast[1], slow[1])
    monkeypatch.setattr(experiment_common, "STACK_BYTES", 10**12)
    for share in (0.0, 2.0):  # changes added to every state's fields / to the changed only
        monkeypatch.setattr(engine, "_WHOLE_SLICES_FROM", share)
        again = recall_stack(RuleSpec(rule), patterns, probes, rng=np.random.default_rng(5),
                             **kw)
        assert np.array_equal(fast[0], again[0]) and np.array_equal(fast[1], again[1])


@pytest.mark.parametrize("below", [0.0, 1.0])  # dense N W / the patterns as factors
@pytest.mark.parametrize("n_units, count", [(64, 10), (100, 9), (50, 26)])
def test_integer_hebbian_stack_decides_as_float64(monkeypatch, n_units, count, below):
    """The Hebbian stack in float32 (N W, integer fields) takes every decision, ties
    included, as the float64 stack of W does: even N and P make zero fields common."""
    from hopfield_core import experiment_common
    from hopfield_core.experiment_common import RuleSpec, recall_stack

    monkeypatch.setattr(experiment_common, "_FACTORS_BELOW", below)
    rng = np.random.default_rng(n_units)
    patterns = _bipolar(rng, (4, count, n_units))
    probes = patterns.copy()
    probes[rng.random(probes.shape) < 0.25] *= -1
    for mode in ("async", "sync"):
        kw = dict(mode=mode, max_steps=30)
        exact = recall_stack(RuleSpec("hebbian"), patterns, probes,
                             rng=np.random.default_rng(1), **kw)
        with monkeypatch.context() as m:
            m.setattr(experiment_common, "_integer_hebbian", lambda spec, p: False)
            wide = recall_stack(RuleSpec("hebbian"), patterns, probes,
                                rng=np.random.default_rng(1), **kw)
        assert np.array_equal(exact[0], wide[0]) and np.array_equal(exact[1], wide[1])


@pytest.mark.parametrize("which", ["capacity", "basins"])
def test_threads_change_no_number_and_a_stop_still_stops(which):
    """Points computed on one thread or three give the same curves; a stop after the
    second point keeps two points, whichever thread finished first."""
    rules = ("hebbian", "storkey", "pseudoinverse")

    def compute(workers, progress=None):
        if which == "capacity":
            return hc.capacity_curve(48, [4, 8, 12, 16], rules=rules, trials=3, rng=9,
                                     workers=workers, progress=progress)
        return hc.basin_curve(48, 6, [0.0, 0.2, 0.4, 0.5], rules=rules, trials=3, rng=9,
                              workers=workers, progress=progress)

    one, three = compute(1), compute(3)
    for key in ("recalled", "overlap"):
        for rule in rules:
            assert np.array_equal(getattr(one, key)[rule], getattr(three, key)[rule])
    seen = []
    stopped = compute(3, lambda fraction: seen.append(fraction) or len(seen) < 2)
    assert stopped.completed == 2 and stopped.stopped and len(seen) == 2
    with pytest.raises(ValueError, match="workers"):
        compute(0)


def test_storkey_stages_are_the_networks_learned_from_scratch():
    """The Capacity sweep learns each Storkey trial once, load after load; every load's
    network is bit for bit the one learned from its own patterns, asked for in any order."""
    from hopfield_core.experiment_common import RuleSpec, StorkeyStages

    rng = np.random.default_rng(4)
    pool = _bipolar(rng, (3, 30, 40))
    counts = np.array([3, 11, 12, 30])
    stages = StorkeyStages(pool, counts)
    for count in (11, 3, 30, 12):
        for x, net in zip(pool, stages.networks(count)):
            fresh = hc.store(x[:count], rule="storkey")
            assert all(np.array_equal(a, b) for a, b in zip(net.factors(), fresh.factors()))
    assert StorkeyStages.applies(RuleSpec("storkey"), counts)
    assert not StorkeyStages.applies(RuleSpec("storkey"), np.array([5, 5, 9]))  # repeated load
    assert not StorkeyStages.applies(RuleSpec("hebbian"), counts)


def test_a_stack_recalls_plus_minus_one_states_only():
    """The stacks' sweep decides flips (s -> -s); a state with an undecided 0 unit is
    refused with a message rather than recalled under the wrong rule."""
    from hopfield_core.experiment_common import RuleSpec, weight_stack

    rng = np.random.default_rng(3)
    patterns = _bipolar(rng, (2, 4, 40))
    nets = [hc.store(p) for p in patterns]
    stack = weight_stack(RuleSpec("hebbian"), patterns, nets).for_states(np.array([0, 1]))
    states = patterns[:, 0].astype(np.float64)
    states[1, 5] = 0
    with pytest.raises(ValueError, match=r"\+1 and -1"):
        stack.recall(states, mode="async", max_steps=5, theta=np.zeros(40),
                     rng=np.random.default_rng(0))
    states[1, 5] = 1
    finals, converged = stack.recall(states, mode="async", max_steps=5, theta=np.zeros(40),
                                     rng=np.random.default_rng(0))
    assert converged.all() and np.array_equal(finals[0], patterns[0, 0])
