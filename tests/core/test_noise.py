"""Tests for hopfield_core.noise: probes built from stored patterns."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from hopfield_core.noise import (
    add_noise,
    halfway,
    mixture,
    occlude,
    occlusion_mask,
    random_states,
)


def _bipolar(rng, shape):
    return np.where(rng.random(shape) < 0.5, -1, 1).astype(np.int8)


@given(
    n=st.integers(min_value=1, max_value=300),
    fraction=st.floats(min_value=0.0, max_value=1.0),
    seed=st.integers(min_value=0, max_value=2**32 - 1),
)
def test_add_noise_flips_exactly_round_fraction_times_n(n, fraction, seed):
    pattern = _bipolar(np.random.default_rng(seed), n)
    noisy = add_noise(pattern, fraction, rng=seed)
    assert noisy.dtype == np.int8
    assert int((noisy != pattern).sum()) == round(fraction * n)
    assert set(np.unique(noisy)) <= {-1, 1}


@given(
    b=st.integers(min_value=1, max_value=6),
    n=st.integers(min_value=1, max_value=80),
    fraction=st.floats(min_value=0.0, max_value=1.0),
)
def test_add_noise_batch_flips_exactly_per_row(b, n, fraction):
    rng = np.random.default_rng(3)
    patterns = _bipolar(rng, (b, n))
    noisy = add_noise(patterns, fraction, rng=rng)
    assert noisy.shape == (b, n)
    np.testing.assert_array_equal((noisy != patterns).sum(axis=1), round(fraction * n))


def test_add_noise_same_seed_same_flips_and_input_untouched():
    pattern = _bipolar(np.random.default_rng(0), 100)
    before = pattern.copy()
    a = add_noise(pattern, 0.25, rng=7)
    b = add_noise(pattern, 0.25, rng=np.random.default_rng(7))
    np.testing.assert_array_equal(a, b)
    np.testing.assert_array_equal(pattern, before)
    c = add_noise(pattern, 0.25, rng=8)
    assert not np.array_equal(a, c)


def test_add_noise_different_rows_get_different_units():
    patterns = np.ones((5, 200), dtype=np.int8)
    noisy = add_noise(patterns, 0.1, rng=1)
    assert len({tuple(np.flatnonzero(row == -1)) for row in noisy}) == 5


@pytest.mark.parametrize("fraction", [-0.1, 1.5, float("nan"), "lots"])
def test_add_noise_bad_fraction(fraction):
    with pytest.raises(ValueError, match="fraction"):
        add_noise(np.ones(4), fraction)


@pytest.mark.parametrize("bad", [[0, 1, 1], [2, -1], [[1, -1], [1]], []])
def test_add_noise_rejects_non_bipolar(bad):
    with pytest.raises(ValueError):
        add_noise(bad, 0.1)


@pytest.mark.parametrize(
    ("grid", "region", "count"),
    [
        ((10, 8), "lower half", 40),
        ((10, 8), "upper half", 40),
        ((10, 8), "left half", 40),
        ((10, 8), "right half", 40),
        ((9, 7), "lower half", 4 * 7),
        ((9, 7), "left half", 9 * 3),
        ((8, 8), "center", 16),
        ((8, 8), "centre", 16),
        ((8, 8), "none", 0),
        ((6, 5), (1, 3, 0, 5), 10),
        ((2, 3), "right half", 2),
    ],
)
def test_occlude_sets_exactly_the_region(grid, region, count):
    rows, cols = grid
    pattern = np.ones(rows * cols, dtype=np.int8)
    out = occlude(pattern, grid, region)
    assert int((out == -1).sum()) == count
    assert (pattern == 1).all()
    mask = occlusion_mask(grid, region)
    np.testing.assert_array_equal(out.reshape(grid)[mask], -1)
    np.testing.assert_array_equal(out.reshape(grid)[~mask], 1)


def test_occlude_lower_half_keeps_upper_half():
    pattern = _bipolar(np.random.default_rng(2), 50 * 50)
    out = occlude(pattern, (50, 50), "lower half").reshape(50, 50)
    np.testing.assert_array_equal(out[:25], pattern.reshape(50, 50)[:25])
    assert (out[25:] == -1).all()


def test_occlude_value_plus_one():
    out = occlude(-np.ones(16), (4, 4), "upper half", value=1)
    assert int((out == 1).sum()) == 8


@pytest.mark.parametrize(
    ("grid", "region", "match"),
    [
        ((4, 4), "top left", "region"),
        ((4, 4), (0, 5, 0, 2), "rectangle"),
        ((4, 4), (2, 2, 0, 2), "rectangle"),
        ((4, 4), (0, 1), "region"),
        ((3, 4), "lower half", "grid"),
    ],
)
def test_occlude_bad_region_or_grid(grid, region, match):
    with pytest.raises(ValueError, match=match):
        occlude(np.ones(16), grid, region)


def test_occlude_bad_value():
    with pytest.raises(ValueError, match="value"):
        occlude(np.ones(4), (2, 2), "left half", value=0)


def test_mixture_is_majority_and_stable_under_hebbian():
    """The 3-mixture of random patterns has overlap ~1/2 with each and is a fixed point
    of the Hebbian network at low load (Amit, Gutfreund & Sompolinsky 1985)."""
    rng = np.random.default_rng(11)
    patterns = _bipolar(rng, (3, 400))
    mix = mixture(patterns)
    np.testing.assert_array_equal(mix, np.sign(patterns.sum(axis=0)))
    overlaps = patterns.astype(int) @ mix / 400
    assert np.all(np.abs(overlaps - 0.5) < 0.1)  # expected 1/2, sd ~ 0.04 at N = 400
    w = patterns.T.astype(float) @ patterns / 400
    np.fill_diagonal(w, 0.0)
    h = w @ mix
    # stability: every local field agrees in sign with the state
    assert np.all(np.sign(h) == mix)


def test_mixture_indices_and_even_count_error():
    rng = np.random.default_rng(4)
    patterns = _bipolar(rng, (5, 30))
    np.testing.assert_array_equal(mixture(patterns, [2]), patterns[2])
    np.testing.assert_array_equal(
        mixture(patterns, [0, 1, 4]), np.sign(patterns[[0, 1, 4]].sum(axis=0))
    )
    with pytest.raises(ValueError, match="odd"):
        mixture(patterns, [0, 1])
    with pytest.raises(ValueError, match="odd"):
        mixture(patterns[:4])
    with pytest.raises(ValueError, match="between 0 and 4"):
        mixture(patterns, [0, 1, 5])


def test_halfway_keeps_agreeing_units_and_is_seeded():
    rng = np.random.default_rng(5)
    a, b = _bipolar(rng, (2, 500))
    h1 = halfway(a, b, rng=9)
    agree = a == b
    np.testing.assert_array_equal(h1[agree], a[agree])
    np.testing.assert_array_equal(halfway(a, b, rng=9), h1)
    # undecided units are fair coins: roughly half from each pattern (250 units, sd ~ 8)
    took_a = (h1[~agree] == a[~agree]).mean()
    assert 0.35 < took_a < 0.65
    assert halfway(a, b, rng=10)[~agree].tolist() != h1[~agree].tolist()


def test_halfway_size_mismatch():
    with pytest.raises(ValueError, match="same length"):
        halfway(np.ones(4), np.ones(5))


def test_random_states_shape_values_and_seed():
    s = random_states(7, 64, rng=1)
    assert s.shape == (7, 64) and s.dtype == np.int8
    assert set(np.unique(s)) == {-1, 1}
    np.testing.assert_array_equal(s, random_states(7, 64, rng=1))
    with pytest.raises(ValueError, match="count"):
        random_states(0, 5)
    with pytest.raises(ValueError, match="n_units"):
        random_states(2, 2.5)


def test_probes_never_mutate_their_inputs():
    rng = np.random.default_rng(12)
    patterns = _bipolar(rng, (3, 36))
    before = patterns.copy()
    occlude(patterns[0], (6, 6), "center")
    mixture(patterns)
    halfway(patterns[0], patterns[1], rng=1)
    add_noise(patterns, 0.5, rng=2)
    np.testing.assert_array_equal(patterns, before)
