"""Claims of demo 9 (temperature): 20 runs per temperature (the demo's own data)."""

from __future__ import annotations

import functools

import numpy as np

import hopfield_core as hc
from hopfield_app.demos import common as c
from hopfield_app.demos.entries import temperature as demo


@functools.lru_cache(maxsize=None)
def _data():
    return demo.compute()


def test_series_boat_then_mixture_then_noise():
    d = _data()
    assert d["n_runs"] >= 20
    spreads = {t: dict(s) for t, s in zip(d["temperatures"], d["spreads"])}
    n = d["n_runs"]
    for t in (0.0, 0.3, 0.5, 0.7):
        assert spreads[t] == {"boat": n}, (t, spreads[t])
    m = dict(zip(d["temperatures"], d["mean_abs_overlaps"][:, 0]))
    assert m[0.0] > 0.99 and m[0.3] > 0.99  # the boat itself
    assert 0.75 < m[0.7] < 0.97 and 0.75 < m[0.5] < 0.99  # grainy but the boat
    assert spreads[0.9] == {"umbrella-heart mixture": n}  # gone in every run
    assert spreads[1.2] == {"umbrella-heart mixture": n}  # still there at 1.2
    assert spreads[2.0] == {"noise": n}


def test_umbrella_and_heart_share_most_pixels():
    names, pats = c.pictures(demo.GRID, demo.PICTURES)
    corr = (pats.astype(float) @ pats.T.astype(float)) / pats.shape[1]
    np.fill_diagonal(corr, 0)
    i, j = np.unravel_index(np.argmax(np.abs(corr)), corr.shape)
    assert {names[i], names[j]} == {"umbrella", "heart"}
    assert round(float(corr[i, j]), 2) == 0.52


def _mean_field_mixture(pats: np.ndarray, temperature: float) -> float:
    """Iterate m_mu = < xi_mu tanh(sum_nu xi_nu m_nu / T) > over the sites, from the
    umbrella-heart mixture; returns its final overlap with the umbrella."""
    x = pats.astype(float)
    m = np.array([0.0, 0.8, 0.8])
    for _ in range(3000):
        m = (x * np.tanh((m @ x) / temperature)).mean(axis=1)
    return float(abs(m[1]))


def test_mean_field_melting_points():
    assert demo.mean_field_overlap(0.95) > 0.2 and demo.mean_field_overlap(1.05) < 1e-3
    names, pats = c.pictures(demo.GRID, demo.PICTURES)
    assert _mean_field_mixture(pats, 1.35) > 0.1  # the mixture survives past T = 1 ...
    assert _mean_field_mixture(pats, 1.65) < 1e-3  # ... and melts near 1.5


def test_now_try_t07_flickers_without_settling():
    names, pats, _ = demo.setup()
    net = hc.store(pats, rule="hebbian")
    for seed in range(20):
        probe = hc.add_noise(pats[0], demo.NOISE, rng=seed)
        traj = hc.run(net, probe, mode="async", steps=demo.SWEEPS, temperature=0.7, rng=seed)
        assert not traj.converged
        last = np.asarray(traj.states[-5:])
        assert len({s.tobytes() for s in last}) > 1  # still changing at the end
        assert c.overlap(pats[0], traj.final) > 0.6  # flickering around the boat
