"""What an experiment of the Capacity and Basins pages costs, decided before it starts.

The work of a recall experiment is counted in *unit-field terms*: one probe of
N units costs about N x max(N, P) multiply-adds per sweep (a dense field, or the
P overlaps of the factored one), and every probe of every trial, load (or noise
level) and rule is recalled. The count is a bound on the size of the request,
not a timing: the page refuses a request above `WORK_LIMIT` and says which
setting to lower and to what.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

import hopfield_core as hc

__all__ = ["WORK_LIMIT", "Cost", "capacity_cost", "basin_cost", "check_capacity", "check_basins",
           "check_attractors"]

#: About twice the largest experiment a lecture needs: Capacity at N = 1024 with three
#: rules, 20 loads up to P/N = 0.4 and 10 trials counts 1.3e11.
WORK_LIMIT = 3.0e11


@dataclass(frozen=True)
class Cost:
    """The size of one experiment and, when it is too big, what to change.

    ``work`` counts unit-field terms (see the module notes); ``message`` is
    None when the experiment may run, else a sentence naming the settings to
    lower, each with a value that fits on its own.
    """

    work: float
    probes: int
    message: str | None

    @property
    def allowed(self) -> bool:
        return self.message is None


def _per_probe(n_units: int, n_patterns: np.ndarray) -> np.ndarray:
    return float(n_units) * np.maximum(float(n_units), n_patterns.astype(float))


def capacity_cost(n_units: int, alpha_range: tuple[float, float], points: int, n_rules: int,
                  trials: int, *, limit: float = WORK_LIMIT) -> Cost:
    """Work of `hopfield_core.capacity_curve` over ``hc.load_grid(N, hi, points, alpha_min=lo)``:
    rules x trials x sum_P P x N max(N, P)."""
    def per_trial(k: int) -> float:
        ps = hc.load_grid(n_units, alpha_range[1], k, alpha_min=alpha_range[0])
        return float(np.sum(ps * _per_probe(n_units, ps))), int(ps.sum())

    one, loads = per_trial(points)
    work = n_rules * trials * one
    probes = n_rules * trials * loads
    if work <= limit:
        return Cost(work, probes, None)
    fixes = []
    best_trials = math.floor(limit / (n_rules * one))
    if 1 <= best_trials < trials:
        fixes.append(f"**trials per load** to {best_trials}")
    fitting = [k for k in range(points - 1, 2, -1) if n_rules * trials * per_trial(k)[0] <= limit]
    if fitting:
        fixes.append(f"**load values** to {fitting[0]}")
    if n_rules > 1 and work / n_rules <= limit:
        fixes.append(f"the **rules** to {max(1, math.floor(n_rules * limit / work))}")
    fixes.append("the largest **load P/N** or **units N**")
    return Cost(work, probes, _message(work, limit, probes, fixes))


def basin_cost(n_units: int, n_patterns: int, n_levels: int, n_rules: int, trials: int, *,
               limit: float = WORK_LIMIT) -> Cost:
    """Work of `hopfield_core.basin_curve`: rules x trials x levels x P x N max(N, P)."""
    per_level = n_patterns * float(_per_probe(n_units, np.asarray([n_patterns]))[0])
    work = n_rules * trials * n_levels * per_level
    probes = int(n_rules * trials * n_levels * n_patterns)
    if work <= limit:
        return Cost(work, probes, None)
    fixes = []
    best_trials = math.floor(limit / (n_rules * n_levels * per_level))
    if 1 <= best_trials < trials:
        fixes.append(f"**trials** to {best_trials}")
    best_levels = math.floor(limit / (n_rules * trials * per_level))
    if 3 <= best_levels < n_levels:
        fixes.append(f"**noise levels** to {best_levels}")
    if n_rules > 1 and work / n_rules <= limit:
        fixes.append(f"the **rules** to {max(1, math.floor(n_rules * limit / work))}")
    fixes.append("the **load P/N** or **units N**")
    return Cost(work, probes, _message(work, limit, probes, fixes))


def _message(work: float, limit: float, probes: int, fixes: list[str]) -> str:
    options = ", or ".join(fixes)
    return (f"This experiment is too big to run here: {probes:,} recalls, "
            f"{work / limit:.1f} times the largest this page starts. Lower {options}.")


# The app's shared budget decides when it is there (one rule for every page of the
# server); this module's own count is the check until then.
try:
    from hopfield_app import budget as _budget
except ImportError:  # not part of this version of the app
    _budget = None


def check_capacity(n_units: int, alpha_range: tuple[float, float], points: int, n_rules: int,
                   trials: int) -> str | None:
    """None when the Capacity experiment may start, else what to change."""
    if _budget is not None:
        loads = hc.load_grid(n_units, alpha_range[1], points, alpha_min=alpha_range[0])
        verdict = _budget.check_capacity(n_units, loads.tolist(), trials=trials, rules=n_rules)
        return None if verdict.ok else verdict.message
    return capacity_cost(n_units, alpha_range, points, n_rules, trials).message


def check_basins(n_units: int, n_patterns: int, levels: int, n_rules: int,
                 trials: int) -> str | None:
    """None when the Basins experiment may start, else what to change."""
    if _budget is not None:
        verdict = _budget.check_basins(n_units, n_patterns, levels=levels, trials=trials,
                                       rules=n_rules)
        return None if verdict.ok else verdict.message
    return basin_cost(n_units, n_patterns, levels, n_rules, trials).message


def check_attractors(n_units: int, n_patterns: int, starts: int) -> str | None:
    """None when the attractor search may start, else what to change (the page also
    caps the starts itself, so without the shared budget there is nothing to refuse)."""
    if _budget is not None:
        verdict = _budget.check_attractors(n_units, n_patterns, starts=starts)
        return None if verdict.ok else verdict.message
    return None
