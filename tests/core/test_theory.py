"""The core held against the literature (the numbers of THEORY.md), by simulation.

Each test names its source and states its tolerance with the reason for it (finite N,
finite sampling). Networks are small and seeds fixed, so the whole file runs in well
under a minute on one core. These tests exercise the public API only
(``hc.store``, ``hc.run``, ``hc.recall_batch``, ``Network.local_fields``, noise helpers),
and compare with independent numpy formulas written here, never with the core's own
theory helpers alone.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

import hopfield_core as hc

_BIPOLAR = np.array([-1, 1], dtype=np.int8)


def _patterns(rng: np.random.Generator, count: int, n_units: int) -> np.ndarray:
    """Unbiased random bipolar patterns, shape (count, n_units), np.int8."""
    return rng.choice(_BIPOLAR, size=(count, n_units))


def _phi(x: float) -> float:
    """Standard normal CDF."""
    return 0.5 * math.erfc(-x / math.sqrt(2.0))


def _fixed_points(net, states: np.ndarray, theta: float = 0.0) -> np.ndarray:
    """(B,) bool: every unit strictly agrees with its field, s_i (h_i - theta) > 0.

    Strict on purpose: a unit whose field is exactly theta keeps its value under the
    core's tie rule (so it is stable too), but asking for a strict margin only makes the
    tests harder to pass.
    """
    H = net.local_fields(states) - theta
    return (H * states > 0).all(axis=-1)


def _flip(rng: np.random.Generator, X: np.ndarray, k: int) -> np.ndarray:
    """Each row of X with exactly k distinct units flipped (its own random choice)."""
    out = X.copy()
    for row in out:
        row[rng.choice(X.shape[1], size=k, replace=False)] *= -1
    return out


def _overlaps(S: np.ndarray, X: np.ndarray) -> np.ndarray:
    """Row-wise overlap m = (1/N) xi . s of S (B, N) with X (B, N)."""
    return (S.astype(np.float64) * X).sum(axis=1) / X.shape[1]


# --------------------------------------------------------------------- 1.1 Hebbian


@pytest.mark.parametrize("n_patterns", [75, 125, 200, 300])
def test_hebbian_unstable_bit_fraction_matches_signal_to_noise(n_patterns):
    """Fraction of unstable bits of stored Hebbian patterns = Phi(-sqrt((N-1)/(P-1))).

    Source: Hertz, Krogh & Palmer (1991), sec. 2.2, Table 2.1 (one-step signal-to-noise
    estimate, P_error = Phi(-1/sqrt(alpha))); finite-N form with a zero diagonal from
    THEORY.md 1.1. N = 500, loads alpha = 0.15 .. 0.6.

    Tolerance: the measured fraction is a mean over 4 * P * N bits (>= 150,000). Its
    binomial standard deviation is sqrt(p (1 - p) / bits); bits of one pattern share the
    crosstalk of the same patterns, so we allow 5 sigma plus 8 % of p for that correlation
    and for the Gaussian approximation of the (exactly binomial) crosstalk sum.
    """
    rng = np.random.default_rng(20260501)
    n_units, trials = 500, 4
    unstable = total = 0
    for _ in range(trials):
        X = _patterns(rng, n_patterns, n_units)
        H = hc.store(X, rule="hebbian").local_fields(X)
        unstable += int((H * X < 0).sum())
        total += X.size
    measured = unstable / total
    p = _phi(-math.sqrt((n_units - 1) / (n_patterns - 1)))
    tol = 5 * math.sqrt(p * (1 - p) / total) + 0.08 * p
    assert abs(measured - p) <= tol, (measured, p, tol)


def test_bit_error_probability_reproduces_hertz_krogh_palmer_table():
    """hc.bit_error_probability at large N gives Phi(-1/sqrt(alpha)): HKP Table 2.1.

    Source: Hertz, Krogh & Palmer (1991), Table 2.1 (quoted in THEORY.md 1.1):
    alpha = 0.105 -> 0.001, 0.138 -> 0.0036, 0.185 -> 0.01, 0.37 -> 0.05, 0.61 -> 0.10.
    Tolerance: the table's values are rounded to one or two significant figures (10 %),
    and N = 10^6 makes (N-1)/(P-1) equal to 1/alpha to 1e-5.
    """
    n = 1_000_000
    for alpha, table in [(0.105, 0.001), (0.138, 0.0036), (0.185, 0.01), (0.37, 0.05),
                         (0.61, 0.10)]:
        got = hc.bit_error_probability(n, round(alpha * n))
        assert got == pytest.approx(table, rel=0.10), (alpha, got, table)


@pytest.mark.parametrize("n_patterns", [100, 120])
def test_hebbian_retrieval_overlap_stays_high_below_alpha_c(n_patterns):
    """Started from a stored pattern at alpha = 0.10 and 0.12 (< alpha_c = 0.138), the
    asynchronous recall settles with m >= 0.97.

    Source: Amit, Gutfreund & Sompolinsky, PRL 55:1530 (1985) and Ann. Phys. 173:30
    (1987): the retrieval state exists up to alpha_c ~ 0.138 with m ~ 0.967 at alpha_c
    and higher below (THEORY.md 1.1). Tolerance: N = 1000; finite-N fluctuations of m
    between patterns are O(1/sqrt(N)) ~ 0.03, so we ask the mean over 20 patterns to
    exceed 0.97 and every single one 0.95 (measured: mean 0.995 at alpha = 0.12).
    """
    rng = np.random.default_rng(20260502)
    n_units = 1000
    X = _patterns(rng, n_patterns, n_units)
    net = hc.store(X, rule="hebbian")
    final, converged = hc.recall_batch(net, X[:20], mode="async", max_steps=100, rng=3)
    m = _overlaps(final, X[:20])
    assert converged.all()
    assert m.mean() >= 0.97, m
    assert m.min() >= 0.95, m


def test_hebbian_retrieval_collapses_well_above_alpha_c():
    """At alpha = 0.20 (well above alpha_c = 0.138), recall started from the stored
    pattern itself wanders far away: the mean final overlap falls below 0.6.

    Source: Amit, Gutfreund & Sompolinsky (1985, 1987): no retrieval state exists for
    alpha > alpha_c; the avalanche of flips triggered by the initially unstable bits
    (Phi(-1/sqrt(0.2)) ~ 1.3 % of them) does not stay near the pattern (THEORY.md 1.1).
    Tolerance: at N = 1000 the transition is smeared over roughly +-0.02 in alpha
    (measured: m ~ 0.43 already at 0.18), so 0.20 with a threshold of 0.6 for the mean
    leaves a wide margin. At finite N a pattern can still be retrieved now and then
    (measured: 1 of these 10 ends at m = 0.98), so we ask only that at least 7 of 10 end
    below 0.6, not every one.
    """
    rng = np.random.default_rng(20260503)
    n_units, n_patterns = 1000, 200
    X = _patterns(rng, n_patterns, n_units)
    net = hc.store(X, rule="hebbian")
    final, _ = hc.recall_batch(net, X[:10], mode="async", max_steps=100, rng=4)
    m = _overlaps(final, X[:10])
    assert m.mean() < 0.6, m
    assert (m < 0.6).sum() >= 7, m


# --------------------------------------------------------------- 1.3 pseudo-inverse


@pytest.mark.parametrize("alpha", [0.3, 0.6, 0.9])
def test_pseudoinverse_every_pattern_is_a_fixed_point_up_to_alpha_0_9(alpha):
    """Pseudo-inverse with a zero diagonal: every pattern is a fixed point for alpha < 1,
    because (W xi)_i = (1 - P_ii) xi_i with P the projection onto the patterns' span.

    Source: Personnaz, Guyon & Dreyfus (1985); Kanter & Sompolinsky, PRA 35:380 (1987)
    (THEORY.md 1.3). The identity is checked against an independent numpy projection
    (np.linalg.pinv) to 1e-9 (rounding only), and stability is exact (no tolerance):
    1 - P_ii > 0 for every unit.
    """
    rng = np.random.default_rng(20260504)
    n_units = 100
    for _ in range(3):
        X = _patterns(rng, round(alpha * n_units), n_units)
        net = hc.store(X, rule="pseudoinverse")
        Xf = X.astype(np.float64)
        proj = Xf.T @ np.linalg.pinv(Xf @ Xf.T) @ Xf
        expected = (1.0 - np.diag(proj))[None, :] * Xf
        np.testing.assert_allclose(net.local_fields(X), expected, atol=1e-9)
        assert _fixed_points(net, X).all()


def test_pseudoinverse_basin_radius_falls_with_load():
    """The radius of attraction of the pseudo-inverse rule falls monotonically with alpha.

    Source: Kanter & Sompolinsky, PRA 35:380 (1987): R decreases from 1 (alpha -> 0) to
    0 (alpha -> 1) (THEORY.md 1.3). Measured here as the largest noise level f (fraction
    of flipped units) from which at least 90 % of probes return exactly to their pattern,
    N = 100, on a grid of f in steps of 0.02. Tolerance: finite N and a 0.02 grid blur R
    by a grid step or two, so we assert a strict fall between loads 0.1, 0.3, 0.5, 0.7
    (measured R ~ 0.3+, 0.15, 0.05, 0.0) and R(0.1) >= 0.2, R(0.7) <= 0.04.
    """
    rng = np.random.default_rng(20260505)
    n_units = 100
    levels = np.arange(0.0, 0.42, 0.02)
    radii = []
    for alpha in (0.1, 0.3, 0.5, 0.7):
        X = _patterns(rng, round(alpha * n_units), n_units)
        net = hc.store(X, rule="pseudoinverse")
        probes_x = np.repeat(X, 3, axis=0)  # three probes per pattern and level
        radius = 0.0
        for f in levels:
            probes = _flip(rng, probes_x, round(f * n_units))
            final, _ = hc.recall_batch(net, probes, mode="async", max_steps=50, rng=5)
            if (final == probes_x).all(axis=1).mean() < 0.9:
                break
            radius = float(f)
        radii.append(radius)
    assert radii[0] > radii[1] > radii[2] > radii[3], radii
    assert radii[0] >= 0.2 and radii[3] <= 0.04, radii


# -------------------------------------------------------------------- 1.2 Storkey


def test_storkey_stores_patterns_hebbian_cannot_at_same_n():
    """N = 200, P = 30 (alpha = 0.15): Storkey's patterns are all fixed points, Hebbian's
    mostly not.

    Source: Storkey, ICANN'97 (absolute capacity N / sqrt(2 ln N) = 61 at N = 200, versus
    N / (2 ln N) = 19 for Hebb; THEORY.md 1.1-1.2). One-step estimate for Hebb:
    (1 - Phi(-sqrt(199/29)))^200 ~ 0.41 of the patterns stable. Tolerance: over 5 trials
    (150 patterns) the Hebbian fraction has a standard deviation of ~0.04 around ~0.5,
    so we ask <= 0.75; Storkey is far below its capacity, so we ask all 150 stable.
    """
    rng = np.random.default_rng(20260506)
    heb, sto = [], []
    for _ in range(5):
        X = _patterns(rng, 30, 200)
        heb.append(_fixed_points(hc.store(X, rule="hebbian"), X))
        sto.append(_fixed_points(hc.store(X, rule="storkey"), X))
    assert np.concatenate(sto).all()
    assert np.concatenate(heb).mean() <= 0.75


# ------------------------------------------------------------------- 1.4 Glauber


@pytest.mark.parametrize(
    ("temperature", "m_theory", "tol"),
    [(0.25, 0.9993, 0.005), (0.5, 0.9575, 0.02), (0.75, 0.7755, 0.05), (0.9, 0.5254, 0.10)],
)
def test_glauber_magnetisation_solves_mean_field_equation(temperature, m_theory, tol):
    """At low load (N = 2000, P = 2, alpha = 0.001) the time-averaged overlap under
    Glauber dynamics matches the solution of m = tanh(m / T).

    Source: THEORY.md 1.4 (Amit, Gutfreund & Sompolinsky 1985; mean-field values
    0.9993, 0.9575, 0.7755, 0.5254 at T = 0.25, 0.5, 0.75, 0.9). The table's m is checked
    first against a fixed-point iteration of tanh here. Tolerance: the overlap fluctuates
    by sqrt(chi/N) around its mean, large near T_c = 1 (THEORY: O(N^-1/4) at T ~ 1);
    averaged over 80 sweeps after 40 of burn-in the error is ~0.003 at T = 0.5 and
    ~0.04 at T = 0.9, hence 0.005, 0.02, 0.05, 0.10.
    """
    m = 1.0
    for _ in range(5000):
        m = math.tanh(m / temperature)
    assert m == pytest.approx(m_theory, abs=1e-4)
    X = _patterns(np.random.default_rng(20260507), 2, 2000)
    net = hc.store(X, rule="hebbian")
    traj = hc.run(net, X[0], mode="async", steps=120, temperature=temperature, rng=11)
    measured = traj.overlaps(X)[40:, 0].mean()
    assert abs(measured - m_theory) <= tol, (measured, m_theory)


def test_glauber_above_critical_temperature_loses_the_memory():
    """At T = 1.5 > T_c = 1 the overlap decays to O(N^-1/2): |m| small.

    Source: THEORY.md 1.4 (m = 0 for T >= 1; finite-N |m| ~ 0.05-0.15 at N = 500).
    N = 2000 from the stored pattern: 1/sqrt(N) ~ 0.022 and the paramagnetic
    susceptibility 1/(1 - 1/T) = 3 widen it to ~0.04 per sweep; the mean over 80 sweeps
    after burn-in must be below 0.05 and every sweep below 0.2.
    """
    X = _patterns(np.random.default_rng(20260508), 2, 2000)
    net = hc.store(X, rule="hebbian")
    traj = hc.run(net, X[0], mode="async", steps=120, temperature=1.5, rng=12)
    m = traj.overlaps(X)[40:, 0]
    assert abs(m.mean()) < 0.05, m.mean()
    assert np.abs(m).max() < 0.2


# ------------------------------------------------------------- 1.6 spurious states


def test_symmetric_three_mixture_is_stable_at_low_load():
    """sign(xi1 + xi2 + xi3) is a fixed point of the Hebbian network at low load (T = 0).

    Source: Amit, Gutfreund & Sompolinsky, PRA 32:1007 (1985); THEORY.md 1.6: the mixture
    has overlap 1/2 with each of the three patterns and a stability margin of 1/2 against a
    crosstalk ~ sqrt(alpha). N = 1000, P = 5 (alpha = 0.005): crosstalk ~ 0.07 << 1/2, so
    no tolerance: all 10 mixtures are exact fixed points. Overlaps 1/2 are checked within
    4/sqrt(N) ~ 0.13 (binomial spread of the overlap).
    """
    rng = np.random.default_rng(20260509)
    for _ in range(10):
        X = _patterns(rng, 5, 1000)
        net = hc.store(X, rule="hebbian")
        mix = hc.mixture(X, [0, 1, 2])
        assert _fixed_points(net, mix[None, :]).all()
        m = X[:3].astype(np.float64) @ mix / 1000
        np.testing.assert_allclose(m, 0.5, atol=4 / math.sqrt(1000))


def test_even_mixture_is_not_a_fixed_point():
    """The 4-mixture sign(xi1 + xi2 + xi3 + xi4), ties (3/8 of the units) broken at random,
    is not a fixed point: a finite fraction of its units is unstable.

    Source: Amit, Gutfreund & Sompolinsky, PRA 32:1007 (1985): even mixtures are never
    stable (THEORY.md 1.4). At a tied unit the pattern signal cancels and the field is
    crosstalk of either sign, so about half of the tied units (~3/16 ~ 0.19 of all)
    disagree with it. Tolerance: N = 1000, binomial spread ~0.012, so >= 0.1 in every
    trial; and an asynchronous run from it leaves it (final overlap with it < 0.95).
    """
    rng = np.random.default_rng(20260510)
    for _ in range(10):
        X = _patterns(rng, 5, 1000)
        net = hc.store(X, rule="hebbian")
        total = X[:4].astype(np.int16).sum(axis=0)
        mix = np.sign(total).astype(np.int8)
        ties = total == 0
        mix[ties] = rng.choice(_BIPOLAR, size=int(ties.sum()))
        H = net.local_fields(mix)
        assert (H * mix <= 0).mean() >= 0.1
        final = hc.run(net, mix, mode="async", steps=50, rng=13).final
        assert (final.astype(np.float64) @ mix) / 1000 < 0.95


@pytest.mark.parametrize("rule", ["hebbian", "storkey", "pseudoinverse"])
def test_inverse_pattern_stable_exactly_when_pattern_is(rule):
    """With theta = 0, E(-s) = E(s) and h(-s) = -h(s): -xi is a fixed point exactly when
    xi is.

    Source: THEORY.md 1.6 (symmetry of the quadratic energy). Exact (no tolerance), at a
    load where some patterns are stable and some are not (N = 100, P = 15 for Hebbian,
    40 for Storkey, 85 for pseudo-inverse), and for random states as well.
    """
    n_patterns = {"hebbian": 15, "storkey": 40, "pseudoinverse": 85}[rule]
    rng = np.random.default_rng(20260511)
    X = _patterns(rng, n_patterns, 100)
    net = hc.store(X, rule=rule)
    S = np.concatenate([X, hc.random_states(20, 100, rng=rng)])
    np.testing.assert_array_equal(_fixed_points(net, S), _fixed_points(net, -S))
    np.testing.assert_allclose(net.local_fields(-S), -net.local_fields(S), atol=1e-12)
    np.testing.assert_allclose(net.energy(-S), net.energy(S), atol=1e-9)
    for x in X[:5]:
        a = hc.run(net, x, mode="async", steps=30, rng=1)
        b = hc.run(net, -x, mode="async", steps=30, rng=1)
        np.testing.assert_array_equal(a.states, -b.states)


# ------------------------------------------------------- 1.5 synchronous dynamics


def _goles_lyapunov(W: np.ndarray, theta: np.ndarray, states: np.ndarray) -> np.ndarray:
    """L(t) = -sum_i s_i(t) sum_j W_ij s_j(t-1) + sum_i theta_i (s_i(t) + s_i(t-1))."""
    S = states.astype(np.float64)
    cur, prev = S[1:], S[:-1]
    return -np.einsum("ti,ij,tj->t", cur, W, prev) + (cur + prev) @ theta


def test_sync_dynamics_on_symmetric_weights_end_in_fixed_points_or_two_cycles():
    """Parallel iteration with a symmetric W has only fixed points and 2-cycles, and the
    Goles Lyapunov functional L(t) never increases.

    Source: Goles & Olivos (1981); Goles, Fogelman-Soulie & Pellegrin, Discrete Appl.
    Math. 12:261 (1985) (THEORY.md 1.5). Random symmetric Gaussian W with zero diagonal
    and random thresholds, N = 10, 30 networks x 20 starts. Each run must stop by itself
    (never at the step limit), its last states checked independently (sign of the field,
    ties keep their value), and L(t+1) - L(t) <= 1e-12 (rounding only).
    """
    rng = np.random.default_rng(20260512)
    n = 10
    kinds = set()
    for _ in range(30):
        A = rng.normal(size=(n, n))
        W = (A + A.T) / 2
        np.fill_diagonal(W, 0.0)
        theta = rng.normal(scale=0.3, size=n)
        for s0 in hc.random_states(20, n, rng=rng):
            traj = hc.run(W, s0, mode="sync", steps=200, theta=theta)
            assert traj.stopped in ("fixed point", "2-cycle")
            S = traj.states.astype(np.float64)
            nxt = np.sign(W @ S[-1] - theta)
            if traj.stopped == "fixed point":
                assert traj.converged and traj.cycle == 0
                np.testing.assert_array_equal(nxt, S[-1])
            else:
                assert traj.cycle == 2 and not traj.converged
                np.testing.assert_array_equal(S[-1], S[-3])
                assert not np.array_equal(S[-1], S[-2])
                np.testing.assert_array_equal(nxt, S[-2])
            kinds.add(traj.stopped)
            if len(S) > 2:
                L = _goles_lyapunov(W, theta, traj.states)
                assert (np.diff(L) <= 1e-12).all(), L
    assert kinds == {"fixed point", "2-cycle"}  # both kinds occur, so both are checked


def test_canonical_two_cycle():
    """W = (1/4)(J - I) from the all-ones pattern, N = 4, started at [1, 1, -1, -1]: every
    unit flips every synchronous step (THEORY.md 1.5; h = -s/4). Exact."""
    net = hc.store(np.ones((1, 4), dtype=np.int8), rule="hebbian")
    np.testing.assert_allclose(net.weights(), (np.ones((4, 4)) - np.eye(4)) / 4)
    traj = hc.run(net, [1, 1, -1, -1], mode="sync", steps=10)
    assert traj.cycle == 2 and traj.stopped == "2-cycle" and not traj.converged
    np.testing.assert_array_equal(traj.states[1], [-1, -1, 1, 1])


# ------------------------------------------------------- 1.7 dense / modern memories


def test_dense_degree_three_recalls_far_beyond_hebbian_capacity():
    """N = 100, P = 60 (alpha = 0.6): the degree-3 dense memory recalls every pattern from
    10 % noise; the Hebbian network recalls none.

    Source: Krotov & Hopfield, NeurIPS 2016 (arXiv:1606.01164): capacity
    ~ N^(n-1) / (2 (2n-3)!! ln N) = 362 for n = 3 at N = 100, against 11 for n = 2
    (THEORY.md 1.7). P = 60 is 6x below the n = 3 figure and 5x above the Hebbian one,
    and HKP's one-step estimate gives a Hebbian bit error of 10 %, so: all exact for
    n = 3, none for Hebbian (no tolerance needed at these margins).
    """
    rng = np.random.default_rng(20260513)
    X = _patterns(rng, 60, 100)
    probes = _flip(rng, X, 10)
    dense_final, _ = hc.recall_batch(hc.store(X, rule="dense", degree=3), probes, rng=1)
    heb_final, _ = hc.recall_batch(hc.store(X, rule="hebbian"), probes, rng=1)
    assert (dense_final == X).all()
    assert not (heb_final == X).all(axis=1).any()


def test_exponential_memory_stores_far_more_patterns_than_units():
    """N = 32, P = 2000 (P = 62 N): every pattern of the exponential memory is a fixed
    point and is recalled from one flipped unit; the degree-3 memory (capacity ~ 50 at
    N = 32) keeps almost none.

    Source: Demircigil, Heusel, Loewe, Upgang & Vermet, J. Stat. Phys. 168:288 (2017):
    capacity exp(alpha N) with alpha < ln 2 / 2 at rho = 0, i.e. 2^(N/2) = 65,536 here
    (THEORY.md 1.7). P is 30x below that bound, so no tolerance for stability; recall is
    checked on the first 300 patterns (time). Degree 3: K ~ N^2 / (6 ln N) ~ 50 << 2000,
    so at most 10 % of its patterns may be stable (measured: 0).
    """
    rng = np.random.default_rng(20260514)
    X = _patterns(rng, 2000, 32)
    expo = hc.store(X, rule="exponential")
    H = expo.local_fields(X)
    assert (H * X > 0).all()
    probes = _flip(rng, X[:300], 1)
    final, converged = hc.recall_batch(expo, probes, rng=2)
    assert converged.all() and (final == X[:300]).all()
    H3 = hc.store(X, rule="dense", degree=3).local_fields(X)
    assert (H3 * X > 0).all(axis=1).mean() <= 0.10


@pytest.mark.parametrize("beta", [32.0, 64.0])
def test_modern_one_step_retrieval_error_is_exponentially_small(beta):
    """One update of the modern network from a probe with 20 % noise lands on the pattern
    with an error below Ramsauer's bound, and below 1e-3.

    Source: Ramsauer et al., ICLR 2021 (arXiv:2008.02217), Theorem 4 (THEORY.md 1.7): for
    a well separated pattern the one-step error is at most
    2 M (P - 1) exp(-beta_R Delta), with Delta = min_j (x_i . xi - x_j . xi) the probe's
    separation and M = sqrt(N) the pattern norm; here beta_R = beta / N (the core scales
    beta by the overlaps). N = 256, P = 50 random patterns (overlaps ~ 1/16). The bound is
    a theorem, so it holds without tolerance (plus 1e-12 rounding).
    """
    rng = np.random.default_rng(20260515)
    n_units, n_patterns = 256, 50
    X = _patterns(rng, n_patterns, n_units)
    net = hc.store(X, rule="modern", beta=beta)
    for i in range(10):
        probe = hc.add_noise(X[i], 0.2, rng=rng)
        new = hc.run(net, probe, steps=1).states[1]
        err = np.linalg.norm(new - X[i])
        dots = X.astype(np.float64) @ probe
        delta = dots[i] - np.delete(dots, i).max()
        bound = 2 * math.sqrt(n_units) * (n_patterns - 1) * math.exp(-beta / n_units * delta)
        assert err <= bound + 1e-12, (err, bound)
        assert np.abs(new - X[i]).max() < 1e-3


def test_modern_small_beta_converges_to_the_global_average():
    """At small beta the modern network has one fixed point: the average of all patterns.

    Source: Ramsauer et al., ICLR 2021 (arXiv:2008.02217), sec. 2 (THEORY.md 1.7: fixed
    points of three kinds; for small beta, the global average). N = 200, P = 10,
    beta = 0.05 (on overlaps): softmax weights differ from 1/P by O(beta), so the fixed
    point sits within ~beta / sqrt(N) of the mean per unit; tolerance 0.005.
    """
    X = _patterns(np.random.default_rng(20260516), 10, 200)
    net = hc.store(X, rule="modern", beta=0.05)
    traj = hc.run(net, X[0], steps=200)
    assert traj.converged
    np.testing.assert_allclose(traj.final, X.mean(axis=0), atol=0.005)


# ------------------------------------------------------------- more of 1.4 and 1.5


@pytest.mark.parametrize(("temperature", "stays"), [(0.15, True), (0.6, False)])
def test_three_mixture_under_glauber_stable_only_at_low_temperature(temperature, stays):
    """The symmetric 3-mixture survives Glauber dynamics at low temperature and decays to
    a pure memory above T ~ 0.46.

    Source: Amit, Gutfreund & Sompolinsky, PRA 32:1007 (1985) (THEORY.md 1.4: symmetric
    3-mixtures stable below T ~ 0.46 at alpha = 0; the smallest Hessian eigenvalue of the
    mean-field free energy, computed independently, is 0.86 at T = 0.2, 0.50 at 0.3, 0.15
    at 0.4 and crosses 0 at 0.46). N = 2000, P = 3, 150 sweeps from the mixture.
    Tolerance: the barrier that keeps the mixture is small, so at finite N it escapes
    long before 0.46 (measured at N = 2000: within ~10 sweeps at T = 0.4 and in 2 of 6
    runs at T = 0.3; a plain unit-by-unit Glauber loop in numpy does the same, and at
    N = 8000 it holds at T = 0.3), so we test deep inside each side, T = 0.15 and 0.6.
    Stays: every overlap in [0.4, 0.6] (mean-field 0.50). Decays: one overlap above 0.85
    (pure state, tanh(m/0.6) = m gives 0.94) and the others below 0.15.
    """
    X = _patterns(np.random.default_rng(20260517), 3, 2000)
    net = hc.store(X, rule="hebbian")
    traj = hc.run(net, hc.mixture(X), steps=150, temperature=temperature, rng=5)
    m = np.sort(traj.overlaps(X)[-30:].mean(axis=0))
    if stays:
        assert ((m >= 0.4) & (m <= 0.6)).all(), m
    else:
        assert m[2] > 0.85 and (np.abs(m[:2]) < 0.15).all(), m


def test_async_energy_never_increases_with_nonnegative_self_coupling():
    """Asynchronous T = 0 updates never raise E = -1/2 s^T W s + theta . s for symmetric W
    with W_ii >= 0, checked after every single unit update.

    Source: Hopfield, PNAS 79:2554 (1982) (THEORY.md 1.5: dE = -ds_i (h_i - theta_i)
    - 1/2 W_ii ds_i^2 <= 0). Random Gaussian symmetric W, N = 12, a positive diagonal and
    random thresholds, 50 runs recorded with one frame per unit update. Tolerance 1e-12
    (rounding only); every run ends at a fixed point, checked independently.
    """
    rng = np.random.default_rng(20260518)
    n = 12
    for k in range(50):
        A = rng.normal(size=(n, n))
        W = (A + A.T) / 2
        np.fill_diagonal(W, np.abs(rng.normal(size=n)))
        theta = rng.normal(scale=0.3, size=n)
        traj = hc.run(W, hc.random_states(1, n, rng=rng)[0], steps=60, theta=theta, rng=k,
                      frames_per_sweep=n)
        assert (np.diff(traj.energies) <= 1e-12).all()
        assert traj.converged
        s = traj.final.astype(np.float64)
        x = W @ s - theta
        assert (x * s >= -1e-12).all()  # no unit wants to flip (ties keep their value)


# ------------------------------------------------- capacity curves and formulas (1.1-1.7)


def test_capacity_curve_fixed_fractions_follow_the_literature():
    """hc.capacity_curve at N = 200: the fraction of Hebbian memories that are fixed points
    follows the one-step estimate (1 - p_bit)^N; Storkey keeps all of them up to ~0.8 of
    N / sqrt(2 ln N) = 61 and stores more than Hebb at every load; the pseudo-inverse keeps
    all of them up to alpha = 0.9.

    Sources: Hertz, Krogh & Palmer (1991) sec. 2.2 and McEliece et al. (1987) for the
    Hebbian estimate; Storkey (1997); Kanter & Sompolinsky (1987) (THEORY.md 1.1-1.3).
    Tolerance for Hebb: 4 trials give 40-160 memories per load (binomial sd <= 0.05), and
    the estimate treats the bits of a pattern as independent though they share crosstalk
    (measured bias up to +0.11 at P = 30): 0.15.
    """
    loads = [10, 20, 30, 40, 60, 100, 180]
    res = hc.capacity_curve(200, loads, rules=("hebbian", "storkey", "pseudoinverse"),
                            trials=4, noise=0.1, rng=3)
    expected = 1 - np.array([hc.bit_error_probability(200, p) for p in loads])
    expected = expected**200
    np.testing.assert_allclose(res.fixed["hebbian"], expected, atol=0.15)
    assert (res.fixed["storkey"] >= res.fixed["hebbian"]).all()
    assert (res.fixed["storkey"][:4] == 1.0).all()  # P <= 40 < 0.8 * 61
    assert res.fixed["storkey"][-2] < 0.9  # P = 100 > 1.6 * 61
    assert (res.fixed["pseudoinverse"] == 1.0).all()  # alpha <= 0.9


def test_capacity_formulas_reproduce_the_theory_table():
    """The capacity helpers give THEORY.md's table: McEliece et al. (1987) N/(2 ln N) and
    N/(4 ln N), Storkey (1997) N/sqrt(2 ln N), Krotov & Hopfield (2016)
    N^(n-1)/(2 (2n-3)!! ln N). Tolerance: the table is rounded to 0.1 (or to 1 for the
    dense figures)."""
    table = {100: (10.9, 5.4, 33.0), 400: (33.4, 16.7, 115.6), 500: (40.2, 20.1, 141.8),
             1000: (72.4, 36.2, 269.0), 4096: (246.2, 123.1, 1004)}
    for n, (most, every, storkey) in table.items():
        assert hc.mceliece_capacity(n) == pytest.approx(most, abs=0.051)
        assert hc.mceliece_capacity(n, every_pattern=True) == pytest.approx(every, abs=0.051)
        assert hc.storkey_capacity(n) == pytest.approx(storkey, abs=0.51)
    for degree, k in [(2, 11), (3, 362), (4, 7238)]:
        assert hc.dense_capacity(100, degree) == pytest.approx(k, abs=0.51)


@pytest.mark.parametrize(("rule", "params"), [("dense", {"degree": 3}),
                                              ("dense", {"degree": 5}),
                                              ("exponential", {})])
def test_dense_energies_match_the_papers_and_never_increase(rule, params):
    """Dense memories: the energy is the paper's, up to the positive factor the core
    documents, it never increases under asynchronous T = 0 updates, and runs end where no
    single flip lowers it.

    Sources: Krotov & Hopfield, NeurIPS 2016: E = -sum_mu (xi_mu . s)^n (the core reports
    it times N^(1-n)/n); Demircigil et al., J. Stat. Phys. 168:288 (2017):
    E = -sum_mu exp(xi_mu . s) (the core reports its logarithm, which orders states
    alike). N = 30, P = 40 (above the Hebbian capacity), 20 random starts recorded after
    every unit update. Tolerance: 1e-9 relative (rounding only).
    """
    rng = np.random.default_rng(20260519)
    n_units = 30
    X = _patterns(rng, 40, n_units)
    net = hc.store(X, rule=rule, **params)
    starts = hc.random_states(20, n_units, rng=rng)
    dots = starts.astype(np.float64) @ X.T.astype(np.float64)
    if rule == "dense":
        n = params["degree"]
        paper = -(dots**n).sum(axis=1) * n_units ** (1 - n) / n
    else:
        paper = -np.log(np.exp(dots).sum(axis=1))
    np.testing.assert_allclose(net.energy(starts), paper, rtol=1e-9)
    for k, s0 in enumerate(starts):
        traj = hc.run(net, s0, steps=30, rng=k, frames_per_sweep=n_units)
        scale = np.abs(traj.energies).max()
        assert (np.diff(traj.energies) <= 1e-9 * scale).all()
        flips = np.repeat(traj.final[None, :], n_units, axis=0)
        flips[np.arange(n_units), np.arange(n_units)] *= -1
        assert (net.energy(flips) >= net.energy(traj.final) - 1e-9 * scale).all()
