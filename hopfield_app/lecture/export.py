"""Export a run for slides and papers: animation (GIF, MP4), figure (PNG, SVG, PDF), numbers.

Everything here is pure (arrays in, bytes out; no Streamlit), so pages, tests and
benchmarks call the same functions.

Bounded work for any run. An animation holds at most ``max_frames`` frames
(default :data:`MAX_FRAMES`): a longer run is subsampled evenly, always keeping
its first and last frame, and the picture is at most :data:`MAX_SIDE` pixels on
its longer side. A 256x256 run of 500 sweeps at 64 frames per sweep (32,001
frames) therefore makes the same 150-frame animation as a short one, in a few
seconds. Pictures are upscaled by a whole number of pixels per unit
(nearest-neighbour), so cells stay crisp.

Figures use matplotlib (Agg, no display) with slide-sized type: a 13.33 x 7.5 inch
(16:9) page whose text is 16-22 pt, legible when the figure fills a slide.
"""

from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from PIL import Image, ImageDraw, ImageFont

__all__ = [
    "MAX_FRAMES",
    "MAX_SIDE",
    "frame_indices",
    "state_picture",
    "animation_frames",
    "gif_bytes",
    "mp4_bytes",
    "run_figure",
    "figure_bytes",
    "plotly_to_matplotlib",
    "plotly_figure_bytes",
    "csv_text",
    "npz_bytes",
    "FIGURE_FORMATS",
]

MAX_FRAMES = 150
MAX_SIDE = 768
FIGURE_FORMATS = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf"}
INK = "#111827"
NOW = "#DC2626"
COLORWAY = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000",
            "#F0E442")
Progress = Callable[[float], None] | None


# --------------------------------------------------------------------------- frames


def frame_indices(n_frames: int, max_frames: int = MAX_FRAMES, chosen: Sequence[int] | None = None
                  ) -> np.ndarray:
    """Which frames an export shows: ``chosen`` (clipped, sorted, unique) or all of them,
    thinned evenly to at most ``max_frames`` (first and last always kept)."""
    if n_frames < 1:
        raise ValueError("the run has no frames")
    max_frames = int(min(max(max_frames, 2), MAX_FRAMES * 4))
    if chosen is not None:
        idx = np.unique(np.clip(np.asarray(list(chosen), dtype=np.int64), 0, n_frames - 1))
        return idx[:max_frames] if idx.size else np.array([n_frames - 1])
    if n_frames <= max_frames:
        return np.arange(n_frames)
    return np.unique(np.linspace(0, n_frames - 1, max_frames).round().astype(np.int64))


def _scale(grid: tuple[int, int], size: int) -> int:
    """Whole pixels per unit so that the longer side is at most ``size`` (at least 1)."""
    return max(1, int(min(size, MAX_SIDE)) // max(int(grid[0]), int(grid[1])))


def state_picture(state: np.ndarray, grid: tuple[int, int], size: int = 512) -> np.ndarray:
    """A (rows*k, cols*k) uint8 grey picture: +1 black ink, -1 white, between grey (0 and
    the continuous states of the modern rule); ``k`` whole, nearest-neighbour."""
    rows, cols = int(grid[0]), int(grid[1])
    s = np.asarray(state, dtype=np.float64).reshape(rows, cols)
    grey = np.clip((1.0 - s) * 127.5, 0, 255).round().astype(np.uint8)
    k = _scale(grid, size)
    return np.repeat(np.repeat(grey, k, axis=0), k, axis=1)


def _font(size: int) -> ImageFont.ImageFont:
    try:
        return ImageFont.load_default(size=size)
    except TypeError:  # an old Pillow without scalable default font
        return ImageFont.load_default()


def _energy_panel(energies: np.ndarray, sweeps: np.ndarray, height: int, unit: str
                  ) -> tuple[np.ndarray, Callable[[float], int], tuple[int, int]]:
    """The energy curve drawn once (RGB array), a map sweep -> pixel column, and the
    panel's plot rows (top, bottom) where the moving marker goes."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    dpi = 100
    width = int(height * 1.25)
    fig = Figure(figsize=(width / dpi, height / dpi), dpi=dpi)
    ax = fig.add_axes((0.2, 0.16, 0.74, 0.72))
    finite = np.isfinite(energies)
    ax.plot(sweeps[finite], energies[finite], color=COLORWAY[0], lw=2.5)
    ax.set_xlabel(unit, fontsize=max(10, height // 28), color=INK)
    ax.set_title("Energy E", fontsize=max(11, height // 24), color=INK)
    ax.tick_params(labelsize=max(9, height // 34), colors=INK)
    x0, x1 = float(sweeps[0]), float(sweeps[-1]) if sweeps[-1] > sweeps[0] else sweeps[0] + 1
    ax.set_xlim(x0, x1)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    rgb = np.asarray(canvas.buffer_rgba())[..., :3].copy()
    bbox = ax.get_window_extent()
    h = rgb.shape[0]

    def column(x: float) -> int:
        frac = (x - x0) / (x1 - x0)
        return int(round(bbox.x0 + frac * (bbox.x1 - bbox.x0)))

    return rgb, column, (int(h - bbox.y1), int(h - bbox.y0))


def animation_frames(traj: Any, grid: tuple[int, int], *, size: int = 512,
                     energy: bool = False, max_frames: int = MAX_FRAMES,
                     progress: Progress = None) -> list[np.ndarray]:
    """The frames of an animation of ``traj``: uint8 grey (H, W) pictures, or RGB with the
    energy curve beside the picture and a red line at the frame's moment."""
    states = np.asarray(traj.states)
    idx = frame_indices(len(states), max_frames)
    sweeps = np.asarray(getattr(traj, "sweeps", np.arange(len(states))), dtype=np.float64)
    panel = None
    if energy:
        unit = "sweeps" if getattr(traj, "mode", "async") != "sync" else "steps"
        height = state_picture(states[0], grid, size).shape[0]
        panel = _energy_panel(np.asarray(traj.energies, dtype=np.float64), sweeps,
                              max(height, 240), unit)
    frames = []
    for n, i in enumerate(idx):
        pic = state_picture(states[i], grid, size)
        if panel is not None:
            frames.append(_beside(pic, panel, float(sweeps[i])))
        else:
            frames.append(pic)
        if progress is not None and (n % 8 == 0 or n == len(idx) - 1):
            progress(0.7 * (n + 1) / len(idx))
    return frames


def _beside(pic: np.ndarray, panel: tuple, x: float) -> np.ndarray:
    rgb, column, (top, bottom) = panel
    chart = rgb.copy()
    c = min(max(column(x), 0), chart.shape[1] - 2)
    chart[top:bottom, c:c + 2] = (220, 38, 38)
    height = max(pic.shape[0], chart.shape[0])
    out = np.full((height, pic.shape[1] + 12 + chart.shape[1], 3), 255, dtype=np.uint8)
    y = (height - pic.shape[0]) // 2
    out[y:y + pic.shape[0], :pic.shape[1]] = pic[..., None]
    y = (height - chart.shape[0]) // 2
    out[y:y + chart.shape[0], pic.shape[1] + 12:] = chart
    return out


def gif_bytes(traj: Any, grid: tuple[int, int], *, size: int = 512, fps: float = 10,
              energy: bool = False, max_frames: int = MAX_FRAMES, loop: bool = True,
              progress: Progress = None) -> bytes:
    """An animated GIF of the run: at most ``max_frames`` frames, ``fps`` frames per
    second (2-50; GIF stores hundredths of a second), the last frame held 2 s."""
    frames = animation_frames(traj, grid, size=size, energy=energy, max_frames=max_frames,
                              progress=progress)
    fps = float(min(max(fps, 2), 50))
    if frames[0].ndim == 2:
        images = [Image.fromarray(f, mode="L").convert("P") for f in frames]
    else:
        first = Image.fromarray(frames[0]).quantize(colors=64, method=Image.Quantize.MEDIANCUT)
        images = [first] + [Image.fromarray(f).quantize(palette=first, dither=Image.Dither.NONE)
                            for f in frames[1:]]
    durations = [int(round(1000 / fps))] * len(images)
    durations[-1] = max(durations[-1], 2000)
    out = io.BytesIO()
    images[0].save(out, format="GIF", save_all=True, append_images=images[1:],
                   duration=durations, loop=0 if loop else 1, optimize=False, disposal=1)
    if progress is not None:
        progress(1.0)
    return out.getvalue()


def mp4_bytes(traj: Any, grid: tuple[int, int], *, size: int = 512, fps: float = 10,
              energy: bool = False, max_frames: int = MAX_FRAMES,
              progress: Progress = None) -> bytes:
    """An H.264 MP4 of the run (plays in slides and browsers), made by the ffmpeg that
    ships inside the ``imageio-ffmpeg`` package. Sizes are padded to even numbers
    (white), as the video format needs; the last frame is held 2 s."""
    import imageio_ffmpeg

    frames = animation_frames(traj, grid, size=size, energy=energy, max_frames=max_frames,
                              progress=progress)
    fps = float(min(max(fps, 1), 60))
    h, w = frames[0].shape[:2]
    H, W = h + h % 2, w + w % 2
    hold = max(1, int(round(2 * fps)))
    fd, path = tempfile.mkstemp(suffix=".mp4")
    os.close(fd)
    try:
        writer = imageio_ffmpeg.write_frames(
            path, (W, H), fps=fps, codec="libx264", pix_fmt_in="rgb24", quality=8,
            macro_block_size=1, output_params=["-pix_fmt", "yuv420p", "-movflags", "+faststart"],
            ffmpeg_log_level="error")
        writer.send(None)
        for n, f in enumerate(frames + [frames[-1]] * (hold - 1)):
            rgb = np.full((H, W, 3), 255, dtype=np.uint8)
            rgb[:h, :w] = f[..., None] if f.ndim == 2 else f
            writer.send(np.ascontiguousarray(rgb))
        writer.close()
        with open(path, "rb") as fh:
            data = fh.read()
    finally:
        os.unlink(path)
    if progress is not None:
        progress(1.0)
    return data


# --------------------------------------------------------------------------- figure


def _style(ax: Any, *, xlabel: str = "", ylabel: str = "", title: str = "") -> None:
    ax.set_xlabel(xlabel, fontsize=18, color=INK)
    ax.set_ylabel(ylabel, fontsize=18, color=INK)
    if title:
        ax.set_title(title, fontsize=20, color=INK, loc="left")
    ax.tick_params(labelsize=16, colors=INK, width=1.5, length=6)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_linewidth(1.5)
    ax.grid(True, color="#d1d5db", lw=0.8)


def run_figure(traj: Any, grid: tuple[int, int], overlaps: np.ndarray | None = None,
               labels: Sequence[str] | None = None, *, frames: Sequence[int] | None = None,
               n_strip: int = 6, title: str = "") -> Any:
    """A 16:9 matplotlib figure of the run: a strip of frames (``frames``, or ``n_strip``
    evenly spaced ones), the energy curve and the overlaps m_mu(t) = (1/N) xi_mu . s(t).
    Frames in the strip are marked on both curves."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    states = np.asarray(traj.states)
    sweeps = np.asarray(getattr(traj, "sweeps", np.arange(len(states))), dtype=np.float64)
    unit = "steps" if getattr(traj, "mode", "async") == "sync" else "sweeps"
    idx = frame_indices(len(states), max(2, min(int(n_strip), 10)), chosen=frames)
    fig = Figure(figsize=(40 / 3, 7.5), dpi=100, layout="constrained")
    outer = fig.add_gridspec(2, 1, height_ratios=(1.0, 1.25))
    strip = outer[0].subgridspec(1, len(idx))
    for k, i in enumerate(idx):
        ax = fig.add_subplot(strip[0, k])
        ax.imshow(state_picture(states[i], grid, 256), cmap="gray", vmin=0, vmax=255,
                  interpolation="nearest")
        ax.set_xticks([])
        ax.set_yticks([])
        for spine in ax.spines.values():
            spine.set_color(INK)
        ax.set_title(f"{sweeps[i]:.3g} {unit}" if i else "start", fontsize=18, color=INK)
    bottom = outer[1].subgridspec(1, 2, wspace=0.08)
    ax_e = fig.add_subplot(bottom[0, 0])
    energies = np.asarray(traj.energies, dtype=np.float64)
    ax_e.plot(sweeps, energies, color=COLORWAY[0], lw=3)
    ax_e.plot(sweeps[idx], energies[idx], "o", color=NOW, ms=9)
    _style(ax_e, xlabel=unit, ylabel="energy E", title="Energy")
    if overlaps is not None and np.asarray(overlaps).size:
        ov = np.asarray(overlaps, dtype=np.float64)
        ax_m = fig.add_subplot(bottom[0, 1])
        names = list(labels) if labels is not None else [f"memory {j + 1}" for j in
                                                        range(ov.shape[1])]
        order = np.argsort(-np.abs(ov[-1]))  # the memories the run ends nearest first
        shown = order[:6]
        for c, j in enumerate(shown):
            ax_m.plot(sweeps, ov[:, j], lw=3, color=COLORWAY[c % len(COLORWAY)],
                      label=str(names[j])[:20])
        if ov.shape[1] > len(shown):
            rest = order[len(shown):]
            ax_m.plot(sweeps, ov[:, rest], lw=1, color="#9ca3af")
        ax_m.set_ylim(-1.05, 1.05)
        _style(ax_m, xlabel=unit, ylabel="overlap m", title="Overlap with each memory")
        ax_m.legend(fontsize=14, frameon=False, loc="lower right",
                    ncol=2 if len(shown) > 3 else 1)
    if title:
        fig.suptitle(title, fontsize=22, color=INK)
    return fig


def figure_bytes(fig: Any, fmt: str = "png", *, dpi: int = 300) -> bytes:
    """A matplotlib figure as PNG (``dpi``, default 300), SVG (text kept as text) or PDF."""
    fmt = str(fmt).lower()
    if fmt not in FIGURE_FORMATS:
        raise ValueError(f"format must be one of {', '.join(FIGURE_FORMATS)}; got {fmt!r}")
    import matplotlib

    matplotlib.use("Agg")
    out = io.BytesIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "pdf.fonttype": 42}):
        fig.savefig(out, format=fmt, dpi=int(dpi) if fmt == "png" else 100, facecolor="white",
                    metadata={"Creator": "Hopfield Explorer"} if fmt != "png" else None)
    return out.getvalue()


# --------------------------------------------------------------------------- plotly


def _colour(value: Any, k: int) -> str:
    return value if isinstance(value, str) and value else COLORWAY[k % len(COLORWAY)]


def _arr(value: Any, dtype: Any = np.float64) -> np.ndarray:
    """A trace's data as an array; plotly's ``to_dict()`` may pack arrays as
    {"dtype", "bdata" (base64), "shape"}."""
    if isinstance(value, dict) and "bdata" in value:
        import base64

        raw = np.frombuffer(base64.b64decode(value["bdata"]), dtype=value.get("dtype", "f8"))
        shape = value.get("shape")
        if isinstance(shape, str):
            shape = tuple(int(x) for x in shape.split(","))
        return (raw.reshape(shape) if shape else raw).astype(dtype)
    return np.asarray(value, dtype=dtype)


def _text(title: Any) -> str:
    text = getattr(title, "text", None) if title is not None else None
    return str(text or "").replace("<br>", "\n").replace("<b>", "").replace("</b>", "")


def plotly_to_matplotlib(figure: Any, *, size: tuple[float, float] = (40 / 3, 7.5)) -> Any:
    """Redraw a plotly figure (or its ``to_dict()``) with matplotlib, for print: line and
    marker traces (lines, markers, dashes, error bars), bar traces and heatmaps, on one
    set of axes, with its titles and axis titles; vertical and horizontal reference lines
    (layout shapes) dashed. Slide-sized type as in :func:`run_figure`."""
    import matplotlib

    matplotlib.use("Agg")
    import plotly.graph_objects as go
    from matplotlib.figure import Figure

    fig_p = figure if isinstance(figure, go.Figure) else go.Figure(figure)
    fig = Figure(figsize=size, dpi=100, layout="constrained")
    ax = fig.add_subplot(1, 1, 1)
    legend = False
    for k, tr in enumerate(fig_p.data):
        kind = tr.type
        name = tr.name if getattr(tr, "showlegend", None) is not False else None
        if kind in ("scatter", "scattergl"):
            y = _arr(tr.y)
            x = _arr(tr.x if tr.x is not None else np.arange(len(y)), object)
            mode = tr.mode or "lines"
            line = tr.line or {}
            colour = _colour(getattr(line, "color", None) or getattr(tr.marker, "color", None), k)
            dash = {"dash": "--", "dot": ":", "dashdot": "-."}.get(getattr(line, "dash", None)
                                                                   or "", "-")
            fmt = ("o" if "markers" in mode else "") + (dash if "lines" in mode else "")
            try:
                xs = x.astype(np.float64)
            except (TypeError, ValueError):
                xs = np.arange(len(x))
                ax.set_xticks(xs, [str(v) for v in x])
            err = getattr(tr.error_y, "array", None) if tr.error_y is not None else None
            if err is not None:
                ax.errorbar(xs, y, yerr=_arr(err), fmt=fmt or "-",
                            color=colour, lw=3 if "lines" in mode else 0, ms=7, capsize=3,
                            label=name)
            else:
                ax.plot(xs, y, fmt or "-", color=colour, lw=3 if "lines" in mode else 0, ms=7,
                        label=name)
            legend = legend or bool(name)
        elif kind == "bar":
            x = [str(v) for v in _arr(tr.x, object)]
            ax.bar(x, _arr(tr.y),
                   color=_colour(getattr(tr.marker, "color", None), k), label=name)
            legend = legend or bool(name)
        elif kind == "heatmap":
            z = _arr(tr.z)
            image = ax.imshow(z, cmap="RdBu_r", interpolation="nearest", aspect="auto",
                              vmin=None if tr.zmin is None else float(tr.zmin),
                              vmax=None if tr.zmax is None else float(tr.zmax))
            fig.colorbar(image, ax=ax)
    for shape in fig_p.layout.shapes or ():
        if shape.type == "line" and shape.x0 == shape.x1 and shape.x0 is not None:
            ax.axvline(float(shape.x0), color=_colour(shape.line.color, 6), ls="--", lw=1.5)
        elif shape.type == "line" and shape.y0 == shape.y1 and shape.y0 is not None:
            ax.axhline(float(shape.y0), color=_colour(shape.line.color, 6), ls="--", lw=1.5)
    _style(ax, xlabel=_text(fig_p.layout.xaxis.title), ylabel=_text(fig_p.layout.yaxis.title),
           title=_text(fig_p.layout.title))
    if legend:
        ax.legend(fontsize=15, frameon=False)
    return fig


def plotly_figure_bytes(figure: Any, fmt: str = "png", *, dpi: int = 300) -> bytes:
    """A plotly figure (e.g. an Explore page's curves) as print-quality PNG, SVG or PDF."""
    return figure_bytes(plotly_to_matplotlib(figure), fmt, dpi=dpi)


# --------------------------------------------------------------------------- numbers


def csv_text(traj: Any, overlaps: np.ndarray | None = None,
             labels: Sequence[str] | None = None) -> str:
    """One row per frame: frame, sweeps, energy, then the overlap with every memory."""
    energies = np.asarray(traj.energies, dtype=np.float64)
    sweeps = np.asarray(getattr(traj, "sweeps", np.arange(len(energies))), dtype=np.float64)
    ov = None if overlaps is None else np.asarray(overlaps, dtype=np.float64)
    names = [] if ov is None else [str(labels[j]) if labels is not None and j < len(labels)
                                   else f"memory {j + 1}" for j in range(ov.shape[1])]
    head = ["frame", "sweeps", "energy"] + [f"overlap {n}".replace(",", " ") for n in names]
    lines = [",".join(head)]
    for t in range(len(energies)):
        row = [str(t), f"{sweeps[t]:.6g}", f"{energies[t]:.10g}"]
        if ov is not None:
            row += [f"{v:.6g}" for v in ov[t]]
        lines.append(",".join(row))
    return "\n".join(lines) + "\n"


def npz_bytes(traj: Any, *, patterns: np.ndarray | None = None,
              labels: Sequence[str] | None = None, overlaps: np.ndarray | None = None,
              grid: tuple[int, int] | None = None, settings: dict | None = None) -> bytes:
    """The whole trajectory as a compressed .npz (plain arrays, opens without pickle):
    ``states`` (T+1, N), ``energies``, ``sweeps``, and when given ``patterns``, ``labels``,
    ``overlaps``, ``grid`` and ``settings_json``."""
    import json

    arrays: dict[str, np.ndarray] = {
        "states": np.asarray(traj.states),
        "energies": np.asarray(traj.energies, dtype=np.float64),
        "sweeps": np.asarray(getattr(traj, "sweeps", np.arange(len(traj.states))),
                             dtype=np.float64),
        "converged": np.asarray(bool(getattr(traj, "converged", False))),
    }
    if patterns is not None:
        arrays["patterns"] = np.asarray(patterns)
    if labels is not None:
        arrays["labels"] = np.asarray([str(x) for x in labels], dtype=str)
    if overlaps is not None:
        arrays["overlaps"] = np.asarray(overlaps, dtype=np.float64)
    if grid is not None:
        arrays["grid"] = np.asarray(grid, dtype=np.int64)
    if settings is not None:
        arrays["settings_json"] = np.asarray(json.dumps(settings, default=str))
    out = io.BytesIO()
    np.savez_compressed(out, **arrays)
    return out.getvalue()
