"""What the experiments share: rule specs, random patterns and probes, recall of a
stack of networks through the engine, argument checks, and the sweep result.

Every experiment draws its random patterns, noise and update orders from one
``rng`` (an int seed or a ``numpy.random.Generator``), so the same seed gives the
same numbers.
"""

from __future__ import annotations

import functools
import inspect
import math
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .engine import (STACK_BYTES, Couplings, FactorStack, StackedModel, WeightStack,
                     changes, recall_model)
from .factors import storkey_stages
from .learning import CLASSIC_RULES, store
from .network import Network

__all__ = ["RuleSpec"]

BINARY_RULES = ("hebbian", "storkey", "pseudoinverse", "dense", "exponential")

#: ``progress(fraction)`` after each finished point; returning False stops early.
Progress = Callable[[float], Any]

#: Threads an experiment computes its points on unless told otherwise. numpy and BLAS
#: release the interpreter lock in their loops, so two (rule, point) recalls run side by
#: side on two cores (measured 1.8x) -- but only with one BLAS thread per process
#: (``OPENBLAS_NUM_THREADS=1``): against BLAS's own threads two workers ran 3x slower than
#: one. So one by default; a caller that has set BLAS to one thread asks for more.
WORKERS = 1


@dataclass(frozen=True)
class RuleSpec:
    """A learning rule with its parameters, e.g. ``RuleSpec("dense", {"degree": 3})``.

    ``label`` is the human name used as key of the results ("dense (n=3)").
    """

    rule: str
    params: Mapping[str, Any] = field(default_factory=dict)

    @property
    def label(self) -> str:
        if self.rule == "dense":
            return f"dense (n={int(self.params.get('degree', 3))})"
        if self.rule == "modern":
            return f"modern (beta={self.params.get('beta', 8.0):g})"
        return self.rule

    @classmethod
    def coerce(cls, spec: "RuleSpec | str | tuple[str, Mapping[str, Any]]") -> "RuleSpec":
        if isinstance(spec, RuleSpec):
            out = spec
        elif isinstance(spec, str):
            out = cls(spec.lower(), {})
        elif isinstance(spec, tuple) and len(spec) == 2 and isinstance(spec[0], str):
            out = cls(spec[0].lower(), dict(spec[1]))
        else:
            raise ValueError(
                f"a rule must be a name such as 'hebbian' or a (name, params) pair such as "
                f"('dense', {{'degree': 3}}); got {spec!r}"
            )
        if out.rule not in BINARY_RULES:
            raise ValueError(
                f"rule must be one of {BINARY_RULES} for these experiments (they count "
                f"binary fixed points); got {out.rule!r}"
            )
        return out


def coerce_rules(rules: Any) -> list[RuleSpec]:
    if isinstance(rules, (str, RuleSpec)) or (
        isinstance(rules, tuple) and len(rules) == 2 and isinstance(rules[1], Mapping)
    ):
        rules = [rules]
    specs = [RuleSpec.coerce(r) for r in rules]
    if not specs:
        raise ValueError("choose at least one learning rule; got an empty list")
    labels = [s.label for s in specs]
    if len(set(labels)) != len(labels):
        raise ValueError(f"each rule may appear once; got {labels}")
    return specs



def store_spec(patterns: np.ndarray, spec: RuleSpec):
    """Store ``patterns`` with the rule and parameters of ``spec``."""
    return store(patterns, rule=spec.rule, **dict(spec.params))


def random_patterns(shape: tuple[int, ...], rng: np.random.Generator) -> np.ndarray:
    """Unbiased bipolar patterns: each value +1 or -1 with probability 1/2."""
    return (rng.integers(0, 2, size=shape, dtype=np.int8) * 2 - 1).astype(np.int8)


def flip_orders(shape: tuple[int, ...], n_units: int, rng: np.random.Generator) -> np.ndarray:
    """One random permutation of the units per probe: the first k are the k flipped."""
    return np.argsort(rng.random((*shape, n_units)), axis=-1)


def corrupt(states: np.ndarray, orders: np.ndarray, n_flips: int) -> np.ndarray:
    """Copy of ``states`` with the units ``orders[..., :n_flips]`` flipped (exact count)."""
    out = states.copy()
    if n_flips > 0:
        idx = orders[..., :n_flips]
        vals = np.take_along_axis(out, idx, axis=-1)
        np.put_along_axis(out, idx, -vals, axis=-1)
    return out


class StorkeyStages:
    """The Storkey networks of nested loads, each trial learned once, load after load.

    Load P stores the first P patterns of a trial's pool, and the Storkey rule learns
    pattern by pattern, so the network of a load is a stage of learning the largest:
    learning each load from scratch would cost sum P^2 instead of max P^2. Loads are
    asked for in any order and from any thread; stages wait (under a lock) until taken.
    ``counts`` must be strictly increasing (:meth:`applies`).
    """

    def __init__(self, pool: np.ndarray, counts: Sequence[int]) -> None:
        self._pool = pool
        self._learners = [storkey_stages(x, [int(c) for c in counts]) for x in pool]
        self._ready: dict[int, list] = {}
        self._lock = threading.Lock()

    @staticmethod
    def applies(spec: "RuleSpec", counts: np.ndarray) -> bool:
        return spec.rule == "storkey" and not spec.params and bool(np.all(np.diff(counts) > 0))

    def networks(self, count: int) -> list[Network]:
        with self._lock:
            while count not in self._ready:
                stage = [next(learner) for learner in self._learners]
                self._ready[stage[0][0]] = [factors for _, factors in stage]
            factors = self._ready.pop(count)
        return [Network(x[:count], "storkey", {}, factors=f) for x, f in zip(self._pool, factors)]


def _weights(net) -> np.ndarray:
    """W = U V^T with a zero diagonal (symmetric up to rounding; no symmetrising pass)."""
    U, V, _d = net.factors()
    W = U @ V.T
    np.fill_diagonal(W, 0.0)
    return W


def _integer_hebbian(spec: RuleSpec, patterns: np.ndarray) -> bool:
    """Whether N W of the plain Hebbian rule has fields exact in float32 (|h| <= N P)."""
    _t, count, n_units = patterns.shape
    return spec.rule == "hebbian" and not spec.params and n_units * count < 2**24


def _hebbian_counts(patterns: np.ndarray) -> np.ndarray:
    """N W = X^T X with a zero diagonal, as integers in float32."""
    X = patterns.astype(np.float32)
    W = X.T @ X
    np.fill_diagonal(W, 0.0)
    return W


def weight_stack(spec: RuleSpec, patterns: np.ndarray,
                 nets: list[Network]) -> WeightStack | None:
    """The networks ``nets`` of ``patterns`` (T, P, N) as one stack for the engine: their
    factors (:class:`~hopfield_core.engine.FactorStack`) while the rank r is below N/2,
    else their dense weights (:class:`~hopfield_core.engine.WeightStack`); None when
    the rule is not a classic one or the dense matrices would not fit ``STACK_BYTES``."""
    t_count, count, n_units = patterns.shape
    if spec.rule not in CLASSIC_RULES:
        return None
    factors = [net.factors() for net in nets]
    scales = [Couplings(*f).scale for f in factors]
    low_rank = max(f[0].shape[1] for f in factors) < _FACTORS_BELOW * n_units
    if _integer_hebbian(spec, patterns):
        # N W = X^T X - P I is integer and every field below 2**24 in magnitude:
        # float32 holds them exactly, so the decisions are those of W itself
        big = [n_units * m for m in scales]
        if low_rank:
            return FactorStack([(p.T, p.T, np.full(n_units, float(count))) for p in patterns],
                               big, _NO_STATES, dtype=np.float32)
        return WeightStack([_hebbian_counts(p) for p in patterns], big, _NO_STATES,
                           dtype=np.float32)
    if low_rank:
        return FactorStack(factors, scales, _NO_STATES)
    if t_count * n_units * n_units * 8 > STACK_BYTES:
        return None
    return WeightStack([_weights(net) for net in nets], scales, _NO_STATES)


_NO_STATES = np.zeros(0, dtype=np.intp)
#: Rank (as a share of N) below which a stack keeps overlaps with the factors rather
#: than fields: 2 r products per unit and state against N.
_FACTORS_BELOW = 0.5


def recall_stack(spec: RuleSpec, patterns: np.ndarray, probes: np.ndarray, *, mode: str,
                 max_steps: int, rng: np.random.Generator, order: str = "random",
                 nets: list[Network] | None = None, stack: WeightStack | None = None,
                 check_fixed: bool = True) -> tuple[np.ndarray, np.ndarray | None]:
    """Store ``patterns[t]`` (T, P, N) and recall ``probes[t]`` (T, B, N) in each network.

    All the probes of all the networks are recalled together by the engine (one order
    per sweep shared by every probe still running, as ``recall_batch`` draws them:
    with one network the result is ``recall_batch``'s). The classic rules go through
    a :class:`~hopfield_core.engine.WeightStack` (dense W per network, fields kept up
    to date) when the matrices fit, the others through a stack of their own models.
    ``nets`` and ``stack``: the networks of ``patterns`` under ``spec`` and their
    :func:`weight_stack`, when already built (an experiment that recalls in the same
    networks at every point builds them once).
    Returns the final states (T, B, N) int8 and whether each memory is a fixed point,
    (T, P) bool, computed by the same engine from the same networks (None when
    ``check_fixed`` is False: an experiment that does not report it saves its fields).
    """
    t_count, b_count, n_units = probes.shape
    if nets is None:
        nets = [store_spec(p, spec) for p in patterns]
    if stack is None:
        stack = weight_stack(spec, patterns, nets)
    theta = np.zeros(n_units)
    if stack is not None:
        fixed = None
        if check_fixed:
            mem_net = np.repeat(np.arange(t_count), patterns.shape[1])
            mem = patterns.reshape(-1, n_units).astype(stack.dtype)
            rows = np.arange(mem.shape[0])
            mems = stack.for_states(mem_net)
            unstable = changes(mems.fields(mem, rows) - theta, mem,
                               mems.tolerances(rows, theta), 0.0, None).any(axis=1)
            fixed = ~unstable.reshape(patterns.shape[:2])
        finals, _conv = stack.for_states(np.repeat(np.arange(t_count), b_count)).recall(
            probes.reshape(-1, n_units), mode=mode, max_steps=max_steps, theta=theta, rng=rng,
            order=order)
        return finals.reshape(probes.shape), fixed
    models = [net.engine_model() for net in nets]
    fixed = np.stack([~m.unstable(p.astype(np.float64), theta)
                      for m, p in zip(models, patterns)]) if check_fixed else None
    stacked = StackedModel(models, np.repeat(np.arange(t_count), b_count))
    finals, _conv = recall_model(stacked, probes.reshape(-1, n_units), mode=mode,
                                 max_steps=max_steps, theta=theta, rng=rng, order=order)
    return finals.reshape(probes.shape), fixed


def in_order(jobs: Iterable[Callable[[], Any]], workers: int) -> Iterator[Any]:
    """Each job's result, in the jobs' order, computing up to ``workers`` at once.

    The jobs must be independent (each draws from its own generator), so the results
    do not depend on ``workers``. Closing the iterator early -- a stopped experiment --
    cancels the jobs not yet started and waits for the running ones.
    """
    if workers <= 1:
        for job in jobs:
            yield job()
        return
    pool = ThreadPoolExecutor(workers, thread_name_prefix="hopfield-experiment")
    try:
        futures = [pool.submit(job) for job in jobs]
        for future in futures:
            yield future.result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def curve_points(point: Callable[[int, "RuleSpec"], Any], count: int,
                 specs: Sequence["RuleSpec"], workers: int,
                 store: Callable[[int, "RuleSpec", Any], None],
                 partial_at: Callable[[int], Any], fraction_at: Callable[[int], float],
                 progress: Progress | None, on_result: Callable[[Any], Any] | None) -> int:
    """The loop of a curve experiment: ``point(k, spec)`` for every point k and rule,
    computed in order on ``workers`` threads and handed to ``store``; after each point
    the partial result (``partial_at(done)``) goes to ``on_result`` and ``progress``
    (with ``fraction_at(k)``), which may stop the sweep. Returns the points completed;
    the jobs not started are dropped however the loop ends."""
    results = in_order((functools.partial(point, k, spec)
                        for k in range(count) for spec in specs), workers)
    completed = 0
    try:
        for k in range(count):
            for spec in specs:
                store(k, spec, next(results))
            completed = k + 1
            partial = partial_at(completed)
            if on_result is not None:
                on_result(partial)
            if not keep_going(progress, fraction_at(k), partial):
                break
    finally:
        results.close()
    return completed


def check_workers(workers: Any) -> int:
    """``workers`` as a thread count: None means :data:`WORKERS`."""
    if workers is None:
        return WORKERS
    return check_int(workers, "workers", 1)


def check_int(value: Any, name: str, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < minimum:
        raise ValueError(f"{name} must be an integer >= {minimum}; got {value!r}")
    return int(value)


def check_fraction(value: Any, name: str, *, upper: float = 1.0) -> float:
    try:
        out = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a number in [0, {upper:g}]; got {value!r}") from None
    if not (0.0 <= out <= upper):
        raise ValueError(f"{name} must be in [0, {upper:g}]; got {value!r}")
    return out


def check_mode(mode: Any) -> str:
    if not isinstance(mode, str) or mode.lower() not in ("sync", "async"):
        raise ValueError(f"mode must be 'sync' or 'async'; got {mode!r}")
    return mode.lower()


def wants_partial(progress: Progress | None) -> bool:
    """True when ``progress`` takes a second argument (the partial result) or a keyword
    ``partial``: then it is called as ``progress(fraction, partial)``."""
    if progress is None:
        return False
    try:
        params = inspect.signature(progress).parameters.values()
    except (TypeError, ValueError):
        return False
    positional = [p for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    return (len(positional) >= 2 or any(p.kind == p.VAR_POSITIONAL for p in params)
            or any(p.name == "partial" for p in params))


def keep_going(progress: Progress | None, fraction: float, partial: Any = None) -> bool:
    """Report progress; False when the caller asked to stop. ``partial`` (the result so
    far) is passed to a callback that takes it (see :func:`wants_partial`)."""
    if progress is None:
        return True
    fraction = min(1.0, max(0.0, fraction))
    if partial is not None and wants_partial(progress):
        return progress(fraction, partial) is not False
    return progress(fraction) is not False


def time_left(elapsed: float, fraction: float) -> float:
    """Seconds left, estimated from the time so far and the fraction of the work done
    (NaN before any work is done, 0 at the end)."""
    if fraction <= 0:
        return float("nan")
    return max(0.0, elapsed * (1.0 - fraction) / fraction)


class SweepResult:
    """What the capacity and basin results share: a sweep over points, per rule.

    Subclasses are frozen dataclasses with ``n_units``, ``n_patterns``,
    ``labels`` and ``completed``; they name the swept points (`_points`) and
    build one record per (rule, point) (`_row`).
    """

    @property
    def alpha(self) -> float | np.ndarray:
        """Load alpha = P/N (one value, or one per point when the load is swept)."""
        return self.n_patterns / self.n_units

    @property
    def remaining(self) -> float:
        """Estimated seconds until the whole sweep is done (0 when complete; NaN before
        the first point): ``elapsed`` scaled by the work left, each point weighted by
        its cost."""
        return time_left(self.elapsed, self.done_fraction)

    @property
    def stopped(self) -> bool:
        """True when the run was stopped before the last point of the sweep."""
        return self.completed < len(self._points())

    def rows(self) -> list[dict[str, Any]]:
        """One record per (rule, point) that was computed, for tables and CSV."""
        return [self._row(label, k) for label in self.labels for k in range(self.completed)]

