"""The "why" panel in Chromium: why.js computes the field the core computes, per memory.

The panel script is exercised on its own (a page holding why.js and a payload from
``hopfield_app.playground.why``), so these tests do not depend on the player's layout;
the Playground test clicks a unit of the real player when the player offers ``why=``.
"""

from __future__ import annotations

import inspect
import re
import json
from pathlib import Path

import numpy as np
import pytest

import hopfield_core as hc
from hopfield_app.playground import why as why_mod

ROOT = Path(__file__).resolve().parents[2]
WHY_JS = ROOT / "hopfield_app" / "widgets" / "player_assets" / "why.js"
SHOTS = ROOT / "test-artifacts" / "screenshots"


def _panel_page(page, payload):
    page.set_viewport_size({"width": 1280, "height": 720})
    page.set_content('<div id="panel" style="width:460px;padding:8px"></div>')
    page.add_script_tag(content=WHY_JS.read_text())
    page.evaluate("w => { window.WHY = w; }", payload)


def _render(page, frame, unit, state):
    return page.evaluate(
        """([f, u, s]) => {
            const res = window.HopfieldWhy.render(document.getElementById('panel'), window.WHY,
                                                  f, u, s);
            return res && {field: res.field, drive: res.drive, tie: res.tie};
        }""",
        [frame, unit, [float(x) for x in state]],
    )


def _run(rule, kw, seed=2, n=64, p=6, flips=22):
    rng = np.random.default_rng(seed)
    X = rng.choice(np.array([-1, 1], dtype=np.int8), size=(p, n))
    net = hc.store(X, rule, **kw)
    s = X[0].copy()
    s[rng.choice(n, flips, replace=False)] *= -1
    traj = hc.run(net, s, mode="async", steps=6, rng=seed, frames_per_sweep=4)
    return net, X, traj


@pytest.mark.parametrize("rule,kw", [("hebbian", {}), ("storkey", {}), ("pseudoinverse", {}),
                                     ("dense", {"degree": 3}), ("exponential", {}),
                                     ("modern", {"beta": 8.0})])
def test_panel_field_equals_the_core_field_mid_run(page, rule, kw):
    net, X, traj = _run(rule, kw)
    payload = why_mod.why_payload(net, traj, recalled=0, grid=(8, 8))
    payload = json.loads(json.dumps(payload))  # what the page receives
    _panel_page(page, payload)
    frame = traj.n_frames // 2
    h = net.local_fields(traj.states[frame])
    for unit in (0, 17, 63):
        res = _render(page, frame, unit, traj.states[frame])
        # Storkey's factors travel as float32
        tol = 1e-5 if rule == "storkey" else 1e-9
        assert res["field"] == pytest.approx(float(h[unit]), abs=tol)
        panel = page.locator("#panel")
        assert panel.get_attribute("data-unit") == str(unit)
        assert panel.get_attribute("data-frame") == str(frame)
        decision = page.get_by_test_id("why-decision").inner_text()
        assert decision
    if rule in ("hebbian", "dense", "pseudoinverse", "exponential"):
        signal = float(page.locator("#panel").get_attribute("data-signal"))
        uf = hc.unit_field(hc.field_terms(net, traj.states), frame, 63,
                           traj.states[frame][63])
        assert signal == pytest.approx(uf.by_memory(net.n_patterns)[0], abs=1e-9)


def test_panel_decision_words_match_the_next_synchronous_state(page):
    net, X, _ = _run("hebbian", {})
    s = X[0].copy()
    s[:25] *= -1
    traj = hc.run(net, s, mode="sync", steps=1, rng=0)
    _panel_page(page, json.loads(json.dumps(why_mod.why_payload(net, traj, recalled=0))))
    flips = np.flatnonzero(traj.states[0] != traj.states[1])
    stays = np.flatnonzero(traj.states[0] == traj.states[1])
    assert flips.size and stays.size
    _render(page, 0, int(flips[0]), traj.states[0])
    assert "flips to" in page.get_by_test_id("why-decision").inner_text()
    _render(page, 0, int(stays[0]), traj.states[0])
    text = page.get_by_test_id("why-decision").inner_text()
    assert "stays" in text or "tie" in text


def test_a_tie_is_said(page):
    X = np.array([[1, 1, 1, 1], [-1, 1, -1, 1]], dtype=np.int8)
    net = hc.store(X, "hebbian")
    s = np.array([-1, 1, 1, 1], dtype=np.int8)
    theta = np.array([0.5, 0, 0, 0])  # unit 0's field is exactly 0.5
    traj = hc.run(net, s, mode="sync", steps=1, theta=theta, rng=0)
    uf = hc.explain_unit(net, s, 0, theta)
    assert uf.tie and traj.states[1][0] == -1
    _panel_page(page, json.loads(json.dumps(why_mod.why_payload(net, traj, theta=theta,
                                                                recalled=0))))
    res = _render(page, 0, 0, s)
    assert res["tie"] is True
    assert "tie" in page.get_by_test_id("why-decision").inner_text().lower()


def test_high_load_unit_where_crosstalk_outweighs_signal_is_flagged(page):
    rng = np.random.default_rng(4)
    n, p = 100, 40
    X = rng.choice(np.array([-1, 1], dtype=np.int8), size=(p, n))
    net = hc.store(X, "hebbian")
    traj = hc.run(net, X[0], mode="sync", steps=1, rng=0)
    ft = hc.field_terms(net, traj.states)
    terms, _ = hc.all_contributions(ft, 0, X[0])
    cross = terms[:, 1:].sum(axis=1)
    against = (np.abs(cross) > np.abs(terms[:, 0])) & (cross * terms[:, 0] < 0)
    unit = int(np.flatnonzero(against)[0])
    _panel_page(page, json.loads(json.dumps(why_mod.why_payload(net, traj, recalled=0))))
    _render(page, 0, unit, X[0])
    assert page.get_by_test_id("why-outweighs").is_visible()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "why_panel_high_load.png"))


def test_no_unit_asks_for_a_click(page):
    net, X, traj = _run("hebbian", {})
    _panel_page(page, json.loads(json.dumps(why_mod.why_payload(net, traj))))
    assert _render(page, 0, None, traj.states[0]) is None
    assert "Click a unit" in page.locator("#panel").inner_text()


def _player_has_why() -> bool:
    from hopfield_app.widgets import player

    return "why" in inspect.signature(player.frame_player).parameters


# --------------------------------------------------------------------------- in the app

from playwright.sync_api import expect  # noqa: E402

from tests.browser import helpers  # noqa: E402
from tests.browser import playground_ui as ui  # noqa: E402


def _verdict(page, label):
    """The verdict box of one compared run (its label is in bold)."""
    return page.locator("strong", has_text=label)


def _compare_with(page, label):
    ui.choose_option(page, "why.compare.pick",
                     f"Compare with: {label}")
    helpers.click_button(page, key="why.compare.go")


def test_compare_two_rules_shows_both_verdicts_and_plays_both(app_server, page):
    page.set_viewport_size({"width": 1280, "height": 720})
    ui.open_playground(page, app_server)
    ui.setup_builtin(page, "Digits 0–9", 3)
    ui.press_run(page)
    _compare_with(page, "Storkey rule")
    helpers.expect_no_exception(page)
    # the Playground's own rule (whatever its default) against Storkey
    expect(page.locator("strong", has_text=", asynchronous:")).to_have_count(2)
    expect(_verdict(page, "Storkey, asynchronous:")).to_be_visible()
    players = page.get_by_test_id("player-root")
    expect(players.first).to_be_visible()
    # scrub: every player on screen moves to its first frame and back to its last
    for k in range(players.count()):
        root = players.nth(k)
        root.get_by_test_id("player-first").click()
        expect(root).to_have_attribute("data-frame", "0")
        root.get_by_test_id("player-last").click()
        expect(root).not_to_have_attribute("data-frame", "0")
    _verdict(page, "Storkey, asynchronous:").scroll_into_view_if_needed()
    helpers.screenshot(page, "why_compare_1280")
    helpers.click_button(page, key="why.compare.stop")
    expect(_verdict(page, "Storkey, asynchronous:")).to_have_count(0)


@pytest.mark.skipif(not _player_has_why(), reason="the player does not take why= yet")
def test_click_a_unit_mid_run_and_read_the_panel(app_server, page):
    page.set_viewport_size({"width": 1280, "height": 720})
    ui.open_playground(page, app_server)
    ui.setup_builtin(page, "Digits 0–9", 3)
    ui.press_run(page)
    ui.wait_for_playback_end(page)
    root = ui.player(page)
    root.get_by_test_id("player-first").click()
    root.get_by_test_id("player-step-forward").click()
    canvas = root.get_by_test_id("player-canvas")
    box = canvas.bounding_box()
    canvas.click(position={"x": box["width"] * 0.5, "y": box["height"] * 0.5})
    panel = page.get_by_test_id("player-why")
    expect(panel).to_have_attribute("data-unit", re.compile(r"\d+"))
    expect(panel.get_by_test_id("why-decision")).to_be_visible()
    assert float(panel.get_attribute("data-frame")) == 1
    panel.scroll_into_view_if_needed()
    helpers.screenshot(page, "why_panel_playground_1280")
    # the panel follows the frame: one more step, same unit, next frame
    root.get_by_test_id("player-step-forward").click()
    expect(panel).to_have_attribute("data-frame", "2")


def test_capacity_shows_a_unit_whose_crosstalk_beats_its_signal(app_server, page):
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(app_server)
    helpers.wait_for_app_run(page)
    helpers.navigate_to_page(page, "Capacity")
    heading = page.get_by_text("Why it fails: crosstalk against signal")
    heading.scroll_into_view_if_needed()
    expect(page.get_by_text(re.compile(r"so it flips out of the memory"))).to_be_visible()
    helpers.expect_no_exception(page)
    helpers.screenshot(page, "why_capacity_crosstalk_1280")


def _player_has_plane() -> bool:
    from hopfield_app.widgets import player

    return "plane" in inspect.signature(player.frame_player).parameters


@pytest.mark.skipif(not _player_has_plane(), reason="the player does not take plane= yet")
def test_plane_path_ends_at_the_memory_the_verdict_names(app_server, page):
    page.set_viewport_size({"width": 1280, "height": 720})
    ui.open_playground(page, app_server)
    ui.setup_builtin(page, "Digits 0–9", 3)
    ui.open_tab(page, "Settings")
    ui.choose_option(page, ui.KEYS["rule"], "Pseudo-inverse")
    ui.press_run(page)
    ui.wait_for_playback_end(page)
    verdict = page.locator("strong", has_text="Whole run:").locator("xpath=..")
    expect(verdict).to_contain_text("converged")
    expect(verdict).to_contain_text("memory 1 (digit 0)")
    root = ui.player(page)
    plane = root.get_by_test_id("player-plane")
    expect(plane).to_be_visible()
    # the plane's first axis is the probe's source memory, the one the verdict names ...
    expect(root).to_contain_text("The run in the plane of m with digit 0")
    # ... and the run's last point on that axis is m = 1: the legend reads it at the last frame
    item = root.get_by_test_id("player-legend-item").filter(has_text="digit 0")
    expect(item).to_contain_text("1.00")
    plane.scroll_into_view_if_needed()
    helpers.screenshot(page, "why_plane_1280")
