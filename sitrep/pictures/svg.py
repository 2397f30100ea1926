"""The SVG kit the pictures share: elements, text measured in DejaVu Sans, boxes, free spots for labels."""

from __future__ import annotations

import html
import json
import math
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import repeat
from pathlib import Path
from types import MappingProxyType
from typing import Final

Href = Callable[[str, str], str | None]
Box = tuple[float, float, float, float]  # left, top, right, bottom
Point = tuple[float, float]

WIDE: Final = 720.0  # a printed A4 column at 9-10 pt text: 720 units over 170 mm, so 10 units is 6.7 pt... see MIN_PRINT
NARROW: Final = 360.0  # a 390 px phone, less the page's margins: one unit a CSS pixel
FONT: Final = "'DejaVu Sans', sans-serif"
INK: Final = "#222222"
MUTED: Final = "#5f5f5f"
RULE: Final = "#c8c8c8"
# the smallest text drawn: 6 pt in the 138 mm A4 column (7 pt in the wider relations figure), 11 px on a phone
SMALL: Final = 11.0
DATA: Final = Path(__file__).resolve().parent.parent / "data"

# Okabe-Ito, the colour-blind-safe set; greys for the types that carry no alarm.
EVENT_COLOURS: Final[Mapping[str, str]] = MappingProxyType(
    {
        "attack": "#D55E00",
        "strike": "#E69F00",
        "threat": "#CC79A7",
        "deployment": "#0072B2",
        "handover": "#009E73",
        "plan": "#56B4E9",
        "sanction": "#B59F00",  # Okabe-Ito yellow, darkened to show on white
        "statement": "#000000",
        "political": "#6B6B6B",
        "protest": "#9A9A9A",
        "other": "#B0B0B0",
    }
)


# --- elements -----------------------------------------------------------------------------------


def num(value: float) -> str:
    """One decimal, never '-0.0': the same number always prints the same way."""
    text = f"{value:.1f}"
    return "0.0" if text == "-0.0" else text


def tag(name: str, content: str | None = None, /, **attrs: str | float | None) -> str:
    """An element; attribute names take '-' for '_', values are escaped, None leaves one out.

    Pictures are mostly tags (ten thousand in a small build): a float or int prints only digits, '-' and '.', so
    it is not escaped, and each keyword's attribute name is worked out once.
    """
    head = name
    for key, value in attrs.items():
        if value is None:
            continue
        kind = type(value)
        if kind is float:
            text = f"{value:.1f}"
            if text == "-0.0":
                text = "0.0"
        elif kind is int:
            text = str(value)
        elif isinstance(value, float):  # numpy's float64 among them
            text = num(value)
        else:
            text = html.escape(str(value), quote=True)
        head += f' {_attribute(key)}="{text}"'
    return f"<{head}/>" if content is None else f"<{head}>{content}</{name}>"


@cache
def _attribute(keyword: str) -> str:
    """The attribute a keyword names: `class_` is class, `stroke_width` stroke-width (the keywords are the code's)."""
    return keyword.rstrip("_").replace("_", "-")


def text(x: float, y: float, words: str, **attrs: str | float | None) -> str:
    return tag("text", html.escape(words, quote=False), x=x, y=y, **attrs)


def rect(box: Box, **attrs: str | float | None) -> str:
    return tag("rect", x=box[0], y=box[1], width=box[2] - box[0], height=box[3] - box[1], **attrs)


def path(points: Sequence[Point], closed: bool = False) -> str:
    """Path data through the points: 'M x y L x y ...', with 'Z' when closed."""
    if not points:
        return ""
    return "M" + " L".join(f"{num(x)} {num(y)}" for x, y in points) + (" Z" if closed else "")


def mark(href: Href, kind: str, item_id: str, tooltip: str, shapes: str, css: str | None = None) -> str:
    """Shapes with a hover title, linked to the item's page when it has one."""
    content = tag("title", html.escape(tooltip, quote=False)) + shapes
    link = href(kind, item_id)
    return tag("a", content, href=link, class_=css) if link else tag("g", content, class_=css)


def svg(id_prefix: str, width: float, height: float, title: str, desc: str, body: str) -> str:
    """The outer element: labelled by its own title and description, as wide as its container."""
    title_id, desc_id = f"{id_prefix}-title", f"{id_prefix}-desc"
    inner = (
        tag("title", html.escape(title, quote=False), id=title_id)
        + tag("desc", html.escape(desc, quote=False), id=desc_id)
        + body
    )
    return tag(
        "svg",
        inner,
        xmlns="http://www.w3.org/2000/svg",
        # an image, unless it holds links: an img role would hide them (WCAG: no nested interactive controls)
        role="group" if "<a " in body else "img",
        aria_labelledby=f"{title_id} {desc_id}",
        viewBox=f"0 0 {num(width)} {num(height)}",
        width="100%",
        font_family=FONT,
        font_size=SMALL + 1,
        fill=INK,
    )


def notice(id_prefix: str, width: float, title: str, message: str) -> str:
    """A small picture that says there is nothing to draw."""
    body = rect((0.5, 0.5, width - 0.5, 47.5), fill="#f7f7f7", stroke=RULE)
    body += text(width / 2, 28.0, message, text_anchor="middle", fill=MUTED, font_size=SMALL + 1)
    return svg(id_prefix, width, 48.0, title, message + ".", body)


# --- text ---------------------------------------------------------------------------------------


UNKNOWN_ADVANCE: Final = 80  # the advance of a character the font lacks


@dataclass(frozen=True)
class _Widths:
    ranges: tuple[tuple[int, int], ...]
    regular: tuple[int, ...]
    bold: tuple[int, ...]
    # each character the font has, to its advance (a character it has with no width counts as a wide one, as
    # the ranges' own lookup did): one dict lookup per character instead of a walk over the ranges
    by_char: dict[str, int]
    by_char_bold: dict[str, int]


@cache  # read-only data shipped with the package, read once per process
def _widths() -> _Widths:
    data = json.loads((DATA / "font_widths.json").read_text(encoding="utf-8"))
    ranges = tuple((low, high) for low, high in data["ranges"])
    regular = tuple(int(v) for v in data["regular"].split(","))
    bold = tuple(int(v) for v in data["bold"].split(","))
    codes = [code for low, high in ranges for code in range(low, high)]
    return _Widths(
        ranges,
        regular,
        bold,
        {chr(code): width or UNKNOWN_ADVANCE for code, width in zip(codes, regular, strict=False)},
        {chr(code): width or UNKNOWN_ADVANCE for code, width in zip(codes, bold, strict=False)},
    )


def text_width(words: str, size: float, bold: bool = False) -> float:
    """The advance of `words` in DejaVu Sans at `size`; a character it lacks counts as a wide one."""
    table = _widths()
    widths = table.by_char_bold if bold else table.by_char
    # whole advances summed in C (map over dict.get): the same integer as summing them one by one
    total = sum(map(widths.get, words, repeat(UNKNOWN_ADVANCE, len(words))))
    return total * size / 100


def break_lines(words: str, width: float, size: float, bold: bool = False) -> list[str]:
    """Text broken at spaces into lines no wider than `width`, each as full as it goes; a word wider is a line alone."""
    lines: list[str] = []
    for word in words.split():
        if lines and text_width(lines[-1] + " " + word, size, bold) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def wrap(words: str, width: float, size: float, max_lines: int = 3, bold: bool = False) -> list[str]:
    """Break text into lines that fit `width` at font `size`; the last line ends in '…' if cut."""
    fitted = []
    for line in break_lines(words, width, size, bold):
        while text_width(line, size, bold) > width and len(line) > 1:
            line = line[:-2] + "…"
        fitted.append(line)
    if len(fitted) > max_lines:
        fitted = fitted[:max_lines]
        last = fitted[-1]
        while text_width(last + "…", size, bold) > width and len(last) > 1:
            last = last[:-1]
        fitted[-1] = last.rstrip() + "…"
    return fitted


def lines_box(x: float, top: float, lines: Sequence[str], size: float, anchor: str = "start", bold: bool = False) -> Box:
    """The box a block of lines takes, `x` at its anchor, `top` its top edge."""
    width = max((text_width(line, size, bold) for line in lines), default=0.0)
    left = x if anchor == "start" else x - width if anchor == "end" else x - width / 2
    return (left, top, left + width, top + len(lines) * size * 1.2)


def text_lines(x: float, top: float, lines: Sequence[str], size: float, **attrs: str | float | None) -> str:
    """Lines of text set from `top` down, at 1.2 line height; the first baseline at 0.95 of the size."""
    return "".join(text(x, top + size * (0.95 + 1.2 * i), line, font_size=size, **attrs) for i, line in enumerate(lines))


# --- boxes --------------------------------------------------------------------------------------


def overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def grow(box: Box, by: float) -> Box:
    return (box[0] - by, box[1] - by, box[2] + by, box[3] + by)


def within(box: Box, bounds: Box) -> bool:
    return box[0] >= bounds[0] and box[1] >= bounds[1] and box[2] <= bounds[2] and box[3] <= bounds[3]


def centre(box: Box) -> Point:
    return ((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)


class Boxes:
    """The boxes taken on a picture, in the order taken, filed by the square cells of a grid they cover: whether a box
    is clear of them all asks only the boxes filed in its own cells (a map at 10,000 events takes thousands).

    Two boxes that overlap share a point, so they share the cell of that point: the answer is the plain scan's.
    """

    CELL: Final = 32.0  # about a label's height twice over, a third of a long name's width
    MOST_CELLS: Final = 64  # a box over more cells than this (an inset's crowd, a frame) is asked about every time

    def __init__(self, boxes: Iterable[Box] = ()) -> None:
        self._boxes: list[Box] = []
        self._cells: dict[tuple[int, int], list[Box]] = defaultdict(list)
        self._wide: list[Box] = []
        self.extend(boxes)

    def __iter__(self) -> Iterator[Box]:
        return iter(self._boxes)

    def __len__(self) -> int:
        return len(self._boxes)

    def append(self, box: Box) -> None:
        self._boxes.append(box)
        span = _span(box, self.MOST_CELLS)
        if span is None:
            self._wide.append(box)
        else:
            for column in span[0]:
                for row in span[1]:
                    self._cells[column, row].append(box)

    def extend(self, boxes: Iterable[Box]) -> None:
        for box in boxes:
            self.append(box)

    def copy(self) -> Boxes:
        return Boxes(self._boxes)

    def without(self, removed: Collection[Box]) -> Boxes:
        """These boxes less every one equal to one of `removed`, in the same order."""
        return Boxes(box for box in self._boxes if box not in removed)

    def clear_of(self, box: Box) -> bool:
        """Whether `box` overlaps none of the boxes (as `overlaps` says)."""
        left, top, right, bottom = box
        span = _span(box, self.MOST_CELLS)
        if span is None:
            return not any(overlaps(box, other) for other in self._boxes)
        cells = self._cells
        for column in span[0]:
            for row in span[1]:
                for other in cells.get((column, row), ()):
                    if left < other[2] and other[0] < right and top < other[3] and other[1] < bottom:  # overlaps, inline
                        return False
        return not any(overlaps(box, other) for other in self._wide)


def _span(box: Box, most: int) -> tuple[range, range] | None:
    """The columns and rows of grid cells a box covers (edges in any order), or None when the cells are more than
    `most` or an edge is not finite."""
    cell = Boxes.CELL
    try:
        left, right = math.floor(box[0] / cell), math.floor(box[2] / cell)
        top, bottom = math.floor(box[1] / cell), math.floor(box[3] / cell)
    except (OverflowError, ValueError):  # an infinite or NaN edge
        return None
    if left > right:
        left, right = right, left
    if top > bottom:
        top, bottom = bottom, top
    if (right - left + 1) * (bottom - top + 1) > most:
        return None
    return range(left, right + 1), range(top, bottom + 1)


def free_box(size: Point, spots: Iterable[Point], blocked: Boxes, bounds: Box, pad: float = 1.5) -> Box | None:
    """The first box of `size` centred on one of `spots` inside `bounds` and clear of `blocked` by `pad`."""
    width, height = size
    least_left, least_top, most_right, most_bottom = bounds
    # `within` and `grow` written out: this runs for each of a hundred spots around each of thousands of names
    for x, y in spots:
        left, top, right, bottom = x - width / 2, y - height / 2, x + width / 2, y + height / 2
        if (
            left >= least_left
            and top >= least_top
            and right <= most_right
            and bottom <= most_bottom
            and blocked.clear_of((left - pad, top - pad, right + pad, bottom + pad))
        ):
            return (left, top, right, bottom)
    return None


def around(x: float, y: float, gap: float, size: Point, reaches: Sequence[float]) -> list[Point]:
    """Centres for a label of `size` beside a point: right, left, the diagonals, above, below, then between, then farther out."""
    width, height = size
    spots: list[Point] = []
    # unit directions, the usual cartographic preference first: right, left, upper right, lower right...
    directions = [(1, 0), (-1, 0), (0.7, -0.7), (0.7, 0.7), (-0.7, -0.7), (-0.7, 0.7), (0, -1), (0, 1)]
    directions += [
        (0.92, -0.38),
        (0.92, 0.38),
        (-0.92, -0.38),
        (-0.92, 0.38),
        (0.38, -0.92),
        (0.38, 0.92),
        (-0.38, -0.92),
        (-0.38, 0.92),
    ]
    for reach in reaches:
        g = gap + reach
        for ux, uy in directions:
            # the box's nearest edge, not its centre, sits `g` from the point
            spots.append(
                (
                    x + ux * g + (width / 2 if ux > 0.1 else -width / 2 if ux < -0.1 else 0),
                    y + uy * g + (height / 2 if uy > 0.1 else -height / 2 if uy < -0.1 else 0),
                )
            )
    return spots
