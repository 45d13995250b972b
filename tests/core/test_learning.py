"""Tests for hopfield_core.learning: the rules, the factorised weights, validation."""

import numpy as np
import pytest
from hypothesis import given, strategies as st
from hypothesis.extra import numpy as hnp

import hopfield_core as hc


def _random_patterns(rng, p, n):
    return rng.choice(np.array([-1, 1], dtype=np.int8), size=(p, n))


def _bipolar_patterns(max_p=6, max_n=12):
    """Hypothesis strategy: small bipolar (P, N) matrices."""
    return st.tuples(st.integers(1, max_p), st.integers(2, max_n)).flatmap(
        lambda shape: hnp.arrays(np.int8, shape, elements=st.sampled_from([-1, 1]))
    )


def _storkey_literal(patterns):
    """Storkey (1997) transcribed literally, loops and all, for small N.

    For each pattern xi, every pair i != j:
    W_ij += (1/N) (xi_i xi_j - xi_i h_ji - h_ij xi_j),  h_ij = sum_{k != i, j} W_ik xi_k,
    where every h uses the weights from before this pattern.
    """
    P, N = patterns.shape
    W = np.zeros((N, N))
    for xi in patterns.astype(float):
        new = W.copy()
        for i in range(N):
            for j in range(N):
                if i == j:
                    continue
                h_ij = sum(W[i, k] * xi[k] for k in range(N) if k not in (i, j))
                h_ji = sum(W[j, k] * xi[k] for k in range(N) if k not in (i, j))
                new[i, j] += (xi[i] * xi[j] - xi[i] * h_ji - h_ij * xi[j]) / N
        W = new
    return W


def _storkey_notebook_variant(patterns):
    """The widely copied wrong variant: full field h_i and no +2W/N correction."""
    P, N = patterns.shape
    W = np.zeros((N, N))
    for xi in patterns.astype(float):
        h = W @ xi
        W = W + (np.outer(xi, xi) - np.outer(xi, h) - np.outer(h, xi)) / N
        np.fill_diagonal(W, 0)
    return W


def test_rules_tables_list_the_contract_names():
    assert hc.CLASSIC_RULES == ("hebbian", "storkey", "pseudoinverse")
    assert hc.RULES[:3] == hc.CLASSIC_RULES
    expected = {"hebbian", "storkey", "pseudoinverse", "dense", "exponential", "modern"}
    assert set(hc.RULES) == expected


def test_train_hebbian_matches_outer_product_formula():
    rng = np.random.default_rng(1)
    X = _random_patterns(rng, 4, 10)
    W = hc.train(X, rule="hebbian")
    ref = X.T.astype(float) @ X / 10
    np.fill_diagonal(ref, 0)
    np.testing.assert_allclose(W, ref, atol=1e-15)


@pytest.mark.parametrize("rule", ["hebbian", "storkey", "pseudoinverse"])
@given(X=_bipolar_patterns())
def test_train_is_symmetric_with_zero_diagonal(rule, X):
    W = hc.train(X, rule=rule)
    assert W.shape == (X.shape[1],) * 2 and W.dtype == np.float64
    assert np.array_equal(W, W.T)
    assert np.all(np.diag(W) == 0)


@pytest.mark.parametrize("rule", ["hebbian", "storkey", "pseudoinverse"])
def test_factors_reconstruct_weights(rule):
    rng = np.random.default_rng(2)
    X = _random_patterns(rng, 5, 16)
    net = hc.store(X, rule=rule)
    U, V, d = net.factors()
    assert U.shape == V.shape and U.shape[0] == 16 and d.shape == (16,)
    np.testing.assert_allclose(U @ V.T - np.diag(d), net.weights(), atol=1e-12)
    s = X[0].astype(float)
    np.testing.assert_allclose(net.local_fields(s), net.weights() @ s, atol=1e-12)
    S = _random_patterns(rng, 3, 16)
    np.testing.assert_allclose(net.local_fields(S), S @ net.weights(), atol=1e-12)


def test_storkey_matches_literal_transcription_of_the_paper():
    """Storkey, ICANN'97 (LNCS 1327:451): h_ij sums over k != i, j (THEORY.md 1.2)."""
    rng = np.random.default_rng(3)
    for p, n in [(1, 5), (3, 7), (6, 9)]:
        X = _random_patterns(rng, p, n)
        np.testing.assert_allclose(hc.train(X, rule="storkey"), _storkey_literal(X), atol=1e-13)


def test_storkey_differs_from_the_notebook_variant():
    """The full-field variant without +2W/N is a different rule (THEORY.md 1.2)."""
    rng = np.random.default_rng(4)
    X = _random_patterns(rng, 4, 9)
    assert np.abs(hc.train(X, rule="storkey") - _storkey_notebook_variant(X)).max() > 1e-3


def test_storkey_first_pattern_equals_hebbian():
    rng = np.random.default_rng(5)
    X = _random_patterns(rng, 1, 12)
    np.testing.assert_allclose(hc.train(X, "storkey"), hc.train(X, "hebbian"), atol=1e-15)


def _pinv_reference(X):
    Xf = X.astype(float)
    W = Xf.T @ np.linalg.pinv(Xf @ Xf.T) @ Xf
    np.fill_diagonal(W, 0)
    return W


def test_pseudoinverse_matches_formula_on_independent_patterns():
    rng = np.random.default_rng(6)
    X = _random_patterns(rng, 6, 20)
    np.testing.assert_allclose(hc.train(X, "pseudoinverse"), _pinv_reference(X), atol=1e-12)


@pytest.mark.parametrize(
    "case", ["repeated", "inverted", "linearly dependent"]
)
def test_pseudoinverse_is_exact_with_dependent_patterns(case):
    """Repeated or inverted patterns make X X^T singular: a true pseudo-inverse still
    stores them (THEORY.md 1.3), every pattern a fixed point with field (1 - P_ii) xi_i."""
    a = np.array([1, 1, -1, -1])
    b = np.array([1, -1, 1, -1])
    c = np.array([1, -1, -1, 1])
    d = np.array([1, 1, 1, 1])
    e = (a + b + c - d) // 2  # [1, -1, -1, -1]: a linear combination of a, b, c, d
    tile = lambda *vs: np.array([np.concatenate([v, v, -v]) for v in vs])  # noqa: E731
    X = {
        "repeated": tile(a, b, a, c),
        "inverted": tile(a, -a, b),
        "linearly dependent": tile(a, b, c, d, e),
    }[case]
    net = hc.store(X, rule="pseudoinverse")
    W = net.weights()
    np.testing.assert_allclose(W, _pinv_reference(X), atol=1e-12)
    proj = W + np.diag(net.factors()[2])
    np.testing.assert_allclose(proj @ proj, proj, atol=1e-12)  # a projection
    for xi in X:
        h = W @ xi
        np.testing.assert_allclose(h, (1 - np.diag(proj)) * xi, atol=1e-12)
        assert np.array_equal(np.sign(h), xi)


@pytest.mark.parametrize("p, n", [(12, 8), (8, 8), (40, 30)])
def test_pseudoinverse_with_as_many_patterns_as_units_or_more(p, n):
    """P >= N: the patterns can span the whole space (then W = I minus its diagonal = 0)."""
    rng = np.random.default_rng(28)
    X = _random_patterns(rng, p, n)
    np.testing.assert_allclose(hc.train(X, "pseudoinverse"), _pinv_reference(X), atol=1e-11)


@pytest.mark.parametrize("rule", ["hebbian", "storkey", "pseudoinverse"])
def test_stored_patterns_are_fixed_points_at_low_load(rule):
    rng = np.random.default_rng(7)
    X = _random_patterns(rng, 5, 200)  # alpha = 0.025
    net = hc.store(X, rule=rule)
    H = net.local_fields(X)
    assert np.array_equal(np.sign(H), X)


def test_network_attributes_and_patterns_copy():
    rng = np.random.default_rng(8)
    X = _random_patterns(rng, 3, 10)
    keep = X.copy()
    net = hc.store(X, rule="hebbian")
    assert net.rule == "hebbian" and net.params == {}
    assert net.n_units == 10 and net.n_patterns == 3 and net.continuous is False
    assert net.patterns.dtype == np.int8 and np.array_equal(net.patterns, X)
    X[0, 0] *= -1
    assert np.array_equal(net.patterns, keep)  # a copy, not a view
    assert np.array_equal(X[1:], keep[1:])


def test_store_accepts_lists_floats_and_rule_case():
    net = hc.store([[1.0, -1.0, 1.0], [-1.0, -1.0, 1.0]], rule=" Hebbian ")
    assert net.rule == "hebbian" and net.patterns.dtype == np.int8


def test_weights_refuses_huge_networks_with_a_clear_message():
    X = np.ones((1, 20000), dtype=np.int8)
    net = hc.store(X, rule="hebbian")
    with pytest.raises(ValueError, match=r"N = 20000.*GiB"):
        net.weights()
    with pytest.raises(ValueError, match="GiB"):
        hc.train(X)
    assert net.local_fields(X[0]).shape == (20000,)


def test_large_network_stores_without_the_dense_matrix():
    rng = np.random.default_rng(9)
    X = _random_patterns(rng, 4, 65536)
    for rule in hc.CLASSIC_RULES:
        net = hc.store(X, rule=rule)
        U, V, d = net.factors()
        assert U.shape[0] == 65536 and U.shape[1] <= 8
        assert np.array_equal(np.sign(net.local_fields(X[1])), X[1])


@pytest.mark.parametrize(
    "patterns, rule, params, match",
    [
        ([[1, -1]], "hebian", {}, r"rule must be one of .*'hebian'"),
        ([[1, -1]], 3, {}, "rule must be one of"),
        ([[1, 0, -1]], "hebbian", {}, r"bipolar.*found 1 other value.*0"),
        ([[1, 2, -1]], "storkey", {}, "bipolar"),
        ([[1.0, np.nan, -1.0]], "hebbian", {}, "NaN"),
        ([[1, -1], [1, -1, 1]], "hebbian", {}, "ragged|rectangular"),
        ([], "hebbian", {}, "empty"),
        (np.zeros((0, 5)), "hebbian", {}, "empty"),
        (np.ones((2, 2, 2)), "hebbian", {}, "2-D"),
        ([["a", "b"]], "hebbian", {}, "numbers"),
        ([[True, False]], "hebbian", {}, "booleans"),
        ([[1, -1]], "hebbian", {"degree": 3}, "takes no parameters"),
    ],
)
def test_store_rejects_bad_input_with_a_clear_message(patterns, rule, params, match):
    with pytest.raises(ValueError, match=match):
        hc.store(patterns, rule=rule, **params)


def test_train_rejects_unknown_rule():
    with pytest.raises(ValueError, match="pseudoinverse"):
        hc.train([[1, -1, 1]], rule="projection")


def test_network_pickles_without_its_caches():
    import pickle

    rng = np.random.default_rng(29)
    X = _random_patterns(rng, 30, 40)  # rank >= N/2: the engine caches a dense W
    net = hc.store(X, rule="hebbian")
    traj = hc.run(net, X[0], rng=0)
    assert net._couplings_cache is not None
    copy = pickle.loads(pickle.dumps(net))
    assert copy._couplings_cache is None and np.array_equal(copy.patterns, X)
    assert np.array_equal(hc.run(copy, X[0], rng=0).states, traj.states)
