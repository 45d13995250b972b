"""Timings of the "why" views in headless Chromium: Compare's two runs and the field panel.

Run:  python bench/bench_compare.py             (about a minute)
      python bench/bench_compare.py --repeat 5

1. Run -> first frame of both runs on screen, with a comparison on (Hebbian against
   Storkey), 64x64 grid, 10 random memories, through the real app at 1280x720 (goal
   < 1 s). Timed in the page from the Run click's event time stamp to the animation
   frame at which every player on screen has started its new run (autoplay: frame 0,
   playing) and both state pictures are there.
2. Click -> panel at N = 65,536 (a 256x256 run, 10 memories): window.HopfieldWhy.render
   on the payload of ``hopfield_app.playground.why`` for Hebbian and Storkey, first call
   (decodes the payload) and then one call per clicked unit (median, worst of 50), goal
   one frame (16.7 ms). Where the player takes ``why=``, the same is timed through the
   player: a click on its picture until the panel names the unit.

Nothing is asserted: the numbers are printed beside their goals.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import numpy as np  # noqa: E402
from playwright.sync_api import Page, sync_playwright  # noqa: E402

import hopfield_core as hc  # noqa: E402
from hopfield_app.playground import why as why_mod  # noqa: E402
from tests.browser import helpers  # noqa: E402
from tests.browser import playground_ui as ui  # noqa: E402
from tests.browser.helpers import CHROMIUM, CHROMIUM_ARGS, StreamlitServer, wait_for_app_run  # noqa: E402

GRID = 64
N_MEMORIES = 10
BIG = 256
FRAME_MS = 1000 / 60

_DEEP_ALL = """
const deepAll = (sel) => {
  const out = [], roots = [document];
  while (roots.length) {
    const r = roots.shift();
    out.push(...r.querySelectorAll(sel));
    for (const el of r.querySelectorAll('*')) if (el.shadowRoot) roots.push(el.shadowRoot);
  }
  return out;
};
"""


def _player_has(name: str) -> bool:
    import inspect

    from hopfield_app.widgets import player

    return name in inspect.signature(player.frame_player).parameters


def _line(name: str, value: str, goal: str, ok: bool | None) -> None:
    mark = "" if ok is None else ("  ok" if ok else "  MISSED")
    print(f"  {name:<52} {value:>12}   goal {goal}{mark}")


def time_compare_run(page: Page) -> float:
    """Seconds from the Run click to the frame where every player shows its new run."""
    page.evaluate(
        "() => {" + _DEEP_ALL + """
          window.__runClick = null;
          document.addEventListener('pointerdown', (e) => {
            if (window.__runClick === null) window.__runClick = e.timeStamp; }, {capture: true});
          for (const r of deepAll('[data-testid="player-root"]')) r.__old = true;
          window.__both = new Promise((resolve) => {
            const start = performance.now();
            const tick = () => {
              if (performance.now() - start > 20000) return resolve(NaN);  // never hang
              const roots = deepAll('[data-testid="player-root"]');
              // the lockstep player draws run b on "player-canvas-b"
              const canvases = deepAll('[data-testid^="player-canvas"]');
              const fresh = roots.length > 0 && roots.every((r) =>
                r.getAttribute('data-playing') === 'true' || (!r.__old &&
                r.getAttribute('data-frame') === '0'));
              if (window.__runClick !== null && fresh && canvases.length >= 2) {
                requestAnimationFrame((t) => resolve(t - window.__runClick));
              } else requestAnimationFrame(tick);
            };
            requestAnimationFrame(tick);
          });
        }"""
    )
    ui.run_button(page).click()
    return float(page.evaluate("() => window.__both")) / 1000.0


def _payload(rule: str) -> dict:
    rng = np.random.default_rng(0)
    X = rng.choice(np.array([-1, 1], dtype=np.int8), size=(N_MEMORIES, BIG * BIG))
    net = hc.store(X, rule)
    s = X[0].copy()
    s[rng.choice(s.size, s.size // 3, replace=False)] *= -1
    traj = hc.run(net, s, mode="async", steps=3, rng=0, frames_per_sweep=8)
    return why_mod.why_payload(net, traj, recalled=0, grid=(BIG, BIG)), traj


def time_panel(page: Page, rule: str, clicks: int = 50) -> tuple[float, list[float], int]:
    payload, traj = _payload(rule)
    text = json.dumps(payload)
    page.set_content('<div id="panel" style="width:460px"></div>')
    page.add_script_tag(path=str(REPO / "hopfield_app/widgets/player_assets/why.js"))
    page.evaluate("t => { window.WHY = JSON.parse(t); }", text)
    frame = traj.n_frames // 2
    page.evaluate("s => { window.STATE = Int8Array.from(s); }",
                  [int(x) for x in traj.states[frame]])
    units = [int(u) for u in np.random.default_rng(1).integers(0, BIG * BIG, clicks)]
    units.insert(0, None)  # the call on a frame change before any click: decodes the payload
    times = page.evaluate(
        """([f, units]) => {
            const el = document.getElementById('panel');
            const out = [];
            for (const u of units) {
              const t0 = performance.now();
              window.HopfieldWhy.render(el, window.WHY, f, u, window.STATE);
              el.getBoundingClientRect();  // layout included
              out.push(performance.now() - t0);
            }
            return out;
        }""",
        [frame, units],
    )
    return times[0], times[1:], len(text)


def time_click_in_player(page: Page, clicks: int = 5) -> list[float]:
    """Milliseconds from a click on the player's picture (the event's time stamp) to the
    animation frame at which the panel shows that unit."""
    canvas = ui.player(page).get_by_test_id("player-canvas")
    box = canvas.bounding_box()
    out = []
    rng = np.random.default_rng(3)
    for _ in range(clicks):
        x, y = (float(v) for v in rng.uniform(0.1, 0.9, 2))
        page.evaluate(
            "() => {" + _DEEP_ALL + """
              window.__click = null;
              document.addEventListener('pointerdown', (e) => {
                if (window.__click === null) window.__click = e.timeStamp; },
                {capture: true, once: true});
              const panel = deepAll('[data-testid="player-why"]')[0];
              const before = panel.getAttribute('data-unit');
              window.__panel = new Promise((resolve) => {
                const start = performance.now();
                const tick = () => {
                  if (performance.now() - start > 10000) return resolve(NaN);
                  const now = panel.getAttribute('data-unit');
                  if (window.__click !== null && now !== null && now !== before) {
                    requestAnimationFrame((t) => resolve(t - window.__click));
                  } else requestAnimationFrame(tick);
                };
                requestAnimationFrame(tick);
              });
            }"""
        )
        canvas.click(position={"x": box["width"] * x, "y": box["height"] * y})
        out.append(float(page.evaluate("() => window.__panel")))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"Why views: Chromium {CHROMIUM}, 1280x720")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        page = browser.new_context(viewport={"width": 1280, "height": 720}).new_page()
        print(f"\n2. Click -> panel at N = {BIG * BIG} ({N_MEMORIES} memories), render alone")
        for rule in ("hebbian", "storkey"):
            first, rest, size = time_panel(page, rule)
            med = statistics.median(rest)
            _line(f"{rule}: payload", f"{size / 2**20:7.2f} MiB", "-", None)
            _line(f"{rule}: first call, no unit (decodes the payload)", f"{first:7.1f} ms",
                  "once per run", None)
            _line(f"{rule}: click, median of {len(rest)}", f"{med:7.2f} ms",
                  f"< {FRAME_MS:.1f} ms", med < FRAME_MS)
            _line(f"{rule}: click, worst", f"{max(rest):7.2f} ms", f"< {FRAME_MS:.1f} ms",
                  max(rest) < FRAME_MS)
        page.context.close()

        with StreamlitServer("app.py") as server:
            warm = browser.new_context().new_page()
            warm.goto(server.url)
            wait_for_app_run(warm, settle_ms=0, quiet_ms=0)
            warm.context.close()
            page = browser.new_context(viewport={"width": 1280, "height": 720}).new_page()
            page.goto(f"{server.url}/playground")
            wait_for_app_run(page)
            ui.setup_random_memories(page, grid=GRID, count=N_MEMORIES)
            ui.press_run(page)
            ui.wait_for_playback_end(page)
            ui.choose_option(page, "why.compare.pick", "Compare with: Storkey rule")
            helpers.click_button(page, key="why.compare.go")
            runs = []
            for k in range(args.repeat):
                ui.open_tab(page, "Settings")
                ui.set_number(page, ui.KEYS["seed"], 200 + k)  # a fresh run, not a cached one
                runs.append(time_compare_run(page))
                wait_for_app_run(page)
                time.sleep(0.5)
            print(f"\n1. Run -> first frame of both runs ({GRID}x{GRID}, {N_MEMORIES} memories, "
                  "Hebbian vs Storkey)")
            med = statistics.median(runs)
            _line("median", f"{med * 1000:7.0f} ms", "< 1000 ms", med < 1.0)
            _line("worst", f"{max(runs) * 1000:7.0f} ms", "< 1000 ms", max(runs) < 1.0)
            if _player_has("why"):
                helpers.click_button(page, key="why.compare.stop")
                page.context.close()
                page = browser.new_context(viewport={"width": 1280, "height": 720}).new_page()
                page.goto(f"{server.url}/playground")
                wait_for_app_run(page)
                ui.setup_random_memories(page, grid=BIG, count=N_MEMORIES)
                ui.press_run(page)
                ui.wait_for_playback_end(page)
                clicks = time_click_in_player(page)
                print(f"\n2b. Click on the player's picture -> panel, N = {BIG * BIG} (Hebbian)")
                cm = statistics.median(clicks)
                _line(f"median of {len(clicks)}", f"{cm:7.1f} ms", f"< {FRAME_MS:.1f} ms",
                      cm < FRAME_MS)
                _line("worst", f"{max(clicks):7.1f} ms", f"< {FRAME_MS:.1f} ms",
                      max(clicks) < FRAME_MS)
        browser.close()


if __name__ == "__main__":
    main()
