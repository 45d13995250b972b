"""The experiments give the numbers saved in tests/fixtures/core/experiments.npz.

The fixture holds capacity curves, basin curves and attractor searches for fixed
seeds, every rule and both update modes (see tests/fixtures/make_core_experiments.py).
A faster engine must reproduce them exactly; a commit that changes one says why.
"""

import importlib.util
from pathlib import Path

import numpy as np
import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
_spec = importlib.util.spec_from_file_location("make_core_experiments",
                                               FIXTURES / "make_core_experiments.py")
make = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make)


@pytest.fixture(scope="module")
def saved():
    with np.load(FIXTURES / "core" / "experiments.npz") as data:
        return {key: data[key] for key in data.files}


@pytest.fixture(scope="module")
def now():
    return make.compute()


def test_same_cases(saved, now):
    assert sorted(now) == sorted(saved)


def test_same_numbers(saved, now):
    differ = [key for key in saved
              if saved[key].shape != now[key].shape
              or not np.array_equal(saved[key], now[key], equal_nan=saved[key].dtype.kind == "f")]
    assert not differ, f"changed: {differ}"
