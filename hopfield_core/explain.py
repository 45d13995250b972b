"""Why a unit flips: the local field split into one term per memory, and the overlap plane.

Field decomposition
-------------------
For every rule the field a unit reads is a sum of terms, one per stored memory (or
per factor of the weights), plus a self term and the threshold:

.. math:: h_i - \\theta_i = \\sum_r c_r(t, i) + \\text{self}_i(t) - \\theta_i

and every term is cheap to rebuild for one unit from short per-frame vectors, so a
page can answer a click on unit i at frame t in O(R) without re-running anything.
:func:`field_terms` returns those vectors for a whole trajectory as a
:class:`FieldTerms` (per-unit ``loadings`` (N, R), per-frame ``coef`` (T+1, R)):

* ``kind="linear"`` (Hebbian, pseudo-inverse, Storkey, modern):
  :math:`c_r(t, i) = L_{ir} a_r(t)` and :math:`\\text{self}_i = -d_i s_i(t)`.
  Hebbian: :math:`L = \\xi` (the memories), :math:`a_\\mu = m_\\mu`, the overlap, and
  :math:`d_i = P/N` (the self-coupling the zero diagonal removes), so the term of
  memory :math:`\\mu` is :math:`\\xi_i^\\mu m_\\mu`. Pseudo-inverse: :math:`L = \\xi`,
  :math:`a = (X X^T)^+ X s`, the memories' coordinates of the projection of s onto
  their span (at a stored memory :math:`a = e_\\mu`: no crosstalk at all). Storkey:
  the factors, :math:`L = U`, :math:`a = V^T s`, two per memory (learned together).
  Modern: :math:`L = \\xi`, :math:`a = \\operatorname{softmax}(\\beta m)`, and the
  "field" is the value the unit moves to, :math:`s_i^{new} = h_i - \\theta_i`.
* ``kind="polynomial"`` (dense, degree n): the exact per-memory split of the
  flip's energy change. With :math:`\\Delta E_i = 2 s_i (h_i - \\theta_i)` (the
  engine's definition of the effective field) and :math:`z = m_\\mu`,

  .. math:: c_\\mu(t, i) = \\xi_i^\\mu a_\\mu(t) - s_i(t)\\, b_\\mu(t), \\quad
            a = \\tfrac{1}{2n}\\sum_{k \\text{ odd}} \\tbinom nk 2^k N^{1-k} z^{n-k},
            \\quad b = \\tfrac{1}{2n}\\sum_{k \\text{ even} \\ge 2}
            \\tbinom nk 2^k N^{1-k} z^{n-k}

  whose leading term is :math:`\\xi_i^\\mu m_\\mu^{n-1}` (the issue's
  :math:`n m^{n-1} \\xi`, divided by n); degree 2 gives exactly the Hebbian terms.
* ``kind="softmax"`` (exponential): :math:`a = \\operatorname{softmax}(X s)`; with
  :math:`x_\\mu = s_i \\xi_i^\\mu`, :math:`\\delta_\\mu = a_\\mu (1 - e^{-2 x_\\mu})` and
  :math:`D = \\sum_\\mu \\delta_\\mu`, the flip costs
  :math:`\\Delta E_i = -\\log(1 - D)` and memory :math:`\\mu` is given the share
  :math:`c_\\mu = \\tfrac12 s_i \\Delta E_i\\, \\delta_\\mu / D` (the linear share
  :math:`\\tfrac12 s_i \\delta_\\mu` when D = 0). The shares sum exactly to the field
  and each has the sign of the memory's pull (towards :math:`\\xi_i^\\mu`).

Overlap plane
-------------
:func:`plane_energy` gives the energy of the states built from two memories a and b:
on the units where they agree the first k (in unit order) follow them and the others
oppose them; where they differ the first j follow a and the others follow b. Those
states have :math:`m_a = (u + v)/N`, :math:`m_b = (u - v)/N` with u = 2k - n_agree,
v = 2j - n_differ, so they fill the diamond :math:`|m_a + m_b| \\le 2 n_{agree}/N`,
:math:`|m_a - m_b| \\le 2 n_{differ}/N`. Their energies are exact (computed from
prefix sums of the overlaps, equal to ``energy()``). For the Hebbian rule with only
these two memories stored the energy depends on (m_a, m_b) alone,
:math:`E = -\\tfrac N2 (m_a^2 + m_b^2) + P/2 + \\theta \\cdot s`; with more memories it
also depends on which units follow which (through the other overlaps).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from . import _validation as _v
from .engine import TIE_RTOL
from .learning import Network

__all__ = [
    "FieldTerms", "UnitField", "PlaneEnergy", "field_terms", "unit_field", "explain_unit",
    "all_contributions", "plane_energy", "plane_state",
]

_KINDS = ("linear", "polynomial", "softmax")
# |h - theta| at or below TIE_RTOL (sum_r |c_r| + |self| + |theta|) is a tie: the
# engine's one definition (hopfield_core.engine.tie_tolerance) on this unit's terms.


@dataclass(frozen=True)
class FieldTerms:
    """Per-term pieces of the local fields along a trajectory (see the module docstring).

    Attributes
    ----------
    rule, kind : str
        The rule, and how terms combine: "linear", "polynomial" or "softmax".
    loadings : ndarray (N, R)
        Per-unit weight of each term (int8 memories, or float64 factors for Storkey).
    coef : ndarray (T+1, R), float64
        Per-frame coefficient of each term.
    self_coef : ndarray (T+1, R) or None
        "polynomial" only: term r also gets ``-s_i(t) * self_coef[t, r]``.
    diag : ndarray (N,) or None
        "linear" classic rules: the self term is ``-diag[i] * s_i(t)``.
    theta : ndarray (N,), float64
    memory : ndarray (R,), int
        The memory each term belongs to (-1: none).
    labels : tuple of str
        A short name per term.
    update_is_value : bool
        True for the modern rule: ``h - theta`` is the unit's next value, not a sign.
    """

    rule: str
    kind: str
    loadings: np.ndarray
    coef: np.ndarray
    self_coef: np.ndarray | None
    diag: np.ndarray | None
    theta: np.ndarray
    memory: np.ndarray
    labels: tuple[str, ...]
    update_is_value: bool = False

    @property
    def n_terms(self) -> int:
        """R, the number of terms."""
        return int(self.coef.shape[1])


@dataclass(frozen=True)
class UnitField:
    """One unit's field at one frame, term by term.

    ``terms`` (R,) sum with ``self_term`` to ``field`` (h_i); ``drive = field - theta``
    decides: ``decision`` is +1 or -1 (or the next value for the modern rule), and
    ``tie`` is True when the drive is zero up to rounding (the unit keeps its value).
    """

    unit: int
    state: float
    terms: np.ndarray
    self_term: float
    theta: float
    field: float
    drive: float
    decision: float
    tie: bool
    memory: np.ndarray
    labels: tuple[str, ...]

    def by_memory(self, n_memories: int) -> np.ndarray:
        """Terms summed per memory, shape (P,) (terms of no memory are left out)."""
        out = np.zeros(n_memories)
        keep = self.memory >= 0
        np.add.at(out, self.memory[keep], self.terms[keep])
        return out


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=-1, keepdims=True)
    p = np.exp(np.maximum(z, -700.0))
    return p / p.sum(axis=-1, keepdims=True)


def _poly_coefficients(z: np.ndarray, degree: int, n_units: int) -> tuple[np.ndarray, np.ndarray]:
    """a(z), b(z) of the dense rule (module docstring), z = m the overlaps."""
    n, N = degree, float(n_units)
    a = np.zeros_like(z)
    b = np.zeros_like(z)
    for k in range(1, n + 1):
        c = math.comb(n, k) * 2.0**k * N ** (1 - k) / (2.0 * n)
        term = c * z ** (n - k)
        if k % 2:
            a += term
        else:
            b += term
    return a, b


def _storkey_memory(U: np.ndarray, X: np.ndarray) -> np.ndarray:
    """Storkey keeps two factors per memory, (xi/N, ...) then (-h/N, ...): check and map."""
    P, R = X.shape[0], U.shape[1]
    if R != 2 * P:
        return np.full(R, -1)
    for mu in range(P):
        col = U[:, 2 * mu]
        if not np.allclose(col, col[0] * X[mu, 0] * X[mu]):
            return np.full(R, -1)
    return np.repeat(np.arange(P), 2)


def field_terms(net: Network, states: Any, theta: Any = 0.0) -> FieldTerms:
    """The per-term pieces of the fields of every unit along a run.

    Parameters
    ----------
    net : Network
        Any rule of :func:`hopfield_core.store`.
    states : array_like (T+1, N) or (N,)
        The run's frames (``trajectory.states``) or one state.
    theta : float or array_like (N,)
        The threshold of the run.

    Returns
    -------
    FieldTerms
        ``contribution_r(t, i) = loadings[i, r] * coef[t, r]`` (minus
        ``s_i(t) * self_coef[t, r]`` for "polynomial"; a share of the flip's energy
        change for "softmax", see the module docstring). Costs O(T P N) once.

    Raises
    ------
    ValueError
        For a state of the wrong length or non-finite values.
    """
    if not isinstance(net, Network):
        raise ValueError(f"net must be a Network from hopfield_core.store, found "
                         f"{type(net).__name__}")
    S = np.asarray(states)
    if S.ndim == 1:
        S = S[None, :]
    th = _v.as_theta(theta, net.n_units)
    X = np.asarray(net.patterns)
    Xf = X.astype(np.float64)
    XT = np.ascontiguousarray(X.T)  # (N, P) loadings: unit i's row holds xi_i^mu
    N, P = net.n_units, net.n_patterns
    M = _project(S, Xf.T, N) / N  # (T+1, P) overlaps
    mem = np.arange(P)
    names = tuple(f"memory {mu + 1}" for mu in range(P))
    rule = net.rule
    if rule == "hebbian":
        d = net.factors()[2]
        return FieldTerms(rule, "linear", XT, M, None, np.array(d), th, mem, names)
    if rule == "pseudoinverse":
        U, V, d = net.factors()
        coef = M @ np.linalg.pinv(Xf @ Xf.T / N, hermitian=True)
        # the memories' coordinates must give the engine's field; else fall back to factors
        ends, _ = _v.as_real_states(S[[0, -1]], N, "states")
        ref = (ends @ V) @ U.T
        if np.allclose(coef[[0, -1]] @ Xf, ref, rtol=0, atol=1e-9 * (1 + np.abs(ref).max())):
            return FieldTerms(rule, "linear", XT, coef, None, np.array(d), th, mem, names)
        return _factor_terms(net, S, th, np.full(U.shape[1], -1))
    if rule == "storkey":
        return _factor_terms(net, S, th, _storkey_memory(net.factors()[0], X))
    if rule == "dense":
        a, b = _poly_coefficients(M, int(net.params["degree"]), N)
        return FieldTerms(rule, "polynomial", XT, a, b, None, th, mem, names)
    if rule == "exponential":
        return FieldTerms(rule, "softmax", XT, _softmax(M * N), None, None, th, mem, names)
    if rule == "modern":
        p = _softmax(float(net.params["beta"]) * M)
        return FieldTerms(rule, "linear", XT, p, None, None, th, mem, names,
                          update_is_value=True)
    raise ValueError(f"no field decomposition for rule {rule!r}")


def _project(S: np.ndarray, mat: np.ndarray, n_units: int) -> np.ndarray:
    """``S @ mat`` for frames S (T+1, N), validated and converted a block of frames at a
    time (a long 256x256 run in float64 at once would take hundreds of MiB)."""
    out = np.empty((S.shape[0], mat.shape[1]))
    step = max(1, (1 << 22) // max(1, n_units))
    for a in range(0, S.shape[0], step):
        block, _ = _v.as_real_states(S[a:a + step], n_units, "states")
        out[a:a + step] = block @ mat
    return out


def _factor_terms(net: Network, S: np.ndarray, th: np.ndarray, memory: np.ndarray) -> FieldTerms:
    U, V, d = net.factors()
    if memory.size and memory[0] >= 0:
        labels = tuple(f"memory {r // 2 + 1} ({'Hebb' if r % 2 == 0 else 'correction'})"
                       for r in range(U.shape[1]))
    else:
        labels = tuple(f"factor {r + 1}" for r in range(U.shape[1]))
    return FieldTerms(net.rule, "linear", np.array(U), _project(S, V, net.n_units), None, np.array(d), th,
                      memory, labels)


def _terms_at(ft: FieldTerms, t: int, units: np.ndarray, s: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Terms (n, R) and self terms (n,) of ``units`` whose states are ``s`` at frame t."""
    L = ft.loadings[units].astype(np.float64)
    a = ft.coef[t]
    if ft.kind == "linear":
        self_term = np.zeros(units.size) if ft.diag is None else -ft.diag[units] * s
        return L * a, self_term
    if ft.kind == "polynomial":
        return L * a - s[:, None] * ft.self_coef[t], np.zeros(units.size)
    # softmax: shares of the flip's energy change
    x = s[:, None] * L
    delta = a * -np.expm1(-2.0 * x)
    D = delta.sum(axis=1)
    safe = np.where(D == 0, 1.0, D)
    ratio = np.where(D == 0, 1.0, -np.log1p(-np.minimum(D, 1.0 - 1e-300)) / safe)
    return 0.5 * s[:, None] * ratio[:, None] * delta, np.zeros(units.size)


def all_contributions(ft: FieldTerms, t: int, state: Any) -> tuple[np.ndarray, np.ndarray]:
    """Every unit's terms at frame t: ``(terms (N, R), self_terms (N,))``, O(N R).

    ``state`` is the frame's state (N,); ``terms.sum(1) + self_terms`` is the field.
    """
    s = np.asarray(state, dtype=np.float64)
    return _terms_at(ft, int(t), np.arange(s.size), s)


def unit_field(ft: FieldTerms, t: int, unit: int, state_of_unit: float) -> UnitField:
    """Unit ``unit``'s field at frame ``t`` term by term, in O(R).

    Raises
    ------
    ValueError
        For a frame or unit out of range.
    """
    T1, N = ft.coef.shape[0], ft.loadings.shape[0]
    if not (0 <= int(t) < T1 and 0 <= int(unit) < N):
        raise ValueError(f"frame must be in [0, {T1 - 1}] and unit in [0, {N - 1}]; "
                         f"found frame {t}, unit {unit}")
    s = float(state_of_unit)
    terms, self_term = _terms_at(ft, int(t), np.array([int(unit)]), np.array([s]))
    terms, self_term = terms[0], float(self_term[0])
    th = float(ft.theta[unit])
    field = float(terms.sum() + self_term)
    drive = field - th
    scale = float(np.abs(terms).sum() + abs(self_term) + abs(th))
    tie = (not ft.update_is_value) and abs(drive) <= TIE_RTOL * scale
    if ft.update_is_value:
        decision = drive
    else:
        decision = s if tie else (1.0 if drive > 0 else -1.0)
    return UnitField(int(unit), s, terms, self_term, th, field, drive, decision, tie,
                     ft.memory, ft.labels)


def explain_unit(net: Network, state: Any, unit: int, theta: Any = 0.0) -> UnitField:
    """:func:`unit_field` for one state: why unit ``unit`` of ``state`` goes where it goes."""
    s = np.asarray(state, dtype=np.float64)
    return unit_field(field_terms(net, s, theta), 0, unit, float(s[unit]))


# -- the overlap plane ----------------------------------------------------------------


@dataclass(frozen=True)
class PlaneEnergy:
    """Energies of the states built from memories a and b (module docstring).

    ``energy[row, col]`` is the energy at ``m_a = x[col]``, ``m_b = y[row]`` (NaN outside
    the diamond of reachable overlaps); ``k`` and ``j`` (same shape, -1 outside) say which
    state of :func:`plane_state` each cell shows, and ``m_a``, ``m_b`` its exact overlaps.
    """

    a: int
    b: int
    x: np.ndarray
    y: np.ndarray
    energy: np.ndarray
    k: np.ndarray
    j: np.ndarray
    m_a: np.ndarray
    m_b: np.ndarray
    note: str


def _plane_groups(X: np.ndarray, a: int, b: int) -> tuple[np.ndarray, np.ndarray]:
    agree = np.flatnonzero(X[a] == X[b])
    differ = np.flatnonzero(X[a] != X[b])
    return agree, differ


def plane_state(patterns: Any, a: int, b: int, k: int, j: int) -> np.ndarray:
    """The state of the (a, b) plane with k agreeing and j differing units following a.

    On the units where memories a and b agree, the first k (in unit order) equal them
    and the rest are flipped; where they differ, the first j equal memory a and the
    rest equal memory b. Returns an (N,) int8 state.
    """
    X = _v.as_patterns(patterns)
    agree, differ = _plane_groups(X, a, b)
    if not (0 <= k <= agree.size and 0 <= j <= differ.size):
        raise ValueError(f"k must be in [0, {agree.size}] and j in [0, {differ.size}]")
    s = X[a].copy()
    s[agree[k:]] *= -1
    s[differ[j:]] = X[b][differ[j:]]
    return s


def _energy_from_stats(net: Network, q: np.ndarray, uv: tuple | None, ths: np.ndarray) -> np.ndarray:
    """Energy of bipolar states from their overlaps q = X s (and (U^T s, V^T s))."""
    N, P = net.n_units, net.n_patterns
    if uv is not None:
        d = net.factors()[2]
        return -0.5 * (np.einsum("...r,...r->...", *uv) - d.sum()) + ths
    m = q / N
    if net.rule == "dense":
        n = int(net.params["degree"])
        return -(N / n) * np.sum(m**n, axis=-1) + (P / 2.0 if n == 2 else 0.0) + ths
    if net.rule == "exponential":
        top = q.max(axis=-1)
        return -(top + np.log(np.exp(np.maximum(q - top[..., None], -700.0)).sum(axis=-1))) + ths
    beta = float(net.params["beta"])  # modern, at a bipolar state s.s = N
    z = beta * m
    top = z.max(axis=-1)
    lse = top + np.log(np.exp(np.maximum(z - top[..., None], -700.0)).sum(axis=-1))
    return -(N / beta) * lse + 0.5 * N + ths


def plane_energy(net: Network, a: int, b: int, theta: Any = 0.0,
                 resolution: int = 81) -> PlaneEnergy | None:
    """The energy over the overlap plane of memories a and b, as a heat-map grid.

    Parameters
    ----------
    net : Network
    a, b : int
        Memory indices (0-based), the horizontal (m_a) and vertical (m_b) axes.
    theta : float or array_like (N,)
    resolution : int
        Cells per axis over [-1, 1] (at least 3).

    Returns
    -------
    PlaneEnergy, or None where no plane exists (a and b equal or opposite, so the
    diamond is a line). Cost O((P + R) N + resolution^2 (P + R)).
    """
    if not isinstance(net, Network):
        raise ValueError("net must be a Network from hopfield_core.store")
    P, N = net.n_patterns, net.n_units
    for name, v in (("a", a), ("b", b)):
        if not (isinstance(v, (int, np.integer)) and 0 <= int(v) < P):
            raise ValueError(f"{name} must be a memory index from 0 to {P - 1}; found {v!r}")
    res = _v.as_positive_int(resolution, "resolution", minimum=3)
    th = _v.as_theta(theta, N)
    X = np.asarray(net.patterns)
    agree, differ = _plane_groups(X, int(a), int(b))
    if agree.size == 0 or differ.size == 0:
        return None
    base = plane_state(X, a, b, 0, 0).astype(np.float64)  # k = j = 0: -xi_a on agree, xi_b on differ
    # Linear statistics of the state: overlaps q = X s, theta . s, and (U^T s, V^T s).
    mats = [X.T.astype(np.float64), th[:, None]]
    classic = net.rule in ("hebbian", "storkey", "pseudoinverse")
    if classic:
        U, V, _ = net.factors()
        mats += [U, V]
    L = np.hstack(mats)  # (N, F)
    s0 = base @ L
    # following a on a unit of `agree` (or `differ`) changes s_i by 2 xi_a,i (by xi_a - xi_b)
    step_agree = 2.0 * X[a][agree, None] * L[agree]
    step_differ = (X[a][differ] - X[b][differ]).astype(np.float64)[:, None] * L[differ]
    cum_k = np.vstack([np.zeros(L.shape[1]), np.cumsum(step_agree, axis=0)])
    cum_j = np.vstack([np.zeros(L.shape[1]), np.cumsum(step_differ, axis=0)])
    x = np.linspace(-1.0, 1.0, res)
    MA, MB = np.meshgrid(x, x)  # rows: m_b, columns: m_a
    u, v = N * (MA + MB) / 2.0, N * (MA - MB) / 2.0
    k = np.rint((u + agree.size) / 2.0).astype(int)
    j = np.rint((v + differ.size) / 2.0).astype(int)
    # a cell shows a state only when the nearest lattice point is within half a cell
    ma_s = ((2 * k - agree.size) + (2 * j - differ.size)) / N
    mb_s = ((2 * k - agree.size) - (2 * j - differ.size)) / N
    half = 1.0 / (res - 1) + 1e-12
    inside = ((k >= 0) & (k <= agree.size) & (j >= 0) & (j <= differ.size)
              & (np.abs(ma_s - MA) <= half) & (np.abs(mb_s - MB) <= half))
    kk, jj = np.where(inside, k, 0), np.where(inside, j, 0)
    stats = s0 + cum_k[kk] + cum_j[jj]  # (res, res, F)
    q, ths = stats[..., :P], stats[..., P]
    uv = (stats[..., P + 1:P + 1 + U.shape[1]], stats[..., P + 1 + U.shape[1]:]) if classic else None
    E = np.where(inside, _energy_from_stats(net, q, uv, ths), np.nan)
    note = (f"energy of the states mixing memory {a + 1} and memory {b + 1} (where they agree "
            f"the first units follow both, where they differ the first follow {a + 1} and the "
            f"rest {b + 1})")
    if P > 2:
        note += "; the other memories' overlaps also depend on which units, so the run's own " \
                "energy can lie off this surface"
    return PlaneEnergy(int(a), int(b), x, x.copy(), E, np.where(inside, k, -1),
                       np.where(inside, j, -1), np.where(inside, ma_s, np.nan),
                       np.where(inside, mb_s, np.nan), note)
