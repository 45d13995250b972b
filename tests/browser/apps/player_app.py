"""A tiny page that mounts the frame player, for tests/browser/test_player.py.

By default it plays a real run of the core: the digits 0-3 at 64x64 stored
with the Storkey rule, the "2" with 30% of its units flipped, recalled
asynchronously with 32 frames per sweep (33 frames, each one different from
the one before). ``?case=`` picks a synthetic run of another shape instead
(deterministic: a picture appearing out of noise, a block of units a frame):

- ``single``: one frame only (nothing to play);
- ``six``: N = 6 on a 2x3 grid;
- ``big``: a 256x256 grid;
- ``long``: 300 frames of 64x64 (for timing playback in bench/bench_player.py);
- ``long-big``: 120 frames of 256x256 (the same, at the largest grid);
- ``many``: 30 memories (more than the overlap chart has colours);
- ``modern``: continuous (float) states, as the "modern" rule gives;
- ``mismatch``: a grid that does not fit the states (the player must refuse);
- ``flicker256``: 1,601 frames of 256x256, 40 units flipping each frame;
- ``run256``: a real stochastic run at 256x256 (ten digits, T = 0.3, 100 sweeps
  at 16 frames per sweep: 1,601 frames), the payload benchmark's run.

``?autoplay=1`` starts playing at once; ``?speed=auto`` leaves the speed to
the player (else 30 fps). The page writes "python sees frame k"
with the value frame_player returns, so tests can check what Python sees.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

import hopfield_core as hc  # noqa: E402
from hopfield_app.widgets.player import frame_player  # noqa: E402


@dataclass
class SyntheticTrajectory:
    """Stand-in with the fields of hopfield_core's Trajectory that the player reads."""

    states: np.ndarray
    energies: np.ndarray
    sweeps: np.ndarray
    frame_unit: str
    stopped: str
    converged: bool = True
    cycle: int = 0

    @property
    def changed(self) -> np.ndarray:
        return self.states[1:] != self.states[:-1]

    def overlaps(self, patterns: np.ndarray) -> np.ndarray:
        xi = np.asarray(patterns, dtype=np.float64)
        # in blocks of frames: a long 256x256 run as float64 would take a gigabyte
        return np.vstack([block.astype(np.float64) @ xi.T / self.states.shape[1]
                          for block in np.array_split(self.states, 1 + len(self.states) // 64)])


def _picture(rows: int, cols: int) -> np.ndarray:
    r, c = np.mgrid[0:rows, 0:cols]
    disc = (r - rows * 0.4) ** 2 + (c - cols * 0.4) ** 2 < (min(rows, cols) * 0.28) ** 2
    bar = (r > rows * 0.75) & (r < rows * 0.85) & (c > cols * 0.15)
    return np.where(disc | bar, 1, -1).astype(np.int8).ravel()


def synthetic_run(rows: int, cols: int, frames: int, *, seed: int, per_sweep: int = 4):
    """A run from noise to a picture: each frame fixes the next block of wrong units."""
    rng = np.random.default_rng(seed)
    n = rows * cols
    target = _picture(rows, cols)
    other = rng.choice(np.array([-1, 1], dtype=np.int8), size=n)
    state = np.where(rng.random(n) < 0.6, target, -target).astype(np.int8)
    wrong = np.flatnonzero(state != target)
    order = rng.permutation(wrong)
    blocks = np.array_split(order, max(frames - 1, 1))
    states = [state.copy()]
    for block in blocks[: frames - 1]:
        state[block] = target[block]
        states.append(state.copy())
    states_arr = np.array(states)
    patterns = np.stack([target, other])
    weights_energy = -0.5 * ((states_arr @ patterns.T.astype(np.float64)) ** 2).sum(axis=1) / n
    sweeps = np.arange(len(states_arr)) / per_sweep
    traj = SyntheticTrajectory(
        states=states_arr,
        energies=weights_energy,
        sweeps=sweeps,
        frame_unit=f"1/{per_sweep} sweep ({n // per_sweep} unit updates)",
        stopped="fixed point",
    )
    return traj, patterns


def run256(seed: int = 1):
    """The 1,601-frame 256x256 stochastic run of the payload benchmark (about 2 s to compute)."""
    names, digits = hc.builtin_set("digits", (256, 256))
    net = hc.store(digits, rule="hebbian")
    probe = hc.add_noise(digits[2], 0.3, rng=seed)
    traj = hc.run(net, probe, mode="async", steps=100, temperature=0.3, rng=seed,
                  frames_per_sweep=16)
    return traj, (256, 256), digits, [f"digit {name}" for name in names]


def flicker256(seed: int = 1):
    """1,601 frames of 256x256 with 40 random units flipping every frame (fast to build)."""
    rng = np.random.default_rng(seed)
    n, count = 256 * 256, 1601
    flips = rng.integers(0, n, size=(count - 1, 40))
    sign = np.ones((count, n), dtype=np.int8)
    sign[0] = rng.choice(np.array([-1, 1], dtype=np.int8), size=n)
    for t in range(1, count):
        sign[t] = sign[t - 1]
        sign[t, flips[t - 1]] *= -1
    patterns = np.stack([sign[0], sign[-1]])
    traj = SyntheticTrajectory(states=sign, energies=-np.arange(count, dtype=np.float64),
                               sweeps=np.arange(count) / 16, frame_unit="1/16 sweep",
                               stopped="step limit")  # fmt: skip
    return traj, (256, 256), patterns, ["start", "end"]


def build_case(case: str, seed: int = 1):
    """The run shown for ``?case=``: (trajectory, grid, patterns, labels)."""
    labels = ["disc and bar", "random"]
    if case == "single":
        traj, patterns = synthetic_run(64, 64, 1, seed=3)
        return traj, (64, 64), patterns, labels
    if case == "six":
        traj, patterns = synthetic_run(2, 3, 4, seed=4, per_sweep=1)
        return traj, (2, 3), patterns, labels
    if case == "big":
        traj, patterns = synthetic_run(256, 256, 30, seed=5)
        return traj, (256, 256), patterns, labels
    if case == "long":
        traj, patterns = synthetic_run(64, 64, 300, seed=8)
        return traj, (64, 64), patterns, labels
    if case == "long-big":
        traj, patterns = synthetic_run(256, 256, 120, seed=9)
        return traj, (256, 256), patterns, labels
    if case == "many":
        traj, patterns = synthetic_run(32, 32, 20, seed=10)
        rng = np.random.default_rng(11)
        extra = rng.choice(np.array([-1, 1], dtype=np.int8), size=(28, patterns.shape[1]))
        patterns = np.vstack([patterns, extra])
        return traj, (32, 32), patterns, [f"memory {j + 1}" for j in range(len(patterns))]
    if case == "modern":
        bits, patterns = synthetic_run(32, 32, 20, seed=6)
        smooth = np.linspace(0.0, 1.0, len(bits.states))[:, None]
        states = np.clip(bits.states[-1] * smooth + 0.3 * (1 - smooth), -1.0, 1.0)
        traj = SyntheticTrajectory(
            states=states.astype(np.float64), energies=bits.energies, sweeps=bits.sweeps,
            frame_unit="one step", stopped="fixed point",
        )  # fmt: skip
        return traj, (32, 32), patterns, labels
    if case == "sync":  # a real synchronous run: its frames are steps, not sweeps
        names, digits = hc.builtin_set("digits", (16, 16))
        net = hc.store(digits[:3], rule="pseudoinverse")
        traj = hc.run(net, hc.add_noise(digits[1], 0.3, rng=seed), mode="sync", steps=10)
        return traj, (16, 16), digits[:3], [f"digit {name}" for name in names[:3]]
    if case == "run256":
        return run256(seed)
    if case == "flicker256":
        return flicker256(seed)
    if case == "mismatch":
        traj, patterns = synthetic_run(8, 8, 5, seed=7)
        return traj, (8, 9), patterns, labels
    names, digits = hc.builtin_set("digits", (64, 64))
    patterns = digits[:4]
    net = hc.store(patterns, rule="storkey")
    probe = hc.add_noise(patterns[2], 0.3, rng=seed)
    traj = hc.run(net, probe, mode="async", steps=20, rng=seed, frames_per_sweep=32)
    return traj, (64, 64), patterns, [f"digit {name}" for name in names[:4]]


def compare_run(seed: int = 1):
    """The default case's probe recalled again at 8 frames per sweep (vs 32): run B."""
    names, digits = hc.builtin_set("digits", (64, 64))
    net = hc.store(digits[:4], rule="storkey")
    probe = hc.add_noise(digits[2], 0.3, rng=seed)
    return hc.run(net, probe, mode="async", steps=20, rng=seed + 1, frames_per_sweep=8)


PLANE = {"a": 2, "b": 0, "x_label": "m(digit 2)", "y_label": "m(digit 0)",
         "extent": [-1, 1, -1, 1], "surface_png": None, "note": "path only in this test"}


def extras(names: str, case: str, seed: int) -> dict:
    """``?extras=compare,why,plane``: the player's optional views, for the default case."""
    out: dict = {}
    if "compare" in names:
        cache = st.session_state.setdefault("_compare", {})
        if seed not in cache:
            cache[seed] = compare_run(seed)
        out.update(compare=cache[seed], label="32 frames/sweep", compare_label="8 frames/sweep")
    if "why" in names:
        out["why"] = {"test": True, "case": case}
    if "plane" in names:
        out["plane"] = PLANE
    return out


def main() -> None:
    st.set_page_config(page_title="Player test", layout="wide")
    case = st.query_params.get("case", "default")
    autoplay = st.query_params.get("autoplay", "0") == "1"
    speed = st.query_params.get("speed", "30")  # "auto": the player's default speed
    st.title("Frame player")
    col_left, col_player = st.columns([1, 3])
    with col_left:
        st.write("Memories, probe and settings would be here.")
        # A new run under the same player key: the player must start over with it.
        if st.button("New run (next seed)", key="new_run"):
            st.session_state["seed"] = st.session_state.get("seed", 1) + 1
        seed = st.session_state.get("seed", 1)
        st.write(f"seed {seed}")
        # Run pressed again with the same settings: an equal run, a new object.
        if st.button("Same run again", key="same_run"):
            st.session_state.pop("_cases", None)
            st.session_state.pop("_compare", None)
        st.text_input("Notes", key="notes")  # typing here must not drive the player
    # Kept for this session: a report from the page reruns the script, and the
    # player recognises the same run by the same trajectory object.
    cache = st.session_state.setdefault("_cases", {})
    if (case, seed) not in cache:
        cache[(case, seed)] = build_case(case, seed)
    traj, grid, patterns, labels = cache[(case, seed)]
    with col_player:
        try:
            k = frame_player(traj, grid, patterns=patterns, labels=labels, key="player",
                             autoplay=autoplay, fps=None if speed == "auto" else 30,
                             **extras(st.query_params.get("extras", ""), case, seed))
        except ValueError as err:
            st.error(str(err))
        else:
            st.write(f"python sees frame {k}")
            st.write(f"python sees unit {k.unit}")
            if k.action:
                st.session_state["actions"] = st.session_state.get("actions", []) + [k.action]
            st.write("python saw actions " + " ".join(st.session_state.get("actions", [])))


# Streamlit runs the script as "__main__"; tests import build_case without the page.
if __name__ == "__main__":
    main()
