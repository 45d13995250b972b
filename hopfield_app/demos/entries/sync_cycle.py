"""Demo 8, synchronous oscillation: a 2-cycle, and where asynchronous runs end instead."""

from __future__ import annotations

import numpy as np
import streamlit as st

import hopfield_core as hc
from hopfield_app import plots
from hopfield_app.demos import common as c
from hopfield_app.demos import ui
from hopfield_app.demos.model import Claim, Demo, DemoText
from hopfield_app.state import Scenario

GRID = (16, 16)
LETTERS = ("A", "H")
REGION = "right half"  # inverted in the probe: zero overlap with both letters
SEED = 8
ORDERS = tuple(range(30))
TESTS = "tests/claims/test_sync_cycle.py"

TEXT = DemoText(
    look="with synchronous updates every pixel flips at every step, so the picture "
         "alternates between two states forever and the energy never falls. With "
         "asynchronous updates from the same start every run stops at a fixed point, but "
         "which one depends on the update order: over 30 orders it ends on “A”, on “H” or "
         "on one of their inverses, the inverses in about half the runs (counts below).",
    teaches="for a symmetric W, synchronous dynamics end in a fixed point or a 2-cycle "
            "(Goles and Olivos 1981); asynchronous updates lower the energy at every "
            "flip, so they always reach a fixed point (Hopfield 1982), though not always "
            "a memory: the inverse of a memory is as deep as the memory.",
    now_try="open the asynchronous run and compare its energy curve with the synchronous "
            "one; then change the seed (the update order) and run again a few times.",
)


def setup():
    names, pats = c.letters(LETTERS, GRID)
    mask = hc.occlusion_mask(GRID, REGION).ravel()
    probe = pats[0].copy()
    probe[mask] = -probe[mask]
    return names, pats, c.int8(probe)


def compute(orders: tuple[int, ...] = ORDERS) -> dict:
    """The probe run synchronously (2-cycle) and asynchronously in each update order."""
    names, pats, probe = setup()
    net = hc.store(pats, rule="hebbian")
    sync = hc.run(net, probe, mode="sync", steps=30)
    asyn = hc.run(net, probe, mode="async", steps=30, rng=SEED)
    runs = [hc.run(net, probe, mode="async", steps=30, rng=o) for o in orders]
    return {"names": names, "patterns": pats, "probe": probe, "grid": GRID,
            "sync_states": c.int8(sync.states[-2:]), "sync_cycle": int(sync.cycle),
            "sync_converged": bool(sync.converged), "sync_energies": np.asarray(sync.energies),
            "async_final": c.int8(asyn.final), "async_converged": bool(asyn.converged),
            "async_cycle": int(asyn.cycle), "async_energies": np.asarray(asyn.energies),
            "orders_converged": sum(bool(r.converged) for r in runs),
            "spread": c.spread(c.outcome_label(r.final, pats, names) for r in runs)}


def scenario_for(mode: str) -> Scenario:
    names, pats, probe = setup()
    return Scenario(
        memories=c.memories(names, pats, GRID), probe=probe,
        settings=c.settings(rule="hebbian", mode=mode, steps=12,
                            frames_per_sweep=1 if mode == "sync" else 16, seed=SEED, noise=0.0),
        title=f"Synchronous oscillation ({'synchronous' if mode == 'sync' else 'asynchronous'})",
        note=TEXT.note(),
        # the synchronous run opens side by side with the asynchronous one (Compare view)
        extra={"compare": "mode:async"} if mode == "sync" else {})


def view(d: dict) -> None:
    grid, names = d["grid"], d["names"]
    st.markdown("**Stored (Hebbian):** " + ", ".join(f"“{n}”" for n in names)
                + f". **Probe:** “{names[0]}” with its {REGION} inverted.")
    cols = st.columns([1, 1, 1, 0.2, 1, 2.2], gap="small")
    a, b = d["sync_states"]
    with cols[0]:
        ui.pic(d["probe"], grid, caption="start", width=140)
    with cols[1]:
        ui.pic(b if np.array_equal(a, d["probe"]) else a, grid, caption="synchronous, step 1",
               width=140)
    with cols[2]:
        ui.pic(d["probe"], grid, caption="step 2 = the start again", width=140)
    with cols[4]:
        ui.pic(d["async_final"], grid, width=140,
               caption=f"asynchronous (seed {SEED}): "
                       f"{c.describe(d['async_final'], d['patterns'], names)}")
    with cols[5]:
        e_sync, e_async = d["sync_energies"], d["async_energies"]
        fig = plots.energy_figure(e_sync, height=280,
                                  x_title="step (synchronous) / sweep (asynchronous)")
        fig.data[0].name = "synchronous"
        fig.add_scatter(y=e_async, x=np.arange(len(e_async)), mode="lines+markers",
                        name="asynchronous")
        fig.update_layout(showlegend=True)
        st.plotly_chart(fig, key="demos.cycle.energy")
    n = sum(k for _, k in d["spread"])
    ui.spread_line(f"asynchronous runs from this start, {c.spread_text(d['spread'], 'update orders')}"
                   f"; {d['orders_converged']} of {n} stopped at a fixed point.")
    st.markdown(f"Synchronous run: **{'2-cycle' if d['sync_cycle'] == 2 else 'no cycle'}**; "
                f"asynchronous run: "
                f"**{'converged' if d['async_converged'] else 'not converged'}**. "
                "The probe has zero overlap with both memories, so every local field is "
                "h_i = −(P/N) s_i: all units flip together, then flip back. Updated one at a "
                "time, the first flips break the symmetry and the energy falls to a memory or "
                "to the inverse of one.")


DEMO = Demo(
    slug="sync-cycle", order=8, title="Synchronous oscillation", short="2-cycle",
    teaser="All units at once can flip-flop forever; one at a time always settles, on a "
           "memory or an inverse.",
    text=TEXT, scenario=lambda: scenario_for("sync"), thumbnail=lambda: (setup()[2], GRID),
    compute=compute, view=view, variants=(("asynchronous run", lambda: scenario_for("async")),),
    claims=(
        Claim("synchronous: every pixel flips at every step, a 2-cycle, the energy never falls",
              f"{TESTS}::test_sync_is_a_two_cycle_with_flat_energy"),
        Claim("asynchronous: every one of 30 orders stops at a fixed point; it ends on A, H or "
              "an inverse, inverses in about half the runs",
              f"{TESTS}::test_async_always_settles_and_the_spread_is_as_shown"),
        Claim("every local field is h_i = −(P/N) s_i at the start",
              f"{TESTS}::test_start_fields_are_minus_p_over_n_times_s"),
    ),
)
