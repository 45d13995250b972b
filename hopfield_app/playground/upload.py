"""An uploaded picture: decoded, binarised on the grid, previewed and stored."""

from __future__ import annotations

import numpy as np
import streamlit as st

import hopfield_core as hc
from hopfield_app import views
from hopfield_app.playground import store
from hopfield_app.playground.keys import K, say as _say


@st.cache_data(show_spinner=False, max_entries=8)
def _decode(data: bytes, name: str) -> tuple[np.ndarray, list[str]]:
    from hopfield_app import images

    return images.decode_upload(data, name)


FITS = {"pad": "Keep shape, pad", "crop": "Keep shape, crop", "stretch": "Stretch"}


def fit_to_grid(gray: np.ndarray, grid: tuple[int, int], fit: str) -> np.ndarray:
    """``gray`` (H, W) brought to the grid's aspect ratio before it is resized.

    "pad" adds a border of the picture's own edge colour (the median of its outermost
    pixels) around the shorter side; "crop" keeps the centre; "stretch" changes nothing
    (the resize then stretches it)."""
    gray = np.asarray(gray, dtype=np.float64)
    if gray.ndim != 2 or fit == "stretch" or min(gray.shape) == 0:
        return gray
    h, w = gray.shape
    rows, cols = int(grid[0]), int(grid[1])
    if h * cols == w * rows:
        return gray
    if fit == "crop":
        if h * cols > w * rows:  # too tall: keep the middle rows
            keep = max(1, int(round(w * rows / cols)))
            top = (h - keep) // 2
            return gray[top:top + keep]
        keep = max(1, int(round(h * cols / rows)))
        left = (w - keep) // 2
        return gray[:, left:left + keep]
    edge = float(np.median(np.concatenate([gray[0], gray[-1], gray[:, 0], gray[:, -1]])))
    if h * cols > w * rows:  # too tall: widen
        width = int(round(h * cols / rows))
        left = (width - w) // 2
        out = np.full((h, width), edge)
        out[:, left:left + w] = gray
        return out
    height = int(round(w * rows / cols))
    top = (height - h) // 2
    out = np.full((height, w), edge)
    out[top:top + h] = gray
    return out


def upload_pattern(grid: tuple[int, int]) -> tuple[np.ndarray, str] | None:
    """The binarised upload on ``grid`` (``None`` without a readable upload); shows errors."""
    file = st.session_state.get(K.UPLOAD)
    if file is None:  # removed by the user: forget its pattern too
        st.session_state.pop(K.UPLOAD_PATTERN, None)
        return None
    try:
        gray, notes = _decode(file.getvalue(), file.name)
    except ValueError as exc:  # images.ImageError is a ValueError
        st.session_state.pop(K.UPLOAD_PATTERN, None)
        st.error(f"{exc} The stored memories are unchanged.")
        return None
    for note in notes:
        st.warning(note)
    threshold = None if st.session_state.get(K.UPLOAD_AUTO, True) else float(
        st.session_state.get(K.UPLOAD_THRESHOLD, 0.5))
    fit = st.session_state.get(K.UPLOAD_FIT) or "pad"
    try:
        pattern = hc.image_to_pattern(fit_to_grid(gray, grid, fit), grid, threshold=threshold,
                                      invert=bool(st.session_state.get(K.UPLOAD_INVERT)))
    except ValueError as exc:
        st.error(f"Could not turn {file.name} into a pattern: {exc}")
        return None
    pattern = np.asarray(pattern, dtype=np.int8).ravel()
    if np.all(pattern == pattern[0]):  # nothing to recall: one colour everywhere
        st.session_state.pop(K.UPLOAD_PATTERN, None)
        gray_values = np.asarray(gray, dtype=np.float64)
        if gray_values.size == 0 or np.ptp(gray_values) < 1e-6:
            st.error(f"“{file.name}” has no contrast (every pixel is the same grey): there "
                     "is nothing to store. Upload a picture with dark and light parts.")
        else:
            what = "ink" if pattern[0] > 0 else "background"
            st.error(f"At this threshold every unit of “{file.name}” is {what}: there is "
                     "nothing to store. Turn on Auto threshold or move the Threshold slider.")
        return None
    stem = file.name.rsplit(".", 1)[0][:24] or "upload"
    st.session_state[K.UPLOAD_PATTERN] = (pattern, tuple(grid), stem)
    return pattern, stem


def _store_upload_cb(grid: tuple[int, int]) -> None:
    saved = st.session_state.get(K.UPLOAD_PATTERN)
    if saved is None or tuple(saved[1]) != tuple(grid):
        _say("warning", "Upload a readable picture first.")
        return
    store.add_memories([saved[2]], saved[0][None, :], grid)


def upload_panel(grid: tuple[int, int]) -> None:
    st.file_uploader("Picture (PNG, JPEG, GIF, BMP, WebP; up to 10 MB)",
                     type=["png", "jpg", "jpeg", "gif", "bmp", "webp"], key=K.UPLOAD,
                     help="It is turned grey, resized to the grid by area averaging and "
                          "thresholded: dark pixels become ink (+1).")
    # The switches get the column's full width: side by side with the preview their
    # labels were cut to "A…" and "I…".
    st.segmented_control("Shape", options=list(FITS), format_func=FITS.get, key=K.UPLOAD_FIT,
                         required=True,
                         help="A picture that is not the grid's shape keeps its proportions "
                              "with a border (pad) or loses its edges (crop), or is stretched.")
    c1, c2 = st.columns(2)
    c1.toggle("Auto threshold", key=K.UPLOAD_AUTO,
              help="Otsu's method picks the grey level that best splits dark from light.")
    c2.toggle("Invert", key=K.UPLOAD_INVERT, help="For light drawings on a dark background.")
    st.slider("Threshold", 0.0, 1.0, step=0.01, key=K.UPLOAD_THRESHOLD,
              disabled=bool(st.session_state.get(K.UPLOAD_AUTO, True)),
              help="Pixels darker than this grey level (0 black, 1 white) become ink.")
    result = upload_pattern(grid)
    if result is not None:
        views.pattern_image(result[0], grid, caption=f"{result[1]} as {grid[0]}×{grid[1]}",
                            width=160)
    st.button("Store the upload", key="playground.upload_store", on_click=_store_upload_cb,
              args=(grid,), type="primary", disabled=result is None, width="stretch")
