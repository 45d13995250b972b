"""A whole Playground experiment as data: validated, versioned, and encoded two ways.

An :class:`Experiment` holds everything that decides a Playground run: the grid,
the memories, the probe (where it comes from, noise, occlusion), the rule and its
parameters, the update mode and order, steps, frames per sweep, threshold,
temperature and seed. The same run follows from the same experiment, frame for
frame, because every random draw is seeded.

Two encodings, one validation:

- the page address: :func:`to_query` / :func:`from_query` (short readable keys,
  ``?g=32x32&m=s.digits.10&rule=hebbian...``);
- a small JSON file: :func:`to_json` / :func:`from_json` (``"format"`` and
  ``"version"`` fields, so a later release still opens today's files).

Memories are kept compactly as blocks: a built-in set by name and count
(``s.digits.10``), or drawn/uploaded pictures bit-packed (one bit per unit,
``numpy.packbits``), zlib-compressed and base64url-encoded (``r.<data>``).

Decoding never raises and never does unbounded work: every value is type- and
range-checked (a bad one is replaced by its default, with a message saying so),
the compressed data may not inflate past the size its grid and names announce,
and the total size of the memories is capped. This module is pure (no
Streamlit); :mod:`hopfield_app.lecture.session` maps an experiment to and from
the Playground's session state.
"""

from __future__ import annotations

import base64
import binascii
import json
import math
import re
import zlib
from dataclasses import dataclass, field, fields, replace
from typing import Any, Mapping

import numpy as np

__all__ = [
    "VERSION",
    "FORMAT",
    "Experiment",
    "MemoryBlock",
    "Decoded",
    "pack_patterns",
    "unpack_patterns",
    "pack_state",
    "unpack_state",
    "to_query",
    "from_query",
    "to_json",
    "from_json",
    "query_length",
    "LINK_LIMIT",
]

VERSION = 1
FORMAT = "hopfield-explorer-experiment"
LINK_LIMIT = 2000  # characters a chat client reliably keeps in a link

# Bounds of the Playground's controls (a link may not ask for more than a user can).
MAX_GRID = 256
MAX_MEMORIES = 400
MAX_SET_COUNT = 100  # "How many" of a built-in set
MAX_STEPS = 500
FRAMES_PER_SWEEP = (1, 2, 4, 8, 16, 32, 64)
THETA_MAX = 10.0
TEMPERATURE_MAX = 2.0
DEGREE_RANGE = (2, 10)
BETA_RANGE = (0.5, 64.0)
SEED_MAX = 2**31 - 1
# The most memory units (P x N) a link or file may describe: 256 memories of
# 256x256. Keeps decoding, storing and running a shared experiment bounded.
MAX_TOTAL_UNITS = 256 * 256 * 256
MAX_TEXT = 200_000  # characters of one query value or of a whole file (JSON), at most
MAX_NAME = 40

RULES = ("hebbian", "storkey", "pseudoinverse", "dense", "exponential", "modern")
MODES = ("sync", "async", "stochastic")
ORDERS = ("random", "sequential", "replacement")
SETS = ("digits", "letters", "shapes", "pictures", "random")
PROBE_SOURCES = ("memory", "drawing", "upload", "halfway", "random", "scenario")
OCCLUSIONS = ("none", "lower half", "upper half", "left half", "right half", "center")


@dataclass(frozen=True)
class MemoryBlock:
    """Consecutive memories: a built-in set (``kind="set"``: ``name``, ``count``)
    or pictures given unit by unit (``kind="raw"``: ``names`` and ``patterns``
    of shape (P, N), int8 in {-1, +1})."""

    kind: str
    name: str = ""
    count: int = 0
    names: tuple[str, ...] = ()
    patterns: np.ndarray | None = None

    def __len__(self) -> int:
        return self.count if self.kind == "set" else len(self.names)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, MemoryBlock):
            return NotImplemented
        same_patterns = (self.patterns is None and other.patterns is None) or (
            self.patterns is not None and other.patterns is not None
            and np.array_equal(self.patterns, other.patterns))
        return (self.kind, self.name, self.count, self.names) == (
            other.kind, other.name, other.count, other.names) and same_patterns

    __hash__ = None  # type: ignore[assignment]


@dataclass(frozen=True)
class Experiment:
    """Everything that decides a Playground run (defaults: the Playground's own)."""

    grid: tuple[int, int] = (32, 32)
    memories: tuple[MemoryBlock, ...] = ()
    probe_source: str = "memory"  # see PROBE_SOURCES
    probe_memory: int = 0  # 0-based, for probe_source "memory" (and first of "halfway")
    probe_memory_b: int = 1  # 0-based, the second memory of "halfway"
    halfway_zero: bool = True  # "halfway": undecided units stay 0 (else a seeded coin flip)
    probe_base: np.ndarray | None = None  # (N,) int8: the drawing, upload or demo probe
    noise: float = 0.3
    occlusion: str = "none"
    rule: str = "hebbian"
    degree: int = 3
    beta: float = 32.0
    mode: str = "async"
    order: str = "random"
    steps: int = 20
    frames_per_sweep: int = 16
    theta: float = 0.0
    temperature: float = 0.0
    seed: int = 0
    ran: bool = False  # the sender had run it: the receiver runs it once on opening
    compare: str = ""  # a Compare spec such as "rule:storkey" ("" = no comparison)
    extra: dict = field(default_factory=dict, compare=False)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Experiment):
            return NotImplemented
        for f in fields(self):
            if not f.compare:
                continue
            a, b = getattr(self, f.name), getattr(other, f.name)
            if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
                if a is None or b is None or not np.array_equal(a, b):
                    return False
            elif a != b:
                return False
        return True

    __hash__ = None  # type: ignore[assignment]

    @property
    def n_units(self) -> int:
        return self.grid[0] * self.grid[1]

    @property
    def n_memories(self) -> int:
        return sum(len(b) for b in self.memories)

    def with_(self, **changes: Any) -> "Experiment":
        return replace(self, **changes)


@dataclass(frozen=True)
class Decoded:
    """A decoded experiment and the messages about what was wrong in the input
    (empty when everything was taken as given)."""

    experiment: Experiment
    messages: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.messages


# --------------------------------------------------------------------------- bits


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def _unb64(text: str) -> bytes:
    text = text.strip()
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def pack_patterns(patterns: np.ndarray) -> str:
    """Bipolar patterns (P, N) -> base64url(zlib(packbits(s > 0))): one bit per unit.

    Anything not > 0 (a -1, or an undecided 0) is stored as -1.
    """
    bits = np.packbits(np.asarray(patterns).reshape(-1) > 0)
    return _b64(zlib.compress(bits.tobytes(), 9))


def unpack_patterns(text: str, count: int, n_units: int) -> np.ndarray:
    """The inverse of :func:`pack_patterns`, shape (count, n_units), int8 in {-1, +1}.

    Raises ValueError for text that is not base64url, not zlib data, or that does
    not inflate to exactly ``ceil(count * n_units / 8)`` bytes. Inflation stops one
    byte past that size, so a small text can never expand into a huge buffer.
    """
    expected = (count * n_units + 7) // 8
    try:
        raw = _unb64(text)
    except (binascii.Error, ValueError) as exc:
        raise ValueError("the picture data is not valid base64url text "
                         "(the link may have been cut or changed)") from exc
    inflater = zlib.decompressobj()
    try:
        data = inflater.decompress(raw, expected + 1)
    except zlib.error as exc:
        raise ValueError("the picture data is damaged (it does not decompress; the link may "
                         "have been cut or changed)") from exc
    if len(data) != expected or not inflater.eof:
        raise ValueError(f"the picture data holds {len(data)}{'+' if not inflater.eof else ''} "
                         f"bytes, not the {expected} that {count} pictures of {n_units} "
                         "units need (the link may have been cut)")
    bits = np.unpackbits(np.frombuffer(data, dtype=np.uint8))[: count * n_units]
    return (bits.astype(np.int8) * 2 - 1).reshape(count, n_units)


def pack_state(state: np.ndarray) -> str:
    """A start state (N,) with values in {-1, 0, +1}: :func:`pack_patterns` when it is
    bipolar, else ``"0."`` + the packed pair (s > 0, s != 0) (0 = undecided unit)."""
    s = np.asarray(state).reshape(-1)
    if np.all(s != 0):
        return pack_patterns(s)
    return "0." + pack_patterns(np.stack([s > 0, s != 0]).astype(np.int8) * 2 - 1)


def unpack_state(text: str, n_units: int) -> np.ndarray:
    """The inverse of :func:`pack_state`; raises ValueError like :func:`unpack_patterns`."""
    if text.startswith("0."):
        sign, decided = unpack_patterns(text[2:], 2, n_units)
        return np.where(decided > 0, sign, 0).astype(np.int8)
    return unpack_patterns(text, 1, n_units)[0]


# --------------------------------------------------------------------------- checks


class _Checker:
    """Reads raw values into typed ones, keeping a message for each value it refused."""

    def __init__(self) -> None:
        self.messages: list[str] = []

    def refuse(self, text: str) -> None:
        if text not in self.messages:
            self.messages.append(text)

    def integer(self, label: str, value: Any, default: int, lo: int, hi: int) -> int:
        if value is None:
            return default
        number = _as_number(value)
        if number is None or not number.is_integer():
            self.refuse(f"{label}: {_show(value)} is not a whole number; using {default}.")
            return default
        if not lo <= number <= hi:
            self.refuse(f"{label}: {_show(value)} is outside {lo}–{hi}; using {default}.")
            return default
        return int(number)

    def real(self, label: str, value: Any, default: float, lo: float, hi: float) -> float:
        if value is None:
            return default
        number = _as_number(value)
        if number is None:
            self.refuse(f"{label}: {_show(value)} is not a number; using {default:g}.")
            return default
        if not lo <= number <= hi:
            self.refuse(f"{label}: {_show(value)} is outside {lo:g}–{hi:g}; using {default:g}.")
            return default
        return float(number)

    def choice(self, label: str, value: Any, default: Any, options: tuple) -> Any:
        if value is None:
            return default
        if isinstance(value, str) and value.strip().lower() in options:
            return value.strip().lower()
        if not isinstance(value, str) and value in options and not isinstance(value, bool):
            return value
        self.refuse(f"{label}: {_show(value)} is not one of {', '.join(map(str, options))}; "
                    f"using {default}.")
        return default

    def flag(self, label: str, value: Any, default: bool) -> bool:
        if value is None:
            return default
        if isinstance(value, bool):
            return value
        if isinstance(value, (int, str)) and str(value).strip().lower() in ("1", "0", "true",
                                                                            "false"):
            return str(value).strip().lower() in ("1", "true")
        self.refuse(f"{label}: {_show(value)} is not 0 or 1; using {int(default)}.")
        return default


def _as_number(value: Any) -> float | None:
    """A finite float from an int, float or numeric string (bools refused), else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, np.integer)):
        return float(value) if abs(int(value)) < 2**63 else None
    if isinstance(value, (float, np.floating)):
        return float(value) if math.isfinite(value) else None
    if isinstance(value, str) and len(value) <= 40:
        try:
            number = float(value.strip())
        except ValueError:
            return None
        return number if math.isfinite(number) else None
    return None


def _show(value: Any) -> str:
    text = repr(value) if not isinstance(value, str) else f"“{value}”"
    return text if len(text) <= 40 else text[:37] + "…"


def _clean_name(value: Any, index: int) -> str:
    text = "".join(ch for ch in str(value) if ch.isprintable()).strip()[:MAX_NAME]
    return text or f"memory {index + 1}"


def _grid(check: _Checker, value: Any) -> tuple[int, int] | None:
    """A (rows, cols) from "32x32" or [32, 32]; None (with a message) when unusable."""
    default = Experiment().grid
    if value is None:
        return default
    parts: Any = value
    if isinstance(value, str):
        parts = value.lower().replace("×", "x").split("x")
    if not isinstance(parts, (list, tuple)) or len(parts) != 2:
        check.refuse(f"grid: {_show(value)} is not rows×columns (like 32x32); using the "
                     f"default {default[0]}×{default[1]} and no memories.")
        return None
    sizes = [_as_number(p) for p in parts]
    if any(s is None or not s.is_integer() or not 1 <= s <= MAX_GRID for s in sizes):
        check.refuse(f"grid: {_show(value)} is not two whole numbers from 1 to {MAX_GRID}; "
                     f"using the default {default[0]}×{default[1]} and no memories.")
        return None
    return int(sizes[0]), int(sizes[1])  # type: ignore[arg-type]


def _memory_blocks(check: _Checker, items: Any, grid: tuple[int, int]) -> tuple[MemoryBlock, ...]:
    """Validated memory blocks; all or nothing (a partial set would not be the sender's)."""
    if items is None:
        return ()
    if not isinstance(items, (list, tuple)):
        check.refuse("memories: not a list of memory blocks; no memories were loaded.")
        return ()
    n = grid[0] * grid[1]
    blocks: list[MemoryBlock] = []
    total = 0
    for i, item in enumerate(items):
        where = f"memories, block {i + 1}"
        if not isinstance(item, Mapping):
            check.refuse(f"{where}: not a memory block; no memories were loaded.")
            return ()
        if "set" in item:
            name = item.get("set")
            if not isinstance(name, str) or name.strip().lower() not in SETS:
                check.refuse(f"{where}: there is no built-in set called {_show(name)} (there "
                             f"are {', '.join(SETS)}); no memories were loaded.")
                return ()
            count = _as_number(item.get("count"))
            if count is None or not count.is_integer() or not 1 <= count <= MAX_SET_COUNT:
                check.refuse(f"{where}: the count {_show(item.get('count'))} is not a whole "
                             f"number from 1 to {MAX_SET_COUNT}; no memories were loaded.")
                return ()
            block = MemoryBlock("set", name=name.strip().lower(), count=int(count))
        else:
            names = item.get("names")
            data = item.get("bits")
            ready = item.get("patterns")  # already unpacked (from a link)
            if (not isinstance(names, (list, tuple)) or not names or len(names) > MAX_MEMORIES
                    or not (isinstance(data, str) or isinstance(ready, np.ndarray))):
                check.refuse(f"{where}: needs 1 to {MAX_MEMORIES} names and the packed "
                             "pictures; no memories were loaded.")
                return ()
            if (total + len(names)) * n > MAX_TOTAL_UNITS:
                break  # reported below, before any decompression
            try:
                patterns = ready if isinstance(ready, np.ndarray) else unpack_patterns(
                    data, len(names), n)
            except ValueError as exc:
                check.refuse(f"{where}: {exc}; no memories were loaded.")
                return ()
            block = MemoryBlock("raw", names=tuple(_clean_name(x, total + j)
                                                   for j, x in enumerate(names)),
                                patterns=patterns)
        total += len(block)
        if total > MAX_MEMORIES or total * n > MAX_TOTAL_UNITS:
            break
        blocks.append(block)
    else:
        return tuple(blocks)
    check.refuse(f"memories: more than the Playground holds at {grid[0]}×{grid[1]} (at most "
                 f"{min(MAX_MEMORIES, MAX_TOTAL_UNITS // n)} memories there); no memories were "
                 "loaded.")
    return ()


def _build(raw: Mapping[str, Any]) -> Decoded:
    """An Experiment from loosely typed fields (full names), every value checked."""
    check = _Checker()
    d = Experiment()
    grid = _grid(check, raw.get("grid"))
    blocks: tuple[MemoryBlock, ...] = ()
    base = None
    if grid is None:
        grid = d.grid
    else:
        blocks = _memory_blocks(check, raw.get("memories"), grid)
        if raw.get("probe_base") is not None:
            try:
                if not isinstance(raw["probe_base"], str):
                    raise ValueError("it is not packed picture text")
                base = unpack_state(raw["probe_base"], grid[0] * grid[1])
            except ValueError as exc:
                check.refuse(f"probe picture: {exc}; starting from a memory instead.")
    count = sum(len(b) for b in blocks)
    source = check.choice("probe source", raw.get("probe_source"), d.probe_source, PROBE_SOURCES)
    if source in ("drawing", "upload", "scenario") and base is None:
        if raw.get("probe_base") is None:
            check.refuse(f"probe source: “{source}” needs its picture, which is missing; "
                         "starting from a memory instead.")
        source = "memory"
    memory = check.integer("probe memory", raw.get("probe_memory"), 0, 0,
                           max(count - 1, 0))
    # The second memory matters only for a halfway probe: kept within the memories.
    memory_b = min(check.integer("second probe memory", raw.get("probe_memory_b"), 1, 0,
                                 MAX_MEMORIES - 1), max(count - 1, 0))
    exp = Experiment(
        grid=grid, memories=blocks, probe_source=source, probe_memory=memory,
        probe_memory_b=memory_b,
        halfway_zero=check.flag("halfway zeros", raw.get("halfway_zero"), d.halfway_zero),
        probe_base=base if source in ("drawing", "upload", "scenario") else None,
        noise=check.real("noise", raw.get("noise"), d.noise, 0.0, 1.0),
        occlusion=check.choice("occlusion", raw.get("occlusion"), d.occlusion, OCCLUSIONS),
        rule=check.choice("rule", raw.get("rule"), d.rule, RULES),
        degree=check.integer("degree", raw.get("degree"), d.degree, *DEGREE_RANGE),
        beta=check.real("beta", raw.get("beta"), d.beta, *BETA_RANGE),
        mode=check.choice("update mode", raw.get("mode"), d.mode, MODES),
        order=check.choice("update order", raw.get("order"), d.order, ORDERS),
        steps=check.integer("steps", raw.get("steps"), d.steps, 1, MAX_STEPS),
        frames_per_sweep=check.choice("frames per sweep", _int_or_raw(raw.get(
            "frames_per_sweep")), d.frames_per_sweep, FRAMES_PER_SWEEP),
        theta=check.real("threshold", raw.get("theta"), d.theta, -THETA_MAX, THETA_MAX),
        temperature=check.real("temperature", raw.get("temperature"), d.temperature, 0.0,
                               TEMPERATURE_MAX),
        seed=check.integer("seed", raw.get("seed"), d.seed, 0, SEED_MAX),
        ran=check.flag("run", raw.get("ran"), d.ran),
        compare=_compare_spec(check, raw.get("compare")),
    )
    return Decoded(exp, tuple(check.messages))


#: A Compare spec: the one setting the second run changes (see playground.compare).
_COMPARE = re.compile(r"(rule|mode|temperature|order):[a-z0-9.]{1,16}")


def _compare_spec(check: "_Checker", value: Any) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, str) and _COMPARE.fullmatch(value):
        return value
    check.refuse(f"comparison: {_show(value)} is not a setting this app compares; "
                 "showing the run alone.")
    return ""


def _int_or_raw(value: Any) -> Any:
    number = _as_number(value)
    return int(number) if number is not None and number.is_integer() else value


# --------------------------------------------------------------------------- fields


def _scalars(exp: Experiment) -> dict[str, Any]:
    return {"probe_source": exp.probe_source, "probe_memory": exp.probe_memory,
            "probe_memory_b": exp.probe_memory_b, "halfway_zero": exp.halfway_zero,
            "noise": exp.noise, "occlusion": exp.occlusion, "rule": exp.rule,
            "degree": exp.degree, "beta": exp.beta, "mode": exp.mode, "order": exp.order,
            "steps": exp.steps, "frames_per_sweep": exp.frames_per_sweep, "theta": exp.theta,
            "temperature": exp.temperature, "seed": exp.seed, "ran": exp.ran,
            "compare": exp.compare}


def _block_fields(block: MemoryBlock) -> dict[str, Any]:
    if block.kind == "set":
        return {"set": block.name, "count": block.count}
    return {"names": list(block.names), "bits": pack_patterns(block.patterns)}


# Query keys: short, so a link stays short; the values stay readable.
_QUERY = {"probe_source": "ps", "probe_memory": "pm", "probe_memory_b": "pm2",
          "halfway_zero": "hz", "probe_base": "pb", "noise": "noise",
          "occlusion": "occ", "rule": "rule", "degree": "deg", "beta": "beta", "mode": "mode",
          "order": "order", "steps": "steps", "frames_per_sweep": "fps", "theta": "theta",
          "temperature": "T", "seed": "seed", "ran": "run", "compare": "cmp"}
QUERY_KEYS = ("v", "g", "m", *_QUERY.values())
_NAME_SEP = "\n"


def _number_text(value: Any) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        return f"{value:.6g}"
    return str(value)


def to_query(exp: Experiment) -> dict[str, str]:
    """The experiment as page-address parameters (all strings, ready for
    ``st.query_params.from_dict``); settings at their default are left out. Memories: ``m=`` blocks joined by ``~``, each
    ``s.<set>.<count>`` or ``r.<data>`` with data = pack of the pictures preceded
    by their names (names UTF-8, newline-separated, then a zero byte)."""
    params = {"v": str(VERSION), "g": f"{exp.grid[0]}x{exp.grid[1]}"}
    tokens = []
    for block in exp.memories:
        if block.kind == "set":
            tokens.append(f"s.{block.name}.{block.count}")
        else:
            names = _NAME_SEP.join(block.names).encode("utf-8")
            bits = np.packbits(np.asarray(block.patterns).reshape(-1) > 0).tobytes()
            tokens.append("r." + _b64(zlib.compress(names + b"\0" + bits, 9)))
    if tokens:
        params["m"] = "~".join(tokens)
    for name, key in _QUERY.items():
        if name == "probe_base":
            if exp.probe_base is not None:
                params[key] = pack_state(exp.probe_base)
            continue
        value = _scalars(exp)[name]
        # A value left out is this version's default (``v`` says which defaults), which
        # keeps links short: a chat client cuts them past about 2,000 characters.
        if value != _DEFAULT_SCALARS[name] or isinstance(value, bool) != isinstance(
                _DEFAULT_SCALARS[name], bool):
            params[key] = _number_text(value)
    return params


_DEFAULT_SCALARS = _scalars(Experiment())


def query_length(params: Mapping[str, str]) -> int:
    """Characters of ``?k=v&...`` for these parameters (URL-escaped as a browser would)."""
    from urllib.parse import urlencode

    return 1 + len(urlencode(dict(params)))


def _raw_token(text: str, grid: tuple[int, int]) -> dict[str, Any]:
    """``r.<data>`` -> {"names", "bits"} (the bits re-packed for the common checks)."""
    n = grid[0] * grid[1]
    names_limit = MAX_MEMORIES * (4 * MAX_NAME + 1)  # UTF-8 names and their separators
    try:
        inflater = zlib.decompressobj()
        raw = _unb64(text)
        head = inflater.decompress(raw, names_limit + 1)
        cut = head.find(b"\0")
        if cut < 0:
            raise ValueError("the picture data has no names part")
        names = head[:cut].decode("utf-8", errors="replace").split(_NAME_SEP)
        # The names announce the size: refuse too many before inflating any further.
        if len(names) > MAX_MEMORIES or len(names) * n > MAX_TOTAL_UNITS:
            raise ValueError(f"{len(names)} pictures of {n} units are more than the Playground "
                             "holds")
        expected = (len(names) * n + 7) // 8
        bits = head[cut + 1:]
        if len(bits) <= expected:
            bits += inflater.decompress(inflater.unconsumed_tail, expected + 1 - len(bits))
    except (binascii.Error, zlib.error) as exc:
        raise ValueError("the picture data is damaged (the link may have been cut or "
                         "changed)") from exc
    if len(bits) != expected or not inflater.eof:
        raise ValueError(f"the picture data does not hold the {expected} bytes that "
                         f"{len(names)} pictures of {n} units need (the link may have been cut)")
    bits_array = np.unpackbits(np.frombuffer(bits, dtype=np.uint8))[: len(names) * n]
    return {"names": names,
            "patterns": (bits_array.astype(np.int8) * 2 - 1).reshape(len(names), n)}


def from_query(params: Mapping[str, Any]) -> Decoded:
    """Read an experiment from page-address parameters (a ``st.query_params`` or a
    dict of strings). Never raises: bad values become defaults, with messages."""
    check = _Checker()
    values: dict[str, Any] = {}
    for key in QUERY_KEYS:
        value = params.get(key)
        if isinstance(value, (list, tuple)):  # a key given twice: the last one counts
            value = value[-1] if value else None
        if value is not None and (not isinstance(value, str) or len(value) > MAX_TEXT):
            check.refuse(f"link: the value of “{key}” is too long or not text; it was ignored.")
            value = None
        values[key] = value
    version = _as_number(values["v"]) if values["v"] is not None else VERSION
    if version is None or version > VERSION:
        check.refuse(f"link: made by a newer version of the app (format {_show(values['v'])}; "
                     f"this one reads up to {VERSION}); reading what it understands.")
    raw: dict[str, Any] = {name: values[key] for name, key in _QUERY.items()}
    raw["grid"] = values["g"]
    grid = _grid(_Checker(), values["g"])  # the message comes from _build
    if values["m"] and grid is not None:
        blocks: list[dict[str, Any]] = []
        for i, token in enumerate(values["m"].split("~")[: MAX_MEMORIES + 1]):
            kind, _, rest = token.partition(".")
            if kind == "s":
                name, _, count = rest.rpartition(".")
                blocks.append({"set": name, "count": count})
            elif kind == "r":
                try:
                    blocks.append(_raw_token(rest, grid))
                except ValueError as exc:
                    check.refuse(f"memories, block {i + 1}: {exc}; no memories were loaded.")
                    blocks = []
                    break
            else:
                check.refuse(f"memories, block {i + 1}: {_show(token)} is neither a built-in "
                             "set (s.) nor pictures (r.); no memories were loaded.")
                blocks = []
                break
        raw["memories"] = blocks
    built = _build(raw)
    return Decoded(built.experiment, tuple(check.messages) + built.messages)


# --------------------------------------------------------------------------- file


def to_json(exp: Experiment) -> str:
    """The experiment as a small, readable JSON document (no pickle, no code)."""
    doc = {
        "format": FORMAT,
        "version": VERSION,
        "grid": list(exp.grid),
        "memories": [_block_fields(b) for b in exp.memories],
        "probe": {"source": exp.probe_source, "memory": exp.probe_memory,
                  "memory_b": exp.probe_memory_b, "undecided_zero": exp.halfway_zero,
                  "picture": None if exp.probe_base is None else pack_state(exp.probe_base),
                  "noise": exp.noise, "occlusion": exp.occlusion},
        "rule": {"name": exp.rule, "degree": exp.degree, "beta": exp.beta},
        "update": {"mode": exp.mode, "order": exp.order, "steps": exp.steps,
                   "frames_per_sweep": exp.frames_per_sweep, "threshold": exp.theta,
                   "temperature": exp.temperature, "seed": exp.seed},
        "ran": exp.ran,
        "compare": exp.compare,
    }
    return json.dumps(doc, indent=1, ensure_ascii=False)


def from_json(data: bytes | str) -> Decoded:
    """Read an experiment file. Never raises: a file that is not one gives the
    defaults and a message; bad values inside give their defaults and messages."""
    if isinstance(data, bytes):
        if len(data) > MAX_TEXT * 4:
            return Decoded(Experiment(), (f"The file is {len(data) // 1024} KB: far larger than "
                                          "an experiment file; nothing was loaded.",))
        try:
            data = data.decode("utf-8")
        except UnicodeDecodeError:
            return Decoded(Experiment(), ("The file is not text (an experiment file is JSON); "
                                          "nothing was loaded.",))
    if len(data) > MAX_TEXT * 4:
        return Decoded(Experiment(), ("The file is far larger than an experiment file; "
                                      "nothing was loaded.",))
    try:
        doc = json.loads(data, parse_constant=lambda name: name)  # NaN stays a string
    except (ValueError, RecursionError):
        return Decoded(Experiment(), ("The file is not valid JSON (it may be cut or not an "
                                      "experiment file); nothing was loaded.",))
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        return Decoded(Experiment(), ("This is not a Hopfield Explorer experiment file (its "
                                      "“format” field is missing or different); nothing was "
                                      "loaded.",))
    notes: list[str] = []
    version = _as_number(doc.get("version"))
    if version is None or version > VERSION:
        notes.append(f"The file was written by a newer version of the app (format "
                     f"{_show(doc.get('version'))}; this one reads up to {VERSION}); reading "
                     "what it understands.")

    def part(name: str) -> Mapping[str, Any]:
        value = doc.get(name)
        if value is None:
            return {}
        if not isinstance(value, Mapping):
            notes.append(f"“{name}” is not a group of settings; using its defaults.")
            return {}
        return value

    probe, rule, update = part("probe"), part("rule"), part("update")
    raw = {"grid": doc.get("grid"), "memories": doc.get("memories"),
           "probe_source": probe.get("source"), "probe_memory": probe.get("memory"),
           "probe_memory_b": probe.get("memory_b"), "halfway_zero": probe.get("undecided_zero"),
           "probe_base": probe.get("picture"), "noise": probe.get("noise"),
           "occlusion": probe.get("occlusion"), "rule": rule.get("name"),
           "degree": rule.get("degree"), "beta": rule.get("beta"), "mode": update.get("mode"),
           "order": update.get("order"), "steps": update.get("steps"),
           "frames_per_sweep": update.get("frames_per_sweep"),
           "theta": update.get("threshold"), "temperature": update.get("temperature"),
           "seed": update.get("seed"), "ran": doc.get("ran"),
           "compare": doc.get("compare")}
    built = _build(raw)
    return Decoded(built.experiment, tuple(notes) + built.messages)
