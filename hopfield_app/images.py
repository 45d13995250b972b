"""Image files in and out: uploads, the project's pictures, and crisp pattern PNGs.

Only numpy and Pillow here (no streamlit), so everything can be tested directly.

- :func:`decode_upload` turns the bytes of an uploaded file into grey levels in
  [0, 1], or raises :class:`ImageError` (a ``ValueError``) whose message says
  what was wrong and what to do. It never lets a Pillow exception or warning
  escape, refuses huge images before decoding their pixels, and explains
  (as notes) what it did to unusual files (first frame of an animation,
  transparency on white, 16-bit, CMYK, camera orientation, ...).
- :func:`load_pictures` and :func:`picture_set` give the pictures in ``assets/``
  as bipolar patterns on any grid.
- :func:`pattern_rgb` / :func:`pattern_png` draw a pattern with square,
  nearest-neighbour pixels (+1 black ink, -1 white paper, continuous states grey).
"""

from __future__ import annotations

import functools
import io
import re
import threading
import warnings
from pathlib import Path
from typing import Sequence

import numpy as np
from PIL import Image, UnidentifiedImageError

import hopfield_core.patterns as hp

__all__ = [
    "ImageError",
    "MAX_PIXELS",
    "MAX_BYTES",
    "WORK_SIDE",
    "ACCEPTED_TYPES",
    "ASSETS_DIR",
    "PICTURE_NAMES",
    "decode_upload",
    "load_pictures",
    "picture_set",
    "pattern_rgb",
    "pattern_png",
]

#: Largest image accepted, in pixels (width x height), checked from the header
#: before any pixel is decoded.
MAX_PIXELS = 40_000_000
#: Largest file accepted, in bytes.
MAX_BYTES = 50 * 1024 * 1024
#: Images with a longer side are reduced to about this size right after decoding
#: (the largest grid is 256 x 256, so nothing visible is lost).
WORK_SIDE = 2048
#: File types offered to the uploader (extensions without the dot).
ACCEPTED_TYPES: tuple[str, ...] = ("png", "jpg", "jpeg", "gif", "bmp", "webp", "tif", "tiff")
# Pillow decoders we allow: common raster formats only (no EPS/PDF helpers, no exotic parsers).
_FORMATS = ("PNG", "JPEG", "GIF", "BMP", "WEBP", "TIFF", "PPM", "ICO")

ASSETS_DIR = Path(__file__).resolve().parent.parent / "assets"

#: The picture files in ``assets/``, in the order :func:`load_pictures` returns them.
PICTURE_NAMES: tuple[str, ...] = (
    "boat",
    "umbrella",
    "cat",
    "moon",
    "fish",
    "house",
    "face",
    "tree",
    "star",
    "key",
    "heart",
    "car",
)

# warnings.catch_warnings swaps process-wide state; one decode at a time keeps two
# users' uploads from restoring each other's warning filters.
_DECODE_LOCK = threading.Lock()

_ORIENTATION = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}


class ImageError(ValueError):
    """An uploaded file that cannot be used; the message says why and what to do."""


def _name(filename: str) -> str:
    return f"“{filename}”" if filename else "The file"


def decode_upload(data: bytes, filename: str = "") -> tuple[np.ndarray, list[str]]:
    """Decode an uploaded image file to grey levels.

    Parameters
    ----------
    data : bytes
        The file's content.
    filename : str, optional
        Shown in messages.

    Returns
    -------
    gray : ndarray of np.float64, shape (H, W)
        Grey levels in [0, 1], 0 black, 1 white.
    notes : list of str
        What was done to the file that a user may want to know (empty for a
        plain picture).

    Raises
    ------
    ImageError
        For an empty, oversized, unreadable, truncated or non-image file, an
        image of zero size, or one with more than :data:`MAX_PIXELS` pixels
        (a possible decompression bomb), with a message saying what to do.
    """
    name = _name(filename)
    if data is None or len(data) == 0:
        raise ImageError(f"{name} is empty (0 bytes). Choose the image file again.")
    if len(data) > MAX_BYTES:
        raise ImageError(
            f"{name} is {len(data) / 1e6:.0f} MB; the limit is {MAX_BYTES / 1e6:.0f} MB. "
            "Save a smaller copy (a few hundred pixels wide is plenty) and upload that."
        )
    with _DECODE_LOCK, warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            gray, notes = _decode(bytes(data), name)
        except ImageError:
            raise
        except Image.DecompressionBombError as exc:
            raise ImageError(_too_big_message(name, _pixels_in(exc))) from None
        except UnidentifiedImageError:
            raise ImageError(
                f"{name} is not an image this app can read. Upload a PNG, JPEG, GIF, BMP "
                "or WebP picture."
            ) from None
        except MemoryError:
            raise ImageError(
                f"{name} needs more memory to decode than is available. Upload a smaller image."
            ) from None
        except Exception as exc:  # noqa: BLE001  Pillow's decoders raise many types
            raise ImageError(
                f"{name} could not be decoded: it looks damaged or cut short ({_short(exc)}). "
                "Export it again from your image program, or upload another picture."
            ) from None
    for w in caught:
        if issubclass(w.category, Image.DecompressionBombWarning):
            raise ImageError(_too_big_message(name, None))
    return gray, notes


def _short(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text if len(text) <= 80 else text[:77] + "..."


def _pixels_in(exc: BaseException) -> int | None:
    """The pixel count in Pillow's decompression-bomb message, when it gives one."""
    match = re.search(r"\((\d+) pixels\)", str(exc))
    return int(match.group(1)) if match else None


def _too_big_message(name: str, size: tuple[int, int] | int | None) -> str:
    if isinstance(size, tuple):
        what = f" is {size[0]} x {size[1]} pixels ({size[0] * size[1] / 1e6:.0f} megapixels)"
    elif isinstance(size, int):
        what = f" declares {size / 1e6:.0f} megapixels (it may be a decompression bomb)"
    else:
        what = " is far too large to decode safely (it may be a decompression bomb)"
    return (
        f"{name}{what}; the limit is {MAX_PIXELS / 1e6:.0f} megapixels. "
        "Shrink it (for example to 1000 x 1000) and upload it again: the largest grid "
        "is 256 x 256, so nothing is lost."
    )


def _decode(data: bytes, name: str) -> tuple[np.ndarray, list[str]]:
    notes: list[str] = []
    im = Image.open(io.BytesIO(data), formats=list(_FORMATS))
    width, height = im.size
    if width <= 0 or height <= 0:
        raise ImageError(f"{name} has no pixels ({width} x {height}). Upload a real picture.")
    if width * height > MAX_PIXELS:
        raise ImageError(_too_big_message(name, (width, height)))

    frames = int(getattr(im, "n_frames", 1) or 1)
    if frames > 1:
        im.seek(0)
        kind = "an animated GIF" if im.format == "GIF" else f"a {im.format} file"
        notes.append(f"This is {kind} with {frames} frames; only the first frame is used.")

    try:
        orientation = int(im.getexif().get(0x0112, 1))
    except Exception:  # noqa: BLE001  a broken EXIF block must not stop the picture
        orientation = 1

    if im.format == "JPEG" and max(width, height) > 2 * WORK_SIDE:
        # JPEG can decode at 1/2, 1/4 or 1/8 scale directly: far less memory and time
        im.draft(im.mode, (WORK_SIDE, WORK_SIDE))
    im.load()

    gray = _to_gray(im, notes, original=(width, height))

    if orientation in _ORIENTATION:
        gray = _orient(gray, orientation)
        notes.append("Rotated/flipped upright using the camera's orientation tag (EXIF).")

    if gray.size == 0:
        raise ImageError(f"{name} has no pixels. Upload a real picture.")
    return np.ascontiguousarray(gray, dtype=np.float64), notes


def _orient(gray: np.ndarray, orientation: int) -> np.ndarray:
    """Apply an EXIF orientation (2..8) to a (rows, cols) array, as Pillow's transpose."""
    ops = {
        2: lambda a: a[:, ::-1],
        3: lambda a: a[::-1, ::-1],
        4: lambda a: a[::-1, :],
        5: lambda a: a.T,
        6: lambda a: np.rot90(a, k=-1),
        7: lambda a: a[::-1, ::-1].T,
        8: lambda a: np.rot90(a, k=1),
    }
    return ops[orientation](gray)


def _to_gray(
    im: Image.Image, notes: list[str], original: tuple[int, int] | None = None
) -> np.ndarray:
    """Grey levels in [0, 1] of a loaded Pillow image of any mode.

    Colour and transparency are resolved by Pillow in 8 bits (luma
    0.299 R + 0.587 G + 0.114 B, transparent areas on white), and anything
    larger than :data:`WORK_SIDE` is reduced by block averaging before it
    becomes a float array, so a 40-megapixel upload never needs more than a
    few tens of megabytes here.
    """
    mode = im.mode
    if mode in ("P", "PA"):
        has_alpha = mode == "PA" or "transparency" in im.info
        im = im.convert("RGBA" if has_alpha else "RGB")
    elif mode == "1":
        im = im.convert("L")
    elif mode == "CMYK":
        im = im.convert("RGB")
        notes.append("CMYK (print) colours were converted to RGB; shades may differ slightly.")
    elif mode in ("La", "RGBa"):
        im = im.convert({"La": "LA", "RGBa": "RGBA"}[mode])
    elif mode.startswith("I;16"):
        im = im.convert("I")
        notes.append("16-bit image: grey levels scaled from 0..65535.")
        mode = "I;16"
    elif mode not in ("L", "LA", "RGB", "RGBA", "I", "F"):
        im = im.convert("RGB")
        notes.append(f"Image mode {mode} was converted to RGB.")

    if im.mode in ("LA", "RGBA"):
        alpha = im.getchannel("A")
        if alpha.getextrema()[0] < 255:
            notes.append("Transparent areas were placed on white paper.")
        paper = Image.new("RGBA", im.size, (255, 255, 255, 255))
        im = Image.alpha_composite(paper, im.convert("RGBA"))
    if im.mode in ("RGB", "RGBA"):
        im = im.convert("L")

    big = max(im.size)
    if big > WORK_SIDE:
        before = original or im.size
        im = im.reduce(int(np.ceil(big / WORK_SIDE)))
        notes.append(
            f"Large image ({before[0]} x {before[1]}) reduced to {im.size[0]} x {im.size[1]} "
            "for speed; the pattern grid is at most 256 x 256, so nothing visible is lost."
        )

    if im.mode == "L":
        return np.asarray(im, dtype=np.float64) / 255.0
    arr = np.asarray(im).astype(np.float64)  # mode "I" or "F"
    if mode == "I;16":
        return np.clip(arr / 65535.0, 0.0, 1.0)
    finite = np.isfinite(arr)
    if not finite.any():
        raise ImageError("The image holds no usable grey levels (all NaN). Upload another picture.")
    if not finite.all():
        arr = np.where(finite, arr, np.nanmin(np.where(finite, arr, np.nan)))
    lo, hi = float(arr.min()), float(arr.max())
    if im.mode == "I" and lo >= 0 and hi <= 255:
        return arr / 255.0
    if im.mode == "I" and lo >= 0 and hi <= 65535:
        notes.append("16-bit image: grey levels scaled from 0..65535.")
        return arr / 65535.0
    if im.mode == "F" and lo >= 0.0 and hi <= 1.0:
        notes.append("Floating-point image: values used as grey levels 0..1.")
        return arr
    notes.append(
        f"{'32-bit' if im.mode == 'I' else 'Floating-point'} image: grey levels stretched "
        f"from its range {lo:g}..{hi:g} to black..white."
    )
    span = hi - lo
    return (arr - lo) / span if span > 0 else np.ones(arr.shape)


# ----------------------------------------------------------------------------- pictures


@functools.lru_cache(maxsize=4)
def _asset_grays() -> tuple[tuple[str, np.ndarray], ...]:
    out = []
    for name in PICTURE_NAMES:
        path = ASSETS_DIR / f"{name}.png"
        with Image.open(path) as im:
            im.load()
            gray = hp.to_grayscale(np.asarray(im.convert("L")))
        gray.setflags(write=False)
        out.append((name, gray))
    return tuple(out)


@functools.lru_cache(maxsize=32)
def _pictures_cached(grid: tuple[int, int]) -> tuple[tuple[str, ...], np.ndarray]:
    names, pats = [], []
    for name, gray in _asset_grays():
        names.append(name)
        pats.append(hp.image_to_pattern(gray, grid, method="area", threshold=0.5))
    arr = np.stack(pats).astype(np.int8)
    arr.setflags(write=False)
    return tuple(names), arr


def load_pictures(grid: int | Sequence[int]) -> tuple[list[str], np.ndarray]:
    """The project's pictures (``assets/*.png``) as bipolar patterns on ``grid``.

    Parameters
    ----------
    grid : int or (rows, cols)
        Each side 2..256.

    Returns
    -------
    names : list of str
        :data:`PICTURE_NAMES` ("house", "tree", ...).
    patterns : ndarray of np.int8, shape (P, rows * cols)
        +1 ink, -1 paper; a fresh copy on every call.

    Notes
    -----
    Each picture is area-averaged onto the grid and thresholded at grey 0.5 (the
    files are pure black on white, so that is where Otsu's threshold lies too).
    """
    names, pats = _pictures_cached(hp.as_grid(grid))
    return list(names), pats.copy()


def _shift(img: np.ndarray, dr: int, dc: int) -> np.ndarray:
    """Shift a (rows, cols) bipolar image, filling the uncovered border with paper."""
    out = -np.ones_like(img)
    rows, cols = img.shape
    src = img[max(0, -dr): rows - max(0, dr), max(0, -dc): cols - max(0, dc)]
    out[max(0, dr): max(0, dr) + src.shape[0], max(0, dc): max(0, dc) + src.shape[1]] = src
    return out


def _candidates(grid: tuple[int, int]) -> list[tuple[str, np.ndarray]]:
    """Picture-like patterns, best first: pictures, mirrored and upside-down pictures,
    shapes, glyphs, shifted pictures. (No inverted pictures: the network stores s and
    -s alike, so an inverse is no new memory.)"""
    rows, cols = grid
    names, pics = load_pictures(grid)
    imgs = pics.reshape(-1, rows, cols)
    out: list[tuple[str, np.ndarray]] = [(n, p.ravel()) for n, p in zip(names, imgs)]
    out += [(f"{n} (mirrored)", p[:, ::-1].ravel()) for n, p in zip(names, imgs)]
    out += [(f"{n} (upside down)", p[::-1, :].ravel()) for n, p in zip(names, imgs)]
    shape_names, shape_pats = hp.builtin_set("shapes", grid)
    out += list(zip(shape_names, shape_pats))
    for char in hp.DIGIT_NAMES + hp.LETTER_NAMES:
        out.append((f"glyph {char}", hp.glyph(char, grid)))
    step_r, step_c = max(1, rows // 5), max(1, cols // 5)
    for dr, dc, label in ((0, step_c, "right"), (0, -step_c, "left"), (step_r, 0, "down"),
                          (-step_r, 0, "up")):
        out += [(f"{n} (shifted {label})", _shift(p, dr, dc).ravel()) for n, p in zip(names, imgs)]
    return out


def picture_set(
    grid: int | Sequence[int], count: int, rng=None
) -> tuple[list[str], np.ndarray]:
    """``count`` distinct picture-like patterns on ``grid`` (for "many memories" demos).

    Parameters
    ----------
    grid : int or (rows, cols)
    count : int
        How many patterns, at least 1 (up to a few hundred are available).
    rng : {numpy.random.Generator, int}, optional
        None keeps the fixed order (the pictures first, then their mirror images,
        shapes, digits and letters, shifted pictures); a seed draws a random
        selection, always starting with the asset pictures.

    Returns
    -------
    names : list of str
    patterns : ndarray of np.int8, shape (count, rows * cols)
        Pairwise distinct: any two differ in at least 3% of the units, and no
        pattern is the exact inverse of another.

    Raises
    ------
    ValueError
        If ``count`` is not a positive integer or more distinct patterns are
        asked for than the grid can offer.
    """
    g = hp.as_grid(grid)
    if isinstance(count, bool) or not isinstance(count, (int, np.integer)) or count < 1:
        raise ValueError(f"count must be a positive integer; got {count!r}.")
    cands = _candidates(g)
    n_pics = len(PICTURE_NAMES)
    if rng is not None:
        gen = np.random.default_rng(rng)
        rest = cands[n_pics:]
        order = gen.permutation(len(rest))
        cands = cands[:n_pics] + [rest[i] for i in order]
    n = g[0] * g[1]
    min_diff = max(1, int(np.ceil(0.03 * n)))
    chosen_names: list[str] = []
    chosen: list[np.ndarray] = []
    for name, pat in cands:
        if len(chosen) == count:
            break
        if (pat == 1).all() or (pat == -1).all():
            continue
        if chosen:
            stack = np.asarray(chosen)
            diff = (stack != pat).sum(axis=1)
            if diff.min() < min_diff or (n - diff).min() < min_diff:
                continue
        chosen_names.append(name)
        chosen.append(pat.astype(np.int8))
    if len(chosen) < count:
        raise ValueError(
            f"only {len(chosen)} distinct picture-like patterns fit a {g[0]}x{g[1]} grid; "
            f"asked for {count}. Use a larger grid or fewer patterns."
        )
    return chosen_names, np.stack(chosen)


# ----------------------------------------------------------------------------- display


def pattern_rgb(pattern: np.ndarray, grid: int | Sequence[int], scale: int = 1) -> np.ndarray:
    """RGB picture of a pattern with square ``scale`` x ``scale`` pixels per unit.

    Parameters
    ----------
    pattern : ndarray of shape (N,)
        Bipolar (+1 black, -1 white) or continuous in [-1, 1] (shades of grey).
    grid : int or (rows, cols)
    scale : int, optional
        Screen pixels per unit side (nearest-neighbour, never blurred), >= 1.

    Returns
    -------
    ndarray of np.uint8, shape (rows * scale, cols * scale, 3)
    """
    if isinstance(scale, bool) or not isinstance(scale, (int, np.integer)) or scale < 1:
        raise ValueError(f"scale must be a whole number of pixels >= 1; got {scale!r}.")
    gray = hp.pattern_to_image(pattern, grid)
    big = np.repeat(np.repeat(gray, int(scale), axis=0), int(scale), axis=1)
    return np.repeat(big[:, :, None], 3, axis=2)


def pattern_png(
    pattern: np.ndarray,
    grid: int | Sequence[int],
    *,
    scale: int | None = None,
    max_px: int = 512,
) -> bytes:
    """PNG bytes of a pattern, upscaled with crisp square pixels for ``st.image``.

    Parameters
    ----------
    pattern : ndarray of shape (N,)
        Bipolar or continuous in [-1, 1].
    grid : int or (rows, cols)
    scale : int, optional
        Pixels per unit; by default the largest whole number that keeps the
        longer side within ``max_px`` (at least 1).
    max_px : int, optional
        Size budget for the automatic scale.

    Returns
    -------
    bytes
        A greyscale PNG.
    """
    rows, cols = hp.as_grid(grid)
    if scale is None:
        scale = max(1, int(max_px) // max(rows, cols))
    rgb = pattern_rgb(pattern, (rows, cols), scale)
    buf = io.BytesIO()
    Image.fromarray(np.ascontiguousarray(rgb[:, :, 0])).save(buf, format="PNG")
    return buf.getvalue()
