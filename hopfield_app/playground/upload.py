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
    try:
        pattern = hc.image_to_pattern(gray, grid, threshold=threshold,
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
    c1, c2 = st.columns([3, 2])
    with c2:
        st.toggle("Auto threshold", key=K.UPLOAD_AUTO,
                  help="Otsu's method picks the grey level that best splits dark from light.")
        st.toggle("Invert", key=K.UPLOAD_INVERT, help="For light drawings on a dark background.")
        st.slider("Threshold", 0.0, 1.0, step=0.01, key=K.UPLOAD_THRESHOLD,
                  disabled=bool(st.session_state.get(K.UPLOAD_AUTO, True)),
                  help="Pixels darker than this grey level (0 black, 1 white) become ink.")
    with c1:
        result = upload_pattern(grid)
        if result is not None:
            views.pattern_image(result[0], grid, caption=f"{result[1]} as {grid[0]}×{grid[1]}",
                                width=160)
    st.button("Store the upload", key="playground.upload_store", on_click=_store_upload_cb,
              args=(grid,), type="primary", disabled=result is None, width="stretch")
