"""The record of one run: states, energies, why it stopped, and what one frame is."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

__all__ = ["Trajectory"]


@dataclass(eq=False)
class Trajectory:
    """The recorded run of a network: one row per frame.

    Attributes
    ----------
    states : ndarray of shape (T+1, N)
        ``states[0]`` is the initial state; np.int8 in {-1, +1} (0 for a unit of the
        start state not updated yet; float64 for the continuous "modern" rule).
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
    order : str
        The asynchronous update order ("random", "sequential" or "replacement"; "all at
        once" for sync).
    visited : ndarray of shape (T+1,), float64
        At each frame, the fraction of the N units updated at least once so far in the
        current sweep (step): 1 at the end of a sweep in the orders "random" and
        "sequential" and of every synchronous step; about 1 - 1/e = 63 % at the end of a
        sweep of N draws with replacement. 0 at frame 0.
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
    order: str = "random"
    visited: np.ndarray | None = None
    _changed: np.ndarray | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.energies = np.asarray(self.energies, dtype=np.float64)
        if self.sweeps is None:
            self.sweeps = np.arange(len(self.states), dtype=np.float64) / self.frames_per_sweep
        else:
            self.sweeps = np.asarray(self.sweeps, dtype=np.float64)
        if self.visited is None:
            # whole sweeps visit every unit; finer frames the fraction of the sweep done
            frac = self.sweeps - np.ceil(self.sweeps - 1.0)
            self.visited = np.where(np.arange(len(self.sweeps)) == 0, 0.0, frac)
        else:
            self.visited = np.asarray(self.visited, dtype=np.float64)

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

        (an undecided unit, 0, counts for neither side).

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
