"""Private checks used at the public boundary of the core.

Every helper turns user input into the array the maths expects, or raises a
``ValueError`` whose message names the argument, says what was expected and
what was found, and (where it helps) what to do. Internals trust what these
helpers return and never re-check.

Other core modules (for example ``dense.py``) may use these helpers too; they
are the one place where the wording of input errors lives.
"""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np

__all__: list[str] = []

MODES = ("sync", "async")


def _describe(values: np.ndarray, limit: int = 3) -> str:
    """A short list of offending values for an error message."""
    shown = ", ".join(repr(v.item() if hasattr(v, "item") else v) for v in values[:limit])
    return shown + (", ..." if values.size > limit else "")


def _as_numeric_array(x: Any, name: str) -> np.ndarray:
    """``np.asarray`` that turns ragged or non-numeric input into a clear ValueError."""
    try:
        arr = np.asarray(x)
    except (ValueError, TypeError) as exc:
        raise ValueError(
            f"{name} must be a rectangular array of numbers; it could not be read as one "
            f"(ragged rows of different lengths?): {exc}"
        ) from None
    if arr.dtype == object or not (
        np.issubdtype(arr.dtype, np.number) or arr.dtype == np.bool_
    ):
        raise ValueError(
            f"{name} must be an array of numbers (ragged rows of different lengths give an "
            f"object array); found dtype {arr.dtype}."
        )
    if arr.dtype == np.bool_:
        raise ValueError(
            f"{name} must hold the bipolar values -1 and +1, found booleans; "
            f"convert with 2 * x - 1."
        )
    if np.iscomplexobj(arr):
        raise ValueError(f"{name} must be real, found complex dtype {arr.dtype}.")
    return arr


def _check_bipolar(arr: np.ndarray, name: str, zero: bool = False) -> np.ndarray:
    """Return ``arr`` as ``np.int8`` after checking every value is -1 or +1 (or 0 when
    ``zero``: an undecided unit of a start state)."""
    allowed = "-1, 0 or +1" if zero else "-1 or +1"
    if np.issubdtype(arr.dtype, np.floating) and np.isnan(arr).any():
        raise ValueError(
            f"{name} contains NaN at {int(np.isnan(arr).sum())} place(s); every value must "
            f"be {allowed}."
        )
    bad = (arr != 1) & (arr != -1)
    if zero:
        bad &= arr != 0
    if bad.any():
        what = ("bipolar (-1 or +1), or 0 for an undecided unit" if zero
                else "bipolar (every value -1 or +1)")
        raise ValueError(
            f"{name} must be {what}; found {int(bad.sum())} other "
            f"value(s), e.g. {_describe(np.unique(arr[bad]))}. Map 0/1 data with 2 * x - 1."
        )
    return arr.astype(np.int8)


def as_patterns(patterns: Any, name: str = "patterns") -> np.ndarray:
    """Validate stored patterns: a non-empty (P, N) bipolar array (a 1-D array is one pattern).

    Returns a new C-contiguous ``np.int8`` array of shape (P, N).
    """
    arr = _as_numeric_array(patterns, name)
    if arr.ndim == 1:
        arr = arr[None, :]
    if arr.ndim != 2:
        raise ValueError(
            f"{name} must be a 2-D array of shape (P, N), one pattern per row; "
            f"found {arr.ndim} dimensions with shape {arr.shape}. Flatten images row-major."
        )
    if arr.shape[0] == 0 or arr.shape[1] == 0:
        raise ValueError(
            f"{name} is empty (shape {arr.shape}); store at least one pattern of at least "
            f"one unit."
        )
    return np.ascontiguousarray(_check_bipolar(arr, name))


def as_state(state: Any, n_units: int, name: str = "state", zero: bool = False) -> np.ndarray:
    """Validate one bipolar state of length ``n_units`` (0 entries allowed when ``zero``);
    returns a new ``np.int8`` copy."""
    arr = _as_numeric_array(state, name)
    if arr.ndim == 2 and 1 in arr.shape and arr.size == n_units:
        arr = arr.reshape(-1)
    if arr.ndim != 1:
        raise ValueError(
            f"{name} must be a 1-D array of {n_units} values; found shape {arr.shape}. "
            f"Flatten images row-major."
        )
    if arr.shape[0] != n_units:
        raise ValueError(
            f"{name} has {arr.shape[0]} units but the network has {n_units}; the probe "
            f"must have the same size as the stored patterns."
        )
    return np.array(_check_bipolar(arr, name, zero), dtype=np.int8, copy=True)


def as_states(states: Any, n_units: int, name: str = "states",
              zero: bool = False) -> tuple[np.ndarray, bool]:
    """Validate one bipolar state (N,) or a batch (B, N) (0 entries allowed when ``zero``).

    Returns ``(batch of shape (B, N) int8, was_single)``.
    """
    arr = _as_numeric_array(states, name)
    single = arr.ndim == 1
    if single:
        arr = arr[None, :]
    if arr.ndim != 2:
        raise ValueError(
            f"{name} must have shape ({n_units},) or (B, {n_units}); found shape {arr.shape}."
        )
    if arr.shape[1] != n_units:
        raise ValueError(
            f"{name} has {arr.shape[1]} units per state but the network has {n_units}."
        )
    if arr.shape[0] == 0:
        raise ValueError(f"{name} is an empty batch (shape {arr.shape}); pass at least one state.")
    return np.array(_check_bipolar(arr, name, zero), dtype=np.int8, copy=True), single


def as_real_states(states: Any, n_units: int, name: str = "state") -> tuple[np.ndarray, bool]:
    """Validate finite real states (N,) or (B, N) (for energies and fields).

    Returns ``(float64 batch of shape (B, N), was_single)``.
    """
    arr = _as_numeric_array(states, name)
    single = arr.ndim == 1
    if single:
        arr = arr[None, :]
    if arr.ndim != 2 or arr.shape[1] != n_units:
        raise ValueError(
            f"{name} must have shape ({n_units},) or (B, {n_units}) to match the network's "
            f"{n_units} units; found shape {np.shape(states)}."
        )
    arr = arr.astype(np.float64)
    if not np.isfinite(arr).all():
        raise ValueError(f"{name} contains NaN or infinite values; every value must be finite.")
    return arr, single


def as_theta(theta: Any, n_units: int, name: str = "theta") -> np.ndarray:
    """Validate a threshold: a finite scalar or a length-``n_units`` vector.

    Returns an (N,) float64 array.
    """
    arr = _as_numeric_array(theta, name).astype(np.float64)
    if arr.ndim == 0:
        arr = np.full(n_units, float(arr))
    elif arr.ndim != 1 or arr.shape[0] != n_units:
        raise ValueError(
            f"{name} must be a number or an array of {n_units} values (one per unit); "
            f"found shape {arr.shape}."
        )
    else:
        arr = arr.copy()
    if not np.isfinite(arr).all():
        raise ValueError(f"{name} must be finite; found NaN or infinity.")
    return arr


def as_weights(W: Any, name: str = "W") -> np.ndarray:
    """Validate a dense weight matrix: square, finite, real; returns a float64 copy."""
    arr = _as_numeric_array(W, name)
    if arr.ndim != 2 or arr.shape[0] != arr.shape[1] or arr.shape[0] == 0:
        raise ValueError(
            f"{name} must be a square (N, N) weight matrix; found shape {arr.shape}."
        )
    arr = np.array(arr, dtype=np.float64, copy=True)
    if not np.isfinite(arr).all():
        raise ValueError(f"{name} contains NaN or infinite weights; every weight must be finite.")
    return arr


ORDERS = ("random", "sequential", "replacement")


def as_order(order: Any) -> str:
    """Validate an asynchronous update order against ``ORDERS``."""
    key = order.strip().lower() if isinstance(order, str) else order
    if key not in ORDERS:
        raise ValueError(
            f"order must be one of {ORDERS} ('random': a fresh permutation of the units "
            f"each sweep; 'sequential': units 0, 1, ..., N-1; 'replacement': N units drawn "
            f"at random with replacement); found {order!r}."
        )
    return key


def as_mode(mode: Any) -> str:
    """Validate an update mode against ``MODES``."""
    key = mode.strip().lower() if isinstance(mode, str) else mode
    if key not in MODES:
        raise ValueError(f"mode must be one of {MODES}; found {mode!r}.")
    return key


def as_positive_int(value: Any, name: str, minimum: int = 1) -> int:
    """Validate an integer >= ``minimum`` (booleans and floats with a fraction are refused)."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral):
        if isinstance(value, numbers.Real) and not isinstance(value, (bool, np.bool_)):
            if np.isfinite(value) and float(value).is_integer():
                value = int(value)
            else:
                raise ValueError(f"{name} must be a whole number >= {minimum}; found {value!r}.")
        else:
            raise ValueError(f"{name} must be a whole number >= {minimum}; found {value!r}.")
    value = int(value)
    if value < minimum:
        raise ValueError(f"{name} must be >= {minimum}; found {value}.")
    return value


def as_temperature(temperature: Any) -> float:
    """Validate a temperature: a finite number >= 0."""
    if isinstance(temperature, (bool, np.bool_)) or not isinstance(temperature, numbers.Real):
        raise ValueError(f"temperature must be a number >= 0; found {temperature!r}.")
    t = float(temperature)
    if not np.isfinite(t):
        raise ValueError(f"temperature must be finite; found {temperature!r}.")
    if t < 0:
        raise ValueError(
            f"temperature must be >= 0 (0 = deterministic updates); found {temperature!r}."
        )
    return t


def as_rule(rule: Any, rules: tuple[str, ...]) -> str:
    """Validate a learning-rule name (case-insensitive) against ``rules``."""
    key = rule.strip().lower() if isinstance(rule, str) else rule
    if key not in rules:
        raise ValueError(f"rule must be one of {rules}; found {rule!r}.")
    return key
