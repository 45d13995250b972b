"""The experiments at lecture size, each beside its first-principles floor.

Run from the repository root:

    python bench/bench_experiments.py

Issue 14's goals: Capacity at N = 1024 (Hebbian + Storkey + pseudo-inverse, 20 loads up
to P/N = 0.4, 10 trials, async) under 20 s; Basins at N = 1024 with the Basins page's
defaults under 20 s; Attractors on a 128x128 network with the Attractors page's
defaults under 3 s; each within 3x of its floor.

The floor is the number of field computations an experiment cannot avoid, timed as
dense batched numpy products (float64, the same BLAS): every stored memory's fields
once (is it a fixed point?) and every probe's fields once (a recall must read each
unit's field at least once), h = S W for the whole batch. A faster experiment than
that would have to skip looking at some unit. (The attractor search starts from random
states, which must flip about N/2 units each; the floor does not count those flips, so
its ratio says how far from "read every field twice" the dynamics themselves are.)
Exact asynchronous dynamics read every field once per sweep, and probes above
capacity wander for up to 30 sweeps: the bench prints the sweeps the probes ran and,
beside the floor, the same dense products once per sweep run -- what the exact
dynamics cost when every sweep computes the fields it reads instead of keeping them
up to date, as the engine does.

BLAS runs one thread, as in the app: the experiments run on two threads of their own
here, and BLAS threads on top of them cost 3x. The floors' products run BLAS on as many
threads as the experiments have, so both use the same cores.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import hopfield_core as hc  # noqa: E402
from threadpoolctl import threadpool_limits  # noqa: E402
from _timing import line  # noqa: E402


#: Threads per experiment, as the app runs them (two on two cores, one BLAS thread).
WORKERS = max(1, min(2, os.cpu_count() or 1))


def floor_products(batches: list[tuple[int, int]], n: int, repeat: int = 2) -> float:
    """Wall time of one (rows x n) @ (n x n) float64 product per (rows, count) batch entry,
    ``count`` times each (best of ``repeat``), BLAS on as many threads as the experiments
    have (a floor on the same cores)."""
    rng = np.random.default_rng(0)
    W = rng.standard_normal((n, n))
    best = np.inf
    with threadpool_limits(limits=WORKERS, user_api="blas"):  # the cores the experiment uses
        for _ in range(repeat):
            t0 = time.perf_counter()
            for rows, count in batches:
                S = np.ones((rows, n))
                for _ in range(count):
                    S @ W
            best = min(best, time.perf_counter() - t0)
    return best


class SweepCount:
    """Counts the states x sweeps the experiments' stacks run (the floor counts one read
    of each probe's fields; exact asynchronous dynamics read them once per sweep)."""

    def __enter__(self) -> "SweepCount":
        from hopfield_core import engine

        self.total, self._engine = 0, engine
        self._sweep = engine.WeightStack._sweep
        count = self

        def counted(stack, A, *args, **kwargs):
            count.total += A.shape[0]
            return count._sweep(stack, A, *args, **kwargs)

        engine.WeightStack._sweep = counted
        return self

    def __exit__(self, *exc) -> None:
        self._engine.WeightStack._sweep = self._sweep


def per_row_product(n: int, rows: int = 2048, count: int = 4) -> float:
    """Wall time of one state's fields as a dense float64 product, h = s W (batched)."""
    return floor_products([(rows, count)], n) / (rows * count)


def report(label: str, took: float, floor: float, goal_s: float,
           sweeps: int | None = None, n: int | None = None) -> None:
    line(f"{label}: time", f"{took:.2f}", "s", f"< {goal_s:g} s", took < goal_s)
    line(f"{label}: floor (dense products)", f"{floor:.2f}", "s", "(info)", True)
    line(f"{label}: time / floor", f"{took / floor:.1f}", "x", "<= 3x", took / floor <= 3)
    if sweeps:
        # the same products once per sweep the exact dynamics ran: what reading each
        # unit's field once per sweep costs when the fields are computed, not kept
        swept = sweeps * per_row_product(n)
        line(f"{label}: fields once per sweep run (dense products)",
             f"{swept:.2f}", "s", "(info)", True)
        line(f"{label}: time / that", f"{took / swept:.2f}", "x", "(info)", True)


def main() -> None:
    threadpool_limits(limits=1, user_api="blas")  # as the app runs (hopfield_app/__init__.py)
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; "
          f"one BLAS thread, {WORKERS} experiment threads")

    # -- Capacity: N = 1024, 3 rules, 20 loads to 0.4, 10 trials, async --------------------
    n, trials, rules = 1024, 10, ("hebbian", "storkey", "pseudoinverse")
    ps = hc.load_grid(n, 0.4, 20)
    seen = []
    t0 = time.perf_counter()
    with SweepCount() as sweeps:
        res = hc.capacity_curve(n, ps, rules=rules, trials=trials, noise=0.1, mode="async",
                                rng=0, workers=WORKERS, progress=lambda f, partial=None: seen.append(
                                    time.perf_counter()))
    took = time.perf_counter() - t0
    probes = trials * int(ps.sum()) * len(rules)
    floor = floor_products([(trials * int(p), 2 * len(rules)) for p in ps], n)
    print(f"\nCapacity, N = {n}, {len(ps)} loads P = {ps[0]}..{ps[-1]}, {trials} trials, "
          f"{', '.join(rules)}, async")
    print("  recalled at P/N = 0.1, 0.2, 0.4: " + "; ".join(
        f"{r} " + " ".join(f"{res.recalled[r][np.argmin(abs(ps / n - a))]:.2f}"
                           for a in (0.1, 0.2, 0.4)) for r in rules))
    print(f"  first load drawn after {seen[0] - t0:.2f} s")
    print(f"  {probes:,} probes ran {sweeps.total:,} sweeps ({sweeps.total / probes:.1f} per "
          f"probe; the floor counts one): {took / sweeps.total * 1e6:.0f} us per probe-sweep")
    report("capacity N=1024", took, floor, 20, sweeps.total, n)

    # -- Basins: N = 1024, the page's defaults ---------------------------------------------
    load, noise_max, points, b_trials = 0.10, 0.6, 13, 8
    p = int(round(load * n))
    levels = np.linspace(0.0, noise_max, points)
    t0 = time.perf_counter()
    with SweepCount() as sweeps:
        res = hc.basin_curve(n, p, levels, rules=rules, trials=b_trials, mode="async", rng=0,
                             workers=WORKERS)
    took = time.perf_counter() - t0
    probes = b_trials * p * points * len(rules)
    # memories once per level and rule (the fixed check is not needed here) + probes once
    floor = floor_products([(b_trials * p, points * len(rules))], n)
    print(f"\nBasins, N = {n}, P = {p}, {points} noise levels to {noise_max}, {b_trials} trials")
    print("  recalled at noise 0.1, 0.3, 0.5: " + "; ".join(
        f"{r} " + " ".join(f"{res.recalled[r][np.argmin(abs(levels - a))]:.2f}"
                           for a in (0.1, 0.3, 0.5)) for r in rules))
    print(f"  {probes:,} probes ran {sweeps.total:,} sweeps ({sweeps.total / probes:.1f} per "
          f"probe; the floor counts one): {took / sweeps.total * 1e6:.0f} us per probe-sweep")
    report("basins N=1024", took, floor, 20, sweeps.total, n)

    # -- Attractors: 128x128, the page's defaults (starts capped at 2,000,000 / N) ---------
    n = 128 * 128
    rng = np.random.default_rng(1)
    X = (rng.integers(0, 2, size=(6, n)) * 2 - 1).astype(np.int8)
    starts = max(20, 2_000_000 // n)
    net = hc.store(X, rule="hebbian")
    t0 = time.perf_counter()
    found = hc.find_attractors(net, n_starts=starts, mode="async", tolerance=0.02, rng=0)
    took = time.perf_counter() - t0
    # floor: every start's fields twice (read once, confirmed once at its fixed point),
    # the cheapest way they can be computed: through the factors (rank 6, 2 N P per field)
    U, V, _ = net.factors()
    S = np.ones((starts, n))
    floor = np.inf
    for _ in range(3):
        t1 = time.perf_counter()
        (S @ V) @ U.T
        (S @ V) @ U.T
        floor = min(floor, time.perf_counter() - t1)
    print(f"\nAttractors, 128x128 (N = {n}), 6 memories, {starts} random starts, Hebbian, async")
    print(f"  {len(found.attractors)} distinct fixed points; by kind {found.counts_by_kind()}")
    report("attractors 128x128", took, floor, 3)


if __name__ == "__main__":
    main()
