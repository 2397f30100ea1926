"""The land under the map: sea, countries clipped to the frame, the focus country, first-level boundaries."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Final

import shapely
from shapely.geometry.base import BaseGeometry

from .. import geo
from ..svg import Point, rect, tag

SEA: Final = "#dfeaf2"
LAND: Final = "#f6f4ee"
FOCUS_LAND: Final = "#ebe4d0"
BORDER: Final = "#9c968a"
PROVINCE: Final = "#c4bca8"


def draw_land(world: geo.World, project: geo.Projection, focus: str | None, provinces: bool) -> str:
    """Sea, the countries clipped to the frame (the focus country tinted), first-level boundaries, country borders;
    drawn once per frame while the world keeps it (each edition's map of the same places has the same land)."""
    return world.once(("land", project, focus, provinces), lambda: _land(world, project, focus, provinces))


def _land(world: geo.World, project: geo.Projection, focus: str | None, provinces: bool) -> str:
    frame = project.frame
    parts = [rect(frame, fill=SEA)]
    shown = [(country, shape) for country in world.countries if not (shape := project.clip(country.shape)).is_empty]
    for country, shape in shown:
        fill = FOCUS_LAND if country.name == focus else LAND
        parts.append(tag("path", d=geo.svg_path(shape), fill=fill, fill_rule="evenodd", stroke="none"))
    if provinces:
        e = project.extent
        lines: list[BaseGeometry] = []
        for shift in (-360.0, 0.0, 360.0):
            box = shapely.box(e.west - shift, e.south, e.east - shift, e.north)
            lines.extend(world.province_parts[i] for i in world.province_tree.query(box))
        if lines:
            clipped = project.clip(shapely.union_all(lines))
            parts.append(
                tag("path", d=geo.svg_path(clipped), fill="none", stroke=PROVINCE, stroke_width=0.6, stroke_dasharray="3 2")
            )
    for _, shape in shown:
        parts.append(
            tag("path", d=geo.svg_path(shape.boundary), fill="none", stroke=BORDER, stroke_width=0.8, stroke_linejoin="round")
        )
    return "".join(parts)


def focus_country(world: geo.World, points: Sequence[Point]) -> str | None:
    """The country holding most of the places."""
    counts: Counter[str] = Counter()
    for lon, lat in points:
        spot = shapely.Point(lon, lat)
        for country in world.countries:
            if country.shape.covers(spot):
                counts[country.name] += 1
                break
    return min(counts, key=lambda name: (-counts[name], name)) if counts else None
