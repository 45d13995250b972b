"""Tests for hopfield_core.dense: dense (x^n), exponential and modern Hopfield networks.

The reference implementations below are literal transcriptions of the energies in
the module docstring (exact rationals for the polynomial rule), updated one unit at
a time: the fast block dynamics must agree with them exactly.
"""

import math
import warnings
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import hopfield_core as hc
from hopfield_core.dense import DenseNetwork, ExponentialNetwork, ModernNetwork
from hopfield_core.engine import recall_model


def _bipolar(rng, shape):
    return np.where(rng.random(shape) < 0.5, -1, 1).astype(np.int8)


def _flip(pattern, count, rng):
    out = pattern.copy()
    out[rng.choice(pattern.size, count, replace=False)] *= -1
    return out


def _noisy_rows(X, fraction, rng):
    count = int(round(fraction * X.shape[1]))
    return np.stack([_flip(x, count, rng) for x in X])


# -- literal reference ------------------------------------------------------------
def _reference_parts(rule, X, s, theta, degree):
    """E from the definitions, as (exact rational part, float log part)."""
    P, N = X.shape
    q = [int(v) for v in X.astype(np.int64) @ s.astype(np.int64)]
    bias = sum(Fraction(float(t)) * int(v) for t, v in zip(theta, s))
    if rule == "dense":
        n = degree
        E = -Fraction(N, n) * sum(Fraction(v, N) ** n for v in q)
        if n == 2:
            E += Fraction(P, 2)
        return E + bias, 0.0
    # -lse(q) = -(max q) - log sum exp(q - max q): the shift is kept exact
    top = max(q)
    return bias - top, -math.log(math.fsum(math.exp(v - top) for v in q))


def _reference_energy(rule, X, s, theta, degree=2):
    exact, logpart = _reference_parts(rule, X, s, theta, degree)
    return float(exact) + logpart


def _reference_lowers(rule, X, new, old, theta, degree):
    """E(new) < E(old), exact up to the rounding of the log parts (exactly 0 when
    every pattern's overlap moves alike)."""
    e1, l1 = _reference_parts(rule, X, new, theta, degree)
    e0, l0 = _reference_parts(rule, X, old, theta, degree)
    return (e1 - e0) + Fraction(l1 - l0) < 0


def _reference_async(rule, X, s, theta, orders, degree=2):
    """Sequential updates in the given orders: flip a unit when that lowers E."""
    s = s.astype(np.int64).copy()
    for order in orders:
        for i in order:
            t = s.copy()
            t[i] = -t[i]
            if _reference_lowers(rule, X, t, s, theta, degree):
                s = t
    return s


def _reference_sync_step(rule, X, s, theta, degree=2):
    s = s.astype(np.int64)
    new = s.copy()
    for i in range(s.size):
        t = s.copy()
        t[i] = -t[i]
        if _reference_lowers(rule, X, t, s, theta, degree):
            new[i] = -new[i]
    return new


_THETAS = st.sampled_from([0.0, 0.25, -0.5, 1.0])


# -- the fast dynamics equal the literal reference ---------------------------------
@settings(max_examples=60)
@given(
    n_units=st.integers(3, 12),
    n_patterns=st.integers(1, 6),
    degree=st.integers(2, 5),
    theta=_THETAS,
    seed=st.integers(0, 2**32 - 1),
)
def test_dense_async_sweeps_equal_literal_reference(n_units, n_patterns, degree, theta, seed):
    """Exact sequential semantics of the block updates, ties (dE = 0) keep the value."""
    rng = np.random.default_rng(seed)
    X = _bipolar(rng, (n_patterns, n_units))
    s = _bipolar(rng, n_units)
    th = np.full(n_units, theta)
    net = hc.store(X, "dense", degree=degree)
    for steps in (1, 2, 3):
        traj = hc.run(net, s, mode="async", steps=steps, theta=theta, rng=seed)
        g = np.random.default_rng(seed)
        orders = [g.permutation(n_units) for _ in range(traj.n_frames - 1)]
        ref = _reference_async("dense", X, s, th, orders, degree)
        np.testing.assert_array_equal(traj.final, ref)


@settings(max_examples=40)
@given(
    n_units=st.integers(3, 12),
    n_patterns=st.integers(1, 6),
    theta=_THETAS,
    seed=st.integers(0, 2**32 - 1),
)
def test_exponential_async_sweeps_equal_literal_reference(n_units, n_patterns, theta, seed):
    rng = np.random.default_rng(seed)
    X = _bipolar(rng, (n_patterns, n_units))
    s = _bipolar(rng, n_units)
    net = hc.store(X, "exponential")
    traj = hc.run(net, s, mode="async", steps=3, theta=theta, rng=seed)
    g = np.random.default_rng(seed)
    orders = [g.permutation(n_units) for _ in range(traj.n_frames - 1)]
    ref = _reference_async("exponential", X, s, np.full(n_units, theta), orders)
    np.testing.assert_array_equal(traj.final, ref)


@settings(max_examples=40)
@given(
    n_units=st.integers(3, 12),
    n_patterns=st.integers(1, 6),
    rule=st.sampled_from(["dense2", "dense3", "dense4", "exponential"]),
    temperature=st.floats(0.05, 5.0),
    seed=st.integers(0, 2**32 - 1),
)
def test_glauber_sweep_equals_literal_reference(n_units, n_patterns, rule, temperature, seed):
    """At T > 0 each unit of the order is set to +1 with probability
    1 / (1 + exp(-2 x / T)), x = s_i dE_i / 2 where dE_i is the exact energy change
    of flipping it, using the engine's draws: per sweep rng.permutation(N), then
    rng.random(N), the k-th uniform for the k-th unit of the order."""
    rng = np.random.default_rng(seed)
    X = _bipolar(rng, (n_patterns, n_units))
    s0 = _bipolar(rng, n_units)
    theta = np.full(n_units, 0.25)
    kind, degree = ("dense", int(rule[5:])) if rule.startswith("dense") else (rule, 2)
    net = hc.store(X, kind, degree=degree) if kind == "dense" else hc.store(X, kind)
    traj = hc.run(net, s0, steps=2, theta=theta, temperature=temperature, rng=seed)
    g = np.random.default_rng(seed)
    s = s0.astype(np.int64).copy()
    for frame in traj.states[1:]:
        order, u = g.permutation(n_units), g.random(n_units)
        for k, i in enumerate(order):
            t = s.copy()
            t[i] = -t[i]
            e1, l1 = _reference_parts(kind, X, t, theta, degree)
            e0, l0 = _reference_parts(kind, X, s, theta, degree)
            x = s[i] * (float(e1 - e0) + (l1 - l0)) / 2.0
            p_up = 1.0 / (1.0 + math.exp(min(700.0, -2.0 * x / temperature)))
            s[i] = 1 if u[k] < p_up else -1
        np.testing.assert_array_equal(frame, s)


@settings(max_examples=40)
@given(
    n_units=st.integers(3, 12),
    n_patterns=st.integers(1, 6),
    degree=st.integers(2, 5),
    theta=_THETAS,
    seed=st.integers(0, 2**32 - 1),
)
def test_sync_step_equals_literal_reference(n_units, n_patterns, degree, theta, seed):
    rng = np.random.default_rng(seed)
    X = _bipolar(rng, (n_patterns, n_units))
    s = _bipolar(rng, n_units)
    th = np.full(n_units, theta)
    for rule in ("dense", "exponential"):
        net = hc.store(X, rule, degree=degree) if rule == "dense" else hc.store(X, rule)
        traj = hc.run(net, s, mode="sync", steps=1, theta=theta)
        np.testing.assert_array_equal(
            traj.states[1], _reference_sync_step(rule, X, s, th, degree)
        )


@settings(max_examples=40)
@given(
    n_units=st.integers(2, 12),
    n_patterns=st.integers(1, 6),
    degree=st.integers(2, 6),
    seed=st.integers(0, 2**32 - 1),
)
def test_energy_matches_the_documented_formula(n_units, n_patterns, degree, seed):
    rng = np.random.default_rng(seed)
    X = _bipolar(rng, (n_patterns, n_units))
    S = _bipolar(rng, (3, n_units))
    theta = rng.normal(size=n_units)
    dense = hc.store(X, "dense", degree=degree)
    expo = hc.store(X, "exponential")
    for s, e_dense, e_exp in zip(S, dense.energy(S, theta), expo.energy(S, theta)):
        assert e_dense == pytest.approx(float(_reference_energy("dense", X, s, theta, degree)),
                                        rel=1e-12, abs=1e-12)
        assert e_exp == pytest.approx(_reference_energy("exponential", X, s, theta),
                                      rel=1e-12, abs=1e-12)


# -- energy never increases ---------------------------------------------------------
@settings(max_examples=50)
@given(
    n_units=st.integers(4, 40),
    n_patterns=st.integers(1, 12),
    rule=st.sampled_from(["dense2", "dense3", "dense4", "dense7", "exponential"]),
    theta=st.floats(-1.0, 1.0),
    seed=st.integers(0, 2**32 - 1),
)
def test_energy_never_increases_under_async_updates(n_units, n_patterns, rule, theta, seed):
    """Recorded after every single unit update (frames_per_sweep = N)."""
    rng = np.random.default_rng(seed)
    X = _bipolar(rng, (n_patterns, n_units))
    if rule.startswith("dense"):
        net = hc.store(X, "dense", degree=int(rule[5:]))
    else:
        net = hc.store(X, "exponential")
    traj = hc.run(net, _bipolar(rng, n_units), steps=60, theta=theta, rng=seed,
                  frames_per_sweep=n_units)
    assert traj.converged
    scale = max(1.0, float(np.abs(traj.energies).max()))
    assert np.all(np.diff(traj.energies) <= 1e-12 * scale)
    # the recorded energies are the network's energy of the recorded states
    np.testing.assert_allclose(traj.energies, net.energy(traj.states, theta),
                               rtol=1e-12, atol=1e-9)


@settings(max_examples=30)
@given(
    n_units=st.integers(4, 60),
    n_patterns=st.integers(1, 12),
    beta=st.floats(0.1, 200.0),
    seed=st.integers(0, 2**32 - 1),
)
def test_modern_energy_never_increases(n_units, n_patterns, beta, seed):
    """The update is the concave-convex step of its energy (Ramsauer et al. 2020)."""
    rng = np.random.default_rng(seed)
    X = _bipolar(rng, (n_patterns, n_units))
    traj = hc.run(hc.store(X, "modern", beta=beta), _bipolar(rng, n_units), steps=20,
                  theta=0.1)
    scale = max(1.0, float(np.abs(traj.energies).max()))
    assert np.all(np.diff(traj.energies) <= 1e-9 * scale)


# -- degree 2 is the classic Hebbian network ----------------------------------------
@pytest.mark.parametrize("mode", ["async", "sync"])
@pytest.mark.parametrize(
    "theta, temperature, frames", [(0.0, 0.0, 1), (0.25, 0.0, 3), (0.0, 0.6, 2), (0.1, 0.3, 1)]
)
def test_dense_degree_2_gives_the_hebbian_trajectory(mode, theta, temperature, frames):
    """Same seed, same frames, same energies, same stopping reason."""
    rng = np.random.default_rng(7)
    for trial in range(25):
        n_units = int(rng.integers(4, 50))
        X = _bipolar(rng, (int(rng.integers(1, 12)), n_units))
        s = _bipolar(rng, n_units)
        kwargs = dict(mode=mode, steps=25, theta=theta, temperature=temperature,
                      rng=trial, frames_per_sweep=frames)
        a = hc.run(hc.store(X, "hebbian"), s, **kwargs)
        b = hc.run(hc.store(X, "dense", degree=2), s, **kwargs)
        np.testing.assert_array_equal(a.states, b.states)
        np.testing.assert_allclose(a.energies, b.energies, rtol=1e-12, atol=1e-9)
        np.testing.assert_array_equal(a.sweeps, b.sweeps)
        assert (a.converged, a.cycle, a.stopped, a.frame_unit) == (
            b.converged, b.cycle, b.stopped, b.frame_unit)


def test_dense_degree_2_ties_keep_their_value_like_hebbian():
    """The 4 rows of a Hadamard matrix give W = (X^T X - 4 I) / 4 = 0: every field is
    exactly 0, a tie, so no state may move (a sign(0) = +1 convention would move it)."""
    X = np.array([[1, 1, 1, 1], [1, -1, 1, -1], [1, 1, -1, -1], [1, -1, -1, 1]])
    s = np.array([1, -1, -1, -1])
    dense = hc.store(X, "dense", degree=2)
    np.testing.assert_array_equal(dense.local_fields(s), hc.store(X).local_fields(s))
    assert np.all(dense.local_fields(s) == 0.0)
    for mode in ("async", "sync"):
        for theta in (0.0, np.zeros(4)):
            traj = hc.run(dense, s, mode=mode, theta=theta, rng=0)
            assert traj.converged and traj.n_frames == 2
            np.testing.assert_array_equal(traj.final, s)


@pytest.mark.parametrize("mode", ["async", "sync"])
def test_dense_degree_2_recall_batch_equals_hebbian(mode):
    rng = np.random.default_rng(11)
    X = _bipolar(rng, (12, 60))
    probes = _noisy_rows(np.repeat(X, 3, axis=0), 0.25, rng)
    a = hc.recall_batch(hc.store(X, "hebbian"), probes, mode=mode, rng=4)
    b = hc.recall_batch(hc.store(X, "dense", degree=2), probes, mode=mode, rng=4)
    np.testing.assert_array_equal(a[0], b[0])
    np.testing.assert_array_equal(a[1], b[1])
    # degree 2 hands batches to the Hebbian engine; this module's own batched
    # dynamics (unit by unit for many probes, blocks for few) must agree with it
    dense = hc.store(X, "dense", degree=2)
    for rows in (slice(None), slice(5, 6)):
        own = recall_model(dense.engine_model(), probes[rows], mode=mode, max_steps=50,
                           theta=np.zeros(60), rng=np.random.default_rng(4))
        ref = hc.recall_batch(hc.store(X, "hebbian"), probes[rows], mode=mode, rng=4)
        np.testing.assert_array_equal(own[0], ref[0])
        np.testing.assert_array_equal(own[1], ref[1])


def test_dense_degree_2_weights_and_fields_are_hebbian():
    rng = np.random.default_rng(3)
    X = _bipolar(rng, (5, 30))
    S = _bipolar(rng, (4, 30))
    dense = hc.store(X, "dense", degree=2)
    np.testing.assert_array_equal(dense.weights(), hc.train(X, "hebbian"))
    np.testing.assert_allclose(dense.local_fields(S), hc.store(X).local_fields(S),
                               atol=1e-12)
    np.testing.assert_allclose(dense.energy(S), hc.store(X).energy(S), atol=1e-12)


# -- recall ------------------------------------------------------------------------
def test_exponential_recalls_200_patterns_at_n_100_from_10_percent_noise():
    """Demircigil et al. (2017): capacity exp(alpha N), alpha < I(1 - 2 rho) / 2 = 0.18
    at rho = 0.1, i.e. ~1e8 patterns at N = 100 (THEORY.md 1.7), so 200 are far inside.

    Criterion: a probe is recalled when the final state equals its pattern exactly;
    we require at least 98% of the 200 (the theory says all of them).
    """
    rng = np.random.default_rng(2017)
    X = _bipolar(rng, (200, 100))
    probes = _noisy_rows(X, 0.1, rng)
    final, converged = hc.recall_batch(hc.store(X, "exponential"), probes, rng=1)
    recalled = (final == X).all(axis=1)
    assert recalled.mean() >= 0.98
    assert converged.all()
    # one of them through run(), which must agree
    traj = hc.run(hc.store(X, "exponential"), probes[17], rng=5)
    np.testing.assert_array_equal(traj.final, X[17])


def test_cubic_network_keeps_recalling_well_past_14_patterns_at_n_100():
    """Krotov & Hopfield (2016): K ~ N^(n-1) / (2 (2n-3)!! ln N) is 362 for n = 3 at
    N = 100, against 11 for n = 2 (THEORY.md 1.7). With 40 patterns (alpha = 0.4) and
    10% noise the Hebbian network fails while the cubic one still recalls (criterion:
    exact recall of at least 95% of the probes; Hebbian at most 10%)."""
    rng = np.random.default_rng(1606)
    X = _bipolar(rng, (40, 100))
    probes = _noisy_rows(X, 0.1, rng)
    cubic, _ = hc.recall_batch(hc.store(X, "dense", degree=3), probes, rng=2)
    hebb, _ = hc.recall_batch(hc.store(X, "hebbian"), probes, rng=2)
    assert (cubic == X).all(axis=1).mean() >= 0.95
    assert (hebb == X).all(axis=1).mean() <= 0.10


def test_modern_retrieves_a_stored_pattern_in_one_update_at_large_beta():
    """Ramsauer et al. (2020): a well-separated pattern is retrieved in one update
    with an exponentially small error (THEORY.md 1.7)."""
    rng = np.random.default_rng(2008)
    X = _bipolar(rng, (30, 256))
    probe = _flip(X[4], 64, rng)  # 25% of the units wrong
    net = hc.store(X, "modern", beta=60.0)
    traj = hc.run(net, probe, mode="async", steps=10)
    assert traj.states.dtype == np.float64 and net.continuous
    np.testing.assert_allclose(traj.states[1], X[4], rtol=0, atol=1e-6)
    assert traj.converged and traj.n_frames == 2 and traj.stopped == "fixed point"
    assert traj.energies[1] < traj.energies[0]
    assert traj.energies[1] == pytest.approx(-256 / 2, rel=1e-6)  # a pattern sits at -N/2


def test_modern_small_beta_goes_to_the_average_of_the_memories():
    """For small beta the only fixed point is near the mean of the patterns."""
    rng = np.random.default_rng(5)
    X = _bipolar(rng, (6, 80))
    traj = hc.run(hc.store(X, "modern", beta=0.01), _bipolar(rng, 80), steps=50)
    assert traj.converged
    np.testing.assert_allclose(traj.final, X.mean(axis=0), atol=0.02)


def test_modern_recall_batch_binarises_and_vectorises():
    rng = np.random.default_rng(8)
    X = _bipolar(rng, (10, 120))
    probes = _noisy_rows(X, 0.2, rng)
    net = hc.store(X, "modern", beta=30.0)
    final, converged = hc.recall_batch(net, probes)
    assert final.dtype == np.int8 and converged.all()
    np.testing.assert_array_equal(final, X)
    for b in (0, 7):
        np.testing.assert_array_equal(np.sign(hc.run(net, probes[b]).final), final[b])


@pytest.mark.parametrize("rule, params", [("dense", {"degree": 3}), ("dense", {"degree": 5}),
                                          ("exponential", {})])
@pytest.mark.parametrize("mode", ["async", "sync"])
def test_recall_batch_treats_every_probe_as_if_alone(rule, params, mode):
    """The vectorised batch (one order per sweep, shared) gives each probe the result
    of a batch of one with the same seed, and run() agrees in sync mode."""
    rng = np.random.default_rng(21)
    X = _bipolar(rng, (25, 70))
    probes = np.concatenate([_noisy_rows(X[:12], 0.3, rng), _bipolar(rng, (8, 70))])
    net = hc.store(X, rule, **params)
    final, converged = hc.recall_batch(net, probes, mode=mode, max_steps=30, rng=9)
    for b in range(probes.shape[0]):
        one, conv_one = hc.recall_batch(net, probes[b:b + 1], mode=mode, max_steps=30, rng=9)
        np.testing.assert_array_equal(final[b], one[0])
        assert converged[b] == conv_one[0]
        if mode == "sync":
            traj = hc.run(net, probes[b], mode="sync", steps=30)
            np.testing.assert_array_equal(traj.final, final[b])


def _int_reference_sweep(X, s, order, degree):
    """Sequential sweep at theta = 0 in exact integers: flip unit i when
    sum_mu (q_mu - 2 s_i xi_mu,i)^n > sum_mu q_mu^n, i.e. when -sum F goes down."""
    X64 = X.astype(np.int64)
    s = s.astype(np.int64).copy()
    q = X64 @ s
    for i in order:
        q_new = q - 2 * s[i] * X64[:, i]
        if np.sum(q_new**degree) > np.sum(q**degree):
            s[i] = -s[i]
            q = q_new
    return s


def _int_reference_stable(X, s, degree):
    return np.array_equal(_int_reference_sweep(X, s, range(s.size), degree), s)


@settings(max_examples=25)
@given(
    n_units=st.integers(20, 90),
    n_patterns=st.integers(1, 30),
    n_probes=st.integers(1, 12),
    degree=st.integers(2, 4),
    seed=st.integers(0, 2**32 - 1),
)
def test_recall_batch_equals_integer_reference(n_units, n_patterns, n_probes, degree, seed):
    """Every probe of a batch follows exact sequential dynamics with the shared orders
    (one rng.permutation(N) per step while a probe is still running, after the
    fixed-point check); covers the block path (few probes) and the unit-by-unit
    path (many probes) of this module, degree 2 included."""
    rng = np.random.default_rng(seed)
    X = _bipolar(rng, (n_patterns, n_units))
    probes = _bipolar(rng, (n_probes, n_units))
    net = hc.store(X, "dense", degree=degree)
    final, converged = recall_model(
        net.engine_model(), probes, mode="async", max_steps=8, theta=np.zeros(n_units),
        rng=np.random.default_rng(seed))
    g = np.random.default_rng(seed)
    ref = probes.astype(np.int64).copy()
    done = np.zeros(n_probes, dtype=bool)
    for _ in range(8):
        for b in np.flatnonzero(~done):
            done[b] = _int_reference_stable(X, ref[b], degree)
        if done.all():
            break
        order = g.permutation(n_units)
        for b in np.flatnonzero(~done):
            ref[b] = _int_reference_sweep(X, ref[b], order, degree)
    for b in range(n_probes):
        done[b] = done[b] or _int_reference_stable(X, ref[b], degree)
    np.testing.assert_array_equal(final, ref)
    np.testing.assert_array_equal(converged, done)


# -- numerical safety ----------------------------------------------------------------
def test_no_overflow_warnings_at_n_65536_or_large_beta():
    rng = np.random.default_rng(65536)
    N = 65536
    X = _bipolar(rng, (20, N))
    probe = _flip(X[3], N // 10, rng)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(all="raise"):
            for rule, params in [("exponential", {}), ("dense", {"degree": 4}),
                                 ("dense", {"degree": 12}), ("modern", {"beta": 1e6}),
                                 ("modern", {"beta": 8.0})]:
                net = hc.store(X, rule, **params)
                for mode in ("async", "sync"):
                    traj = hc.run(net, probe, mode=mode, steps=10, rng=1, frames_per_sweep=2)
                    assert np.isfinite(traj.energies).all()
                    assert np.abs(traj.final - X[3]).max() < 0.05
                assert np.isfinite(net.energy(np.stack([X[0], -X[0], probe]))).all()
            expo = hc.store(X, "exponential")
            # the scaled energy of a stored pattern is -lse(X s), about -N
            assert expo.energy(X[0]) == pytest.approx(-N, abs=1e-6)
            traj = hc.run(expo, probe, steps=5, temperature=0.5, rng=2)
            assert np.isfinite(traj.energies).all()


def test_high_degree_stays_exact_for_small_n_and_finite_for_large():
    rng = np.random.default_rng(4)
    X = _bipolar(rng, (6, 20))
    net = hc.store(X, "dense", degree=50)
    traj = hc.run(net, _flip(X[2], 4, rng), rng=0)
    np.testing.assert_array_equal(traj.final, X[2])
    assert np.isfinite(traj.energies).all()


# -- contract: determinism, inputs, types ---------------------------------------------
@pytest.mark.parametrize("rule, params", [("dense", {"degree": 3}), ("exponential", {}),
                                          ("modern", {"beta": 4.0})])
def test_same_seed_same_trajectory_and_inputs_untouched(rule, params):
    rng = np.random.default_rng(12)
    X = _bipolar(rng, (8, 64))
    probe = _flip(X[1], 20, rng)
    X_copy, probe_copy = X.copy(), probe.copy()
    theta = np.full(64, 0.05)
    net = hc.store(X, rule, **params)
    temperature = 0.0 if rule == "modern" else 0.4
    runs = [hc.run(net, probe, steps=8, theta=theta, temperature=temperature, rng=3,
                   frames_per_sweep=4) for _ in range(2)]
    np.testing.assert_array_equal(runs[0].states, runs[1].states)
    np.testing.assert_array_equal(runs[0].energies, runs[1].energies)
    np.testing.assert_array_equal(X, X_copy)
    np.testing.assert_array_equal(probe, probe_copy)
    np.testing.assert_array_equal(theta, 0.05)
    X[0, 0] *= -1  # the network holds its own copy
    assert net.patterns[0, 0] == X_copy[0, 0]
    if rule != "modern":
        assert runs[0].states.dtype == np.int8 and not net.continuous


def test_store_returns_the_subclasses_with_their_params():
    X = np.array([[1, -1, 1, -1], [1, 1, -1, -1]])
    dense = hc.store(X, "dense")
    assert isinstance(dense, DenseNetwork) and dense.params == {"degree": 3}
    assert isinstance(hc.store(X, "exponential"), ExponentialNetwork)
    modern = hc.store(X, "modern")
    assert isinstance(modern, ModernNetwork) and modern.params == {"beta": 8.0}
    assert modern.continuous and not dense.continuous
    assert (dense.n_units, dense.n_patterns, dense.rule) == (4, 2, "dense")
    assert hc.store(X, "dense", degree=4.0).params == {"degree": 4}


@pytest.mark.parametrize("rule, params", [("dense", {"degree": 3}), ("exponential", {}),
                                          ("modern", {"beta": 2.0})])
def test_weights_are_refused_for_rules_without_a_matrix(rule, params):
    net = hc.store(np.array([[1, -1, 1, -1]]), rule, **params)
    with pytest.raises(ValueError, match="no weight matrix"):
        net.weights()
    with pytest.raises(ValueError, match="no weight matrix"):
        hc.train(np.array([[1, -1, 1, -1]]), rule, **params)


@pytest.mark.parametrize(
    "rule, params, message",
    [
        ("dense", {"degree": 1}, "degree must be a whole number from 2"),
        ("dense", {"degree": 2.5}, "degree must be a whole number from 2"),
        ("dense", {"degree": float("nan")}, "degree must be a whole number from 2"),
        ("dense", {"degree": "3"}, "degree must be a whole number from 2"),
        ("dense", {"degree": True}, "degree must be a whole number from 2"),
        ("dense", {"degree": 51}, "degree must be a whole number from 2"),
        ("modern", {"beta": 0.0}, "beta must be a finite number > 0"),
        ("modern", {"beta": -1.0}, "beta must be a finite number > 0"),
        ("modern", {"beta": float("nan")}, "beta must be a finite number > 0"),
        ("modern", {"beta": float("inf")}, "beta must be a finite number > 0"),
        ("modern", {"beta": 1e-9}, "beta must be a finite number > 0, from 1e-06"),
        ("modern", {"beta": "8"}, "beta must be a finite number > 0"),
        ("exponential", {"beta": 2.0}, "takes no parameters"),
        ("dense", {"beta": 2.0}, "takes only degree"),
        ("modern", {"degree": 3}, "takes only beta"),
    ],
)
def test_bad_parameters_raise_clear_errors(rule, params, message):
    with pytest.raises(ValueError, match=message):
        hc.store(np.array([[1, -1, 1, -1]]), rule, **params)


@pytest.mark.parametrize("rule", ["dense", "exponential", "modern"])
def test_bad_patterns_and_probes_raise(rule):
    with pytest.raises(ValueError, match="bipolar"):
        hc.store(np.array([[1, 0, 1]]), rule)
    net = hc.store(np.array([[1, -1, 1, -1]]), rule)
    with pytest.raises(ValueError, match="units"):
        hc.run(net, [1, -1, 1])
    with pytest.raises(ValueError, match="bipolar"):
        hc.run(net, [1, -1, 1, 0.5])


def test_modern_refuses_a_temperature_and_accepts_both_modes():
    X = np.array([[1, -1, 1, -1, 1, 1], [1, 1, -1, -1, 1, -1]])
    net = hc.store(X, "modern", beta=20.0)
    with pytest.raises(ValueError, match="beta"):
        hc.run(net, X[0], temperature=0.5)
    a = hc.run(net, X[0], mode="async")
    b = hc.run(net, X[0], mode="sync")
    np.testing.assert_array_equal(a.states, b.states)
    assert "synchronous" in a.frame_unit
