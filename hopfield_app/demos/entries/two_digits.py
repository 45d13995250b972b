"""Demo 2, two digits: “0” and “1” at 50x50, each probe one synchronous step."""

from __future__ import annotations

import numpy as np
import streamlit as st

import hopfield_core as hc
from hopfield_app.demos import common as c
from hopfield_app.demos import ui
from hopfield_app.demos.model import Claim, Demo, DemoText
from hopfield_app.state import Scenario

GRID = (50, 50)
TESTS = "tests/claims/test_two_digits.py"
LABELS = ["“0”, 25 % noise", "“0”, lower half erased", "“1”, 25 % noise",
          "“1”, upper half erased", "almost all white", "almost all black"]

TEXT = DemoText(
    look="one synchronous step cleans a noisy “0” and completes a half-erased “1”; the "
         "almost white probe lands on a memory and the almost black one on the inverse "
         "of a memory.",
    teaches=r"the weights store correlations $\xi_i \xi_j$, which do not change when "
            r"every sign flips: $E(-s) = E(s)$, so each memory comes with its inverse as a "
            "second attractor. A mostly white state is closest to the whiter memory; a "
            "mostly black one to its inverse.",
    now_try="raise the noise step by step. With only two memories one synchronous step "
            "is enough up to about 45 % noise; near 50 % the noisy “0” may land on “1”, "
            "and past 50 % it lands on the inverse of “0”, which it is then closer to.",
)


def probes(noise_seed: int = 20) -> tuple[list[str], np.ndarray, np.ndarray]:
    """(names, the two digits, the six probes); ``noise_seed`` draws the noisy ones."""
    zero, one = hc.glyph("0", GRID), hc.glyph("1", GRID)
    pats = c.int8(np.stack([zero, one]))
    n = pats.shape[1]
    white = -np.ones(n, dtype=np.int8)
    black = np.ones(n, dtype=np.int8)
    out = np.stack([
        hc.add_noise(pats[0], 0.25, rng=noise_seed),
        hc.occlude(pats[0], GRID, "lower half"),
        hc.add_noise(pats[1], 0.25, rng=noise_seed + 1),
        hc.occlude(pats[1], GRID, "upper half"),
        hc.add_noise(white, 0.05, rng=noise_seed + 2),
        hc.add_noise(black, 0.05, rng=noise_seed + 3),
    ])
    return ["0", "1"], pats, c.int8(out)


def compute() -> dict:
    """Hebbian network of the two digits; each probe gets one synchronous step."""
    names, pats, prb = probes()
    net = hc.store(pats, rule="hebbian")
    finals = np.stack([c.int8(hc.run(net, p, mode="sync", steps=1).states[1]) for p in prb])
    return {"names": names, "patterns": pats, "labels": LABELS, "probes": prb,
            "finals": finals, "ends": [c.closest(f, pats) for f in finals], "grid": GRID}


def scenario_for(k: int) -> Scenario:
    names, pats, prb = probes()
    return Scenario(
        memories=c.memories(names, pats, GRID), probe=prb[k],
        settings=c.settings(rule="hebbian", mode="sync", steps=3, frames_per_sweep=1, seed=0,
                            noise=0.25 if k in (0, 2) else 0.0,
                            occlusion={1: "lower half", 3: "upper half"}.get(k, "none")),
        title=f"Two digits, one step: {LABELS[k]}", note=TEXT.note())


def view(d: dict) -> None:
    grid, names = d["grid"], d["names"]
    st.markdown("**Stored (Hebbian, 50×50):** " + ", ".join(f"“{n}”" for n in names)
                + ". Each probe gets **one synchronous step**.")
    for k, col in enumerate(st.columns(len(d["labels"]), gap="small")):
        with col:
            st.markdown(f"**{d['labels'][k]}**")
            ui.pic(d["probes"][k], grid, width=150)
            st.markdown("↓ one synchronous step")
            ui.pic(d["finals"][k], grid, width=150)
            st.markdown(f"→ {c.describe(d['finals'][k], d['patterns'], names)}")
    st.info("Why do white and black probes land on a memory or its inverse? The weights "
            r"$W_{ij} = \frac{1}{N}\sum_\mu \xi^\mu_i \xi^\mu_j$ store correlations, which "
            "stay the same when every sign flips, so $E(-s) = E(s)$: the inverse of each "
            "memory is an attractor as deep as the memory.")


DEMO = Demo(
    slug="two-digits", order=2, title="Two digits, one step", short="Two digits",
    teaser="“0” and “1”: one synchronous step cleans noise; white and black probes find "
           "inverses.",
    text=TEXT, scenario=lambda: scenario_for(0),
    thumbnail=lambda: (probes()[2][3], GRID), compute=compute, view=view,
    variants=(("“1”, upper half erased", lambda: scenario_for(3)),
              ("almost all white", lambda: scenario_for(4)),
              ("almost all black", lambda: scenario_for(5))),
    claims=(
        Claim("one synchronous step cleans a noisy “0” (25 %) and completes a half-erased "
              "digit; almost white lands on a memory, almost black on an inverse",
              f"{TESTS}::test_one_step_cleans_completes_and_extremes_find_memory_or_inverse"),
        Claim("E(−s) = E(s): the inverse is as deep as the memory",
              f"{TESTS}::test_inverse_has_the_energy_of_the_memory"),
        Claim("now try: one step is enough up to about 45 % noise; past 50 % the noisy “0” "
              "lands on the inverse of “0”", f"{TESTS}::test_now_try_noise_45_and_past_50"),
    ),
)
