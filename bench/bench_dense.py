"""Benchmark of the dense and modern associative memories, side by side with their goals.

Run from the repository root:

    python bench/bench_dense.py

Every figure is measured in this one run on this machine and printed beside its goal
(issue 7: the same speed goals as the classic core). Times are medians of several
repeats; the naive baseline runs once. Nothing is asserted here: the unit tests in
tests/core/test_dense.py check exactness, this script reports speed. The whole run
treats warnings as errors, so it also shows that nothing overflows at N = 65,536.

On a small machine shared with other work, multi-threaded BLAS can turn many small
matrix products into waits for its threads (seen here: a sweep x10 to x50 slower at a
load average of 10 on 2 cores). The sweeps of hopfield_core.dense therefore make no
BLAS call in their inner loop (einsum and running sums instead); the reference W @ s
does use BLAS. The script prints the load and the BLAS thread setting; compare with
``OPENBLAS_NUM_THREADS=1 python bench/bench_dense.py``.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
import tracemalloc
import warnings
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import hopfield_core as hc  # noqa: E402
import _timing  # noqa: E402
from _timing import noisy, wall_times  # noqa: E402

RULES = [
    ("dense", {"degree": 2}, "dense n=2"),
    ("dense", {"degree": 3}, "dense n=3"),
    ("dense", {"degree": 4}, "dense n=4"),
    ("exponential", {}, "exponential"),
    ("modern", {"beta": 8.0}, "modern b=8"),
]


def timed(fn, repeat=7):
    """Median wall time of fn() over ``repeat`` calls, and its last result."""
    times, out = wall_times(fn, repeat)
    return statistics.median(times), out


def timed_against(reference, fn, repeat=11):
    """Median times of reference() and fn(), measured in alternation so that both see
    the same load on a shared machine; and fn's last result."""
    t_ref, t_fn, out = [], [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        reference()
        t_ref.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        out = fn()
        t_fn.append(time.perf_counter() - t0)
    return statistics.median(t_ref), statistics.median(t_fn), out


def naive_dense_async(X, s0, degree, rng):
    """The textbook loop: 5N times pick a random unit and flip it when
    -sum_mu (xi_mu . s)^n goes down, recomputing the overlaps X @ s each time."""
    Xf = X.astype(np.float64)
    s = s0.astype(np.float64).copy()
    n_units = s.size
    for _ in range(5 * n_units):
        u = rng.integers(n_units)
        q = Xf @ s
        q_flip = q - 2.0 * s[u] * Xf[:, u]
        if np.sum(q_flip**degree) > np.sum(q**degree):
            s[u] = -s[u]
    return s


def line(label, value, unit, goal, ok):
    _timing.line(label, value, unit, goal, ok, widths=(10, 3, 10))


def main():
    rng = np.random.default_rng(2016)
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"load average {load} on {os.cpu_count()} cores; OPENBLAS_NUM_THREADS="
          f"{os.environ.get('OPENBLAS_NUM_THREADS', '(unset)')}\n")

    # -- N = 4096 (64x64), P = 20, 10% noise --------------------------------------------
    print("N = 4096 (64x64), P = 20 random patterns, 10% of units flipped")
    N, P = 4096, 20
    X = rng.choice(np.array([-1, 1], dtype=np.int8), size=(P, N))
    probe = noisy(rng, X[0], 0.10)
    W = hc.train(X, "hebbian")
    s = probe.astype(np.float64)
    print("  (each ratio: medians of the two timings taken in alternation)")
    for rule, params, label in RULES:
        net = hc.store(X, rule, **params)
        t_mv, t_async, traj = timed_against(
            lambda: W @ s, lambda: hc.run(net, probe, mode="async", steps=50, rng=7))
        t_mv2, t_sync, _ = timed_against(
            lambda: W @ s, lambda: hc.run(net, probe, mode="sync", steps=1), repeat=21)
        err = float(np.abs(traj.final - X[0]).max())
        print(f"  {label}: W @ s {t_mv * 1e3:.2f} ms; async recall {t_async * 1e3:.2f} ms, "
              f"{traj.n_sweeps:g} updates, converged {traj.converged}, "
              f"max |s - xi| = {err:.1e}; run(sync, steps=1) {t_sync * 1e3:.2f} ms")
        if rule == "modern":
            line(f"{label}: recall to convergence / one W @ s", f"{t_async / t_mv:.2f}", "",
                 "(info)", True)
            continue
        line(f"{label}: async recall to convergence / one W @ s", f"{t_async / t_mv:.2f}",
             "", "<= 2", t_async / t_mv <= 2)
        line(f"{label}: run(sync, steps=1) incl. energies / one W @ s",
             f"{t_sync / t_mv2:.2f}", "", "<= 0.5", t_sync / t_mv2 <= 0.5)
        if params.get("degree") == 3:
            t0 = time.perf_counter()
            naive_dense_async(X, probe, 3, np.random.default_rng(7))
            t_naive = time.perf_counter() - t0
            line(f"{label}: speed-up vs naive loop (5N updates, X @ s each)",
                 f"{t_naive / t_async:.0f}", "x", ">= 20x", t_naive / t_async >= 20)

    # -- N = 65,536 (256x256), P = 20 ------------------------------------------------------
    print("\nN = 65,536 (256x256), P = 20 random patterns, 10% of units flipped")
    N, P = 65536, 20
    X = rng.choice(np.array([-1, 1], dtype=np.int8), size=(P, N))
    probe = noisy(rng, X[3], 0.10)
    print("  (time: median of 3 runs; memory: one more run under tracemalloc, which slows it)")
    for rule, params, label in RULES:

        def store_and_recall(rule=rule, params=params):
            return hc.run(hc.store(X, rule, **params), probe, mode="async", steps=50, rng=1)

        t_big, traj = timed(store_and_recall, repeat=3)
        tracemalloc.start()
        store_and_recall()
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        err = float(np.abs(traj.final - X[3]).max())
        print(f"  {label}: converged {traj.converged} in {traj.n_sweeps:g} updates, "
              f"max |s - xi| = {err:.1e}, final energy {traj.energies[-1]:.1f}")
        line(f"{label}: store + async recall", f"{t_big:.3f}", "s", "< 0.5 s", t_big < 0.5)
        line(f"{label}: peak memory (tracemalloc)", f"{peak / 2**20:.0f}", "MB", "< 300 MB",
             peak / 2**20 < 300)
        del traj

    # -- Capacity-page batches: N = 100, 400 probes ------------------------------------------
    print("\nrecall_batch for the Capacity page: N = 100, 40 patterns, 400 probes, 10% noise")
    N, P = 100, 40
    X = rng.choice(np.array([-1, 1], dtype=np.int8), size=(P, N))
    probes = np.stack([noisy(rng, X[i % P], 0.10) for i in range(400)])
    targets = X[np.arange(400) % P]
    for rule, params, label in [("hebbian", {}, "hebbian")] + RULES:
        net = hc.store(X, rule, **params)
        t_b, (final, _) = timed(lambda: hc.recall_batch(net, probes, rng=3), repeat=3)
        recalled = (final == targets).all(axis=1).mean()
        line(f"{label}: 400 probes, async (recalled {recalled:.0%})", f"{t_b * 1e3:.0f}",
             "ms", "(info)", True)


if __name__ == "__main__":
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        main()
