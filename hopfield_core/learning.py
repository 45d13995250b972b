"""Learning rules: store patterns in a Hopfield network and get its weights.

:func:`store` is the one entry point for every rule: the classic rules build the
factors of W (:mod:`hopfield_core.factors`) into a :class:`Network`
(:mod:`hopfield_core.network`); the dense / exponential / modern associative
memories are built by :mod:`hopfield_core.dense` and subclass it.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from . import _validation as _v
from .dense import DENSE_RULES, store_dense
from .factors import BUILDERS
from .network import Network, check_dense_size

__all__ = ["RULES", "CLASSIC_RULES", "Network", "store", "train"]

CLASSIC_RULES: tuple[str, ...] = ("hebbian", "storkey", "pseudoinverse")
"""Rules with a weight matrix W (factors ``W = U V^T - diag(d)``)."""

RULES: tuple[str, ...] = CLASSIC_RULES + DENSE_RULES
"""Every rule name :func:`store` accepts."""


def store(patterns: Any, rule: str = "hebbian", **params: Any) -> Network:
    """Store patterns in a Hopfield network with the given learning rule.

    Parameters
    ----------
    patterns : array_like of shape (P, N)
        One bipolar pattern per row (values in {-1, +1}); images flattened row-major.
        A 1-D array is taken as a single pattern.
    rule : {"hebbian", "storkey", "pseudoinverse", "dense", "exponential", "modern"}
        The learning rule (case-insensitive). The last three are the dense and modern
        associative memories of ``hopfield_core.dense``.
    **params
        Rule parameters: ``degree`` for "dense" (default 3), ``beta`` for "modern"
        (default 8.0). The classic rules take none.

    Returns
    -------
    Network
        The trained network (for the classic rules its weights are held as factors).

    Raises
    ------
    ValueError
        For an unknown rule, unknown parameters, or patterns that are empty, ragged,
        not 2-D, or not bipolar.

    Notes
    -----
    With :math:`\\xi^\\mu` the P patterns of N units and X the (P, N) matrix of them:

    * Hebbian: :math:`W = \\frac1N \\sum_\\mu \\xi^\\mu (\\xi^\\mu)^T`, diagonal set to 0.
    * Storkey: patterns learned one after another,
      :math:`W_{ij} \\mathrel{+}= \\frac1N (\\xi_i \\xi_j - \\xi_i h_{ji} - h_{ij} \\xi_j)`
      with :math:`h_{ij} = \\sum_{k \\ne i, j} W_{ik} \\xi_k`; diagonal 0.
    * Pseudo-inverse (projection): :math:`W = X^T (X X^T)^+ X`, diagonal set to 0.

    In every case the network keeps :math:`W = U V^T - \\operatorname{diag}(d)`
    with U, V of shape (N, R), R <= 2P.

    References
    ----------
    J. J. Hopfield, PNAS 79:2554 (1982). A. Storkey, ICANN'97, LNCS 1327:451 (1997).
    L. Personnaz, I. Guyon, G. Dreyfus, J. Phys. Lett. 46:L359 (1985);
    I. Kanter, H. Sompolinsky, PRA 35:380 (1987).

    Examples
    --------
    >>> import numpy as np, hopfield_core as hc
    >>> net = hc.store(np.array([[1, -1, 1, -1, 1, -1]]), rule="hebbian")
    >>> net.n_units, net.n_patterns
    (6, 1)
    """
    key = _v.as_rule(rule, RULES)
    if key in DENSE_RULES:
        return store_dense(patterns, key, **params)
    X = _v.as_patterns(patterns)
    if params:
        raise ValueError(
            f"rule {key!r} takes no parameters; found {sorted(params)}. "
            f"(degree is for rule 'dense', beta for rule 'modern'.)"
        )
    return Network(X, key, {}, factors=BUILDERS[key](X))


def train(patterns: Any, rule: str = "hebbian", **params: Any) -> np.ndarray:
    """The dense weight matrix of :func:`store`: ``store(patterns, rule).weights()``.

    Returns
    -------
    ndarray of shape (N, N), float64
        Symmetric, zero diagonal (see :func:`store` for each rule's formula).

    Raises
    ------
    ValueError
        As :func:`store`, and where the (N, N) matrix would exceed 2 GiB.
    """
    net = store(patterns, rule, **params)
    check_dense_size(net.n_units)
    return net.weights()

