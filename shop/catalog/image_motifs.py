"""Flat illustrations of the demo products, drawn with Pillow on a 100 × 100 unit grid.

Each motif is a function of a Pen (which maps grid units to pixels) and the item's tint.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from PIL import ImageDraw

RGB = tuple[int, int, int]

CREAM: RGB = (246, 240, 228)
TERRACOTTA: RGB = (196, 104, 63)
GREEN: RGB = (93, 138, 88)
DARK_GREEN: RGB = (62, 99, 63)


def mix(a: RGB, b: RGB, t: float) -> RGB:
    """The colour t of the way from a to b."""
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))


def darker(c: RGB, t: float = 0.28) -> RGB:
    return mix(c, (30, 24, 20), t)


def lighter(c: RGB, t: float = 0.35) -> RGB:
    return mix(c, (255, 255, 255), t)


class Pen:
    """Draws on a 100 × 100 grid placed at (ox, oy) with `k` pixels per unit."""

    def __init__(self, draw: ImageDraw.ImageDraw, ox: float, oy: float, k: float) -> None:
        self.d, self.ox, self.oy, self.k = draw, ox, oy, k

    def pt(self, x: float, y: float) -> tuple[float, float]:
        return (self.ox + x * self.k, self.oy + y * self.k)

    def box(self, x0, y0, x1, y1) -> list[float]:
        return [*self.pt(x0, y0), *self.pt(x1, y1)]

    def poly(self, points, fill: RGB) -> None:
        self.d.polygon([self.pt(x, y) for x, y in points], fill=fill)

    def rect(self, x0, y0, x1, y1, fill: RGB, r: float = 0) -> None:
        self.d.rounded_rectangle(self.box(x0, y0, x1, y1), radius=r * self.k, fill=fill)

    def oval(self, x0, y0, x1, y1, fill: RGB | None = None, line: RGB | None = None,
             w: float = 0) -> None:
        self.d.ellipse(self.box(x0, y0, x1, y1), fill=fill, outline=line,
                       width=max(1, round(w * self.k)) if line else 0)

    def dot(self, x, y, r, fill: RGB) -> None:
        self.oval(x - r, y - r, x + r, y + r, fill)

    def line(self, points, fill: RGB, w: float = 1) -> None:
        self.d.line([self.pt(x, y) for x, y in points], fill=fill, width=max(1, round(w * self.k)),
                    joint="curve")

    def arc(self, x0, y0, x1, y1, start, end, fill: RGB, w: float = 1) -> None:
        self.d.arc(self.box(x0, y0, x1, y1), start, end, fill=fill, width=max(1, round(w * self.k)))

    def leaf(self, cx, cy, length, width, angle, fill: RGB) -> None:
        """A pointed leaf (two arcs) starting at (cx, cy), pointing `angle` degrees from east."""
        a = math.radians(angle)
        pts = []
        for i in range(13):
            t = i / 12
            pts.append((t * length, math.sin(math.pi * t) * width / 2))
        pts += [(x, -y) for x, y in reversed(pts)]
        self.poly([(cx + x * math.cos(a) - y * math.sin(a), cy + x * math.sin(a) + y * math.cos(a))
                   for x, y in pts], fill)

    def rot_rect(self, cx, cy, w, h, angle, fill: RGB) -> None:
        a = math.radians(angle)
        corners = [(-w / 2, -h / 2), (w / 2, -h / 2), (w / 2, h / 2), (-w / 2, h / 2)]
        self.poly([(cx + x * math.cos(a) - y * math.sin(a), cy + x * math.sin(a) + y * math.cos(a))
                   for x, y in corners], fill)


# --- textiles ---------------------------------------------------------------------------------

def apron(p: Pen, c: RGB) -> None:
    p.arc(38, 6, 62, 38, 180, 360, darker(c), 2.2)
    p.line([(27, 46), (14, 58)], darker(c), 2)
    p.line([(73, 46), (86, 58)], darker(c), 2)
    p.poly([(38, 22), (62, 22), (62, 38), (74, 45), (72, 86), (28, 86), (26, 45), (38, 38)], c)
    p.rect(37, 58, 63, 72, darker(c, 0.18), 1.5)
    p.line([(50, 58), (50, 72)], darker(c, 0.35), 0.8)


def tote(p: Pen, c: RGB) -> None:
    p.arc(33, 16, 49, 56, 180, 360, darker(c), 2.6)
    p.arc(51, 16, 67, 56, 180, 360, darker(c), 2.6)
    p.rect(26, 36, 74, 86, c, 1)
    p.rect(26, 36, 74, 40, darker(c, 0.15))
    p.rect(44, 56, 56, 64, CREAM, 0.8)


def sack(p: Pen, c: RGB) -> None:
    p.poly([(32, 28), (68, 28), (73, 86), (27, 86)], c)
    p.rect(31, 28, 69, 35, darker(c, 0.2))
    p.line([(40, 31), (36, 42), (34, 48)], darker(c, 0.45), 1)
    p.line([(60, 31), (64, 42), (66, 48)], darker(c, 0.45), 1)
    for y in (52, 58, 64):
        p.rect(38, y, 62 - (y - 52) / 2, y + 2.4, darker(c, 0.3), 0.6)


def pouch(p: Pen, c: RGB) -> None:
    p.rect(20, 40, 80, 72, c, 5)
    p.line([(24, 45), (76, 45)], darker(c, 0.4), 1.2)
    for x in range(26, 76, 3):
        p.line([(x, 44), (x, 46)], darker(c, 0.5), 0.5)
    p.rect(70, 43, 74, 53, (170, 170, 168), 1)
    p.rect(20, 64, 80, 72, darker(c, 0.12), 5)


def tshirt(p: Pen, c: RGB) -> None:
    p.poly([(36, 20), (64, 20), (84, 32), (76, 46), (68, 42), (68, 84), (32, 84), (32, 42),
            (24, 46), (16, 32)], c)
    p.oval(42, 14, 58, 27, darker(c, 0.2))
    p.oval(44, 14, 56, 24, mix(c, CREAM, 0.3))
    p.line([(58, 38), (63, 31)], (63, 95, 138), 0.9)
    p.arc(58, 30, 66, 42, 200, 330, (63, 95, 138), 0.6)


def towel(p: Pen, c: RGB) -> None:
    p.arc(46, 10, 54, 22, 180, 360, darker(c), 1.2)
    p.rect(30, 16, 70, 86, CREAM, 1)
    for y in (26, 32, 70, 76):
        p.rect(30, y, 70, y + 2.5, c)
    p.rect(30, 45, 70, 52, lighter(c, 0.55))


def cushion(p: Pen, c: RGB) -> None:
    shades = [c, lighter(c, 0.2), darker(c, 0.18), lighter(c, 0.35), darker(c, 0.1),
              lighter(c, 0.1), darker(c, 0.25), lighter(c, 0.25), c]
    for i, shade in enumerate(shades):
        x, y = 22 + (i % 3) * 19, 24 + (i // 3) * 19
        p.rect(x, y, x + 19, y + 19, shade)
    for y in (43, 62):
        p.line([(22, y), (79, y)], lighter(c, 0.6), 0.4)


# --- bakery -----------------------------------------------------------------------------------

def cookies(p: Pen, c: RGB) -> None:
    for cx, cy in ((34, 40), (62, 36), (48, 58), (28, 66), (70, 64)):
        p.dot(cx + 1.2, cy + 1.5, 12.5, darker(c, 0.35))
        p.dot(cx, cy, 12, c)
        p.dot(cx, cy, 9, lighter(c, 0.12))
        for dx, dy in ((-4, -3), (3, -4), (0, 3), (5, 2)):
            p.dot(cx + dx, cy + dy, 0.9, darker(c, 0.4))


def cantucci(p: Pen, c: RGB) -> None:
    for i in range(5):
        x = 18 + i * 13
        p.poly([(x, 34 + i), (x + 10, 30 + i), (x + 16, 70 - i), (x + 6, 74 - i)], darker(c, 0.2))
        p.poly([(x + 1, 35 + i), (x + 9, 32 + i), (x + 14, 68 - i), (x + 6, 71 - i)], c)
        p.oval(x + 4, 44 + i, x + 9, 50 + i, lighter(c, 0.5))
        p.oval(x + 6, 56 - i, x + 11, 62 - i, lighter(c, 0.45))


def dome(p: Pen, c: RGB) -> None:
    p.oval(26, 24, 74, 60, darker(c, 0.15))
    p.oval(27, 25, 73, 58, c)
    for x, y in ((38, 38), (50, 33), (60, 41), (45, 46), (56, 50)):
        p.dot(x, y, 1.6, darker(c, 0.55))
    p.rect(28, 48, 72, 82, (140, 62, 52), 1)
    p.rect(28, 60, 72, 64, (214, 180, 90))


def cake(p: Pen, c: RGB) -> None:
    p.rect(22, 48, 78, 70, darker(c, 0.2))
    p.oval(22, 60, 78, 80, darker(c, 0.2))
    p.oval(22, 38, 78, 58, c)
    for x, y in ((36, 46), (50, 43), (63, 47), (44, 52), (57, 52)):
        p.oval(x - 2.5, y - 2, x + 2.5, y + 2, darker(c, 0.45))


def sticks(p: Pen, c: RGB) -> None:
    for i in range(9):
        x = 34 + i * 4
        p.rot_rect(x, 52, 3, 68 - (i % 3) * 4, -8 + i * 2, c if i % 2 else darker(c, 0.12))
    p.rect(30, 56, 72, 62, (150, 70, 60), 1)


def rings(p: Pen, c: RGB) -> None:
    for cx, cy in ((34, 38), (60, 36), (46, 58), (70, 60), (28, 64)):
        p.oval(cx - 11, cy - 10, cx + 11, cy + 10, line=darker(c, 0.25), w=6.5)
        p.oval(cx - 10.5, cy - 9.5, cx + 10.5, cy + 9.5, line=c, w=5)


def loaf(p: Pen, c: RGB) -> None:
    p.oval(16, 34, 84, 80, darker(c, 0.25))
    p.oval(17, 33, 83, 76, c)
    for x in (34, 48, 62):
        p.line([(x - 5, 48), (x + 5, 62)], lighter(c, 0.45), 2)


def giftbox(p: Pen, c: RGB) -> None:
    p.rect(26, 44, 74, 84, c)
    p.rect(22, 34, 78, 46, darker(c, 0.15))
    p.rect(46, 34, 54, 84, CREAM)
    p.leaf(50, 34, 16, 10, -150, CREAM)
    p.leaf(50, 34, 16, 10, -30, CREAM)
    p.dot(50, 34, 3, lighter(CREAM, 0.2))


# --- paper and print --------------------------------------------------------------------------

def notebook(p: Pen, c: RGB) -> None:
    p.rect(32, 18, 72, 84, darker(c, 0.4), 2)
    p.rect(29, 16, 70, 82, c, 2)
    p.rect(29, 16, 35, 82, darker(c, 0.2), 1)
    p.rect(40, 30, 62, 40, CREAM, 1)
    p.line([(64, 16), (64, 82)], darker(c, 0.45), 1)


def frame(p: Pen, c: RGB) -> None:
    p.rect(22, 16, 78, 84, (92, 66, 48))
    p.rect(27, 21, 73, 79, CREAM)
    p.dot(58, 38, 6, (232, 150, 90))
    for i, y in enumerate((52, 58, 64, 70)):
        p.line([(31, y), (42, y - 2), (53, y), (64, y - 2), (69, y)], mix(c, CREAM, i * 0.2),
               1.6)


def cards(p: Pen, c: RGB) -> None:
    for i, (angle, shade) in enumerate(((-14, lighter(c, 0.6)), (-4, CREAM), (8, c))):
        p.rot_rect(48 + i * 3, 52, 36, 48, angle, darker(shade, 0.12))
        p.rot_rect(47 + i * 3, 51, 35, 47, angle, shade)
    p.line([(50, 47), (62, 48)], CREAM, 1.6)
    p.line([(51, 54), (60, 55)], CREAM, 1.2)


def bookmarks(p: Pen, c: RGB) -> None:
    for i, shade in enumerate((c, lighter(c, 0.4), darker(c, 0.2), (201, 150, 58))):
        x = 26 + i * 13
        p.rect(x, 18, x + 9, 78, shade, 1)
        p.dot(x + 4.5, 24, 1.5, CREAM)
        p.line([(x + 4.5, 24), (x + 4.5, 12), (x + 2, 8)], darker(shade, 0.3), 0.7)


def calendar(p: Pen, c: RGB) -> None:
    p.rect(28, 22, 72, 84, darker(CREAM, 0.12), 2)
    p.rect(27, 20, 71, 82, CREAM, 2)
    p.rect(27, 20, 71, 34, c, 2)
    p.oval(45, 12, 53, 22, line=(120, 120, 118), w=1.4)
    for row in range(4):
        for col in range(5):
            p.rect(32 + col * 7.5, 42 + row * 9, 37 + col * 7.5, 47 + row * 9,
                   c if (row, col) == (1, 2) else lighter(c, 0.7), 0.6)


# --- wood -------------------------------------------------------------------------------------

def board(p: Pen, c: RGB) -> None:
    p.rect(18, 36, 70, 74, darker(c, 0.3), 5)
    p.rect(66, 48, 86, 62, darker(c, 0.3), 7)
    p.rect(17, 34, 69, 72, c, 5)
    p.rect(65, 46, 85, 60, c, 7)
    p.dot(79, 53, 2.4, darker(c, 0.35))
    for y in (42, 50, 58, 65):
        p.line([(22, y), (40, y + 1), (62, y - 1)], darker(c, 0.12), 0.6)


def stool(p: Pen, c: RGB) -> None:
    for top, bottom in (((34, 44), (24, 86)), ((66, 44), (76, 86)), ((50, 46), (50, 88))):
        p.line([top, bottom], darker(c, 0.25 if top[0] == 50 else 0.1), 5)
    p.oval(24, 36, 76, 52, darker(c, 0.25))
    p.oval(24, 32, 76, 48, c)
    p.oval(34, 36, 66, 45, lighter(c, 0.15))


def shelf(p: Pen, c: RGB) -> None:
    p.rect(16, 56, 84, 64, c)
    p.rect(16, 64, 84, 66, darker(c, 0.35))
    p.poly([(34, 44), (40, 44), (39, 56), (35, 56)], TERRACOTTA)
    p.leaf(37, 44, 12, 5, -110, GREEN)
    p.leaf(37, 44, 10, 4, -60, DARK_GREEN)
    for i, shade in enumerate(((63, 95, 138), (169, 83, 63), (201, 150, 58))):
        p.rect(54 + i * 6, 36 + i * 2, 59 + i * 6, 56, shade, 0.5)


def tray(p: Pen, c: RGB) -> None:
    p.rect(14, 30, 86, 74, darker(c, 0.3), 6)
    p.rect(14, 28, 86, 72, c, 6)
    p.rect(20, 34, 80, 66, lighter(c, 0.12), 4)
    p.rect(16, 46, 19, 54, darker(c, 0.45), 1.5)
    p.rect(81, 46, 84, 54, darker(c, 0.45), 1.5)


def birdhouse(p: Pen, c: RGB) -> None:
    p.line([(50, 8), (50, 22)], (120, 100, 80), 0.8)
    p.rect(30, 40, 70, 84, c)
    p.poly([(24, 44), (50, 20), (76, 44)], darker(c, 0.35))
    p.dot(50, 56, 6, darker(c, 0.6))
    p.line([(50, 68), (50, 75)], darker(c, 0.4), 2)


def spoons(p: Pen, c: RGB) -> None:
    for i, (x, top, shade) in enumerate(((36, 16, c), (50, 22, darker(c, 0.15)),
                                         (64, 28, lighter(c, 0.12)))):
        p.rect(x - 2, top + 18, x + 2, 88, shade, 2)
        p.oval(x - 7 + i * 0.5, top, x + 7 - i * 0.5, top + 22, shade)
        p.oval(x - 4.5, top + 3, x + 4.5, top + 18, darker(shade, 0.12))


def bookcase(p: Pen, c: RGB) -> None:
    p.rect(28, 10, 72, 90, darker(c, 0.2))
    p.rect(31, 13, 69, 87, lighter(c, 0.45))
    books = ((63, 95, 138), (169, 83, 63), (201, 150, 58), (93, 138, 88), (120, 90, 140))
    for shelf_y in (33, 53, 73):
        p.rect(31, shelf_y, 69, shelf_y + 2, darker(c, 0.2))
        for i in range(5):
            h = 14 - (i * 3 + shelf_y) % 5
            p.rect(34 + i * 6, shelf_y - h, 38.5 + i * 6, shelf_y, books[(i + shelf_y) % 5], 0.4)


# --- plants -----------------------------------------------------------------------------------

def _pot(p: Pen, x0=36, x1=64, top=60, bottom=86, color: RGB = TERRACOTTA) -> None:
    p.poly([(x0, top), (x1, top), (x1 - 4, bottom), (x0 + 4, bottom)], color)
    p.rect(x0 - 2, top - 4, x1 + 2, top + 2, darker(color, 0.12), 1)


def succulent(p: Pen, c: RGB) -> None:
    for i in range(10):
        p.leaf(50, 54, 20, 9, 180 + i * 20, darker(c, 0.1) if i % 2 else c)
    for i in range(7):
        p.leaf(50, 54, 12, 7, 190 + i * 26, lighter(c, 0.25))
    _pot(p)


def lavender(p: Pen, c: RGB) -> None:
    for i in range(9):
        x_top, y_top = 26 + i * 6, 18 + (i % 3) * 6
        p.line([(50, 60), (x_top, y_top + 12)], (112, 140, 96), 0.9)
        for j in range(4):
            p.oval(x_top - 2, y_top + j * 3.2, x_top + 2, y_top + j * 3.2 + 4, c)
    _pot(p)


def herbs(p: Pen, c: RGB) -> None:
    for x, n, w in ((28, 6, 7), (50, 5, 9), (72, 9, 3)):
        for i in range(n):
            p.leaf(x, 56, 18 - (i % 3) * 2, w, -160 + i * (140 / max(n - 1, 1)),
                   c if i % 2 else darker(c, 0.15))
        _pot(p, x - 10, x + 10, 60, 80)


def trailing(p: Pen, c: RGB) -> None:
    for end in (34, 50, 66):
        p.line([(50, 6), (end, 38)], (214, 196, 160), 0.8)
    _pot(p, 34, 66, 38, 58)
    for side, x in ((-1, 36), (1, 64)):
        for j in range(6):
            p.leaf(x + side * j * 1.5, 56 + j * 6, 8, 6, 90 + side * 40, c if j % 2 else
                   mix(c, (214, 200, 90), 0.35))


def kokedama(p: Pen, c: RGB) -> None:
    p.line([(50, 4), (50, 20)], (150, 120, 80), 0.7)
    for i in range(7):
        p.leaf(50, 50, 26, 8, -170 + i * 26, c if i % 2 else darker(c, 0.15))
    p.dot(50, 64, 17, (102, 112, 70))
    p.dot(50, 64, 14, (118, 128, 80))
    for y in (56, 64, 72):
        p.line([(36, y), (64, y + 2)], (196, 170, 120), 0.6)


def tree(p: Pen, c: RGB) -> None:
    p.line([(50, 62), (48, 46), (52, 34)], (110, 86, 62), 3)
    for i in range(28):
        a = i * 137.5
        r = 4 + (i % 7) * 2.6
        p.leaf(50 + r * math.cos(math.radians(a)), 28 + r * 0.8 * math.sin(math.radians(a)),
               9, 3.4, a, c if i % 3 else lighter(c, 0.25))
    _pot(p, 38, 62, 64, 86)


def pot(p: Pen, c: RGB) -> None:
    p.poly([(28, 30), (72, 30), (64, 84), (36, 84)], c)
    p.rect(25, 24, 75, 34, darker(c, 0.12), 1)
    for i in range(6):
        x = 31 + i * 7
        p.poly([(x, 44), (x + 3.5, 38), (x + 7, 44)], CREAM)
    p.rect(31, 54, 69, 57, (63, 95, 138))
    for i in range(5):
        p.dot(37 + i * 6.5, 66, 1.8, CREAM)


def crate(p: Pen, c: RGB) -> None:
    for i in range(7):
        p.leaf(22 + i * 9, 50, 14, 6, -110 + (i % 3) * 20, GREEN if i % 2 else DARK_GREEN)
    p.rect(14, 48, 86, 80, c)
    for y in (58, 69):
        p.line([(14, y), (86, y)], darker(c, 0.3), 0.8)
    p.rect(14, 48, 17, 80, darker(c, 0.2))
    p.rect(83, 48, 86, 80, darker(c, 0.2))


def centerpiece(p: Pen, c: RGB) -> None:
    for cx, tone in ((34, c), (50, lighter(c, 0.2)), (66, darker(c, 0.12))):
        for i in range(8):
            p.leaf(cx, 52, 12, 6, 180 + i * 25, tone if i % 2 else darker(tone, 0.1))
    p.oval(18, 52, 82, 66, lighter(CREAM, 0.3))
    p.poly([(18, 59), (82, 59), (74, 78), (26, 78)], lighter(CREAM, 0.3))
    p.oval(20, 53, 80, 63, (196, 186, 170))


MOTIFS: dict[str, Callable[[Pen, RGB], None]] = {
    f.__name__: f for f in (
        apron, tote, sack, pouch, tshirt, towel, cushion, cookies, cantucci, dome, cake, sticks,
        rings, loaf, giftbox, notebook, frame, cards, bookmarks, calendar, board, stool, shelf,
        tray, birdhouse, spoons, bookcase, succulent, lavender, herbs, trailing, kokedama, tree,
        pot, crate, centerpiece)
}
