"""Experiments on whole populations of networks: capacity, basins, attractors, theory.

These are the questions the textbooks answer -- how many memories fit, how far a
probe may be from a memory and still come back, which states the network settles
in -- computed by recalling many probes at once through the engine
(:mod:`hopfield_core.engine`). One module per question: :mod:`~hopfield_core.capacity`,
:mod:`~hopfield_core.basins`, :mod:`~hopfield_core.attractors`, and the literature's
formulas in :mod:`~hopfield_core.theory`; this module gathers their public names.
"""

from __future__ import annotations

from .attractors import Attractor, AttractorResult, classify_state, find_attractors
from .basins import BasinResult, basin_curve
from .capacity import CapacityResult, capacity_curve, load_grid
from .experiment_common import RuleSpec
from .theory import (AGS_ALPHA_C, bit_error_probability, dense_capacity, mceliece_capacity,
                     pattern_error_probability, pseudoinverse_capacity, storkey_capacity,
                     theory_capacity)

__all__ = [
    "AGS_ALPHA_C",
    "RuleSpec",
    "CapacityResult",
    "BasinResult",
    "Attractor",
    "AttractorResult",
    "load_grid",
    "capacity_curve",
    "basin_curve",
    "find_attractors",
    "classify_state",
    "bit_error_probability",
    "pattern_error_probability",
    "mceliece_capacity",
    "storkey_capacity",
    "pseudoinverse_capacity",
    "dense_capacity",
    "theory_capacity",
]

