"""Demo 4, halfway between two memories: the coin flips decide, the update order does not."""

from __future__ import annotations

import numpy as np
import streamlit as st

import hopfield_core as hc
from hopfield_app.demos import common as c
from hopfield_app.demos import ui
from hopfield_app.demos.model import Claim, Demo, DemoText
from hopfield_app.state import Scenario

GRID = (64, 64)
PICTURES = ["boat", "umbrella"]
COIN_SEEDS = tuple(range(20))  # each: its own coin flips for the undecided pixels
ORDERS = tuple(range(100, 120))  # update orders tried for every coin seed
SHOWN = 8  # coin seeds drawn as pictures
TESTS = "tests/claims/test_halfway.py"

TEXT = DemoText(
    look="the probe is the average of two memories: pixels where they agree are kept, the "
         "undecided ones are coin flips. Different coin flips end in different memories: "
         "each memory wins for about half of the 20 seeds.",
    teaches="the state sits on the ridge between two basins of attraction, and the coin "
            "flips tip it: after them the probe overlaps one memory a little more (0.46 "
            "against 0.45, say), and that memory wins in every one of 20 update orders. "
            "With two memories stored by Hebb's rule each undecided pixel's field points to "
            "the memory with the larger overlap, whatever the order of the updates.",
    now_try="open seed 0 and seed 2 in the Playground: the same two memories, other coin "
            "flips, another winner. Then change the seed in ③ Settings (it draws the update "
            "order, the probe stays): the winner stays the same.",
)


def patterns():
    return c.pictures(GRID, PICTURES)


def compute(coin_seeds: tuple[int, ...] = COIN_SEEDS, orders: tuple[int, ...] = ORDERS) -> dict:
    """For every coin seed: the probe, its overlaps with both memories, and where it
    ends in each update order (``wins[k]`` counts the orders that end on memory k)."""
    names, pats = patterns()
    net = hc.store(pats, rule="hebbian")
    probes, finals, m0, wins = [], [], [], []
    for seed in coin_seeds:
        probe = hc.halfway(pats[0], pats[1], rng=seed)
        ends = [hc.run(net, probe, mode="async", steps=30, rng=o).final for o in orders]
        counts = [sum(bool(np.array_equal(f, p)) for f in ends) for p in pats]
        probes.append(probe)
        finals.append(c.int8(ends[0]))
        m0.append((c.overlap(pats[0], probe), c.overlap(pats[1], probe)))
        wins.append(counts)
    return {"names": names, "patterns": pats, "seeds": list(coin_seeds), "n_orders": len(orders),
            "probes": np.stack(probes), "finals": np.stack(finals),
            "start_overlaps": np.asarray(m0), "wins": np.asarray(wins), "grid": GRID}


def scenario_for(seed: int) -> Scenario:
    names, pats = patterns()
    return Scenario(
        memories=c.memories(names, pats, GRID),
        probe=hc.halfway(pats[0], pats[1], rng=seed),
        settings=c.settings(rule="hebbian", mode="async", steps=30, frames_per_sweep=16,
                            seed=seed, noise=0.0),
        title=f"Halfway between two memories (seed {seed})", note=TEXT.note())


def view(d: dict) -> None:
    grid, names, wins = d["grid"], d["names"], d["wins"]
    n_orders = d["n_orders"]
    seed_wins = [int(sum(1 for w in wins if w[k] == n_orders)) for k in range(2)]
    head = st.columns([1, 1, 4], gap="medium")
    for i in range(2):
        with head[i]:
            ui.pic(d["patterns"][i], grid, caption=f"memory “{names[i]}”", width=140)
    with head[2]:
        st.markdown(f"**{len(d['seeds'])} coin seeds × {n_orders} update orders:** "
                    f"“{names[0]}” won for {seed_wins[0]} seeds, “{names[1]}” for "
                    f"{seed_wins[1]} seeds; for every seed all {n_orders} orders agreed"
                    if sum(seed_wins) == len(d["seeds"]) else
                    f"**{len(d['seeds'])} coin seeds × {n_orders} update orders:** the "
                    "update order changed the winner for some seeds (see the table).")
        st.markdown("Top row: the halfway probe of the first seeds (its overlaps with the two "
                    "memories); bottom row: where it settled.")
    cols = st.columns(SHOWN, gap="small")
    for col, seed, probe, final, (ma, mb) in zip(cols, d["seeds"], d["probes"], d["finals"],
                                                  d["start_overlaps"]):
        with col:
            ui.pic(probe, grid, caption=f"seed {seed}: {ma:.3f} / {mb:.3f}", width=120)
            k, m = c.closest(final, d["patterns"])
            ui.pic(final, grid, caption=f"→ “{names[k]}”" if m > 0.99 else f"→ none ({m:+.2f})",
                   width=120)
    _plane(d)
    with st.expander(f"All {len(d['seeds'])} seeds: overlaps after the coin flips and winners"):
        st.table([{"seed": s, f"m “{names[0]}”": f"{a:.3f}", f"m “{names[1]}”": f"{b:.3f}",
                   f"orders won by “{names[0]}”": int(w[0]),
                   f"orders won by “{names[1]}”": int(w[1])}
                  for s, (a, b), w in zip(d["seeds"], d["start_overlaps"], wins)],
                 hide_index=True)


def _thumb():
    names, pats = patterns()
    return hc.halfway(pats[0], pats[1], rng=0), GRID


DEMO = Demo(
    slug="halfway", order=4, title="Halfway between two memories", short="Halfway",
    teaser="Start exactly between two pictures: the coin flips decide which one wins.",
    text=TEXT, scenario=lambda: scenario_for(0), thumbnail=_thumb, compute=compute, view=view,
    variants=(("seed 2", lambda: scenario_for(2)),),
    claims=(
        Claim("each memory wins for about half of the 20 coin seeds",
              f"{TESTS}::test_each_memory_wins_about_half_the_coin_seeds"),
        Claim("the memory with the larger overlap after the coin flips wins in every one of "
              "20 update orders", f"{TESTS}::test_larger_overlap_wins_in_every_order"),
        Claim("now try: seed 0 and seed 2 end in different memories; changing the Playground "
              "seed (the order) keeps the winner",
              f"{TESTS}::test_now_try_seed_0_and_2_differ_and_order_keeps_winner"),
    ),
)


def _plane(d: dict) -> None:
    """The seed-0 run in the overlap plane (m_boat, m_umbrella): the start on the ridge,
    the path falling into one valley. Drawn only where the plane view is available."""
    try:
        from hopfield_app import state
        from hopfield_app.playground import why
    except ImportError:
        return
    names, pats = d["names"], d["patterns"]
    sc = scenario_for(d["seeds"][0])
    net = hc.store(pats, rule="hebbian")
    traj = hc.run(net, sc.probe, mode="async", steps=30, rng=sc.settings.seed,
                  frames_per_sweep=16)
    record = state.RunRecord(traj=traj, patterns=pats, labels=tuple(names), grid=GRID,
                             settings=sc.settings, probe=sc.probe,
                             overlaps=traj.overlaps(pats), verdict="", source=0)
    try:
        fig = why.plane_figure(record, height=340)
    except (ValueError, TypeError):
        return
    if fig is None:
        return
    left, right = st.columns([1.4, 1], gap="large")
    with left:
        st.plotly_chart(fig, key="demos.halfway.plane")
    with right:
        st.markdown(f"**Seed {d['seeds'][0]} in the overlap plane.** The halfway probe starts "
                    f"on the ridge between the two valleys (overlap "
                    f"{d['start_overlaps'][0][0]:.2f} with “{names[0]}”, "
                    f"{d['start_overlaps'][0][1]:.2f} with “{names[1]}”) and rolls into the "
                    "valley of the memory it overlaps more.")
