"""The field decomposition sums to the engine's field; the plane energy is energy()."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import hopfield_core as hc

RULES = [
    ("hebbian", {}), ("storkey", {}), ("pseudoinverse", {}), ("dense", {"degree": 2}),
    ("dense", {"degree": 3}), ("dense", {"degree": 6}), ("exponential", {}),
    ("modern", {"beta": 8.0}),
]


def _net(rule, kw, seed, n=48, p=4):
    rng = np.random.default_rng(seed)
    X = rng.choice(np.array([-1, 1], dtype=np.int8), size=(p, n))
    return hc.store(X, rule, **kw), X, rng


@settings(max_examples=12, deadline=None)
@given(seed=st.integers(0, 10_000), which=st.integers(0, len(RULES) - 1),
       p=st.integers(1, 7), flips=st.integers(0, 30), theta_scale=st.sampled_from([0, 0.1, 1]))
def test_terms_sum_to_the_engine_field_along_a_run(seed, which, p, flips, theta_scale):
    rule, kw = RULES[which]
    net, X, rng = _net(rule, kw, seed, p=p)
    s = X[0].copy()
    s[rng.choice(s.size, flips, replace=False)] *= -1
    theta = theta_scale * rng.normal(size=s.size)
    traj = hc.run(net, s, mode="async", steps=4, theta=theta, rng=rng, frames_per_sweep=3)
    ft = hc.field_terms(net, traj.states, theta)
    for t in range(traj.n_frames):
        terms, self_terms = hc.all_contributions(ft, t, traj.states[t])
        ref = net.local_fields(traj.states[t])
        np.testing.assert_allclose(terms.sum(axis=1) + self_terms, ref, rtol=0, atol=1e-9)
    unit = int(rng.integers(s.size))
    uf = hc.unit_field(ft, traj.n_frames - 1, unit, traj.states[-1][unit])
    assert uf.field == pytest.approx(float(net.local_fields(traj.states[-1])[unit]), abs=1e-9)
    assert uf.drive == pytest.approx(uf.field - theta[unit], abs=1e-12)


@pytest.mark.parametrize("rule,kw", RULES)
def test_decision_matches_the_next_synchronous_state(rule, kw):
    # A synchronous step applies every unit's decision at once: the frame after t is it.
    net, X, rng = _net(rule, kw, 3, n=40, p=3)
    s = X[1].copy()
    s[:12] *= -1
    traj = hc.run(net, s, mode="sync", steps=1, rng=rng)
    ft = hc.field_terms(net, traj.states)
    for i in range(s.size):
        uf = hc.unit_field(ft, 0, i, traj.states[0][i])
        if ft.update_is_value:
            assert uf.decision == pytest.approx(traj.states[1][i], abs=1e-9)
        else:
            assert uf.decision == traj.states[1][i]


def test_hebbian_terms_are_xi_times_overlap_and_the_self_term_is_p_over_n():
    net, X, _ = _net("hebbian", {}, 5, n=30, p=3)
    s = X[2].copy()
    s[:7] *= -1
    uf = hc.explain_unit(net, s, 4)
    m = X @ s / 30
    np.testing.assert_allclose(uf.terms, X[:, 4] * m)
    assert uf.self_term == pytest.approx(-3 / 30 * s[4])
    np.testing.assert_allclose(uf.by_memory(3), X[:, 4] * m)


def test_pseudoinverse_has_no_crosstalk_at_a_stored_memory():
    net, X, _ = _net("pseudoinverse", {}, 8, n=50, p=5)
    ft = hc.field_terms(net, X[3])
    np.testing.assert_allclose(ft.coef[0], np.eye(5)[3], atol=1e-12)


def test_storkey_terms_come_in_pairs_per_memory():
    net, X, _ = _net("storkey", {}, 9, n=40, p=4)
    ft = hc.field_terms(net, X[0])
    assert list(ft.memory) == [0, 0, 1, 1, 2, 2, 3, 3]
    assert ft.labels[1] == "memory 1 (correction)"


def test_a_tie_is_reported_and_keeps_the_value():
    # Unit 0's field is exactly 0.5: with theta 0.5 it is a tie, and the engine keeps it.
    X = np.array([[1, 1, 1, 1], [-1, 1, -1, 1]], dtype=np.int8)
    net = hc.store(X, "hebbian")
    s = np.array([-1, 1, 1, 1], dtype=np.int8)
    theta = np.array([0.5, 0.0, 0.0, 0.0])
    uf = hc.explain_unit(net, s, 0, theta)
    assert uf.field == pytest.approx(0.5) and uf.tie and uf.decision == -1
    assert hc.run(net, s, mode="sync", steps=1, theta=theta, rng=0).states[1][0] == -1
    uf2 = hc.explain_unit(net, s, 0)
    assert not uf2.tie and uf2.decision == 1


def test_bad_frame_or_unit_is_refused_with_its_range():
    net, X, _ = _net("hebbian", {}, 1)
    ft = hc.field_terms(net, X[0])
    with pytest.raises(ValueError, match="unit in"):
        hc.unit_field(ft, 0, 999, 1)
    with pytest.raises(ValueError, match="Network"):
        hc.field_terms(X, X[0])


@settings(max_examples=10, deadline=None)
@given(seed=st.integers(0, 10_000), which=st.integers(0, len(RULES) - 1),
       p=st.integers(2, 6), res=st.integers(3, 25))
def test_plane_energy_equals_energy_of_its_states(seed, which, p, res):
    rule, kw = RULES[which]
    net, X, rng = _net(rule, kw, seed, p=p)
    a, b = 0, p - 1
    theta = 0.2 * rng.normal(size=X.shape[1])
    pe = hc.plane_energy(net, a, b, theta=theta, resolution=res)
    if np.array_equal(X[a], X[b]) or np.array_equal(X[a], -X[b]):
        assert pe is None
        return
    cells = np.argwhere(np.isfinite(pe.energy))
    assert cells.size
    for r, c in cells[rng.choice(len(cells), min(6, len(cells)), replace=False)]:
        s = hc.plane_state(X, a, b, int(pe.k[r, c]), int(pe.j[r, c]))
        assert pe.energy[r, c] == pytest.approx(float(net.energy(s, theta)), abs=1e-8)
        assert pe.m_a[r, c] == pytest.approx(X[a] @ s / s.size)
        assert pe.m_b[r, c] == pytest.approx(X[b] @ s / s.size)
        assert abs(pe.m_a[r, c] - pe.x[c]) <= 1 / (res - 1) + 1e-9


def test_plane_corners_are_the_memories_and_hebbian_two_memory_formula():
    net, X, _ = _net("hebbian", {}, 11, n=60, p=2)
    agree = int((X[0] == X[1]).sum())
    assert np.array_equal(hc.plane_state(X, 0, 1, agree, 60 - agree), X[0])
    assert np.array_equal(hc.plane_state(X, 0, 1, agree, 0), X[1])
    pe = hc.plane_energy(net, 0, 1, resolution=31)
    ok = np.isfinite(pe.energy)
    expect = -(60 / 2) * (pe.m_a**2 + pe.m_b**2) + 2 / 2
    np.testing.assert_allclose(pe.energy[ok], expect[ok], atol=1e-9)
    # the lowest cells are the memories (and their negatives)
    lo = np.unravel_index(np.nanargmin(pe.energy), pe.energy.shape)
    assert abs(abs(pe.m_a[lo]) - 1) < 1e-12 or abs(abs(pe.m_b[lo]) - 1) < 1e-12


def test_identical_memories_have_no_plane():
    X = np.array([[1, -1, 1, 1], [1, -1, 1, 1], [1, 1, 1, -1]], dtype=np.int8)
    net = hc.store(X, "hebbian")
    assert hc.plane_energy(net, 0, 1) is None
    assert hc.plane_energy(net, 0, 2) is not None
    with pytest.raises(ValueError, match="memory index"):
        hc.plane_energy(net, 0, 5)


def test_the_stated_glauber_probability_matches_the_engine_over_seeds():
    # The panel says "becomes +1 with probability p" at temperature T: p = (1 + tanh(drive/T))/2.
    net, X, rng = _net("hebbian", {}, 12, n=40, p=4)
    s = X[0].copy()
    s[:14] *= -1
    T = 0.5
    ft = hc.field_terms(net, s)
    units = [0, 5, 20, 33]
    p = np.array([0.5 * (1 + np.tanh(hc.unit_field(ft, 0, i, s[i]).drive / T)) for i in units])
    ups = np.zeros(len(units))
    seeds = 400
    for seed in range(seeds):
        nxt = hc.run(net, s, mode="sync", steps=1, temperature=T, rng=seed).states[1]
        ups += nxt[units] == 1
    # binomial: 4 standard errors
    assert np.all(np.abs(ups / seeds - p) <= 4 * np.sqrt(p * (1 - p) / seeds) + 1e-9)
