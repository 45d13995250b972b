"""Exports of a run: GIF/MP4 frames and size, figure formats and text, CSV and .npz."""

from __future__ import annotations

import io

import numpy as np
import plotly.graph_objects as go
import pytest
from PIL import Image

import hopfield_core as hc
from hopfield_app.lecture import export


@pytest.fixture(scope="module")
def run():
    names, pats = hc.builtin_set("digits", (16, 16))
    probe = hc.add_noise(pats[3], 0.3, rng=1)
    traj = hc.run(hc.store(pats), probe, mode="async", steps=6, rng=2, frames_per_sweep=4)
    return traj, pats, [f"digit {n}" for n in names], traj.overlaps(pats)


def test_frame_indices_thin_evenly_and_keep_the_ends():
    idx = export.frame_indices(32001, 150)
    assert len(idx) == 150 and idx[0] == 0 and idx[-1] == 32000
    assert np.all(np.diff(idx) > 0)
    assert list(export.frame_indices(5, 150)) == [0, 1, 2, 3, 4]
    assert list(export.frame_indices(10, 150, chosen=[9, 3, 3, 99, -1])) == [0, 3, 9]


def test_state_picture_is_crisp_nearest_neighbour():
    pattern = np.array([1, -1, -1, 1], dtype=np.int8)
    pic = export.state_picture(pattern, (2, 2), size=100)
    assert pic.shape == (100, 100)
    assert set(np.unique(pic)) == {0, 255}  # no grey edges
    assert pic[0, 0] == 0 and pic[0, 99] == 255 and pic[99, 99] == 0


def test_gif_has_every_frame_at_the_chosen_size_and_speed(run):
    traj = run[0]
    data = export.gif_bytes(traj, (16, 16), size=320, fps=10)
    im = Image.open(io.BytesIO(data))
    # Equal consecutive frames (a fixed point held) are one GIF frame shown longer.
    distinct = 1 + int(np.sum(np.any(np.diff(traj.states, axis=0) != 0, axis=1)))
    assert im.format == "GIF" and im.n_frames == distinct and im.size == (320, 320)
    assert im.info["duration"] == 100
    total = 0
    for k in range(im.n_frames):
        im.seek(k)
        total += im.info["duration"]
    assert total == 100 * (traj.n_frames - 1) + 2000  # every frame 1/10 s, the last 2 s
    im.seek(im.n_frames - 1)
    last = np.asarray(im.convert("L"))
    expected = export.state_picture(traj.final, (16, 16), 320)
    assert np.array_equal(last < 128, expected < 128)


def test_gif_with_energy_curve_is_wider_and_coloured(run):
    traj = run[0]
    data = export.gif_bytes(traj, (16, 16), size=256, fps=5, energy=True)
    im = Image.open(io.BytesIO(data))
    assert im.n_frames >= 2 and im.size[0] > 256 + 200
    rgb = np.asarray(im.convert("RGB")).reshape(-1, 3).astype(int)
    assert np.any((rgb[:, 0] > 180) & (rgb[:, 1] < 90))  # the red "now" line


def test_a_long_run_makes_a_bounded_gif():
    class Long:  # 256x256, 2,001 frames: far more than an animation holds
        rng = np.random.default_rng(0)
        states = np.where(rng.random((2001, 256 * 256)) < 0.5, 1, -1).astype(np.int8)
        energies = np.linspace(0, -100, 2001)
        sweeps = np.arange(2001) / 4
        mode = "async"

    progress = []
    data = export.gif_bytes(Long, (256, 256), size=2000, fps=30, progress=progress.append)
    im = Image.open(io.BytesIO(data))
    assert im.n_frames == export.MAX_FRAMES
    assert max(im.size) <= export.MAX_SIDE
    assert progress and progress[-1] == 1.0 and progress == sorted(progress)


def test_mp4_is_a_video(run):
    traj = run[0]
    data = export.mp4_bytes(traj, (16, 16), size=256, fps=10, energy=True)
    assert data[4:8] == b"ftyp" and len(data) > 1000


def test_run_figure_in_every_format_with_its_text(run):
    traj, pats, labels, ov = run
    fig = export.run_figure(traj, (16, 16), ov, labels, frames=[0, 4, traj.n_frames - 1],
                            title="A noisy three comes back")
    png = export.figure_bytes(fig, "png")
    im = Image.open(io.BytesIO(png))
    assert im.size == (4000, 2250)  # 13.33 x 7.5 in at 300 dpi: 16:9
    assert abs(im.info["dpi"][0] - 300) < 1
    svg = export.figure_bytes(fig, "svg").decode()
    for text in ("Energy", "Overlap with each memory", "sweeps", "digit 3",
                 "A noisy three comes back"):
        assert text in svg, text
    pdf = export.figure_bytes(fig, "pdf")
    assert pdf.startswith(b"%PDF") and b"Energy" in pdf or pdf.startswith(b"%PDF")
    with pytest.raises(ValueError):
        export.figure_bytes(fig, "bmp")


def test_plotly_curves_export_for_print():
    fig = go.Figure()
    fig.add_scatter(x=[0.05, 0.1, 0.2], y=[1.0, 0.9, 0.2], mode="lines+markers", name="Hebbian",
                    error_y=dict(array=[0.01, 0.05, 0.1]))
    fig.add_scatter(x=[0.05, 0.1, 0.2], y=[1.0, 1.0, 0.8], mode="lines", name="Storkey",
                    line=dict(dash="dash"))
    fig.add_vline(x=0.138)
    fig.update_layout(title="Capacity", xaxis_title="load P/N", yaxis_title="recalled")
    svg = export.plotly_figure_bytes(fig, "svg").decode()
    for text in ("Capacity", "load P/N", "recalled", "Hebbian", "Storkey"):
        assert text in svg, text
    heat = go.Figure(go.Heatmap(z=np.eye(4), zmin=-1, zmax=1))
    assert export.plotly_figure_bytes(heat.to_dict(), "png", dpi=72)[:4] == b"\x89PNG"


def test_csv_has_a_row_per_frame_and_a_column_per_memory(run):
    traj, pats, labels, ov = run
    lines = export.csv_text(traj, ov, labels).strip().split("\n")
    assert len(lines) == traj.n_frames + 1
    head = lines[0].split(",")
    assert head[:3] == ["frame", "sweeps", "energy"] and len(head) == 3 + len(labels)
    last = lines[-1].split(",")
    assert float(last[2]) == pytest.approx(traj.energies[-1])
    assert float(last[3 + 3]) == pytest.approx(ov[-1, 3], abs=1e-5)


def test_npz_holds_the_whole_run_without_pickle(run):
    traj, pats, labels, ov = run
    data = export.npz_bytes(traj, patterns=pats, labels=labels, overlaps=ov, grid=(16, 16),
                            settings={"rule": "hebbian"})
    with np.load(io.BytesIO(data), allow_pickle=False) as z:
        assert np.array_equal(z["states"], traj.states)
        assert np.array_equal(z["energies"], traj.energies)
        assert list(z["labels"]) == labels and tuple(z["grid"]) == (16, 16)
        assert "hebbian" in str(z["settings_json"])


def test_the_playground_makes_and_offers_the_exports():
    from tests.app.conftest import add_builtin, open_page, press_run

    at = open_page("pages/playground.py")
    add_builtin(at, "digits", 3)
    press_run(at)
    assert not at.get("download_button") or all(
        "GIF" not in str(b.proto.label) for b in at.get("download_button"))
    at.button(key="lecture.make_anim").click()
    at.run()
    assert not at.exception, at.exception
    labels = [str(b.proto.label) for b in at.get("download_button")]
    assert any(label.startswith("Download GIF") for label in labels), labels
    at.text_input(key="lecture.fig_frames").set_value("0, 2, last, banana")
    at.selectbox(key="lecture.fig_format").set_value("svg")
    at.run()
    assert any("banana" in str(c.value) for c in at.caption)
    at.button(key="lecture.make_fig").click()
    at.run()
    assert not at.exception, at.exception
    labels = [str(b.proto.label) for b in at.get("download_button")]
    assert any(label.startswith("Download figure (SVG") for label in labels), labels
    assert any("CSV" in label for label in labels) and any(".npz" in label for label in labels)


def test_parse_frames():
    from hopfield_app.lecture.export_panel import parse_frames

    assert parse_frames("", 10) == (None, "")
    frames, note = parse_frames("0, 3; last, 99, x", 10)
    assert frames == [0, 3, 9] and "99" in note and "x" in note


def test_the_explore_pages_curves_export():
    from hopfield_app.explore import basins, capacity, weights

    result = hc.capacity_curve(36, [2, 4, 6], rules=["hebbian"], trials=2, noise=0.1, rng=0)
    fig = capacity.capacity_figure(result)
    svg = export.plotly_figure_bytes(fig, "svg").decode()
    assert fig.layout.xaxis.title.text in svg and "Hebbian" in svg
    basin = hc.basin_curve(36, 3, [0.1, 0.2], rules=["hebbian"], trials=2, rng=0)
    png = export.plotly_figure_bytes(basins.basin_figure(basin), "png", dpi=72)
    assert png[:4] == b"\x89PNG"
    pdf = export.plotly_figure_bytes(weights.correlation_figure(np.eye(3), ["a", "b", "c"]),
                                     "pdf")
    assert pdf.startswith(b"%PDF")
