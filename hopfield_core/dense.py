"""Dense and modern associative memories: the networks that store patterns, not a matrix.

Three rules share the run / energy / Trajectory surface of the classic network
(see :mod:`hopfield_core.learning` and :mod:`hopfield_core.dynamics`):

``"dense"`` (Krotov & Hopfield 2016), binary units, parameter ``degree`` = n:

.. math::

    E(s) = -\\frac{N}{n} \\sum_\\mu m_\\mu^n \\; [+\\, P/2 \\text{ if } n = 2] + \\theta \\cdot s,
    \\qquad m_\\mu = \\frac{1}{N} \\xi_\\mu \\cdot s

This is Krotov & Hopfield's :math:`-\\sum_\\mu F(\\xi_\\mu \\cdot s)` with
:math:`F(x) = x^n`, multiplied by the positive constant :math:`N^{1-n}/n` so that a
stored pattern sits near :math:`E \\approx -N/n` whatever N and n (the classic
network sits near :math:`-N/2`). For n = 2 the constant P/2 is added: it is the
self-coupling :math:`\\frac{1}{2N}\\sum_\\mu \\sum_i \\xi_{\\mu i}^2 s_i^2` that
the classic zero diagonal removes, so a degree-2 network has exactly the energy
:math:`-\\tfrac12 s^T W s + \\theta \\cdot s` of the Hebbian network and, for the
same seed, exactly the same trajectory.

``"exponential"`` (Demircigil et al. 2017), binary units, :math:`F(x) = e^x`.
:math:`\\sum_\\mu e^{\\xi_\\mu \\cdot s}` overflows float64 from N = 710 on, so the
energy is reported on a logarithmic scale:

.. math::

    E(s) = -\\log \\sum_\\mu e^{\\xi_\\mu \\cdot s} + \\theta \\cdot s
         = -\\operatorname{lse}(X s) + \\theta \\cdot s

computed as :math:`-(q_{max} + \\log \\sum_\\mu e^{q_\\mu - q_{max}})`. The
logarithm is increasing, so at :math:`\\theta = 0` a flip lowers this energy
exactly when it lowers Demircigil's :math:`-\\sum_\\mu e^{\\xi_\\mu \\cdot s}`: the
dynamics are theirs, and the values read like the others (about :math:`-N` at a
stored pattern). A threshold and a temperature act on this scale.

``"modern"`` (Ramsauer et al. 2020), continuous state, parameter ``beta``:

.. math::

    s^{new} = X^T \\operatorname{softmax}(\\beta\\, m) - \\theta, \\qquad
    E(s) = -\\frac{N}{\\beta} \\log \\sum_\\mu e^{\\beta m_\\mu} + \\tfrac12 s \\cdot s
           + \\theta \\cdot s

with :math:`m = X s / N`. The inverse temperature acts on overlaps rather than on
raw dot products, so one value of ``beta`` behaves the same at every N
(Ramsauer's :math:`\\beta_R` is :math:`\\beta / N` here, and the energy is their
:math:`-\\operatorname{lse}(\\beta_R, X s) + \\tfrac12 s \\cdot s` with the constant
:math:`\\beta_R^{-1} \\log P + \\tfrac12 M^2` dropped, so that a retrieved pattern
sits near :math:`-N/2` like the classic network). The update is the
concave-convex step of this energy, so the energy never increases. It is
synchronous by nature: ``mode="async"`` is accepted and performs the same
whole-state update, one update per step.

Dynamics of the binary rules. Flipping unit i changes the overlaps by
:math:`\\Delta q = -2 s_i \\xi_{:, i}`, so its energy change
:math:`\\Delta E_i` costs O(P) from the kept-up-to-date overlaps
:math:`q = X s`. We write it as :math:`\\Delta E_i = 2 s_i (h_i - \\theta_i)`,
which defines the *effective local field* :math:`h_i` (for n = 2 it is the
classic :math:`h = W s`). A unit flips when that lowers the energy
(:math:`s_i (h_i - \\theta_i) < 0`); a tie keeps its value. At temperature
T > 0 the update is Glauber's on the same energy difference,
:math:`P(s_i = +1) = 1 / (1 + e^{-2 (h_i - \\theta_i) / T})`.

References
----------
.. [1] D. Krotov and J. J. Hopfield, "Dense Associative Memory for Pattern
   Recognition", NeurIPS 2016, arXiv:1606.01164.
.. [2] M. Demircigil, J. Heusel, M. Löwe, S. Upgang and F. Vermet, "On a model of
   associative memory with huge storage capacity", J. Stat. Phys. 168:288 (2017).
.. [3] H. Ramsauer et al., "Hopfield Networks is All You Need", ICLR 2021,
   arXiv:2008.02217.
"""

from __future__ import annotations

import math
import numbers
from typing import Any

import numpy as np

from . import _validation as _v
from .engine import KernelModel
from .factors import hebbian_factors
from .network import Network
from .trajectory import Trajectory

__all__ = ["DenseNetwork", "ExponentialNetwork", "ModernNetwork", "DENSE_RULES"]

#: Rules built by this module, in the order the app lists them.
DENSE_RULES: tuple[str, ...] = ("dense", "exponential", "modern")

_MAX_DEGREE = 50
_MIN_BETA, _MAX_BETA = 1e-6, 1e12  # beyond these the energy's N / beta factor misbehaves
_EXACT_LIMIT = 2.0**53  # integers below this are exact in float64
_MODERN_TOL = 1e-6  # a modern update that moves no unit by more than this is a fixed point
_EXP_FLOOR = -700.0  # exp() of anything below is 0 for our purpose; clip to avoid underflow
_E4_M1 = math.expm1(4.0)
_EM4_M1 = math.expm1(-4.0)


# ---------------------------------------------------------------------------
# Kernels: the maths of one rule, in terms of the overlaps q = X s.
#
# A kernel gives the effective local fields of the units (in units of
# 1 / kernel.scale) from overlaps:
#   block_fields(Qc, op, c, S): Qc (B, K, P) candidate overlap vectors (probe b,
#       candidate k), op = kernel.prepare(X^T[block]), unit j of probe b reading
#       candidate c[b, j];
#   full_fields(Q, X, S): Q (B, P), every unit of every probe;
#   energy(Q): the energy without the theta term.
# Reading overlaps per unit is what lets a block of asynchronous updates be
# decided at once and then corrected for the flips accepted before each unit.
# ---------------------------------------------------------------------------


class _PolyKernel:
    """F(x) = x**n, energy scaled by N**(1-n)/n (see module docstring).

    With x = s_i xi_{mu i} in {-1, +1}, flipping unit i changes
    F(q_mu) by (q_mu - 2x)^n - q_mu^n = -x A(q_mu) + B(q_mu), where
    A(q) = sum_{k odd} C(n,k) 2^k q^{n-k} and B(q) = sum_{k even >= 2} C(n,k) 2^k q^{n-k}
    (no cancellation: within each sum all terms have the same sign). Hence
    h_i = N^{1-n} / (2n) * (xi_{:,i} . A(q) - s_i sum_mu B(q_mu)).
    When every intermediate integer stays below 2**53 the sums are done on
    exact integers (so ties are detected exactly); otherwise on q / N.
    The field methods return h in units of 1 / ``scale``: callers compare them
    with ``scale * theta`` (exact integers then, for thresholds such as 0.25).
    """

    def __init__(self, degree: int, n_units: int, n_patterns: int) -> None:
        n, N, P = degree, n_units, n_patterns
        self.n, self.N, self.P = n, N, P
        self.exact = P * float(N + 2) ** n < _EXACT_LIMIT
        unit = 1.0 if self.exact else float(N)
        self.unit = unit
        # A(z) = z^((n-1) % 2) G(z^2), B(z) = z^(n % 2) H(z^2), coefficients C(n,k) (2/unit)^k,
        # highest power first (all positive, so Horner's partial sums stay exact)
        self.g = [math.comb(n, k) * (2.0 / unit) ** k for k in range(1, n + 1, 2)]
        self.h = [math.comb(n, k) * (2.0 / unit) ** k for k in range(2, n + 1, 2)]
        # h = (xi . A - s sum B) / scale, A and B evaluated on z = q / unit
        self.scale = 2.0 * n * float(N) ** (n - 1) / unit**n

    @staticmethod
    def _horner(coef: list[float], z2: np.ndarray) -> np.ndarray:
        r = np.full_like(z2, coef[0])
        for c in coef[1:]:
            r *= z2
            r += c
        return r

    def _ab(self, q: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """A(z) for every entry and sum over the last axis of B(z), z = q / unit."""
        n = self.n
        z = q if self.exact else q / self.unit
        if len(self.g) == 1:
            a = self.g[0] * z if (n - 1) % 2 else np.full_like(z, self.g[0])
        else:
            z2 = z * z
            a = self._horner(self.g, z2)
            if (n - 1) % 2:
                a *= z
        if not self.h:
            bsum = np.zeros(z.shape[:-1])
        elif len(self.h) == 1:
            bsum = self.h[0] * (z.sum(axis=-1) if n % 2 else float(z.shape[-1]))
            bsum = np.broadcast_to(bsum, z.shape[:-1])
        else:
            b = self._horner(self.h, z * z)
            if n % 2:
                b *= z
            bsum = b.sum(axis=-1)
        return a, bsum

    @staticmethod
    def prepare(XTblk: np.ndarray) -> np.ndarray:
        """The block operand of :meth:`block_fields`: the block's rows of X^T (nb, P)."""
        return XTblk

    def block_fields(self, Qc: np.ndarray, XTblk: np.ndarray, c: np.ndarray,
                     Sb: np.ndarray) -> np.ndarray:
        a, bsum = self._ab(Qc)  # (B, K, P), (B, K)
        mag = self._magnitude(a, bsum)
        if Qc.shape[1] == 1:
            h = np.einsum("bp,jp->bj", a[:, 0], XTblk) - Sb * bsum[:, :1]
            return h, (mag if np.ndim(mag) == 0 else mag[:, :1])
        rows = np.arange(Qc.shape[0])[:, None]
        h = np.einsum("bjp,jp->bj", a[rows, c], XTblk) - Sb * bsum[rows, c]
        return h, (mag if np.ndim(mag) == 0 else mag[rows, c])

    def full_fields(self, Q: np.ndarray, X: np.ndarray, S: np.ndarray) -> np.ndarray:
        a, bsum = self._ab(Q)  # (B, P), (B,)
        mag = self._magnitude(a, bsum)
        return a @ X - S * bsum[:, None], (mag if np.ndim(mag) == 0 else mag[:, None])

    def _magnitude(self, a: np.ndarray, bsum: np.ndarray) -> np.ndarray | float:
        """sum_mu |A(z_mu)| + |sum_mu B(z_mu)| per overlap vector: the size of the terms
        a field sums (no cancellation inside A or B), on which rounding acts. 0 on the
        exact integer path, where a tie is an exact 0."""
        if self.exact:
            return 0.0
        return np.abs(a).sum(axis=-1) + np.abs(bsum)

    def energy(self, Q: np.ndarray) -> np.ndarray:
        n, N, P = self.n, self.N, self.P
        const = P / 2.0 if n == 2 else 0.0
        if self.exact:
            total = np.sum(Q**n, axis=-1)
            if n == 2:
                return -(total - P * float(N)) / (2.0 * N)
            return -total * (float(N) ** (1 - n) / n)
        return -(N / n) * np.sum((Q / N) ** n, axis=-1) + const


class _ExpKernel:
    """F(x) = exp(x), energy -lse(q) (see module docstring).

    Flipping unit i multiplies exp(q_mu) by exp(-2 x_mu), x_mu = s_i xi_{mu i}. With
    w = exp(q - max q), a = sum of w over the patterns that agree with s_i (x = +1)
    and b over those that disagree, the energy change is
    Delta E_i = -log((a e^-2 + b e^2) / (a + b)), written as
    2 - log1p(b (e^4 - 1) / (a + b)) when b <= a, else -2 - log1p(a (e^-4 - 1) / (a + b)),
    so that it is exactly +-2 when every pattern agrees (a tie with theta = +-1 is then
    detected exactly); h_i = s_i Delta E_i / 2.
    """

    scale = 1.0  # fields are returned as h itself
    exact = False

    def __init__(self, X: np.ndarray) -> None:
        self.P, self.N = X.shape
        # dE = +-2 - log1p(r): terms of magnitude <= 4, and the ratio r of sums of P
        # weights carries P rounding errors: the size on which ties are decided
        self._MAGNITUDE = 4.0 + self.P

    @staticmethod
    def _weights(Q: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        w = np.exp(np.maximum(Q - Q.max(axis=-1, keepdims=True), _EXP_FLOOR))
        return w, w.sum(axis=-1)

    @staticmethod
    def _h(up: np.ndarray, down: np.ndarray, S: np.ndarray) -> np.ndarray:
        """Fields from the weight sums over patterns with xi = +1 (up) and -1 (down)."""
        a = np.where(S > 0, up, down)
        b = np.where(S > 0, down, up)
        total = a + b
        dE = np.where(b <= a, 2.0 - np.log1p(b * _E4_M1 / total),
                      -2.0 - np.log1p(a * _EM4_M1 / total))
        return 0.5 * S * dE

    @staticmethod
    def prepare(XTblk: np.ndarray) -> np.ndarray:
        """The block operand of :meth:`block_fields`: [xi > 0, xi < 0] as (2, nb, P) floats."""
        return np.stack([XTblk > 0, XTblk < 0]).astype(np.float64)

    def block_fields(self, Qc: np.ndarray, signs: np.ndarray, c: np.ndarray,
                     Sb: np.ndarray) -> np.ndarray:
        w, _ = self._weights(Qc)  # (B, K, P)
        if Qc.shape[1] == 1:
            return self._h(np.einsum("bp,jp->bj", w[:, 0], signs[0]),
                           np.einsum("bp,jp->bj", w[:, 0], signs[1]), Sb), self._MAGNITUDE
        wg = w[np.arange(Qc.shape[0])[:, None], c]  # (B, nb, P)
        return self._h(np.einsum("bjp,jp->bj", wg, signs[0]),
                       np.einsum("bjp,jp->bj", wg, signs[1]), Sb), self._MAGNITUDE

    def full_fields(self, Q: np.ndarray, X: np.ndarray, S: np.ndarray) -> np.ndarray:
        w, _ = self._weights(Q)  # (B, P)
        H = np.empty(S.shape)
        step = max(1, (1 << 20) // max(1, self.P))  # units per chunk: bounds the temporaries
        for a in range(0, self.N, step):
            blk = X[:, a:a + step]
            H[:, a:a + step] = self._h(w @ (blk > 0).astype(np.float64),
                                       w @ (blk < 0).astype(np.float64), S[:, a:a + step])
        return H, self._MAGNITUDE

    @staticmethod
    def energy(Q: np.ndarray) -> np.ndarray:
        top = Q.max(axis=-1)
        return -(top + np.log(np.sum(np.exp(np.maximum(Q - top[..., None], _EXP_FLOOR)),
                                     axis=-1)))


# ---------------------------------------------------------------------------
# The modern rule's update and energy
# ---------------------------------------------------------------------------


def _modern_update(X: np.ndarray, S: np.ndarray, beta: float, theta: np.ndarray) -> np.ndarray:
    """s_new = X^T softmax(beta X s / N) - theta for every row of S (B, N), stably."""
    z = beta * (S @ X.T) / X.shape[1]  # (B, P)
    z -= z.max(axis=1, keepdims=True)
    p = np.exp(np.maximum(z, _EXP_FLOOR))
    p /= p.sum(axis=1, keepdims=True)
    return p @ X - theta


def _modern_energy(X: np.ndarray, S: np.ndarray, beta: float, theta: np.ndarray) -> np.ndarray:
    """E = -(N / beta) lse(beta m) + s.s / 2 + theta.s for every row of S (B, N)."""
    N = X.shape[1]
    z = beta * (S @ X.T) / N
    top = z.max(axis=1)
    lse = top + np.log(np.sum(np.exp(np.maximum(z - top[:, None], _EXP_FLOOR)), axis=1))
    return -(N / beta) * lse + 0.5 * np.einsum("bi,bi->b", S, S) + S @ theta


# ---------------------------------------------------------------------------
# The networks
# ---------------------------------------------------------------------------


class _BinaryMemory(Network):
    """Shared machinery of the binary rules ("dense", "exponential").

    The network keeps the patterns once more as float64 (unit-major, so that a
    block of units reads contiguous rows) and, during a run, the overlaps q = X s
    (integers, exact in float64), from which a kernel gives the energy and the
    effective local fields in O(P) per unit; no (N, N) matrix is ever built.
    """

    def __init__(self, patterns: np.ndarray, rule: str, params: dict[str, Any],
                 kernel: Any) -> None:
        super().__init__(patterns, rule, params)
        # one float64 copy, unit-major (a unit's pattern values are a contiguous row);
        # _X is its (P, N) transposed view
        XT = np.ascontiguousarray(self.patterns.T, dtype=np.float64)
        XT.setflags(write=False)
        self._XT = XT
        self._X = XT.T
        self._kernel = kernel

    # -- what every page may use --------------------------------------------------
    def weights(self) -> np.ndarray:
        """Refused: these rules store patterns, not a weight matrix.

        Raises
        ------
        ValueError
            Always (a degree-2 dense network overrides this and returns the Hebbian W).
        """
        raise ValueError(
            f"rule {self.rule!r} has no weight matrix: it stores the patterns, and its "
            f"energy {self._energy_text()} couples more than two units at a time. "
            f"Pick a classic rule (or 'dense' with degree 2) to see weights."
        )

    def _energy_text(self) -> str:
        raise NotImplementedError

    def energy(self, states: Any, theta: Any = 0.0) -> float | np.ndarray:
        """Energy of one state (float) or of each state of a batch ((B,) float64).

        See the module docstring for each rule's formula; a theta term
        :math:`\\theta \\cdot s` is added.

        Parameters
        ----------
        states : array_like of shape (N,) or (B, N)
            Usually bipolar; any finite values are accepted.
        theta : float or array_like of shape (N,), optional
        """
        S, single = _v.as_real_states(states, self.n_units, "state")
        th = _v.as_theta(theta, self.n_units)
        E = self._kernel.energy(S @ self._X.T) + S @ th
        return float(E[0]) if single else E

    def local_fields(self, states: Any) -> np.ndarray:
        """Effective local fields h, defined by :math:`\\Delta E_i = 2 s_i (h_i - \\theta_i)`.

        :math:`\\Delta E_i` is the energy change of flipping unit i alone; for a
        degree-2 dense network h = W s, the classic field.

        Parameters
        ----------
        states : array_like of shape (N,) or (B, N), values in {-1, +1}

        Returns
        -------
        ndarray of shape (N,) or (B, N), float64
        """
        S, single = _v.as_states(states, self.n_units, "states")
        Sf = S.astype(np.float64)
        H = self._kernel.full_fields(Sf @ self._X.T, self._X, Sf)[0] / self._kernel.scale
        return H[0] if single else H

    def _fixed_tol(self) -> float | None:
        """The magnitude M of a classic tie band (see ``tie_tolerance``) replacing the
        kernel's, or None."""
        return None

    # -- dynamics: the engine runs the kernel (see hopfield_core.engine.KernelModel) -----
    def engine_model(self) -> KernelModel:
        """The kernel model the engine evolves states under."""
        return KernelModel(self._kernel, self._X, self._XT, self._fixed_tol())


class DenseNetwork(_BinaryMemory):
    """Dense associative memory (Krotov & Hopfield 2016), :math:`F(x) = x^n`.

    Built by ``hopfield_core.store(patterns, rule="dense", degree=n)``.

    .. math::

        E(s) = -\\frac{N}{n} \\sum_\\mu m_\\mu^n \\; [+\\,P/2 \\text{ if } n = 2]
               + \\theta \\cdot s, \\qquad m_\\mu = \\frac1N \\xi_\\mu \\cdot s

    where :math:`\\xi_\\mu` are the P stored patterns of N units and n the degree.
    The energy is Krotov & Hopfield's :math:`-\\sum_\\mu (\\xi_\\mu \\cdot s)^n`
    times :math:`N^{1-n}/n`, so a stored pattern sits near :math:`-N/n`; degree 2
    is exactly the Hebbian network (same weights, energy and trajectories).

    Attributes
    ----------
    degree : int
        n >= 2.
    """

    def __init__(self, patterns: Any, degree: int = 3) -> None:
        X = _v.as_patterns(patterns)
        degree = _as_degree(degree)
        P, N = X.shape
        super().__init__(X, "dense", {"degree": degree}, _PolyKernel(degree, N, P))
        self.degree = degree
        self._hebbian_twin: Network | None = None

    def _energy_text(self) -> str:
        return f"-(N/{self.degree}) sum_mu m_mu^{self.degree}"

    def _twin(self) -> Network:
        """The Hebbian network with the same patterns (degree 2 only)."""
        if self._hebbian_twin is None:
            X = np.asarray(self.patterns)
            self._hebbian_twin = Network(X, "hebbian", {}, factors=hebbian_factors(X))
        return self._hebbian_twin

    def weights(self) -> np.ndarray:
        """For degree 2, the Hebbian W = (1/N) X^T X with zero diagonal; otherwise refused.

        Raises
        ------
        ValueError
            For degree >= 3 (no pairwise weights), or where W would not fit in memory.
        """
        if self.degree == 2:
            return self._twin().weights()
        return super().weights()

    def recall_validated(self, states: np.ndarray, *, mode: str, max_steps: int,
                         theta: np.ndarray, rng: np.random.Generator,
                         order: str) -> tuple[np.ndarray, np.ndarray]:
        # Degree 2 is the Hebbian network: its batched sweep is the faster one
        # (run() keeps the kernel, tested equal to it).
        if self.degree == 2:
            return self._twin().recall_validated(states, mode=mode, max_steps=max_steps,
                                                 theta=theta, rng=rng, order=order)
        return super().recall_validated(states, mode=mode, max_steps=max_steps, theta=theta,
                                        rng=rng, order=order)

    def _fixed_tol(self) -> float | None:
        # Degree 2 uses the classic tie band, so that it decides exactly as the Hebbian
        # network does; higher degrees are exact integer arithmetic (or scaled floats
        # where the integers would pass 2**53, with the band on the terms' magnitude).
        if self.degree == 2:
            return self._twin().engine_model().scale
        return None


class ExponentialNetwork(_BinaryMemory):
    """Exponential dense memory (Demircigil et al. 2017), :math:`F(x) = e^x`.

    Built by ``hopfield_core.store(patterns, rule="exponential")``.

    .. math::

        E(s) = -\\log \\sum_\\mu e^{\\xi_\\mu \\cdot s} + \\theta \\cdot s

    the logarithm of Demircigil's :math:`-\\sum_\\mu e^{\\xi_\\mu \\cdot s}` (which
    overflows float64 from N = 710 on), computed with a shifted log-sum-exp. At
    :math:`\\theta = 0` both energies order the states alike, so the dynamics are
    theirs; a stored pattern sits near :math:`-N`.
    """

    def __init__(self, patterns: Any) -> None:
        X = _v.as_patterns(patterns)
        super().__init__(X, "exponential", {}, _ExpKernel(X))

    def _energy_text(self) -> str:
        return "-log sum_mu exp(xi_mu . s)"


class ModernNetwork(Network):
    """Modern continuous Hopfield network (Ramsauer et al. 2020).

    Built by ``hopfield_core.store(patterns, rule="modern", beta=...)``.

    .. math::

        s^{new} = X^T \\operatorname{softmax}(\\beta\\, X s / N) - \\theta, \\qquad
        E(s) = -\\frac{N}{\\beta} \\log \\sum_\\mu e^{\\beta\\, \\xi_\\mu \\cdot s / N}
               + \\tfrac12 s \\cdot s + \\theta \\cdot s

    where X (P, N) holds the patterns as rows and :math:`\\beta > 0` is the
    inverse temperature, acting on the overlaps :math:`m = X s / N` (Ramsauer's
    :math:`\\beta_R = \\beta / N`), so one value behaves alike at every N. Their
    constant :math:`\\beta_R^{-1} \\log P + \\tfrac12 \\max_\\mu \\|\\xi_\\mu\\|^2` is
    left out, so a retrieved pattern has :math:`E \\approx -N/2`, as in the classic
    network. States are continuous (float64); the update is synchronous by nature
    (``mode="async"`` performs the same update) and deterministic (temperature
    must be 0). A run stops when no unit moves by more than 1e-6.

    Attributes
    ----------
    beta : float
    continuous : bool
        True.
    """

    continuous = True

    def __init__(self, patterns: Any, beta: float = 8.0) -> None:
        beta = _as_beta(beta)
        super().__init__(_v.as_patterns(patterns), "modern", {"beta": beta})
        self.beta = beta
        X = np.ascontiguousarray(self.patterns, dtype=np.float64)
        X.setflags(write=False)
        self._X = X

    def weights(self) -> np.ndarray:
        """Refused: the modern network stores patterns, not a weight matrix.

        Raises
        ------
        ValueError
            Always.
        """
        raise ValueError(
            "rule 'modern' has no weight matrix: it stores the patterns and updates with "
            "s <- X^T softmax(beta X s / N), which is not a pairwise coupling. Pick a "
            "classic rule (or 'dense' with degree 2) to see weights."
        )

    def energy(self, states: Any, theta: Any = 0.0) -> float | np.ndarray:
        """Energy of one state (float) or of each state of a batch ((B,) float64).

        .. math:: E(s) = -\\frac{N}{\\beta} \\log \\sum_\\mu e^{\\beta m_\\mu}
                  + \\tfrac12 s \\cdot s + \\theta \\cdot s, \\qquad m = X s / N

        Parameters
        ----------
        states : array_like of shape (N,) or (B, N)
            Continuous states are accepted (any finite values).
        theta : float or array_like of shape (N,), optional
        """
        S, single = _v.as_real_states(states, self.n_units, "state")
        th = _v.as_theta(theta, self.n_units)
        E = _modern_energy(self._X, S, self.beta, th)
        return float(E[0]) if single else E

    def local_fields(self, states: Any) -> np.ndarray:
        """The state the update moves to at theta = 0.

        .. math:: X^T \\operatorname{softmax}(\\beta X s / N)

        Parameters
        ----------
        states : array_like of shape (N,) or (B, N), finite values

        Returns
        -------
        ndarray of shape (N,) or (B, N), float64
        """
        S, single = _v.as_real_states(states, self.n_units, "states")
        H = _modern_update(self._X, S, self.beta, np.zeros(self.n_units))
        return H[0] if single else H

    @staticmethod
    def _refuse_temperature(temperature: float) -> None:
        if temperature > 0:
            raise ValueError(
                f"rule 'modern' updates deterministically; its inverse temperature is the "
                f"parameter beta. Set temperature to 0 (found {temperature!r}), or pick a "
                f"binary rule for stochastic (Glauber) updates."
            )

    def engine_model(self) -> Any:
        raise ValueError("rule 'modern' has continuous states: it has its own update")

    def run_validated(self, state: np.ndarray, *, mode: str, steps: int, theta: np.ndarray,
                      temperature: float, rng: np.random.Generator,
                      frames_per_sweep: int, order: str = "random") -> Trajectory:
        """Synchronous updates until no unit moves by more than 1e-6 (``converged``)."""
        self._refuse_temperature(temperature)
        X, beta = self._X, self.beta
        S = state.astype(np.float64)[None, :]
        frames = [S[0]]
        converged, stopped = False, "step limit"
        nxt = _modern_update(X, S, beta, theta)
        for _ in range(steps):
            S = nxt
            frames.append(S[0])
            nxt = _modern_update(X, S, beta, theta)
            if np.max(np.abs(nxt - S)) <= _MODERN_TOL:
                converged, stopped = True, "fixed point"
                break
        states = np.stack(frames)
        return Trajectory(
            states=states, energies=_modern_energy(X, states, beta, theta),
            converged=converged, cycle=0, frames_per_sweep=1,
            frame_unit="one update (all units at once: the modern rule is synchronous)",
            sweeps=np.arange(states.shape[0], dtype=np.float64), stopped=stopped,
            mode=mode, temperature=0.0,
        )

    def recall_validated(self, states: np.ndarray, *, mode: str, max_steps: int,
                         theta: np.ndarray, rng: np.random.Generator,
                         order: str = "random") -> tuple[np.ndarray, np.ndarray]:
        """Update every probe together (B, N) until it stops moving; the final
        continuous states are returned binarised, sign(s), a unit at exactly 0
        keeping the probe's value."""
        X, beta = self._X, self.beta
        S = states.astype(np.float64)
        converged = np.zeros(S.shape[0], dtype=bool)
        active = np.arange(S.shape[0])
        for _ in range(max_steps):
            if active.size == 0:
                break
            A = S[active]
            new = _modern_update(X, A, beta, theta)
            done = np.max(np.abs(new - A), axis=1) <= _MODERN_TOL
            S[active] = new
            converged[active[done]] = True
            active = active[~done]
        final = np.where(S > 0, 1, np.where(S < 0, -1, states)).astype(np.int8)
        return final, converged


# ---------------------------------------------------------------------------
# store() entry point for the three rules
# ---------------------------------------------------------------------------


def _as_degree(value: Any) -> int:
    ok = isinstance(value, numbers.Real) and not isinstance(value, (bool, np.bool_))
    if ok and not isinstance(value, numbers.Integral):
        ok = math.isfinite(float(value)) and float(value).is_integer()
    if not ok or not 2 <= int(value) <= _MAX_DEGREE:
        raise ValueError(
            f"degree must be a whole number from 2 to {_MAX_DEGREE} (F(x) = x**degree; 2 is "
            f"the classic network, 3 or 4 store far more patterns); found {value!r}."
        )
    return int(value)


def _as_beta(value: Any) -> float:
    ok = isinstance(value, numbers.Real) and not isinstance(value, (bool, np.bool_))
    if not ok or not _MIN_BETA <= float(value) <= _MAX_BETA:  # also refuses NaN
        raise ValueError(
            f"beta must be a finite number > 0, from {_MIN_BETA:g} to {_MAX_BETA:g} (the "
            f"inverse temperature: small beta averages the memories, large beta picks the "
            f"closest one; 8 is a good start); found {value!r}."
        )
    return float(value)


_PARAMS = {"dense": ("degree",), "exponential": (), "modern": ("beta",)}


def store_dense(patterns: Any, rule: str, **params: Any) -> Network:
    """Build a dense, exponential or modern network (called by ``hopfield_core.store``).

    Parameters
    ----------
    patterns : array_like of shape (P, N), values in {-1, +1}
    rule : {"dense", "exponential", "modern"}
    **params
        ``degree`` (int, 2..50, default 3) for "dense"; ``beta`` (float > 0,
        default 8.0) for "modern"; none for "exponential".

    Raises
    ------
    ValueError
        For bad patterns, an unknown rule or parameter, or a bad parameter value.
    """
    key = _v.as_rule(rule, DENSE_RULES)
    X = _v.as_patterns(patterns)  # pattern errors first, as for the classic rules
    unknown = sorted(set(params) - set(_PARAMS[key]))
    if unknown:
        takes = (f"takes only {', '.join(_PARAMS[key])}" if _PARAMS[key]
                 else "takes no parameters")
        raise ValueError(
            f"rule {key!r} {takes}; found {unknown}. (degree is for rule 'dense', beta for "
            f"rule 'modern'.)"
        )
    if key == "dense":
        return DenseNetwork(X, params.get("degree", 3))
    if key == "exponential":
        return ExponentialNetwork(X)
    return ModernNetwork(X, params.get("beta", 8.0))
