"""Timings of the frame player in headless Chromium (printed, never asserted).

Starts ``streamlit run tests/browser/apps/player_app.py`` on a free port and,
for a 64x64 and a 256x256 run, measures:

- the payload: building it in Python (pack, base64, JSON) and its size;
- load: from opening the URL to the first frame on the canvas;
- playback: frames actually shown per second at the 60 fps setting (looped
  for a few seconds), beside the rate at which the browser paints at all;
- scrub: from a slider move to the end of the next paint (timed in the page),
  and from a mouse click on the slider to the new frame seen by Playwright
  (includes the round trip between this process and the browser).

Goals (DESIGN.md, issue 3): playback >= 30 fps, a scrub shows its frame
within 50 ms.

    python bench/bench_player.py
"""

from __future__ import annotations

import importlib.util
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from playwright.sync_api import sync_playwright  # noqa: E402

from hopfield_app.widgets.player import player_payload  # noqa: E402
from tests.browser import helpers  # noqa: E402

APP = "tests/browser/apps/player_app.py"
CASES = [("long", "64x64, 300 frames"), ("long-big", "256x256, 120 frames")]
PLAY_SECONDS = 3.0
SCRUBS = 25


def _app_module():
    spec = importlib.util.spec_from_file_location("player_app_bench", REPO / APP)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


# Counts, over `seconds`, how many distinct frames were on screen at each paint
# and how many paints there were at all.
_PLAYBACK_JS = """
([root, seconds]) => new Promise(resolve => {
    const play = root.querySelector('[data-testid="player-play"]');
    if (root.dataset.playing !== 'true') play.click();
    let shown = 0, paints = 0, last = root.dataset.frame, t0 = null;
    const tick = (now) => {
        if (t0 === null) t0 = now;
        paints++;
        if (root.dataset.frame !== last) { shown++; last = root.dataset.frame; }
        if (now - t0 < seconds * 1000) requestAnimationFrame(tick);
        else { play.click(); resolve({shown, paints, ms: now - t0}); }
    };
    requestAnimationFrame(tick);
})
"""

# Moves the slider to each frame in turn; the time runs from the 'input'
# event to the end of the next paint (two animation frames later).
_SCRUB_JS = """
([root, targets]) => new Promise(resolve => {
    const scrub = root.querySelector('[data-testid="player-scrub"]');
    const times = [], syncTimes = [];
    let i = 0;
    const next = () => {
        if (i === targets.length) { resolve({times, syncTimes}); return; }
        const k = targets[i++];
        const t0 = performance.now();
        scrub.value = String(k);
        scrub.dispatchEvent(new Event('input', {bubbles: true}));
        syncTimes.push(performance.now() - t0);
        if (root.dataset.frame !== String(k)) { resolve({error: 'frame not shown: ' + k}); return; }
        requestAnimationFrame(() => requestAnimationFrame(() => {
            times.push(performance.now() - t0);
            setTimeout(next, 30);
        }));
    };
    next();
})
"""


def _fmt_ms(values: list[float]) -> str:
    return f"median {statistics.median(values):6.1f} ms, max {max(values):6.1f} ms"


def main() -> None:
    app = _app_module()
    print("frame player benchmark (headless Chromium, 1920x1080)")
    print(f"machine: {sys.platform}, python {sys.version.split()[0]}\n")

    for case, title in CASES:
        traj, grid, patterns, labels = app.build_case(case)
        t0 = time.perf_counter()
        reps = 5
        for _ in range(reps):
            data = player_payload(traj, grid, patterns=patterns, labels=labels)
        build_ms = (time.perf_counter() - t0) / reps * 1000
        size_kib = len(data["frames"]) / 1024
        print(f"[{title}] payload built in {build_ms:.1f} ms, frames {size_kib:.0f} KiB base64")

    with helpers.StreamlitServer(APP) as server, sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=helpers.CHROMIUM, headless=True, args=helpers.CHROMIUM_ARGS
        )
        page = browser.new_page(viewport={"width": 1920, "height": 1080})
        page.goto(server.url)  # warm-up: the first page load compiles everything once
        helpers.wait_for_app_run(page)

        for case, title in CASES:
            count = app.build_case(case)[0].states.shape[0]
            t0 = time.perf_counter()
            page.goto(f"{server.url}/?case={case}")
            root = page.get_by_test_id("player-root")
            root.and_(page.locator(f"[data-count='{count}']")).wait_for(timeout=60_000)
            load_ms = (time.perf_counter() - t0) * 1000
            helpers.wait_for_app_run(page)
            handle = root.element_handle()

            page.get_by_test_id("player-loop").click()
            page.get_by_test_id("player-speed").select_option("60")
            page.get_by_test_id("player-first").click()
            play = page.evaluate(_PLAYBACK_JS, [handle, PLAY_SECONDS])
            fps = play["shown"] / play["ms"] * 1000
            paint_fps = play["paints"] / play["ms"] * 1000

            targets = [(7 * i + 3) % count for i in range(SCRUBS)]
            scrub = page.evaluate(_SCRUB_JS, [handle, targets])
            if "error" in scrub:
                raise SystemExit(scrub["error"])

            box = page.get_by_test_id("player-scrub").bounding_box()
            clicks = []
            for fraction in (0.2, 0.8, 0.35, 0.65, 0.5):
                before = root.get_attribute("data-frame")
                c0 = time.perf_counter()
                page.mouse.click(box["x"] + box["width"] * fraction, box["y"] + box["height"] / 2)
                page.wait_for_function(
                    "([r, b]) => r.dataset.frame !== b", arg=[handle, before], polling="raf"
                )
                clicks.append((time.perf_counter() - c0) * 1000)

            print(f"\n[{title}]")
            print(f"  open URL -> first frame on the canvas : {load_ms:7.0f} ms")
            print(f"  playback at the 60 fps setting        : {fps:7.1f} frames/s shown "
                  f"(browser painted {paint_fps:.0f}/s)   goal >= 30  "
                  f"{'OK' if fps >= 30 else 'MISSED'}")  # fmt: skip
            scrub_ok = "OK" if statistics.median(scrub["times"]) < 50 else "MISSED"
            print(f"  scrub: slider input -> painted        : {_fmt_ms(scrub['times'])}   "
                  f"goal < 50 ms  {scrub_ok}")  # fmt: skip
            print(f"  scrub: draw inside the input event    : {_fmt_ms(scrub['syncTimes'])}")
            print(f"  scrub: mouse click -> frame (via CDP) : {_fmt_ms(clicks)}")

        browser.close()


if __name__ == "__main__":
    main()
