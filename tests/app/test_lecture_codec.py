"""The experiment codec: links and files round-trip every setting; hostile input is refused."""

from __future__ import annotations

import base64
import json
import math
import time
import zlib
from urllib.parse import parse_qsl, urlencode

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hopfield_app.lecture import experiment as ex
from hopfield_app.lecture.experiment import Experiment, MemoryBlock


def drawn(count: int, grid=(32, 32), seed: int = 0, density: float = 0.5) -> MemoryBlock:
    rng = np.random.default_rng(seed)
    pats = np.where(rng.random((count, grid[0] * grid[1])) < density, 1, -1).astype(np.int8)
    return MemoryBlock("raw", names=tuple(f"drawing {i + 1}" for i in range(count)),
                       patterns=pats)


def through_link(exp: Experiment) -> ex.Decoded:
    """Encode, pass through a real URL query string, decode."""
    query = urlencode(ex.to_query(exp))
    return ex.from_query(dict(parse_qsl(query, keep_blank_values=True)))


FULL = Experiment(
    grid=(20, 24),
    memories=(MemoryBlock("set", name="letters", count=4), drawn(3, (20, 24), seed=5),
              MemoryBlock("set", name="random", count=2)),
    probe_source="drawing", probe_memory=5, probe_memory_b=7, halfway_zero=False,
    probe_base=np.where(np.arange(480) % 7 == 0, 1, -1).astype(np.int8),
    noise=0.17, occlusion="left half", rule="dense", degree=5, beta=12.5, mode="stochastic",
    order="replacement", steps=77, frames_per_sweep=8, theta=-0.35, temperature=0.42,
    seed=123456, ran=True)


@pytest.mark.parametrize("codec", ["link", "file"])
def test_every_setting_round_trips(codec):
    out = through_link(FULL) if codec == "link" else ex.from_json(ex.to_json(FULL))
    assert out.ok, out.messages
    assert out.experiment == FULL
    # and every field is really different from its default (so the test would notice a loss)
    default = Experiment()
    for name in ("grid", "probe_source", "probe_memory", "probe_memory_b", "halfway_zero", "noise", "occlusion", "rule", "degree",
                 "beta", "mode", "order", "steps", "frames_per_sweep", "theta", "temperature",
                 "seed", "ran"):
        assert getattr(FULL, name) != getattr(default, name), name


@settings(max_examples=40, deadline=None)
@given(rows=st.integers(1, 40), cols=st.integers(1, 40), count=st.integers(1, 6),
       seed=st.integers(0, 2**31 - 1), noise=st.floats(0, 1), theta=st.floats(-10, 10),
       temp=st.floats(0, 2), rule=st.sampled_from(ex.RULES), mode=st.sampled_from(ex.MODES),
       order=st.sampled_from(ex.ORDERS), fps=st.sampled_from(ex.FRAMES_PER_SWEEP),
       zeros=st.booleans())
def test_random_experiments_round_trip(rows, cols, count, seed, noise, theta, temp, rule, mode,
                                       order, fps, zeros):
    n = rows * cols
    base = np.random.default_rng(seed).choice([-1, 0, 1] if zeros else [-1, 1], n).astype(
        np.int8)
    exp = Experiment(grid=(rows, cols), memories=(drawn(count, (rows, cols), seed),),
                     probe_source="scenario", probe_memory=count - 1, probe_base=base,
                     probe_memory_b=min(1, count - 1),
                     noise=float(f"{noise:.6g}"), theta=float(f"{theta:.6g}"),
                     temperature=float(f"{temp:.6g}"), rule=rule, mode=mode, order=order,
                     frames_per_sweep=fps, seed=seed)
    for out in (through_link(exp), ex.from_json(ex.to_json(exp))):
        assert out.ok, out.messages
        assert out.experiment == exp


def test_undecided_probe_units_survive():
    base = np.array([1, 0, -1, 0, 1, 1], dtype=np.int8)
    assert np.array_equal(ex.unpack_state(ex.pack_state(base), 6), base)


def test_ten_drawn_memories_fit_in_a_chat_link():
    # Worst case: pictures of pure noise barely compress.
    exp = Experiment(memories=(drawn(10, density=0.5),), ran=True)
    length = ex.query_length(ex.to_query(exp))
    assert length < ex.LINK_LIMIT, length
    assert through_link(exp).experiment == exp


def test_defaults_are_the_playgrounds():
    from hopfield_app import state

    settings_ = state.RunSettings()
    d = Experiment()
    for name in ("rule", "mode", "steps", "frames_per_sweep", "theta", "temperature", "seed",
                 "degree", "beta", "noise", "occlusion"):
        assert getattr(d, name) == getattr(settings_, name), name
    assert d.grid == state.DEFAULT_GRID


HOSTILE = [
    ({"steps": "abc"}, "steps"),
    ({"steps": "1e12"}, "steps"),
    ({"noise": "nan"}, "noise"),
    ({"T": "inf"}, "temperature"),
    ({"theta": "-1e308"}, "threshold"),
    ({"seed": "-5"}, "seed"),
    ({"fps": "3"}, "frames per sweep"),
    ({"rule": "telepathy"}, "rule"),
    ({"mode": "quantum"}, "update mode"),
    ({"order": "alphabetical"}, "update order"),
    ({"occ": "everything"}, "occlusion"),
    ({"g": "100000x100000"}, "grid"),
    ({"g": "potato"}, "grid"),
    ({"m": "s.nothing.3"}, "no built-in set"),
    ({"m": "s.digits.999999"}, "count"),
    ({"m": "x.whatever"}, "neither"),
    ({"m": "r.!!!notbase64"}, "damaged"),
    ({"ps": "drawing"}, "picture"),
    ({"pb": "AAAA", "ps": "drawing"}, "probe picture"),
    ({"run": "maybe"}, "run"),
    ({"v": "99"}, "newer version"),
]


@pytest.mark.parametrize("params,word", HOSTILE)
def test_hostile_links_give_messages_and_defaults(params, word):
    out = ex.from_query(params)
    assert out.messages, params
    assert any(word in m for m in out.messages), out.messages
    d = Experiment()
    exp = out.experiment
    # the refused value is replaced by its default, the rest untouched
    assert exp.steps == d.steps and exp.noise == d.noise and exp.rule == d.rule
    assert exp.grid == d.grid and exp.memories == ()


def test_truncated_memory_data_is_refused_whole():
    params = ex.to_query(Experiment(memories=(drawn(10),)))
    for cut in (5, len(params["m"]) // 2, len(params["m"]) - 3):
        out = ex.from_query({**params, "m": params["m"][:cut]})
        assert out.experiment.memories == ()
        assert any("memories" in m for m in out.messages)


def test_flipped_bytes_are_refused():
    params = ex.to_query(Experiment(memories=(drawn(4),)))
    text = params["m"]
    broken = text[:10] + ("A" if text[10] != "A" else "B") + text[11:]
    out = ex.from_query({**params, "m": broken})
    assert out.experiment.memories == () and out.messages


def test_a_huge_experiment_is_refused_before_work():
    # 256x256 with 500 memories: refused from the announced size, never decompressed.
    names = "\n".join(f"m{i}" for i in range(500)).encode()
    bomb = names + b"\0" + bytes(500 * 256 * 256 // 8)
    token = "r." + base64.urlsafe_b64encode(zlib.compress(bomb, 9)).decode().rstrip("=")
    start = time.perf_counter()
    out = ex.from_query({"g": "256x256", "m": token})
    assert time.perf_counter() - start < 2.0
    assert out.experiment.memories == ()
    assert any("more than the Playground holds" in m for m in out.messages), out.messages
    sets = "~".join(["s.digits.10"] * 500)
    out = ex.from_query({"g": "256x256", "m": sets})
    assert out.experiment.memories == () and out.messages


def test_a_decompression_bomb_stops_early():
    bomb = zlib.compress(bytes(50_000_000), 9)  # 50 MB of zeros, ~50 KB packed
    text = base64.urlsafe_b64encode(bomb).decode()
    with pytest.raises(ValueError):
        ex.unpack_patterns(text, 10, 1024)


@pytest.mark.parametrize("content,word", [
    (b"\x89PNG\r\n\x1a\n\0\0", "not text"),
    (b"{not json", "not valid JSON"),
    (b'{"format": "something else"}', "not a Hopfield Explorer experiment"),
    (b'[1, 2, 3]', "not a Hopfield Explorer experiment"),
    (b"", "not valid JSON"),
    (b'{"format": "hopfield-explorer-experiment", "version": 1, "update": {"steps": NaN}}',
     "steps"),
    (b'{"format": "hopfield-explorer-experiment", "version": 1, "rule": "hebbian"}',
     "not a group"),
    (b'{"format": "hopfield-explorer-experiment", "version": 1, "grid": [32, 32], '
     b'"memories": [{"names": ["a"], "bits": "zzzz"}]}', "no memories"),
    (b"[" * 100000 + b"]" * 100000, "not valid JSON"),
])
def test_bad_files_give_messages(content, word):
    out = ex.from_json(content)
    assert any(word in m for m in out.messages), out.messages
    assert out.experiment.memories == ()


def test_a_version_one_file_still_opens():
    # A file exactly as this release writes it, kept verbatim: later releases must read it.
    doc = {"format": "hopfield-explorer-experiment", "version": 1, "grid": [16, 16],
           "memories": [{"set": "digits", "count": 3}],
           "probe": {"source": "memory", "memory": 2, "picture": None, "noise": 0.25,
                     "occlusion": "center"},
           "rule": {"name": "storkey", "degree": 3, "beta": 32.0},
           "update": {"mode": "sync", "order": "random", "steps": 9, "frames_per_sweep": 16,
                      "threshold": 0.0, "temperature": 0.0, "seed": 4},
           "ran": True}
    out = ex.from_json(json.dumps(doc))
    assert out.ok, out.messages
    exp = out.experiment
    assert (exp.grid, exp.memories, exp.probe_memory, exp.noise, exp.occlusion, exp.rule,
            exp.mode, exp.steps, exp.seed, exp.ran) == (
        (16, 16), (MemoryBlock("set", name="digits", count=3),), 2, 0.25, "center", "storkey",
        "sync", 9, 4, True)


def test_numbers_keep_their_value_through_a_link():
    exp = Experiment(noise=0.3, theta=0.05, temperature=1.23, beta=0.5)
    out = through_link(exp).experiment
    assert math.isclose(out.theta, 0.05) and out.noise == 0.3 and out.beta == 0.5


def test_limits_are_the_playgrounds():
    from hopfield_app.playground import keys, memories, probe
    from hopfield_app.playground import settings as run_settings

    assert ex.MAX_STEPS == keys.MAX_STEPS
    assert ex.FRAMES_PER_SWEEP == keys.FRAMES_PER_SWEEP
    assert ex.THETA_MAX == keys.THETA_MAX and ex.TEMPERATURE_MAX == keys.TEMPERATURE_MAX
    assert ex.DEGREE_RANGE[1] == keys.DEGREE_MAX and ex.BETA_RANGE == keys.BETA_RANGE
    assert ex.MAX_MEMORIES == keys.MAX_MEMORIES
    assert set(ex.SETS) == set(memories.BUILTIN_CHOICES)
    assert set(ex.PROBE_SOURCES) == set(probe.PROBE_SOURCES)
    assert set(ex.MODES) == set(run_settings.MODES)
    assert set(ex.ORDERS) == set(run_settings.ORDERS)
    import hopfield_core as hc

    assert ex.OCCLUSIONS == tuple(hc.OCCLUSION_REGIONS) and ex.RULES == tuple(hc.RULES)
    assert ex.MAX_GRID == hc.MAX_GRID
