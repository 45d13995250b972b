"""Shared test configuration: hypothesis profiles.

``default`` for development runs; ``ci`` (derandomised, so a CI run is
reproducible and never flaky from a fresh random draw) is loaded when the
``CI`` environment variable is set. ``HYPOTHESIS_PROFILE`` overrides both.
"""

import os

from hypothesis import settings

settings.register_profile("default", deadline=None, print_blob=True)
settings.register_profile("ci", deadline=None, print_blob=True, derandomize=True, database=None)
_profile = os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "default")
settings.load_profile(_profile)
