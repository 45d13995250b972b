"""Dynamics: run a Hopfield network from a probe and record its trajectory.

Synchronous steps update every unit at once; asynchronous steps are sweeps over
all N units in a fresh random order, each unit seeing the current state of the
others. The engine keeps the exact sequential semantics of asynchronous updates
while numpy works on blocks of units (see :func:`_async_sweep`), and it never
builds the dense (N, N) matrix for networks stored as factors.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from . import _validation as _v
from .learning import Network, _Couplings

__all__ = ["Trajectory", "run", "recall_batch"]

#: Largest block of units whose fields are computed at once in an asynchronous sweep.
_BLOCK = 512
_MIN_BLOCK = 16
#: Block of units per step of the batched asynchronous sweep (recall_batch), and the
#: largest network it is used for (beyond, probes are swept one by one; measured with
#: bench-style runs: the batched sweep wins below ~500 units, the single one above).
_BATCH_BLOCK = 128
_BATCH_MAX_UNITS = 512


def _no_frame(end: int) -> None:
    """Frame callback of sweeps that record nothing."""

#: Largest recording run() accepts: (steps * frames per step + 1) * N int8 values.
_MAX_RECORD_BYTES = 2 * 1024**3


@dataclass(eq=False)
class Trajectory:
    """The recorded run of a network: one row per frame.

    Attributes
    ----------
    states : ndarray of shape (T+1, N)
        ``states[0]`` is the initial state; np.int8 in {-1, +1} (float64 for the
        continuous "modern" rule).
    energies : ndarray of shape (T+1,), float64
        :math:`E = -\\frac12 s^T W s + \\theta \\cdot s` at each frame (each rule's
        own energy for the dense rules).
    converged : bool
        True when the run ended at a fixed point (no unit would change). Never True
        at temperature > 0, nor for a 2-cycle.
    cycle : int
        2 when a synchronous run was caught in a 2-cycle, else 0.
    frames_per_sweep : int
        Frames recorded per step (sweep); 1 unless finer frames were asked for.
    frame_unit : str
        What one frame is, in words, e.g. "one sweep (4096 unit updates)".
    sweeps : ndarray of shape (T+1,), float64
        The number of sweeps (steps) done at each frame; fractional for finer frames.
    stopped : str
        Why the run ended: "fixed point", "2-cycle" or "step limit".
    mode : str
        "sync" or "async".
    temperature : float
        0 for deterministic updates.
    """

    states: np.ndarray
    energies: np.ndarray
    converged: bool
    cycle: int = 0
    frames_per_sweep: int = 1
    frame_unit: str = "one step"
    sweeps: np.ndarray | None = None
    stopped: str = "step limit"
    mode: str = "async"
    temperature: float = 0.0
    _changed: np.ndarray | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.energies = np.asarray(self.energies, dtype=np.float64)
        if self.sweeps is None:
            self.sweeps = np.arange(len(self.states), dtype=np.float64) / self.frames_per_sweep
        else:
            self.sweeps = np.asarray(self.sweeps, dtype=np.float64)

    @property
    def n_frames(self) -> int:
        """T + 1, the number of recorded states."""
        return int(self.states.shape[0])

    @property
    def n_sweeps(self) -> float:
        """Sweeps (steps) done by the end of the run."""
        return float(self.sweeps[-1])

    @property
    def final(self) -> np.ndarray:
        """The last state, shape (N,)."""
        return self.states[-1]

    @property
    def changed(self) -> np.ndarray:
        """Shape (T, N) bool: units whose value differs between frames t and t+1."""
        if self._changed is None:
            self._changed = self.states[1:] != self.states[:-1]
        return self._changed

    def overlaps(self, patterns: Any) -> np.ndarray:
        """Overlap of every frame with every pattern, shape (T+1, P).

        .. math:: m_\\mu(t) = \\frac1N \\xi^\\mu \\cdot s(t)

        Parameters
        ----------
        patterns : array_like of shape (P, N) or (N,)
        """
        n = self.states.shape[1]
        X = np.asarray(patterns, dtype=np.float64)
        if X.ndim == 1:
            X = X[None, :]
        if X.ndim != 2 or X.shape[1] != n:
            raise ValueError(
                f"patterns must have shape (P, {n}) to match the trajectory's {n} units; "
                f"found shape {np.shape(patterns)}."
            )
        return (self.states.astype(np.float64) @ X.T) / n


# -- decisions ---------------------------------------------------------------------
def _glauber_probability(x: np.ndarray, temperature: float) -> np.ndarray:
    """P(s = +1) = 1 / (1 + exp(-2 x / T)) = (1 + tanh(x / T)) / 2, x = h - theta."""
    return 0.5 * (1.0 + np.tanh(x / temperature))


def _decide(x, current, tol, temperature, u):
    """New unit values from x = h - theta: sign(x), ties (|x| <= tol) keep ``current``;
    at temperature > 0, +1 with the Glauber probability (u uniform in [0, 1))."""
    if temperature > 0:
        return np.where(u < _glauber_probability(x, temperature), 1.0, -1.0)
    return np.where(x > tol, 1.0, np.where(x < -tol, -1.0, current))


def _flips(x, current, tol, temperature, u):
    """Boolean mask of the units whose update changes them (``_decide(...) != current``).

    At temperature 0, with ``current`` in {-1, +1}, a unit changes exactly when its
    x = h - theta points the other way beyond a tie: ``x * current < -tol``.
    """
    if temperature > 0:
        return (u < _glauber_probability(x, temperature)) != (current > 0)
    return x * current < -tol


# -- the asynchronous sweep -------------------------------------------------------
def _async_sweep(C, s, q, order, theta, tol, temperature, u, ends, on_frame) -> int:
    """One asynchronous sweep in the given order, exact, in blocks. Returns the flip count.

    Exactness: the fields of a block of units are computed at once from the state at
    the start of the block. The units whose decision differs from their value are the
    *guessed* flips. Each field is then corrected for the guessed flips that come
    before it in the block: with a dense W, a block-by-guessed-units product of
    couplings; with factors, U_k . c_k where c_k is the running sum of V_j (delta s_j)
    over the guessed units j before k (a prefix sum, O(b R) per block). Up to the
    first position where the corrected decision disagrees with the guess, the guessed
    flips are exactly the flips sequential updating makes, so those corrected fields
    are exact; the decision at that first disagreement is exact too (all earlier
    flips are known). That prefix is accepted, the state and q = V^T s updated, and
    the block resumes after it.
    """
    flips = 0
    pos = 0
    block = _BLOCK
    for end in ends:
        while pos < end:
            stop = min(pos + block, end)
            idx = order[pos:stop]
            cur = s[idx]
            if C.dense:
                x = C.W[idx] @ s - theta[idx]
            else:
                Ub = C.U[idx]
                x = Ub @ q - C.d[idx] * cur - theta[idx]
            uu = None if u is None else u[pos:stop]
            guessed = _flips(x, cur, tol, temperature, uu)
            guess = np.flatnonzero(guessed)
            b = stop - pos
            if guess.size == 0:
                pos = stop
                block = min(_BLOCK, block * 2)
                continue
            delta = -2.0 * cur[guess]
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
            flipc = _flips(xc, cur, tol, temperature, uu)
            disagree = np.flatnonzero(flipc != guessed)
            accept = b if disagree.size == 0 else int(disagree[0]) + 1
            done = np.flatnonzero(flipc[:accept])
            if done.size:
                units = idx[done]
                dl = -2.0 * s[units]
                C.bump(q, units, dl)
                s[units] = -s[units]
                flips += done.size
            pos += accept
            if accept < b // 2:
                block = max(_MIN_BLOCK, block // 2)
            else:
                block = min(_BLOCK, block * 2)
        on_frame(end)
    return flips


# -- the engine ---------------------------------------------------------------------
def _frame_ends(n: int, frames_per_sweep: int) -> tuple[np.ndarray, int]:
    chunk = -(-n // min(frames_per_sweep, n))
    ends = np.arange(chunk, n + chunk, chunk)
    ends[-1] = n
    ends = np.unique(np.minimum(ends, n))
    return ends, chunk


def _async_frames(n: int, frames_per_sweep: int) -> tuple[np.ndarray, int, str]:
    """Where the frames of an asynchronous sweep end, how many there are, and what a
    frame is in words (shared by every engine, so the player always says the same)."""
    ends, chunk = _frame_ends(n, frames_per_sweep)
    fps = int(ends.size)
    unit = f"one sweep ({n} unit updates)" if fps == 1 else f"1/{fps} sweep ({chunk} unit updates)"
    return ends, fps, unit


def _energies(C: _Couplings, S: np.ndarray, theta: np.ndarray) -> np.ndarray:
    """E = -1/2 s^T W s + theta . s for every row of S (int8), in float64 chunks."""
    out = np.empty(S.shape[0])
    step = max(1, (1 << 22) // max(1, C.n))
    for a in range(0, S.shape[0], step):
        block = S[a : a + step].astype(np.float64)
        out[a : a + step] = -0.5 * C.quadratic(block) + block @ theta
    return out


def _run_couplings(
    C: _Couplings,
    state: np.ndarray,
    *,
    mode: str,
    steps: int,
    theta: np.ndarray,
    temperature: float,
    rng: np.random.Generator,
    frames_per_sweep: int = 1,
) -> Trajectory:
    """The classic engine behind :func:`run` (arguments already validated)."""
    n = C.n
    tol = C.tie_tolerance(theta)
    s = state.astype(np.float64)
    frames = [state.astype(np.int8)]
    sweeps = [0.0]
    converged = False
    cycle = 0
    stopped = "step limit"

    if mode == "sync":
        fps, unit = 1, f"one synchronous step (all {n} units at once)"

        def step(cur):
            x = C.fields(cur[None, :])[0] - theta
            u = rng.random(n) if temperature > 0 else None
            return _decide(x, cur, tol, temperature, u)

        nxt = step(s)
        for t in range(1, steps + 1):
            s = nxt
            frames.append(s.astype(np.int8))
            sweeps.append(float(t))
            if temperature > 0:
                if t < steps:
                    nxt = step(s)
                continue
            nxt = step(s)
            if np.array_equal(nxt, s):
                converged, stopped = True, "fixed point"
                break
            if t >= 2 and np.array_equal(frames[-1], frames[-3]):
                cycle, stopped = 2, "2-cycle"
                break
    else:
        ends, fps, unit = _async_frames(n, frames_per_sweep)
        for t in range(1, steps + 1):
            order = rng.permutation(n)
            u = rng.random(n) if temperature > 0 else None
            q = C.aux(s)  # recomputed every sweep so rounding never accumulates
            mark = len(frames)

            def on_frame(end, t=t):
                frames.append(s.astype(np.int8))
                sweeps.append(t - 1 + end / n)

            flips = _async_sweep(C, s, q, order, theta, tol, temperature, u, ends, on_frame)
            if temperature > 0:
                continue
            if flips == 0:
                # Nothing changed in the whole sweep: keep its last frame only.
                del frames[mark:-1]
                del sweeps[mark:-1]
                converged, stopped = True, "fixed point"
                break
            x = C.fields(s[None, :])[0] - theta
            if not _flips(x, s, tol, 0.0, None).any():
                converged, stopped = True, "fixed point"
                break

    S = np.stack(frames)
    energies = _energies(C, S, theta)
    return Trajectory(
        states=S,
        energies=energies,
        converged=converged,
        cycle=cycle,
        frames_per_sweep=fps,
        frame_unit=unit,
        sweeps=np.asarray(sweeps),
        stopped=stopped,
        mode=mode,
        temperature=float(temperature),
    )


def _recall_batch_couplings(C, states, *, mode, max_steps, theta, rng):
    """Deterministic (T = 0) recall of many probes at once (arguments validated).

    Synchronous: every probe steps together. Asynchronous: each sweep draws one random
    order shared by all the probes still running, and units are updated in that order
    for all of them at once (each probe follows exact asynchronous dynamics).
    """
    n = C.n
    tol = C.tie_tolerance(theta)
    S = states.astype(np.float64)
    B = S.shape[0]
    active = np.arange(B)
    converged = np.zeros(B, dtype=bool)
    if mode == "sync":
        active = _sync_batch_loop(
            lambda A: _decide(C.fields(A) - theta, A, tol, 0.0, None),
            S, active, converged, max_steps)
    else:
        _async_batch(C, S, active, converged, max_steps, theta, tol, rng)
        active = np.flatnonzero(~converged)
    if active.size:
        A = S[active]
        X = C.fields(A) - theta
        stable = ~_flips(X, A, tol, 0.0, None).any(axis=1)
        converged[active[stable]] = True
    return S.astype(np.int8), converged


def _sync_batch_loop(step, S, active, converged, max_steps):
    """Synchronous steps for a batch of probes, in place on S (B, N) and converged.

    ``step(A)`` returns the next states of the rows ``A`` of the probes still
    running. A probe stops at a fixed point (marked in ``converged``) or when it
    comes back to the state of two steps before (a 2-cycle, left unconverged).
    Returns the indices of the probes still running after ``max_steps`` steps.
    """
    prev = None
    for _ in range(max_steps):
        if active.size == 0:
            break
        A = S[active]
        new = step(A)
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


def _async_batch(C, S, active, converged, max_steps, theta, tol, rng):
    """Asynchronous sweeps for a batch of probes, in place on S (B, N) float64."""
    n = C.n

    for _ in range(max_steps):
        if active.size == 0:
            break
        A = S[active]
        X = C.fields(A) - theta
        stable = ~_flips(X, A, tol, 0.0, None).any(axis=1)
        converged[active[stable]] = True
        active = active[~stable]
        if active.size == 0:
            break
        A = S[active]
        order = rng.permutation(n)
        if n > _BATCH_MAX_UNITS:
            # Large networks: the single-state sweep (adaptive blocks) probe by probe
            # is faster than the batched one, and follows the same order.
            ends = np.array([n])
            for row in A:
                _async_sweep(C, row, C.aux(row), order, theta, tol, 0.0, None, ends,
                             _no_frame)
        else:
            _async_batch_sweep(C, A, order, theta, tol)
        S[active] = A


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


def _async_batch_sweep(C, A, order, theta, tol) -> None:
    """One exact asynchronous sweep, in the given order, for every row of A (in place).

    The block method of :func:`_async_sweep`, for many probes at once. Per block of b
    units: the fields of the block for all probes at the start of the block come from
    one product, H0 (B, b). Inside the block only the block's own couplings matter:
    with D the changes of the block's units so far (accepted flips, plus the guessed
    ones), the field of unit k is H0_k + sum_{j < k} W_kj D_j. Each probe accepts its
    prefix up to its first disagreement between guess and corrected decision, and the
    probes with units left in the block go round again. The state (and q = V^T s) is
    written back once per block. The in-block sums use prefix sums of the factors when
    the rank is small, else the (b, b) block of W.
    """
    n = C.n
    B = A.shape[0]
    block = _BATCH_BLOCK
    Q = None if C.dense else A @ C.V
    pos = np.arange(block)
    use_prefix = not C.dense and 2 * C.U.shape[1] <= block
    for start in range(0, n, block):
        idx = order[start : start + block]
        b = idx.size
        p = pos[:b]
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
            guess = _flips(H, cur, tol, 0.0, None) & pending
            if not guess.any():
                break
            Hc = H + corr(np.where(guess, -2.0 * cur, 0.0))
            flipc = _flips(Hc, cur, tol, 0.0, None) & pending
            dis = flipc != guess
            more = dis.any(axis=1)
            last = np.where(more, dis.argmax(axis=1), b - 1)
            done[rows] = acc + np.where(flipc & (p[None, :] <= last[:, None]), -2.0 * cur, 0.0)
            more &= last + 1 < b
            ptr[rows] = last + 1
            rows = rows[more]
        A[:, idx] = blk0 + done
        if Q is not None:
            Q += done @ C.V[idx]


# -- public entry points -------------------------------------------------------------
def _as_network_or_couplings(net: Any) -> tuple[Network | None, _Couplings | None, int]:
    if isinstance(net, Network):
        return net, None, net.n_units
    W = _v.as_weights(net, "net")
    return None, _Couplings(W=W), W.shape[0]


def run(
    net: Network | np.ndarray,
    state: Any,
    mode: str = "async",
    steps: int = 100,
    theta: Any = 0.0,
    temperature: float = 0.0,
    rng: Any = None,
    frames_per_sweep: int = 1,
) -> Trajectory:
    """Run the network from ``state`` and record the trajectory.

    Parameters
    ----------
    net : Network or ndarray of shape (N, N)
        A stored network, or a dense weight matrix W.
    state : array_like of shape (N,)
        The initial state, values in {-1, +1}. Never modified.
    mode : {"sync", "async"}, optional
        "sync": every unit at once; "async": one step is a sweep over all N units in a
        fresh random order, each update seeing the current state of the others.
    steps : int, optional
        Maximum number of steps (sweeps), >= 1.
    theta : float or array_like of shape (N,), optional
        Threshold of every unit, or one per unit.
    temperature : float, optional
        0 (default) for deterministic updates; > 0 for stochastic (Glauber) updates.
    rng : {None, int, numpy.random.Generator}, optional
        Source of the random order and of the Glauber draws.
    frames_per_sweep : int, optional
        Asynchronous mode: record k frames per sweep, one every ceil(N / k) unit
        updates (the Trajectory says what one frame is). Ignored in sync mode.

    Returns
    -------
    Trajectory

    Raises
    ------
    ValueError
        For an unknown mode, a state of the wrong length or not bipolar, a theta of
        the wrong length or not finite, a negative temperature, steps < 1,
        frames_per_sweep < 1, or a weight matrix that is not square and finite.

    Notes
    -----
    With local field :math:`h_i = \\sum_j W_{ij} s_j`, a deterministic update is

    .. math:: s_i \\leftarrow \\operatorname{sign}(h_i - \\theta_i),

    where a unit whose field equals :math:`\\theta_i` keeps its value (equality up to
    rounding: :math:`|h_i - \\theta_i| \\le 2^{-40}(M + \\max|\\theta|)`, M the magnitude
    of the terms summed into a field as the stored patterns make them -- for the classic
    rules :math:`\\max_i \\sum_r |U_{ir}| \\sum_j |V_{jr}| + |d_i|`, for a bare matrix
    :math:`\\max_i \\sum_j |W_{ij}|`; see ``hopfield_core.learning.tie_tolerance``).
    At temperature T > 0 (Glauber),

    .. math:: P(s_i = +1) = \\frac{1}{1 + e^{-2 (h_i - \\theta_i) / T}}.

    At T = 0 the run stops after the first step that ends at a fixed point (no unit
    would change; ``converged``), in sync mode also when a step returns to the state
    of two steps before (``cycle == 2``). At least one step is always taken, so a run
    started at a fixed point has two equal frames (a whole sweep that changes nothing
    is recorded as one frame, whatever ``frames_per_sweep``). At T > 0 the run always
    takes ``steps`` steps. The energy is :math:`E = -\\frac12 s^T W s + \\theta \\cdot s`.

    Random draws, in order, per step: async, ``rng.permutation(N)`` then (T > 0)
    ``rng.random(N)`` (the i-th draw for the i-th unit of the order); sync at T > 0,
    ``rng.random(N)`` indexed by unit. The same seed gives the same trajectory, bit for
    bit.

    References
    ----------
    J. J. Hopfield, PNAS 79:2554 (1982); R. J. Glauber, J. Math. Phys. 4:294 (1963);
    E. Goles, F. Fogelman-Soulie, D. Pellegrin, Discrete Appl. Math. 12:261 (1985).

    Examples
    --------
    >>> import numpy as np, hopfield_core as hc
    >>> net = hc.store(np.array([[1, -1, 1, -1, 1, -1], [-1, 1, -1, 1, -1, 1]]))
    >>> traj = hc.run(net, [1, 1, 1, 1, -1, 1], mode="sync")
    >>> traj.states[1].tolist()
    [-1, 1, -1, 1, -1, 1]
    """
    network, couplings, n = _as_network_or_couplings(net)
    s0 = _v.as_state(state, n)
    mode = _v.as_mode(mode)
    steps = _v.as_positive_int(steps, "steps")
    th = _v.as_theta(theta, n)
    temperature = _v.as_temperature(temperature)
    fps = _v.as_positive_int(frames_per_sweep, "frames_per_sweep")
    per_step = min(fps, n) if mode == "async" else 1
    frames = steps * per_step + 1
    if frames * n > _MAX_RECORD_BYTES:
        raise ValueError(
            f"a run of {steps} steps with {per_step} frame(s) per step "
            f"could record {frames} frames of {n} units ({frames * n / 1024**3:.1f} GiB); "
            f"the limit is {_MAX_RECORD_BYTES / 1024**3:.0f} GiB. Lower steps or "
            f"frames_per_sweep."
        )
    gen = np.random.default_rng(rng)
    kwargs = dict(
        mode=mode, steps=steps, theta=th, temperature=temperature, rng=gen,
        frames_per_sweep=fps,
    )
    if network is not None:
        return network._run(s0, **kwargs)
    return _run_couplings(couplings, s0, **kwargs)


def recall_batch(
    net: Network | np.ndarray,
    states: Any,
    mode: str = "async",
    max_steps: int = 50,
    theta: Any = 0.0,
    rng: Any = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Recall many probes at once (deterministic updates), for experiments.

    Parameters
    ----------
    net : Network or ndarray of shape (N, N)
    states : array_like of shape (B, N) or (N,)
        Bipolar probes. Never modified.
    mode : {"sync", "async"}, optional
    max_steps : int, optional
        Steps (sweeps) after which a probe that is not at a fixed point is given up.
    theta : float or array_like of shape (N,), optional
    rng : {None, int, numpy.random.Generator}, optional
        Source of the random orders (one order per sweep, shared by the probes).

    Returns
    -------
    final_states : ndarray of shape (B, N), np.int8
    converged : ndarray of shape (B,), bool
        True where the probe ended at a fixed point (a 2-cycle is not converged).

    Notes
    -----
    Each probe follows the same update rule as :func:`run` at temperature 0. The k-th
    sweep of every probe uses the k-th order drawn from ``rng`` (one
    ``rng.permutation(N)`` per sweep, shared by the probes), exactly as :func:`run`
    draws them, so ``recall_batch(net, probes, rng=seed)[0][b]`` equals
    ``run(net, probes[b], steps=max_steps, rng=seed).final`` for every probe b.
    """
    network, couplings, n = _as_network_or_couplings(net)
    S, single = _v.as_states(states, n)
    mode = _v.as_mode(mode)
    max_steps = _v.as_positive_int(max_steps, "max_steps")
    th = _v.as_theta(theta, n)
    gen = np.random.default_rng(rng)
    if network is not None:
        final, conv = network._recall_batch(S, mode=mode, max_steps=max_steps, theta=th, rng=gen)
    else:
        final, conv = _recall_batch_couplings(
            couplings, S, mode=mode, max_steps=max_steps, theta=th, rng=gen
        )
    return final, conv
