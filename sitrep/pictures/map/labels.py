"""Names on the map, placed clear of every symbol and of each other: places beside their symbols, countries inside them."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Final

import shapely
from shapely.geometry.base import BaseGeometry
from shapely.ops import polylabel

from .. import geo
from ..svg import SMALL, Href, around, centre, free_box, grow, mark, rect, tag, text, text_width, within, wrap
from .sites import Layer, Site, coordinates, site_words

LABEL: Final = SMALL + 1


def label_countries(world: geo.World, project: geo.Projection, layer: Layer, focus: str | None) -> str:
    """Country names in capitals at each country's pole of inaccessibility, where they fit inside it and clear of all else."""
    parts = []
    inner = grow(layer.frame, -4)
    for _, _, name, biggest, point in sorted(
        world.once(("country names", project, focus), lambda: _country_spots(world, project, focus)), key=lambda f: f[:3]
    ):
        words = name.upper()
        size = SMALL
        width = text_width(words, size) + len(words) * 1.5
        spots = [(point.x + dx, point.y + dy) for dx, dy in ((0, 0), (0, -14), (0, 14), (-20, 0), (20, 0), (0, -28), (0, 28))]
        for x, y in spots:
            box = (x - width / 2, y - size / 2, x + width / 2, y + size / 2)
            if within(box, inner) and biggest.contains(shapely.box(*box)) and layer.taken.clear_of(grow(box, 3)):
                layer.taken.append(box)
                parts.append(
                    text(
                        x,
                        box[3] - 1.5,
                        words,
                        text_anchor="middle",
                        font_size=size,
                        letter_spacing=1.5,
                        fill="#8a8474",
                        class_="country",
                    )
                )
                break
    return "".join(parts)


def _country_spots(
    world: geo.World, project: geo.Projection, focus: str | None
) -> list[tuple[bool, float, str, BaseGeometry, shapely.Point]]:
    """The countries big enough in the frame to be named, each with its largest piece there and the middle of that
    piece (its pole of inaccessibility): (not the focus, -area, name, piece, middle); what the frame alone decides."""
    found = []
    for country in world.countries:
        shape = project.clip(country.shape, margin_px=0.0)
        if shape.is_empty or shape.area < 2500:
            continue
        biggest = max(shapely.get_parts(shape), key=lambda p: p.area)
        point = polylabel(biggest, tolerance=2.0) if isinstance(biggest, shapely.Polygon) else biggest.centroid
        found.append((country.name != focus, -shape.area, country.name, biggest, point))
    return found


def label_sites(sites: Sequence[Site], layer: Layer, href: Href, reaches: Sequence[float]) -> list[Site]:
    """Name each site beside its symbol, nearest free spot first, a leader line when it had to go farther; the unplaced back."""
    failed = []
    bounds = grow(layer.frame, -3)
    for site in sorted(sites, key=lambda s: (-s.events, s.place.geo_precision, -(coordinates(s.place) or (0, 0))[1], s.place.id)):
        bold = site.events > 0
        box, lines = None, [site.place.name]
        for max_lines in (1, 2, 3):
            lines = wrap(
                site.place.name, max(110.0, text_width(site.place.name, LABEL, bold) / max_lines + 12), LABEL, max_lines, bold
            )
            if lines[-1].endswith("…") and max_lines < 3:
                continue
            size = (max(text_width(line, LABEL, bold) for line in lines) + 6, LABEL * (1.2 * len(lines) + 0.1))
            box = free_box(size, around(site.x, site.y, site.r + 1.5, size, reaches), layer.taken, bounds)
            if box is not None or len(lines) < max_lines:
                break
        if box is None:
            failed.append(site)
            continue
        layer.taken.append(box)
        middle = centre(box)
        leader = ""
        edge = (min(max(site.x, box[0]), box[2]), min(max(site.y, box[1]), box[3]))
        if math.dist(edge, (site.x, site.y)) > site.r + 7:
            leader = tag("line", x1=site.x, y1=site.y, x2=edge[0], y2=edge[1], stroke="#555555", stroke_width=0.8)
        shapes = leader + rect(box, fill="#ffffff", fill_opacity=0.78, rx=2.0)
        for index, line in enumerate(lines):
            shapes += text(
                middle[0],
                box[1] + LABEL * (0.98 + 1.2 * index),
                line,
                text_anchor="middle",
                font_size=LABEL,
                font_weight=700 if bold else None,
                font_style="italic" if site.place.geo_precision == 3 else None,
                class_="label",
            )
        layer.parts.append(mark(href, "place", site.place.id, site_words(site), shapes))
    return failed
