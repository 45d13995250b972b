"""Bipolar frames of a run coded as changes, for the frame player's one send to the page.

A recall changes few units per recorded frame (an asynchronous frame updates
N / frames_per_sweep units and only some of them flip), so a run is sent as
its first frame and then, frame by frame, the indices of the units that
flipped. A frame in which more units flip than its packed picture holds
bytes is sent whole instead (a synchronous two-cycle flips every unit).

The byte stream, one record per frame::

    record := varint(1) packed            a key frame: the frame's packed bits
            | varint(2 k) gap_1 ... gap_k  k flips; gap_j = i_j - i_{j-1} - 1
                                           (i_0 = -1), each a varint

``packed`` is ``np.packbits(state > 0)`` (``stride`` bytes, unit i is bit
``7 - i % 8`` of byte ``i // 8``, a set bit is +1). Varints are unsigned
LEB128: seven bits a byte, least significant group first, the high bit set
on every byte but the last. The first record is always a key frame. The page
(player_assets/player.js, ``decodeFlips``) rebuilds the packed frames once
when the run arrives, so playing and scrubbing cost nothing more.
"""

from __future__ import annotations

import numpy as np

__all__ = ["encode_bit_frames", "decode_bit_frames", "varints"]

# Frames compared at once when looking for flips (bounds the temporary memory
# to CHUNK x N booleans: 4 MiB at 256x256).
_CHUNK = 64


def varints(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Unsigned LEB128 bytes of non-negative integers, and the byte length of each.

    Returns ``(data, lengths)``: ``data`` (uint8) is the concatenation of the
    codes in order, ``lengths[j]`` the number of bytes of value j.
    """
    v = np.asarray(values, dtype=np.uint64).ravel()
    if v.size == 0:
        return np.zeros(0, np.uint8), np.zeros(0, np.int64)
    lengths = np.ones(v.size, dtype=np.int64)
    for bits in (7, 14, 21, 28, 35, 42, 49, 56, 63):
        lengths += v >= np.uint64(1 << bits)
    owner = np.repeat(np.arange(v.size), lengths)
    starts = np.cumsum(lengths) - lengths
    within = np.arange(int(lengths.sum())) - np.repeat(starts, lengths)
    groups = (v[owner] >> (np.uint64(7) * within.astype(np.uint64))) & np.uint64(0x7F)
    more = (within < lengths[owner] - 1).astype(np.uint64) << np.uint64(7)
    return (groups | more).astype(np.uint8), lengths


def encode_bit_frames(states: np.ndarray) -> tuple[bytes, int]:
    """Code the bipolar frames ``states`` (shape (T+1, N)) as first frame plus flips.

    Returns ``(stream, stride)`` where ``stride = ceil(N / 8)`` is the size of
    a packed frame. Each frame after the first costs about one byte per
    flipped unit (two when flips are more than 127 units apart), and never
    more than a key frame (``stride + 1`` bytes).
    """
    s = np.asarray(states)
    count, n = s.shape
    packed = np.packbits(s > 0, axis=1)
    stride = packed.shape[1]
    frames_of, units_of = [], []
    for a in range(0, count - 1, _CHUNK):
        b = min(a + _CHUNK, count - 1)
        f, i = np.nonzero(s[a + 1 : b + 1] != s[a:b])
        frames_of.append(f + a + 1)
        units_of.append(i)
    flip_frame = np.concatenate(frames_of) if frames_of else np.zeros(0, np.int64)
    flip_unit = np.concatenate(units_of) if units_of else np.zeros(0, np.int64)
    # gap to the previous flip of the same frame (-1 before a frame's first flip)
    prev = np.empty_like(flip_unit)
    if flip_unit.size:
        prev[0] = -1
        prev[1:] = flip_unit[:-1]
        prev[np.flatnonzero(np.diff(flip_frame)) + 1] = -1
    gap_bytes, gap_lengths = varints(flip_unit - prev - 1)
    flips = np.bincount(flip_frame, minlength=count)
    delta_size = np.bincount(flip_frame, weights=gap_lengths, minlength=count).astype(np.int64)
    heads, head_lengths = varints(2 * flips)
    delta_size += head_lengths
    offsets = np.concatenate([[0], np.cumsum(np.bincount(flip_frame, weights=gap_lengths,
                                                          minlength=count))]).astype(np.int64)
    head_offsets = np.concatenate([[0], np.cumsum(head_lengths)])
    parts = [b"\x01", packed[0].tobytes()]
    for t in range(1, count):
        if delta_size[t] > stride + 1:
            parts += [b"\x01", packed[t].tobytes()]
        else:
            parts.append(heads[head_offsets[t] : head_offsets[t + 1]].tobytes())
            parts.append(gap_bytes[offsets[t] : offsets[t + 1]].tobytes())
    return b"".join(parts), int(stride)


def decode_bit_frames(stream: bytes, count: int, stride: int) -> np.ndarray:
    """The packed frames (shape (count, stride), uint8) of :func:`encode_bit_frames`'s stream.

    The reference for the page's decoder; a Python loop, for tests.
    """
    data = memoryview(stream)
    out = np.zeros((count, stride), dtype=np.uint8)
    p = 0

    def varint() -> int:
        nonlocal p
        value, shift = 0, 0
        while True:
            byte = data[p]
            p += 1
            value |= (byte & 0x7F) << shift
            shift += 7
            if not byte & 0x80:
                return value

    for t in range(count):
        head = varint()
        if head == 1:
            out[t] = np.frombuffer(data[p : p + stride], dtype=np.uint8)
            p += stride
            continue
        if t == 0:
            raise ValueError("the first record of a frame stream must be a key frame")
        out[t] = out[t - 1]
        unit = -1
        for _ in range(head // 2):
            unit += varint() + 1
            out[t, unit >> 3] ^= 0x80 >> (unit & 7)
    if p != len(data):
        raise ValueError(f"{len(data) - p} bytes left over after {count} frames")
    return out
