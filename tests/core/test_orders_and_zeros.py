"""Update orders ("random", "sequential", "replacement") and undecided (0) start units.

Every rule, both entry points (run, recall_batch), checked against a plain one-unit-
at-a-time loop written from the energy: a unit takes the value of lower energy; a
tie keeps a +-1 unit and sets a 0 unit to -1 (the Storkey notebook's
``1 if net_input > theta else -1``).
"""

import zlib

import numpy as np
import pytest

import hopfield_core as hc

RULES = [("hebbian", {}), ("storkey", {}), ("pseudoinverse", {}), ("dense", {"degree": 3}),
         ("dense", {"degree": 2}), ("exponential", {})]


def _bipolar(rng, shape):
    return (rng.integers(0, 2, size=shape) * 2 - 1).astype(np.int8)


def _reference_sweep(net, s, order, theta):
    """One pass over ``order`` from the energy alone (float64 state, in place)."""
    for i in order:
        up, down = s.copy(), s.copy()
        up[i], down[i] = 1.0, -1.0
        dE = net.energy(np.stack([up, down]), theta)  # E(+1), E(-1)
        gap = dE[1] - dE[0]  # > 0: +1 is lower
        if abs(gap) <= 1e-12 * (1 + abs(dE).max()):
            s[i] = -1.0 if s[i] == 0 else s[i]
        else:
            s[i] = 1.0 if gap > 0 else -1.0


def _orders(kind, n, rng, sweeps):
    out = []
    for _ in range(sweeps):
        if kind == "random":
            out.append(rng.permutation(n))
        elif kind == "sequential":
            out.append(np.arange(n))
        else:
            out.append(rng.integers(0, n, size=n))
    return out


@pytest.mark.parametrize("rule", RULES, ids=lambda r: f"{r[0]}{r[1].get('degree', '')}")
@pytest.mark.parametrize("order", ["random", "sequential", "replacement"])
@pytest.mark.parametrize("seed", range(4))
def test_run_follows_the_reference_with_zeros(rule, order, seed):
    name, params = rule
    rng = np.random.default_rng(zlib.crc32(f"{name}{params}{order}".encode()) + seed)
    X = _bipolar(rng, (4, 40))
    net = hc.store(X, rule=name, **params)
    start = hc.halfway(X[0], X[1], undecided="zero")
    start[rng.choice(40, 5, replace=False)] *= -1  # a few wrong units as well
    assert (start == 0).any()
    traj = hc.run(net, start, steps=3, order=order, rng=7)
    s = start.astype(np.float64)
    for k, o in enumerate(_orders(order, 40, np.random.default_rng(7), 3)):
        if k >= traj.n_sweeps:
            break
        _reference_sweep(net, s, o, np.zeros(40))
        assert np.array_equal(traj.states[k + 1], s), (k, order)
    assert traj.order == order
    # energy with 0 units: the usual formula on the state as it is
    assert traj.energies[0] == pytest.approx(net.energy(start.astype(float)))


@pytest.mark.parametrize("rule", RULES, ids=lambda r: f"{r[0]}{r[1].get('degree', '')}")
@pytest.mark.parametrize("order", ["sequential", "replacement"])
def test_recall_batch_equals_run_for_every_order(rule, order):
    name, params = rule
    rng = np.random.default_rng(3)
    X = _bipolar(rng, (5, 48))
    net = hc.store(X, rule=name, **params)
    probes = np.repeat(X[:3], 3, axis=0).astype(np.int8)
    for b in range(len(probes)):
        probes[b, rng.choice(48, 8 + b, replace=False)] *= -1
    probes[0, :6] = 0
    final, conv = hc.recall_batch(net, probes, max_steps=20, order=order, rng=11)
    for b, p in enumerate(probes):
        t = hc.run(net, p, steps=20, order=order, rng=11)
        assert np.array_equal(final[b], t.final), b
        assert conv[b] == t.converged, b


def test_replacement_leaves_about_37_percent_unvisited_per_sweep():
    """N draws with replacement visit 1 - (1 - 1/N)^N ~ 1 - 1/e = 63.2 % of the units.
    Over 20 seeds (N = 400, 3 sweeps each) every sweep visits 58-69 % and the mean is
    within 1.5 % of 63.2 %; "random" and "sequential" sweeps visit every unit."""
    X = _bipolar(np.random.default_rng(0), (3, 400))
    net = hc.store(X)
    ends = []
    for seed in range(20):
        probe = _bipolar(np.random.default_rng(100 + seed), 400)
        t = hc.run(net, probe, steps=3, order="replacement", temperature=0.5, rng=seed,
                   frames_per_sweep=4)
        at_end = t.visited[t.sweeps == np.round(t.sweeps)][1:]
        assert len(at_end) == 3
        ends.extend(at_end)
        assert np.all(np.diff(t.visited[1:5]) > 0)  # growing within a sweep
    ends = np.array(ends)
    assert ends.min() > 0.58 and ends.max() < 0.69
    assert abs(ends.mean() - (1 - (1 - 1 / 400) ** 400)) < 0.015
    for order in ("random", "sequential"):
        t = hc.run(net, X[0] * -1, steps=2, order=order, temperature=0.5, rng=1)
        assert np.all(t.visited[1:] == 1.0) and t.visited[0] == 0.0
    t = hc.run(net, X[0], mode="sync", steps=2)
    assert np.all(t.visited[1:] == 1.0)


def test_replacement_stops_only_at_a_real_fixed_point():
    """A sweep of draws with replacement that changes nothing has not looked at every
    unit: the run checks all of them before it calls the state fixed."""
    X = _bipolar(np.random.default_rng(5), (3, 200))
    net = hc.store(X)
    for seed in range(20):
        probe = X[1].copy()
        probe[np.random.default_rng(seed).choice(200, 30, replace=False)] *= -1
        t = hc.run(net, probe, steps=50, order="replacement", rng=seed)
        if t.converged:
            h = net.local_fields(t.final.astype(float))
            assert np.all(h * t.final >= -1e-9)


def test_zero_units_are_decided_when_visited_and_never_fixed():
    rng = np.random.default_rng(2)
    X = _bipolar(rng, (2, 64))
    net = hc.store(X)
    mid = hc.halfway(X[0], X[1], undecided="zero")
    assert set(np.unique(mid)) <= {-1, 0, 1}
    assert np.array_equal(mid == 0, X[0] != X[1])
    assert np.array_equal(mid[X[0] == X[1]], X[0][X[0] == X[1]])
    # a state with a 0 unit is never a fixed point; one sweep of a permutation decides all
    for order in ("random", "sequential"):
        t = hc.run(net, mid, steps=30, order=order, rng=3)
        assert not (t.states[1] == 0).any() and t.converged
    for mode in ("sync", "async"):
        final, conv = hc.recall_batch(net, mid, mode=mode, rng=3)
        assert not (final == 0).any()
    # overlaps count a 0 unit for neither side
    t = hc.run(net, mid, steps=1, rng=0)
    m = t.overlaps(X)[0]
    assert m == pytest.approx((X.astype(float) @ mid) / 64)


def test_zero_unit_with_zero_field_becomes_minus_one():
    """The notebook's rule ``1 if net_input > theta else -1``: a tie sends a 0 unit to -1
    (and a +-1 unit keeps its value)."""
    W = np.zeros((3, 3))
    t = hc.run(W, [0, 1, -1], order="sequential", steps=1)
    assert t.states[1].tolist() == [-1, 1, -1]
    t = hc.run(W, [0, 0, 0], mode="sync", steps=1)
    assert t.states[1].tolist() == [-1, -1, -1]


def test_orders_are_validated():
    net = hc.store(np.array([[1, -1, 1, -1]]))
    with pytest.raises(ValueError, match="order"):
        hc.run(net, [1, 1, 1, 1], order="shuffle")
    with pytest.raises(ValueError, match="order"):
        hc.recall_batch(net, [[1, 1, 1, 1]], order=3)
    with pytest.raises(ValueError, match="undecided"):
        hc.halfway(np.array([1, -1]), np.array([1, 1]), undecided="nan")
    # stored patterns stay strictly bipolar
    with pytest.raises(ValueError, match="bipolar"):
        hc.store(np.array([[1, 0, -1]]))
