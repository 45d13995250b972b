"""Tests for hopfield_core.patterns: image conversion and the built-in sets."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from hopfield_core.noise import add_noise, occlude
from hopfield_core.patterns import (
    BUILTIN_SETS,
    DIGIT_NAMES,
    LETTER_NAMES,
    SHAPE_NAMES,
    as_grid,
    builtin_set,
    correlation_matrix,
    digits,
    glyph,
    image_to_pattern,
    letters,
    otsu_threshold,
    pattern_to_image,
    random_patterns,
    resize,
    shapes,
    to_bipolar,
    to_grayscale,
)


# ----------------------------------------------------------------------------- grey levels


def test_to_grayscale_dtypes_scale_to_unit_range():
    np.testing.assert_allclose(to_grayscale(np.array([[0, 255]], dtype=np.uint8)), [[0.0, 1.0]])
    np.testing.assert_allclose(
        to_grayscale(np.array([[0, 65535, 255]], dtype=np.uint16)), [[0.0, 1.0, 255 / 65535]]
    )
    np.testing.assert_allclose(to_grayscale(np.array([[True, False]])), [[1.0, 0.0]])
    np.testing.assert_allclose(to_grayscale(np.array([[0.25, 0.75]])), [[0.25, 0.75]])


def test_to_grayscale_colour_uses_luma_and_composites_alpha_on_white():
    rgb = np.zeros((1, 3, 3), dtype=np.uint8)
    rgb[0, 0] = (255, 0, 0)
    rgb[0, 1] = (0, 255, 0)
    rgb[0, 2] = (0, 0, 255)
    np.testing.assert_allclose(to_grayscale(rgb)[0], [0.299, 0.587, 0.114])
    rgba = np.zeros((1, 2, 4), dtype=np.uint8)  # black pixels, one opaque, one transparent
    rgba[0, 0, 3] = 255
    np.testing.assert_allclose(to_grayscale(rgba)[0], [0.0, 1.0])
    la = np.array([[[0, 0], [0, 255]]], dtype=np.uint8)
    np.testing.assert_allclose(to_grayscale(la)[0], [1.0, 0.0])


@pytest.mark.parametrize(
    "bad",
    [np.zeros((0, 5)), np.zeros((3, 3, 5)), np.zeros(7), np.array([[np.nan, 0.0]]), [["a"]]],
)
def test_to_grayscale_rejects_bad_images(bad):
    with pytest.raises(ValueError):
        to_grayscale(bad)


# ----------------------------------------------------------------------------- Otsu


def test_otsu_threshold_splits_a_bimodal_image():
    """Two noisy modes around 0.2 and 0.8: the threshold falls between them and
    binarising recovers the two regions exactly."""
    rng = np.random.default_rng(0)
    truth = np.zeros((60, 60), dtype=bool)
    truth[10:40, 15:45] = True
    gray = np.where(truth, 0.2, 0.8) + rng.normal(0.0, 0.04, truth.shape)
    gray = np.clip(gray, 0.0, 1.0)
    t = otsu_threshold(gray)
    assert 0.35 < t < 0.65
    np.testing.assert_array_equal(to_bipolar(gray) == 1, truth)


def test_otsu_threshold_two_levels_sits_halfway_and_flat_image_is_half():
    gray = np.array([[0.0, 1.0], [1.0, 1.0]])
    assert abs(otsu_threshold(gray) - 0.5) < 0.01
    assert otsu_threshold(np.full((4, 4), 0.3)) == 0.5
    # an all-black picture is all ink, an all-white one all paper
    assert (to_bipolar(np.zeros((3, 3))) == 1).all()
    assert (to_bipolar(np.ones((3, 3))) == -1).all()


def test_otsu_threshold_nearly_uniform_page_is_not_speckled():
    rng = np.random.default_rng(3)
    page = 0.97 + rng.uniform(-0.01, 0.01, (40, 40))  # white paper with faint noise
    assert otsu_threshold(page) == 0.5
    assert (to_bipolar(page) == -1).all()
    assert (to_bipolar(1.0 - page) == 1).all()


def test_otsu_threshold_skewed_modes():
    gray = np.full((50, 50), 0.9)
    gray[:5, :5] = 0.1  # small dark blob, 1% of the pixels
    t = otsu_threshold(gray)
    assert 0.1 < t <= 0.9
    assert int((to_bipolar(gray) == 1).sum()) == 25


def test_to_bipolar_manual_threshold_and_invert():
    gray = np.array([[0.1, 0.4, 0.6, 0.9]])
    np.testing.assert_array_equal(to_bipolar(gray, threshold=0.5), [[1, 1, -1, -1]])
    np.testing.assert_array_equal(to_bipolar(gray, threshold=0.95), [[1, 1, 1, 1]])
    np.testing.assert_array_equal(to_bipolar(gray, threshold=0.5, invert=True), [[-1, -1, 1, 1]])
    assert to_bipolar(gray, threshold=0.5).dtype == np.int8
    for bad in (-0.1, 1.5, "x"):
        with pytest.raises(ValueError, match="threshold"):
            to_bipolar(gray, threshold=bad)


# ----------------------------------------------------------------------------- resize


@pytest.mark.parametrize("grid", [(2, 3), (3, 2), (16, 16), (7, 40), (256, 256), 9])
@pytest.mark.parametrize("method", ["nearest", "area"])
def test_resize_gives_the_requested_shape(grid, method):
    rng = np.random.default_rng(1)
    out = resize(rng.random((37, 53)), grid, method=method)
    assert out.shape == as_grid(grid)
    assert out.dtype == np.float64
    assert 0.0 <= out.min() and out.max() <= 1.0


def test_resize_nearest_picks_pixels_and_area_averages_blocks():
    img = np.arange(16, dtype=float).reshape(4, 4) / 15.0
    near = resize(img, (2, 2), method="nearest")
    # cell centres at input pixels (1, 1), (1, 3), (3, 1), (3, 3)
    np.testing.assert_allclose(near, img[[1, 3]][:, [1, 3]])
    area = resize(img, (2, 2), method="area")
    expected = img.reshape(2, 2, 2, 2).mean(axis=(1, 3))
    np.testing.assert_allclose(area, expected)
    for values in (near, area):
        assert set(np.round(values * 15).astype(int).ravel()) <= set(range(16))


def test_resize_area_keeps_mean_and_handles_fractional_cells():
    rng = np.random.default_rng(2)
    img = rng.random((30, 20))
    out = resize(img, (7, 9), method="area")
    # every output cell has the same footprint, so the mean is preserved exactly
    assert abs(out.mean() - img.mean()) < 1e-12
    # a thin dark line survives area shrinking as grey, and can vanish under nearest
    line = np.ones((40, 40))
    line[:, 21] = 0.0
    assert resize(line, (4, 4), method="area").min() < 0.99
    assert resize(line, (4, 4), method="nearest").min() == 1.0


def test_resize_keeps_the_scale_of_2d_input():
    """A bipolar pattern resampled by area averaging stays in [-1, 1] (used to move
    memories to another grid); uint8 levels stay 0..255."""
    pat = np.where(np.arange(64).reshape(8, 8) % 3 == 0, 1.0, -1.0)
    small = resize(pat, (4, 4), method="area")
    np.testing.assert_allclose(small, pat.reshape(4, 2, 4, 2).mean(axis=(1, 3)))
    assert small.min() >= -1.0 and small.max() <= 1.0
    big = resize(np.array([[0, 255]], dtype=np.uint8), (2, 4))
    np.testing.assert_array_equal(big, [[0, 0, 255, 255], [0, 0, 255, 255]])


def test_resize_upsampling_nearest_repeats_pixels():
    img = np.array([[0.0, 1.0], [1.0, 0.0]])
    np.testing.assert_array_equal(resize(img, (4, 4)), np.kron(img, np.ones((2, 2))))
    np.testing.assert_allclose(resize(img, (4, 4), method="area"), np.kron(img, np.ones((2, 2))))


@pytest.mark.parametrize(
    ("grid", "method"), [((1, 5), "area"), ((300, 4), "area"), ((4, 4), "cubic"), ("big", "area")]
)
def test_resize_rejects_bad_grid_or_method(grid, method):
    with pytest.raises(ValueError):
        resize(np.zeros((5, 5)), grid, method=method)


# ----------------------------------------------------------------------------- patterns <-> images


def test_image_to_pattern_of_a_black_square_on_white():
    img = np.full((64, 64, 3), 255, dtype=np.uint8)
    img[16:48, 16:48] = 0
    pat = image_to_pattern(img, (8, 8))
    assert pat.shape == (64,) and pat.dtype == np.int8
    expected = -np.ones((8, 8), dtype=np.int8)
    expected[2:6, 2:6] = 1
    np.testing.assert_array_equal(pat.reshape(8, 8), expected)
    np.testing.assert_array_equal(image_to_pattern(img, (8, 8), invert=True), -pat)


def test_pattern_to_image_round_trip():
    pat = random_patterns(1, 12 * 7, rng=3)[0]
    img = pattern_to_image(pat, (12, 7))
    assert img.shape == (12, 7) and img.dtype == np.uint8
    assert set(np.unique(img)) <= {0, 255}
    assert (img[pat.reshape(12, 7) == 1] == 0).all()  # +1 is black ink
    np.testing.assert_array_equal(image_to_pattern(img, (12, 7)), pat)
    grey = pattern_to_image(np.array([1.0, 0.0, -1.0, 0.5]), (2, 2))
    np.testing.assert_array_equal(grey, [[0, 128], [255, 64]])
    with pytest.raises(ValueError, match="units"):
        pattern_to_image(pat, (5, 5))


# ----------------------------------------------------------------------------- glyphs


@pytest.mark.parametrize("grid", [(16, 16), (50, 50)])
def test_glyphs_are_pairwise_distinct(grid):
    """Every digit and letter differs from every other in at least 4% of the cells
    (the closest pairs are O/Q and P/R), so a classifier or the eye can tell them apart."""
    pats = np.vstack([digits(grid), letters(grid)]).astype(np.int64)
    n = pats.shape[1]
    hamming = (pats[:, None, :] != pats[None, :, :]).sum(axis=-1)
    np.fill_diagonal(hamming, n)
    assert hamming.min() >= 0.04 * n
    ink = (pats == 1).mean(axis=1)
    assert ink.min() > 0.1 and ink.max() < 0.45  # readable strokes, mostly paper


@pytest.mark.parametrize("grid", [(16, 16), (50, 50), (24, 16), (64, 64)])
def test_glyph_stays_inside_margins_and_is_connected_ink(grid):
    rows, cols = grid
    for ch in DIGIT_NAMES + LETTER_NAMES:
        img = glyph(ch, grid).reshape(rows, cols)
        assert (img[0] == -1).all() and (img[-1] == -1).all()
        assert (img[:, 0] == -1).all() and (img[:, -1] == -1).all()
        assert int((img == 1).sum()) > 0


def test_glyph_stroke_width_scales_with_grid():
    """The vertical stem of "1" is about 15% of the glyph height: bold at 50x50."""
    def stem_width(grid):
        img = glyph("1", grid).reshape(grid)
        middle = img[grid[0] // 2 + grid[0] // 8]  # below the flag, above the base
        return int((middle == 1).sum())

    assert stem_width((16, 16)) >= 2
    assert stem_width((50, 50)) >= 5
    assert stem_width((100, 100)) >= 2 * stem_width((50, 50)) - 1


def test_digits_zero_and_one_at_50_recalled_in_one_sync_step():
    """Lecture demo 2: "0" and "1" stored Hebbian at 50x50; noisy and half-erased probes
    land exactly on their memory after one synchronous update."""
    grid = (50, 50)
    x = digits(grid)[:2].astype(np.float64)
    w = x.T @ x / x.shape[1]
    np.fill_diagonal(w, 0.0)
    for k in range(2):
        probes = [
            add_noise(x[k], 0.3, rng=k),
            occlude(x[k], grid, "lower half"),
            occlude(x[k], grid, "right half"),
        ]
        for probe in probes:
            h = w @ probe
            step = np.where(h > 0, 1, np.where(h < 0, -1, probe))
            np.testing.assert_array_equal(step, x[k])


def test_glyph_accepts_lower_case_and_rejects_others():
    np.testing.assert_array_equal(glyph("a", 16), glyph("A", 16))
    for bad in ("?", "AB", ""):
        with pytest.raises(ValueError, match="0-9 or A-Z"):
            glyph(bad, 16)


@given(rows=st.integers(2, 64), cols=st.integers(2, 64), index=st.integers(0, 35))
def test_glyph_any_grid_is_bipolar_with_some_ink(rows, cols, index):
    ch = (DIGIT_NAMES + LETTER_NAMES)[index]
    pat = glyph(ch, (rows, cols))
    assert pat.shape == (rows * cols,) and pat.dtype == np.int8
    assert set(np.unique(pat)) <= {-1, 1}
    assert (pat == 1).any()


# ----------------------------------------------------------------------------- shapes and sets


@pytest.mark.parametrize("grid", [(16, 16), (32, 32), (50, 50)])
def test_shapes_distinct_and_not_blank(grid):
    pats = shapes(grid)
    assert pats.shape == (len(SHAPE_NAMES), grid[0] * grid[1])
    c = correlation_matrix(pats)
    off = c[~np.eye(len(pats), dtype=bool)]
    assert off.max() < 0.9
    ink = (pats == 1).mean(axis=1)
    assert ink.min() > 0.1 and ink.max() < 0.9


def test_shapes_geometry_at_20():
    names, pats = builtin_set("shapes", (20, 20))
    imgs = dict(zip(names, pats.reshape(-1, 20, 20)))
    assert imgs["circle"][10, 10] == 1 and imgs["circle"][0, 0] == -1
    assert imgs["ring"][10, 10] == -1
    assert imgs["square"][10, 10] == -1 and imgs["square"][2, 10] == 1
    assert (imgs["horizontal stripes"] == imgs["horizontal stripes"][:, :1]).all()
    assert (imgs["vertical stripes"] == imgs["vertical stripes"][:1, :]).all()
    np.testing.assert_array_equal(imgs["cross"], imgs["cross"].T)


@pytest.mark.parametrize("name", BUILTIN_SETS)
@pytest.mark.parametrize("grid", [(2, 3), (16, 16), (9, 31)])
def test_builtin_set_shapes_and_names(name, grid):
    names, pats = builtin_set(name, grid, rng=0)
    assert len(names) == len(pats)
    assert pats.shape[1] == grid[0] * grid[1]
    assert pats.dtype == np.int8 and set(np.unique(pats)) <= {-1, 1}


def test_builtin_set_count_and_rng():
    names, pats = builtin_set("digits", 16, count=3)
    assert names == ["0", "1", "2"] and pats.shape == (3, 256)
    a = builtin_set("random", (10, 10), count=4, rng=5)[1]
    np.testing.assert_array_equal(a, builtin_set("random", (10, 10), count=4, rng=5)[1])
    assert a.shape == (4, 100)
    with pytest.raises(ValueError, match="built-in set"):
        builtin_set("faces", 16)
    with pytest.raises(ValueError, match="10 patterns"):
        builtin_set("digits", 16, count=11)
    with pytest.raises(ValueError, match="count"):
        builtin_set("letters", 16, count=0)


def test_random_patterns_bias():
    pats = random_patterns(20, 500, rng=6, bias=0.5)
    # P(+1) = 0.75; 10,000 units give a standard error of ~0.004
    assert abs((pats == 1).mean() - 0.75) < 0.02
    assert (random_patterns(2, 10, rng=1, bias=1.0) == 1).all()
    with pytest.raises(ValueError, match="bias"):
        random_patterns(2, 10, bias=2.0)
    with pytest.raises(ValueError, match="n_units"):
        random_patterns(2, 0)


def test_correlation_matrix_values():
    a = np.array([1, 1, -1, -1], dtype=np.int8)
    b = np.array([1, -1, 1, -1], dtype=np.int8)
    c = correlation_matrix(np.stack([a, b, -a]))
    np.testing.assert_allclose(c, [[1, 0, -1], [0, 1, 0], [-1, 0, 1]])
    with pytest.raises(ValueError):
        correlation_matrix(np.ones(4))


def test_as_grid_validation():
    assert as_grid(16) == (16, 16)
    assert as_grid((2, 3)) == (2, 3)
    assert as_grid(np.array([4, 5])) == (4, 5)
    for bad in ((1, 4), (4, 257), (2.5, 3), "16", (3, 4, 5), True):
        with pytest.raises(ValueError, match="grid"):
            as_grid(bad)
