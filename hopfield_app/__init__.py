"""Shared UI pieces for the pages: state, controls, views, player, image input."""

import numpy  # noqa: F401  (loads BLAS: threadpoolctl limits only the libraries loaded)
from threadpoolctl import threadpool_limits

# One BLAS thread for the whole server, as the deployment sets with OPENBLAS_NUM_THREADS:
# sessions and the experiments' own threads share the cores, and BLAS threads on top of
# them made a Capacity run three times slower (measured). Set once, on first import --
# after numpy is loaded: app.py imports this package before anything has loaded numpy.
threadpool_limits(limits=1, user_api="blas")
