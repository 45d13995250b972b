"""Experiments on whole populations of networks: capacity, basins, attractors, theory.

These are the questions the textbooks answer -- how many memories fit, how far a
probe may be from a memory and still come back, which states the network settles
in -- computed by recalling many probes at once. Every function here draws its
random patterns, noise and update orders from one ``rng`` (an int seed or a
``numpy.random.Generator``), so the same seed gives the same numbers.

Batching
--------
Capacity and basin curves recall many probes in many small networks (one per
trial). For the three classic rules the networks of all trials at one load are
stacked through their factors ``W = U V^T - diag(d)`` (``Network.factors``) and
every probe is recalled with exact asynchronous dynamics -- its own random
order per sweep, one unit at a time -- while the Python loop advances all
probes at once from one flip to the next (`_dense_async`, or `_classic_async`
when the dense matrices of all trials would not fit). Dense and exponential
networks go through the engine's ``recall_batch`` one trial at a time, and so
does `find_attractors` (one network, starts far from any attractor, where the
engine's block updates are fastest).

All the numbers are returned as arrays; the app turns them into plots and CSV.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

__all__ = [
    "AGS_ALPHA_C",
    "RuleSpec",
    "CapacityResult",
    "BasinResult",
    "Attractor",
    "AttractorResult",
    "load_grid",
    "capacity_curve",
    "basin_curve",
    "find_attractors",
    "classify_state",
    "bit_error_probability",
    "pattern_error_probability",
    "mceliece_capacity",
    "storkey_capacity",
    "pseudoinverse_capacity",
    "dense_capacity",
    "theory_capacity",
]

#: Critical load of the Hebbian network at T = 0 (Amit, Gutfreund & Sompolinsky 1985).
AGS_ALPHA_C = 0.138

#: Largest stack of dense weight matrices (one per trial) the asynchronous recall builds.
_DENSE_STACK_BYTES = 128 * 1024**2
_CLASSIC = ("hebbian", "storkey", "pseudoinverse")
_BINARY_RULES = ("hebbian", "storkey", "pseudoinverse", "dense", "exponential")

Progress = Callable[[float], Any]


# --------------------------------------------------------------------------- rules


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
        if out.rule not in _BINARY_RULES:
            raise ValueError(
                f"rule must be one of {_BINARY_RULES} for these experiments (they count "
                f"binary fixed points); got {out.rule!r}"
            )
        return out


def _coerce_rules(rules: Any) -> list[RuleSpec]:
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


def _store(patterns: np.ndarray, spec: RuleSpec):
    from . import learning  # late: the engine imports this package's modules

    return learning.store(patterns, rule=spec.rule, **dict(spec.params))


# ----------------------------------------------------------------- batched dynamics


def _random_patterns(shape: tuple[int, ...], rng: np.random.Generator) -> np.ndarray:
    """Unbiased bipolar patterns: each value +1 or -1 with probability 1/2."""
    return (rng.integers(0, 2, size=shape, dtype=np.int8) * 2 - 1).astype(np.int8)


def _flip_orders(shape: tuple[int, ...], n_units: int, rng: np.random.Generator) -> np.ndarray:
    """One random permutation of the units per probe: the first k are the k flipped."""
    return np.argsort(rng.random((*shape, n_units)), axis=-1)


def _corrupt(states: np.ndarray, orders: np.ndarray, n_flips: int) -> np.ndarray:
    """Copy of ``states`` with the units ``orders[..., :n_flips]`` flipped (exact count)."""
    out = states.copy()
    if n_flips > 0:
        idx = orders[..., :n_flips]
        vals = np.take_along_axis(out, idx, axis=-1)
        np.put_along_axis(out, idx, -vals, axis=-1)
    return out


def _stacked_factors(nets: Sequence[Any], n_units: int) -> tuple[np.ndarray, ...]:
    """Stack the factors of T networks into U, V of shape (T, N, R) and d of shape (T, N).

    Ranks that differ are padded with zero columns (which add nothing to W); when
    the rank reaches N the dense matrix is the cheaper carrier: U = W + diag(d), V = I.
    """
    facs = [tuple(np.asarray(a, dtype=np.float64) for a in net.factors()) for net in nets]
    rank = max(f[0].shape[1] for f in facs)
    count = len(facs)
    if rank >= n_units:
        us = np.empty((count, n_units, n_units))
        for t, (u, v, _d) in enumerate(facs):
            us[t] = u @ v.T
        vs = np.broadcast_to(np.eye(n_units), (count, n_units, n_units))
    else:
        us = np.zeros((count, n_units, rank))
        vs = np.zeros((count, n_units, rank))
        for t, (u, v, _d) in enumerate(facs):
            us[t, :, : u.shape[1]] = u
            vs[t, :, : v.shape[1]] = v
    ds = np.stack([f[2] for f in facs])
    # "the field equals theta exactly" up to rounding: a relative tolerance on the
    # largest row sum of |W| (bounded through the factors), as the engine does.
    from .learning import tie_tolerance  # late, see _store

    rows = np.stack([np.abs(u) @ np.abs(v).sum(axis=0) + np.abs(d) for u, v, d in facs])
    tol = tie_tolerance(rows.max(axis=1), np.zeros(1))
    return us, vs, ds, tol


def _wants_flip(h: np.ndarray, cur: np.ndarray, tol: Any) -> np.ndarray:
    """Units whose field disagrees with their value; |h| <= tol is a tie and keeps it."""
    return h * cur < -tol  # cur is +-1: the field points the other way, beyond a tie


def _classic_fields(stack: tuple, states: np.ndarray) -> np.ndarray:
    """h = W s for every state of every stacked network: (T, B, N)."""
    us, vs, ds, _tol = stack
    s = states.astype(np.float64)
    # contiguous transposes keep the stacked products on BLAS
    return (s @ vs) @ np.ascontiguousarray(us.transpose(0, 2, 1)) - ds[:, None, :] * s


def _classic_fixed(stack: tuple, states: np.ndarray) -> np.ndarray:
    """(T, B) bool: no unit of the state wants to flip (a fixed point of both modes)."""
    h = _classic_fields(stack, states)
    return ~np.any(_wants_flip(h, states, stack[3][:, None, None]), axis=-1)


def _classic_recall(stack: tuple, states: np.ndarray, *, mode: str, max_steps: int,
                    rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Recall a (T, B, N) batch, probe b of slice t in network t, until every probe is fixed.

    Asynchronous: see `_classic_async`. Synchronous: s <- sign(W s) for all
    units at once, ties keep their value; a probe whose new state repeats the
    one two steps back is in a 2-cycle and stops, not converged.
    Returns the final states (T, B, N) int8 and converged (T, B) bool.
    """
    if mode == "async":
        t_count, _b, n_units = states.shape
        if 8 * t_count * n_units * n_units <= _DENSE_STACK_BYTES:
            return _dense_async(stack, states, max_steps=max_steps, rng=rng)
        return _classic_async(stack, states, max_steps=max_steps, rng=rng)
    tol = stack[3][:, None, None]
    s = states.astype(np.float64)
    converged = np.zeros(s.shape[:2], dtype=bool)
    active = np.ones(s.shape[:2], dtype=bool)
    prev = None
    for _ in range(max_steps):
        h = _classic_fields(stack, s)
        new = np.where(h > tol, 1.0, np.where(h < -tol, -1.0, s))
        same = np.all(new == s, axis=-1)
        converged |= same & active
        cyc = np.zeros_like(same) if prev is None else np.all(new == prev, axis=-1) & ~same
        active &= ~(same | cyc)
        prev = s
        s = np.where(active[..., None], new, s)
        if not active.any():
            break
    return s.astype(np.int8), converged


def _classic_async(stack: tuple, states: np.ndarray, *, max_steps: int,
                   rng: np.random.Generator, block: int = 32) -> tuple[np.ndarray, np.ndarray]:
    """Exact asynchronous recall of a (T, B, N) batch, probes flattened and compacted.

    Each step of a probe is one sweep over all N units in a fresh random order
    of its own, unit i set to sign(h_i) with h_i = U_i . q - d_i s_i and
    q = V^T s carried along (a flip of unit i changes q by 2 s_i V_i); ties keep
    their value. Every probe keeps its own position in its order. One
    iteration computes, for every active probe, the fields of its next
    ``block`` units at once: they are exact up to and including the first unit
    that wants to flip (nothing before it changed), so that unit flips and the
    probe moves on just past it, or past the whole block when none wants to
    flip. A probe whose sweep changed nothing is a fixed point and leaves the
    batch. The Python loop runs about (flips + N / block) times per sweep, not N.
    """
    us, vs, ds, tol_net = stack
    t_count, b_count, n_units = states.shape
    k = min(block, n_units)
    s_all = states.reshape(-1, n_units).astype(np.float64)
    q = (states.astype(np.float64) @ vs).reshape(-1, us.shape[-1])
    conv_all = np.zeros(t_count * b_count, dtype=bool)
    act = np.arange(t_count * b_count)
    s = s_all.copy()
    net = np.repeat(np.arange(t_count), b_count)
    order = np.argsort(rng.random((act.size, n_units)), axis=1)
    pos = np.zeros(act.size, dtype=np.int64)
    sweeps = np.zeros(act.size, dtype=np.int64)
    changed = np.zeros(act.size, dtype=bool)
    offsets = np.arange(k)
    while act.size:
        cols = pos[:, None] + offsets
        valid = cols < n_units
        units = np.take_along_axis(order, np.minimum(cols, n_units - 1), axis=1)
        cur = np.take_along_axis(s, units, axis=1)
        h = np.einsum("akr,ar->ak", us[net[:, None], units], q)
        h -= ds[net[:, None], units] * cur
        want = valid & _wants_flip(h, cur, tol_net[net][:, None])
        has = want.any(axis=1)
        first = np.argmax(want, axis=1)
        rows = np.flatnonzero(has)
        if rows.size:
            u = units[rows, first[rows]]
            old = s[rows, u]
            s[rows, u] = -old
            q[rows] -= (2.0 * old)[:, None] * vs[net[rows], u]
            changed[rows] = True
        pos = np.where(has, pos + first + 1, pos + k)
        done = pos >= n_units
        if not done.any():
            continue
        sweeps[done] += 1
        fixed = done & ~changed
        finished = fixed | (done & (sweeps >= max_steps))
        again = done & ~finished
        if again.any():
            pos[again] = 0
            changed[again] = False
            order[again] = np.argsort(rng.random((int(again.sum()), n_units)), axis=1)
        if finished.any():
            s_all[act[finished]] = s[finished]
            conv_all[act[finished]] = fixed[finished]
            keep = ~finished
            act, s, q, net, order = act[keep], s[keep], q[keep], net[keep], order[keep]
            pos, sweeps, changed = pos[keep], sweeps[keep], changed[keep]
    return (s_all.reshape(t_count, b_count, n_units).astype(np.int8),
            conv_all.reshape(t_count, b_count))


def _dense_async(stack: tuple, states: np.ndarray, *, max_steps: int,
                 rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Exact asynchronous recall of a (T, B, N) batch with the fields kept up to date.

    Same semantics as `_classic_async`, for networks small enough to hold the
    dense W of every trial: every probe keeps all its fields h = W s; one
    iteration finds, for every active probe at once, the next unit in its own
    sweep order whose field disagrees with it, flips it and adds the flip's
    effect 2 s_u W_u to the fields (O(N) per probe). A probe whose sweep finds
    nothing to flip is a fixed point and leaves the batch. The Python loop runs
    about (flips + sweeps) times per probe.
    """
    us, vs, ds, tol_net = stack
    t_count, b_count, n_units = states.shape
    w = us @ np.ascontiguousarray(vs.transpose(0, 2, 1))
    w[:, np.arange(n_units), np.arange(n_units)] -= ds  # zero diagonal (up to rounding)
    w = 0.5 * (w + w.transpose(0, 2, 1))
    w[:, np.arange(n_units), np.arange(n_units)] = 0.0
    s_all = states.reshape(-1, n_units).astype(np.float64)
    h = (states.astype(np.float64) @ w).reshape(-1, n_units)  # W symmetric: s W = W s
    s = s_all.copy()
    conv_all = np.zeros(s_all.shape[0], dtype=bool)
    act = np.arange(s_all.shape[0])
    net = np.repeat(np.arange(t_count), b_count)
    tol = tol_net[net][:, None]
    # position of each unit in the probe's sweep order (int16 or int32: less memory traffic)
    rank_type = np.int16 if n_units < 2**15 else np.int32
    rank = np.argsort(np.argsort(rng.random(s.shape), axis=1), axis=1).astype(rank_type)
    never = rank_type(n_units)
    pos = np.zeros(act.size, dtype=rank_type)
    sweeps = np.zeros(act.size, dtype=np.int64)
    changed = np.zeros(act.size, dtype=bool)
    while act.size:
        cand = np.where(_wants_flip(h, s, tol) & (rank >= pos[:, None]), rank, never)
        u = np.argmin(cand, axis=1)
        has = cand[np.arange(act.size), u] < n_units
        rows = np.flatnonzero(has)
        if rows.size:
            ur = u[rows]
            old = s[rows, ur]
            s[rows, ur] = -old
            h[rows] -= (2.0 * old)[:, None] * w[net[rows], ur]
            changed[rows] = True
            pos[rows] = rank[rows, ur] + rank_type(1)
        done = ~has
        if not done.any():
            continue
        sweeps[done] += 1
        fixed = done & ~changed
        finished = fixed | (done & (sweeps >= max_steps))
        again = done & ~finished
        if again.any():
            pos[again] = 0
            changed[again] = False
            rank[again] = np.argsort(np.argsort(rng.random((int(again.sum()), n_units)), axis=1),
                                     axis=1).astype(rank_type)
        if finished.any():
            s_all[act[finished]] = s[finished]
            conv_all[act[finished]] = fixed[finished]
            keep = ~finished
            act, s, h, net, tol, rank = act[keep], s[keep], h[keep], net[keep], tol[keep], rank[keep]
            pos, sweeps, changed = pos[keep], sweeps[keep], changed[keep]
    return (s_all.reshape(t_count, b_count, n_units).astype(np.int8),
            conv_all.reshape(t_count, b_count))


def _recall_stack(spec: RuleSpec, patterns: np.ndarray, probes: np.ndarray, *, mode: str,
                  max_steps: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Store ``patterns[t]`` (T, P, N) and recall ``probes[t]`` (T, B, N) in each network.

    Returns the final states (T, B, N) int8 and whether each memory is a fixed
    point, (T, P) bool, computed from the same networks.
    """
    nets = [_store(p, spec) for p in patterns]
    n_units = patterns.shape[-1]
    if spec.rule in _CLASSIC:
        stack = _stacked_factors(nets, n_units)
        fixed = _classic_fixed(stack, patterns)
        finals, _conv = _classic_recall(stack, probes, mode=mode, max_steps=max_steps, rng=rng)
        return finals, fixed
    from . import dynamics  # late import, see _store

    finals = np.empty(probes.shape, dtype=np.int8)
    fixed = np.empty(patterns.shape[:2], dtype=bool)
    for t, net in enumerate(nets):
        one, _c = dynamics.recall_batch(net, patterns[t], mode="sync", max_steps=1, rng=rng)
        fixed[t] = np.all(np.asarray(one) == patterns[t], axis=-1)
        fin, _c = dynamics.recall_batch(net, probes[t], mode=mode, max_steps=max_steps, rng=rng)
        finals[t] = np.asarray(fin, dtype=np.int8)
    return finals, fixed


# ------------------------------------------------------------------ validation


def _check_int(value: Any, name: str, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < minimum:
        raise ValueError(f"{name} must be an integer >= {minimum}; got {value!r}")
    return int(value)


def _check_fraction(value: Any, name: str, *, upper: float = 1.0) -> float:
    try:
        out = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a number in [0, {upper:g}]; got {value!r}") from None
    if not (0.0 <= out <= upper):
        raise ValueError(f"{name} must be in [0, {upper:g}]; got {value!r}")
    return out


def _check_mode(mode: Any) -> str:
    if not isinstance(mode, str) or mode.lower() not in ("sync", "async"):
        raise ValueError(f"mode must be 'sync' or 'async'; got {mode!r}")
    return mode.lower()


def _keep_going(progress: Progress | None, fraction: float) -> bool:
    if progress is None:
        return True
    return progress(min(1.0, max(0.0, fraction))) is not False


# -------------------------------------------------------------------- capacity


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
    n_units = _check_int(n_units, "n_units", 2)
    count = _check_int(count, "count", 1)
    alpha_max = _check_fraction(alpha_max, "alpha_max", upper=2.0)
    alpha_min = _check_fraction(alpha_min, "alpha_min", upper=2.0)
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


class _SweepResult:
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
    def stopped(self) -> bool:
        """True when the run was stopped before the last point of the sweep."""
        return self.completed < len(self._points())

    def rows(self) -> list[dict[str, Any]]:
        """One record per (rule, point) that was computed, for tables and CSV."""
        return [self._row(label, k) for label in self.labels for k in range(self.completed)]


@dataclass(frozen=True)
class CapacityResult(_SweepResult):
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
                   on_result: Callable[["CapacityResult"], Any] | None = None) -> CapacityResult:
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
        Called as ``progress(fraction)`` after each load; returning ``False`` stops
        early and keeps the loads finished so far.
    on_result : callable, optional
        Called with the partial `CapacityResult` after each load, before
        ``progress`` (so a caller that may be interrupted keeps what is done).

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
    n_units = _check_int(n_units, "n_units", 2)
    trials = _check_int(trials, "trials", 1)
    max_steps = _check_int(max_steps, "max_steps", 1)
    noise = _check_fraction(noise, "noise")
    success_overlap = _check_fraction(success_overlap, "success_overlap")
    mode = _check_mode(mode)
    specs = _coerce_rules(rules)
    ps = np.asarray(n_patterns)
    if ps.ndim != 1 or ps.size == 0 or not np.issubdtype(ps.dtype, np.integer):
        raise ValueError(f"n_patterns must be a non-empty list of integers; got {n_patterns!r}")
    if ps.min() < 1 or ps.max() > 2 * n_units:
        raise ValueError(
            f"every pattern count must be between 1 and 2N = {2 * n_units}; got {ps.tolist()}"
        )
    rng = np.random.default_rng(rng)
    pool = _random_patterns((trials, int(ps.max()), n_units), rng)
    orders = _flip_orders((trials, int(ps.max())), n_units, rng)
    n_flips = int(round(noise * n_units))
    labels = [s.label for s in specs]
    fixed = {lb: np.full(ps.size, np.nan) for lb in labels}
    overlap = {lb: np.full(ps.size, np.nan) for lb in labels}
    recalled = {lb: np.full(ps.size, np.nan) for lb in labels}
    cost = np.cumsum(ps.astype(float) ** 1.5)

    def _capacity_result(done: int) -> CapacityResult:
        def copy(d: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
            return {key: value.copy() for key, value in d.items()}

        return CapacityResult(n_units, ps.astype(np.int64), list(labels), copy(fixed),
                              copy(overlap), copy(recalled), trials, noise, mode,
                              success_overlap, done)

    for k, p in enumerate(ps.tolist()):
        memories = pool[:, :p]
        probes = _corrupt(memories, orders[:, :p], n_flips)
        seed = int(rng.integers(2**63))
        for spec in specs:
            finals, fix = _recall_stack(spec, memories, probes, mode=mode, max_steps=max_steps,
                                        rng=np.random.default_rng(seed))
            m = np.einsum("tbn,tbn->tb", finals, memories, dtype=np.float64) / n_units
            fixed[spec.label][k] = fix.mean()
            overlap[spec.label][k] = m.mean()
            recalled[spec.label][k] = np.mean(m >= success_overlap - 1e-12)
        completed = k + 1
        if on_result is not None:
            on_result(_capacity_result(completed))
        if not _keep_going(progress, cost[k] / cost[-1]):
            break
    return _capacity_result(completed)


# ----------------------------------------------------------------------- basins


@dataclass(frozen=True)
class BasinResult(_SweepResult):
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
                on_result: Callable[["BasinResult"], Any] | None = None) -> BasinResult:
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
    rules, trials, mode, max_steps, success_overlap, rng, progress, on_result :
        As in `capacity_curve` (called after each noise level).

    Returns
    -------
    BasinResult

    References
    ----------
    Hopfield, PNAS 79:2554 (1982). Storkey & Valabregue, Neural Networks 12:869 (1999).
    Kanter & Sompolinsky, PRA 35:380 (1987).
    """
    n_units = _check_int(n_units, "n_units", 2)
    n_patterns = _check_int(n_patterns, "n_patterns", 1)
    if n_patterns > 2 * n_units:
        raise ValueError(f"n_patterns must be at most 2N = {2 * n_units}; got {n_patterns}")
    trials = _check_int(trials, "trials", 1)
    max_steps = _check_int(max_steps, "max_steps", 1)
    success_overlap = _check_fraction(success_overlap, "success_overlap")
    mode = _check_mode(mode)
    specs = _coerce_rules(rules)
    levels = np.asarray(noise_levels, dtype=np.float64)
    if levels.ndim != 1 or levels.size == 0 or np.any(~np.isfinite(levels)) or \
            levels.min() < 0 or levels.max() > 1:
        raise ValueError(f"noise_levels must be a non-empty list of fractions in [0, 1]; "
                         f"got {noise_levels!r}")
    rng = np.random.default_rng(rng)
    memories = _random_patterns((trials, n_patterns, n_units), rng)
    orders = _flip_orders((trials, n_patterns), n_units, rng)
    labels = [s.label for s in specs]
    recalled = {lb: np.full(levels.size, np.nan) for lb in labels}
    exact = {lb: np.full(levels.size, np.nan) for lb in labels}
    overlap = {lb: np.full(levels.size, np.nan) for lb in labels}

    def _basin_result(done: int) -> BasinResult:
        def copy(d: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
            return {key: value.copy() for key, value in d.items()}

        return BasinResult(n_units, n_patterns, levels.copy(), list(labels), copy(recalled),
                           copy(exact), copy(overlap), trials, mode, success_overlap, done)

    for k, f in enumerate(levels.tolist()):
        probes = _corrupt(memories, orders, int(round(f * n_units)))
        seed = int(rng.integers(2**63))
        for spec in specs:
            finals, _fix = _recall_stack(spec, memories, probes, mode=mode, max_steps=max_steps,
                                         rng=np.random.default_rng(seed))
            m = np.einsum("tbn,tbn->tb", finals, memories, dtype=np.float64) / n_units
            recalled[spec.label][k] = np.mean(m >= success_overlap - 1e-12)
            exact[spec.label][k] = np.mean(np.all(finals == memories, axis=-1))
            overlap[spec.label][k] = m.mean()
        completed = k + 1
        if on_result is not None:
            on_result(_basin_result(completed))
        if not _keep_going(progress, completed / levels.size):
            break
    return _basin_result(completed)


# ------------------------------------------------------------------- attractors


@dataclass(frozen=True)
class Attractor:
    """One distinct final state reached from random starts, with what it is.

    Attributes
    ----------
    state : ndarray (N,) int8
    count : int
        How many starts ended here.
    kind : {'memory', 'inverse', 'mixture', 'other'}
    members : tuple[int, ...]
        Indices (0-based) of the memories it is (kind 'memory'/'inverse': one;
        'mixture': the odd set mixed; 'other': the closest memory).
    signs : tuple[int, ...]
        Sign of each member in the mixture sign(sum_k sign_k xi_k).
    distance : int
        Units in which the state differs from the matched target (0 = exact).
    overlaps : ndarray (P,)
        m_mu = (1/N) xi_mu . s.
    energy : float
        E = -1/2 s.W s for classic rules, the rule's own energy otherwise.
    converged : bool
        False if any start reaching it was cut off by the step limit.
    """

    state: np.ndarray
    count: int
    kind: str
    members: tuple[int, ...]
    signs: tuple[int, ...]
    distance: int
    overlaps: np.ndarray
    energy: float
    converged: bool

    def label(self, names: Sequence[str] | None = None) -> str:
        """Human description, e.g. "inverse of memory 2", "mixture of 1, 2, 4" or "mixture +1 +2 −3".

        Memories are numbered from 1 unless ``names`` are given.
        """
        def nm(k: int) -> str:
            return str(names[k]) if names is not None else str(k + 1)

        off = f" ({self.distance} units off)" if self.distance else ""
        if self.kind == "memory":
            return f"memory {nm(self.members[0])}{off}"
        if self.kind == "inverse":
            return f"inverse of memory {nm(self.members[0])}{off}"
        if self.kind == "mixture":
            who = ", ".join(nm(k) for k in self.members)
            if all(s > 0 for s in self.signs):
                return f"mixture of {who}{off}"
            if all(s < 0 for s in self.signs):
                return f"inverted mixture of {who}{off}"
            parts = " ".join(("+" if s > 0 else "\u2212") + nm(k)
                             for k, s in zip(self.members, self.signs))
            return f"mixture {parts}{off}"
        k = self.members[0]
        return f"other (closest: memory {nm(k)}, m = {self.overlaps[k]:+.2f})"


@dataclass(frozen=True)
class AttractorResult:
    """Distinct final states from many random starts, most frequent first."""

    attractors: list[Attractor]
    n_starts: int

    def counts_by_kind(self) -> dict[str, int]:
        """Starts ending at each kind of state."""
        out = {"memory": 0, "inverse": 0, "mixture": 0, "other": 0}
        for a in self.attractors:
            out[a.kind] += a.count
        return out

    def rows(self, names: Sequence[str] | None = None) -> list[dict[str, Any]]:
        """One record per attractor, for tables and CSV."""
        return [{
            "rank": r + 1, "label": a.label(names), "kind": a.kind, "count": a.count,
            "fraction": a.count / self.n_starts,
            "members": " ".join(str(k + 1) for k in a.members),  # memory numbers, 1-based
            "member_names": " | ".join(
                names[k] if names is not None and k < len(names) else f"memory {k + 1}"
                for k in a.members),
            "signs": " ".join("+" if s > 0 else "-" for s in a.signs),
            "distance": a.distance, "energy": a.energy, "converged": a.converged,
            "max_abs_overlap": float(np.max(np.abs(a.overlaps))) if a.overlaps.size else 0.0,
        } for r, a in enumerate(self.attractors)]


def classify_state(state: np.ndarray, patterns: np.ndarray, *, tolerance: float = 0.0,
                   max_mixture: int = 5) -> tuple[str, tuple[int, ...], tuple[int, ...], int]:
    """Say what a state is: a memory, an inverted memory, a mixture, or other.

    The targets are tried in this order, and the first within ``tolerance``
    (fraction of units allowed to differ) wins: memory k (xi_k), its inverse
    (-xi_k), then odd mixtures of r = 3, 5, ..., ``max_mixture`` memories

    .. math:: s^{mix} = \\operatorname{sign}\\Big(\\sum_{k \\in S} \\sigma_k \\xi_k\\Big)

    where S holds the r memories with the largest overlap magnitude |m_k| and
    sigma_k = sign(m_k). (A symmetric 3-mixture has overlap 1/2 with each member.)

    Parameters
    ----------
    state : ndarray (N,)
        Bipolar state.
    patterns : ndarray (P, N)
        The stored memories.
    tolerance : float
        Fraction of units, in [0, 0.5), that may differ from the target.
    max_mixture : int
        Largest odd mixture tried (>= 1).

    Returns
    -------
    kind : {'memory', 'inverse', 'mixture', 'other'}
    members : tuple of int (0-based indices; for 'other' the closest memory)
    signs : tuple of int
    distance : int
        Units differing from the matched target (for 'other': from the closest memory).
    """
    s = np.asarray(state)
    x = np.asarray(patterns)
    if x.ndim != 2 or s.ndim != 1 or x.shape[1] != s.shape[0] or x.shape[0] == 0:
        raise ValueError(f"state must have shape (N,) and patterns (P, N) with P >= 1; got "
                         f"{s.shape} and {x.shape}")
    tolerance = _check_fraction(tolerance, "tolerance", upper=0.5)
    n_units = s.shape[0]
    allowed = int(math.floor(tolerance * n_units + 1e-9))
    dots = x.astype(np.int64) @ s.astype(np.int64)
    diff = (n_units - dots) // 2  # units differing from xi_k
    best = int(np.argmin(np.minimum(diff, n_units - diff)))
    if diff[best] <= allowed and diff[best] <= n_units - diff[best]:
        return "memory", (best,), (1,), int(diff[best])
    if n_units - diff[best] <= allowed:
        return "inverse", (best,), (-1,), int(n_units - diff[best])
    order = np.argsort(-np.abs(dots), kind="stable")
    for r in range(3, min(max_mixture, x.shape[0]) + 1, 2):
        members = order[:r]
        signs = np.where(dots[members] >= 0, 1, -1)
        mix = np.sign(signs @ x[members].astype(np.int64))
        d = int(np.sum(mix != s))
        if d <= allowed:
            keep = np.argsort(members)
            return ("mixture", tuple(int(k) for k in members[keep]),
                    tuple(int(v) for v in signs[keep]), d)
    return "other", (int(order[0]),), (1 if dots[order[0]] >= 0 else -1,), \
        int(min(diff[order[0]], n_units - diff[order[0]]))


def find_attractors(net: Any, *, n_starts: int = 200, mode: str = "async", max_steps: int = 50,
                    tolerance: float = 0.0, max_mixture: int = 5, starts: np.ndarray | None = None,
                    rng: Any = None) -> AttractorResult:
    """Run from many random starts, collect the distinct final states and classify them.

    Every start is a uniformly random bipolar state (or a row of ``starts``);
    all are recalled at once. Equal final states are merged and counted; each
    is classified by `classify_state` against the network's stored patterns.
    With theta = 0 the energy is even, E(-s) = E(s), so inverted memories are
    attractors as stable as the memories themselves; odd mixtures
    sign(xi_1 + xi_2 + xi_3) are stable at small load (Amit, Gutfreund &
    Sompolinsky, PRA 32:1007, 1985).

    Parameters
    ----------
    net : Network
        A stored network with binary states (any rule but 'modern').
    n_starts : int
        How many random starts (ignored if ``starts`` is given).
    mode : {'async', 'sync'}
    max_steps : int
        Sweeps (async) or steps (sync) per run.
    tolerance : float
        Fraction of units a state may differ from a memory, inverse or mixture
        and still be called one.
    max_mixture : int
        Largest odd mixture tried.
    starts : ndarray (B, N), optional
        Explicit start states.
    rng : {None, int, numpy.random.Generator}

    Returns
    -------
    AttractorResult
        Attractors sorted by count, most frequent first.

    References
    ----------
    Hopfield, PNAS 79:2554 (1982); Amit, Gutfreund & Sompolinsky, PRA 32:1007 (1985).
    """
    rule = getattr(net, "rule", None)
    if rule not in _BINARY_RULES:
        raise ValueError(f"find_attractors needs a stored network with binary states (rule in "
                         f"{_BINARY_RULES}); got {rule!r}")
    mode = _check_mode(mode)
    max_steps = _check_int(max_steps, "max_steps", 1)
    patterns = np.asarray(net.patterns, dtype=np.int8)
    n_units = patterns.shape[1]
    rng = np.random.default_rng(rng)
    if starts is None:
        n_starts = _check_int(n_starts, "n_starts", 1)
        starts = _random_patterns((n_starts, n_units), rng)
    else:
        starts = np.asarray(starts)
        if starts.ndim != 2 or starts.shape[1] != n_units or not np.all(np.abs(starts) == 1):
            raise ValueError(f"starts must be bipolar states of shape (B, {n_units}); got "
                             f"shape {starts.shape}")
        starts = starts.astype(np.int8)
    # One network, many starts far from any attractor (about N/2 flips each): the engine's
    # batched recall, which accepts many flips per block, is the fastest here.
    from . import dynamics

    finals, conv = dynamics.recall_batch(net, starts, mode=mode, max_steps=max_steps, rng=rng)
    finals = np.asarray(finals, dtype=np.int8)
    conv = np.asarray(conv, dtype=bool)
    uniq, inverse, counts = np.unique(finals, axis=0, return_inverse=True, return_counts=True)
    inverse = np.asarray(inverse).reshape(-1)
    all_conv = np.ones(len(uniq), dtype=bool)
    np.logical_and.at(all_conv, inverse, conv)
    energies = np.asarray(net.energy(uniq.astype(np.int8)), dtype=np.float64).reshape(-1)
    found = []
    for u, state in enumerate(uniq):
        kind, members, signs, dist = classify_state(state, patterns, tolerance=tolerance,
                                                    max_mixture=max_mixture)
        found.append(Attractor(state.astype(np.int8), int(counts[u]), kind, members, signs, dist,
                               (patterns.astype(np.float64) @ state) / n_units,
                               float(energies[u]), bool(all_conv[u])))
    found.sort(key=lambda a: (-a.count, a.energy))
    return AttractorResult(found, int(len(starts)))


# ----------------------------------------------------------------------- theory


def _phi(x: np.ndarray) -> np.ndarray:
    """Standard normal CDF, Phi(x) = erfc(-x / sqrt 2) / 2."""
    erfc = np.vectorize(math.erfc, otypes=[np.float64])
    return 0.5 * erfc(-np.asarray(x, dtype=np.float64) / math.sqrt(2.0))


def bit_error_probability(n_units: Any, n_patterns: Any) -> np.ndarray | float:
    """One-step probability that a bit of a stored Hebbian pattern is unstable.

    .. math:: p_{bit} = \\Phi\\Big(-\\sqrt{\\tfrac{N - 1}{P - 1}}\\Big)

    where Phi is the standard normal CDF, N the units and P the patterns (the
    crosstalk of the P - 1 other patterns over the N - 1 other units; zero
    diagonal). For large N this is Phi(-1/sqrt(alpha)) with alpha = P/N:
    0.001 at alpha = 0.105, 0.0036 at 0.138, 0.01 at 0.185 (Hertz, Krogh &
    Palmer 1991, Table 2.1). P = 1 gives 0.

    Parameters
    ----------
    n_units, n_patterns : int or array_like
        N >= 2 and P >= 1 (broadcast together).
    """
    n = np.asarray(n_units, dtype=np.float64)
    p = np.asarray(n_patterns, dtype=np.float64)
    if np.any(n < 2) or np.any(p < 1):
        raise ValueError(f"need N >= 2 and P >= 1; got N={n_units!r}, P={n_patterns!r}")
    with np.errstate(divide="ignore"):
        ratio = np.where(p > 1, (n - 1) / np.maximum(p - 1, 1e-300), np.inf)
    out = np.where(np.isinf(ratio), 0.0, _phi(-np.sqrt(np.where(np.isinf(ratio), 1.0, ratio))))
    return float(out) if out.ndim == 0 else out


def pattern_error_probability(n_units: Any, n_patterns: Any) -> np.ndarray | float:
    """One-step probability that a stored Hebbian pattern is NOT a fixed point.

    .. math:: p_{pattern} \\approx 1 - (1 - p_{bit})^N

    with p_bit from `bit_error_probability` (bits treated as independent).
    So 1 - p_pattern is the expected fraction of memories that are fixed points.
    """
    pb = np.asarray(bit_error_probability(n_units, n_patterns), dtype=np.float64)
    out = 1.0 - (1.0 - pb) ** np.asarray(n_units, dtype=np.float64)
    return float(out) if out.ndim == 0 else out


def _check_n(n_units: Any) -> np.ndarray:
    n = np.asarray(n_units, dtype=np.float64)
    if np.any(n < 2):
        raise ValueError(f"N must be >= 2 (log N must be positive); got {n_units!r}")
    return n


def _scalar(x: np.ndarray) -> np.ndarray | float:
    return float(x) if np.ndim(x) == 0 else x


def mceliece_capacity(n_units: Any, *, every_pattern: bool = False) -> np.ndarray | float:
    """Hebbian capacity for exact recall (McEliece et al. 1987), as a number of patterns.

    .. math:: P_{max} = \\frac{N}{2 \\ln N} \\quad (\\text{most patterns}), \\qquad
              \\frac{N}{4 \\ln N} \\quad (\\text{every pattern})

    N = 100 gives 10.9 (5.4 with ``every_pattern``); N = 1000 gives 72.4.
    """
    n = _check_n(n_units)
    return _scalar(n / ((4.0 if every_pattern else 2.0) * np.log(n)))


def storkey_capacity(n_units: Any) -> np.ndarray | float:
    """Storkey rule capacity (Storkey 1997): P_max = N / sqrt(2 ln N) (33.0 at N = 100)."""
    n = _check_n(n_units)
    return _scalar(n / np.sqrt(2.0 * np.log(n)))


def pseudoinverse_capacity(n_units: Any) -> np.ndarray | float:
    """Pseudo-inverse (projection) rule capacity: any P < N independent patterns (alpha < 1).

    Personnaz, Guyon & Dreyfus (1985); Kanter & Sompolinsky, PRA 35:380 (1987).
    """
    return _scalar(_check_n(n_units))


def dense_capacity(n_units: Any, degree: int = 3) -> np.ndarray | float:
    """Error-free capacity of the dense memory with F(x) = x^n (Krotov & Hopfield 2016).

    .. math:: K \\approx \\frac{N^{n-1}}{2 (2n - 3)!! \\ln N}

    where n is the degree and (2n-3)!! the double factorial. n = 2 gives the
    Hebbian N/(2 ln N); at N = 100, n = 3 gives 362 and n = 4 gives 7238.
    """
    n = _check_n(n_units)
    degree = _check_int(degree, "degree", 2)
    dfact = math.prod(range(2 * degree - 3, 0, -2))
    return _scalar(n ** (degree - 1) / (2.0 * dfact * np.log(n)))


def theory_capacity(rule: str, n_units: Any, **params: Any) -> np.ndarray | float | None:
    """The literature's capacity, in patterns, for a rule (None where it has no finite line).

    hebbian: AGS 0.138 N (retrieval with ~1.5 % wrong bits); storkey:
    N / sqrt(2 ln N); pseudoinverse: N; dense: `dense_capacity` with ``degree``;
    exponential: 2^(N/2) (Demircigil et al. 2017), returned as a float.
    """
    n = _check_n(n_units)
    rule = str(rule).lower()
    if rule == "hebbian":
        return _scalar(AGS_ALPHA_C * n)
    if rule == "storkey":
        return storkey_capacity(n)
    if rule == "pseudoinverse":
        return pseudoinverse_capacity(n)
    if rule == "dense":
        return dense_capacity(n, int(params.get("degree", 3)))
    if rule == "exponential":
        return _scalar(np.power(2.0, n / 2.0))
    return None
