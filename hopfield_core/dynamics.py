"""Dynamics: run a Hopfield network from a probe and record its trajectory.

The public entry points. They validate their arguments and hand the network's model
to the engine (:mod:`hopfield_core.engine`), which owns every update rule, order and
loop: synchronous steps update every unit at once; asynchronous steps are sweeps
over the units in the chosen order, each unit seeing the current state of the
others, with exact sequential semantics while numpy works on blocks of units.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from . import _validation as _v
from .engine import MAX_RECORD_BYTES, Couplings, recall_model, run_model
from .network import Network
from .trajectory import Trajectory

__all__ = ["Trajectory", "run", "recall_batch"]


def _as_network_or_couplings(net: Any) -> tuple[Network | None, Couplings | None, int]:
    if isinstance(net, Network):
        return net, None, net.n_units
    W = _v.as_weights(net, "net")
    return None, Couplings(W=W), W.shape[0]


def run(
    net: Network | np.ndarray,
    state: Any,
    mode: str = "async",
    steps: int = 100,
    theta: Any = 0.0,
    temperature: float = 0.0,
    rng: Any = None,
    frames_per_sweep: int = 1,
    order: str = "random",
) -> Trajectory:
    """Run the network from ``state`` and record the trajectory.

    Parameters
    ----------
    net : Network or ndarray of shape (N, N)
        A stored network, or a dense weight matrix W.
    state : array_like of shape (N,)
        The initial state, values in {-1, +1}, or 0 for an *undecided* unit (e.g. the
        average of two patterns, :func:`hopfield_core.halfway` with ``undecided="zero"``).
        A 0 unit counts as 0 in the energy and the overlaps and becomes +1 or -1 when
        it is updated. Never modified.
    mode : {"sync", "async"}, optional
        "sync": every unit at once; "async": one step is a sweep of N unit updates in
        the chosen ``order``, each update seeing the current state of the others.
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
    order : {"random", "sequential", "replacement"}, optional
        Asynchronous update order of each sweep: "random" (default), a fresh random
        permutation of the N units; "sequential", units 0, 1, ..., N-1 (the blog
        post's single sweep); "replacement", N units drawn at random with replacement
        (the Storkey notebook's loop: a sweep leaves about (1 - 1/N)^N ~ 37 % of the
        units unvisited, see ``Trajectory.visited``). Ignored in sync mode.

    Returns
    -------
    Trajectory

    Raises
    ------
    ValueError
        For an unknown mode or order, a state of the wrong length or with values other
        than -1, 0, +1, a theta of
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
    :math:`\\max_i \\sum_j |W_{ij}|`; see ``hopfield_core.engine.tie_tolerance``).
    An undecided unit (0) on a tie becomes -1, as ``1 if net_input > theta else -1``
    in the Storkey notebook: a state with a 0 unit is never a fixed point.
    At temperature T > 0 (Glauber),

    .. math:: P(s_i = +1) = \\frac{1}{1 + e^{-2 (h_i - \\theta_i) / T}}.

    At T = 0 the run stops after the first step that ends at a fixed point (no unit
    would change; ``converged``), in sync mode also when a step returns to the state
    of two steps before (``cycle == 2``). At least one step is always taken, so a run
    started at a fixed point has two equal frames (a whole sweep that changes nothing
    is recorded as one frame, whatever ``frames_per_sweep``). At T > 0 the run always
    takes ``steps`` steps. With the order "replacement" a sweep that changes nothing
    is not proof of a fixed point (some units were not visited): every unit is then
    checked. The energy is :math:`E = -\\frac12 s^T W s + \\theta \\cdot s`.

    Random draws, in order, per step: async, the sweep's order (``rng.permutation(N)``
    for "random", ``rng.integers(0, N, N)`` for "replacement", none for
    "sequential") then (T > 0)
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
    s0 = _v.as_state(state, n, zero=True)
    order = _v.as_order(order)
    mode = _v.as_mode(mode)
    steps = _v.as_positive_int(steps, "steps")
    th = _v.as_theta(theta, n)
    temperature = _v.as_temperature(temperature)
    fps = _v.as_positive_int(frames_per_sweep, "frames_per_sweep")
    per_step = min(fps, n) if mode == "async" else 1
    frames = steps * per_step + 1
    if frames * n > MAX_RECORD_BYTES:
        raise ValueError(
            f"a run of {steps} steps with {per_step} frame(s) per step "
            f"could record {frames} frames of {n} units ({frames * n / 1024**3:.1f} GiB); "
            f"the limit is {MAX_RECORD_BYTES / 1024**3:.0f} GiB. Lower steps or "
            f"frames_per_sweep."
        )
    gen = np.random.default_rng(rng)
    kwargs = dict(
        mode=mode, steps=steps, theta=th, temperature=temperature, rng=gen,
        frames_per_sweep=fps, order=order,
    )
    if network is not None:
        return network.run_validated(s0, **kwargs)
    return run_model(couplings, s0, **kwargs)


def recall_batch(
    net: Network | np.ndarray,
    states: Any,
    mode: str = "async",
    max_steps: int = 50,
    theta: Any = 0.0,
    rng: Any = None,
    order: str = "random",
) -> tuple[np.ndarray, np.ndarray]:
    """Recall many probes at once (deterministic updates), for experiments.

    Parameters
    ----------
    net : Network or ndarray of shape (N, N)
    states : array_like of shape (B, N) or (N,)
        Probes, values in {-1, +1}, or 0 for an undecided unit (see :func:`run`).
        Never modified.
    mode : {"sync", "async"}, optional
    max_steps : int, optional
        Steps (sweeps) after which a probe that is not at a fixed point is given up.
    theta : float or array_like of shape (N,), optional
    rng : {None, int, numpy.random.Generator}, optional
        Source of the random orders (one order per sweep, shared by the probes).
    order : {"random", "sequential", "replacement"}, optional
        Asynchronous update order, as in :func:`run`.

    Returns
    -------
    final_states : ndarray of shape (B, N), np.int8
    converged : ndarray of shape (B,), bool
        True where the probe ended at a fixed point (a 2-cycle is not converged).

    Notes
    -----
    Each probe follows the same update rule as :func:`run` at temperature 0. The k-th
    sweep of every probe uses the k-th order drawn from ``rng`` (one order per sweep,
    shared by the probes, drawn only while some probe is running), exactly as
    :func:`run` draws them, so ``recall_batch(net, probes, rng=seed, order=o)[0][b]``
    equals ``run(net, probes[b], steps=max_steps, rng=seed, order=o).final`` for every
    probe b.
    """
    network, couplings, n = _as_network_or_couplings(net)
    S, single = _v.as_states(states, n, zero=True)
    order = _v.as_order(order)
    mode = _v.as_mode(mode)
    max_steps = _v.as_positive_int(max_steps, "max_steps")
    th = _v.as_theta(theta, n)
    gen = np.random.default_rng(rng)
    if network is not None:
        final, conv = network.recall_validated(S, mode=mode, max_steps=max_steps, theta=th,
                                               rng=gen, order=order)
    else:
        final, conv = recall_model(couplings, S, mode=mode, max_steps=max_steps, theta=th,
                                   rng=gen, order=order)
    return final, conv
