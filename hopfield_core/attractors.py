"""Attractors: where the network settles from many random starts, and what each state is."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .dynamics import recall_batch
from .experiment_common import BINARY_RULES, check_fraction, check_int, check_mode, random_patterns

__all__ = ["Attractor", "AttractorResult", "classify_state", "find_attractors"]


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
    tolerance = check_fraction(tolerance, "tolerance", upper=0.5)
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
                    rng: Any = None, order: str = "random") -> AttractorResult:
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
    order : {"random", "sequential", "replacement"}
        Asynchronous update order (see ``hopfield_core.run``).
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
    if rule not in BINARY_RULES:
        raise ValueError(f"find_attractors needs a stored network with binary states (rule in "
                         f"{BINARY_RULES}); got {rule!r}")
    mode = check_mode(mode)
    max_steps = check_int(max_steps, "max_steps", 1)
    patterns = np.asarray(net.patterns, dtype=np.int8)
    n_units = patterns.shape[1]
    rng = np.random.default_rng(rng)
    if starts is None:
        n_starts = check_int(n_starts, "n_starts", 1)
        starts = random_patterns((n_starts, n_units), rng)
    else:
        starts = np.asarray(starts)
        if starts.ndim != 2 or starts.shape[1] != n_units or not np.all(np.abs(starts) == 1):
            raise ValueError(f"starts must be bipolar states of shape (B, {n_units}); got "
                             f"shape {starts.shape}")
        starts = starts.astype(np.int8)
    # One network, many starts far from any attractor (about N/2 flips each): the engine's
    # batched recall, which accepts many flips per block, is the fastest here.
    finals, conv = recall_batch(net, starts, mode=mode, max_steps=max_steps, rng=rng,
                                order=order)
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

