"""The energy (Lyapunov function) of a Hopfield network state."""

from __future__ import annotations

from typing import Any

import numpy as np

from . import _validation as _v
from .learning import Network

__all__ = ["energy"]


def energy(net: Network | np.ndarray, state: Any, theta: Any = 0.0) -> float | np.ndarray:
    """Energy of a state of a network (a float), or of each state of a batch.

    .. math:: E(s) = -\\tfrac12 s^T W s + \\theta \\cdot s

    Parameters
    ----------
    net : Network or ndarray of shape (N, N)
        A stored network (each rule computes its own energy; dense and modern rules
        use theirs, see ``hopfield_core.dense``) or a dense weight matrix W.
    state : array_like of shape (N,) or (B, N)
        Usually bipolar; any finite values are accepted.
    theta : float or array_like of shape (N,), optional
        Threshold, a scalar or one per unit.

    Returns
    -------
    float, or ndarray of shape (B,) float64 for a batch.

    Raises
    ------
    ValueError
        For a state or theta whose length does not match the network, non-finite
        values, or a W that is not square.

    Notes
    -----
    where W is the weight matrix, s the state and :math:`\\theta` the threshold. With
    symmetric W and a non-negative diagonal, asynchronous updates never increase E
    (Hopfield 1982), so a run slides downhill into a local minimum.

    References
    ----------
    J. J. Hopfield, PNAS 79:2554 (1982).
    """
    if isinstance(net, Network):
        return net.energy(state, theta)
    W = _v.as_weights(net, "net")
    n = W.shape[0]
    S, single = _v.as_real_states(state, n, "state")
    th = _v.as_theta(theta, n)
    E = -0.5 * np.einsum("bi,bi->b", S @ W.T, S) + S @ th
    return float(E[0]) if single else E
