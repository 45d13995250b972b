"""The engine: how states evolve under a network's couplings.

One module owns the dynamics of every rule. A network hands the engine a *model*
with a small interface (fields of some units for some states, and what a change of
a unit does to them); the engine owns the update rule, the one definition of a tie,
the update orders, synchronous steps, asynchronous sweeps (exact sequential
semantics, decided a block of units at a time), stochastic (Glauber) updates, and
the loops of :func:`run_model` (one state, recorded) and :func:`recall_model` (a
batch of states, or a batch of networks through a stacked model).

Models
------
:class:`Couplings` -- a classic weight matrix, held as factors
``W = U V^T - diag(d)`` or as a dense ``W``; :class:`StackedCouplings` -- the
weights of T networks at once (probe b of row t in network t), for the experiments;
:class:`KernelModel` -- the dense / exponential energies of
:mod:`hopfield_core.dense`, which give effective fields from the overlaps
``q = X s`` through a kernel.

Update rule (temperature 0), for x = h - theta: s <- +1 if x > tau, -1 if x < -tau,
and a tie (|x| <= tau) keeps the unit's value -- except an undecided unit (0 in a
start state), which becomes -1 on a tie, as in ``1 if net_input > theta else -1`` of
the Storkey notebook the "halfway" experiment comes from. At T > 0,
P(s = +1) = 1 / (1 + exp(-2 x / T)). tau is :func:`tie_tolerance`.
"""

from __future__ import annotations

import copy
from typing import Any, Callable

import numpy as np

from .trajectory import Trajectory

__all__ = ["ORDERS"]

ORDERS: tuple[str, ...] = ("random", "sequential", "replacement")
"""Asynchronous update orders: a fresh random permutation per sweep, units 0..N-1, or N
units drawn at random with replacement per sweep."""

#: Relative tolerance for "the local field equals theta exactly" (see :func:`tie_tolerance`):
#: 2**-40 ~ 9.1e-13, about 4000 rounding units of the terms' magnitude. Large enough for
#: the rounding of sums of thousands of terms, small enough to keep the genuine but tiny
#: fields of the exponential rule (weights e^(q - q_max) of far patterns) decisive.
TIE_RTOL = 2.0**-40

#: Largest block of units whose fields are computed at once in a single-state sweep.
_BLOCK = 512
_MIN_BLOCK = 16
#: Block of units per step of the batched sweep, and the largest network it is used for
#: (beyond, probes are swept one by one: measured, the batched sweep wins below ~500 units).
_BATCH_BLOCK = 128
_BATCH_MAX_UNITS = 512
#: Largest recording run_model() keeps: (steps * frames per step + 1) * N int8 values.
MAX_RECORD_BYTES = 2 * 1024**3


# -- ties and decisions --------------------------------------------------------------
def tie_tolerance(term_scale: Any, theta: np.ndarray) -> Any:
    """The one definition of a tie: ``|h_i - theta_i| <= tie_tolerance`` keeps the unit.

    .. math:: \\tau = 2^{-40} (M + \\max_i |\\theta_i|)

    ``term_scale`` (M) bounds the magnitude of the terms summed into a field, as the
    stored patterns make them (for the classic rules the factor bound
    ``max_i sum_r |U_ir| sum_j |V_jr| + |d_i|``, never the entries of a W in which they
    cancel; one value per field for the dense kernels). Rounding errors are ~1e-16 of
    it; a field that is 0 in exact arithmetic is a tie on every path.
    """
    top = float(np.abs(theta).max()) if np.size(theta) else 0.0
    if np.ndim(term_scale):
        return TIE_RTOL * (np.asarray(term_scale, dtype=np.float64) + top)
    return TIE_RTOL * (float(term_scale) + top)


def _top(theta: np.ndarray) -> float:
    return float(np.abs(theta).max()) if np.size(theta) else 0.0


def _glauber_up(x: np.ndarray, temperature: float) -> np.ndarray:
    """P(s = +1) = 1 / (1 + exp(-2 x / T)) = (1 + tanh(x / T)) / 2 (tanh never overflows)."""
    return 0.5 * (1.0 + np.tanh(x / temperature))


def new_values(x: np.ndarray, cur: np.ndarray, tol: Any, temperature: float,
               u: np.ndarray | None) -> np.ndarray:
    """The value each unit takes when updated, from x = h - theta (see the module notes)."""
    if temperature > 0:
        return np.where(u < _glauber_up(x, temperature), 1.0, -1.0)
    out = np.where(np.abs(x) > tol, np.sign(x), cur)  # a tie keeps the value ...
    out[out == 0] = -1.0  # ... but an undecided unit becomes -1
    return out


def changes(x: np.ndarray, cur: np.ndarray, tol: Any, temperature: float,
            u: np.ndarray | None) -> np.ndarray:
    """Mask of the units whose update changes them (``new_values(...) != cur``)."""
    if temperature > 0:
        return ((u < _glauber_up(x, temperature)) != (cur > 0)) | (cur == 0)
    return (x * cur < -tol) | (cur == 0)


# -- update orders ------------------------------------------------------------------------
def draw_order(kind: str, n: int, rng: np.random.Generator) -> np.ndarray:
    """The units of one sweep, in update order: ``rng.permutation(n)`` ("random"),
    ``0..n-1`` ("sequential", no draw) or ``rng.integers(0, n, n)`` ("replacement")."""
    if kind == "random":
        return rng.permutation(n)
    if kind == "sequential":
        return np.arange(n)
    return rng.integers(0, n, size=n)


def previous_visit(order: np.ndarray) -> np.ndarray | None:
    """For an order with repeated units, the position of each unit's previous visit in
    the sweep (-1 for a first visit); None when every unit appears once. A block of
    units decided at once must not hold a unit twice: it ends before a repeat."""
    n = order.size
    if n == 0 or np.bincount(order).max() <= 1:  # a permutation (or part of one)
        return None
    pos = np.argsort(order, kind="stable")
    same = np.zeros(n, dtype=bool)
    same[1:] = order[pos[1:]] == order[pos[:-1]]
    if not same.any():
        return None
    prev = np.full(n, -1, dtype=np.int64)
    prev[pos[1:][same[1:]]] = pos[:-1][same[1:]]
    return prev


def _block_end(prev: np.ndarray | None, start: int, stop: int) -> int:
    """End of a block starting at ``start``: ``stop``, or the first repeat before it."""
    if prev is None:
        return stop
    rep = np.flatnonzero(prev[start:stop] >= start)
    return stop if rep.size == 0 else start + int(rep[0])


def visited_fractions(order: np.ndarray, ends: np.ndarray, n: int) -> np.ndarray:
    """Fraction of the n units visited by positions [0, end) of ``order``, per end."""
    if order.size == n and np.bincount(order, minlength=n).max() <= 1:
        return np.asarray(ends, dtype=np.float64) / n  # a permutation: one unit per update
    _, first = np.unique(order, return_index=True)  # first visit of each visited unit
    return np.searchsorted(np.sort(first), ends, side="left") / n


def frame_ends(n: int, frames_per_sweep: int) -> tuple[np.ndarray, int, str]:
    """Where the frames of an asynchronous sweep end, how many there are, and what a
    frame is in words (every model says the same, so the player always does)."""
    chunk = -(-n // min(frames_per_sweep, n))
    ends = np.arange(chunk, n + chunk, chunk)
    ends[-1] = n
    ends = np.unique(np.minimum(ends, n))
    fps = int(ends.size)
    unit = f"one sweep ({n} unit updates)" if fps == 1 else f"1/{fps} sweep ({chunk} unit updates)"
    return ends, fps, unit


# -- classic couplings -------------------------------------------------------------------
class Couplings:
    """A classic weight matrix as the engine uses it: factors ``(U, V, d)`` or a dense ``W``.

    ``W = U V^T - diag(d)`` (zero diagonal). ``scale`` is the magnitude M of the terms
    of a field that :func:`tie_tolerance` decides ties against: the factor bound for
    factors (also when a dense W of the same network is carried, see ``scale=``), the
    largest row sum of |W| for a bare matrix.
    """

    def __init__(self, U: np.ndarray | None = None, V: np.ndarray | None = None,
                 d: np.ndarray | None = None, W: np.ndarray | None = None,
                 scale: float | None = None) -> None:
        self.dense = W is not None
        if self.dense:
            self.W = np.ascontiguousarray(W, dtype=np.float64)
            self.n = self.W.shape[0]
            if scale is None:  # a bare matrix: its own row sums are all we know
                scale = float(np.abs(self.W).sum(axis=1).max()) if self.n else 0.0
        else:
            self.U = np.ascontiguousarray(U, dtype=np.float64)
            self.V = np.ascontiguousarray(V, dtype=np.float64)
            self.d = np.ascontiguousarray(d, dtype=np.float64)
            self.n = self.U.shape[0]
            if scale is None:
                # sum_j |W_ij| <= sum_r |U_ir| sum_j |V_jr| + |d_i|: the terms' magnitude
                row = (np.abs(self.U) @ np.abs(self.V).sum(axis=0) if self.U.shape[1]
                       else np.zeros(self.n))
                scale = float((row + np.abs(self.d)).max()) if self.n else 0.0
        self.scale = float(scale)

    @property
    def rank(self) -> int:
        return self.n if self.dense else int(self.U.shape[1])

    # the small interface: fields, and what a change of some units does to them
    def fields(self, S: np.ndarray) -> np.ndarray:
        """Local fields of a batch of states S (B, N) float64: rows of ``S W^T``."""
        if self.dense:
            return S @ self.W.T
        return (S @ self.V) @ self.U.T - S * self.d

    def aux(self, S: np.ndarray) -> np.ndarray | None:
        """What a sweep carries along: q = V^T s per state (None for a dense W)."""
        return None if self.dense else S @ self.V

    def coupling(self, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        """The sub-matrix ``W[rows][:, cols]`` (diagonal entries are U_i . V_i, not 0:
        callers use only strictly lower triangles)."""
        if self.dense:
            return self.W[np.ix_(rows, cols)]
        return self.U[rows] @ self.V[cols].T

    def quadratic(self, S: np.ndarray) -> np.ndarray:
        """Row-wise ``s^T W s`` for S (B, N) (any dtype), in float64 chunks to bound memory."""
        out = np.empty(S.shape[0])
        step = max(1, (1 << 22) // max(1, self.n))
        for a in range(0, S.shape[0], step):
            block = np.asarray(S[a : a + step], dtype=np.float64)
            if self.dense:
                out[a : a + step] = np.einsum("bi,bi->b", block @ self.W.T, block)
            else:
                out[a : a + step] = np.einsum(
                    "br,br->b", block @ self.U, block @ self.V
                ) - (block * block) @ self.d
        return out

    def tie_tolerance(self, theta: np.ndarray) -> float:
        return tie_tolerance(self.scale, theta)

    # the model interface of the engine
    def energies(self, S: np.ndarray, theta: np.ndarray) -> np.ndarray:
        """E = -1/2 s^T W s + theta . s for every row of S."""
        out = np.empty(S.shape[0])
        step = max(1, (1 << 22) // max(1, self.n))
        for a in range(0, S.shape[0], step):
            block = S[a : a + step].astype(np.float64)
            out[a : a + step] = -0.5 * self.quadratic(block) + block @ theta
        return out

    def step(self, S: np.ndarray, theta: np.ndarray, temperature: float,
             u: np.ndarray | None, rows: np.ndarray | None = None) -> np.ndarray:
        """One synchronous step of every row of S (returns new rows). ``rows``: which
        states of the batch these are (used by stacked models only)."""
        return new_values(self.fields(S) - theta, S, self.tie_tolerance(theta), temperature, u)

    def unstable(self, S: np.ndarray, theta: np.ndarray,
                 rows: np.ndarray | None = None) -> np.ndarray:
        """(B,) bool: some unit of the state would change (T = 0)."""
        return changes(self.fields(S) - theta, S, self.tie_tolerance(theta), 0.0, None).any(axis=1)

    def sweep(self, S: np.ndarray, order: np.ndarray, theta: np.ndarray, temperature: float,
              u: np.ndarray | None, rows: np.ndarray | None = None,
              batched: bool | None = None) -> np.ndarray:
        """Update the units ``order`` one after another in every row of S (in place).

        Returns the number of changed units per row. ``u`` (B, len(order)): the
        uniforms of a stochastic sweep, the k-th for the k-th update. ``batched``
        forces (True) or forbids (False) the batched block sweep; by default it is
        used for deterministic sweeps of several states of at most 512 units.
        """
        tol = self.tie_tolerance(theta)
        prev = previous_visit(order)
        B = S.shape[0]
        if batched is None:
            batched = B > 1 and self.n <= _BATCH_MAX_UNITS
        if not batched or temperature > 0:
            # one state (or large networks: the adaptive single sweep per probe is faster)
            out = np.empty(B, dtype=np.int64)
            for b in range(B):
                row = S[b]
                out[b] = _sweep_one(self, row, self.aux(row), order, prev, theta, tol,
                                    temperature, None if u is None else u[b])
            return out
        return _sweep_batch(self, S, order, prev, theta, tol)


def _sweep_one(C: Couplings, s: np.ndarray, q: np.ndarray | None, order: np.ndarray,
               prev: np.ndarray | None, theta: np.ndarray, tol: float, temperature: float,
               u: np.ndarray | None) -> int:
    """One asynchronous pass over ``order`` for one state, exact, in blocks.

    Exactness: the fields of a block of units are computed at once from the state at
    the start of the block, and the units whose new value differs from their value
    are the *guessed* changes. Each field is then corrected for the guessed changes
    before it in the block: with a dense W, a block-by-guessed-units product of
    couplings; with factors, U_k . c_k where c_k is the running sum of V_j (delta s_j)
    over the guessed units j before k (a prefix sum, O(b R) per block). Up to the first
    position where the corrected value disagrees with the guess, the guessed changes
    are exactly those sequential updating makes; the value at that first disagreement
    is exact too. That prefix is accepted, s and q = V^T s updated, and the next block
    starts after it. Blocks never hold a unit twice (see :func:`previous_visit`).
    Returns the number of changes.
    """
    count = 0
    pos = 0
    end = order.size
    block = _BLOCK
    # +-1 states (the usual case): a change is a flip, decided by one comparison
    flips_only = bool(s[order].all())

    def decide(x, cur, uu):
        if flips_only:
            return np.where(changes(x, cur, tol, temperature, uu), -cur, cur)
        return new_values(x, cur, tol, temperature, uu)

    while pos < end:
        stop = _block_end(prev, pos, min(pos + block, end))
        idx = order[pos:stop]
        cur = s[idx]
        if C.dense:
            x = C.W[idx] @ s - theta[idx]
        else:
            Ub = C.U[idx]
            x = Ub @ q - C.d[idx] * cur - theta[idx]
        uu = None if u is None else u[pos:stop]
        newg = decide(x, cur, uu)
        guess = np.flatnonzero(newg != cur)
        b = stop - pos
        if guess.size == 0:
            pos = stop
            block = min(_BLOCK, block * 2)
            continue
        delta = newg[guess] - cur[guess]
        if C.dense:
            K = C.W[np.ix_(idx, idx[guess])]
            K *= guess[None, :] < np.arange(b)[:, None]
            xc = x + K @ delta
        else:
            M = np.zeros((b, C.U.shape[1]))
            M[guess] = C.V[idx[guess]] * delta[:, None]
            np.cumsum(M, axis=0, out=M)
            xc = x.copy()
            xc[1:] += np.einsum("ir,ir->i", Ub[1:], M[:-1])
        newc = decide(xc, cur, uu)
        disagree = np.flatnonzero(newc != newg)
        accept = b if disagree.size == 0 else int(disagree[0]) + 1
        done = np.flatnonzero(newc[:accept] != cur[:accept])
        if done.size:
            units = idx[done]
            dl = newc[done] - s[units]
            if q is not None:
                q += dl @ C.V[units]
            s[units] = newc[done]
            count += done.size
        pos += accept
        if accept < b // 2:
            block = max(_MIN_BLOCK, block // 2)
        else:
            block = min(_BLOCK, block * 2)
    return count


def _prefix_correction(D: np.ndarray, Ub: np.ndarray, Vb: np.ndarray) -> np.ndarray:
    """Field corrections inside a block from the changes D (B, b) of its units.

    out[:, k] = sum_{j < k} W_kj D[:, j] with W_kj = U_k . V_j (j != k), computed as
    U_k . c_k with c_k = sum_{j < k} V_j D[:, j] (a prefix sum, O(B b R), no (b, b) matrix).
    """
    M = D[:, :, None] * Vb[None, :, :]
    np.cumsum(M, axis=1, out=M)
    out = np.zeros(D.shape)
    out[:, 1:] = np.einsum("kr,bkr->bk", Ub[1:], M[:, :-1])
    return out


def _sweep_batch(C: Couplings, A: np.ndarray, order: np.ndarray, prev: np.ndarray | None,
                 theta: np.ndarray, tol: float) -> np.ndarray:
    """One exact deterministic pass over ``order`` for every row of A (in place).

    The block method of :func:`_sweep_one` for many states at once. Per block of b
    units: the fields of the block for all states at the start of the block come
    from one product, H0 (B, b). Inside the block only the block's own couplings
    matter: with D the changes of the block's units so far (accepted, plus guessed),
    the field of unit k is H0_k + sum_{j < k} W_kj D_j. Each state accepts its prefix
    up to its first disagreement between guess and corrected value; states with units
    left go round again. The in-block sums use prefix sums of the factors when the
    rank is small, else the (b, b) block of W. Returns the changes per row.
    """
    n_pos = order.size
    B = A.shape[0]
    Q = None if C.dense else A @ C.V
    counts = np.zeros(B, dtype=np.int64)
    pos_all = np.arange(_BATCH_BLOCK)
    use_prefix = not C.dense and 2 * C.U.shape[1] <= _BATCH_BLOCK
    start = 0
    while start < n_pos:
        stop = _block_end(prev, start, min(start + _BATCH_BLOCK, n_pos))
        idx = order[start:stop]
        start = stop
        b = idx.size
        p = pos_all[:b]
        blk0 = A[:, idx]
        if C.dense:
            H0 = A @ C.W[idx].T
        else:
            Ub, Vb = C.U[idx], C.V[idx]
            H0 = Q @ Ub.T - blk0 * C.d[idx]
        H0 -= theta[idx]
        if use_prefix:
            def corr(D, Ub=Ub, Vb=Vb):
                return _prefix_correction(D, Ub, Vb)
        else:
            Kt = np.tril(C.coupling(idx, idx), -1).T  # Kt[j, k] = W_kj for j < k

            def corr(D, Kt=Kt):
                return D @ Kt
        done = np.zeros((B, b))  # accepted changes of the block's units
        ptr = np.zeros(B, dtype=np.intp)
        rows = np.arange(B)
        first = True
        while rows.size:
            cur = blk0[rows]  # a unit's value before its own update
            acc = done[rows]
            H = H0[rows] if first else H0[rows] + corr(acc)
            first = False
            pending = p[None, :] >= ptr[rows][:, None]
            newg = np.where(pending, new_values(H, cur, tol, 0.0, None), cur)
            guess = newg != cur
            if not guess.any():
                break
            Hc = H + corr(np.where(guess, newg - cur, 0.0))
            newc = np.where(pending, new_values(Hc, cur, tol, 0.0, None), cur)
            dis = newc != newg
            more = dis.any(axis=1)
            last = np.where(more, dis.argmax(axis=1), b - 1)
            done[rows] = acc + np.where(p[None, :] <= last[:, None], newc - cur, 0.0)
            more &= last + 1 < b
            ptr[rows] = last + 1
            rows = rows[more]
        A[:, idx] = blk0 + done
        counts += np.count_nonzero(done, axis=1)
        if Q is not None:
            Q += done @ C.V[idx]
    return counts


# -- the dense / exponential energies ------------------------------------------------------
class KernelModel:
    """A binary rule whose energy is a function of the overlaps q = X s (dense memories).

    The kernel (see :mod:`hopfield_core.dense`) gives the effective local fields
    h_i, defined by Delta E_i = 2 s_i (h_i - theta_i) for the flip of unit i, in units
    of ``1 / kernel.scale``, together with the magnitude of the terms it summed (on
    which ties are decided; 0 on an exact integer path):

    * ``block_fields(Qc, op, c, S)`` -- Qc (B, K, P) candidate overlap vectors, op =
      ``kernel.prepare(X^T[block])``, unit j of state b reading candidate ``c[b, j]``;
    * ``full_fields(Q, X, S)`` -- every unit of every state; ``energy(Q)``.

    A unit that is 0 (undecided) is given the field of the state with it set to +1
    (q + xi_i): E(-1) - E(+1) = 2 (h - theta) decides its new value.
    ``fixed_tol``: the magnitude M of a classic tie band replacing the kernel's.
    """

    def __init__(self, kernel: Any, X: np.ndarray, XT: np.ndarray,
                 fixed_tol: float | None = None) -> None:
        self.kernel, self.X, self.XT = kernel, X, XT
        self.n = X.shape[1]
        self.fixed_tol = fixed_tol

    def _tol(self, magnitude: Any, top: float) -> Any:
        """The tie band for fields with these term magnitudes; ``top`` = max |theta|
        (scaled as the fields), as :func:`tie_tolerance` adds it."""
        if self.fixed_tol is not None:  # a classic band of magnitude fixed_tol, in h units
            scale = self.kernel.scale
            return tie_tolerance(self.fixed_tol, np.array([top / scale])) * scale
        if np.ndim(magnitude) == 0 and magnitude == 0.0:
            return 0.0  # exact arithmetic: only an exact 0 is a tie
        return tie_tolerance(magnitude, np.array([top]))

    def _zero_fields(self, h: np.ndarray, mag: Any, S: np.ndarray, Qc: np.ndarray,
                     c: np.ndarray, XTblk: np.ndarray) -> tuple[np.ndarray, Any]:
        """Replace the fields of the 0 units of S (B, nb) by those at q + xi_i, s_i = +1."""
        zr, zc = np.nonzero(S == 0)
        if zr.size == 0:
            return h, mag
        kern = self.kernel
        Qz = Qc[zr, c[zr, zc]] + XTblk[zc]  # (nz, P)
        hz, mz = kern.block_fields(Qz[None], kern.prepare(XTblk[zc]),
                                   np.arange(zr.size)[None], np.ones((1, zr.size)))
        h = h.copy()
        h[zr, zc] = hz[0]
        if np.ndim(mag) or np.ndim(mz):
            mag = np.array(np.broadcast_to(mag, h.shape), dtype=np.float64)
            mag[zr, zc] = np.broadcast_to(mz, hz.shape)[0]
        return h, mag

    def _values(self, hm: tuple, S: np.ndarray, th: np.ndarray, temperature: float,
                u: np.ndarray | None, top: float) -> np.ndarray:
        h, mag = hm
        return new_values(h - th, S, self._tol(mag, top), temperature * self.kernel.scale, u)

    def energies(self, S: np.ndarray, theta: np.ndarray) -> np.ndarray:
        S = np.asarray(S, dtype=np.float64)
        return self.kernel.energy(S @ self.X.T) + S @ theta

    def _full(self, S: np.ndarray, Q: np.ndarray) -> tuple[np.ndarray, Any]:
        """Fields (and term magnitudes) of every unit of every state; 0 units at q + xi_i."""
        undecided = S == 0
        hm = self.kernel.full_fields(Q, self.X, np.where(undecided, 1.0, S))
        if not undecided.any():
            return hm
        h, mag = hm
        zr, zc = np.nonzero(S == 0)
        h = h.copy()
        mag = np.array(np.broadcast_to(mag, h.shape), dtype=np.float64)
        kern = self.kernel
        step = max(1, (1 << 22) // max(1, self.X.shape[0]))
        for a in range(0, zr.size, step):
            r, j = zr[a:a + step], zc[a:a + step]
            Qz = Q[r] + self.XT[j]
            hz, mz = kern.block_fields(Qz[None], kern.prepare(self.XT[j]),
                                       np.arange(r.size)[None], np.ones((1, r.size)))
            h[r, j] = hz[0]
            mag[r, j] = np.broadcast_to(mz, hz.shape)[0]
        return h, mag

    def step(self, S: np.ndarray, theta: np.ndarray, temperature: float,
             u: np.ndarray | None, rows: np.ndarray | None = None) -> np.ndarray:
        th = theta * self.kernel.scale
        return self._values(self._full(S, S @ self.X.T), S, th, temperature, u, _top(th))

    def unstable(self, S: np.ndarray, theta: np.ndarray,
                 rows: np.ndarray | None = None) -> np.ndarray:
        th = theta * self.kernel.scale
        new = self._values(self._full(S, S @ self.X.T), S, th, 0.0, None, _top(th))
        return (new != S).any(axis=1)

    def sweep(self, S: np.ndarray, order: np.ndarray, theta: np.ndarray, temperature: float,
              u: np.ndarray | None, rows: np.ndarray | None = None) -> np.ndarray:
        """Update the units ``order`` one after another in every row of S (in place);
        returns the number of changed units per row."""
        th = theta * self.kernel.scale
        Q = S @ self.X.T  # exact integers while S is bipolar
        B = S.shape[0]
        if u is None and B > 1 and B * (-(-self.n // 512) + 4) >= self.n:
            return _kernel_units(self, S, Q, order, th)
        P = self.X.shape[0]
        block = int(max(8, min(512, (1 << 21) // (B * (P + 16)))))
        return _kernel_segment(self, S, Q, order, th, temperature, u, block)


def _kernel_segment(model: KernelModel, S: np.ndarray, Q: np.ndarray, order: np.ndarray,
                    theta: np.ndarray, temperature: float, u: np.ndarray | None,
                    block: int) -> np.ndarray:
    """Update units ``order`` one after another, in that order, for every state.

    Exact sequential semantics, decided a block at a time: fields of the whole block
    are computed from the current overlaps, the units whose value would change are
    guessed, each unit's field is recomputed from the overlaps after the guessed
    changes that precede it, and the prefix on which guessed and corrected values
    agree is accepted (plus the first disagreeing unit, whose corrected value is
    exact). S (B, N) and Q (B, P) are updated in place; ``u`` (B, len(order)) holds the
    uniforms of a stochastic sweep. Returns the number of changed units per state.

    The corrected overlaps are K + 1 candidate vectors (after 0, 1, ..., K guessed
    changes), a running sum; each unit reads the candidate after the changes before
    it. Everything is elementwise or einsum: no BLAS call (whose threads can stall on
    a busy machine) in the inner loop. For one state each pass ends at its first
    disagreement and the next window starts right after it; windows shrink where
    guesses keep failing and grow back where they hold.
    """
    kernel, XT = model.kernel, model.XT
    prev = previous_visit(order)
    B = S.shape[0]
    undecided = bool((S[:, order] == 0).any())
    top = _top(theta)
    changed = np.zeros(B, dtype=np.int64)
    start, size = 0, block
    while start < order.size:
        stop = _block_end(prev, start, min(start + size, order.size))
        idx = order[start:stop]
        nb = idx.size
        XTblk = XT[idx]  # (nb, P)
        op = kernel.prepare(XTblk)
        th = theta[idx]
        ub = None if u is None else u[:, start:stop]
        pos = np.arange(nb)
        offset = np.zeros(B, dtype=np.int64)  # first undecided position per state
        active = np.arange(B)
        passes, consumed = 0, nb
        while active.size:
            passes += 1
            Sa = S[np.ix_(active, idx)]  # (A, nb)
            Qa = Q[active]  # (A, P)
            ua = None if ub is None else ub[active]
            ar = np.arange(active.size)
            todo = pos[None, :] >= offset[active][:, None]
            zero = np.zeros((active.size, nb), dtype=np.intp)
            Q1 = Qa[:, None, :]
            if undecided:
                hm = kernel.block_fields(Q1, op, zero, np.where(Sa == 0, 1.0, Sa))
                hm = model._zero_fields(*hm, Sa, Q1, zero, XTblk)
            else:
                hm = kernel.block_fields(Q1, op, zero, Sa)
            newg = np.where(todo, model._values(hm, Sa, th, temperature, ua, top), Sa)
            guess = newg != Sa
            cnt = np.cumsum(guess, axis=1)
            K = int(cnt[:, -1].max())
            if K == 0:
                break
            # Qc[a, k] = overlaps of state a after its first k guessed changes
            before = cnt - guess
            fr, fc = np.nonzero(guess)
            Qc = np.zeros((active.size, K + 1, Qa.shape[1]))
            Qc[fr, cnt[fr, fc]] = (newg[fr, fc] - Sa[fr, fc])[:, None] * XTblk[fc]
            np.cumsum(Qc, axis=1, out=Qc)
            Qc += Qa[:, None, :]
            if undecided:
                hm = kernel.block_fields(Qc, op, before, np.where(Sa == 0, 1.0, Sa))
                hm = model._zero_fields(*hm, Sa, Qc, before, XTblk)
            else:
                hm = kernel.block_fields(Qc, op, before, Sa)
            newc = np.where(todo, model._values(hm, Sa, th, temperature, ua, top), Sa)
            wrong = newc != newg
            has_wrong = wrong.any(axis=1)
            first = np.where(has_wrong, np.argmax(wrong, axis=1), nb)
            # accept the guessed changes before the first disagreement
            take = guess & (pos[None, :] < first[:, None])
            k_acc = np.where(has_wrong, before[ar, np.minimum(first, nb - 1)], cnt[:, -1])
            Q[active] = Qc[ar, k_acc]
            rows, cols = np.nonzero(take)
            S[active[rows], idx[cols]] = newg[rows, cols]
            changed[active] += take.sum(axis=1)
            # the first disagreeing unit takes its corrected (exact) value
            fix = np.nonzero(has_wrong)[0]
            if fix.size:
                j = first[fix]
                val = newc[fix, j]
                moved = val != Sa[fix, j]
                pf, jf = active[fix[moved]], j[moved]
                if pf.size:
                    units = idx[jf]
                    Q[pf] += (val[moved] - S[pf, units])[:, None] * XTblk[jf]
                    S[pf, units] = val[moved]
                    changed[pf] += 1
                offset[active[fix]] = j + 1
            if B == 1:
                # one state: the next window starts right after the decided prefix
                consumed = int(min(first[0] + 1, nb))
                break
            still = has_wrong & (first + 1 < nb)
            active = active[still]
        if B == 1:
            start += consumed
            size = max(8, size // 2) if consumed < nb // 2 else min(block, size * 2)
        else:
            start += nb
            size = max(8, size // 2) if passes > 2 else min(block, size * 2)
    return changed


def _kernel_units(model: KernelModel, S: np.ndarray, Q: np.ndarray, order: np.ndarray,
                  theta: np.ndarray) -> np.ndarray:
    """One deterministic pass, one unit at a time, vectorised over the states of
    S (B, N) and Q (B, P), in place: cheaper than blocks for many states of few units."""
    kernel, XT = model.kernel, model.XT
    top = _top(theta)
    zero = np.zeros((S.shape[0], 1), dtype=np.intp)
    changed = np.zeros(S.shape[0], dtype=np.int64)
    for i in order:
        col = S[:, i:i + 1]
        undecided = col[:, 0] == 0
        Qe = Q + undecided[:, None] * XT[i][None, :] if undecided.any() else Q
        hm = kernel.block_fields(Qe[:, None, :], kernel.prepare(XT[i:i + 1]), zero,
                                 np.where(col == 0, 1.0, col))
        new = model._values(hm, col, theta[i], 0.0, None, top)[:, 0]
        ch = np.flatnonzero(new != col[:, 0])
        if ch.size:
            Q[ch] += (new[ch] - S[ch, i])[:, None] * XT[i][None, :]
            S[ch, i] = new[ch]
            changed[ch] += 1
    return changed


# -- the loops ----------------------------------------------------------------------------
def run_model(model: Any, state: np.ndarray, *, mode: str, steps: int, theta: np.ndarray,
              temperature: float, rng: np.random.Generator, frames_per_sweep: int = 1,
              order: str = "random") -> Trajectory:
    """Run one state under a model and record it (arguments validated by the caller).

    Random draws, per step: async, the sweep's order (:func:`draw_order`) then, at
    T > 0, ``rng.random(N)`` (the k-th for the k-th update); sync at T > 0,
    ``rng.random(N)`` indexed by unit. Stops at a fixed point (T = 0), in sync mode
    also at a 2-cycle; a whole sweep that changes nothing is kept as one frame.
    """
    n = model.n
    S = state.astype(np.float64)[None, :]
    frames = [state.astype(np.int8)]
    sweeps = [0.0]
    visited = [0.0]
    converged, cycle, stopped = False, 0, "step limit"

    if mode == "sync":
        fps, unit = 1, f"one synchronous step (all {n} units at once)"

        def step(cur: np.ndarray) -> np.ndarray:
            u = rng.random(n)[None, :] if temperature > 0 else None
            return model.step(cur, theta, temperature, u)

        nxt = step(S)
        for t in range(1, steps + 1):
            S = nxt
            frames.append(S[0].astype(np.int8))
            sweeps.append(float(t))
            visited.append(1.0)
            if temperature > 0:
                if t < steps:
                    nxt = step(S)
                continue
            nxt = step(S)
            if np.array_equal(nxt, S):
                converged, stopped = True, "fixed point"
                break
            if t >= 2 and np.array_equal(frames[-1], frames[-3]):
                cycle, stopped = 2, "2-cycle"
                break
        order_name = "all at once"
    else:
        ends, fps, unit = frame_ends(n, frames_per_sweep)
        covers = order != "replacement"  # every unit is visited in each sweep
        for t in range(1, steps + 1):
            sweep_order = draw_order(order, n, rng)
            u = rng.random(n)[None, :] if temperature > 0 else None
            seen = visited_fractions(sweep_order, ends, n)
            mark = len(frames)
            flips, begin = 0, 0
            for k, end in enumerate(ends):
                uu = None if u is None else u[:, begin:end]
                flips += int(model.sweep(S, sweep_order[begin:end], theta, temperature, uu)[0])
                frames.append(S[0].astype(np.int8))
                sweeps.append(t - 1 + end / n)
                visited.append(float(seen[k]))
                begin = end
            if temperature > 0:
                continue
            if flips == 0 and covers:
                # Nothing changed in the whole sweep: keep its last frame only.
                del frames[mark:-1], sweeps[mark:-1], visited[mark:-1]
                converged, stopped = True, "fixed point"
                break
            if not model.unstable(S, theta)[0]:
                converged, stopped = True, "fixed point"
                break
        order_name = order

    states = np.stack(frames)
    return Trajectory(
        states=states, energies=model.energies(states, theta), converged=converged,
        cycle=cycle, frames_per_sweep=fps, frame_unit=unit, sweeps=np.asarray(sweeps),
        stopped=stopped, mode=mode, temperature=float(temperature), order=order_name,
        visited=np.asarray(visited),
    )


def sync_batch_loop(step: Callable[[np.ndarray, np.ndarray], np.ndarray], S: np.ndarray,
                    active: np.ndarray, converged: np.ndarray, max_steps: int) -> np.ndarray:
    """Synchronous steps for a batch of states, in place on S (B, N) and converged.

    ``step(A, rows)`` returns the next states of the rows ``A = S[rows]`` still running. A state stops
    at a fixed point (marked in ``converged``) or when it comes back to the state of
    two steps before (a 2-cycle, left unconverged). Returns the rows still running
    after ``max_steps`` steps.
    """
    prev = None
    for _ in range(max_steps):
        if active.size == 0:
            break
        A = S[active]
        new = step(A, active)
        fixed = (new == A).all(axis=1)
        converged[active[fixed]] = True
        cyc = np.zeros_like(fixed)
        if prev is not None:
            cyc = (new == prev).all(axis=1) & ~fixed
        S[active] = new
        keep = ~fixed & ~cyc
        prev = A[keep]
        active = active[keep]
    return active


def recall_model(model: Any, states: np.ndarray, *, mode: str, max_steps: int,
                 theta: np.ndarray, rng: np.random.Generator,
                 order: str = "random") -> tuple[np.ndarray, np.ndarray]:
    """Deterministic (T = 0) recall of a batch of states (B, N) under one model.

    Synchronous: every state steps together until a fixed point or a 2-cycle.
    Asynchronous: before each sweep the states at a fixed point stop (converged);
    the others share the sweep's order (one :func:`draw_order` per sweep, drawn only
    while some state is running, exactly as :func:`run_model` draws them), so each
    state follows the run of :func:`run_model` with the same seed. Returns the final
    states (B, N) int8 (float64 kept for a model of continuous states is not needed
    here) and converged (B,) bool.
    """
    S = states.astype(np.float64)
    B = S.shape[0]
    active = np.arange(B)
    converged = np.zeros(B, dtype=bool)
    if mode == "sync":
        active = sync_batch_loop(lambda A, rows: model.step(A, theta, 0.0, None, rows),
                                 S, active, converged, max_steps)
    else:
        for _ in range(max_steps):
            if active.size == 0:
                break
            A = S[active]
            stable = ~model.unstable(A, theta, active)
            converged[active[stable]] = True
            active = active[~stable]
            if active.size == 0:
                break
            A = S[active]
            model.sweep(A, draw_order(order, model.n, rng), theta, 0.0, None, active)
            S[active] = A
        active = np.flatnonzero(~converged)
    if active.size:
        converged[active[~model.unstable(S[active], theta, active)]] = True
    return S.astype(np.int8), converged


# -- a batch of networks ---------------------------------------------------------------------
class StackedModel:
    """T models evolved together: state b of the batch lives in network ``network[b]``.

    The experiments recall the probes of many trials (one network each) at once: every
    call is split by network and handed to that network's model, with the same sweep
    order for all (one :func:`draw_order` per sweep, as :func:`recall_model` draws it).
    """

    def __init__(self, models: list[Any], network: np.ndarray) -> None:
        self.models = models
        self.network = np.asarray(network)
        self.n = models[0].n

    def _split(self, rows: np.ndarray | None, count: int):
        net = self.network if rows is None else self.network[rows]
        for t in np.unique(net):
            yield t, np.flatnonzero(net == t)

    def unstable(self, S, theta, rows=None):
        out = np.zeros(S.shape[0], dtype=bool)
        for t, m in self._split(rows, S.shape[0]):
            out[m] = self.models[t].unstable(S[m], theta)
        return out

    def step(self, S, theta, temperature, u, rows=None):
        out = np.empty_like(S)
        for t, m in self._split(rows, S.shape[0]):
            out[m] = self.models[t].step(S[m], theta, temperature, None if u is None else u[m])
        return out

    def sweep(self, S, order, theta, temperature, u, rows=None):
        out = np.zeros(S.shape[0], dtype=np.int64)
        for t, m in self._split(rows, S.shape[0]):
            sub = S[m]
            kw = {"batched": True} if isinstance(self.models[t], Couplings) else {}
            out[m] = self.models[t].sweep(sub, order, theta, temperature,
                                          None if u is None else u[m], **kw)
            S[m] = sub
        return out


# -- many dense networks, fields kept up to date ----------------------------------------
#: Largest stack of dense weight matrices :class:`WeightStack` holds (one per network).
STACK_BYTES = 640 * 1024**2
_KEPT_BLOCK = 64
#: Share of changed states from which a block's changes are added to every state's
#: fields (slices of H, in place) rather than to the changed ones (gather and scatter).
_WHOLE_SLICES_FROM = 0.75


class WeightStack:
    """T dense weight matrices recalled together, each state keeping its fields.

    State b lives in network ``network[b]`` (rows sorted by network). Its fields
    H = S W^T are computed once; a sweep then reads a block's fields from H, decides
    the block exactly (guess, correct for the changes before each unit inside the
    block with the block's own couplings, accept the agreeing prefix: the method of
    :func:`_sweep_batch`), and adds the block's changes to the fields of every unit,
    ``H += D W[block]`` -- only for the states that changed. A state that no longer
    changes costs nothing but reading its fields: recall near a memory is nearly free.
    A state is a fixed point when a sweep over every unit changed nothing (the fields
    are checked in full only at the start, at the last sweep and for orders that may
    skip units). ``scales``: each network's term magnitude M for :func:`tie_tolerance`.
    ``dtype`` float32 is for weights whose fields it holds exactly -- integers whose
    sums stay below 2**24, as N times the Hebbian W -- and halves the memory every
    update reads.
    """

    def __init__(self, weights: list[np.ndarray], scales: list[float],
                 network: np.ndarray, dtype: Any = np.float64) -> None:
        self.dtype = np.dtype(dtype)
        self.Wall = np.stack([np.asarray(w, dtype=self.dtype) for w in weights])
        self.W = list(self.Wall)
        self.scales = np.asarray(scales, dtype=np.float64)
        self.network = np.asarray(network)
        self.n = self.W[0].shape[0]

    def for_states(self, network: np.ndarray) -> "WeightStack":
        """The same weights (shared, not copied) for states living in ``network``: one
        stack serves several batches at once, from several threads."""
        other = copy.copy(self)
        other.network = np.asarray(network)
        return other

    def _groups(self, rows: np.ndarray):
        """(network, slice of ``rows``) for the networks present (rows sorted by network)."""
        net = self.network[rows]
        edges = np.searchsorted(net, np.arange(len(self.W) + 1))
        for t in range(len(self.W)):
            if edges[t + 1] > edges[t]:
                yield t, slice(edges[t], edges[t + 1])

    def fields(self, S: np.ndarray, rows: np.ndarray) -> np.ndarray:
        H = np.empty(S.shape, dtype=self.dtype)
        for t, sl in self._groups(rows):
            H[sl] = S[sl] @ self.W[t]  # W symmetric: s W = W s
        return H

    def tolerances(self, rows: np.ndarray, theta: np.ndarray) -> np.ndarray:
        tol = tie_tolerance(self.scales[self.network[rows]], theta)[:, None]
        return tol.astype(self.dtype)

    def recall(self, states: np.ndarray, *, mode: str, max_steps: int, theta: np.ndarray,
               rng: np.random.Generator, order: str = "random") -> tuple[np.ndarray, np.ndarray]:
        """:func:`recall_model`'s protocol and draws, exactly, with kept fields, for
        states of +-1 units (the experiments' memories and probes)."""
        if not np.all(np.abs(states) == 1):
            raise ValueError("a stack recalls states of +1 and -1 units only")
        S = states.astype(self.dtype)
        theta = theta.astype(self.dtype)
        B = S.shape[0]
        every = np.arange(B)
        converged = np.zeros(B, dtype=bool)
        if mode == "sync":
            def step(A, rows):
                return new_values(self.fields(A, rows) - theta, A,
                                  self.tolerances(rows, theta), 0.0, None)
            active = sync_batch_loop(step, S, every, converged, max_steps)
            if active.size:
                H = self.fields(S[active], active) - theta
                ok = ~changes(H, S[active], self.tolerances(active, theta), 0.0, None).any(1)
                converged[active[ok]] = True
            return S.astype(np.int8), converged
        active = every
        A, HA = S, self._kept(S, every)  # the running states, compacted as they stop
        moved = None  # which states the last sweep changed (None: not known)
        for sweep in range(max_steps + 1):
            tol = self.tolerances(active, theta)
            full = moved is None or sweep == max_steps or order == "replacement"
            stable = self._stable(A, HA, active, theta, tol, None if full else moved)
            if stable.any():
                converged[active[stable]] = True
                S[active[stable]] = A[stable]
                keep = ~stable
                active, A, HA, tol = active[keep], A[keep], HA[keep], tol[keep]
            if active.size == 0 or sweep == max_steps:
                break
            if sweep and sweep % 8 == 0:  # fresh fields now and then: no rounding drift
                HA = self._kept(A, active)
            moved = self._sweep(A, HA, active, draw_order(order, self.n, rng), theta, tol)
        S[active] = A
        return S.astype(np.int8), converged

    def _kept(self, S: np.ndarray, rows: np.ndarray) -> np.ndarray:
        """What a state keeps up to date as it changes: its fields."""
        return self.fields(S, rows)

    def _stable(self, A: np.ndarray, K: np.ndarray, rows: np.ndarray, theta: np.ndarray,
                tol: np.ndarray, moved: np.ndarray | None) -> np.ndarray:
        """Which states are fixed points: a state that a full sweep over every unit left
        unchanged (``moved`` False) -- each unit agreed with its field when visited, and
        nothing changed since; with ``moved`` None, read from the fields."""
        if moved is None:
            fields = self._fields_from_kept(A, K, rows)
            return ~changes(fields - theta, A, tol, 0.0, None).any(axis=1)
        return ~moved

    def _fields_from_kept(self, A: np.ndarray, K: np.ndarray, rows: np.ndarray) -> np.ndarray:
        """The fields of the states A from what they keep (here: the fields themselves)."""
        return K

    def _block_data(self, idx: np.ndarray) -> Any:
        """What a block's fields need (gathered once per block)."""
        return None

    def _change_data(self, idx: np.ndarray, data: Any) -> Any:
        """What a block's couplings and changes need, once some state changes in it:
        the block's rows of every W (gathered once, then their columns from the cache:
        picking the (b, b) couplings straight out of W costs a memory miss each)."""
        return np.take(self.Wall, idx, axis=1)

    def _block_fields(self, K: np.ndarray, blk0: np.ndarray, idx: np.ndarray,
                      rows: np.ndarray, data: Any) -> np.ndarray:
        return np.take(K, idx, axis=1)  # (measured 3x faster than K[:, idx])

    def _block_couplings(self, idx: np.ndarray, data: Any) -> np.ndarray:
        """Kt[t][j, k] = W_kj for j < k: the block's couplings to the units before."""
        return np.tril(np.take(data, idx, axis=2), -1).transpose(0, 2, 1)

    def _add_changes(self, H: np.ndarray, rows: np.ndarray, moved: np.ndarray,
                     D: np.ndarray, idx: np.ndarray, data: Any = None) -> None:
        """H[moved] += D W[idx] for each state's network (D: the block's changes of the
        states ``moved``), as dense products: measured, they beat adding one gathered
        row of W per change down to about one change per state and block."""
        for t, target, Dt in _changed_groups(self, H.shape[0], rows, moved, D):
            H[target] += Dt @ data[t]

    def _sweep(self, A: np.ndarray, H: np.ndarray, rows: np.ndarray, order: np.ndarray,
               theta: np.ndarray, tol: np.ndarray) -> np.ndarray:
        """One exact deterministic pass over ``order`` for the states A (in place, with
        what they keep, H); returns which states it changed.

        Every unit is +-1, so an update either keeps a unit or flips it (s -> -s, a
        change of -2 s), and unit i flips exactly when ``(h_i - theta_i) s_i < -tol``.
        A block's fields are read for every state; the block is resolved
        (:meth:`_resolve_flips`) only for the states with a flip in it, so a state that
        has settled costs two comparisons per unit and sweep."""
        prev = previous_visit(order)
        changed = np.zeros(A.shape[0], dtype=bool)
        neg_tol = -tol
        shifted = bool(theta.any())
        start = 0
        while start < order.size:
            stop = _block_end(prev, start, min(start + _KEPT_BLOCK, order.size))
            idx = order[start:stop]
            start = stop
            cur = np.take(A, idx, axis=1)
            data = self._block_data(idx)
            x = self._block_fields(H, cur, idx, rows, data)
            if shifted:
                x -= theta[idx]
            guess = x * cur < neg_tol
            sub = np.flatnonzero(guess.any(axis=1))
            if sub.size == 0:
                continue
            data = self._change_data(idx, data)
            D = self._resolve_flips(x[sub], cur[sub], guess[sub], neg_tol[sub], rows[sub],
                                    self._block_couplings(idx, data))
            changed[sub] = True  # a state's first flip in a block is always taken
            A[np.ix_(sub, idx)] = cur[sub] + D
            self._add_changes(H, rows, sub, D, idx, data)
        return changed

    def _resolve_flips(self, x: np.ndarray, cur: np.ndarray, guess: np.ndarray,
                       neg_tol: np.ndarray, rows: np.ndarray, Kt: np.ndarray) -> np.ndarray:
        """The changes sequential updating makes in one block, for states with a flip in it.

        x: the block's fields at the start of the block; guess: the flips they suggest.
        Each round corrects every unit's field for the guessed flips before it in the
        block (``D Kt``) and accepts each state's units up to the first one whose decision
        changes (that one included: every flip before it was right, so its corrected
        field is exact); the states with units left go round again from their accepted
        flips. Returns D (states, b), -2 s at the flipped units, 0 elsewhere.
        """
        n, b = x.shape
        pos = np.arange(b)
        flip = -2 * cur  # the change a flip makes
        D = np.zeros((n, b), dtype=x.dtype)
        act = np.arange(n)

        def corr(Dc, act):
            out = np.empty(Dc.shape, dtype=Dc.dtype)
            for t, sl in self._groups(rows[act]):
                out[sl] = Dc[sl] @ Kt[t]
            return out

        pending = None
        while True:
            fa = flip[act]
            guessed = fa * guess
            xc = x + corr(guessed, act)
            right = xc * cur[act] < neg_tol[act]
            if pending is not None:
                right &= pending
            dis = right != guess
            more = dis.any(axis=1)
            if not more.any():  # every guess right (the common case near a fixed point)
                D[act] += guessed
                return D
            last = np.where(more, dis.argmax(axis=1), b - 1)
            taken = np.where(right & (pos <= last[:, None]), fa, 0)
            D[act] += taken
            more &= last + 1 < b
            keep = np.flatnonzero(more)
            if keep.size == 0:
                return D
            act, last, taken = act[keep], last[keep], taken[keep]
            x = x[keep] + corr(taken, act)
            pending = pos >= last[:, None] + 1
            guess = (x * cur[act] < neg_tol[act]) & pending
            busy = np.flatnonzero(guess.any(axis=1))
            if busy.size == 0:
                return D
            if busy.size < act.size:
                act, x, guess, pending = act[busy], x[busy], guess[busy], pending[busy]


class FactorStack(WeightStack):
    """T networks of low rank, W_t = U_t V_t^T - diag(d_t), recalled together.

    As :class:`WeightStack`, but a state keeps its overlaps with the factors,
    Q = S V (r per state instead of N fields): a block's fields are
    ``Q U[block]^T - d[block] s[block]`` and its changes cost ``Q += D V[block]``,
    2 r instead of N products per unit -- the cheaper stack while 2 r < N. Ranks are
    padded with zero columns to the largest.
    """

    def __init__(self, factors: list[tuple[np.ndarray, np.ndarray, np.ndarray]],
                 scales: list[float], network: np.ndarray, dtype: Any = np.float64) -> None:
        self.dtype = np.dtype(dtype)
        r = max(1, max(U.shape[1] for U, _V, _d in factors))
        self.n = factors[0][0].shape[0]

        def padded(M: np.ndarray) -> np.ndarray:
            out = np.zeros((self.n, r), dtype=self.dtype)
            out[:, :M.shape[1]] = M
            return out

        self.U = np.stack([padded(U) for U, _V, _d in factors])
        self.V = np.stack([padded(V) for _U, V, _d in factors])
        self.d = np.stack([np.asarray(d, dtype=self.dtype) for _U, _V, d in factors])
        self.W = self.U  # one entry per network, for _groups
        self.scales = np.asarray(scales, dtype=np.float64)
        self.network = np.asarray(network)

    def fields(self, S: np.ndarray, rows: np.ndarray) -> np.ndarray:
        H = np.empty(S.shape, dtype=self.dtype)
        for t, sl in self._groups(rows):
            H[sl] = (S[sl] @ self.V[t]) @ self.U[t].T - S[sl] * self.d[t]
        return H

    def _kept(self, S: np.ndarray, rows: np.ndarray) -> np.ndarray:
        Q = np.empty((S.shape[0], self.U.shape[2]), dtype=self.dtype)
        for t, sl in self._groups(rows):
            Q[sl] = S[sl] @ self.V[t]
        return Q

    def _block_data(self, idx):
        """The block's rows of every network's factors and diagonal."""
        return (np.take(self.U, idx, axis=1), np.take(self.V, idx, axis=1),
                np.take(self.d, idx, axis=1))

    def _block_fields(self, K, blk0, idx, rows, data):
        Ub, _Vb, db = data
        out = np.empty(blk0.shape, dtype=self.dtype)
        for t, sl in self._groups(rows):
            out[sl] = K[sl] @ Ub[t].T - blk0[sl] * db[t]
        return out

    def _fields_from_kept(self, A, K, rows):
        return self.fields(A, rows)

    def _change_data(self, idx, data):
        return data

    def _block_couplings(self, idx, data):
        Ub, Vb, _db = data
        Wb = Ub @ Vb.transpose(0, 2, 1)  # Wb[t][k, j] = W_kj
        return np.tril(Wb, -1).transpose(0, 2, 1)

    def _add_changes(self, H, rows, moved, D, idx, data=None):
        """Q[moved] += D V[idx] for each state's network."""
        Vb = data[1]
        for t, target, Dt in _changed_groups(self, H.shape[0], rows, moved, D):
            H[target] += Dt @ Vb[t]


def _changed_groups(stack: WeightStack, n_states: int, rows: np.ndarray, moved: np.ndarray,
                    D: np.ndarray):
    """(network, rows of the kept array to add to, their changes) for the changes D of
    the states ``moved`` (sorted): whole slices, in place, when most states changed
    (``_WHOLE_SLICES_FROM``), else only the changed rows (a gather and a scatter)."""
    if moved.size >= _WHOLE_SLICES_FROM * n_states:
        if moved.size < n_states:
            full = np.zeros((n_states, D.shape[1]), dtype=D.dtype)
            full[moved] = D
            D = full
        for t, sl in stack._groups(rows):
            yield t, sl, D[sl]
        return
    for t, sl in stack._groups(rows[moved]):
        yield t, moved[sl], D[sl]
