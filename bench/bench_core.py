"""Benchmark of the core engine against the classic implementations, side by side.

Run from the repository root:

    python bench/bench_core.py

Every figure is measured in this one run on this machine and printed beside its goal
(issue 2). Times are the best of several repeats, the fast code and its baseline
measured one right after the other, so that load from other processes on a shared
machine disturbs the ratios as little as possible. Nothing here is asserted: the unit
tests check exactness, this script reports speed.
"""

from __future__ import annotations

import resource
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import hopfield_core as hc  # noqa: E402
from hopfield_core.engine import new_values  # noqa: E402
from _timing import line, noisy, wall_times  # noqa: E402


def timed(fn, repeat=7):
    """Best wall time of fn() over ``repeat`` calls (the least disturbed by other load
    on a shared machine), and its last result."""
    times, out = wall_times(fn, repeat)
    return min(times), out


def classic_async_loop(W, s0, rng):
    """The classic notebook recall: 5N times pick a random unit, set it to sign(W[u] @ s)."""
    s = s0.astype(np.float64).copy()
    n = s.size
    for _ in range(5 * n):
        u = rng.integers(n)
        s[u] = 1.0 if W[u] @ s >= 0 else -1.0
    return s


def classic_storkey(X):
    """The classic notebook Storkey rule: the net input tiled into N x N matrices per pattern."""
    P, N = X.shape
    W = np.zeros((N, N))
    for xi in X.astype(np.float64):
        net = W @ xi
        # h_ij = sum_{k != i, j} W_ik xi_k = net_i - W_ij xi_j  (W_ii = 0)
        H = np.tile(net[:, None], (1, N)) - W * xi[None, :]
        W = W + (np.outer(xi, xi) - xi[:, None] * H.T - H * xi[None, :]) / N
        np.fill_diagonal(W, 0.0)
    return W


def main():
    rng = np.random.default_rng(2024)
    results = []

    # -- N = 65,536 (a 256x256 image), P = 20: store + async recall, time and memory ------
    print("N = 65,536 (256x256), P = 20 random patterns, 10% of units flipped")
    N, P = 65536, 20
    X = rng.choice(np.array([-1, 1], dtype=np.int8), size=(P, N))
    probe = noisy(rng, X[3], 0.10)
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    def store_and_recall():
        net = hc.store(X, rule="hebbian")
        return hc.run(net, probe, mode="async", steps=50, rng=1)

    tracemalloc.start()
    store_and_recall()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    t_big, traj = timed(store_and_recall, repeat=5)
    rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    ok = traj.converged and np.array_equal(traj.final, X[3])
    print(f"  recalled memory 3 exactly: {ok}; {traj.n_sweeps:g} sweeps")
    line("store + async recall to convergence (best of 5)", f"{t_big:.3f}", "s", "< 0.5 s",
         t_big < 0.5)
    line("peak memory allocated (tracemalloc)", f"{peak / 2**20:.1f}", "MB", "< 300 MB",
         peak / 2**20 < 300)
    print(f"  process max RSS before / after: {rss0:.0f} / {rss1:.0f} MB")
    for rule in ("storkey", "pseudoinverse"):
        t0 = time.perf_counter()
        n2 = hc.store(X, rule=rule)
        tr2 = hc.run(n2, probe, mode="async", steps=50, rng=1)
        print(f"  ({rule}: store + recall {time.perf_counter() - t0:.3f} s, "
              f"recalled: {np.array_equal(tr2.final, X[3])})")
    del traj

    # -- N = 4096 (64x64), P = 20: async recall, sync step ---------------------------------
    print("\nN = 4096 (64x64), P = 20 random patterns, 10% of units flipped")
    N, P = 4096, 20
    X = rng.choice(np.array([-1, 1], dtype=np.int8), size=(P, N))
    probe = noisy(rng, X[0], 0.10)
    net = hc.store(X, rule="hebbian")
    W = net.weights()
    s = probe.astype(np.float64)

    # Interleaved rounds: the baseline and the fast code see the same load.
    t_mv = t_fast = t_classic = np.inf
    for _ in range(3):
        t_mv = min(t_mv, timed(lambda: W @ s, repeat=7)[0])
        tf, traj = timed(lambda: hc.run(net, probe, mode="async", steps=50, rng=7), repeat=5)
        t_fast = min(t_fast, tf)
    for _ in range(2):
        tc, s_classic = timed(lambda: classic_async_loop(W, probe, np.random.default_rng(7)),
                              repeat=1)
        t_classic = min(t_classic, tc)
        t_mv = min(t_mv, timed(lambda: W @ s, repeat=7)[0])
    print(f"  both recover memory 0 exactly: fast {np.array_equal(traj.final, X[0])}, "
          f"classic {np.array_equal(s_classic, X[0])}")
    print(f"  one dense float64 W @ s: {t_mv * 1e3:.2f} ms; "
          f"fast async recall ({traj.n_sweeps:g} sweeps): {t_fast * 1e3:.2f} ms; "
          f"classic loop (5N updates): {t_classic * 1e3:.0f} ms")
    line("async recall speed-up vs classic loop (x)", f"{t_classic / t_fast:.0f}", "x",
         ">= 20x", t_classic / t_fast >= 20)
    line("async recall time / one dense W @ s", f"{t_fast / t_mv:.2f}", "", "<= 2",
         t_fast / t_mv <= 2)

    C = net._couplings()
    theta = np.zeros(N)
    t_step, _ = timed(lambda: new_values(C.fields(s[None, :])[0] - theta, s, 0.0, 0.0, None),
                      repeat=51)
    t_run1, _ = timed(lambda: hc.run(net, probe, mode="sync", steps=1), repeat=21)
    print(f"  sync step (fields + decisions): {t_step * 1e3:.3f} ms; "
          f"whole hc.run(mode='sync', steps=1) call: {t_run1 * 1e3:.3f} ms")
    line("one synchronous step / one dense W @ s", f"{t_step / t_mv:.3f}", "", "<= 0.5",
         t_step / t_mv <= 0.5)
    line("hc.run(sync, steps=1) incl. validation + energies / W @ s", f"{t_run1 / t_mv:.3f}",
         "", "(info)", True)

    # -- Storkey training, N = 2048, P = 20 -----------------------------------------------
    print("\nStorkey training, N = 2048, P = 20")
    N, P = 2048, 20
    X = rng.choice(np.array([-1, 1], dtype=np.int8), size=(P, N))
    t_store, net = timed(lambda: hc.store(X, rule="storkey"), repeat=7)
    t_train, W_fast = timed(lambda: hc.train(X, rule="storkey"), repeat=3)
    t0 = time.perf_counter()
    W_classic = classic_storkey(X)
    t_cl = time.perf_counter() - t0
    err = np.abs(W_fast - W_classic).max()
    print(f"  store (factors): {t_store * 1e3:.2f} ms; train (factors + dense W): "
          f"{t_train * 1e3:.1f} ms; classic tiled rule: {t_cl * 1e3:.0f} ms; "
          f"max |W_fast - W_classic| = {err:.1e}")
    line("Storkey store speed-up vs classic tiled rule (x)", f"{t_cl / t_store:.0f}", "x",
         ">= 100x", t_cl / t_store >= 100)
    line("Storkey train (incl. dense W) speed-up vs classic (x)", f"{t_cl / t_train:.0f}", "x",
         "(info)", True)


if __name__ == "__main__":
    main()
