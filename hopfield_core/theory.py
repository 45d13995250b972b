"""Theory: the literature's formulas for capacity and for the one-step error of a bit."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .experiment_common import check_int

__all__ = ["AGS_ALPHA_C", "bit_error_probability", "pattern_error_probability",
           "mceliece_capacity", "storkey_capacity", "pseudoinverse_capacity", "dense_capacity",
           "theory_capacity"]

#: Critical load of the Hebbian network at T = 0 (Amit, Gutfreund & Sompolinsky 1985).
AGS_ALPHA_C = 0.138


def _phi(x: np.ndarray) -> np.ndarray:
    """Standard normal CDF, Phi(x) = erfc(-x / sqrt 2) / 2."""
    erfc = np.vectorize(math.erfc, otypes=[np.float64])
    return 0.5 * erfc(-np.asarray(x, dtype=np.float64) / math.sqrt(2.0))


def bit_error_probability(n_units: Any, n_patterns: Any) -> np.ndarray | float:
    """One-step probability that a bit of a stored Hebbian pattern is unstable.

    .. math:: p_{bit} = \\Phi\\Big(-\\sqrt{\\tfrac{N - 1}{P - 1}}\\Big)

    where Phi is the standard normal CDF, N the units and P the patterns (the
    crosstalk of the P - 1 other patterns over the N - 1 other units; zero
    diagonal). For large N this is Phi(-1/sqrt(alpha)) with alpha = P/N:
    0.001 at alpha = 0.105, 0.0036 at 0.138, 0.01 at 0.185 (Hertz, Krogh &
    Palmer 1991, Table 2.1). P = 1 gives 0.

    Parameters
    ----------
    n_units, n_patterns : int or array_like
        N >= 2 and P >= 1 (broadcast together).
    """
    n = np.asarray(n_units, dtype=np.float64)
    p = np.asarray(n_patterns, dtype=np.float64)
    if np.any(n < 2) or np.any(p < 1):
        raise ValueError(f"need N >= 2 and P >= 1; got N={n_units!r}, P={n_patterns!r}")
    with np.errstate(divide="ignore"):
        ratio = np.where(p > 1, (n - 1) / np.maximum(p - 1, 1e-300), np.inf)
    out = np.where(np.isinf(ratio), 0.0, _phi(-np.sqrt(np.where(np.isinf(ratio), 1.0, ratio))))
    return float(out) if out.ndim == 0 else out


def pattern_error_probability(n_units: Any, n_patterns: Any) -> np.ndarray | float:
    """One-step probability that a stored Hebbian pattern is NOT a fixed point.

    .. math:: p_{pattern} \\approx 1 - (1 - p_{bit})^N

    with p_bit from `bit_error_probability` (bits treated as independent).
    So 1 - p_pattern is the expected fraction of memories that are fixed points.
    """
    pb = np.asarray(bit_error_probability(n_units, n_patterns), dtype=np.float64)
    out = 1.0 - (1.0 - pb) ** np.asarray(n_units, dtype=np.float64)
    return float(out) if out.ndim == 0 else out


def _check_n(n_units: Any) -> np.ndarray:
    n = np.asarray(n_units, dtype=np.float64)
    if np.any(n < 2):
        raise ValueError(f"N must be >= 2 (log N must be positive); got {n_units!r}")
    return n


def _scalar(x: np.ndarray) -> np.ndarray | float:
    return float(x) if np.ndim(x) == 0 else x


def mceliece_capacity(n_units: Any, *, every_pattern: bool = False) -> np.ndarray | float:
    """Hebbian capacity for exact recall (McEliece et al. 1987), as a number of patterns.

    .. math:: P_{max} = \\frac{N}{2 \\ln N} \\quad (\\text{most patterns}), \\qquad
              \\frac{N}{4 \\ln N} \\quad (\\text{every pattern})

    N = 100 gives 10.9 (5.4 with ``every_pattern``); N = 1000 gives 72.4.
    """
    n = _check_n(n_units)
    return _scalar(n / ((4.0 if every_pattern else 2.0) * np.log(n)))


def storkey_capacity(n_units: Any) -> np.ndarray | float:
    """Storkey rule capacity (Storkey 1997): P_max = N / sqrt(2 ln N) (33.0 at N = 100)."""
    n = _check_n(n_units)
    return _scalar(n / np.sqrt(2.0 * np.log(n)))


def pseudoinverse_capacity(n_units: Any) -> np.ndarray | float:
    """Pseudo-inverse (projection) rule capacity: any P < N independent patterns (alpha < 1).

    Personnaz, Guyon & Dreyfus (1985); Kanter & Sompolinsky, PRA 35:380 (1987).
    """
    return _scalar(_check_n(n_units))


def dense_capacity(n_units: Any, degree: int = 3) -> np.ndarray | float:
    """Error-free capacity of the dense memory with F(x) = x^n (Krotov & Hopfield 2016).

    .. math:: K \\approx \\frac{N^{n-1}}{2 (2n - 3)!! \\ln N}

    where n is the degree and (2n-3)!! the double factorial. n = 2 gives the
    Hebbian N/(2 ln N); at N = 100, n = 3 gives 362 and n = 4 gives 7238.
    """
    n = _check_n(n_units)
    degree = check_int(degree, "degree", 2)
    dfact = math.prod(range(2 * degree - 3, 0, -2))
    return _scalar(n ** (degree - 1) / (2.0 * dfact * np.log(n)))


def theory_capacity(rule: str, n_units: Any, **params: Any) -> np.ndarray | float | None:
    """The literature's capacity, in patterns, for a rule (None where it has no finite line).

    hebbian: AGS 0.138 N (retrieval with ~1.5 % wrong bits); storkey:
    N / sqrt(2 ln N); pseudoinverse: N; dense: `dense_capacity` with ``degree``;
    exponential: 2^(N/2) (Demircigil et al. 2017), returned as a float.
    """
    n = _check_n(n_units)
    rule = str(rule).lower()
    if rule == "hebbian":
        return _scalar(AGS_ALPHA_C * n)
    if rule == "storkey":
        return storkey_capacity(n)
    if rule == "pseudoinverse":
        return pseudoinverse_capacity(n)
    if rule == "dense":
        return dense_capacity(n, int(params.get("degree", 3)))
    if rule == "exponential":
        return _scalar(np.power(2.0, n / 2.0))
    return None

