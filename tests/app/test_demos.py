"""AppTest tests of the Lecture demos page: every demo opens by URL, shows the outcome
it claims, and "Open in Playground" queues its scenario and switches page."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from hopfield_app import state
from hopfield_app.demos import catalogue as demos
from hopfield_app.demos.entries import halfway, many_memories

APP = str(Path(__file__).resolve().parents[2] / "app.py")
# The first load of a demo computes it (capacity: 600 small networks); later loads hit the cache.
TIMEOUT = 180


def _demos_page(slug: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.run()
    at.switch_page("pages/demos.py")
    if slug is not None:
        at.query_params["demo"] = slug
    at.run()
    assert not at.exception, at.exception
    return at


def _text(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [str(i.value) for i in at.info] + [h.value for h in at.header]
    parts += [s.value for s in at.subheader]
    return "\n".join(parts)


def _table_text(at: AppTest) -> str:
    return "\n".join(str(t.value.to_dict("records")) for t in at.table)


def test_gallery_lists_every_demo_with_both_buttons():
    at = _demos_page()
    keys = {b.key for b in at.button}
    for slug in demos.SLUGS:
        assert f"demos.show.{slug}" in keys
        assert f"demos.open.{slug}" in keys
    assert len(demos.CLASSIC) == 10 and len(demos.SOURCES) == 3


def test_show_button_selects_demo_and_sets_url():
    at = _demos_page()
    at.button(key="demos.show.sync-cycle").click().run()
    assert not at.exception
    assert at.query_params.get("demo") == "sync-cycle"
    assert "Synchronous oscillation" in _text(at)
    at.button(key="demos.back").click().run()
    assert "demo" not in at.query_params
    assert not at.exception


def test_unknown_demo_in_url_shows_warning_and_gallery():
    at = _demos_page("no-such-demo")
    assert at.warning and "no-such-demo" in at.warning[0].value
    assert any(b.key == "demos.show.six-neurons" for b in at.button)


def test_six_neurons_one_step_lands_on_stored_inverse():
    at = _demos_page("six-neurons")
    text = _text(at)
    assert "−1 +1 −1 +1 −1 +1" in text
    table = _table_text(at)
    assert table.count("'flipped': 'yes'") == 2  # units 1 and 3
    assert len(at.get("plotly_chart")) == 2


def test_two_digits_white_and_black_probes_end_on_memory_or_inverse():
    at = _demos_page("two-digits")
    outcomes = [m.value for m in at.markdown if m.value.startswith("→")]
    assert len(outcomes) == 6
    assert outcomes[0] == outcomes[1] == "→ memory “0”"
    assert outcomes[2] == outcomes[3] == "→ memory “1”"
    for white_or_black in outcomes[4:]:
        assert white_or_black.startswith("→ memory") or white_or_black.startswith("→ the inverse")
    assert outcomes[5].startswith("→ the inverse")


def test_storkey_pictures_recalled_with_energy_falling():
    at = _demos_page("storkey-pictures")
    assert "Recalled memory" in _text(at)
    code = at.code[0].value.splitlines()
    energies = [float(line.split("=")[1]) for line in code]
    assert energies[-1] < energies[0]
    assert all(b <= a + 1e-9 for a, b in zip(energies, energies[1:]))


def test_halfway_shows_the_spread_of_coin_seeds_and_orders():
    at = _demos_page("halfway")
    text = _text(at)
    assert "20 coin seeds × 20 update orders" in text
    assert "for every seed all 20 orders agreed" in text
    assert "won for 0 seeds" not in text


def test_spurious_inverse_and_mixture_stable_and_drift_fixed():
    at = _demos_page("spurious")
    text = _text(at)
    assert "Started at the inverse: 0 pixels changed" in text
    assert "Started at the mixture: 0 pixels changed" in text
    records = at.table[0].value.to_dict("records")
    rows = {r["rule"]: r["memories that are fixed points"] for r in records}
    total = int(rows["Hebbian"].split(" of ")[1])
    assert int(rows["Hebbian"].split(" of ")[0]) < total
    assert int(rows["pseudo-inverse"].split(" of ")[0]) == total


def test_half_erased_shows_every_picture_and_how_many_come_back():
    at = _demos_page("half-erased")
    text = _text(at)
    assert "Storkey rule, upper half erased:** 5 of 5 pictures come back in all 20" in text
    assert "lower half erased (the blog post's test):** 1 of 5 pictures" in text


def test_capacity_recall_rate_falls_from_5_to_20_memories():
    at = _demos_page("capacity")
    rows = {r["memories P"]: float(r["recalled"].rstrip("%")) / 100
            for r in at.table[0].value.to_dict("records")}
    assert rows[20] < rows[5]
    assert rows[5] >= 0.9
    assert rows[20] <= 0.6


def test_sync_cycle_oscillates_and_shows_the_spread_of_orders():
    at = _demos_page("sync-cycle")
    text = _text(at)
    assert "Synchronous run: **2-cycle**" in text
    assert "asynchronous run: **converged**" in text
    assert "in 30 update orders:" in text and "30 of 30 stopped at a fixed point" in text


def test_capacity_shows_where_the_curve_crosses_half():
    at = _demos_page("capacity")
    caption = " ".join(c.value for c in at.caption)
    half = float(re.search(r"crosses 50 % at P ≈ ([0-9]+(?:\.[0-9]+)?)", caption).group(1))
    assert 18.5 <= half <= 20.5


def test_temperature_series_goes_from_boat_to_mixture_to_noise():
    at = _demos_page("temperature")
    captions = [c.value for c in at.caption]
    assert "boat 20" in captions  # T = 0
    assert "umbrella-heart mixture 20" in captions  # T = 0.9
    assert "noise 20" in captions  # T = 2
    assert len(at.get("plotly_chart")) == 1


def test_many_memories_dense_recalls_while_hebbian_fails():
    at = _demos_page("many-memories")
    line = next(m for m in _text(at).splitlines() if m.startswith("Final overlap"))
    heb = float(re.search(r"Hebbian (-?[0-9.]+\d)", line).group(1))
    dense = float(re.search(r"dense (-?[0-9.]+\d)", line).group(1))
    assert heb < 0.9
    assert dense > 0.95


@pytest.mark.parametrize("slug", demos.SLUGS)
def test_open_in_playground_queues_scenario_and_switches_page(slug):
    at = _demos_page()
    at.button(key=f"demos.open.{slug}").click().run()
    assert not at.exception, at.exception
    expected = demos.get(slug).scenario()
    queued = at.session_state[state.SCENARIO] if state.SCENARIO in at.session_state else None
    if queued is not None:  # the Playground has not consumed it (yet)
        assert queued.title == expected.title
    else:  # the Playground applied it: its memories are the stored set
        names = [m.name for m in at.session_state[state.MEMORIES]]
        assert names == [m.name for m in expected.memories]
    assert "demo" not in at.query_params or at.query_params.get("demo") == slug


def _playground_run(slug: str, key: str):
    """Open a demo's set-up in the Playground (button ``key`` on the demo's page) and
    return the Playground's run record: the trajectory and the memories it ran against."""
    at = _demos_page(slug)
    at.button(key=key).click().run()
    assert not at.exception, at.exception
    record = at.session_state[state.LAST_RUN]
    assert record is not None, "the Playground did not run the scenario"
    return record


def _ends_on(record, index: int) -> bool:
    return bool(np.array_equal(np.asarray(record.traj.final), record.patterns[index]))


def test_playground_reproduces_halfway_outcomes_for_both_seeds():
    d = halfway.compute()
    winners = np.argmax(d["wins"], axis=1)
    first = _playground_run("halfway", "demos.detail.open.halfway")
    assert _ends_on(first, winners[0])
    second = _playground_run("halfway", "demos.detail.variant.halfway.0")
    assert _ends_on(second, winners[2])
    assert winners[0] != winners[2]


def test_playground_reproduces_sync_cycle_and_async_convergence():
    sync = _playground_run("sync-cycle", "demos.detail.open.sync-cycle")
    assert sync.traj.cycle == 2
    asyn = _playground_run("sync-cycle", "demos.detail.variant.sync-cycle.0")
    assert asyn.traj.converged and asyn.traj.cycle == 0


def test_playground_reproduces_many_memories_dense_and_hebbian():
    dense = _playground_run("many-memories", "demos.detail.open.many-memories")
    target = dense.patterns[many_memories.TARGET]
    m_dense = float(target @ np.asarray(dense.traj.final, dtype=np.int64))
    assert m_dense / dense.patterns.shape[1] > 0.95
    heb = _playground_run("many-memories", "demos.detail.variant.many-memories.0")
    m_heb = float(heb.patterns[many_memories.TARGET] @ np.asarray(heb.traj.final, dtype=np.int64))
    assert m_heb / heb.patterns.shape[1] < 0.9


def test_playground_reproduces_two_digits_black_probe_on_an_inverse():
    record = _playground_run("two-digits", "demos.detail.variant.two-digits.2")
    final = np.asarray(record.traj.final)
    assert any(np.array_equal(final, -p) for p in record.patterns)


def test_navigation_pills_switch_demo_and_url():
    at = _demos_page("six-neurons")
    at.pills(key="demos.nav").set_value("temperature").run()
    assert not at.exception
    assert at.query_params.get("demo") == "temperature"
    assert "9 · Temperature" in _text(at)
    # unselecting the current pill keeps the demo
    at.pills(key="demos.nav").set_value(None).run()
    assert at.query_params.get("demo") == "temperature"
    assert not at.exception


def test_playground_reproduces_spurious_drift_and_stable_inverse():
    drift = _playground_run("spurious", "demos.detail.open.spurious")
    start = np.asarray(drift.traj.states[0])
    assert not np.array_equal(np.asarray(drift.traj.final), start)  # the memory left
    inverse = _playground_run("spurious", "demos.detail.variant.spurious.0")
    assert np.array_equal(np.asarray(inverse.traj.final), np.asarray(inverse.traj.states[0]))


def test_demo_navigation_wraps_on_narrow_screens_instead_of_hiding_demos():
    from hopfield_app.demos import render as demo_views

    assert '.st-key-demos-nav [role="radiogroup"] { flex-wrap: wrap;' in demo_views._CSS


def test_previous_and_next_step_through_the_demos_like_slides():
    at = _demos_page(demos.SLUGS[0])
    assert at.button(key="demos.prev").disabled
    for slug in demos.SLUGS[1:]:
        at.button(key="demos.next").click().run()
        assert not at.exception, at.exception
        assert at.query_params.get("demo") == slug
        assert any(m.value.startswith("**Look at:**") for m in at.markdown)
    assert at.button(key="demos.next").disabled
    at.button(key="demos.prev").click().run()
    assert at.query_params.get("demo") == demos.SLUGS[-2]


@pytest.mark.parametrize("slug", demos.SLUGS)
def test_every_demo_renders_its_texts_and_buttons(slug):
    at = _demos_page(slug)
    demo = demos.get(slug)
    keys = {b.key for b in at.button}
    assert f"demos.detail.open.{slug}" in keys
    assert {f"demos.detail.variant.{slug}.{i}" for i in range(len(demo.variants))} <= keys
    assert {"demos.back", "demos.prev", "demos.next"} <= keys
    text = _text(at)
    assert demo.text.look[:40] in text and demo.text.now_try[:40] in text
    assert not at.error


def test_home_card_names_every_demo():
    """The Home page's description of the demos must not forget any (it once missed the
    tenth, "many memories")."""
    text = (Path(__file__).resolve().parents[2] / "pages" / "home.py").read_text().lower()
    card = text.split('("lecture demos", "pages/demos.py"', 1)[1].split("),", 1)[0]
    for demo in demos.CLASSIC:
        word = {"2-cycle": "oscillation", "storkey": "storkey"}.get(demo.short.lower(),
                                                                   demo.short.lower())
        assert word.split()[0] in card, demo.short


def test_playground_replays_the_blog_post_sweep_and_the_notebook_draws():
    blog = _playground_run("source-blog-post", "demos.detail.open.source-blog-post")
    assert blog.settings.order == "sequential" and blog.settings.steps == 1
    assert _ends_on(blog, 1)  # the post's p2, the umbrella, after one sequential sweep
    at = _demos_page("source-storkey-notebook")
    at.button(key="demos.detail.open.source-storkey-notebook").click().run()
    assert not at.exception, at.exception
    record = at.session_state[state.LAST_RUN]
    assert record.settings.order == "replacement"
    shown = " ".join(c.value for c in at.caption) + " ".join(m.value for m in at.markdown)
    assert "unvisited" in shown
