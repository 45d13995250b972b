"""Story 1: load a built-in set, corrupt a memory with 30% noise, Run, press Play."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.browser import playground_ui as ui
from tests.browser.helpers import by_key, expect_no_exception, navigate_to_page, screenshot

# Playback at 5 frames per second makes "the counter advances on its own" slow
# enough to watch frame by frame; a 17-frame run then lasts about 3.4 s.
SLOW_FPS = "5"
# Playback of the whole run at SLOW_FPS plus a loaded CI machine's slack.
PLAYBACK_TIMEOUT_MS = 30_000


def test_builtin_set_noisy_probe_run_and_play(app: Page) -> None:
    """A lecturer's first minute: digits, memory 3 with 30% noise, Run, Play, a clear verdict."""
    navigate_to_page(app, "Playground")
    expect(app.get_by_test_id("stMain")).to_contain_text("Playground")

    # ① Memories: the ten digits (16x16, the default grid).
    ui.setup_builtin(app, "Digits 0–9", 10)
    expect(ui.gallery_items(app)).to_have_count(10)

    # ③ Settings: the Playground starts on the projection rule, which recalls all ten
    # correlated digits.
    # The summary line above Run names the rule.
    expect(app.get_by_text(re.compile(r"Pseudo-inverse, asynchronous")).first).to_be_visible()

    # ② Probe: memory 3 (the digit 2) with 30% of its units flipped (the default noise).
    ui.open_tab(app, "Probe")
    ui.choose_option(app, ui.KEYS["probe_memory"], "3: digit 2")
    expect(by_key(app, ui.KEYS["noise"])).to_contain_text("30%")
    probe_caption = app.get_by_text(re.compile(r"Probe: memory 3 \(digit 2\), 30% flipped"))
    expect(probe_caption.first).to_be_visible()

    ui.press_run(app)
    player = ui.player(app)
    # The run plays once by itself after Run; wait for it to reach its end.
    expect(player).to_have_attribute("data-playing", "false", timeout=PLAYBACK_TIMEOUT_MS)
    last = int(player.get_attribute("data-count")) - 1
    assert last >= 8, f"expected a run of several frames, got {last + 1}"

    app.get_by_test_id("player-speed").select_option(SLOW_FPS)
    label = app.get_by_test_id("player-frame-label")
    picture_before = ui.canvas_data_url(app, "player-canvas")
    energy_before = ui.canvas_data_url(app, "player-energy")
    app.get_by_test_id("player-play").click()  # at the last frame, Play starts again from 0
    expect(player).to_have_attribute("data-playing", "true")

    # The frame counter advances on its own: no more clicks from here on.
    expect(label).to_have_text(re.compile(r"^frame [1-9]\d* / "))
    first_seen = ui.frame_of(app)
    expect(player).not_to_have_attribute("data-frame", str(first_seen))
    assert ui.frame_of(app) > first_seen
    # Mid-run, the picture and the energy plot (its frame marker) differ from the end of the run.
    assert ui.canvas_data_url(app, "player-canvas") != picture_before
    assert ui.canvas_data_url(app, "player-energy") != energy_before

    # It plays to the end and stops there, on the recalled memory.
    expect(player).to_have_attribute("data-frame", str(last), timeout=PLAYBACK_TIMEOUT_MS)
    expect(player).to_have_attribute("data-playing", "false")
    expect(label).to_contain_text(f"frame {last} / {last}")
    assert ui.canvas_data_url(app, "player-canvas") == picture_before

    verdict = app.get_by_test_id("stAlert").filter(has_text="Whole run")
    expect(verdict).to_contain_text(re.compile(r"converged in .+ to memory 3 \(digit 2\)"))
    expect(app.get_by_text(re.compile(r"exactly memory 3 \(digit 2\)"))).to_be_visible()
    expect_no_exception(app)
    screenshot(app, "story1-builtin-noise-run-play")

    # Switching to another page and back keeps the memories and the last run.
    navigate_to_page(app, "Home")
    navigate_to_page(app, "Playground")
    ui.open_tab(app, "Memories")
    expect(ui.stored_count(app)).to_contain_text("Stored: 10")
    expect(verdict).to_contain_text(re.compile(r"converged in .+ to memory 3 \(digit 2\)"))
    expect(ui.player(app)).to_be_visible()
    expect_no_exception(app)
