"""Draw the project's built-in pictures into assets/ (run: python scripts/make_assets.py).

Every picture is drawn with Pillow on a 512 x 512 canvas (4x supersampling),
reduced to 128 x 128 by area averaging and thresholded, so the saved PNG holds
only pure black (ink) and pure white (paper) with smooth outlines. The pictures
are bold silhouettes covering a good share of the frame in different places,
so that after binarisation at 32 x 32 or 50 x 50 they stay clearly different
from each other (low pairwise overlap), which is what Hebbian and Storkey
recall need. ``python scripts/make_assets.py --check`` prints ink fractions and
the overlap matrix instead of writing files.
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
ASSETS = ROOT / "assets"
CANVAS = 512
SIZE = 128
INK = 0
PAPER = 255

# each drawing function receives an ImageDraw on a white 512 x 512 "L" canvas


def house(d: ImageDraw.ImageDraw) -> None:
    d.rectangle((330, 60, 390, 190), fill=INK)  # chimney
    d.polygon([(30, 250), (256, 40), (482, 250)], fill=INK)  # roof
    d.rectangle((75, 250, 437, 490), fill=INK)  # walls
    d.rectangle((115, 290, 195, 360), fill=PAPER)  # windows
    d.rectangle((317, 290, 397, 360), fill=PAPER)
    d.rectangle((216, 380, 296, 490), fill=PAPER)  # door
    d.rectangle((0, 490, 511, 511), fill=INK)  # ground


def tree(d: ImageDraw.ImageDraw) -> None:
    # a tall poplar: a vertical band of ink through the middle of the frame
    d.ellipse((95, 5, 417, 440), fill=INK)
    d.rectangle((200, 380, 312, 502), fill=INK)  # trunk
    d.rectangle((110, 470, 402, 511), fill=INK)  # ground
    for cx, cy in ((200, 150), (300, 230), (210, 320)):  # light in the leaves
        d.ellipse((cx - 20, cy - 20, cx + 20, cy + 20), fill=PAPER)


def face(d: ImageDraw.ImageDraw) -> None:
    d.ellipse((20, 20, 492, 492), fill=INK)
    d.ellipse((140, 130, 220, 240), fill=PAPER)  # eyes
    d.ellipse((292, 130, 372, 240), fill=PAPER)
    d.arc((120, 170, 392, 400), start=20, end=160, fill=PAPER, width=38)  # smile


def cat(d: ImageDraw.ImageDraw) -> None:
    # head at the upper left, body and tail at the lower right: a diagonal layout
    d.ellipse((10, 70, 250, 290), fill=INK)  # head
    d.polygon([(25, 140), (30, 5), (125, 85)], fill=INK)  # ears
    d.polygon([(235, 140), (230, 5), (135, 85)], fill=INK)
    d.ellipse((150, 230, 500, 505), fill=INK)  # body
    d.ellipse((70, 140, 110, 195), fill=PAPER)  # eyes
    d.ellipse((150, 140, 190, 195), fill=PAPER)
    d.line([(460, 400), (495, 320), (485, 230), (440, 180)], fill=INK, width=42, joint="curve")


def boat(d: ImageDraw.ImageDraw) -> None:
    d.polygon([(270, 20), (270, 330), (470, 330)], fill=INK)  # main sail
    d.polygon([(235, 70), (235, 330), (60, 330)], fill=INK)  # jib
    d.rectangle((240, 20, 265, 350), fill=INK)  # mast
    d.polygon([(30, 350), (482, 350), (400, 430), (110, 430)], fill=INK)  # hull
    for x in range(-40, 560, 80):  # waves
        d.ellipse((x, 440, x + 80, 500), fill=INK)
    d.rectangle((0, 470, 511, 511), fill=INK)


def star(d: ImageDraw.ImageDraw) -> None:
    pts = []
    for k in range(10):
        r = 250 if k % 2 == 0 else 105
        a = math.pi / 2 + k * math.pi / 5
        pts.append((256 + r * math.cos(a), 275 - r * math.sin(a)))
    d.polygon(pts, fill=INK)


def umbrella(d: ImageDraw.ImageDraw) -> None:
    # the canopy fills the upper half: ink at the top, paper below
    d.pieslice((2, 5, 510, 560), start=180, end=360, fill=INK)  # canopy
    for cx in (68, 189, 323, 444):  # scalloped edge
        d.ellipse((cx - 63, 250, cx + 63, 310), fill=PAPER)
    d.rectangle((236, 240, 276, 440), fill=INK)  # shaft
    d.arc((146, 370, 276, 500), start=0, end=180, fill=INK, width=40)  # handle


def key(d: ImageDraw.ImageDraw) -> None:
    d.ellipse((10, 100, 290, 380), fill=INK)  # bow
    d.ellipse((85, 175, 215, 305), fill=PAPER)
    d.rectangle((250, 195, 505, 295), fill=INK)  # shaft
    d.rectangle((320, 295, 385, 430), fill=INK)  # bit
    d.rectangle((425, 295, 490, 390), fill=INK)


def heart(d: ImageDraw.ImageDraw) -> None:
    d.ellipse((20, 40, 270, 290), fill=INK)
    d.ellipse((242, 40, 492, 290), fill=INK)
    d.polygon([(30, 210), (482, 210), (256, 490)], fill=INK)


def car(d: ImageDraw.ImageDraw) -> None:
    d.polygon([(120, 250), (175, 130), (345, 130), (410, 250)], fill=INK)  # cabin
    d.rounded_rectangle((15, 240, 497, 390), radius=40, fill=INK)  # body
    d.polygon([(160, 240), (195, 160), (250, 160), (250, 240)], fill=PAPER)  # windows
    d.polygon([(275, 240), (275, 160), (330, 160), (375, 240)], fill=PAPER)
    for cx in (130, 382):  # wheels with white hubs
        d.ellipse((cx - 72, 318, cx + 72, 462), fill=PAPER)
        d.ellipse((cx - 60, 330, cx + 60, 450), fill=INK)
        d.ellipse((cx - 22, 368, cx + 22, 412), fill=PAPER)


def moon(d: ImageDraw.ImageDraw) -> None:
    # a fat crescent bulging to the left, with two small stars in its hollow
    d.ellipse((10, 10, 500, 500), fill=INK)
    d.ellipse((230, -10, 620, 400), fill=PAPER)
    for cx, cy, r in ((410, 190, 26), (330, 300, 16)):
        d.polygon(
            [(cx, cy - r * 2), (cx + r * 0.6, cy), (cx, cy + r * 2), (cx - r * 0.6, cy)],
            fill=INK,
        )
        d.polygon(
            [(cx - r * 2, cy), (cx, cy + r * 0.6), (cx + r * 2, cy), (cx, cy - r * 0.6)],
            fill=INK,
        )


def fish(d: ImageDraw.ImageDraw) -> None:
    # a long fish across the frame: a horizontal band of ink
    d.ellipse((5, 100, 410, 412), fill=INK)  # body
    d.polygon([(330, 256), (507, 90), (507, 422)], fill=INK)  # tail
    d.ellipse((80, 205, 130, 255), fill=PAPER)  # eye
    d.arc((150, 160, 290, 360), start=300, end=60, fill=PAPER, width=18)  # gill


# The first five are the most different from each other (pairwise overlap at most
# about 0.35 at 32x32 and 50x50): the lecture demos store them together.
PICTURES = {
    "boat": boat,
    "umbrella": umbrella,
    "cat": cat,
    "moon": moon,
    "fish": fish,
    "house": house,
    "face": face,
    "tree": tree,
    "star": star,
    "key": key,
    "heart": heart,
    "car": car,
}


def render(draw_fn) -> np.ndarray:
    """The picture as a (128, 128) uint8 array of 0 (ink) and 255 (paper)."""
    canvas = Image.new("L", (CANVAS, CANVAS), PAPER)
    draw_fn(ImageDraw.Draw(canvas))
    small = canvas.reduce(CANVAS // SIZE)  # area average of 4 x 4 blocks
    arr = np.asarray(small)
    return np.where(arr < 128, INK, PAPER).astype(np.uint8)


def _check() -> None:
    sys.path.insert(0, str(ROOT))
    from hopfield_core.patterns import correlation_matrix, image_to_pattern

    names = list(PICTURES)
    arrays = [render(PICTURES[n]) for n in names]
    for grid in ((32, 32), (50, 50)):
        pats = np.stack([image_to_pattern(a, grid, threshold=0.5) for a in arrays])
        c = correlation_matrix(pats)
        inks = " ".join(f"{n}={f:.2f}" for n, f in zip(names, (pats == 1).mean(1)))
        print(f"grid {grid}: ink fraction {inks}")
        np.set_printoptions(precision=2, suppress=True, linewidth=160)
        print(c)
        off = np.abs(c[~np.eye(len(names), dtype=bool)])
        print(f"  max |overlap| {off.max():.2f}, mean {off.mean():.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="print overlaps, write nothing")
    args = parser.parse_args()
    if args.check:
        _check()
        return
    ASSETS.mkdir(exist_ok=True)
    for name, fn in PICTURES.items():
        Image.fromarray(render(fn)).save(ASSETS / f"{name}.png", optimize=True)
        print(f"wrote assets/{name}.png")


if __name__ == "__main__":
    main()
