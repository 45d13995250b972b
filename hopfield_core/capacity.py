"""Capacity: recall quality against the load P/N, per rule, on the same random patterns."""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ._validation import as_order
from .experiment_common import (Progress, RuleSpec, StorkeyStages, SweepResult, check_fraction,
                                check_int, check_mode, check_workers, coerce_rules, corrupt,
                                curve_points, flip_orders, random_patterns, recall_stack)

__all__ = ["CapacityResult", "load_grid", "capacity_curve"]


def load_grid(n_units: int, alpha_max: float, count: int, *, alpha_min: float = 0.0) -> np.ndarray:
    """Distinct pattern counts P spread evenly over loads alpha = P/N in [alpha_min, alpha_max].

    Parameters
    ----------
    n_units : int
        N, the number of units (>= 2).
    alpha_max, alpha_min : float
        Largest and smallest load P/N (0 < alpha_max <= 2).
    count : int
        How many load values to aim for; rounding to whole patterns may merge a few.

    Returns
    -------
    ndarray of shape (L,), np.int64
        Sorted distinct P >= 1.
    """
    n_units = check_int(n_units, "n_units", 2)
    count = check_int(count, "count", 1)
    alpha_max = check_fraction(alpha_max, "alpha_max", upper=2.0)
    alpha_min = check_fraction(alpha_min, "alpha_min", upper=2.0)
    if alpha_max < alpha_min:
        raise ValueError(
            f"the load range is empty: its lower end alpha_min={alpha_min:g} is above its "
            f"upper end alpha_max={alpha_max:g}; choose alpha_min <= alpha_max"
        )
    if alpha_max * n_units < 1:
        raise ValueError(
            f"the largest load alpha_max={alpha_max:g} stores less than one pattern in "
            f"N={n_units} units; choose alpha_max >= 1/N = {1 / n_units:.3g}"
        )
    lo = alpha_min if alpha_min > 0 else alpha_max / count
    ps = np.rint(np.linspace(lo, alpha_max, count) * n_units).astype(np.int64)
    return np.unique(np.clip(ps, 1, None))


@dataclass(frozen=True)
class CapacityResult(SweepResult):
    """Recall quality against load for several rules on the same random patterns.

    Arrays are indexed by load; loads not reached before an early stop hold NaN.

    Attributes
    ----------
    n_units : int
        N.
    n_patterns : ndarray (L,) int
        P at each load.
    labels : list[str]
        One per rule, the keys of the dicts below ("hebbian", "dense (n=3)", ...).
    fixed : dict[str, ndarray (L,)]
        Fraction of stored memories that are fixed points (no unit wants to flip).
    overlap : dict[str, ndarray (L,)]
        Mean final overlap m = (1/N) xi . s with the memory a noisy probe started from.
    recalled : dict[str, ndarray (L,)]
        Fraction of noisy probes whose final overlap is >= ``success_overlap``.
    trials, noise, mode, success_overlap :
        The settings used.
    completed : int
        Loads fully computed (== L unless stopped early).
    elapsed : float
        Seconds spent so far (for a partial result: up to this load).
    done_fraction : float
        Fraction of the work done, each load weighted by its cost; ``remaining``
        estimates the seconds left from it.
    """

    n_units: int
    n_patterns: np.ndarray
    labels: list[str]
    fixed: dict[str, np.ndarray]
    overlap: dict[str, np.ndarray]
    recalled: dict[str, np.ndarray]
    trials: int
    noise: float
    mode: str
    success_overlap: float
    completed: int
    elapsed: float = 0.0
    done_fraction: float = 1.0

    def _points(self) -> np.ndarray:
        return self.n_patterns

    def _row(self, label: str, k: int) -> dict[str, Any]:
        return {
            "rule": label, "N": self.n_units, "P": int(self.n_patterns[k]),
            "alpha": float(self.alpha[k]), "trials": self.trials, "noise": self.noise,
            "fixed_fraction": float(self.fixed[label][k]),
            "mean_overlap": float(self.overlap[label][k]),
            "recalled_fraction": float(self.recalled[label][k]),
        }


def capacity_curve(n_units: int, n_patterns: Sequence[int], *, rules: Any = ("hebbian",),
                   trials: int = 10, noise: float = 0.1, mode: str = "async",
                   max_steps: int = 30, success_overlap: float = 0.95, rng: Any = None,
                   progress: Progress | None = None,
                   on_result: Callable[["CapacityResult"], Any] | None = None,
                   order: str = "random", workers: int | None = None) -> CapacityResult:
    """Recall quality against load P/N for each rule, on the same random patterns.

    For each trial t one set of unbiased random patterns xi_1 .. xi_Pmax is drawn;
    the load with P patterns stores the first P of them, in every rule. Each
    memory is then tested twice:

    * is it a fixed point? -- every unit agrees with its field,
      xi_i h_i >= 0 with h = W xi (for dense rules: no single flip lowers E);
    * from a probe with round(noise * N) distinct units flipped (the same flips
      for every rule), recall to a fixed point (at most ``max_steps`` steps) and
      measure the final overlap

    .. math:: m = \\frac{1}{N} \\xi^\\mu \\cdot s_{final}

    where N is the number of units and xi^mu the memory the probe came from.

    Parameters
    ----------
    n_units : int
        N (>= 2).
    n_patterns : sequence of int
        The loads, as pattern counts P (each 1 <= P <= 2N); see `load_grid`.
    rules : sequence of {str, (str, dict), RuleSpec}
        e.g. ``("hebbian", "storkey", ("dense", {"degree": 3}))``.
    trials : int
        Independent pattern sets per load (>= 1).
    noise : float
        Fraction of units flipped in each probe, in [0, 1].
    mode : {'async', 'sync'}
        Update mode of the recall.
    max_steps : int
        Sweeps (async) or steps (sync) before a recall is cut off.
    success_overlap : float
        Final overlap from which a recall counts as successful.
    rng : {None, int, numpy.random.Generator}
        Seed of every random choice (patterns, flips, update orders).
    progress : callable, optional
        Called after each load as ``progress(fraction)``, or, when it takes a second
        argument (or a keyword ``partial``), as ``progress(fraction, partial)`` with the
        partial `CapacityResult` (the loads finished so far, NaN beyond; its
        ``elapsed`` and ``remaining`` give the time spent and an estimate of the time
        left), so a page can draw each load as it completes. Returning ``False`` stops
        early and keeps the loads finished so far. ``fraction`` weights each load by
        its cost.
    on_result : callable, optional
        Called with the partial `CapacityResult` after each load, before
        ``progress`` (so a caller that may be interrupted keeps what is done).
    order : {"random", "sequential", "replacement"}
        Asynchronous update order of the recalls (see ``hopfield_core.run``).
    workers : int, optional
        Threads computing (rule, load) points side by side (default 1). Two are about
        1.8x faster on two cores when BLAS runs one thread per process
        (``OPENBLAS_NUM_THREADS=1``), slower otherwise. The numbers do not depend on it:
        each load draws its update orders from its own seed.

    Returns
    -------
    CapacityResult

    Raises
    ------
    ValueError
        On an unknown rule, P outside [1, 2N], or settings out of range.

    Notes
    -----
    For the Hebbian rule the one-step estimate is
    P(bit unstable) = Phi(-sqrt((N-1)/(P-1))) (`bit_error_probability`); the
    retrieval states vanish at alpha_c = 0.138 (`AGS_ALPHA_C`). The pseudo-inverse
    keeps every memory a fixed point for alpha < 1.

    References
    ----------
    Amit, Gutfreund & Sompolinsky, PRL 55:1530 (1985). Storkey, ICANN'97 (1997).
    Personnaz, Guyon & Dreyfus (1985). Krotov & Hopfield, NeurIPS (2016).
    """
    n_units = check_int(n_units, "n_units", 2)
    trials = check_int(trials, "trials", 1)
    max_steps = check_int(max_steps, "max_steps", 1)
    noise = check_fraction(noise, "noise")
    success_overlap = check_fraction(success_overlap, "success_overlap")
    mode = check_mode(mode)
    order = as_order(order)
    workers = check_workers(workers)
    specs = coerce_rules(rules)
    ps = np.asarray(n_patterns)
    if ps.ndim != 1 or ps.size == 0 or not np.issubdtype(ps.dtype, np.integer):
        raise ValueError(f"n_patterns must be a non-empty list of integers; got {n_patterns!r}")
    if ps.min() < 1 or ps.max() > 2 * n_units:
        raise ValueError(
            f"every pattern count must be between 1 and 2N = {2 * n_units}; got {ps.tolist()}"
        )
    rng = np.random.default_rng(rng)
    pool = random_patterns((trials, int(ps.max()), n_units), rng)
    orders = flip_orders((trials, int(ps.max())), n_units, rng)
    n_flips = int(round(noise * n_units))
    labels = [s.label for s in specs]
    fixed = {lb: np.full(ps.size, np.nan) for lb in labels}
    overlap = {lb: np.full(ps.size, np.nan) for lb in labels}
    recalled = {lb: np.full(ps.size, np.nan) for lb in labels}
    cost = np.cumsum(ps.astype(float) ** 1.5)

    started = time.perf_counter()

    def _capacity_result(done: int) -> CapacityResult:
        def copy(d: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
            return {key: value.copy() for key, value in d.items()}

        return CapacityResult(n_units, ps.astype(np.int64), list(labels), copy(fixed),
                              copy(overlap), copy(recalled), trials, noise, mode,
                              success_overlap, done, time.perf_counter() - started,
                              float(cost[done - 1] / cost[-1]) if done else 0.0)

    seeds = [int(rng.integers(2**63)) for _ in range(ps.size)]  # one per load, in order

    staged = {s.label: StorkeyStages(pool, ps) for s in specs if StorkeyStages.applies(s, ps)}

    def point(k: int, spec: RuleSpec) -> tuple[float, float, float]:
        memories = pool[:, :ps[k]]
        probes = corrupt(memories, orders[:, :ps[k]], n_flips)
        nets = staged[spec.label].networks(int(ps[k])) if spec.label in staged else None
        finals, fix = recall_stack(spec, memories, probes, mode=mode, order=order, nets=nets,
                                   max_steps=max_steps, rng=np.random.default_rng(seeds[k]))
        m = np.einsum("tbn,tbn->tb", finals, memories, dtype=np.float64) / n_units
        return fix.mean(), m.mean(), np.mean(m >= success_overlap - 1e-12)

    def store(k: int, spec: RuleSpec, value: tuple[float, float, float]) -> None:
        fixed[spec.label][k], overlap[spec.label][k], recalled[spec.label][k] = value

    completed = curve_points(point, ps.size, specs, workers, store, _capacity_result,
                             lambda k: cost[k] / cost[-1], progress, on_result)
    return _capacity_result(completed)

