"""Learning rules: store patterns in a Hopfield network and get its weights.

All three classic rules give a weight matrix of the form

.. math::

    W = U V^T - \\operatorname{diag}(d),

a low-rank part (rank P for the Hebbian and pseudo-inverse rules, at most 2P
for Storkey's) minus a diagonal that makes :math:`W_{ii} = 0`. A
:class:`Network` keeps only ``U``, ``V`` (shape (N, R)) and ``d`` (shape (N,)),
so storing and recalling a 256x256 image (N = 65,536, whose dense float64 W
would take 32 GiB) costs O(P N) memory. :meth:`Network.weights` builds the
dense matrix on request, for small N.

The dense / exponential / modern associative memories are built by
``hopfield_core.dense`` through the same :func:`store`; they subclass
:class:`Network`.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from . import _validation as _v

__all__ = ["RULES", "CLASSIC_RULES", "Network", "store", "train"]

CLASSIC_RULES: tuple[str, ...] = ("hebbian", "storkey", "pseudoinverse")
"""Rules with a weight matrix W, recalled by the engine in :mod:`hopfield_core.dynamics`."""

RULES: tuple[str, ...] = CLASSIC_RULES + ("dense", "exponential", "modern")
"""Every rule name :func:`store` accepts."""

_DENSE_RULES = ("dense", "exponential", "modern")

#: Largest dense (N, N) float64 matrix :meth:`Network.weights` will build (2 GiB, N = 16,384).
MAX_DENSE_BYTES = 2 * 1024**3

#: The dynamics switch from the factors to a dense W when the rank R is at least this
#: fraction of N (a matrix-vector product with W costs N^2, with the factors 2 N R) and
#: the dense matrix is at most ``_DENSE_RUN_BYTES``.
_DENSE_RUN_RANK_FRACTION = 0.5
_DENSE_RUN_BYTES = 256 * 1024**2

#: Relative tolerance for "the local field equals theta exactly" (see :func:`tie_tolerance`):
#: 2**-40 ~ 9.1e-13, about 4000 rounding units of the terms' magnitude. Large enough for
#: the rounding of sums of thousands of terms, small enough to keep the genuine but tiny
#: fields of the exponential rule (weights e^(q - q_max) of far patterns) decisive.
_TIE_RTOL = 2.0**-40


def tie_tolerance(term_scale: float, theta: np.ndarray) -> float:
    """The one definition of a tie: ``|h_i - theta_i| <= tie_tolerance`` keeps the unit.

    ``term_scale`` bounds the magnitude of the terms summed into a field, as the stored
    patterns make them (for the classic rules the factor bound
    ``max_i sum_r |U_ir| sum_j |V_jr| + |d_i|``, never the entries of a W in which they
    cancel); rounding errors are ~1e-16 of it, genuine fields far above 1e-12 of it.
    """
    top = float(np.abs(theta).max()) if np.size(theta) else 0.0
    if np.ndim(term_scale):  # one magnitude per field (the dense kernels)
        return _TIE_RTOL * (np.asarray(term_scale, dtype=np.float64) + top)
    return _TIE_RTOL * (float(term_scale) + top)


class _Couplings:
    """The weight matrix as the dynamics use it: factors ``(U, V, d)`` or a dense ``W``.

    ``fields(S)`` gives ``S W^T`` (= ``W s`` per row for symmetric W) for a batch of
    states; ``aux(S)`` the short vectors ``q = V^T s`` carried through a run;
    ``block_fields(idx, s, q)`` the fields of a few units from ``q``; ``coupling(rows,
    cols)`` the sub-matrix ``W[rows][:, cols]``; ``bump(q, units, delta)`` updates ``q``
    after the units flip by ``delta``.
    """

    def __init__(
        self,
        U: np.ndarray | None = None,
        V: np.ndarray | None = None,
        d: np.ndarray | None = None,
        W: np.ndarray | None = None,
        scale: float | None = None,
    ) -> None:
        self.dense = W is not None
        if self.dense:
            self.W = np.ascontiguousarray(W, dtype=np.float64)
            self.n = self.W.shape[0]
            if scale is None:  # a bare matrix: its own row sums are all we know
                scale = float(np.abs(self.W).sum(axis=1).max()) if self.n else 0.0
            self.scale = float(scale)
        else:
            self.U = np.ascontiguousarray(U, dtype=np.float64)
            self.V = np.ascontiguousarray(V, dtype=np.float64)
            self.d = np.ascontiguousarray(d, dtype=np.float64)
            self.n = self.U.shape[0]
            # sum_j |W_ij| <= sum_r |U_ir| sum_j |V_jr| + |d_i|: a cheap bound of the row sums.
            if self.U.shape[1]:
                row = np.abs(self.U) @ np.abs(self.V).sum(axis=0)
            else:
                row = np.zeros(self.n)
            self.scale = float((row + np.abs(self.d)).max())

    def fields(self, S: np.ndarray) -> np.ndarray:
        """Local fields of a batch of states S (B, N) float64: rows of ``S W^T``."""
        if self.dense:
            return S @ self.W.T
        return (S @ self.V) @ self.U.T - S * self.d

    def aux(self, s: np.ndarray) -> np.ndarray | None:
        return None if self.dense else s @ self.V

    def block_fields(self, idx: np.ndarray, s: np.ndarray, q: np.ndarray | None) -> np.ndarray:
        if self.dense:
            return self.W[idx] @ s
        return self.U[idx] @ q - self.d[idx] * s[idx]

    def coupling(self, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        if self.dense:
            return self.W[np.ix_(rows, cols)]
        return self.U[rows] @ self.V[cols].T

    def bump(self, q: np.ndarray | None, units: np.ndarray, delta: np.ndarray) -> None:
        if not self.dense:
            q += delta @ self.V[units]

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
    * override ``_run(state, *, mode, steps, theta, temperature, rng,
      frames_per_sweep) -> Trajectory``. :func:`hopfield_core.run` validates
      every argument (``state`` an (N,) ``np.int8`` copy, ``theta`` an (N,)
      float64 array, ``rng`` a ``numpy.random.Generator``, ``mode`` in
      {"sync", "async"}) and then calls it;
    * override ``_recall_batch(states, *, mode, max_steps, theta, rng)
      -> (final (B, N) int8, converged (B,) bool)``, called by
      :func:`hopfield_core.recall_batch` after the same validation.
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
        self._couplings_cache: _Couplings | None = None
        self._factored_cache: _Couplings | None = None

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
        _check_dense_size(self.n_units)
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

    def _couplings(self, prefer_dense: bool = True) -> _Couplings:
        """The representation the dynamics use: the factors, or a dense W when cheaper."""
        U, V, d = self._require_factors()
        if self._factored_cache is None:
            self._factored_cache = _Couplings(U, V, d)
        if not prefer_dense:
            return self._factored_cache
        if self._couplings_cache is None:
            n, r = U.shape
            if r >= _DENSE_RUN_RANK_FRACTION * n and 8 * n * n <= _DENSE_RUN_BYTES:
                # ties are decided on the scale of the factors (the stored patterns),
                # never on W's entries, which vanish for the projection at P >= N
                self._couplings_cache = _Couplings(W=self.weights(),
                                                   scale=self._factored_cache.scale)
            else:
                self._couplings_cache = self._factored_cache
        return self._couplings_cache

    # -- dynamics (the extension points; see the class Notes) -------------------
    def _run(self, state, *, mode, steps, theta, temperature, rng, frames_per_sweep):
        from .dynamics import _run_couplings

        self._require_factors()
        return _run_couplings(
            self._couplings(), state, mode=mode, steps=steps, theta=theta,
            temperature=temperature, rng=rng, frames_per_sweep=frames_per_sweep,
        )

    def _recall_batch(self, states, *, mode, max_steps, theta, rng):
        from .dynamics import _recall_batch_couplings

        if self._factors is None:
            raise ValueError(f"recall_batch does not support rule {self.rule!r} yet")
        return _recall_batch_couplings(
            self._couplings(), states, mode=mode, max_steps=max_steps, theta=theta, rng=rng
        )


def _check_dense_size(n: int) -> None:
    need = 8 * n * n
    if need > MAX_DENSE_BYTES:
        limit_n = int(np.sqrt(MAX_DENSE_BYTES / 8))
        raise ValueError(
            f"the dense weight matrix for N = {n} units would take {need / 1024**3:.1f} GiB "
            f"(float64 N x N); the limit is {MAX_DENSE_BYTES / 1024**3:.0f} GiB "
            f"(N <= {limit_n}). Recall and energies work without it; view the weights of "
            f"a smaller grid."
        )


# -- the rules ------------------------------------------------------------------
def _hebbian_factors(X: np.ndarray):
    """W = (1/N) X^T X with zero diagonal: U = X^T / N, V = X^T, d = P / N."""
    P, N = X.shape
    Xt = X.T.astype(np.float64)
    return Xt / N, Xt, np.full(N, P / N)


def _pseudoinverse_factors(X: np.ndarray):
    """W = X^T (X X^T)^+ X, the orthogonal projection onto the span of the patterns.

    With the thin SVD X = A S B^T and r the numerical rank, X^T (X X^T)^+ X = B_r B_r^T,
    which stays exact for repeated, inverted or otherwise linearly dependent patterns.

    Fast path (P <= N): the eigen-decomposition of the small Gram matrix
    X X^T = A S^2 A^T gives B_r = X^T A_r S_r^{-1} in O(P^2 N). Eigenvalues below
    1e-9 of the largest are zero (exactly dependent patterns: rounding puts them near
    1e-15); if any lies between 1e-9 and 1e-6 of the largest (nearly dependent
    patterns, where squaring the singular values would cost accuracy), the full SVD
    of X is used instead.
    """
    Xf = X.astype(np.float64)
    P, N = Xf.shape
    if P <= N:
        lam, A = np.linalg.eigh(Xf @ Xf.T)
        top = lam[-1]
        if top > 0 and not np.any((lam > 1e-9 * top) & (lam <= 1e-6 * top)):
            keep = lam > 1e-9 * top
            B = (Xf.T @ A[:, keep]) / np.sqrt(lam[keep])
            B = np.ascontiguousarray(B[:, ::-1])
            return B, B, np.einsum("ir,ir->i", B, B)
    _, sv, Bt = np.linalg.svd(Xf, full_matrices=False)
    if sv.size == 0 or sv[0] == 0:
        r = 0
    else:
        tol = sv[0] * max(Xf.shape) * np.finfo(np.float64).eps
        r = int((sv > tol).sum())
    B = np.ascontiguousarray(Bt[:r].T)
    return B, B, np.einsum("ir,ir->i", B, B)


def _storkey_factors(X: np.ndarray):
    """Storkey (1997), learned pattern by pattern, in factorised form.

    For i != j, with W_ii = 0, h = W xi and h_ij = h_i - W_ij xi_j, the update
    W_ij += (1/N)(xi_i xi_j - xi_i h_ji - h_ij xi_j) reads

        W <- (1 + 2/N) W + (1/N)(xi xi^T - xi h^T - h xi^T)   (off the diagonal).

    Keeping W = U V^T - diag(d): the low-rank part gains the two columns
    (xi/N, xi - h) and (-h/N, xi), every older column is scaled by (1 + 2/N)
    (tracked as one factor per column), and d <- (1 + 2/N) d + (1/N)(1 - 2 xi * h)
    keeps the diagonal zero. O(P N) memory, O(P^2 N) time.
    """
    P, N = X.shape
    Xf = X.astype(np.float64)
    # Columns are kept as rows of Ut, Vt (2P, N) so that every slice is contiguous.
    Ut = np.zeros((2 * P, N))
    Vt = np.zeros((2 * P, N))
    scale = np.zeros(2 * P)
    d = np.zeros(N)
    grow = 1.0 + 2.0 / N
    for mu in range(P):
        xi = Xf[mu]
        r = 2 * mu
        if r:
            h = (scale[:r] * (Vt[:r] @ xi)) @ Ut[:r] - d * xi
        else:
            h = np.zeros(N)
        scale[:r] *= grow
        d = grow * d + (1.0 - 2.0 * xi * h) / N
        Ut[r] = xi
        Vt[r] = xi - h
        Ut[r + 1] = -h
        Vt[r + 1] = xi
        scale[r] = scale[r + 1] = 1.0 / N
    Ut *= scale[:, None]
    return np.ascontiguousarray(Ut.T), np.ascontiguousarray(Vt.T), d


_CLASSIC_BUILDERS = {
    "hebbian": _hebbian_factors,
    "storkey": _storkey_factors,
    "pseudoinverse": _pseudoinverse_factors,
}


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
    if key in _DENSE_RULES:
        from .dense import _store_dense

        return _store_dense(patterns, key, **params)
    X = _v.as_patterns(patterns)
    if params:
        raise ValueError(
            f"rule {key!r} takes no parameters; found {sorted(params)}. "
            f"(degree is for rule 'dense', beta for rule 'modern'.)"
        )
    return Network(X, key, {}, factors=_CLASSIC_BUILDERS[key](X))


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
    _check_dense_size(net.n_units)
    return net.weights()
