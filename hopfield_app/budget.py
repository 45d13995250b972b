"""Cost of a user's computation, decided before it starts, and what to change when too big.

One server serves a whole lecture hall, so no single click may occupy a core
for minutes or fill the server's memory. Every page that computes on a
user's settings asks here first; each check returns a :class:`Verdict`:
``ok`` with an estimate, or a message naming the settings to change and the
largest values that fit.

The estimates are simple operation counts (what scales, not exact timings):

* Playground run: a run records F frames of N units, kept on the server as
  one byte per unit (and sent to the page bit-packed), so its memory is
  F x N bytes with F = steps x frames-per-sweep + 1 (asynchronous and
  stochastic) or steps + 1 (synchronous); its work is about
  steps x N x P unit-memory products plus F x N for recording. An
  asynchronous run usually stops early at a fixed point, a stochastic one
  never does: the bound is for the worst case, steps all used.
* Capacity: for every trial, rule and load P, the P memories are stored
  (about N^2 P for the classic rules) and P noisy copies recalled (about
  N P^2 per sweep): trials x rules x sum over loads of N P (N + P).
* Basins: trials x rules x (N^2 P + levels x N P^2).
* Attractors: starts x N x P.

The rates below turn counts into seconds: 3/4 of what the experiments do on the
2-core reference machine when quiet (``python bench/bench_experiments.py``), a
margin for a busy server (``python bench/bench_load.py --heavy`` shows what a
bounded heavy experiment does to a neighbour).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Callable, Sequence

__all__ = [
    "Verdict",
    "RUN_BYTES_LIMIT",
    "RUN_SECONDS_LIMIT",
    "EXPERIMENT_SECONDS_LIMIT",
    "EXPERIMENT_THREADS",
    "run_frames",
    "check_run",
    "check_capacity",
    "check_basins",
    "check_attractors",
]

# A run's recorded states: 32 MiB keeps 30 active users under 1 GiB of runs.
RUN_BYTES_LIMIT = 32 * 2**20
# Seconds of one core a Playground run may take (the audience waits for it).
RUN_SECONDS_LIMIT = 8.0
# Seconds an experiment page may take (it draws each point as it completes, shows the
# time left and a Stop button). 90 s lets a lecturer run the capacity curve at N = 1024
# that the theory line is about (three rules, ten trials: about 55 s on a quiet server).
EXPERIMENT_SECONDS_LIMIT = 90.0

# Threads an experiment computes on: two on two cores (the app runs BLAS on one thread,
# see hopfield_app/__init__.py) unless the deployment says otherwise -- one replica per
# core sets 1, so a replica's experiment stays on its own core (deploy/).
EXPERIMENT_THREADS: int = (int(os.environ.get("HOPFIELD_EXPERIMENT_THREADS", "0"))
                           or max(1, min(2, os.cpu_count() or 1)))

# Operation rates (per second, one busy core), from timing the core on the reference machine.
_RUN_PRODUCTS_PER_S = 3.0e7  # unit x memory products in a run (slowest rule measured)
_RUN_RECORD_PER_S = 2.0e7  # recorded units (frame x N)
# Terms of the capacity count per second, per rule: 3/4 of what `capacity_curve` does on
# the reference machine when quiet (N = 1024, both cores), a margin for a busy server.
_CAPACITY_OPS_PER_S = {"hebbian": 1.3e9, "storkey": 2.5e9, "pseudoinverse": 5.0e9,
                       "dense": 9.0e8, "exponential": 7.0e8}
_BASINS_OPS_PER_S = 2.2e8  # terms of the basins count (every rule within 15 % of it)
_ATTRACTOR_OPS_PER_S = 2.0e7  # start x N x P


@dataclass(frozen=True)
class Verdict:
    """The answer of a check: ``ok``, the estimated seconds and bytes, and a message.

    ``message`` is empty when ``ok``; otherwise it says what the computation would
    cost, the limit, and which settings to change to what.
    """

    ok: bool
    seconds: float
    bytes: int = 0
    message: str = ""

    def __bool__(self) -> bool:
        return self.ok


def _mib(nbytes: float) -> str:
    return f"{nbytes / 2**20:,.0f} MiB"


def _positive(value: object, name: str) -> int:
    try:
        number = int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a whole number, got {value!r}") from None
    if number < 1:
        raise ValueError(f"{name} must be at least 1, got {number}")
    return number


# ----------------------------------------------------------------------------- Playground


def run_frames(steps: int, frames_per_sweep: int, mode: str) -> int:
    """Frames a run records at most: ``steps * frames_per_sweep + 1``, or ``steps + 1``
    for synchronous runs (one frame per step; the UI's "sync" mode and the modern rule)."""
    steps = _positive(steps, "steps")
    per = 1 if mode == "sync" else _positive(frames_per_sweep, "frames_per_sweep")
    return steps * per + 1


def check_run(n_units: int, n_patterns: int, *, steps: int, frames_per_sweep: int,
              mode: str) -> Verdict:
    """May a Playground run of ``steps`` sweeps start? Decided before anything is computed.

    Memory: ``F x N`` bytes of recorded states (F from :func:`run_frames`) against
    :data:`RUN_BYTES_LIMIT`. Time: ``steps x N x P / 3e7 + F x N / 2e7`` seconds
    against :data:`RUN_SECONDS_LIMIT`. ``mode`` is the UI's: "sync", "async" or
    "stochastic". The message names the largest Steps (and Frames per sweep) that fit.
    """
    n = _positive(n_units, "n_units")
    p = _positive(n_patterns, "n_patterns")
    steps = _positive(steps, "steps")
    per = 1 if mode == "sync" else _positive(frames_per_sweep, "frames_per_sweep")
    frames = run_frames(steps, per, mode)
    nbytes = frames * n
    seconds = steps * n * p / _RUN_PRODUCTS_PER_S + frames * n / _RUN_RECORD_PER_S
    if nbytes <= RUN_BYTES_LIMIT and seconds <= RUN_SECONDS_LIMIT:
        return Verdict(True, seconds, nbytes)

    # Largest steps that fit both limits at this frame rate.
    by_bytes = (RUN_BYTES_LIMIT // n - 1) // per
    by_time = int(RUN_SECONDS_LIMIT / (n * p / _RUN_PRODUCTS_PER_S + per * n / _RUN_RECORD_PER_S))
    max_steps = max(0, min(by_bytes, by_time))
    what = (f"This run could record {frames:,} frames of {n:,} units ({_mib(nbytes)}; the "
            f"limit is {_mib(RUN_BYTES_LIMIT)})" if nbytes > RUN_BYTES_LIMIT else
            f"This run could take about {seconds:.0f} s of computing (the limit is "
            f"{RUN_SECONDS_LIMIT:.0f} s)")
    fixes = []
    if max_steps >= 1:
        fixes.append(f"lower Steps to {max_steps:,} or fewer")
    if per > 1:
        for smaller in (32, 16, 8, 4, 2, 1):
            if smaller < per and check_run(n, p, steps=steps, frames_per_sweep=smaller,
                                           mode=mode).ok:
                fixes.append(f"choose {smaller} frames per sweep")
                break
    if not fixes or (max_steps < 1 and len(fixes) < 2):
        fixes.append("use a smaller grid (fewer rows or columns)")
    return Verdict(False, seconds, nbytes, f"{what}. To run it, " + ", or ".join(fixes) + ".")


# ----------------------------------------------------------------------------- experiments


def _capacity_ops(n: int, loads: Sequence[int], trials: int, rules: float) -> float:
    return float(trials * rules * sum(n * int(p) * (n + int(p)) for p in loads))


def _slowness(rules: int | Sequence[str]) -> float:
    """Seconds per capacity term summed over ``rules``: names at their own rates, a
    count at the slowest rule's."""
    if isinstance(rules, int):
        return _positive(rules, "rules") / min(_CAPACITY_OPS_PER_S.values())
    names = list(rules) or ["hebbian"]
    slowest = min(_CAPACITY_OPS_PER_S.values())
    return sum(1.0 / _CAPACITY_OPS_PER_S.get(name, slowest) for name in names)


def check_capacity(n_units: int, loads: Sequence[int], *, trials: int,
                   rules: int | Sequence[str]) -> Verdict:
    """May a Capacity experiment start? ``loads`` are the numbers of memories P tried.

    Cost: ``trials x sum_P N P (N + P)`` operations per rule, at that rule's rate
    (``rules``: the core's rule names, or a count charged at the slowest rule), against
    :data:`EXPERIMENT_SECONDS_LIMIT`. The message names the most trials that fit, and
    otherwise a smaller top load or N.
    """
    n = _positive(n_units, "n_units")
    trials = _positive(trials, "trials")
    slowness = _slowness(rules)
    rules = rules if isinstance(rules, int) else max(1, len(list(rules)))
    loads = [int(p) for p in loads]
    if not loads:
        return Verdict(True, 0.0)
    seconds = _capacity_ops(n, loads, trials, 1) * slowness
    if seconds <= EXPERIMENT_SECONDS_LIMIT:
        return Verdict(True, seconds)
    per_trial = seconds / trials
    fixes = []
    fit_trials = int(EXPERIMENT_SECONDS_LIMIT // per_trial)
    if fit_trials >= 1:
        fixes.append(f"lower Trials per load to {fit_trials}")
    if rules > 1 and per_trial / rules * trials <= EXPERIMENT_SECONDS_LIMIT:
        fixes.append("compare fewer rules at once")
    rate = 1.0 / slowness
    fit_points = _fit_count(lambda k: _capacity_ops(n, _spread(loads, k), trials, 1), rate)
    if 3 <= fit_points < len(loads):
        fixes.append(f"use {fit_points} load values")
    top = _fit_count(lambda k: _capacity_ops(n, [p for p in loads if p <= k], trials, 1),
                     rate, upper=max(loads))
    if loads[0] <= top < max(loads):
        fixes.append(f"lower the largest load to P/N = {top / n:.2f}")
    return _too_long(seconds, fixes)


def _too_long(seconds: float, fixes: list[str]) -> Verdict:
    """The refusal of an experiment over the time limit, naming the changes that fit."""
    fixes = fixes or ["choose a smaller N"]
    return Verdict(False, seconds, 0,
                   f"This experiment would take about {_duration(seconds)} of computing "
                   f"(the limit is {EXPERIMENT_SECONDS_LIMIT:.0f} s per experiment). To run it, "
                   + ", or ".join(fixes) + ".")


def _basins_ops(n: int, p: int, levels: int, trials: int, rules: int) -> float:
    return float(trials * rules * (n * n * p + levels * n * p * p))


def check_basins(n_units: int, n_patterns: int, *, levels: int, trials: int,
                 rules: int) -> Verdict:
    """May a Basins experiment start? Cost ``trials x rules x (N^2 P + levels x N P^2)``
    operations at 2.2e8 per second, against :data:`EXPERIMENT_SECONDS_LIMIT`."""
    n = _positive(n_units, "n_units")
    p = _positive(n_patterns, "n_patterns")
    levels = _positive(levels, "levels")
    trials = _positive(trials, "trials")
    rules = _positive(rules, "rules")
    seconds = _basins_ops(n, p, levels, trials, rules) / _BASINS_OPS_PER_S
    if seconds <= EXPERIMENT_SECONDS_LIMIT:
        return Verdict(True, seconds)
    fixes = []
    fit_trials = int(EXPERIMENT_SECONDS_LIMIT // (seconds / trials))
    if fit_trials >= 1:
        fixes.append(f"lower Trials to {fit_trials}")
    rate = _BASINS_OPS_PER_S
    fit_levels = _fit_count(lambda k: _basins_ops(n, p, k, trials, rules), rate, upper=levels)
    if 3 <= fit_levels < levels:
        fixes.append(f"use {fit_levels} noise levels")
    fit_p = _fit_count(lambda k: _basins_ops(n, k, levels, trials, rules), rate, upper=p)
    if 1 <= fit_p < p:
        fixes.append(f"lower the load to P/N = {max(fit_p / n, 0.01):.2f}")
    return _too_long(seconds, fixes)


def check_attractors(n_units: int, n_patterns: int, *, starts: int) -> Verdict:
    """May an attractor search start? Cost ``starts x N x P`` at 2e7 per second,
    against :data:`EXPERIMENT_SECONDS_LIMIT`; the message names the most starts that fit."""
    n = _positive(n_units, "n_units")
    p = _positive(n_patterns, "n_patterns")
    starts = _positive(starts, "starts")
    seconds = starts * n * p / _ATTRACTOR_OPS_PER_S
    if seconds <= EXPERIMENT_SECONDS_LIMIT:
        return Verdict(True, seconds)
    fit = int(EXPERIMENT_SECONDS_LIMIT * _ATTRACTOR_OPS_PER_S // (n * p))
    fix = (f"lower Random starts to {fit:,}" if fit >= 1
           else "store fewer memories or use a smaller grid")
    return Verdict(False, seconds, 0,
                   f"This search would take about {_duration(seconds)} of computing (the limit "
                   f"is {EXPERIMENT_SECONDS_LIMIT:.0f} s). To run it, {fix}.")


# ----------------------------------------------------------------------------- helpers


def _duration(seconds: float) -> str:
    if seconds < 120:
        return f"{seconds:.0f} s"
    if seconds < 7200:
        return f"{seconds / 60:.0f} minutes"
    return f"{seconds / 3600:.0f} hours"


def _spread(loads: Sequence[int], count: int) -> list[int]:
    """``count`` loads spread like ``loads`` (same ends, evenly spaced)."""
    lo, hi = min(loads), max(loads)
    if count <= 1:
        return [hi]
    return [round(lo + (hi - lo) * k / (count - 1)) for k in range(count)]


def _fit_count(ops_for: Callable[[int], float], rate: float, *, upper: int = 64) -> int:
    """The largest k in [0, upper] whose ``ops_for(k)`` fits the experiment limit at ``rate``."""
    budget = EXPERIMENT_SECONDS_LIMIT * rate
    lo, hi = 0, int(upper)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if ops_for(mid) <= budget:
            lo = mid
        else:
            hi = mid - 1
    return lo
