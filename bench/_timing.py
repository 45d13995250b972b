"""Small pieces shared by the bench scripts: wall times, noisy probes, result lines.

Imported as ``from _timing import ...`` by scripts run as ``python bench/<script>.py``
(the script's folder is then first on ``sys.path``).
"""
from __future__ import annotations

import time


def wall_times(fn, repeat):
    """Wall times of ``repeat`` calls of fn() (seconds), and the last result."""
    times, out = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return times, out


def noisy(rng, x, fraction):
    """A copy of the bipolar state x with round(fraction * size) distinct units flipped."""
    s = x.copy()
    idx = rng.choice(s.size, size=round(fraction * s.size), replace=False)
    s[idx] = -s[idx]
    return s


def line(label, value, unit, goal, ok, *, widths=(12, 4, 14)):
    """Print one result against its goal; ``widths`` of the value, unit and goal columns."""
    mark = "ok " if ok else "MISS"
    wv, wu, wg = widths
    print(f"  {label:<58s} {value:>{wv}s} {unit:<{wu}s} goal {goal:<{wg}s} [{mark}]")
