"""Tests for hopfield_core.energy and Network.energy."""

import numpy as np
import pytest
from hypothesis import given, strategies as st
from hypothesis.extra import numpy as hnp

import hopfield_core as hc


def _random_patterns(rng, p, n):
    return rng.choice(np.array([-1, 1], dtype=np.int8), size=(p, n))


@pytest.mark.parametrize("rule", ["hebbian", "storkey", "pseudoinverse"])
def test_energy_of_network_equals_quadratic_form(rule):
    rng = np.random.default_rng(21)
    X = _random_patterns(rng, 4, 30)
    net = hc.store(X, rule=rule)
    W = net.weights()
    theta = rng.normal(0, 0.1, 30)
    for s in _random_patterns(rng, 5, 30):
        expected = -0.5 * s @ W @ s + theta @ s
        assert hc.energy(net, s, theta) == pytest.approx(expected, abs=1e-10)
        assert hc.energy(W, s, theta) == pytest.approx(expected, abs=1e-10)
        assert net.energy(s, theta) == pytest.approx(expected, abs=1e-10)
        assert isinstance(hc.energy(net, s), float)


def test_energy_of_a_batch_is_one_value_per_state():
    rng = np.random.default_rng(22)
    X = _random_patterns(rng, 3, 20)
    net = hc.store(X)
    S = _random_patterns(rng, 6, 20)
    E = net.energy(S, theta=0.2)
    assert E.shape == (6,) and E.dtype == np.float64
    np.testing.assert_allclose(E, [hc.energy(net, s, 0.2) for s in S])
    np.testing.assert_allclose(hc.energy(net.weights(), S, 0.2), E)


def test_energy_hebbian_stored_pattern_is_near_minus_n_over_2():
    """A stored pattern at low load sits near E = -N/2 (its own overlap term), less P/2."""
    rng = np.random.default_rng(23)
    X = _random_patterns(rng, 1, 100)
    assert hc.energy(hc.store(X), X[0]) == pytest.approx(-0.5 * (100 - 1))


@given(X=st.tuples(st.integers(1, 4), st.integers(2, 10)).flatmap(
    lambda sh: hnp.arrays(np.int8, sh, elements=st.sampled_from([-1, 1]))))
def test_energy_is_symmetric_under_global_flip_at_zero_theta(X):
    """With theta = 0, E(-s) = E(s) (THEORY.md 1.6)."""
    net = hc.store(X, rule="hebbian")
    assert hc.energy(net, -X[0]) == pytest.approx(hc.energy(net, X[0]), abs=1e-12)


def test_energy_does_not_build_the_dense_matrix_for_large_networks():
    rng = np.random.default_rng(24)
    X = _random_patterns(rng, 3, 65536)
    net = hc.store(X, rule="hebbian")
    assert hc.energy(net, X[0]) == pytest.approx(-0.5 * (65536 - 3), abs=1e3)


@pytest.mark.parametrize(
    "state, theta, match",
    [
        ([1, -1, 1], 0.0, r"shape \(4,\) or \(B, 4\)"),
        ([1, -1, np.nan, 1], 0.0, "NaN"),
        ([1, -1, 1, 1], [0.1, 0.2], "theta must be a number or an array of 4 values"),
    ],
)
def test_energy_rejects_bad_input(state, theta, match):
    net = hc.store(np.array([[1, -1, 1, -1]]))
    with pytest.raises(ValueError, match=match):
        hc.energy(net, state, theta)
    with pytest.raises(ValueError, match=match):
        hc.energy(net.weights(), state, theta)


def test_energy_rejects_non_square_matrix():
    with pytest.raises(ValueError, match="square"):
        hc.energy(np.ones((2, 3)), [1, -1, 1])
