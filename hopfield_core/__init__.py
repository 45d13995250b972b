"""Hopfield Explorer's engine: pure numpy, no plotting, no file I/O.

States and patterns are bipolar (values in {-1, +1}); patterns are a 2-D array
of shape (P, N), one pattern per row, images flattened row-major. Every public
name of every module is re-exported here, so ``import hopfield_core as hc``
is all a caller needs.
"""

from .learning import *  # noqa: F401,F403
from .learning import __all__ as _learning_all
from .dynamics import *  # noqa: F401,F403
from .dynamics import __all__ as _dynamics_all
from .energy import *  # noqa: F401,F403
from .energy import __all__ as _energy_all
from .noise import *  # noqa: F401,F403
from .noise import __all__ as _noise_all
from .patterns import *  # noqa: F401,F403
from .patterns import __all__ as _patterns_all
from .dense import *  # noqa: F401,F403
from .dense import __all__ as _dense_all
from .experiments import *  # noqa: F401,F403
from .experiments import __all__ as _experiments_all
from .engine import ORDERS  # noqa: F401
from .explain import *  # noqa: F401,F403
from .explain import __all__ as _explain_all

__all__ = [
    *_learning_all,
    *_dynamics_all,
    *_energy_all,
    *_noise_all,
    *_patterns_all,
    *_dense_all,
    *_experiments_all,
    *_explain_all,
]
