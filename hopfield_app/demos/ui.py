"""Small Streamlit pieces the demo views share: a picture, signed numbers, a spread line."""

from __future__ import annotations

import numpy as np
import streamlit as st

from hopfield_app import views

__all__ = ["pic", "fmt", "sgn", "sup", "spread_line"]


def pic(pattern: np.ndarray, grid, caption: str | None = None, width: int = 200) -> None:
    views.pattern_image(pattern, grid, caption=caption, width=width)


def fmt(x: float) -> str:
    """A signed number with a true minus sign: +0.25, −0.50."""
    return f"{x:+.2f}".replace("-", "−")


def sgn(v: int) -> str:
    return f"{int(v):+d}".replace("-", "−")


def sup(n: int) -> str:
    """``n`` in superscript digits."""
    return str(n).translate(str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹"))


def spread_line(text: str) -> None:
    """The outcome counts of many seeds or orders, shown instead of one lucky run."""
    st.markdown(f"**Spread:** {text}")
