"""An Explore page's settings in its address: a link opens the page with the same settings.

Each page declares its linkable widgets as a `LinkSpec` per widget key: the
name used in the address and what a value may be (one of some options, a few
of them, a number in a range, a range of numbers, on/off). On the first visit
of a page in a browser session, values found in the address replace the
defaults; afterwards the address follows the widgets. A value that is not
understood is dropped with a message naming it, and the default is kept:
a link never crashes a page nor asks for more than the widgets allow.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import streamlit as st

__all__ = ["LinkSpec", "parse", "encode", "restore", "publish"]


@dataclass(frozen=True)
class LinkSpec:
    """How one widget's value is written in the address.

    ``name`` is the parameter name; ``kind`` one of "choice" (one of
    ``options``), "choices" (several of ``options``), "int" / "float" (a number
    in [lo, hi]), "range" (two floats lo <= a <= b <= hi) and "bool".
    ``options`` may map the words of the address to the widget's values.
    """

    name: str
    kind: str
    options: Sequence[Any] | Mapping[str, Any] = ()
    lo: float = 0.0
    hi: float = 0.0

    def _table(self) -> dict[str, Any]:
        if isinstance(self.options, Mapping):
            return dict(self.options)
        return {str(o): o for o in self.options}


_MAX_TEXT = 200  # no parameter of these pages needs more


def parse(spec: LinkSpec, text: str) -> Any:
    """The widget value written as ``text``; raises ValueError when it is not one."""
    text = str(text).strip()
    if len(text) > _MAX_TEXT:
        raise ValueError("too long")
    if spec.kind == "choice":
        table = spec._table()
        if text not in table:
            raise ValueError("unknown")
        return table[text]
    if spec.kind == "choices":
        table = spec._table()
        words = [w for w in text.split(",") if w]
        if any(w not in table for w in words) or len(set(words)) != len(words):
            raise ValueError("unknown")
        return [table[w] for w in words]
    if spec.kind == "bool":
        if text not in ("0", "1"):
            raise ValueError("not 0 or 1")
        return text == "1"
    if spec.kind in ("int", "float"):
        value = float(text)
        if not math.isfinite(value) or not spec.lo <= value <= spec.hi:
            raise ValueError("out of range")
        if spec.kind == "int":
            if value != int(value):
                raise ValueError("not a whole number")
            return int(value)
        return value
    if spec.kind == "range":
        parts = text.split("_")
        if len(parts) != 2:
            raise ValueError("not a range")
        a, b = (float(p) for p in parts)
        if not (math.isfinite(a) and math.isfinite(b) and spec.lo <= a <= b <= spec.hi):
            raise ValueError("out of range")
        return (a, b)
    raise ValueError(f"unknown kind {spec.kind!r}")


def encode(spec: LinkSpec, value: Any) -> str:
    """``value`` as the text `parse` reads back."""
    inverse = {repr(v): k for k, v in spec._table().items()}
    if spec.kind == "choice":
        return inverse.get(repr(value), str(value))
    if spec.kind == "choices":
        return ",".join(inverse.get(repr(v), str(v)) for v in value)
    if spec.kind == "bool":
        return "1" if value else "0"
    if spec.kind == "int":
        return str(int(value))
    if spec.kind == "float":
        return f"{float(value):g}"
    if spec.kind == "range":
        return f"{float(value[0]):g}_{float(value[1]):g}"
    raise ValueError(f"unknown kind {spec.kind!r}")


def restore(page: str, specs: Mapping[str, LinkSpec]) -> list[str]:
    """On the page's first run in this session, put the address's values into the widgets.

    Call before `keep_widgets`. Returns the names of the parameters that were
    not understood (the page says so; their defaults are kept).
    """
    flag = f"{page}._link_read"
    if st.session_state.get(flag):
        return []
    st.session_state[flag] = True
    bad = []
    params = st.query_params
    for key, spec in specs.items():
        if spec.name not in params:
            continue
        try:
            value = parse(spec, params[spec.name])
        except (ValueError, TypeError):
            bad.append(spec.name)
            continue
        st.session_state[key] = value
        st.session_state.pop("_" + key, None)
    return bad


def publish(specs: Mapping[str, LinkSpec]) -> None:
    """Write the widgets' current values into the address (after the widgets exist)."""
    for key, spec in specs.items():
        if key in st.session_state:
            text = encode(spec, st.session_state[key])
            if st.query_params.get(spec.name) != text:
                st.query_params[spec.name] = text
