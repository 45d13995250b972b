"""Side-by-side comparison of hopfield_core with peer Hopfield libraries from PyPI.

Run from the repository root:

    pip install --no-deps -r bench/requirements-peers.txt   # once; the peers are optional
    python bench/bench_peers.py

On the same random patterns and the same noisy probes, for every peer that is installed:

(a) the Hebbian weight matrix against ours (max abs difference, after converting the
    peer's convention where it differs);
(b) recall agreement: the final overlap m = (1/N) xi . s reached by the peer and by us;
(c) time per recall at N = 1024 and N = 4096 (P = 20, 10 % of units flipped), and the
    ratio peer / hopfield_core, measured in this one process.

Peers (see bench/requirements-peers.txt): neurodynex3 (EPFL, Neuronal Dynamics
exercises, its numpy-only ``hopfield_network/network.py``), hopfieldnetwork (its
numpy-only ``libary.py``, loaded as a file so that the package's matplotlib GUI helpers
are not imported) and dhnn. A peer that is not installed is skipped with a message.

The peers draw their random update orders from numpy's global generator, which this
project never seeds (its house style bans the global state): their runs differ from run
to run; the overlaps are what is compared, not bit-for-bit trajectories.
"""

from __future__ import annotations

import importlib.util
import statistics
import textwrap
import sys
import time
from pathlib import Path
from typing import Any, Callable

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import hopfield_core as hc  # noqa: E402

SIZES = (1024, 4096)
N_PATTERNS = 20
NOISE = 0.10
N_PROBES = 3
SEED = 20260601
#: neurodynex3's store_patterns is a Python double loop over all (i, k) pairs per pattern
#: (P N^2 interpreted steps: 335 million at N = 4096), so its weights are checked at this
#: smaller N and the recall uses the matrix it was shown to equal (ours).
NEURODYNEX_WEIGHT_N = 256
INSTALL_HINT = "pip install --no-deps -r bench/requirements-peers.txt"


# ----------------------------------------------------------------------------- peers


class Missing(Exception):
    """A peer library is not installed."""


def _load_neurodynex() -> Any:
    try:
        from neurodynex3.hopfield_network import network
    except ImportError as exc:  # the package, or something its network.py imports
        raise Missing(f"neurodynex3 ({exc})") from exc
    return network


def _load_hopfieldnetwork() -> Any:
    spec = importlib.util.find_spec("hopfieldnetwork")
    if spec is None or not spec.submodule_search_locations:
        raise Missing("hopfieldnetwork")
    path = Path(list(spec.submodule_search_locations)[0]) / "libary.py"
    if not path.exists():
        raise Missing(f"hopfieldnetwork (no {path.name} in this version)")
    # Load the one numpy-only file; the package __init__ pulls in matplotlib and Pillow.
    file_spec = importlib.util.spec_from_file_location("_peer_hopfieldnetwork_libary", path)
    module = importlib.util.module_from_spec(file_spec)
    file_spec.loader.exec_module(module)
    return module


def _load_dhnn() -> Any:
    try:
        import dhnn
    except ImportError as exc:
        raise Missing(f"dhnn ({exc})") from exc
    return dhnn


class Peer:
    """One peer library: how to build its Hebbian weights and recall a probe with it."""

    name: str = ""
    conventions: str = ""
    modes: tuple[str, ...] = ()

    def __init__(self, module: Any) -> None:
        self.module = module

    def weights(self, X: np.ndarray) -> tuple[np.ndarray, str]:
        """The peer's W converted to our convention (1/N, zero diagonal), and a note."""
        raise NotImplementedError

    def prepare(self, X: np.ndarray, W: np.ndarray) -> Any:
        """A network ready to recall (built from the patterns, or given our W)."""
        raise NotImplementedError

    def recall(self, model: Any, probe: np.ndarray, mode: str) -> np.ndarray:
        raise NotImplementedError


class Neurodynex(Peer):
    name = "neurodynex3 1.0.4"
    conventions = (
        "W = (1/N) sum xi xi^T, zero diagonal (same); sign(0) -> +1 (ours: a tie keeps its "
        "value); async = one sweep in a fresh np.random permutation, field from the column "
        "W[:, i]; no stopping rule (we iterate until a sweep changes nothing); "
        "store_patterns is an interpreted O(P N^2) loop"
    )
    modes = ("async", "sync")

    def weights(self, X):
        net = self.module.HopfieldNetwork(X.shape[1])
        net.store_patterns(list(X))
        return net.weights, "same convention"

    def prepare(self, X, W):
        net = self.module.HopfieldNetwork(X.shape[1])
        net.weights = W  # shown equal to its own store_patterns at NEURODYNEX_WEIGHT_N
        return net

    def recall(self, model, probe, mode, max_sweeps=50):
        if mode == "async":
            model.set_dynamics_sign_async()
        else:
            model.set_dynamics_sign_sync()
        model.set_state_from_pattern(probe)
        for _ in range(max_sweeps):
            before = model.state.copy()
            model.iterate()
            if np.array_equal(before, model.state):
                break
        return np.asarray(model.state)


class HopfieldNetworkPeer(Peer):
    name = "hopfieldnetwork 1.0.1"
    conventions = (
        "W = (1/N) sum xi xi^T, zero diagonal (same); sign_0(h) = +1 for h >= -1e-15 (ours: "
        "a tie keeps its value); async sweeps in a fresh np.random permutation; "
        "run_max stops after a sweep that changes nothing (sync: also on a 2-cycle)"
    )
    modes = ("async", "sync")

    def weights(self, X):
        net = self.module.HopfieldNetwork(X.shape[1])
        net.train_pattern(X.T.astype(np.float64))  # (N, P): all patterns in one call
        return net.w, "same convention"

    def prepare(self, X, W):
        net = self.module.HopfieldNetwork(X.shape[1])
        net.train_pattern(X.T.astype(np.float64))
        return net

    def recall(self, model, probe, mode):
        model.set_initial_neurons_state(probe.copy())  # the peer updates it in place
        model.update_neurons(0, mode, run_max=True)
        return np.asarray(model.S)


class DhnnPeer(Peer):
    name = "dhnn 0.1.12"
    conventions = (
        "W = X^T X - P I: no 1/N (compared as W / N), zero diagonal; predict() makes a fixed "
        "number of single-unit updates at units drawn with replacement by "
        "randint(0, N - 1), which never picks the last unit; defaults theta = 0.5 on the "
        "unscaled field and nflag = 0 (outputs in {0, 1}): called here with theta = 0, "
        "pflag = 1, nflag = -1 and 5N updates (about e^-5 of the units are never visited, so "
        "a few flipped units can stay wrong); a tie goes to nflag (-1)"
    )
    modes = ("async",)

    def weights(self, X):
        model = self.module.DHNN(pflag=1, nflag=-1)
        model.train(X.astype(np.float64))
        return model.weight / X.shape[1], "peer's W divided by N"

    def prepare(self, X, W):
        model = self.module.DHNN(pflag=1, nflag=-1)
        model.train(X.astype(np.float64))
        return model

    def recall(self, model, probe, mode):
        data = probe[None, :].astype(np.float64)  # predict() overwrites its input
        out = model.predict(data, theta=0.0, epochs=5 * probe.size)
        return np.asarray(out[0])


PEERS: list[tuple[type[Peer], Callable[[], Any]]] = [
    (Neurodynex, _load_neurodynex),
    (HopfieldNetworkPeer, _load_hopfieldnetwork),
    (DhnnPeer, _load_dhnn),
]


# ---------------------------------------------------------------------- measurement


def _timed(fn: Callable[[], Any]) -> tuple[Any, float]:
    t0 = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t0


def _ours_recall(net: hc.Network, probe: np.ndarray, mode: str, seed: int) -> np.ndarray:
    return hc.run(net, probe, mode=mode, steps=50, rng=seed).final


def _median_time(fn: Callable[[], Any], repeats: int = 5) -> float:
    fn()  # warm-up
    return statistics.median(_timed(fn)[1] for _ in range(repeats))


def _fmt_time(t: float) -> str:
    return f"{t * 1e3:9.1f} ms" if t < 10 else f"{t:9.1f} s "


def main() -> int:
    rng = np.random.default_rng(SEED)
    data = {}
    for n in SIZES:
        X = hc.random_patterns(N_PATTERNS, n, rng=rng)
        probes = np.stack([hc.add_noise(X[k], NOISE, rng=rng) for k in range(N_PROBES)])
        data[n] = (X, probes)

    print(f"hopfield_core vs peer libraries: P = {N_PATTERNS} random patterns, "
          f"{N_PROBES} probes with {NOISE:.0%} of units flipped, recall to a fixed point.")
    print("Time per recall: median over the probes (each recall the median of 5 runs; a peer "
          "recall over 0.1 s is run once);\nratio = peer time / hopfield_core time, measured "
          "in this one process.")

    loaded: list[Peer] = []
    for cls, loader in PEERS:
        try:
            loaded.append(cls(loader()))
        except Missing as exc:
            print(f"SKIP {cls.name}: not installed ({exc}). Install the pinned peers with:\n"
                  f"     {INSTALL_HINT}")
    if not loaded:
        print("\nNo peer installed: nothing to compare.")
        return 0

    print("\n(a) Hebbian weights, max |W_peer - W_ours| (peer converted to 1/N, zero diagonal)")
    for peer in loaded:
        sizes = (NEURODYNEX_WEIGHT_N,) if isinstance(peer, Neurodynex) else SIZES
        for n in sizes:
            X = data[n][0] if n in data else hc.random_patterns(N_PATTERNS, n, rng=rng)
            ours = hc.train(X, rule="hebbian")
            (theirs, note), t = _timed(lambda: peer.weights(X))
            diff = float(np.abs(np.asarray(theirs, dtype=np.float64) - ours).max())
            print(f"  {peer.name:22s} N = {n:5d}: {diff:.2e}  ({note}; peer training "
                  f"{_fmt_time(t).strip()})")

    header = (f"  {'peer':22s} {'N':>5s} {'mode':5s} {'m peer':>7s} {'m ours':>7s} "
              f"{'same':>5s} {'peer time':>12s} {'ours':>12s} {'ratio':>8s}")
    print("\n(b, c) recall: mean final overlap, probes ending in the same state, time per recall")
    print(header)
    rows = []
    for n in SIZES:
        X, probes = data[n]
        net = hc.store(X, rule="hebbian")
        W = net.weights()
        for peer in loaded:
            model, _ = _timed(lambda: peer.prepare(X, W))
            for mode in peer.modes:
                m_peer, m_ours, same, t_peer, t_ours = [], [], 0, [], []
                for k, probe in enumerate(probes):
                    final_peer, tp = _timed(lambda: peer.recall(model, probe, mode))
                    if tp < 0.1:  # fast enough to repeat: the median of 5 steadies the figure
                        tp = statistics.median(
                            [tp] + [_timed(lambda: peer.recall(model, probe, mode))[1]
                                    for _ in range(4)])
                    final_ours = _ours_recall(net, probe, mode, seed=k)
                    t_peer.append(tp)
                    t_ours.append(_median_time(lambda: _ours_recall(net, probe, mode, seed=k)))
                    m_peer.append(float(X[k] @ np.asarray(final_peer, dtype=np.float64)) / n)
                    m_ours.append(float(X[k] @ final_ours.astype(np.float64)) / n)
                    same += int(np.array_equal(np.asarray(final_peer), final_ours))
                tp, to = statistics.median(t_peer), statistics.median(t_ours)
                rows.append((peer.name, n, mode, tp / to))
                print(f"  {peer.name:22s} {n:5d} {mode:5s} {np.mean(m_peer):7.4f} "
                      f"{np.mean(m_ours):7.4f} {same:>3d}/{len(probes)} {_fmt_time(tp):>12s} "
                      f"{_fmt_time(to):>12s} {tp / to:7.0f}x")

    print("\nConventions that differ from hopfield_core (ours: W = (1/N) sum xi xi^T with a "
          "zero diagonal,\nh = W s - theta, a tie keeps its value, async = sweeps in a fresh "
          "seeded permutation, stop at a fixed point):")
    for peer in loaded:
        print(textwrap.fill(f"- {peer.name}: {peer.conventions}.", width=100,
                            initial_indent="  ", subsequent_indent="    "))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
