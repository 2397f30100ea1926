"""Reading a PDF's pages the way an editor looks at them: lines of text, how full each page is,
how much of it footnotes take, which lines are headings. Built on pdfplumber's character boxes.

Geometry follows pdf.css: the running header and footer sit in the page margins (20 mm at the top,
19 mm at the bottom), so anything inside those bands is furniture, not content.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

MM = 72 / 25.4
TOP_MARGIN = 20 * MM
BOTTOM_MARGIN = 19 * MM
FOOTNOTE_SIZE = 7.4  # footnotes are set below this size; body text, calls and tables above it


@dataclass(frozen=True)
class Line:
    top: float
    bottom: float
    x0: float
    x1: float
    text: str
    size: float  # the largest character size on the line
    fonts: tuple[tuple[str, int], ...]  # font name and how many characters are set in it

    def share(self, pattern: str) -> float:
        total = sum(count for _, count in self.fonts)
        return sum(count for name, count in self.fonts if re.search(pattern, name)) / total if total else 0.0

    @property
    def is_heading(self) -> bool:
        """Set as a heading is: bold sans, 9 pt or more, for most of the line."""
        return self.size >= 8.9 and self.share(r"DejaVu-?Sans-?Bold") >= 0.6


@dataclass
class Page:
    number: int  # 1-based, in the whole PDF
    width: float
    height: float
    lines: list[Line] = field(default_factory=list)
    graphics_bottom: float = 0.0  # the lowest rule, box or picture mark in the body area
    footnote_top: float | None = None  # where the footnote area starts, if the page has one

    @property
    def body_top(self) -> float:
        return TOP_MARGIN

    @property
    def body_bottom(self) -> float:
        return self.height - BOTTOM_MARGIN

    @property
    def content_bottom(self) -> float:
        bottoms = [line.bottom for line in self.lines] + [self.graphics_bottom]
        return max(bottoms) if bottoms else self.body_top

    @property
    def emptiness(self) -> float:
        """The share of the body area left blank below the last thing on the page."""
        height = self.body_bottom - self.body_top
        return max(0.0, (self.body_bottom - max(self.content_bottom, self.body_top)) / height)

    @property
    def footnote_share(self) -> float:
        if self.footnote_top is None:
            return 0.0
        return (self.body_bottom - self.footnote_top) / (self.body_bottom - self.body_top)

    @property
    def text_lines(self) -> list[Line]:
        """The body's lines, footnotes left out."""
        limit = self.footnote_top if self.footnote_top is not None else self.body_bottom + 1
        return [line for line in self.lines if line.bottom <= limit]

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


def _lines(words: list[dict[str, Any]]) -> list[Line]:
    rows: list[list[dict[str, Any]]] = []
    for word in sorted(words, key=lambda w: (round(w["bottom"], 0), w["x0"])):
        if rows and abs(rows[-1][0]["bottom"] - word["bottom"]) < 2.5:
            rows[-1].append(word)
        else:
            rows.append([word])
    lines = []
    for row in rows:
        row.sort(key=lambda w: w["x0"])
        fonts: dict[str, int] = {}
        for word in row:
            fonts[word["fontname"]] = fonts.get(word["fontname"], 0) + len(word["text"])
        lines.append(
            Line(
                top=min(w["top"] for w in row),
                bottom=max(w["bottom"] for w in row),
                x0=min(w["x0"] for w in row),
                x1=max(w["x1"] for w in row),
                text=" ".join(w["text"] for w in row),
                size=max(w["size"] for w in row),
                fonts=tuple(sorted(fonts.items())),
            )
        )
    return lines


def _footnote_top(page: Page, edges: list[tuple[float, float]], shape_tops: list[float]) -> float | None:
    """The top of the footnote area: the lowest wide drawn edge (WeasyPrint draws the area's rule as
    the top of a box) below which there is only footnote-sized text: no picture, no table, no body text."""
    for top, width in sorted(edges, reverse=True):
        below = [line for line in page.lines if line.top >= top]
        drawn_below = [t for t in shape_tops if t > top + 1.0]
        if below and not drawn_below and width > 0.2 * page.width and all(line.size < FOOTNOTE_SIZE for line in below):
            return top
    return None


def _blank(shape: dict[str, Any]) -> bool:
    """A white fill with no stroke (a box's background): it marks nothing on the page."""
    white = shape.get("non_stroking_color") in ((1.0, 1.0, 1.0), (1,), [1.0, 1.0, 1.0], 1.0, 1)
    return bool(shape.get("fill")) and not shape.get("stroke") and white


def read(pdf: Path) -> list[Page]:
    import pdfplumber

    pages = []
    with pdfplumber.open(pdf) as document:
        for number, plumbed in enumerate(document.pages, start=1):
            page = Page(number, float(plumbed.width), float(plumbed.height))
            words = plumbed.extract_words(extra_attrs=["fontname", "size"], keep_blank_chars=False, use_text_flow=False)
            inside = [w for w in words if w["top"] >= TOP_MARGIN - 1 and w["bottom"] <= page.body_bottom + 1]
            page.lines = _lines(inside)
            shapes = [s for s in (*plumbed.rects, *plumbed.lines, *plumbed.curves) if not _blank(s)]
            body = [s for s in shapes if s["top"] >= TOP_MARGIN - 1 and s["bottom"] <= page.body_bottom + 1]
            page.graphics_bottom = max((s["bottom"] for s in body), default=0.0)
            edges = [(s["top"], s["x1"] - s["x0"]) for s in body]
            page.footnote_top = _footnote_top(page, edges, [s["top"] for s in body])
            pages.append(page)
    return pages


def outline(pdf: Path) -> list[tuple[int, str, int]]:
    """(level, title, 1-based page) of every bookmark, in order."""
    from pypdf import PdfReader

    reader = PdfReader(pdf)
    found: list[tuple[int, str, int]] = []

    def walk(items: list[Any], level: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
                continue
            page = reader.get_destination_page_number(item)
            assert page is not None, f"bookmark {item.title!r} leads to no page"
            found.append((level, item.title, page + 1))

    walk(reader.outline, 1)
    return found


def page_texts(pdf: Path) -> list[str]:
    """Each page's text in the order it was drawn (a table cell's lines stay together)."""
    from pypdf import PdfReader

    return [page.extract_text() or "" for page in PdfReader(pdf).pages]


def folded(text: str) -> str:
    table = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " "})
    return re.sub(r"\s+", " ", text.translate(table)).strip()


def pdf_value(value: object, *path: str | int) -> object:
    """What lies at `path` in a PDF object (dictionary keys, array indexes), each step checked and followed through
    indirect references: pypdf types every value as a bare PdfObject."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    for step in path:
        if isinstance(value, IndirectObject):
            value = value.get_object()
        if isinstance(step, int):
            assert isinstance(value, ArrayObject), f"{type(value).__name__} where an array was expected"
            value = value[step]
        else:
            assert isinstance(value, DictionaryObject), f"{type(value).__name__} where a dictionary was expected"
            assert step in value, f"no {step} in the dictionary"
            value = value[step]
    return value.get_object() if isinstance(value, IndirectObject) else value


def pdf_stream(value: object, *path: str | int) -> bytes:
    """The decoded bytes of the stream at `path` (as pdf_value)."""
    from pypdf.generic import StreamObject

    stream = pdf_value(value, *path)
    assert isinstance(stream, StreamObject), f"{type(stream).__name__} where a stream was expected"
    return stream.get_data()
