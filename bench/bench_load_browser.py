"""Do the simulated sessions of bench_load.py behave like real ones? A few of each, compared.

The same scenario twice against one server: first K real sessions (headless Chromium,
separate contexts, the page's JavaScript and frame player running), then K simulated
sessions (bench/bench_load_client.py). Each stores a built-in set and presses Run every
``--period`` s with a new seed for ``--duration`` s. Printed side by side: runs, lost
runs, Run -> run on the page (browser: the player starts playing; simulated: the
player's data arrives), and the server's CPU per Run. Similar CPU per Run means the
protocol client puts the same work on the server as a browser does.

    python bench/bench_load_browser.py               # 4 + 4 sessions, 60 s each
    python bench/bench_load_browser.py --users 6 --duration 90
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from bench_load import (  # noqa: E402
    OwnServer,
    Tally,
    active_user,
    cpu_seconds,
    open_sessions,
    p95,
    show_latencies,
)

# Counts playbacks the player starts (or restarts while still playing); see
# tests/browser/test_sessions.py, which uses the same watcher.
from tests.browser.test_sessions import _COUNT_PLAYS  # noqa: E402


def browsers(url: str, users: int, duration: float, period: float) -> Tally:
    from playwright.sync_api import sync_playwright

    from tests.browser import playground_ui as ui
    from tests.browser.helpers import CHROMIUM, CHROMIUM_ARGS, by_key, wait_for_app_run

    tally = Tally()
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, headless=True,
                                      args=CHROMIUM_ARGS)
        pages = [chromium.new_context(viewport={"width": 1280, "height": 720}).new_page()
                 for _ in range(users)]
        for page in pages:
            page.goto(f"{url}/playground")
        for page in pages:
            wait_for_app_run(page)
            page.evaluate(_COUNT_PLAYS)
        for page in pages:
            ui.open_tab(page, "Memories")
            by_key(page, ui.KEYS["builtin_add"]).get_by_role("button").click()
            wait_for_app_run(page)
            ui.open_tab(page, "Settings")
        rng = random.Random(0)
        due = [time.monotonic() + rng.uniform(0, period) for _ in pages]
        pending: dict[int, tuple[float, int]] = {}
        seeds = [rng.randrange(1, 10**6) for _ in pages]
        end = time.monotonic() + duration
        while time.monotonic() < end or pending:
            now = time.monotonic()
            for i, page in enumerate(pages):
                if i in pending:
                    started, before = pending[i]
                    if page.evaluate("window.__plays") > before:
                        tally.latencies.append(time.monotonic() - started)
                        del pending[i]
                    elif time.monotonic() - started > 60:
                        tally.lost.append(f"browser {i}: no playback 60 s after Run")
                        del pending[i]
                elif now >= due[i] and now < end:
                    seeds[i] += 1
                    box = by_key(page, ui.KEYS["seed"]).locator("input")
                    # Typed, not committed with Enter: the click on Run commits it, so one
                    # rerun carries the new seed and the press, as the simulated users send.
                    box.fill(str(seeds[i]))
                    before = page.evaluate("window.__plays")
                    pending[i] = (time.monotonic(), before)
                    ui.run_button(page).click()
                    tally.runs += 1
                    due[i] = now + period * rng.uniform(0.8, 1.2)
            time.sleep(0.02)
        chromium.close()
    return tally


async def simulated(url: str, users: int, duration: float, period: float) -> Tally:
    tally = Tally()
    sessions = await open_sessions(url, users, tally)
    until = time.monotonic() + duration
    await asyncio.gather(*(active_user(s, f"user {i}", tally, until=until, period=period,
                                       rng=random.Random(i)) for i, s in enumerate(sessions)))
    for s in sessions:
        await s.close()
    return tally


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--users", type=int, default=4)
    ap.add_argument("--duration", type=float, default=60.0)
    ap.add_argument("--period", type=float, default=10.0)
    args = ap.parse_args()

    server = OwnServer(ttl=5)
    asyncio.run(server.start())
    pids = [server.proc.pid]
    try:
        rows = []
        for label in ("real (Chromium)", "simulated (protocol)"):
            cpu0, t0 = cpu_seconds(pids), time.monotonic()
            if label.startswith("real"):
                tally = browsers(server.url, args.users, args.duration, args.period)
            else:
                tally = asyncio.run(simulated(server.url, args.users, args.duration,
                                              args.period))
            cpu = cpu_seconds(pids) - cpu0
            rows.append((label, tally, cpu, time.monotonic() - t0))
        print(f"server {server.url}, {args.users} users each, Run every ~{args.period:.0f} s "
              f"for {args.duration:.0f} s (32x32, a new seed per Run)")
        for label, tally, cpu, wall in rows:
            print(f"{label:>22}: {tally.runs} runs, {len(tally.lost)} lost, "
                  f"{len(tally.errors)} errors; server CPU {cpu / max(tally.runs, 1) * 1000:.0f} "
                  f"ms per Run (setup included)")
            show_latencies("Run -> run on the page", tally.latencies)
        (_, real, cpu_r, _), (_, sim, cpu_s, _) = rows
        ratio = (cpu_s / max(sim.runs, 1)) / max(cpu_r / max(real.runs, 1), 1e-9)
        print(f"simulated / real: server CPU per Run {ratio:.2f}x; p95 "
              f"{p95(sim.latencies):.3f} s / {p95(real.latencies):.3f} s")
        return 0 if not (real.lost or sim.lost) else 1
    finally:
        server.stop()


if __name__ == "__main__":
    sys.exit(main())
