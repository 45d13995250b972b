"""A trained network: its stored patterns and weights, and the engine's view of them.

All three classic rules give a weight matrix of the form

.. math::

    W = U V^T - \\operatorname{diag}(d),

a low-rank part (rank P for the Hebbian and pseudo-inverse rules, at most 2P for
Storkey's) minus a diagonal that makes :math:`W_{ii} = 0`. A :class:`Network` keeps
only ``U``, ``V`` (shape (N, R)) and ``d`` (shape (N,)), so storing and recalling a
256x256 image (N = 65,536, whose dense float64 W would take 32 GiB) costs O(P N)
memory. :meth:`Network.weights` builds the dense matrix on request, for small N.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from . import _validation as _v
from .engine import Couplings, recall_model, run_model

__all__: list[str] = []

#: Largest dense (N, N) float64 matrix :meth:`Network.weights` will build (2 GiB, N = 16,384).
MAX_DENSE_BYTES = 2 * 1024**3

#: The engine switches from the factors to a dense W when the rank R is at least this
#: fraction of N (a matrix-vector product with W costs N^2, with the factors 2 N R) and
#: the dense matrix is at most ``_DENSE_RUN_BYTES``.
_DENSE_RUN_RANK_FRACTION = 0.5
_DENSE_RUN_BYTES = 256 * 1024**2


class Network:
    """A trained Hopfield network.

    Classic networks (rules "hebbian", "storkey", "pseudoinverse") hold the weights
    as factors, :math:`W = U V^T - \\operatorname{diag}(d)`, and never build the
    dense (N, N) matrix unless :meth:`weights` is called.

    Attributes
    ----------
    rule : str
        The learning rule's name (one of :data:`RULES`).
    params : dict
        The rule's parameters (empty for the classic rules).
    patterns : ndarray of shape (P, N), np.int8
        A read-only copy of the stored patterns, values in {-1, +1}.
    n_units : int
        N, the number of units.
    n_patterns : int
        P, the number of stored patterns.
    continuous : bool
        True only where states are continuous (rule "modern").

    Notes
    -----
    Extension points for subclasses (``hopfield_core.dense`` uses them):

    * call ``super().__init__(patterns, rule, params)`` without ``factors``;
    * override :meth:`weights`, :meth:`energy` and :meth:`local_fields`
      (the base versions need factors and raise ``ValueError`` without them);
    * override :meth:`engine_model` to give the engine another model (the dense
      kernels), or :meth:`run_validated` / :meth:`recall_validated` for dynamics the
      engine does not run (the continuous modern rule). :func:`hopfield_core.run`
      and :func:`hopfield_core.recall_batch` validate every argument (states ``np.int8``
      copies, 0 allowed for undecided units; ``theta`` an (N,) float64 array; ``rng``
      a ``numpy.random.Generator``; ``mode`` in {"sync", "async"}; ``order`` in
      :data:`hopfield_core.engine.ORDERS`) and then call them.
    """

    continuous: bool = False

    def __init__(
        self,
        patterns: np.ndarray,
        rule: str,
        params: dict[str, Any] | None = None,
        *,
        factors: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None,
    ) -> None:
        pats = np.array(patterns, dtype=np.int8, copy=True)
        pats.setflags(write=False)
        self.patterns = pats
        self.rule = rule
        self.params = dict(params or {})
        self.n_patterns, self.n_units = (int(x) for x in pats.shape)
        if factors is not None:
            U, V, d = (np.ascontiguousarray(a, dtype=np.float64) for a in factors)
            for a in (U, V, d):
                a.setflags(write=False)
            self._factors: tuple[np.ndarray, np.ndarray, np.ndarray] | None = (U, V, d)
        else:
            self._factors = None
        # Built on first use (the engine's view of W); caches, not state.
        self._couplings_cache: Couplings | None = None
        self._factored_cache: Couplings | None = None

    def __getstate__(self) -> dict[str, Any]:
        # Caches (possibly a dense W) are rebuilt on demand, never pickled or cached.
        state = self.__dict__.copy()
        state["_couplings_cache"] = None
        state["_factored_cache"] = None
        return state

    def __repr__(self) -> str:
        extra = "".join(f", {k}={v!r}" for k, v in self.params.items())
        return (
            f"{type(self).__name__}(rule={self.rule!r}, n_units={self.n_units}, "
            f"n_patterns={self.n_patterns}{extra})"
        )

    # -- the weights -------------------------------------------------------------
    def _require_factors(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        if self._factors is None:
            raise ValueError(f"rule {self.rule!r} has no weight matrix")
        return self._factors

    def factors(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The factors of the weights, ``W = U @ V.T - np.diag(d)``.

        Returns
        -------
        U, V : ndarray of shape (N, R), float64
            Low-rank factors (read-only views; R = P for Hebbian and pseudo-inverse,
            R = 2P for Storkey).
        d : ndarray of shape (N,), float64
            The diagonal of ``U @ V.T``, removed so that W has a zero diagonal.

        Raises
        ------
        ValueError
            For rules without a weight matrix.
        """
        return self._require_factors()

    @property
    def rank(self) -> int:
        """R, the number of columns of the factors (0 for rules without factors)."""
        return 0 if self._factors is None else int(self._factors[0].shape[1])

    def weights(self) -> np.ndarray:
        """The dense weight matrix W, shape (N, N), float64, symmetric, zero diagonal.

        .. math:: W = U V^T - \\operatorname{diag}(d)

        Raises
        ------
        ValueError
            When the matrix would exceed 2 GiB (N > 16,384): recall works without it.
        """
        U, V, d = self._require_factors()
        check_dense_size(self.n_units)
        W = U @ V.T
        # The factors are symmetric in exact arithmetic; average away the rounding so
        # W is exactly symmetric, then set the diagonal to exactly zero.
        W += W.T
        W *= 0.5
        np.fill_diagonal(W, 0.0)
        return W

    def local_fields(self, states: Any) -> np.ndarray:
        """Local fields h = W s, computed from the factors without building W.

        .. math:: h = U (V^T s) - d \\odot s

        Parameters
        ----------
        states : array_like of shape (N,) or (B, N)
            One state or a batch (usually bipolar; any finite values are accepted).

        Returns
        -------
        ndarray of shape (N,) or (B, N), float64
        """
        S, single = _v.as_real_states(states, self.n_units, "states")
        H = self._couplings().fields(S)
        return H[0] if single else H

    def energy(self, states: Any, theta: Any = 0.0) -> float | np.ndarray:
        """Energy of one state (float) or of each state of a batch ((B,) float64).

        .. math:: E(s) = -\\tfrac12 s^T W s + \\theta \\cdot s
                  = -\\tfrac12 \\left[(U^T s)\\cdot(V^T s) - \\textstyle\\sum_i d_i s_i^2\\right]
                    + \\theta \\cdot s

        Parameters
        ----------
        states : array_like of shape (N,) or (B, N)
        theta : float or array_like of shape (N,), optional
        """
        S, single = _v.as_real_states(states, self.n_units, "state")
        th = _v.as_theta(theta, self.n_units)
        E = -0.5 * self._couplings(prefer_dense=False).quadratic(S) + S @ th
        return float(E[0]) if single else E

    def _couplings(self, prefer_dense: bool = True) -> Couplings:
        """The representation the dynamics use: the factors, or a dense W when cheaper."""
        U, V, d = self._require_factors()
        if self._factored_cache is None:
            self._factored_cache = Couplings(U, V, d)
        if not prefer_dense:
            return self._factored_cache
        if self._couplings_cache is None:
            n, r = U.shape
            if r >= _DENSE_RUN_RANK_FRACTION * n and 8 * n * n <= _DENSE_RUN_BYTES:
                # ties are decided on the scale of the factors (the stored patterns),
                # never on W's entries, which vanish for the projection at P >= N
                self._couplings_cache = Couplings(W=self.weights(),
                                                   scale=self._factored_cache.scale)
            else:
                self._couplings_cache = self._factored_cache
        return self._couplings_cache

    # -- dynamics (the extension points; see the class Notes) -------------------
    def engine_model(self) -> Any:
        """What the engine (:mod:`hopfield_core.engine`) evolves states under: the
        couplings of W (factors, or a dense W when cheaper)."""
        self._require_factors()
        return self._couplings()

    def run_validated(self, state: np.ndarray, *, mode: str, steps: int, theta: np.ndarray,
                      temperature: float, rng: np.random.Generator, frames_per_sweep: int,
                      order: str) -> Any:
        """:func:`hopfield_core.run` after validation: the engine's recorded run."""
        return run_model(self.engine_model(), state, mode=mode, steps=steps, theta=theta,
                         temperature=temperature, rng=rng, frames_per_sweep=frames_per_sweep,
                         order=order)

    def recall_validated(self, states: np.ndarray, *, mode: str, max_steps: int,
                         theta: np.ndarray, rng: np.random.Generator,
                         order: str) -> tuple[np.ndarray, np.ndarray]:
        """:func:`hopfield_core.recall_batch` after validation: the engine's batch recall."""
        return recall_model(self.engine_model(), states, mode=mode, max_steps=max_steps,
                            theta=theta, rng=rng, order=order)


def check_dense_size(n: int) -> None:
    need = 8 * n * n
    if need > MAX_DENSE_BYTES:
        limit_n = int(np.sqrt(MAX_DENSE_BYTES / 8))
        raise ValueError(
            f"the dense weight matrix for N = {n} units would take {need / 1024**3:.1f} GiB "
            f"(float64 N x N); the limit is {MAX_DENSE_BYTES / 1024**3:.0f} GiB "
            f"(N <= {limit_n}). Recall and energies work without it; view the weights of "
            f"a smaller grid."
        )


