"""Source C: the blog post storing five 50x50 pictures, recalling one from its first half.

Replayed as its author ran it: W = Σ ξ ξᵀ (``np.outer``, diagonal included, no 1/N),
the second half of the picture's units (its lower half) set to −1, then ONE
sequential sweep, units 0, 1, ..., N−1, each set to +1 if its field is > 0, else −1.
The app's five 50x50 pictures stand in for the post's p1..p5; the post recalls p2,
here the umbrella.
"""

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
TARGET = 1  # the post's p2
TESTS = "tests/claims/test_source_blog_post.py"

TEXT = DemoText(
    look="the post's test exactly: five pictures, the lower half of the second one set to "
         "−1, one sequential sweep. The umbrella (the post's p2) comes back; asked the same "
         "of the other four pictures, the sweep ends in none of them.",
    teaches="where our default differs: the app visits the units in a fresh random order per "
            "sweep and sweeps until nothing changes; the post makes one pass from the top-left "
            "pixel, so the lower half is rebuilt from an upper half already settled. The post "
            "also keeps the diagonal of W (each unit feeds itself with weight 5); the app sets "
            "it to 0, which changes up to 17 pixels of the failed recalls and none of the umbrella.",
    now_try="open it in the Playground (it opens with Update order: Sequential and 1 step), "
            "pick another memory in ② Probe with 'lower half' still erased and Run; then see "
            "demo 6 for a setting where all five come back.",
)


def blog_probe(pattern: np.ndarray) -> np.ndarray:
    """The post's ``modify_img``: every unit from index N/2 on set to −1."""
    probe = c.int8(pattern).copy()
    probe[len(probe) // 2:] = -1
    return probe


def literal_sweep(patterns: np.ndarray, probe: np.ndarray) -> np.ndarray:
    """The post's ``reconstructed_image``: one pass i = 0..N-1 with W = Σ outer (diagonal
    kept), s_i = 1 if Σ_j W_ij s_j > 0 else -1. Written as the fields' running update
    h <- h + W[:, i] * (new - old) so it stays O(N P) per unit change."""
    x = patterns.astype(np.int64)
    s = probe.astype(np.int64).copy()
    q = x @ s  # overlaps (unnormalised): h = x.T @ q includes the diagonal
    for i in range(len(s)):
        new = 1 if int(x[:, i] @ q) > 0 else -1
        if new != s[i]:
            q += x[:, i] * (new - s[i])
            s[i] = new
    return s.astype(np.int8)


def compute() -> dict:
    names, pats = c.pictures(GRID, PICTURES)
    net = hc.store(pats, rule="hebbian")
    rows = []
    for k in range(len(pats)):
        probe = blog_probe(pats[k])
        literal = literal_sweep(pats, probe)
        engine = hc.run(net, probe, mode="async", steps=1, order="sequential").states[-1]
        rows.append({"probe": probe, "literal": literal,
                     "end": c.outcome_label(literal, pats, names),
                     "m": c.overlap(pats[k], literal),
                     "engine_end": c.outcome_label(engine, pats, names),
                     "differ": int((c.int8(engine) != literal).sum())})
    return {"names": names, "patterns": pats, "rows": rows, "grid": GRID}


def scenario() -> Scenario:
    names, pats = c.pictures(GRID, PICTURES)
    return Scenario(
        memories=c.memories(names, pats, GRID), probe=blog_probe(pats[TARGET]),
        settings=c.settings(rule="hebbian", mode="async", steps=1, frames_per_sweep=16,
                            seed=0, noise=0.0, occlusion="lower half", order="sequential"),
        title="Source C: one sequential sweep from the upper half", note=TEXT.note())


def view(d: dict) -> None:
    grid, names = d["grid"], d["names"]
    for k, (col, row) in enumerate(zip(st.columns(len(names), gap="small"), d["rows"])):
        with col:
            label = " (the post's p2)" if k == TARGET else ""
            ui.pic(row["probe"], grid, caption=f"“{names[k]}”{label}, lower half −1", width=120)
            ui.pic(row["literal"], grid, caption=f"one sequential sweep → {row['end']}, "
                                                 f"m = {row['m']:.2f}", width=120)
            st.caption(f"app's engine (zero diagonal): {row['engine_end']}, "
                       f"{row['differ']} pixels differ")


DEMO = Demo(
    slug="source-blog-post", order=3, group="sources",
    title="Blog post: five pictures, one sweep", short="Src: blog",
    teaser="Five 50×50 pictures, the lower half set to −1, one sequential sweep.",
    source="a blog post, “Hopfield Network Python implementation” (five 50×50 pictures, "
           "np.outer weights, one sequential pass)",
    text=TEXT, scenario=scenario,
    thumbnail=lambda: (blog_probe(c.pictures(GRID, PICTURES)[1][TARGET]), GRID),
    compute=compute, view=view,
    claims=(
        Claim("the umbrella (p2) comes back in one sequential sweep; the other four end in "
              "none of the pictures", f"{TESTS}::test_one_sweep_recalls_p2_only"),
        Claim("the zero diagonal changes up to 17 pixels of the failed recalls, none of the umbrella",
              f"{TESTS}::test_diagonal_changes_only_failed_recalls"),
    ),
)
