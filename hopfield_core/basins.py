"""Basins: how far a probe may be from a memory and still come back, per rule."""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ._validation import as_order
from .experiment_common import (Progress, RuleSpec, SweepResult, check_fraction, check_int,
                                check_mode, check_workers, coerce_rules, corrupt, curve_points,
                                flip_orders, random_patterns, recall_stack, store_spec,
                                weight_stack)

#: Largest dense weight stack a basin sweep keeps from one noise level to the next
#: (one per rule); larger ones are rebuilt for each level.
_KEEP_STACK_BYTES = 128 * 2**20

__all__ = ["BasinResult", "basin_curve"]


@dataclass(frozen=True)
class BasinResult(SweepResult):
    """Fraction of successful recalls against the noise level, per rule, at one load.

    Attributes
    ----------
    n_units, n_patterns : int
        N and P.
    noise : ndarray (K,)
        Fraction of flipped units of the probes.
    labels : list[str]
        One per rule.
    recalled : dict[str, ndarray (K,)]
        Fraction of probes ending with overlap >= ``success_overlap``.
    exact : dict[str, ndarray (K,)]
        Fraction of probes ending exactly on their memory.
    overlap : dict[str, ndarray (K,)]
        Mean final overlap with the memory the probe came from.
    completed : int
        Noise levels computed (NaN beyond, after an early stop).
    elapsed, done_fraction :
        Seconds spent so far and fraction of the work done; ``remaining`` estimates
        the seconds left.
    """

    n_units: int
    n_patterns: int
    noise: np.ndarray
    labels: list[str]
    recalled: dict[str, np.ndarray]
    exact: dict[str, np.ndarray]
    overlap: dict[str, np.ndarray]
    trials: int
    mode: str
    success_overlap: float
    completed: int
    elapsed: float = 0.0
    done_fraction: float = 1.0

    def _points(self) -> np.ndarray:
        return self.noise

    def _row(self, label: str, k: int) -> dict[str, Any]:
        return {
            "rule": label, "N": self.n_units, "P": self.n_patterns,
            "alpha": self.alpha, "trials": self.trials, "noise": float(self.noise[k]),
            "recalled_fraction": float(self.recalled[label][k]),
            "exact_fraction": float(self.exact[label][k]),
            "mean_overlap": float(self.overlap[label][k]),
        }


def basin_curve(n_units: int, n_patterns: int, noise_levels: Sequence[float], *,
                rules: Any = ("hebbian",), trials: int = 10, mode: str = "async",
                max_steps: int = 30, success_overlap: float = 0.95, rng: Any = None,
                progress: Progress | None = None,
                on_result: Callable[["BasinResult"], Any] | None = None,
                order: str = "random", workers: int | None = None) -> BasinResult:
    """How far can a probe be from a memory and still come back? Recall rate vs noise.

    For each trial, P random patterns are stored (the same ones for every rule);
    each memory is corrupted by flipping round(f N) distinct units for every
    noise level f, and recalled. The flips are nested: the units flipped at a
    level are among those flipped at every higher level, so the curves are
    smooth in f. A recall succeeds when

    .. math:: m = \\frac{1}{N} \\xi^\\mu \\cdot s_{final} \\ge m_{success}

    where xi^mu is the memory the probe came from and m_success is
    ``success_overlap``. A probe with f > 1/2 is closer to the inverse -xi^mu,
    which is an attractor too (E(-s) = E(s)), so success falls to zero there.

    Parameters
    ----------
    n_units : int
        N (>= 2).
    n_patterns : int
        P, the stored memories (1 <= P <= 2N).
    noise_levels : sequence of float
        Fractions f of flipped units, each in [0, 1].
    rules, trials, mode, max_steps, success_overlap, rng, progress, on_result, order, workers :
        As in `capacity_curve` (called after each noise level; ``progress`` gets the
        partial `BasinResult` when it takes a second argument).

    Returns
    -------
    BasinResult

    References
    ----------
    Hopfield, PNAS 79:2554 (1982). Storkey & Valabregue, Neural Networks 12:869 (1999).
    Kanter & Sompolinsky, PRA 35:380 (1987).
    """
    n_units = check_int(n_units, "n_units", 2)
    n_patterns = check_int(n_patterns, "n_patterns", 1)
    if n_patterns > 2 * n_units:
        raise ValueError(f"n_patterns must be at most 2N = {2 * n_units}; got {n_patterns}")
    trials = check_int(trials, "trials", 1)
    workers = check_workers(workers)
    max_steps = check_int(max_steps, "max_steps", 1)
    success_overlap = check_fraction(success_overlap, "success_overlap")
    mode = check_mode(mode)
    order = as_order(order)
    specs = coerce_rules(rules)
    levels = np.asarray(noise_levels, dtype=np.float64)
    if levels.ndim != 1 or levels.size == 0 or np.any(~np.isfinite(levels)) or \
            levels.min() < 0 or levels.max() > 1:
        raise ValueError(f"noise_levels must be a non-empty list of fractions in [0, 1]; "
                         f"got {noise_levels!r}")
    rng = np.random.default_rng(rng)
    memories = random_patterns((trials, n_patterns, n_units), rng)
    orders = flip_orders((trials, n_patterns), n_units, rng)
    labels = [s.label for s in specs]
    recalled = {lb: np.full(levels.size, np.nan) for lb in labels}
    exact = {lb: np.full(levels.size, np.nan) for lb in labels}
    overlap = {lb: np.full(levels.size, np.nan) for lb in labels}

    started = time.perf_counter()

    def _basin_result(done: int) -> BasinResult:
        def copy(d: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
            return {key: value.copy() for key, value in d.items()}

        return BasinResult(n_units, n_patterns, levels.copy(), list(labels), copy(recalled),
                           copy(exact), copy(overlap), trials, mode, success_overlap, done,
                           time.perf_counter() - started, done / levels.size)

    seeds = [int(rng.integers(2**63)) for _ in range(levels.size)]  # one per level, in order

    built: dict[str, tuple] = {}  # every level recalls in the same networks: build once
    building = threading.Lock()

    def networks(spec: RuleSpec) -> tuple:
        with building:
            if spec.label not in built:
                nets = [store_spec(x, spec) for x in memories]
                small = memories.shape[0] * n_units**2 * 8 <= _KEEP_STACK_BYTES
                built[spec.label] = nets, weight_stack(spec, memories, nets) if small else None
            return built[spec.label]

    def point(k: int, spec: RuleSpec) -> tuple[float, float, float]:
        probes = corrupt(memories, orders, int(round(levels[k] * n_units)))
        nets, stack = networks(spec)
        finals, _ = recall_stack(spec, memories, probes, mode=mode, order=order,
                                 nets=nets, stack=stack, check_fixed=False,
                                 max_steps=max_steps, rng=np.random.default_rng(seeds[k]))
        m = np.einsum("tbn,tbn->tb", finals, memories, dtype=np.float64) / n_units
        return (np.mean(m >= success_overlap - 1e-12),
                np.mean(np.all(finals == memories, axis=-1)), m.mean())

    def store(k: int, spec: RuleSpec, value: tuple[float, float, float]) -> None:
        recalled[spec.label][k], exact[spec.label][k], overlap[spec.label][k] = value

    completed = curve_points(point, levels.size, specs, workers, store, _basin_result,
                             lambda k: (k + 1) / levels.size, progress, on_result)
    return _basin_result(completed)

