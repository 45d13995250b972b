"""Demo 6, five pictures, half erased: when part of a memory is enough, and when it is not."""

from __future__ import annotations

import numpy as np
import streamlit as st

import hopfield_core as hc
from hopfield_app.demos import common as c
from hopfield_app.demos import ui
from hopfield_app.demos.model import Claim, Demo, DemoText
from hopfield_app.state import Scenario

GRID = (50, 50)
PICTURES = ["boat", "umbrella", "cat", "moon", "fish"]
ORDERS = tuple(range(20))
SEED = 6
# (rule, erased region, label): the setting that works, then the blog post's setting
SETTINGS = (("storkey", "upper half", "Storkey rule, upper half erased"),
            ("hebbian", "lower half", "Hebb's rule, lower half erased (the blog post's test)"))
TESTS = "tests/claims/test_half_erased.py"

TEXT = DemoText(
    look="each of the five pictures with its upper half blanked to white (−1), recalled "
         "with the Storkey rule: all five grow back, in every one of 20 update orders. With "
         "Hebb's rule and the lower half blanked only the umbrella comes back: its lower half "
         "held just 134 black pixels, the other pictures lost 585 to 861 and end in another "
         "picture.",
    teaches="a Hopfield network is content-addressable memory: part of a memory retrieves "
            "the whole when that part still tells the memories apart. These pictures share "
            "much white background, so under Hebb's rule a probe with a white half is pulled "
            "towards the whitest pictures; Storkey's rule corrects for such correlations.",
    now_try="in the Playground switch the rule to Hebbian and run again: the boat still "
            "comes back from its lower half. Then start from memory 2 (umbrella): under Hebb's "
            "rule it ends near the moon, under Storkey's it comes back.",
)


def probe_for(pats: np.ndarray, k: int, region: str) -> np.ndarray:
    return hc.occlude(pats[k], GRID, region, value=-1)


def compute(orders: tuple[int, ...] = ORDERS) -> dict:
    """Both settings, every picture erased in turn, recalled in each update order."""
    names, pats = c.pictures(GRID, PICTURES)
    rows = []
    for rule, region, label in SETTINGS:
        net = hc.store(pats, rule=rule)
        cells = []
        for k in range(len(pats)):
            probe = probe_for(pats, k, region)
            finals = [hc.run(net, probe, mode="async", steps=30, rng=o).final for o in orders]
            back = sum(bool(np.array_equal(f, pats[k])) for f in finals)
            cells.append({"probe": probe, "final": c.int8(finals[0]), "back": back,
                          "erased_ink": int((probe != pats[k]).sum()),
                          "end": c.outcome_label(finals[0], pats, names),
                          "overlap": c.overlap(pats[k], finals[0])})
        rows.append({"rule": rule, "region": region, "label": label, "cells": cells})
    return {"names": names, "patterns": pats, "rows": rows, "n_orders": len(orders), "grid": GRID}


def scenario() -> Scenario:
    names, pats = c.pictures(GRID, PICTURES)
    return Scenario(
        memories=c.memories(names, pats, GRID), probe=probe_for(pats, 0, "upper half"),
        settings=c.settings(rule="storkey", mode="async", steps=30, frames_per_sweep=16,
                            seed=SEED, noise=0.0, occlusion="upper half"),
        title="Five pictures, upper half erased (Storkey)", note=TEXT.note())


def view(d: dict) -> None:
    grid, names, n = d["grid"], d["names"], d["n_orders"]
    for row in d["rows"]:
        back = sum(cell["back"] == n for cell in row["cells"])
        st.markdown(f"**{row['label']}:** {back} of {len(names)} pictures come back in all "
                    f"{n} update orders.")
        for k, (col, cell) in enumerate(zip(st.columns(len(names), gap="small"), row["cells"])):
            with col:
                ui.pic(cell["probe"], grid, caption=f"“{names[k]}”, {cell['erased_ink']} black "
                                                    "pixels erased",
                       width=110)
                ui.pic(cell["final"], grid, caption=f"→ {cell['end']}, {cell['back']} of {n} "
                                                    "orders back", width=110)

DEMO = Demo(
    slug="half-erased", order=6, title="Five pictures, half erased", short="Half erased",
    teaser="Blank half of a picture: with the right rule all five grow back; with Hebb's "
           "rule only one does.",
    text=TEXT, scenario=scenario,
    thumbnail=lambda: (probe_for(c.pictures(GRID, PICTURES)[1], 0, "upper half"), GRID),
    compute=compute, view=view,
    variants=(("Hebb's rule, umbrella, lower half",
               lambda: _scenario_hebbian_lower(1)),),
    claims=(
        Claim("Storkey, upper half blanked: all five grow back in every one of 20 orders",
              f"{TESTS}::test_storkey_upper_half_all_five_back_in_every_order"),
        Claim("Hebb, lower half blanked: only the umbrella comes back (134 black pixels "
              "erased; the others 585 to 861) and the others end in another picture",
              f"{TESTS}::test_hebbian_lower_half_only_the_umbrella_returns"),
        Claim("now try: Hebbian still brings the boat back from its lower half; the umbrella "
              "ends near the moon under Hebb and comes back under Storkey",
              f"{TESTS}::test_now_try_hebbian_boat_back_umbrella_to_moon"),
    ),
)


def _scenario_hebbian_lower(k: int) -> Scenario:
    names, pats = c.pictures(GRID, PICTURES)
    return Scenario(
        memories=c.memories(names, pats, GRID), probe=probe_for(pats, k, "lower half"),
        settings=c.settings(rule="hebbian", mode="async", steps=30, frames_per_sweep=16,
                            seed=SEED, noise=0.0, occlusion="lower half"),
        title=f"Five pictures, “{names[k]}” with its lower half erased (Hebbian)",
        note=TEXT.note())
