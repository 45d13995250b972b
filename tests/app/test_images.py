"""Tests for hopfield_app.images: uploads, the built-in pictures and pattern PNGs."""

import io
import warnings
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from hopfield_app import images
from hopfield_app.images import (
    ImageError,
    decode_upload,
    load_pictures,
    pattern_png,
    pattern_rgb,
    picture_set,
)
from hopfield_core.noise import add_noise, occlude
from hopfield_core.patterns import image_to_pattern

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"

# every fixture file and what must happen to it: ("ok", words in a note) or ("error", words)
EXPECTED = {
    "normal.png": ("ok", None),
    "transparent.png": ("ok", "white paper"),
    "gray16.png": ("ok", "16-bit"),
    "cmyk.jpg": ("ok", "CMYK"),
    "animated.gif": ("ok", "first frame"),
    "palette_transparent.png": ("ok", "white paper"),
    "la.png": ("ok", "white paper"),
    "rotated_exif.jpg": ("ok", "orientation"),
    "int32.tif": ("ok", "32-bit"),
    "float.tif": ("ok", "stretched"),
    "truncated.png": ("error", "damaged or cut short"),
    "corrupt.png": ("error", "not an image"),
    "not_an_image.txt": ("error", "not an image"),
    "zero_width.png": ("error", "Upload"),
    "bomb.png": ("error", "12000 x 12000 pixels"),
    "huge.png": ("error", "400 megapixels"),
}


def _decode_quietly(data: bytes, name: str):
    """Decode and return (result or ImageError, warnings that reached the caller)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            result = decode_upload(data, name)
        except ImageError as exc:
            result = exc
    return result, caught


def _png(arr: np.ndarray) -> bytes:
    buf = io.BytesIO()
    Image.fromarray(arr).save(buf, format="PNG")
    return buf.getvalue()


def test_every_fixture_file_is_listed():
    files = {p.name for p in FIXTURES.iterdir() if p.suffix != ".py" and p.is_file()}
    assert files == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_is_handled_without_escaping_exceptions_or_warnings(name):
    kind, words = EXPECTED[name]
    result, caught = _decode_quietly((FIXTURES / name).read_bytes(), name)
    assert [str(w.message) for w in caught] == []
    if kind == "error":
        assert isinstance(result, ImageError)
        message = str(result)
        assert words in message
        assert name in message  # says which file
        assert any(verb in message for verb in ("Upload", "upload", "Choose", "Shrink", "Export"))
    else:
        assert not isinstance(result, Exception), str(result)
        gray, notes = result
        assert gray.ndim == 2 and gray.dtype == np.float64 and gray.size > 0
        assert 0.0 <= gray.min() and gray.max() <= 1.0
        if words is None:
            assert notes == []
        else:
            assert any(words in n for n in notes), notes


def test_decode_normal_png_gives_the_drawing():
    gray, notes = decode_upload((FIXTURES / "normal.png").read_bytes(), "normal.png")
    assert gray.shape == (48, 64) and notes == []
    assert set(np.unique(np.round(gray, 2))) >= {0.0, 1.0}
    pat = image_to_pattern(gray, (12, 16)).reshape(12, 16)
    assert pat[6, 4] == 1  # inside the black disc
    assert pat[0, 0] == -1 and pat[-1, -1] == -1  # paper in the corners


def test_decode_transparent_png_composites_on_white():
    gray, _ = decode_upload((FIXTURES / "transparent.png").read_bytes(), "t.png")
    assert gray[20, 20] == 0.0  # the opaque black square
    assert gray[0, 0] == 1.0  # transparent -> white paper


def test_decode_16_bit_keeps_levels():
    gray, _ = decode_upload((FIXTURES / "gray16.png").read_bytes(), "g.png")
    assert abs(gray[16, 16] - 1000 / 65535) < 1e-6
    assert abs(gray[0, 0] - 60000 / 65535) < 1e-6


def test_decode_animated_gif_uses_first_frame():
    gray, notes = decode_upload((FIXTURES / "animated.gif").read_bytes(), "a.gif")
    assert "3 frames" in notes[0]
    assert gray[14, 5] < 0.5 and gray[14, 25] > 0.5  # the square is still on the left


def test_decode_exif_orientation_turns_the_picture_upright():
    gray, _ = decode_upload((FIXTURES / "rotated_exif.jpg").read_bytes(), "r.jpg")
    assert gray.shape == (40, 24)
    assert gray[:8].mean() < 0.2 and gray[12:].mean() > 0.8  # dark band back at the top


@pytest.mark.parametrize("orientation", range(2, 9))
def test_orientation_matches_pillow(orientation):
    rng = np.random.default_rng(orientation)
    arr = (rng.random((5, 7)) * 255).astype(np.uint8)
    expected = np.asarray(Image.fromarray(arr).transpose(images._ORIENTATION[orientation]))
    np.testing.assert_array_equal(images._orient(arr, orientation), expected)


def test_decode_empty_and_oversized_bytes(monkeypatch):
    with pytest.raises(ImageError, match="empty"):
        decode_upload(b"", "blank.png")
    monkeypatch.setattr(images, "MAX_BYTES", 100)
    with pytest.raises(ImageError, match="limit"):
        decode_upload((FIXTURES / "normal.png").read_bytes() + b"\0" * 200, "n.png")


def test_decode_refuses_more_pixels_than_the_limit(monkeypatch):
    monkeypatch.setattr(images, "MAX_PIXELS", 1000)
    with pytest.raises(ImageError, match="64 x 48 pixels"):
        decode_upload((FIXTURES / "normal.png").read_bytes(), "normal.png")


def test_decode_reduces_large_images_with_a_note():
    arr = np.full((300, 5000), 255, dtype=np.uint8)
    arr[100:200, :2500] = 0
    gray, notes = decode_upload(_png(arr), "wide.png")
    assert max(gray.shape) <= images.WORK_SIDE
    assert any("reduced" in n for n in notes)
    assert gray[gray.shape[0] // 2, 10] == 0.0 and gray[gray.shape[0] // 2, -10] == 1.0


def test_image_error_is_a_value_error():
    assert issubclass(ImageError, ValueError)


# ----------------------------------------------------------------------------- pictures


@pytest.mark.parametrize("grid", [(32, 32), (50, 50)])
def test_pictures_load_bipolar_and_distinct(grid):
    names, pats = load_pictures(grid)
    assert names == list(images.PICTURE_NAMES) and len(names) >= 8
    assert pats.shape == (len(names), grid[0] * grid[1]) and pats.dtype == np.int8
    assert set(np.unique(pats)) == {-1, 1}
    ink = (pats == 1).mean(axis=1)
    assert ink.min() > 0.2 and ink.max() < 0.65
    c = pats.astype(np.float64) @ pats.T / pats.shape[1]
    off = np.abs(c[~np.eye(len(names), dtype=bool)])
    assert off.max() < 0.7  # every pair clearly different
    first = np.abs(c[:5, :5][~np.eye(5, dtype=bool)])
    assert first.max() < 0.4  # the five the demos store together


def _hebbian(x: np.ndarray) -> np.ndarray:
    w = x.T.astype(np.float64) @ x / x.shape[1]
    np.fill_diagonal(w, 0.0)
    return w


def _sync_recall(w: np.ndarray, s: np.ndarray, steps: int = 20) -> np.ndarray:
    s = s.astype(np.float64)
    for _ in range(steps):
        h = w @ s
        new = np.where(h > 0, 1.0, np.where(h < 0, -1.0, s))
        if np.array_equal(new, s):
            break
        s = new
    return s


@pytest.mark.parametrize("grid", [(32, 32), (50, 50)])
def test_first_five_pictures_are_hebbian_memories(grid):
    """Stored together with the Hebbian rule, each of the first five pictures is a fixed
    point and is recalled from 20% flipped pixels."""
    x = load_pictures(grid)[1][:5]
    w = _hebbian(x)
    for k in range(5):
        h = w @ x[k]
        assert np.all(np.sign(h) == x[k])
        probe = add_noise(x[k], 0.2, rng=k)
        np.testing.assert_array_equal(_sync_recall(w, probe), x[k])


def test_half_erased_picture_recalled():
    """Demo "five pictures, half erased": picture 1 with its lower half set to -1."""
    grid = (50, 50)
    x = load_pictures(grid)[1][:5]
    probe = occlude(x[1], grid, "lower half")
    np.testing.assert_array_equal(_sync_recall(_hebbian(x), probe), x[1])


def test_load_pictures_returns_a_fresh_copy():
    _, a = load_pictures(16)
    a[:] = 1
    _, b = load_pictures(16)
    assert (b == -1).any()


def test_pictures_match_the_asset_files():
    names, pats = load_pictures((128, 128))
    for name, pat in zip(names, pats):
        with Image.open(images.ASSETS_DIR / f"{name}.png") as im:
            arr = np.asarray(im.convert("L"))
        assert arr.shape == (128, 128)
        np.testing.assert_array_equal(pat.reshape(128, 128) == 1, arr < 128)


def test_picture_set_forty_distinct_at_32():
    names, pats = picture_set((32, 32), 40, rng=10)
    assert len(names) == 40 == len(set(names)) and pats.shape == (40, 1024)
    assert names[: len(images.PICTURE_NAMES)] == list(images.PICTURE_NAMES)
    diff = (pats[:, None, :] != pats[None, :, :]).sum(axis=-1)
    off = diff[~np.eye(40, dtype=bool)]
    assert off.min() >= 0.03 * 1024  # no near-duplicates
    assert (1024 - off).min() >= 0.03 * 1024  # and no near-inverses
    again = picture_set((32, 32), 40, rng=10)
    np.testing.assert_array_equal(again[1], pats)
    assert picture_set((32, 32), 40, rng=11)[0] != names


def test_picture_set_errors():
    with pytest.raises(ValueError, match="count"):
        picture_set(16, 0)
    with pytest.raises(ValueError, match="distinct"):
        picture_set((2, 3), 40)


# ----------------------------------------------------------------------------- display


def test_pattern_rgb_is_crisp_black_on_white():
    pat = np.array([1, -1, -1, 1], dtype=np.int8)
    rgb = pattern_rgb(pat, (2, 2), 3)
    assert rgb.shape == (6, 6, 3) and rgb.dtype == np.uint8
    np.testing.assert_array_equal(rgb[:3, :3], 0)  # +1 -> black block
    np.testing.assert_array_equal(rgb[:3, 3:], 255)  # -1 -> white block
    grey = pattern_rgb(np.array([0.0, 1.0, -1.0, 0.5]), (2, 2), 1)
    assert grey[0, 0, 0] == 128
    with pytest.raises(ValueError, match="scale"):
        pattern_rgb(pat, (2, 2), 0)


def test_pattern_png_round_trip_and_automatic_scale():
    pat = load_pictures((50, 50))[1][0]
    data = pattern_png(pat, (50, 50))
    with Image.open(io.BytesIO(data)) as im:
        assert im.format == "PNG" and im.size == (500, 500)  # 512 // 50 = 10 px per unit
        arr = np.asarray(im)
    np.testing.assert_array_equal(arr[::10, ::10] == 0, pat.reshape(50, 50) == 1)
    with Image.open(io.BytesIO(pattern_png(pat, (50, 50), scale=2))) as im:
        assert im.size == (100, 100)
    with Image.open(io.BytesIO(pattern_png(np.ones(6), (2, 3), max_px=512))) as im:
        assert im.size == (510, 340)
