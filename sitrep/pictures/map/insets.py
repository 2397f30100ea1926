"""Boxes drawn over or under the map: a crowded spot enlarged, a far place on its own, the locator."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

import shapely

from ... import model
from .. import geo
from ..svg import MUTED, SMALL, Box, Boxes, Href, Point, around, centre, free_box, grow, rect, tag, text, text_width, wrap
from .labels import label_sites
from .land import BORDER, LAND, SEA, draw_land
from .sites import Layer, Site, coordinates, site_marker


@dataclass(frozen=True)
class Sizes:
    """How big the parts are at this width."""

    width: float
    inset: Point
    far: Point
    locator: Point
    max_aspect: float


@dataclass(frozen=True)
class MapStyle:
    """What every part of one map draws with: the outlines, how a place becomes its symbol and colour, the links,
    the prefix of its ids and the country in focus (drawn with its provinces)."""

    world: geo.World
    site_at: Callable[[model.Place, geo.Projection], Site]
    colour: Callable[[Site], str]
    href: Href
    id_prefix: str
    focus: str | None


@dataclass
class Extras:
    """What the boxes over and under the map add as they are drawn: drawings over it, boxes in a row under it
    (with their sizes), clip paths, and the names left off for want of room."""

    overlay: list[str] = field(default_factory=list)
    below: list[tuple[Point, str]] = field(default_factory=list)
    defs: list[str] = field(default_factory=list)
    unplaced: list[Site] = field(default_factory=list)

    def place(self, box: Box | None, size: Point, drawing: str, clip: str, failed: Sequence[Site]) -> None:
        """Put a box's drawing over the map in `box`, or in the row under it when no corner was free."""
        self.defs.append(clip)
        self.unplaced.extend(failed)
        if box is not None:
            self.overlay.append(drawing)
        else:
            self.below.append((size, drawing))


def sizes_for(width: float) -> Sizes:
    if width >= 600:
        return Sizes(width, (220.0, 190.0), (190.0, 120.0), (150.0, 96.0), 0.78)
    return Sizes(width, (170.0, 150.0), (176.0, 104.0), (110.0, 72.0), 1.15)


def enlarge_crowd(
    crowd: Sequence[Site],
    number: int,
    main: Layer,
    corner: Callable[[Point, Sequence[Box]], Box | None],
    spread: Sequence[Box],
    sizes: Sizes,
    style: MapStyle,
    extras: Extras,
) -> None:
    """Enlarge a crowd in a corner (or under the map when no corner is free); outline and name its area on the map."""
    frame = main.frame
    lon_lat = [coordinates(s.place) or (0.0, 0.0) for s in crowd]
    area_px = (
        min(s.x - s.r for s in crowd) - 3,
        min(s.y - s.r for s in crowd) - 3,
        max(s.x + s.r for s in crowd) + 3,
        max(s.y + s.r for s in crowd) + 3,
    )
    city = next((s.place.name for s in crowd if s.place.kind == "city"), None)
    name = (city or min(crowd, key=lambda s: (-s.events, s.place.name)).place.name) + " area"

    def draw(box: Box) -> tuple[str, str, list[Site]]:
        return draw_inset(
            crowd_places=[s.place for s in crowd],
            lon_lat=lon_lat,
            name=name + " (enlarged)",
            box=box,
            style=style,
            clip_id=f"{style.id_prefix}-inset{number}",
            min_km=6.0,
        )

    # the usual size, or a larger one when a name has no room in it (below the map, at the full width if need be)
    size = sizes.inset
    for larger in ((sizes.inset[0] * 1.35, sizes.inset[1] * 1.25), (sizes.width - 1.0, sizes.inset[1] * 1.5)):
        if not draw((0.0, 0.0, *size))[2]:
            break
        size = (min(larger[0], sizes.width - 1.0), larger[1])
    box = corner(size, [*spread, area_px])
    extras.place(box, size, *draw(box or (0.0, 0.0, *size)))
    if box is not None:
        main.taken.append(box)
    main.taken.append(grow(area_px, 1))
    main.parts.append(rect(area_px, fill="none", stroke="#333333", stroke_width=0.9, stroke_dasharray="3 2"))
    hint = f"{name}: see inset" if box is not None else f"{name}: see below"
    hsize = (text_width(hint, SMALL) + 6, SMALL * 1.3)
    middle = centre(area_px)
    spots = around(middle[0], middle[1], (area_px[3] - area_px[1]) / 2 + 2, hsize, (0.0, 8.0, 18.0, 30.0))
    hbox = free_box(hsize, spots, main.taken, grow(frame, -3))
    if hbox is not None:
        main.taken.append(hbox)
        main.parts.append(rect(hbox, fill="#ffffff", fill_opacity=0.85, rx=2.0))
        main.parts.append(
            text(
                (hbox[0] + hbox[2]) / 2,
                hbox[3] - SMALL * 0.35,
                hint,
                text_anchor="middle",
                font_size=SMALL,
                fill=MUTED,
                class_="label",
            )
        )


def find_crowd(points: Sequence[Site], failed: Sequence[Site]) -> list[Site]:
    """The largest group of symbols that touch, with the sites near any name left unplaced: what an inset enlarges."""
    group = list(range(len(points)))

    def root(i: int) -> int:
        while group[i] != i:
            i = group[i]
        return i

    # whether a site's name went unplaced, asked once per site by its place's id (`in` over sites compares whole places)
    failed_ids = {site.place.id for site in failed}
    unplaced = [site.place.id in failed_ids for site in points]
    for i, a in enumerate(points):
        for j in range(i + 1, len(points)):
            b = points[j]
            near_failed = unplaced[i] or unplaced[j]
            if math.dist((a.x, a.y), (b.x, b.y)) < a.r + b.r + (24 if near_failed else 3):
                group[root(j)] = root(i)
    members: dict[int, list[Site]] = defaultdict(list)
    for i, site in enumerate(points):
        members[root(i)].append(site)
    best = max(members.values(), key=lambda m: (len(m), -min(s.y for s in m)), default=[])
    return best if len(best) >= 2 else []


def bearing(origin: Point, target: Point) -> str:
    """'Name-less' direction words: '1,900 km north-west'."""
    lon0, lat0 = origin
    lon1, lat1 = target
    lon1 = geo.unwrap(lon1, lon0)
    p0, p1, dl = math.radians(lat0), math.radians(lat1), math.radians(lon1 - lon0)
    km = 6371 * math.acos(min(1.0, max(-1.0, math.sin(p0) * math.sin(p1) + math.cos(p0) * math.cos(p1) * math.cos(dl))))
    angle = math.degrees(
        math.atan2(math.sin(dl) * math.cos(p1), math.cos(p0) * math.sin(p1) - math.sin(p0) * math.cos(p1) * math.cos(dl))
    )
    names = ("north", "north-east", "east", "south-east", "south", "south-west", "west", "north-west")
    return f"{round(km, -2):,.0f} km {names[round(angle / 45) % 8]}"


def draw_inset(
    *,
    crowd_places: Sequence[model.Place],
    lon_lat: Sequence[Point],
    name: str,
    box: Box,
    style: MapStyle,
    clip_id: str,
    min_km: float,
) -> tuple[str, str, list[Site]]:
    """An enlarged (or distant) view in `box`: a heading, the land, the places named; its drawing and its clip path."""
    head_h = SMALL * 1.5
    view = (box[0], box[1] + head_h, box[2], box[3])
    extent = geo.extent_of(list(lon_lat), aspect=(0.3, 3.0), min_km=min_km)
    project = geo.Projection.fit(extent, view)
    sites = [replace(s, r=s.r * 0.75) for s in (style.site_at(p, project) for p in crowd_places)]
    layer = Layer(view, Boxes(s.box for s in sites))
    failed = label_sites(sites, layer, style.href, (0.0, 4.0, 10.0, 18.0, 28.0, 40.0, 56.0))
    heading_lines = wrap(name, box[2] - box[0] - 8, SMALL, max_lines=1, bold=True)
    drawing = (
        rect(box, fill="#ffffff")
        # a region's dashed circle can reach past the inset: it is clipped to it, as the land is
        + tag(
            "g",
            draw_land(style.world, project, style.focus, max(extent.km()) < 2500)
            + "".join(site_marker(s, style.colour(s), style.href) for s in sites),
            clip_path=f"url(#{clip_id})",
        )
        + "".join(layer.parts)
        + text(box[0] + 4, box[1] + SMALL * 1.15, heading_lines[0], font_size=SMALL, font_weight=700, class_="label")
        + rect(box, fill="none", stroke="#6a6a6a", stroke_width=1.0)
        + tag("line", x1=box[0], y1=view[1], x2=box[2], y2=view[1], stroke="#8a8a8a", stroke_width=0.8)
    )
    return drawing, tag("clipPath", rect(view), id=clip_id), failed


def draw_locator(world: geo.World, extent: geo.Extent, box: Box, clip_id: str) -> tuple[str, str]:
    """A small map of the wider region with the main map's extent outlined: where in the world this is."""
    w_km, h_km = extent.km()
    span = max(w_km, h_km) * 7
    middle = extent.middle
    if span > 12000:
        wide = geo.Extent(middle[0] - 180, -60, middle[0] + 180, 85)
    else:
        half = span / 2 / geo.KM_PER_DEGREE
        cos = max(math.cos(math.radians(middle[1])), 0.2)
        south, north = max(middle[1] - half * 0.6, -85), min(middle[1] + half * 0.6, 85)
        wide = geo.Extent(middle[0] - half / cos, south, middle[0] + half / cos, north)
    project = geo.Projection.fit(wide, box)
    land = world.once(("locator", project), lambda: _locator_land(world, project))
    x0, y0 = project(extent.west, extent.north)
    x1, y1 = project(extent.east, extent.south)
    if x1 - x0 < 6:
        x0, x1 = (x0 + x1) / 2 - 3, (x0 + x1) / 2 + 3
    if y1 - y0 < 6:
        y0, y1 = (y0 + y1) / 2 - 3, (y0 + y1) / 2 + 3
    drawing = (
        tag(
            "g",
            rect(box, fill=SEA) + tag("path", d=land, fill=LAND, stroke=BORDER, stroke_width=0.4, fill_rule="evenodd"),
            clip_path=f"url(#{clip_id})",
        )
        + rect((x0, y0, x1, y1), fill="none", stroke="#C0392B", stroke_width=1.6)
        + rect(box, fill="none", stroke="#6a6a6a", stroke_width=1.0)
    )
    return tag("g", drawing, class_="locator"), tag("clipPath", rect(box), id=clip_id)


def _locator_land(world: geo.World, project: geo.Projection) -> str:
    """The locator's countries, simplified to its scale: one path's data."""
    box = project.frame
    tolerance = (project.extent.east - project.extent.west) / (box[2] - box[0]) * 1.2
    pieces = world.once(("piece bounds",), lambda: tuple(shapely.bounds(shapely.get_parts(c.shape)) for c in world.countries))
    land = []
    for index, country in enumerate(world.countries):
        if not (project.reaches(country.shape.bounds) and project.reaches_any(pieces[index])):
            # its outline lies outside the locator, and so does its simplified one: simplifying keeps a subset of the
            # points (the United States' bounds reach round the world, but none of its pieces reaches the Gulf)
            continue
        shape = project.clip(world.simplified_country(index, tolerance))
        if not shape.is_empty:
            land.append(geo.svg_path(shape))
    return " ".join(land)
