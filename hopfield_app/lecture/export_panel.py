"""The Playground's export controls: the run as an animation, a figure, and its numbers.

Animations and figures take seconds for a large run, so each is made on request
(with a progress bar) and kept for this run and these options until one of them
changes; the CSV and .npz are made when their button is clicked.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import streamlit as st

from hopfield_app.lecture import export

__all__ = ["export_panel", "parse_frames"]

_MADE = "lecture.export.made"  # {kind: (traj, options, bytes)}
SIZES = (256, 384, 512, 768)


def parse_frames(text: str, n_frames: int) -> tuple[list[int] | None, str]:
    """Frame numbers typed as "0, 5, 12, last" -> a list (None for "evenly spaced"),
    and a message for anything that was not a frame number (ignored)."""
    text = (text or "").strip()
    if not text:
        return None, ""
    chosen, bad = [], []
    for part in text.replace(";", ",").split(",")[:20]:
        part = part.strip().lower()
        if not part:
            continue
        if part in ("last", "end"):
            chosen.append(n_frames - 1)
        elif part.isdigit() and int(part) < n_frames:
            chosen.append(int(part))
        else:
            bad.append(part[:12])
    note = (f"Not frame numbers of this run (0 to {n_frames - 1}, or “last”), left out: "
            + ", ".join(bad)) if bad else ""
    return (sorted(set(chosen)) or None), note


def _made(kind: str, traj: Any, options: tuple) -> bytes | None:
    entry = st.session_state.get(_MADE, {}).get(kind)
    return entry[2] if entry is not None and entry[0] is traj and entry[1] == options else None


def _keep(kind: str, traj: Any, options: tuple, data: bytes) -> None:
    made = dict(st.session_state.get(_MADE, {}))
    made[kind] = (traj, options, data)
    st.session_state[_MADE] = made


def _progress_bar(label: str):
    bar = st.progress(0.0, text=label)
    return lambda fraction: bar.progress(min(max(float(fraction), 0.0), 1.0), text=label)


def _animation(record: Any) -> None:
    traj = record.traj
    c1, c2, c3 = st.columns(3)
    kind = c1.segmented_control("Animation", ["GIF", "MP4"], default="GIF",
                                key="lecture.anim_kind", required=True)
    size = c2.selectbox("Size (px)", SIZES, index=2, key="lecture.anim_size",
                        help="The picture's longer side; every unit is a whole number of "
                             "pixels, so cells stay sharp.")
    fps = c3.slider("Speed (frames/s)", 2, 30, 10, key="lecture.anim_fps")
    energy = st.checkbox("Energy curve beside the picture", key="lecture.anim_energy")
    n = traj.n_frames
    shown = min(n, export.MAX_FRAMES)
    st.caption(f"{shown} of the run's {n} frames" + (" (evenly spaced, first and last kept)"
                                                      if n > shown else "") +
               f", about {shown / fps:.0f} s.")
    options = (kind, size, fps, energy)
    data = _made("animation", traj, options)
    if st.button(f"Make {kind}", key="lecture.make_anim", icon=":material/movie:"):
        maker = export.gif_bytes if kind == "GIF" else export.mp4_bytes
        try:
            data = maker(traj, record.grid, size=size, fps=fps, energy=energy,
                         progress=_progress_bar(f"Making the {kind}…"))
        except (ValueError, RuntimeError, OSError) as exc:
            st.error(f"The {kind} could not be made: {exc}")
            data = None
        if data is not None:
            _keep("animation", traj, options, data)
    if data is not None:
        ext = kind.lower()
        st.download_button(f"Download {kind} ({len(data) / 1024:,.0f} KB)", data,
                           file_name=f"hopfield_run.{ext}",
                           mime="image/gif" if ext == "gif" else "video/mp4",
                           key="lecture.download_anim", icon=":material/download:",
                           on_click="ignore")


def _figure(record: Any) -> None:
    traj = record.traj
    c1, c2 = st.columns([2, 1])
    text = c1.text_input("Frames in the strip", key="lecture.fig_frames",
                         placeholder="evenly spaced; or e.g. 0, 4, 16, last",
                         help=f"Frame numbers from 0 to {traj.n_frames - 1} (the player's "
                              "frame counter), or “last”; up to 10.")
    fmt = c2.selectbox("Format", list(export.FIGURE_FORMATS), key="lecture.fig_format",
                       format_func={"png": "PNG, 300 dpi", "svg": "SVG", "pdf": "PDF"}.get)
    frames, note = parse_frames(text, traj.n_frames)
    if note:
        st.caption(note)
    options = (tuple(frames or ()), fmt)
    data = _made("figure", traj, options)
    if st.button("Make figure", key="lecture.make_fig", icon=":material/image:"):
        bar = _progress_bar("Drawing the figure…")
        try:
            fig = export.run_figure(traj, record.grid, record.overlaps, record.labels,
                                    frames=frames, title=str(getattr(record, "verdict", ""))[:90])
            bar(0.5)
            data = export.figure_bytes(fig, fmt)
            bar(1.0)
            _keep("figure", traj, options, data)
        except (ValueError, RuntimeError) as exc:
            st.error(f"The figure could not be drawn: {exc}")
            data = None
    if data is not None:
        st.download_button(f"Download figure ({fmt.upper()}, {len(data) / 1024:,.0f} KB)",
                           data, file_name=f"hopfield_run.{fmt}",
                           mime=export.FIGURE_FORMATS[fmt], key="lecture.download_fig",
                           icon=":material/download:", on_click="ignore")


def _numbers(record: Any) -> None:
    traj = record.traj
    settings = dataclasses.asdict(record.settings) if dataclasses.is_dataclass(
        record.settings) else None
    c1, c2 = st.columns(2)
    c1.download_button("Energy and overlaps (CSV)",
                       lambda: export.csv_text(traj, record.overlaps, record.labels),
                       file_name="hopfield_run.csv", mime="text/csv",
                       key="lecture.download_csv", icon=":material/table:", on_click="ignore",
                       width="stretch")
    c2.download_button("Whole run (.npz)",
                       lambda: export.npz_bytes(traj, patterns=record.patterns,
                                                labels=record.labels, overlaps=record.overlaps,
                                                grid=record.grid, settings=settings),
                       file_name="hopfield_run.npz", mime="application/octet-stream",
                       key="lecture.download_npz", icon=":material/data_array:",
                       on_click="ignore", width="stretch",
                       help="numpy.load(...) gives states, energies, sweeps, overlaps, "
                            "patterns, labels, grid and settings_json (no pickle).")


def export_panel(record: Any) -> None:
    """Animation, figure and numbers of the run on screen (nothing before a run)."""
    if record is None:
        st.caption("Run the network to export its animation, a figure and the numbers.")
        return
    st.markdown("**Export the run**")
    _animation(record)
    _figure(record)
    _numbers(record)
