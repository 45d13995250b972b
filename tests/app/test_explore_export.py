"""The Capacity and Basins curves as print figures (PNG 300 dpi, SVG, PDF) through the app's
exporter, offered only when the app has one."""

from __future__ import annotations

import sys
import types

import plotly.graph_objects as go

from .conftest import open_page


def _run_capacity():
    at = open_page("pages/capacity.py", timeout=120)
    at.multiselect(key="capacity.rules").set_value(["Hebbian"])
    at.select_slider(key="capacity.n").set_value(36)
    at.slider(key="capacity.points").set_value(3)
    at.slider(key="capacity.trials").set_value(2)
    at.button(key="capacity.run").click()
    at.run()
    assert not at.exception, at.exception
    return at


def _download_labels(at) -> list[str]:
    return [b.proto.label for b in at.get("download_button")]


def test_figure_buttons_appear_with_the_exporter(monkeypatch):
    calls = []

    def plotly_figure_bytes(figure, fmt="png", *, dpi=300):
        assert isinstance(figure, go.Figure)
        calls.append((fmt, dpi))
        return b"figure"

    package = types.ModuleType("hopfield_app.lecture")
    export = types.ModuleType("hopfield_app.lecture.export")
    export.plotly_figure_bytes = plotly_figure_bytes
    package.export = export
    monkeypatch.setitem(sys.modules, "hopfield_app.lecture", package)
    monkeypatch.setitem(sys.modules, "hopfield_app.lecture.export", export)
    at = _run_capacity()
    labels = _download_labels(at)
    assert {"Figure (PNG, 300 dpi)", "Figure (SVG)", "Figure (PDF)"} <= set(labels)
    assert calls == []  # converted only when a button is clicked


def test_no_figure_buttons_without_an_exporter(monkeypatch):
    monkeypatch.setitem(sys.modules, "hopfield_app.lecture", None)  # import fails
    at = _run_capacity()
    assert not [label for label in _download_labels(at) if label.startswith("Figure")]
    assert "Download the numbers (CSV)" in _download_labels(at)


def test_the_curves_export_as_png_svg_and_pdf_with_their_text():
    """With the app's exporter: real files, the axis title drawn in the vector formats."""
    import pytest

    export = pytest.importorskip("hopfield_app.lecture.export")
    import hopfield_core as hc
    from hopfield_app.explore import basins, capacity

    cap = hc.capacity_curve(36, [2, 4, 6], rules=["hebbian", "storkey"], trials=2, rng=0)
    bas = hc.basin_curve(36, 3, [0.0, 0.3, 0.6], trials=2, rng=0)
    for fig in (capacity.capacity_figure(cap), basins.basin_figure(bas)):
        png = export.plotly_figure_bytes(fig, "png", dpi=300)
        svg = export.plotly_figure_bytes(fig, "svg", dpi=300)
        pdf = export.plotly_figure_bytes(fig, "pdf", dpi=300)
        assert png.startswith(b"\x89PNG") and pdf.startswith(b"%PDF")
        assert b"<svg" in svg
        from PIL import Image
        import io

        with Image.open(io.BytesIO(png)) as im:
            assert im.width >= 3000  # 13.3 in x 300 dpi: print quality
