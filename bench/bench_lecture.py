"""Benchmark of the lecture kit: link lengths, and export times and sizes.

Run from the repository root:

    python bench/bench_lecture.py

Prints the length of the link of typical experiments (goal: a 32x32 experiment with
10 drawn memories under 2,000 characters, what chat clients keep), then the time
and size of a GIF, an MP4 and a print figure for runs on 32x32, 64x64 and 256x256
grids (the 256x256 run is long: 500 sweeps at 64 frames per sweep would be 32,001
frames; an export shows at most 150 of them, evenly spaced). Nothing is asserted.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import hopfield_core as hc  # noqa: E402
from _timing import line  # noqa: E402
from hopfield_app.lecture import experiment as ex  # noqa: E402
from hopfield_app.lecture import export  # noqa: E402


def _drawn(count: int, grid: tuple[int, int], seed: int = 0) -> np.ndarray:
    """Drawing-like pictures: a few thick strokes each (mostly background)."""
    rng = np.random.default_rng(seed)
    rows, cols = grid
    out = -np.ones((count, rows, cols), dtype=np.int8)
    for k in range(count):
        for _ in range(4):
            r, c = rng.integers(0, rows), rng.integers(0, cols)
            dr, dc = rng.integers(-1, 2, size=2)
            for t in range(rows // 2):
                rr, cc = r + dr * t, c + dc * t
                if 0 <= rr < rows - 1 and 0 <= cc < cols - 1:
                    out[k, rr:rr + 2, cc:cc + 2] = 1
    return out.reshape(count, -1)


def _noise(count: int, n: int, seed: int = 0) -> np.ndarray:
    return np.where(np.random.default_rng(seed).random((count, n)) < 0.5, 1, -1).astype(np.int8)


def links() -> None:
    print("Link length (characters of http://localhost:8501/playground?...)")
    host = "http://localhost:8501"

    def raw(pats):
        return (ex.MemoryBlock("raw", names=tuple(f"drawing {i + 1}" for i in range(len(pats))),
                               patterns=pats),)

    cases = [
        ("32x32, built-in digits (10), defaults", ex.Experiment(
            memories=(ex.MemoryBlock("set", name="digits", count=10),), ran=True)),
        ("32x32, 10 drawn memories (strokes)", ex.Experiment(memories=raw(_drawn(10, (32, 32))),
                                                             ran=True)),
        ("32x32, 10 drawn memories (pure noise: worst case)", ex.Experiment(
            memories=raw(_noise(10, 1024)), ran=True)),
        ("32x32, 10 drawn memories + drawn probe", ex.Experiment(
            memories=raw(_drawn(10, (32, 32))), probe_source="drawing",
            probe_base=_drawn(1, (32, 32), seed=9)[0], ran=True)),
        ("64x64, 10 drawn memories (strokes)", ex.Experiment(
            grid=(64, 64), memories=raw(_drawn(10, (64, 64))), ran=True)),
        ("64x64, pictures (5) + 3 drawn", ex.Experiment(
            grid=(64, 64), memories=(ex.MemoryBlock("set", name="pictures", count=5),
                                     *raw(_drawn(3, (64, 64)))), ran=True)),
        ("256x256, 5 drawn memories (strokes)", ex.Experiment(
            grid=(256, 256), memories=raw(_drawn(5, (256, 256))), ran=True)),
    ]
    for label, exp in cases:
        n = len(host + "/playground") + ex.query_length(ex.to_query(exp))
        goal = "< 2000" if label.startswith("32x32, 10 drawn") else "report"
        ok = n < ex.LINK_LIMIT if goal != "report" else True
        line(label, f"{n:,}", "ch", goal, ok)
        file_kb = len(ex.to_json(exp).encode()) / 1024
        print(f"  {'':<58s} {file_kb:>12.1f} KB   (experiment file)")


def _run(grid: tuple[int, int], steps: int, fps: int):
    names, pats = hc.builtin_set("random", grid, count=5, rng=1)
    probe = hc.add_noise(pats[0], 0.45, rng=2)
    # At T > 0 a run takes every step (no early fixed point): a long run on purpose.
    return hc.run(hc.store(pats), probe, mode="async", steps=steps, temperature=0.05, rng=3,
                  frames_per_sweep=fps), pats, names


def exports() -> None:
    print("\nExports (one run each; seconds, on this machine now)")
    for grid, steps, fps in (((32, 32), 20, 16), ((64, 64), 20, 16), ((256, 256), 30, 64)):
        t0 = time.perf_counter()
        traj, pats, names = _run(grid, steps, fps)
        t_run = time.perf_counter() - t0
        ov = traj.overlaps(pats)
        tag = f"{grid[0]}x{grid[1]}, {traj.n_frames} frames"
        print(f"  {tag} (run {t_run:.1f} s)")
        for label, fn in (
            ("GIF 512 px", lambda: export.gif_bytes(traj, grid, size=512, fps=10)),
            ("GIF 512 px + energy", lambda: export.gif_bytes(traj, grid, size=512, fps=10,
                                                            energy=True)),
            ("MP4 512 px + energy", lambda: export.mp4_bytes(traj, grid, size=512, fps=10,
                                                            energy=True)),
            ("figure PNG 300 dpi", lambda: export.figure_bytes(
                export.run_figure(traj, grid, ov, names), "png")),
            ("figure SVG", lambda: export.figure_bytes(export.run_figure(traj, grid, ov, names),
                                                       "svg")),
            ("figure PDF", lambda: export.figure_bytes(export.run_figure(traj, grid, ov, names),
                                                       "pdf")),
        ):
            t0 = time.perf_counter()
            data = fn()
            dt = time.perf_counter() - t0
            line(f"    {label} ({len(data) / 1024:,.0f} KB)", f"{dt:.2f}", "s", "< 10 s", dt < 10)


if __name__ == "__main__":
    links()
    exports()
