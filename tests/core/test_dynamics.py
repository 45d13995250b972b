"""Tests for hopfield_core.dynamics: run, Trajectory, recall_batch."""

import math

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st
from hypothesis.extra import numpy as hnp

import hopfield_core as hc


def _random_patterns(rng, p, n):
    return rng.choice(np.array([-1, 1], dtype=np.int8), size=(p, n))


def _flip(rng, x, count):
    s = x.copy()
    idx = rng.choice(s.size, size=count, replace=False)
    s[idx] = -s[idx]
    return s


# -- a plain dense reference: the documented semantics, one unit at a time ----------
def reference_run(W, s0, mode, steps, theta=0.0, temperature=0.0, rng=None, frames_per_sweep=1):
    """The run() of DESIGN.md written the slow, obvious way with a dense W.

    Same documented draws as hc.run: per async sweep rng.permutation(N), then (T > 0)
    rng.random(N); per sync step at T > 0, rng.random(N). Ties (|h - theta| <= tol) keep.
    """
    rng = np.random.default_rng(rng)
    W = np.asarray(W, dtype=float)
    N = W.shape[0]
    theta = np.broadcast_to(np.asarray(theta, dtype=float), (N,))
    tol = 1e-9 * (np.abs(W).sum(axis=1).max() + np.abs(theta).max())
    s = np.asarray(s0, dtype=float).copy()

    def decide(x, cur, u):
        if temperature > 0:
            return 1.0 if u < 0.5 * (1.0 + math.tanh(x / temperature)) else -1.0
        return 1.0 if x > tol else (-1.0 if x < -tol else cur)

    def stable(v):
        return all(decide(W[i] @ v - theta[i], v[i], None) == v[i] for i in range(N))

    frames, converged, cycle = [s.copy()], False, 0
    if mode == "sync":
        for t in range(1, steps + 1):
            u = rng.random(N) if temperature > 0 else [None] * N
            s = np.array([decide(W[i] @ s - theta[i], s[i], u[i]) for i in range(N)])
            frames.append(s.copy())
            if temperature > 0:
                continue
            if stable(s):
                converged = True
                break
            if t >= 2 and np.array_equal(frames[-1], frames[-3]):
                cycle = 2
                break
    else:
        chunk = math.ceil(N / min(frames_per_sweep, N))
        for t in range(1, steps + 1):
            order = rng.permutation(N)
            u = rng.random(N) if temperature > 0 else [None] * N
            mark, flips = len(frames), 0
            for k, i in enumerate(order):
                new = decide(W[i] @ s - theta[i], s[i], u[k])
                flips += new != s[i]
                s[i] = new
                if (k + 1) % chunk == 0 or k + 1 == N:
                    frames.append(s.copy())
            if temperature > 0:
                continue
            if flips == 0:
                del frames[mark:-1]
                converged = True
                break
            if stable(s):
                converged = True
                break
    return np.array(frames, dtype=np.int8), converged, cycle


def _assert_same_run(traj, ref):
    states, converged, cycle = ref
    assert traj.states.shape == states.shape
    assert np.array_equal(traj.states, states)
    assert traj.converged == converged and traj.cycle == cycle


# -- the classic examples ----------------------------------------------------------
def test_run_six_unit_example_lands_on_second_pattern_in_one_sync_step():
    """The classic toy: the probe's overlap with the first pattern is negative (-2/6)."""
    X = np.array([[1, -1, 1, -1, 1, -1], [-1, 1, -1, 1, -1, 1]])
    net = hc.store(X, rule="hebbian")
    traj = hc.run(net, [1, 1, 1, 1, -1, 1], mode="sync", steps=10)
    assert traj.states[1].tolist() == [-1, 1, -1, 1, -1, 1]
    assert traj.converged and traj.stopped == "fixed point" and traj.cycle == 0
    assert traj.n_frames == 2 and traj.energies[1] < traj.energies[0]
    np.testing.assert_allclose(traj.overlaps(X)[1], [-1.0, 1.0])


def test_run_sync_detects_the_canonical_two_cycle():
    """W = (1/4)(J - I) from the all-ones pattern, N = 4, start [1, 1, -1, -1]:
    h = -s/4, every unit flips every step (THEORY.md 1.5)."""
    net = hc.store(np.ones((1, 4)), rule="hebbian")
    np.testing.assert_allclose(net.weights(), 0.25 * (np.ones((4, 4)) - np.eye(4)))
    for target in (net, net.weights()):
        traj = hc.run(target, [1, 1, -1, -1], mode="sync", steps=50)
        assert traj.cycle == 2 and not traj.converged and traj.stopped == "2-cycle"
        assert traj.states.tolist() == [[1, 1, -1, -1], [-1, -1, 1, 1], [1, 1, -1, -1]]
        assert traj.changed.all()


def test_run_ties_keep_their_value():
    """A field exactly equal to theta leaves the unit as it is (never drifts to +1)."""
    net = hc.store(np.ones((1, 5)), rule="hebbian")
    s = np.array([1, 1, -1, -1, -1])
    h = net.local_fields(s)
    np.testing.assert_allclose(h, [-0.4, -0.4, 0, 0, 0], atol=1e-15)
    traj = hc.run(net, s, mode="sync", steps=1)
    assert traj.states[1].tolist() == [-1, -1, -1, -1, -1]  # sign(0) -> +1 would give 1s
    W = np.array([[0.0, 1, -1], [1, 0, 1], [-1, 1, 0]])
    for mode in ("sync", "async"):
        for seed in range(4):
            traj = hc.run(W, [-1, 1, 1], mode=mode, steps=5, rng=seed)
            assert traj.final.tolist() == [-1, 1, 1] and traj.converged


def test_run_theta_scalar_and_per_unit():
    net = hc.store(np.array([[1, 1, 1, 1, 1, 1]]), rule="hebbian")
    s = np.array([1, 1, 1, 1, 1, 1])
    # h_i = 5/6 for every unit; theta above that turns the units off
    traj = hc.run(net, s, mode="sync", theta=1.0)
    assert traj.final.tolist() == [-1] * 6
    traj = hc.run(net, s, mode="sync", theta=[1, 1, 1, 0, 0, 0])
    assert traj.states[1].tolist() == [-1, -1, -1, 1, 1, 1]
    # theta enters the energy as + theta . s
    assert traj.energies[0] == pytest.approx(-0.5 * s @ net.weights() @ s + 3.0)


def test_run_records_trajectory_fields():
    rng = np.random.default_rng(10)
    X = _random_patterns(rng, 3, 64)
    net = hc.store(X)
    probe = _flip(rng, X[1], 12)
    traj = hc.run(net, probe, mode="async", steps=20, rng=1)
    T1 = traj.n_frames
    assert traj.states.dtype == np.int8 and traj.states.shape == (T1, 64)
    assert np.array_equal(traj.states[0], probe)
    assert traj.energies.shape == (T1,) and traj.energies.dtype == np.float64
    assert traj.sweeps.shape == (T1,) and traj.sweeps[0] == 0
    assert traj.n_sweeps == traj.sweeps[-1] == T1 - 1
    assert traj.changed.shape == (T1 - 1, 64)
    assert np.array_equal(traj.changed, traj.states[1:] != traj.states[:-1])
    assert traj.overlaps(X).shape == (T1, 3)
    assert np.array_equal(traj.final, X[1]) and traj.converged
    assert traj.frames_per_sweep == 1 and traj.frame_unit == "one sweep (64 unit updates)"
    np.testing.assert_allclose(traj.energies, [hc.energy(net, s) for s in traj.states])


def test_run_finer_frames_inside_a_sweep():
    rng = np.random.default_rng(11)
    X = _random_patterns(rng, 2, 100)
    net = hc.store(X)
    probe = _flip(rng, X[0], 30)
    coarse = hc.run(net, probe, steps=10, rng=5)
    fine = hc.run(net, probe, steps=10, rng=5, frames_per_sweep=16)
    # ceil(100 / 16) = 7 updates per frame -> 15 frames per sweep (the last has 2)
    assert fine.frames_per_sweep == 15 and fine.frame_unit == "1/15 sweep (7 unit updates)"
    assert np.array_equal(fine.final, coarse.final)
    whole = np.isclose(fine.sweeps, np.round(fine.sweeps))
    assert np.array_equal(fine.states[whole], coarse.states)
    assert np.all(np.diff(fine.sweeps) > 0)
    assert np.allclose(fine.sweeps[1:8], np.arange(1, 8) * 7 / 100)
    # at most 7 units change from one frame to the next
    assert fine.changed.sum(axis=1).max() <= 7


def test_run_starting_at_a_fixed_point_gives_two_states():
    X = np.array([[1, -1, 1, -1, 1, -1]])
    net = hc.store(X)
    for mode in ("sync", "async"):
        traj = hc.run(net, X[0], mode=mode, steps=1, frames_per_sweep=3, rng=0)
        assert traj.n_frames == 2 and traj.converged and traj.stopped == "fixed point"


def test_run_step_limit_reports_not_converged():
    rng = np.random.default_rng(12)
    X = _random_patterns(rng, 20, 60)  # overloaded: alpha = 0.33, long transients
    net = hc.store(X)
    probe = _random_patterns(rng, 1, 60)[0]
    traj = hc.run(net, probe, mode="sync", steps=1)
    assert traj.n_frames == 2
    if not traj.converged:
        assert traj.stopped == "step limit"


# -- the fast engine equals the dense reference --------------------------------------
@pytest.mark.parametrize("rule", ["hebbian", "storkey", "pseudoinverse"])
@pytest.mark.parametrize(
    "mode, temperature, fps",
    [("sync", 0.0, 1), ("async", 0.0, 1), ("async", 0.0, 4), ("async", 0.6, 2), ("sync", 0.6, 1)],
)
def test_run_equals_dense_reference_step_for_step(rule, mode, temperature, fps):
    rng = np.random.default_rng(13)
    for n, p, steps in [(30, 3, 20), (50, 12, 20), (40, 30, 15)]:
        X = _random_patterns(rng, p, n)
        net = hc.store(X, rule=rule)
        W = net.weights()
        theta = rng.normal(0, 0.05, n) if p == 12 else 0.0
        for trial in range(3):
            if trial < 2:
                probe = _flip(rng, X[trial % p], n // 4)
            else:
                probe = _random_patterns(rng, 1, n)[0]
            traj = hc.run(net, probe, mode=mode, steps=steps, theta=theta,
                          temperature=temperature, rng=trial, frames_per_sweep=fps)
            ref = reference_run(W, probe, mode, steps, theta, temperature, trial, fps)
            _assert_same_run(traj, ref)
            # the dense-matrix entry point follows the same path
            traj_w = hc.run(W, probe, mode=mode, steps=steps, theta=theta,
                            temperature=temperature, rng=trial, frames_per_sweep=fps)
            assert np.array_equal(traj_w.states, traj.states)


@pytest.mark.parametrize("block", [16, 64, 512])
@pytest.mark.parametrize("rule", ["hebbian", "storkey"])
def test_run_async_equals_reference_across_many_blocks(monkeypatch, rule, block):
    """N larger than a block, near capacity (many fields close to threshold), so that
    blocks are split, guesses are corrected and the accepted prefix varies."""
    from hopfield_core import engine

    monkeypatch.setattr(engine, "_BLOCK", block)
    rng = np.random.default_rng(26)
    n, p = 700, 90
    X = _random_patterns(rng, p, n)
    net = hc.store(X, rule=rule)
    W = net.weights()
    for temperature, probe, fps in [
        (0.0, _random_patterns(rng, 1, n)[0], 3),
        (0.0, _flip(rng, X[5], 200), 1),
        (0.4, _flip(rng, X[6], 100), 2),
    ]:
        traj = hc.run(net, probe, steps=6, temperature=temperature, rng=11, frames_per_sweep=fps)
        _assert_same_run(traj, reference_run(W, probe, "async", 6, 0.0, temperature, 11, fps))


@settings(max_examples=40)
@given(data=st.data())
def test_run_async_equals_reference_for_any_symmetric_matrix(data):
    """Any symmetric W with zero diagonal (not only learned ones), many ties included."""
    n = data.draw(st.integers(2, 24), label="n")
    A = data.draw(hnp.arrays(np.float64, (n, n), elements=st.sampled_from([-1.0, 0.0, 0.5, 1.0])))
    W = np.triu(A, 1)
    W = W + W.T
    s0 = data.draw(hnp.arrays(np.int8, n, elements=st.sampled_from([-1, 1])))
    seed = data.draw(st.integers(0, 2**16))
    traj = hc.run(W, s0, mode="async", steps=30, rng=seed, frames_per_sweep=n)
    _assert_same_run(traj, reference_run(W, s0, "async", 30, 0.0, 0.0, seed, n))


@settings(max_examples=60)
@given(data=st.data())
def test_run_energy_never_increases_async_zero_temperature(data):
    """Hopfield (1982): symmetric W, zero diagonal, T = 0 asynchronous updates never raise E
    (THEORY.md 1.5). Checked after every single unit update (frames_per_sweep = N)."""
    n = data.draw(st.integers(2, 30), label="n")
    A = data.draw(hnp.arrays(np.float64, (n, n), elements=st.floats(-1, 1, width=32)))
    W = np.triu(A, 1)
    W = W + W.T
    s0 = data.draw(hnp.arrays(np.int8, n, elements=st.sampled_from([-1, 1])))
    theta = data.draw(st.floats(-0.5, 0.5))
    traj = hc.run(W, s0, mode="async", steps=50, theta=theta, rng=data.draw(st.integers(0, 99)),
                  frames_per_sweep=n)
    assert np.all(np.diff(traj.energies) <= 1e-9)
    assert traj.converged  # a finite state space and a strictly falling energy


def test_run_is_deterministic_for_a_seed():
    rng = np.random.default_rng(14)
    X = _random_patterns(rng, 8, 300)
    net = hc.store(X, rule="storkey")
    probe = _flip(rng, X[2], 100)
    for temperature in (0.0, 0.5):
        a = hc.run(net, probe, steps=10, temperature=temperature, rng=42, frames_per_sweep=5)
        b = hc.run(net, probe, steps=10, temperature=temperature,
                   rng=np.random.default_rng(42), frames_per_sweep=5)
        assert np.array_equal(a.states, b.states)
        assert np.array_equal(a.energies, b.energies)
    c = hc.run(net, probe, steps=10, temperature=0.5, rng=43)
    d = hc.run(net, probe, steps=10, temperature=0.5, rng=42)
    assert not np.array_equal(c.states[1], d.states[1])  # another seed, another run


def test_run_never_mutates_its_inputs():
    rng = np.random.default_rng(15)
    X = _random_patterns(rng, 4, 50)
    net = hc.store(X)
    W = net.weights()
    probe = _flip(rng, X[0], 15)
    theta = rng.normal(0, 0.01, 50)
    copies = [a.copy() for a in (X, W, probe, theta)]
    gen = np.random.default_rng(0)
    for target in (net, W):
        for mode in ("sync", "async"):
            hc.run(target, probe, mode=mode, theta=theta, rng=gen, temperature=0.1)
            hc.recall_batch(target, np.stack([probe, probe]), mode=mode, theta=theta, rng=gen)
    for a, b in zip((X, W, probe, theta), copies):
        assert np.array_equal(a, b)
    assert np.array_equal(net.patterns, X)


# -- physics -------------------------------------------------------------------------
def test_hebbian_capacity_drops_around_alpha_0_14():
    """Amit, Gutfreund & Sompolinsky (PRL 55:1530, 1985): retrieval states (overlap
    ~0.97 or more) exist for alpha = P/N < 0.138 and vanish above (THEORY.md 1.1).

    N = 400, started at 40 stored patterns, asynchronous recall to a fixed point. Over
    6 seeds the mean final overlap was >= 0.997 at alpha = 0.1, 0.83-0.97 at 0.16 and
    0.58-0.71 at 0.2 (the finite-N transition is smeared around 0.14), so the test
    asserts retrieval below the transition (> 0.97), its loss above (< 0.8 at 0.2,
    < 0.6 at 0.3) and a monotone drop.
    """
    rng = np.random.default_rng(16)
    n = 400
    mean_overlap = []
    for alpha in (0.05, 0.1, 0.2, 0.3):
        p = int(alpha * n)
        X = _random_patterns(rng, p, n)
        net = hc.store(X, rule="hebbian")
        final, _ = hc.recall_batch(net, X[: min(p, 40)], mode="async", max_steps=40, rng=1)
        m = (final.astype(float) * X[: min(p, 40)]).sum(axis=1) / n
        mean_overlap.append(m.mean())
    assert mean_overlap[0] > 0.99 and mean_overlap[1] > 0.97
    assert mean_overlap[2] < 0.8 and mean_overlap[3] < 0.6
    assert np.all(np.diff(mean_overlap) < 0)


@pytest.mark.parametrize("temperature, m_theory, tol", [(0.5, 0.9575, 0.01), (0.75, 0.7755, 0.03)])
def test_glauber_magnetisation_follows_mean_field(temperature, m_theory, tol):
    """One stored pattern (alpha -> 0): the overlap fluctuates around the root of
    m = tanh(m / T) (THEORY.md 1.4). N = 1000, averaged over sweeps 20-80 after a
    start at the pattern; over 8 seeds the means fell within 0.002 (T = 0.5) and 0.009
    (T = 0.75) of theory; the tolerances leave a margin of 3-5x."""
    rng = np.random.default_rng(17)
    X = _random_patterns(rng, 1, 1000)
    net = hc.store(X)
    traj = hc.run(net, X[0], mode="async", steps=80, temperature=temperature, rng=3)
    assert traj.n_frames == 81 and not traj.converged and traj.stopped == "step limit"
    m = traj.overlaps(X)[20:, 0].mean()
    assert m == pytest.approx(m_theory, abs=tol)


def test_glauber_above_critical_temperature_loses_the_memory():
    """T = 1.5 > T_c = 1: the overlap decays to O(N^-1/2) (THEORY.md 1.4)."""
    rng = np.random.default_rng(18)
    X = _random_patterns(rng, 1, 1000)
    traj = hc.run(hc.store(X), X[0], steps=60, temperature=1.5, rng=4)
    assert abs(traj.overlaps(X)[20:, 0].mean()) < 0.15


# -- recall_batch ----------------------------------------------------------------------
@pytest.mark.parametrize("rule", ["hebbian", "storkey", "pseudoinverse"])
@pytest.mark.parametrize("mode", ["sync", "async"])
def test_recall_batch_recovers_patterns_and_matches_run_in_sync(rule, mode):
    rng = np.random.default_rng(19)
    X = _random_patterns(rng, 5, 120)
    net = hc.store(X, rule=rule)
    probes = np.stack([_flip(rng, X[i % 5], 15) for i in range(12)])
    final, conv = hc.recall_batch(net, probes, mode=mode, max_steps=30, rng=2)
    assert final.dtype == np.int8 and final.shape == probes.shape and conv.dtype == bool
    assert conv.all()
    assert np.array_equal(final, X[np.arange(12) % 5])
    if mode == "sync":
        for b in range(12):
            traj = hc.run(net, probes[b], mode="sync", steps=30)
            assert np.array_equal(final[b], traj.final) and conv[b] == traj.converged


@pytest.mark.parametrize("rule", ["hebbian", "storkey", "pseudoinverse"])
@pytest.mark.parametrize("n, batch", [(14, 30), (60, 40), (3000, 2)])
def test_recall_batch_async_equals_run_probe_by_probe(rule, n, batch):
    """Both batch paths (unit by unit for many probes, blocks for few) follow run()."""
    rng = np.random.default_rng(25)
    X = _random_patterns(rng, 8, n)
    net = hc.store(X, rule=rule)
    probes = np.stack([_flip(rng, X[b % 8], n // 3) for b in range(batch)])
    probes[-1] = _random_patterns(rng, 1, n)[0]
    final, conv = hc.recall_batch(net, probes, mode="async", max_steps=20, rng=9)
    for b in range(batch):
        traj = hc.run(net, probes[b], mode="async", steps=20, rng=9)
        assert np.array_equal(final[b], traj.final) and conv[b] == traj.converged


@pytest.mark.parametrize("block", [8, 128])
def test_recall_batch_async_equals_run_near_capacity(monkeypatch, block):
    """Random probes at alpha = 0.15: long transients, many corrected guesses per block."""
    from hopfield_core import engine

    monkeypatch.setattr(engine, "_BATCH_BLOCK", block)
    rng = np.random.default_rng(27)
    X = _random_patterns(rng, 45, 300)
    net = hc.store(X, rule="hebbian")
    probes = _random_patterns(rng, 6, 300)
    final, conv = hc.recall_batch(net, probes, mode="async", max_steps=8, rng=3)
    for b in range(6):
        traj = hc.run(net, probes[b], mode="async", steps=8, rng=3)
        assert np.array_equal(final[b], traj.final) and conv[b] == traj.converged


def test_recall_batch_async_ends_at_fixed_points_and_flags_cycles():
    rng = np.random.default_rng(20)
    X = _random_patterns(rng, 30, 80)
    net = hc.store(X)
    probes = _random_patterns(rng, 20, 80)
    final, conv = hc.recall_batch(net, probes, mode="async", max_steps=60, rng=1)
    H = net.local_fields(final.astype(float))
    assert conv.all()
    assert np.all((np.sign(H) == final) | (np.abs(H) < 1e-12))
    W = 0.25 * (np.ones((4, 4)) - np.eye(4))
    _, conv3 = hc.recall_batch(W, [[1, 1, -1, -1]], mode="sync", max_steps=10)
    assert not conv3[0]


# -- validation --------------------------------------------------------------------------
@pytest.fixture
def small_net():
    return hc.store(np.array([[1, -1, 1, -1], [1, 1, -1, -1]]))


@pytest.mark.parametrize(
    "kwargs, match",
    [
        (dict(state=[1, -1, 1]), r"3 units but the network has 4"),
        (dict(state=[1, 0.5, 1, -1]), "bipolar"),
        (dict(state=[1.0, np.nan, 1.0, -1.0]), "NaN"),
        (dict(state=[[1, -1], [1, -1, 1]]), "ragged|rectangular"),
        (dict(state=[]), "0 units"),
        (dict(mode="parallel"), r"mode must be one of \('sync', 'async'\); found 'parallel'"),
        (dict(steps=0), "steps must be >= 1; found 0"),
        (dict(steps=2.5), "whole number"),
        (dict(steps=True), "whole number"),
        (dict(temperature=-0.1), "temperature must be >= 0"),
        (dict(temperature=float("nan")), "finite"),
        (dict(theta=[0.1, 0.2]), r"theta must be a number or an array of 4 values"),
        (dict(theta=np.nan), "finite"),
        (dict(frames_per_sweep=0), "frames_per_sweep must be >= 1"),
        (dict(steps=10**9, frames_per_sweep=16), r"could record .* frames.*Lower steps"),
    ],
)
def test_run_rejects_bad_input_with_a_clear_message(small_net, kwargs, match):
    args = dict(state=[1, -1, 1, 1])
    args.update(kwargs)
    state = args.pop("state")
    with pytest.raises(ValueError, match=match):
        hc.run(small_net, state, **args)


@pytest.mark.parametrize(
    "W, match",
    [
        (np.ones((3, 4)), "square"),
        (np.array([[0, np.inf], [np.inf, 0]]), "NaN or infinite"),
        ("weights", "numbers"),
    ],
)
def test_run_rejects_bad_weight_matrix(W, match):
    with pytest.raises(ValueError, match=match):
        hc.run(W, [1, -1, 1])


def test_recall_batch_rejects_bad_input(small_net):
    with pytest.raises(ValueError, match="3 units per state"):
        hc.recall_batch(small_net, [[1, -1, 1]])
    with pytest.raises(ValueError, match="mode"):
        hc.recall_batch(small_net, [[1, -1, 1, 1]], mode="random")
    with pytest.raises(ValueError, match="max_steps"):
        hc.recall_batch(small_net, [[1, -1, 1, 1]], max_steps=0)
    with pytest.raises(ValueError, match="bipolar"):
        hc.recall_batch(small_net, [[1, -1, 1, 3]])


def test_overlaps_rejects_wrong_length(small_net):
    traj = hc.run(small_net, [1, -1, 1, 1], rng=0)
    with pytest.raises(ValueError, match=r"shape \(P, 4\)"):
        traj.overlaps(np.ones((2, 5)))


def test_run_and_recall_batch_dispatch_to_subclass_hooks():
    """The extension points the dense rules use: run()/recall_batch() validate, then call
    ``net.run_validated`` / ``net.recall_validated`` with normalised arguments."""
    seen = {}

    class Recorder(hc.Network):
        def run_validated(self, state, **kwargs):
            seen["run"] = (state, kwargs)
            return "ran"

        def recall_validated(self, states, **kwargs):
            seen["batch"] = (states, kwargs)
            return "final", "converged"

    net = Recorder(np.array([[1, -1, 1]]), "custom")
    assert hc.run(net, [1, 1, -1], mode="sync", steps=3, theta=0.5, rng=4,
                  frames_per_sweep=2) == "ran"
    state, kw = seen["run"]
    assert state.dtype == np.int8 and state.tolist() == [1, 1, -1]
    assert kw["mode"] == "sync" and kw["steps"] == 3 and kw["temperature"] == 0.0
    assert kw["theta"].tolist() == [0.5, 0.5, 0.5] and kw["frames_per_sweep"] == 2
    assert isinstance(kw["rng"], np.random.Generator) and kw["order"] == "random"
    assert hc.recall_batch(net, [[1, 1, -1]], max_steps=7) == ("final", "converged")
    assert seen["batch"][1]["max_steps"] == 7 and seen["batch"][0].shape == (1, 3)
    with pytest.raises(ValueError, match="has no weight matrix"):
        net.weights()
    with pytest.raises(ValueError, match="bipolar"):
        hc.run(net, [1, 0.5, -1])
