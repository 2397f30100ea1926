"""What the map's marks mean and measure: the legend under it and the scale bar on it."""

from __future__ import annotations

from collections.abc import Sequence

from .. import geo
from ..svg import INK, MUTED, SMALL, Box, Boxes, rect, tag, text, text_width, wrap
from .sites import HAPPENING_WORDS, HAPPENINGS, Site, status_colour, status_words, symbol


def scale_bar(project: geo.Projection, frame: Box, taken: Boxes) -> tuple[str, Box]:
    """A bar of a round number of kilometres, about 70 px, in a free lower corner."""
    per_km = project.px_per_km()
    steps = (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000)
    km = next((k for k in steps if k * per_km >= 60), steps[-1])
    length = km * per_km
    for right in (frame[2] - 10, frame[0] + 16 + length):
        left, base = right - length, frame[3] - 8
        box = (left - 6, base - 18, right + 6, base + 3)
        if taken.clear_of(box):
            break
    drawing = (
        rect(box, fill="#ffffff", fill_opacity=0.8)
        + tag(
            "path",
            d=f"M{left:.1f} {base - 4:.1f} L{left:.1f} {base:.1f} L{right:.1f} {base:.1f} L{right:.1f} {base - 4:.1f}",
            fill="none",
            stroke=INK,
            stroke_width=1.2,
        )
        + text((left + right) / 2, base - 6, f"{km:,} km", text_anchor="middle", font_size=SMALL)
    )
    return drawing, box


def draw_legend(sites: Sequence[Site], statuses: Sequence[str], width: float, y: float) -> tuple[str, float]:
    """What symbols, colours and dashes mean, in rows under the map; only what the map shows."""
    items: list[tuple[str, str]] = []  # (symbol markup at 0,0, words)
    present = {s.happening for s in sites}
    for happening in (*HAPPENINGS, "events", "none"):
        if happening in present:
            items.append((symbol(happening, 0.0, 0.0, 6.5, MUTED), HAPPENING_WORDS[happening]))
    for status in sorted({s.status for s in sites}, key=lambda s: (s == "", s)):
        items.append((rect((-5.5, -5.5, 5.5, 5.5), fill=status_colour(status, statuses), rx=1.5), status_words(status)))
    precisions = {s.place.geo_precision for s in sites}
    if 2 in precisions:
        items.append((symbol("events", 0.0, 0.0, 6.5, MUTED, hollow=True), "Open symbol: near a town"))
    if 3 in precisions:
        items.append(
            (
                tag("circle", cx=0.0, cy=0.0, r=7.0, fill=MUTED, fill_opacity=0.1, stroke=MUTED, stroke_dasharray="4 2"),
                "Dashed circle: region only",
            )
        )
    parts = []
    for line in wrap("Symbol: what happened there. Colour: latest status. Size: number of events.", width, SMALL):
        parts.append(text(0.0, y + SMALL + 2, line, font_size=SMALL, fill=MUTED))
        y += SMALL * 1.3
    y += 6
    x, row_h = 0.0, 20.0
    for drawing, words in items:
        item_w = 22 + text_width(words, SMALL + 1) + 16
        if x + item_w > width and x > 0:
            x, y = 0.0, y + row_h
        parts.append(tag("g", drawing, transform=f"translate({x + 8:.1f} {y + 8:.1f})"))
        parts.append(text(x + 20, y + 12, words, font_size=SMALL + 1))
        x += item_w
    return "".join(parts), y + row_h
