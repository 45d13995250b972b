"""The frame player in a real browser: play, pause, step, scrub, speed, changed-unit overlay.

The page is tests/browser/apps/player_app.py (``APP_SCRIPT`` below; the server
and the 1920x1080 tab come from tests/browser/conftest.py). It mounts
``frame_player`` on a deterministic run and writes "python sees frame k" with
the value frame_player returns. The tests rebuild the same run here, so the
pixels on the canvas (one canvas pixel per unit) can be checked against the
states themselves.

The first tests need no browser: they check the payload and the ValueErrors
raised before anything is mounted.
"""

from __future__ import annotations

import base64
import importlib.util
import io
import re
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from playwright.sync_api import Locator, Page, expect

import hopfield_core as hc
from hopfield_app.widgets.frame_coding import decode_bit_frames, encode_bit_frames, varints
from hopfield_app.widgets.player import _shown_frame, player_payload
from tests.browser.helpers import screenshot, wait_for_app_run

APP_SCRIPT = "tests/browser/apps/player_app.py"


def _load_app_module():
    """The test page's module, imported without running the page (it guards on __main__)."""
    path = Path(__file__).parent / "apps" / "player_app.py"
    spec = importlib.util.spec_from_file_location("player_app_under_test", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


player_app = _load_app_module()

# Colours of the state picture (RGB), as the page draws them.
INK, PAPER = (0, 0, 0), (255, 255, 255)
TURNED_ON, TURNED_OFF = (194, 65, 12), (253, 186, 116)


# --------------------------------------------------------------------------
# The payload (no browser)
# --------------------------------------------------------------------------


def test_payload_packs_a_64x64_frame_into_512_bytes_and_then_sends_flips() -> None:
    """Bits are packed 8 units a byte, row-major, big-endian bit order; +1 is a set bit.

    After the first frame only the flipped units travel: the stream is much
    smaller than the packed frames and decodes back to exactly them.
    """
    traj, grid, patterns, labels = player_app.build_case("default")
    data = player_payload(traj, grid, patterns=patterns, labels=labels)
    stream = base64.b64decode(data["frames"])
    count = traj.states.shape[0]
    assert data["kind"] == "bits"
    assert data["stride"] == 512
    assert stream[0] == 1 and stream[1:513] == np.packbits(traj.states[0] > 0).tobytes()
    assert len(stream) < 0.25 * 512 * count
    raw = decode_bit_frames(stream, count, 512)
    unpacked = np.unpackbits(raw, axis=1)
    np.testing.assert_array_equal(np.where(unpacked == 1, 1, -1), traj.states)
    assert len(data["overlaps"]) == 4 and len(data["overlaps"][0]) == traj.states.shape[0]
    assert data["labels"] == labels
    assert data["energies"][0] == pytest.approx(traj.energies[0], rel=1e-5)


def test_varints_are_unsigned_leb128() -> None:
    data, lengths = varints(np.array([0, 127, 128, 300, 2**21]))
    assert data.tobytes() == bytes([0, 127, 0x80, 1, 0xAC, 2, 0x80, 0x80, 0x80, 1])
    assert lengths.tolist() == [1, 1, 2, 2, 4]


@pytest.mark.parametrize("seed", range(20))
def test_flip_coding_round_trips_any_run(seed: int) -> None:
    """Random runs (few flips, many flips, every unit flipping, odd N) decode exactly.

    A frame where more units flip than its packed picture has bytes is sent
    whole, so the stream is never much bigger than the packed frames.
    """
    rng = np.random.default_rng(seed)
    count, n = int(rng.integers(1, 30)), int(rng.integers(1, 300))
    states = rng.choice(np.array([-1, 1], dtype=np.int8), size=(count, n))
    for t in range(1, count):  # most frames: a few flips of the previous one
        if rng.random() < 0.7:
            states[t] = states[t - 1] * np.where(rng.random(n) < rng.random() * 0.1, -1, 1)
    stream, stride = encode_bit_frames(states)
    np.testing.assert_array_equal(decode_bit_frames(stream, count, stride),
                                  np.packbits(states > 0, axis=1))  # fmt: skip
    assert len(stream) <= count * (stride + 1)


def test_payload_continuous_states_become_greyscale_ink_on_paper() -> None:
    """Continuous states map s = +1 to black (0), s = -1 to white (255), 0 to mid grey."""
    traj = player_app.SyntheticTrajectory(
        states=np.array([[1.0, -1.0, 0.0, 0.5]]), energies=np.zeros(1),
        sweeps=np.zeros(1), frame_unit="one step", stopped="fixed point",
    )  # fmt: skip
    data = player_payload(traj, (2, 2))
    assert data["kind"] == "gray"
    assert list(base64.b64decode(data["frames"])) == [0, 255, 128, 64]


def test_payload_same_run_same_id_other_run_other_id() -> None:
    """The id ties the page's report to one run: equal runs share it, others do not."""
    a = player_payload(*player_app.build_case("default")[:2])
    b = player_payload(*player_app.build_case("default")[:2])
    c = player_payload(*player_app.build_case("six")[:2])
    assert a["id"] == b["id"] != c["id"]


def test_payload_id_changes_with_every_field_the_player_shows() -> None:
    """Same states and energies but another frame unit, stop reason or time axis: the
    page must not keep the old run's labels (the id decides)."""
    from dataclasses import replace

    traj, grid = player_app.build_case("default")[:2]
    base = player_payload(traj, grid)["id"]
    for change in ({"frame_unit": "one synchronous step"}, {"stopped": "step limit"},
                   {"sweeps": np.asarray(traj.sweeps) * 2}):
        assert player_payload(replace(traj, **change), grid)["id"] != base, change


def test_payload_time_unit_is_step_for_synchronous_runs_and_sweep_otherwise() -> None:
    rng = np.random.default_rng(11)
    pats = rng.choice([-1, 1], size=(2, 36)).astype(np.int8)
    net = hc.store(pats)
    probe = hc.add_noise(pats[0], 0.2, rng=1)
    sync = hc.run(net, probe, mode="sync", steps=5)
    asyn = hc.run(net, probe, mode="async", steps=5, rng=1, frames_per_sweep=4)
    assert player_payload(sync, (6, 6))["time_unit"] == "step"
    assert player_payload(asyn, (6, 6))["time_unit"] == "sweep"


def test_payload_non_finite_energies_are_sent_as_null() -> None:
    """JSON has no NaN or Infinity; the page would refuse the whole message."""
    traj, grid, _, _ = player_app.build_case("six")
    traj.energies = np.array([0.0, np.nan, -np.inf, -1.0])
    assert player_payload(traj, grid)["energies"] == [0.0, None, None, -1.0]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (dict(grid=(8, 9)), "grid 8x9 has 72 cells"),
        (dict(grid=(8,)), "grid must be a pair"),
        (dict(grid=(0, 64)), "positive sides"),
        (dict(states=np.ones((0, 64), np.int8)), "at least one frame"),
        (dict(states=np.ones(64, np.int8)), "shape (T+1, N)"),
        (dict(states=np.full((5, 64), 2, np.int8)), "bipolar"),
        (dict(energies=np.zeros(3)), "trajectory.energies has shape (3,)"),
        (dict(sweeps=np.zeros(9)), "trajectory.sweeps has shape (9,)"),
        (dict(patterns=np.ones((2, 63), np.int8)), "patterns must have shape (P, 64)"),
        (dict(labels=["only one"]), "labels has 1 names but there are 2 patterns"),
        (dict(fps=0), "fps must be between"),
        (dict(fps=500), "fps must be between"),
    ],
)
def test_payload_mismatched_input_raises_value_error(change: dict, message: str) -> None:
    """Every mismatch is refused in Python, before mounting, with a message that says why."""
    traj, grid, patterns, labels = player_app.build_case("mismatch")
    grid = (8, 8)
    for name in ("states", "energies", "sweeps"):
        if name in change:
            setattr(traj, name, change.pop(name))
    kwargs = dict(grid=grid, patterns=patterns, labels=labels, fps=30) | change
    with pytest.raises(ValueError, match=re.escape(message)):
        player_payload(traj, **kwargs)


def test_payload_labels_without_patterns_raise_value_error() -> None:
    traj, grid, _, _ = player_app.build_case("six")
    with pytest.raises(ValueError, match="labels were given without patterns"):
        player_payload(traj, grid, labels=["a", "b"])


@pytest.mark.parametrize(
    ("view", "autoplay", "expected"),
    [
        (None, False, 40),  # nothing reported yet: the last frame
        (None, True, 0),  # autoplay starts at frame 0
        ({"id": "run", "frame": 12}, False, 12),
        ({"id": "run", "frame": 99}, False, 40),  # clamped to the run
        ({"id": "run", "frame": -3}, True, 0),
        ({"id": "older run", "frame": 12}, False, 40),  # a report about another run
        ({"id": "run", "frame": "x"}, False, 40),
    ],
)
def test_shown_frame_trusts_only_reports_about_this_run(view, autoplay, expected) -> None:
    assert _shown_frame(view, "run", 40, autoplay) == expected


def test_shown_frame_of_a_single_frame_run_is_zero_even_with_autoplay() -> None:
    assert _shown_frame(None, "run", 0, True) == 0


def _apptest_script() -> None:
    import importlib.util
    import sys

    import streamlit as st

    from hopfield_app.widgets.player import frame_player

    path = st.session_state["app_path"]
    spec = importlib.util.spec_from_file_location("player_app_apptest", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    if "case" not in st.session_state:  # a page keeps its last run in the session
        st.session_state["case"] = module.build_case("six")
    traj, grid, patterns, labels = st.session_state["case"]
    autoplay = st.session_state.get("autoplay", False)
    k = frame_player(traj, grid, patterns=patterns, labels=labels, autoplay=autoplay)
    st.write(f"frame {k}")


def test_frame_player_runs_under_apptest_and_returns_the_start_frame() -> None:
    """Pages are tested with AppTest, which cannot run the page's JavaScript: no crash there."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_function(_apptest_script, default_timeout=60)
    at.session_state["app_path"] = str(Path(__file__).parent / "apps" / "player_app.py")
    at.run()
    assert not at.exception
    assert at.markdown[0].value == "frame 3"
    at.session_state["autoplay"] = True
    at.run()
    assert not at.exception
    assert at.markdown[0].value == "frame 0"


def test_frame_player_builds_the_payload_once_per_run() -> None:
    """Reruns (every report from the page is one) reuse the packed run of the same trajectory."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_function(_apptest_script, default_timeout=60)
    at.session_state["app_path"] = str(Path(__file__).parent / "apps" / "player_app.py")
    at.run()
    cache_key = "_frame_player.payload.player"
    first = at.session_state[cache_key]["payload"]
    at.session_state["autoplay"] = True  # an option of the page, not of the run
    at.run()
    assert not at.exception
    assert at.session_state[cache_key]["payload"] is first
    at.session_state["case"] = player_app.build_case("big")  # a new run: packed anew
    at.run()
    assert not at.exception
    assert at.session_state[cache_key]["payload"]["rows"] == 256


# --------------------------------------------------------------------------
# In the browser
# --------------------------------------------------------------------------


def _open(page: Page, url: str, case: str = "default", *, autoplay: bool = False,
          count: int | None = None, query: str = "") -> Locator:
    """Open the test page on ``case`` and return the player's root element."""
    page.goto(f"{url}/?case={case}" + ("&autoplay=1" if autoplay else "") + query)
    wait_for_app_run(page)
    root = page.get_by_test_id("player-root")
    # The script has drawn the run once it has set the frame count.
    expect(root).to_have_attribute("data-count", str(count or _count(case)),
                                    timeout=30_000)  # fmt: skip
    return root


def _count(case: str) -> int:
    return player_app.build_case(case)[0].states.shape[0]


def _frame(root: Locator) -> int:
    return int(root.get_attribute("data-frame"))


def _python_sees(page: Page, k: int) -> None:
    """The frame came back to Python: the page's script wrote it after a rerun."""
    # A report reruns the script; on a busy 2-core machine that can take seconds.
    expect(page.get_by_text(f"python sees frame {k}", exact=True)).to_be_visible(timeout=20_000)


def _pixels(page: Page) -> np.ndarray:
    """The state canvas as an (rows, cols, 3) array: one canvas pixel per unit."""
    flat, width, height = page.get_by_test_id("player-canvas").evaluate(
        """c => {
            const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
            return [Array.from(d), c.width, c.height];
        }"""
    )
    return np.array(flat, dtype=np.uint8).reshape(height, width, 4)[..., :3]


def _colour_mask(pixels: np.ndarray, colour: tuple[int, int, int]) -> np.ndarray:
    return np.all(pixels == np.array(colour, dtype=np.uint8), axis=-1).ravel()


def _scrub_to(page: Page, k: int) -> None:
    """Move the slider as a drag does: 'input' while moving, 'change' on release."""
    page.get_by_test_id("player-scrub").evaluate(
        """(el, k) => {
            el.value = String(k);
            el.dispatchEvent(new Event('input', {bubbles: true}));
            el.dispatchEvent(new Event('change', {bubbles: true}));
        }""",
        k,
    )


def test_default_view_is_the_last_frame_and_python_agrees(page: Page, app_server: str) -> None:
    """Before anything is pressed, the player shows the end of the run, as Python returns."""
    root = _open(page, app_server)
    last = _count("default") - 1
    assert _frame(root) == last
    _python_sees(page, last)
    expect(page.get_by_test_id("player-frame-label")).to_have_text(
        f"frame {last} / {last} · sweep 1 · fixed point"
    )
    expect(page.get_by_test_id("player-frame-unit")).to_contain_text("1/32 sweep")
    expect(page.get_by_test_id("player-legend-item")).to_have_count(4)
    # The legend names every memory and gives its overlap now; the recalled "2" has m = 1.
    legend = page.get_by_test_id("player-legend-item")
    expect(legend.nth(2)).to_have_text(re.compile(r"digit 2\s+1\.00"))
    screenshot(page, "player-1920x1080")


def test_play_advances_on_its_own_and_the_picture_changes(page: Page, app_server: str) -> None:
    """Play from frame 0: the frame counter and the picture move without any click."""
    root = _open(page, app_server)
    page.get_by_test_id("player-first").click()
    expect(root).to_have_attribute("data-frame", "0")
    before = _pixels(page)

    page.get_by_test_id("player-play").click()
    expect(root).to_have_attribute("data-playing", "true")
    expect(root).not_to_have_attribute("data-frame", "0")
    assert not np.array_equal(_pixels(page), before)

    # 33 frames at 30 fps take about a second; a loaded machine may be slower.
    last = _count("default") - 1
    expect(root).to_have_attribute("data-frame", str(last), timeout=20_000)
    expect(root).to_have_attribute("data-playing", "false")
    _python_sees(page, last)  # the end of playback is reported


def test_pause_stops_playback_and_reports_the_frame(page: Page, app_server: str) -> None:
    """Pause mid-run: the frame stays where it is and Python hears which one it is."""
    root = _open(page, app_server)
    page.get_by_test_id("player-speed").select_option("5")
    page.get_by_test_id("player-first").click()
    page.get_by_test_id("player-play").click()
    expect(root).not_to_have_attribute("data-frame", "0")
    page.get_by_test_id("player-play").click()
    expect(root).to_have_attribute("data-playing", "false")
    paused_at = _frame(root)
    assert 0 < paused_at < _count("default") - 1
    _python_sees(page, paused_at)
    # Long enough for several frames at 5 fps had playback gone on.
    page.wait_for_timeout(800)
    assert _frame(root) == paused_at


def test_step_forward_and_back_move_by_one_frame(page: Page, app_server: str) -> None:
    root = _open(page, app_server)
    last = _count("default") - 1
    page.get_by_test_id("player-first").click()
    expect(root).to_have_attribute("data-frame", "0")
    page.get_by_test_id("player-step-back").click()  # already at the start: stays
    expect(root).to_have_attribute("data-frame", "0")
    _python_sees(page, 0)

    page.get_by_test_id("player-step-forward").click()
    expect(root).to_have_attribute("data-frame", "1")
    _python_sees(page, 1)
    page.get_by_test_id("player-step-forward").click()
    expect(root).to_have_attribute("data-frame", "2")
    _python_sees(page, 2)
    page.get_by_test_id("player-step-back").click()
    expect(root).to_have_attribute("data-frame", "1")
    _python_sees(page, 1)
    page.get_by_test_id("player-step-forward").click()
    label = page.get_by_test_id("player-frame-label")
    expect(label).to_have_text(f"frame 2 / {last} · sweep 0.0625")

    page.get_by_test_id("player-last").click()
    expect(root).to_have_attribute("data-frame", str(last))
    page.get_by_test_id("player-step-forward").click()  # already at the end: stays
    expect(root).to_have_attribute("data-frame", str(last))
    _python_sees(page, last)


def test_scrub_shows_exactly_that_frame_and_python_sees_it(page: Page, app_server: str) -> None:
    """After a scrub to frame k the canvas holds states[k], unit for unit."""
    traj = player_app.build_case("default")[0]
    root = _open(page, app_server)
    page.get_by_test_id("player-changes").click()  # plain ink and paper, no overlay
    expect(root).to_have_attribute("data-changes", "off")
    for k in (17, 3):
        _scrub_to(page, k)
        expect(root).to_have_attribute("data-frame", str(k))
        ink = _colour_mask(_pixels(page), INK)
        paper = _colour_mask(_pixels(page), PAPER)
        np.testing.assert_array_equal(ink, traj.states[k] == 1)
        np.testing.assert_array_equal(paper, traj.states[k] == -1)
        _python_sees(page, k)


def test_scrub_with_the_mouse_moves_to_that_part_of_the_run(page: Page, app_server: str) -> None:
    root = _open(page, app_server)
    scrub = page.get_by_test_id("player-scrub")
    box = scrub.bounding_box()
    last = _count("default") - 1
    page.mouse.click(box["x"] + box["width"] * 0.5, box["y"] + box["height"] / 2)
    # The thumb's width makes the middle of the track land within a frame or two of it.
    expect(root).not_to_have_attribute("data-frame", str(last))
    assert abs(_frame(root) - last / 2) <= 2
    _python_sees(page, _frame(root))


def test_changed_units_overlay_marks_exactly_the_flipped_units_and_toggles(
    page: Page, app_server: str
) -> None:
    traj = player_app.build_case("default")[0]
    root = _open(page, app_server)
    k = 12
    _scrub_to(page, k)
    expect(root).to_have_attribute("data-frame", str(k))
    expect(root).to_have_attribute("data-changes", "on")
    pixels = _pixels(page)
    flipped = traj.states[k] != traj.states[k - 1]
    assert flipped.sum() > 0
    on, off = flipped & (traj.states[k] == 1), flipped & (traj.states[k] == -1)
    np.testing.assert_array_equal(_colour_mask(pixels, TURNED_ON), on)
    np.testing.assert_array_equal(_colour_mask(pixels, TURNED_OFF), off)

    page.get_by_test_id("player-changes").click()
    expect(root).to_have_attribute("data-changes", "off")
    expect(page.get_by_test_id("player-changes")).to_have_attribute("aria-pressed", "false")
    pixels = _pixels(page)
    assert not _colour_mask(pixels, TURNED_ON).any()
    assert not _colour_mask(pixels, TURNED_OFF).any()
    np.testing.assert_array_equal(_colour_mask(pixels, INK), traj.states[k] == 1)

    page.get_by_test_id("player-changes").click()
    expect(root).to_have_attribute("data-changes", "on")
    assert _colour_mask(_pixels(page), TURNED_ON).sum() == on.sum()


def test_clicking_a_chart_goes_to_that_moment_of_the_run(page: Page, app_server: str) -> None:
    """A click at the right end of the energy curve shows the last frame, the left end frame 0."""
    root = _open(page, app_server)
    last = _count("default") - 1
    page.get_by_test_id("player-first").click()
    expect(root).to_have_attribute("data-frame", "0")
    chart = page.get_by_test_id("player-energy")
    box = chart.bounding_box()
    # The plot area ends 14 px before the canvas edge; click just inside it.
    page.mouse.click(box["x"] + box["width"] - 16, box["y"] + box["height"] / 2)
    expect(root).to_have_attribute("data-frame", str(last))
    _python_sees(page, last)
    page.get_by_test_id("player-overlap").click(position={"x": box["width"] / 2, "y": 40})
    assert abs(_frame(root) - last / 2) <= 3
    _python_sees(page, _frame(root))


def _play_rate(page: Page, ms: int) -> float:
    """Play for about ``ms`` ms from the current frame; frames per second, timed in the page."""
    return page.get_by_test_id("player-root").evaluate(
        """(root, ms) => new Promise(resolve => {
            const play = root.querySelector('[data-testid="player-play"]');
            const f0 = Number(root.dataset.frame);
            const t0 = performance.now();
            play.click();
            setTimeout(() => {
                const frames = Number(root.dataset.frame) - f0;
                play.click();
                resolve(frames / ((performance.now() - t0) / 1000));
            }, ms);
        })""",
        ms,
    )


def test_speed_control_changes_the_playback_rate(page: Page, app_server: str) -> None:
    """At 60 fps a second of playback covers many more frames than at 2 fps."""
    root = _open(page, app_server, "long")  # 300 frames: 60 fps does not reach the end
    page.get_by_test_id("player-speed").select_option("2")
    expect(root).to_have_attribute("data-fps", "2")
    page.get_by_test_id("player-first").click()
    slow = _play_rate(page, 1500)
    page.get_by_test_id("player-first").click()
    page.get_by_test_id("player-speed").select_option("60")
    expect(root).to_have_attribute("data-fps", "60")
    fast = _play_rate(page, 1500)
    # Rates, not times: elapsed time is measured in the page, so a slow machine
    # that paints less often lowers `fast` but cannot push `slow` above 2 fps.
    assert 0 < slow <= 2.5
    assert fast > 5 * slow


def test_keyboard_space_plays_and_pauses_arrows_step(page: Page, app_server: str) -> None:
    root = _open(page, app_server)
    page.get_by_test_id("player-first").click()  # also gives the player keyboard focus
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    expect(root).to_have_attribute("data-frame", "2")
    page.keyboard.press("ArrowLeft")
    expect(root).to_have_attribute("data-frame", "1")
    page.keyboard.press("Space")
    expect(root).to_have_attribute("data-playing", "true")
    page.keyboard.press("Space")
    expect(root).to_have_attribute("data-playing", "false")
    page.keyboard.press("End")
    expect(root).to_have_attribute("data-frame", str(_count("default") - 1))
    page.keyboard.press("Home")
    expect(root).to_have_attribute("data-frame", "0")


def test_keys_work_on_the_whole_page_without_clicking_the_player(
    page: Page, app_server: str
) -> None:
    """Issue 11/15: keys act from anywhere on the page; clicker keys too."""
    root = _open(page, app_server)
    last = _count("default") - 1
    page.get_by_role("heading", name="Frame player").click()  # focus leaves the player
    page.keyboard.press("Home")
    expect(root).to_have_attribute("data-frame", "0")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    expect(root).to_have_attribute("data-frame", "2")
    page.keyboard.press("PageUp")  # a clicker's "previous": one step back
    expect(root).to_have_attribute("data-frame", "1")
    page.keyboard.press("PageDown")  # a clicker's "next": play, and again: pause
    expect(root).to_have_attribute("data-playing", "true")
    page.keyboard.press("PageDown")
    expect(root).to_have_attribute("data-playing", "false")
    page.keyboard.press("b")  # a clicker's "blank" plays or pauses too
    expect(root).to_have_attribute("data-playing", "true")
    page.keyboard.press("End")
    expect(root).to_have_attribute("data-playing", "false")
    expect(root).to_have_attribute("data-frame", str(last))
    _python_sees(page, last)


def test_space_after_a_new_run_plays_instead_of_running_again(
    page: Page, app_server: str
) -> None:
    """The button that made the run keeps no hold on Space: the new run takes the keys."""
    root = _open(page, app_server)
    page.get_by_role("button", name="New run (next seed)").click()
    expect(page.get_by_text("seed 2", exact=True)).to_be_visible()
    wait_for_app_run(page)
    page.keyboard.press("Home")
    page.keyboard.press("Space")
    expect(root).to_have_attribute("data-playing", "true")
    page.keyboard.press("Space")
    expect(root).to_have_attribute("data-playing", "false")
    wait_for_app_run(page)
    expect(page.get_by_text("seed 2", exact=True)).to_be_visible()  # not run again


def test_typing_in_a_field_does_not_drive_the_player(page: Page, app_server: str) -> None:
    root = _open(page, app_server)
    page.get_by_label("Notes").fill("")
    page.get_by_label("Notes").type("b r n ")
    expect(page.get_by_label("Notes")).to_have_value("b r n ")
    expect(root).to_have_attribute("data-playing", "false")
    assert root.get_attribute("data-action") is None


def test_page_keys_r_n_p_f_reach_python_as_actions(page: Page, app_server: str) -> None:
    root = _open(page, app_server)
    for key, action in (("r", "run"), ("n", "next"), ("p", "previous"), ("f", "presenter")):
        page.keyboard.press(key)
        expect(root).to_have_attribute("data-action", action)
        wait_for_app_run(page)
    expect(page.get_by_text("python saw actions run next previous presenter")).to_be_visible()


def test_help_overlay_lists_the_keys(page: Page, app_server: str) -> None:
    _open(page, app_server)
    panel = page.get_by_test_id("player-help-panel")
    expect(panel).to_be_hidden()
    page.keyboard.press("?")
    expect(panel).to_be_visible()
    expect(panel).to_contain_text("Page Down")
    page.keyboard.press("Escape")
    expect(panel).to_be_hidden()
    page.get_by_test_id("player-help").click()
    expect(panel).to_be_visible()


def test_default_speed_plays_a_run_in_about_4_s_and_a_chosen_speed_is_kept(
    page: Page, app_server: str
) -> None:
    """Issue 11: a lecturer's pace by default; a chosen speed survives new runs."""
    root = _open(page, app_server, query="&speed=auto")
    last = _count("default") - 1
    expect(root).to_have_attribute("data-speed", "run")
    assert float(root.get_attribute("data-fps")) == pytest.approx(round(last / 4))
    # one sweep per second: this run records 32 frames per sweep
    page.get_by_test_id("player-speed").select_option("sweep")
    expect(root).to_have_attribute("data-fps", "32")
    page.get_by_test_id("player-speed").select_option("5")
    page.get_by_role("button", name="New run (next seed)").click()
    expect(page.get_by_text("seed 2", exact=True)).to_be_visible()
    wait_for_app_run(page)
    expect(root).to_have_attribute("data-speed", "5")
    expect(root).to_have_attribute("data-fps", "5")


def test_loop_plays_again_from_the_start(page: Page, app_server: str) -> None:
    root = _open(page, app_server)
    page.get_by_test_id("player-loop").click()
    expect(root).to_have_attribute("data-loop", "on")
    page.get_by_test_id("player-speed").select_option("60")
    page.get_by_test_id("player-play").click()  # at the last frame: starts again from 0
    expect(root).to_have_attribute("data-playing", "true")
    # Wraps past the end and keeps playing (a small frame number after a large one).
    page.wait_for_function(
        """root => new Promise(resolve => {
            let seenHigh = false;
            const poll = () => {
                const f = Number(root.dataset.frame);
                if (f > 25) seenHigh = true;
                if (seenHigh && f < 10) resolve(true); else requestAnimationFrame(poll);
            };
            poll();
        })""",
        arg=root.element_handle(),
        timeout=20_000,  # two passes of 33 frames, even on a slow machine
    )
    assert root.get_attribute("data-playing") == "true"
    page.get_by_test_id("player-play").click()
    expect(root).to_have_attribute("data-playing", "false")


def test_autoplay_starts_at_frame_zero_and_reports_the_end(page: Page, app_server: str) -> None:
    page.goto(f"{app_server}/?case=default&autoplay=1")
    root = page.get_by_test_id("player-root")
    last = _count("default") - 1
    # Plays by itself to the end (about 1 s at 30 fps) and then tells Python.
    expect(root).to_have_attribute("data-frame", str(last), timeout=20_000)
    expect(root).to_have_attribute("data-playing", "false")
    _python_sees(page, last)


def test_a_new_run_under_the_same_key_starts_over(page: Page, app_server: str) -> None:
    """After a scrub, a new trajectory replaces the old one: last frame again, Python agrees."""
    first, second = player_app.build_case("default", 1)[0], player_app.build_case("default", 2)[0]
    assert not np.array_equal(first.states[-1], second.states[-1])
    root = _open(page, app_server)
    _scrub_to(page, 5)
    _python_sees(page, 5)
    page.get_by_role("button", name="New run (next seed)").click()
    wait_for_app_run(page)
    expect(page.get_by_text("seed 2", exact=True)).to_be_visible()
    last = second.states.shape[0] - 1
    expect(root).to_have_attribute("data-count", str(second.states.shape[0]))
    expect(root).to_have_attribute("data-frame", str(last))
    _python_sees(page, last)
    page.get_by_test_id("player-changes").click()
    np.testing.assert_array_equal(_colour_mask(_pixels(page), INK), second.states[-1] == 1)


def test_the_same_run_again_is_a_new_run_on_the_page(page: Page, app_server: str) -> None:
    """Issue 13: Run pressed again with the same settings gives an equal run; the page
    must still take it as new (start over), not keep the old view as if nothing came."""
    root = _open(page, app_server)
    last = _count("default") - 1
    page.get_by_test_id("player-first").click()
    _python_sees(page, 0)
    page.get_by_role("button", name="Same run again").click()
    expect(root).to_have_attribute("data-frame", str(last))
    _python_sees(page, last)


def test_picture_scales_by_whole_pixels_and_follows_the_window(page: Page, app_server: str) -> None:
    """Each unit is a whole number of screen pixels, at 1920x1080 and after a resize to 1280x800."""
    _open(page, app_server)
    canvas = page.get_by_test_id("player-canvas")
    size = "c => [c.clientWidth, c.clientHeight]"  # inside the 1px border
    wide, high = canvas.evaluate(size)
    assert wide % 64 == 0 and wide >= 64 * 6  # large on a projector
    assert wide == high
    assert canvas.evaluate("c => getComputedStyle(c).imageRendering") == "pixelated"
    # What reaches the screen is crisp: only the four colours of the picture, no blurred greys.
    shot = np.asarray(Image.open(io.BytesIO(canvas.screenshot())).convert("RGB"))[3:-3, 3:-3]
    colours = {tuple(c) for c in np.unique(shot.reshape(-1, 3), axis=0)}
    assert colours <= {INK, PAPER, TURNED_ON, TURNED_OFF}, sorted(colours)[:8]
    page.set_viewport_size({"width": 1280, "height": 800})
    page.wait_for_function("([c, w]) => c.clientWidth < w", arg=[canvas.element_handle(), wide])
    small, _ = canvas.evaluate(size)
    assert small % 64 == 0 and small >= 64 * 4
    # Picture, charts and controls still fit on the 800-pixel-high screen.
    controls = page.get_by_test_id("player-play").bounding_box()
    assert controls["y"] + controls["height"] <= 800


def test_many_memories_colour_the_closest_ten_and_grey_the_rest(page: Page, app_server: str) -> None:
    """30 memories: the legend names the 10 that come closest during the run, then '+ 20 more'."""
    _open(page, app_server, "many")
    items = page.get_by_test_id("player-legend-item")
    expect(items).to_have_count(10)
    expect(items.first).to_contain_text("memory 1")  # the picture being recalled
    expect(page.get_by_test_id("player-legend")).to_contain_text("+ 20 more (grey)")


def test_single_frame_run_has_nothing_to_play(page: Page, app_server: str) -> None:
    root = _open(page, app_server, "single")
    label = page.get_by_test_id("player-frame-label")
    expect(label).to_have_text("frame 0 / 0 · sweep 0 · fixed point")
    expect(page.get_by_test_id("player-play")).to_be_disabled()
    expect(page.get_by_test_id("player-scrub")).to_be_disabled()
    page.get_by_test_id("player-root").press("Space")
    expect(root).to_have_attribute("data-playing", "false")
    _python_sees(page, 0)


def test_six_units_on_a_2x3_grid(page: Page, app_server: str) -> None:
    traj = player_app.build_case("six")[0]
    root = _open(page, app_server, "six")
    page.get_by_test_id("player-changes").click()
    pixels = _pixels(page)
    assert pixels.shape == (2, 3, 3)
    np.testing.assert_array_equal(_colour_mask(pixels, INK), traj.states[-1] == 1)
    page.get_by_test_id("player-step-back").click()
    expect(root).to_have_attribute("data-frame", str(traj.states.shape[0] - 2))
    # The picture is scaled up a whole number of times, not left at 3x2 pixels.
    box = page.get_by_test_id("player-canvas").bounding_box()
    assert box["width"] >= 300 and round(box["width"] / 3) == round(box["height"] / 2)


def test_256x256_grid_plays_and_steps(page: Page, app_server: str) -> None:
    traj = player_app.build_case("big")[0]
    root = _open(page, app_server, "big")
    _scrub_to(page, 7)
    expect(root).to_have_attribute("data-frame", "7")
    page.get_by_test_id("player-changes").click()
    np.testing.assert_array_equal(_colour_mask(_pixels(page), INK), traj.states[7] == 1)
    page.get_by_test_id("player-step-forward").click()
    expect(root).to_have_attribute("data-frame", "8")
    _python_sees(page, 8)


def test_a_1601_frame_256x256_run_arrives_small_plays_and_scrubs(
    page: Page, app_server: str
) -> None:
    """Issue 14: 100 sweeps at 16 frames per sweep at 256x256, units flipping every frame.

    Such a run used to travel as 13 MB of packed frames (17.5 MB of base64);
    the page now receives its first frame and the flips, under 5 % of that.
    (bench/bench_browser.py measures the real stochastic run, ``run256``.)
    """
    traj = player_app.flicker256()[0]
    count = traj.states.shape[0]
    assert count == 1601
    root = _open(page, app_server, "flicker256", count=count)
    before = count * 65536 // 8 * 4 / 3  # the base64 of every packed frame
    assert int(root.get_attribute("data-payload-bytes")) < 0.05 * before
    page.get_by_test_id("player-changes").click()
    for k in (800, 1600, 3):
        _scrub_to(page, k)
        expect(root).to_have_attribute("data-frame", str(k))
        np.testing.assert_array_equal(_colour_mask(_pixels(page), INK), traj.states[k] == 1)
    page.get_by_test_id("player-play").click()
    expect(root).not_to_have_attribute("data-frame", "3")
    page.get_by_test_id("player-play").click()
    expect(root).to_have_attribute("data-playing", "false")
    k = _frame(root)
    np.testing.assert_array_equal(_colour_mask(_pixels(page), INK), traj.states[k] == 1)
    _python_sees(page, k)


def test_continuous_states_are_drawn_in_grey(page: Page, app_server: str) -> None:
    root = _open(page, app_server, "modern")
    page.get_by_test_id("player-first").click()
    expect(root).to_have_attribute("data-frame", "0")
    pixels = _pixels(page)
    # Frame 0 of this run is s = 0.3 everywhere: round(255 * 0.7 / 2) = 89.
    assert np.all(pixels == 89)


def test_mismatched_grid_shows_an_error_and_no_player(page: Page, app_server: str) -> None:
    page.goto(f"{app_server}/?case=mismatch")
    wait_for_app_run(page)
    expect(page.get_by_test_id("stAlert")).to_contain_text("grid 8x9 has 72 cells")
    expect(page.get_by_test_id("player-root")).to_have_count(0)


def test_synchronous_run_counts_steps_not_sweeps(page: Page, app_server: str) -> None:
    traj = player_app.build_case("sync")[0]
    assert traj.states.shape[0] >= 2
    _open(page, app_server, "sync")
    label = page.get_by_test_id("player-frame-label")
    expect(label).to_contain_text(" step ")
    expect(label).not_to_contain_text("sweep")


def test_a_550_pixel_player_keeps_the_charts_beside_the_picture(page: Page, app_server: str) -> None:
    """The Playground's column on a 1280-px screen is about 550 px: the charts stay beside
    the picture, so the transport controls stay on an 800-px-high screen."""
    page.set_viewport_size({"width": 640, "height": 800})
    root = _open(page, app_server)
    width = root.evaluate("r => r.clientWidth")
    assert 480 <= width <= 640, width
    picture = page.get_by_test_id("player-canvas").bounding_box()
    energy = page.get_by_test_id("player-energy").bounding_box()
    assert energy["x"] >= picture["x"] + picture["width"] - 1  # beside, not under
    # picture + charts + transport in well under 800 px, room for the page's own lines
    play = page.get_by_test_id("player-play").bounding_box()
    assert play["y"] + play["height"] - picture["y"] <= 620


# --------------------------------------------------------------------------
# Issue 16: a selected unit, the why panel, two runs in lockstep, the overlap plane
# --------------------------------------------------------------------------

_FAKE_WHY = """
window.__whyCalls = [];
window.HopfieldWhy = { render(panel, why, frame, unit, states) {
  window.__whyCalls.push({ frame, unit, test: why.test, n: states.length,
                           s: unit === null ? null : states[unit] });
  panel.textContent = `why: frame ${frame} unit ${unit}`;
} };
"""


def test_click_selects_a_unit_why_follows_frames_and_python_sees_it(
    page: Page, app_server: str
) -> None:
    traj = player_app.build_case("default")[0]
    page.add_init_script(_FAKE_WHY)
    root = _open(page, app_server, query="&extras=why")
    canvas = page.get_by_test_id("player-canvas")
    box = canvas.bounding_box()
    # the unit at row 10, column 20 of the 64x64 picture
    page.mouse.click(box["x"] + (20.5 / 64) * box["width"], box["y"] + (10.5 / 64) * box["height"])
    unit = 10 * 64 + 20
    expect(root).to_have_attribute("data-unit", str(unit))
    expect(page.get_by_test_id("player-cell")).to_be_visible()
    expect(page.get_by_text(f"python sees unit {unit}", exact=True)).to_be_visible()
    expect(page.get_by_test_id("player-why")).to_have_text(f"why: frame {_count('default') - 1} unit {unit}")
    page.keyboard.press("Home")
    expect(page.get_by_test_id("player-why")).to_have_text(f"why: frame 0 unit {unit}")
    last_call = page.evaluate("() => window.__whyCalls[window.__whyCalls.length - 1]")
    assert last_call["test"] is True and last_call["n"] == 4096
    assert last_call["s"] == traj.states[0, unit]
    # keyboard: focus the picture, move right, Enter selects
    canvas.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")
    expect(root).to_have_attribute("data-unit", str(unit + 1))
    expect(page.get_by_text(f"python sees unit {unit + 1}", exact=True)).to_be_visible()
    expect(root).to_have_attribute("data-frame", "0")  # arrows on the picture move the unit


def test_compare_plays_two_runs_in_lockstep_by_sweep(page: Page, app_server: str) -> None:
    a = player_app.build_case("default")[0]
    b = player_app.compare_run(1)
    timeline = np.union1d(a.sweeps, b.sweeps)
    root = _open(page, app_server, query="&extras=compare,plane", count=timeline.size)
    expect(page.get_by_test_id("player-canvas-b")).to_be_visible()
    expect(page.get_by_test_id("player-title-b")).to_have_text("8 frames/sweep")
    expect(page.get_by_test_id("player-plane")).to_be_visible()
    expect(page.get_by_test_id("player-plane-note")).to_have_text("path only in this test")
    page.get_by_test_id("player-changes").click()
    k = int(np.searchsorted(timeline, 0.5))  # half a sweep: frame 16 of A, frame 4 of B
    _scrub_to(page, k)
    expect(root).to_have_attribute("data-frame", str(k))
    for test_id, traj, own in (("player-canvas", a, 16), ("player-canvas-b", b, 4)):
        pixels = page.get_by_test_id(test_id).evaluate(
            """c => Array.from(c.getContext('2d').getImageData(0, 0, c.width, c.height).data)""")
        ink = np.all(np.array(pixels, dtype=np.uint8).reshape(-1, 4)[:, :3] == 0, axis=1)
        np.testing.assert_array_equal(ink, traj.states[own] == 1)
    _python_sees(page, k)
    box = page.get_by_test_id("player-root").bounding_box()
    assert box["width"] <= 1920


def test_the_last_frame_shows_the_recalled_picture_without_change_marks(
    page: Page, app_server: str
) -> None:
    """The punchline is clean: with Changes on, the final frame is plain ink and paper."""
    traj = player_app.build_case("default")[0]
    root = _open(page, app_server)
    last = _count("default") - 1
    assert (traj.states[last] != traj.states[last - 1]).any()  # something did flip there
    page.get_by_test_id("player-last").click()
    expect(root).to_have_attribute("data-frame", str(last))
    expect(root).to_have_attribute("data-changes", "on")
    pixels = _pixels(page)
    assert not _colour_mask(pixels, TURNED_ON).any()
    assert not _colour_mask(pixels, TURNED_OFF).any()
    np.testing.assert_array_equal(_colour_mask(pixels, INK), traj.states[last] == 1)
