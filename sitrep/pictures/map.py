"""The situation map: places on the world outlines, labelled by name, symbol by what happened there, colour by status."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Final

import shapely
from shapely.geometry.base import BaseGeometry
from shapely.ops import polylabel

from .. import model
from ..problems import plural
from . import geo
from .svg import (
    INK,
    MUTED,
    SMALL,
    WIDE,
    Box,
    Href,
    Point,
    around,
    centre,
    free_box,
    grow,
    mark,
    notice,
    overlaps,
    rect,
    svg,
    tag,
    text,
    text_width,
    within,
    wrap,
)
from .svg import path as path_d

SEA: Final = "#dfeaf2"
LAND: Final = "#f6f4ee"
FOCUS_LAND: Final = "#ebe4d0"
BORDER: Final = "#9c968a"
PROVINCE: Final = "#c4bca8"
LABEL: Final = SMALL + 1
REGION_KM: Final = 55.0
CREDIT: Final = "Outlines: Natural Earth 1:50m and 1:10m, public domain"

# what happened at a place, most telling first: the symbol shows the first that applies
HAPPENINGS: Final = ("attack", "strike", "deployment", "handover")
HAPPENING_WORDS: Final[Mapping[str, str]] = MappingProxyType(
    {
        "attack": "Attack",
        "strike": "Strike",
        "deployment": "Deployment",
        "handover": "Handover",
        "events": "Other events",
        "none": "No event in view",
    }
)
STATUS_COLOURS: Final[Mapping[str, str]] = MappingProxyType(
    {
        "hosting-coalition": "#0072B2",
        "patriot-deployed": "#56B4E9",
        "attacked": "#D55E00",
        "handed-over": "#8C8C8C",
        "withdrawn": "#5E5E5E",
        "planned": "#CC79A7",
        "other": "#009E73",
        "": "#3A3A3A",
    }
)
_SPARE_COLOURS: Final = ("#E69F00", "#009E73", "#7A4E9E", "#8C6D31", "#1B7F79")  # statuses outside the usual set
PRECISION_WORDS: Final[Mapping[int, str]] = MappingProxyType({1: "exact site", 2: "near a town", 3: "region only"})


def latest_status(place: model.Place) -> model.PlaceStatus | None:
    """The place's most recent status; the first listed wins a tie."""
    return max(place.status, key=lambda s: s.date.sort_key()) if place.status else None


def status_colour(status: str, known: Sequence[str]) -> str:
    """A status's colour: the usual set first (in any spelling), the others from spare colours in the order given."""
    usual = model.known_value(status, model.KNOWN_PLACE_STATUSES) or status
    if usual in STATUS_COLOURS:
        return STATUS_COLOURS[usual]
    extra = [s for s in known if s not in STATUS_COLOURS]
    return _SPARE_COLOURS[extra.index(status) % len(_SPARE_COLOURS)] if status in extra else STATUS_COLOURS["other"]


def status_words(status: str) -> str:
    """A legend's words for a status: as written (a known value in words), with a capital first letter only."""
    words = model.open_value_words(status, model.KNOWN_PLACE_STATUSES)
    return words[:1].upper() + words[1:] if status else "No status recorded"


def coordinates(place: model.Place) -> Point | None:
    """(lon, lat), or None for a place given without coordinates."""
    lat: float | None = getattr(place, "lat", None)
    lon: float | None = getattr(place, "lon", None)
    return None if lat is None or lon is None else (lon, lat)


@dataclass(frozen=True)
class _Site:
    place: model.Place
    happening: str  # a HAPPENINGS key, 'events' or 'none'
    status: str
    events: int
    x: float
    y: float
    r: float  # the symbol's radius
    area: float  # a region's radius in px, or 0

    @property
    def box(self) -> Box:
        return (self.x - self.r, self.y - self.r, self.x + self.r, self.y + self.r)


@dataclass
class _Layer:
    """What one frame (the main map or an inset) draws, and the boxes it has taken."""

    frame: Box
    taken: list[Box] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)


# --- symbols ------------------------------------------------------------------------------------


def symbol(happening: str, x: float, y: float, r: float, colour: str, hollow: bool = False) -> str:
    """The shape for what happened: a burst for an attack, a down triangle for a strike, an up triangle for a
    deployment, a square for a handover, a circle otherwise, a small dot when nothing happened in view."""
    fill, stroke, width = ("#ffffff", colour, 2.0) if hollow else (colour, "#ffffff", 1.0)
    if happening == "attack":
        points = [
            (
                x + (r if i % 2 == 0 else r * 0.5) * math.sin(i * math.pi / 8),
                y - (r if i % 2 == 0 else r * 0.5) * math.cos(i * math.pi / 8),
            )
            for i in range(16)
        ]
        return tag("path", d=path_d(points, closed=True), fill=fill, stroke=stroke, stroke_width=width, stroke_linejoin="round")
    if happening in ("strike", "deployment"):
        turn = 1 if happening == "deployment" else -1
        points = [(x, y - turn * r), (x + r * 0.95, y + turn * r * 0.7), (x - r * 0.95, y + turn * r * 0.7)]
        return tag("path", d=path_d(points, closed=True), fill=fill, stroke=stroke, stroke_width=width, stroke_linejoin="round")
    if happening == "handover":
        side = r * 0.85
        return rect((x - side, y - side, x + side, y + side), fill=fill, stroke=stroke, stroke_width=width)
    if happening == "none":  # a plain location dot, so that it never reads as an open 'other events' circle
        dot = tag("circle", cx=x, cy=y, r=r * 0.5, fill=colour, stroke="#ffffff", stroke_width=0.8)
        ring = tag("circle", cx=x, cy=y, r=r * 0.8, fill="none", stroke=colour, stroke_width=1.2) if hollow else ""
        return dot + ring
    return tag("circle", cx=x, cy=y, r=r * 0.85, fill=fill, stroke=stroke, stroke_width=width)


def _site_marker(site: _Site, colour: str, href: Href) -> str:
    shapes = ""
    if site.area:
        shapes += tag(
            "circle",
            cx=site.x,
            cy=site.y,
            r=site.area,
            fill=colour,
            fill_opacity=0.1,
            stroke=colour,
            stroke_width=1.2,
            stroke_dasharray="5 3",
        )
    shapes += symbol(site.happening, site.x, site.y, site.r, colour, hollow=site.place.geo_precision == 2)
    return mark(href, "place", site.place.id, _site_words(site), shapes, css="marker")


def _site_words(site: _Site) -> str:
    status = latest_status(site.place)
    state = (
        f"{model.open_value_words(status.status, model.KNOWN_PLACE_STATUSES)} ({status.date.human()})"
        if status
        else "no status recorded"
    )
    precision = PRECISION_WORDS[site.place.geo_precision] if site.place.geo_precision else "not given"
    return f"{site.place.name}: {state}; location: {precision}; {plural(site.events, 'event')}"


# --- land ---------------------------------------------------------------------------------------


def _land(world: geo.World, project: geo.Projection, focus: str | None, provinces: bool) -> str:
    """Sea, the countries clipped to the frame (the focus country tinted), first-level boundaries, country borders."""
    frame = project.frame
    parts = [rect(frame, fill=SEA)]
    for country in world.countries:
        shape = project.clip(country.shape)
        if shape.is_empty:
            continue
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
    for country in world.countries:
        shape = project.clip(country.shape)
        if not shape.is_empty:
            parts.append(
                tag("path", d=geo.svg_path(shape.boundary), fill="none", stroke=BORDER, stroke_width=0.8, stroke_linejoin="round")
            )
    return "".join(parts)


def _focus_country(world: geo.World, points: Sequence[Point]) -> str | None:
    """The country holding most of the places."""
    counts: Counter[str] = Counter()
    for lon, lat in points:
        spot = shapely.Point(lon, lat)
        for country in world.countries:
            if country.shape.covers(spot):
                counts[country.name] += 1
                break
    return min(counts, key=lambda name: (-counts[name], name)) if counts else None


def _country_labels(world: geo.World, project: geo.Projection, layer: _Layer, focus: str | None) -> str:
    """Country names in capitals at each country's pole of inaccessibility, where they fit inside it and clear of all else."""
    found = []
    for country in world.countries:
        shape = project.clip(country.shape, margin_px=0.0)
        if shape.is_empty or shape.area < 2500:
            continue
        found.append((country.name != focus, -shape.area, country.name, shape))
    parts = []
    inner = grow(layer.frame, -4)
    for _, _, name, shape in sorted(found, key=lambda f: f[:3]):
        words = name.upper()
        size = SMALL
        width = text_width(words, size) + len(words) * 1.5
        biggest = max(shapely.get_parts(shape), key=lambda p: p.area)
        point = polylabel(biggest, tolerance=2.0) if isinstance(biggest, shapely.Polygon) else biggest.centroid
        spots = [(point.x + dx, point.y + dy) for dx, dy in ((0, 0), (0, -14), (0, 14), (-20, 0), (20, 0), (0, -28), (0, 28))]
        for x, y in spots:
            box = (x - width / 2, y - size / 2, x + width / 2, y + size / 2)
            if (
                within(box, inner)
                and biggest.contains(shapely.box(*box))
                and not any(overlaps(grow(box, 3), o) for o in layer.taken)
            ):
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


# --- labels -------------------------------------------------------------------------------------


def _label_sites(sites: Sequence[_Site], layer: _Layer, href: Href, reaches: Sequence[float]) -> list[_Site]:
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
        layer.parts.append(mark(href, "place", site.place.id, _site_words(site), shapes))
    return failed


# --- the picture --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Sizes:
    """How big the parts are at this width."""

    width: float
    inset: Point
    far: Point
    locator: Point
    max_aspect: float


def _sizes(width: float) -> _Sizes:
    if width >= 600:
        return _Sizes(width, (220.0, 190.0), (190.0, 120.0), (150.0, 96.0), 0.78)
    return _Sizes(width, (170.0, 150.0), (176.0, 104.0), (110.0, 72.0), 1.15)


def map_svg(
    places: Sequence[model.Place],
    events: Sequence[model.Event],
    *,
    world: geo.World,
    href: Href,
    id_prefix: str,
    width: float = WIDE,
    as_of: str | None = None,
) -> str:
    """Places on the world outlines around them: named beside their symbols, with a locator, insets for a crowded
    spot and for far places, a legend below; places without coordinates are listed, not drawn."""
    title = "Map of places" + (f" as of {as_of}" if as_of else "")
    located = [(p, c) for p in places if (c := coordinates(p)) is not None]
    unlocated = sorted((p for p in places if coordinates(p) is None), key=lambda p: p.name)
    if not located:
        message = "No places with coordinates" + (": " + ", ".join(p.name for p in unlocated) if unlocated else "")
        return notice(id_prefix, width, title, message)
    counts: dict[str, int] = defaultdict(int)
    kinds: dict[str, set[str]] = defaultdict(set)
    for event in events:
        if event.place:
            counts[event.place] += 1
            kinds[event.place].add(event.type)
    statuses = sorted({s.status for p in places if (s := latest_status(p))})
    sizes = _sizes(width)

    def happening(place_id: str) -> str:
        return next((h for h in HAPPENINGS if h in kinds[place_id]), "events" if counts[place_id] else "none")

    def site_at(place: model.Place, project: geo.Projection) -> _Site:
        lon, lat = coordinates(place) or (0.0, 0.0)
        x, y = project(lon, lat)
        r = 6.0 + 1.6 * math.sqrt(min(counts[place.id], 16))
        area = min(max(REGION_KM * project.px_per_km(), 9.0), 60.0) if place.geo_precision == 3 else 0.0
        status = latest_status(place)
        return _Site(place, happening(place.id), status.status if status else "", counts[place.id], x, y, r, area)

    def colour(site: _Site) -> str:
        return status_colour(site.status, statuses)

    near_ids, far_ids = geo.split_far([(p.id, c) for p, c in located])
    near = [(p, c) for p, c in located if p.id in near_ids]
    far = [(p, c) for p, c in located if p.id in far_ids]
    extent = geo.extent_of([c for _, c in near], aspect=(0.55, sizes.max_aspect))
    top = 8.0
    head = [
        text(0.0, top + 12, title, font_size=SMALL + 3, font_weight=700),
    ]
    top += 22
    map_h = min(max(geo.Projection.height_for(extent, width), width * 0.5), width * sizes.max_aspect)
    frame: Box = (0.5, top, width - 0.5, top + map_h)
    project = geo.Projection.fit(extent, frame)
    focus = _focus_country(world, [c for _, c in near])
    far_km = max(project.extent.km())
    provinces = far_km < 2500
    clip_id = f"{id_prefix}-clip"
    defs = [tag("clipPath", rect(frame), id=clip_id)]
    main = _Layer(frame)
    sites = [site_at(p, project) for p, _ in near]
    main.taken.extend(s.box for s in sites)

    # corners for the boxes drawn over the map: a crowded spot enlarged, far places, the locator
    corners_taken: list[Box] = []
    spread = [s.box for s in sites]

    def corner(size: Point, avoid: Sequence[Box]) -> Box | None:
        w, h = size
        pad = 6.0
        options = [
            (frame[2] - pad - w, frame[1] + pad),
            (frame[0] + pad, frame[1] + pad),
            (frame[0] + pad, frame[3] - pad - h),
            (frame[2] - pad - w, frame[3] - pad - h - 24),
        ]
        for x, y in options:
            box = (x, y, x + w, y + h)
            if not any(overlaps(grow(box, 4), other) for other in [*avoid, *corners_taken]):
                corners_taken.append(box)
                return box
        return None

    overlay: list[str] = []
    below: list[tuple[Point, str]] = []  # boxes that found no corner: drawn in a row under the map

    # 1. names beside symbols; a crowd of touching symbols, or one that leaves names unplaced, gets an enlarged inset
    labelled = list(sites)
    enlarged: list[_Site] = []
    inset_unplaced: list[_Site] = []
    for number in range(3):
        trial = _Layer(frame, list(main.taken))
        failed = _label_sites(labelled, trial, href, (0.0, 5.0, 12.0, 22.0))
        crowd = _crowd(labelled, failed)
        if not crowd:
            break
        labelled = [s for s in labelled if s not in crowd]
        enlarged.extend(crowd)
        main.taken = [b for b in main.taken if b not in [s.box for s in crowd]]
        _crowd_inset(
            crowd,
            number,
            main,
            corner,
            below,
            overlay,
            defs,
            spread,
            sizes,
            world,
            site_at,
            colour,
            href,
            id_prefix,
            focus,
            inset_unplaced,
        )
    far_boxes = []
    for place, (lon, lat) in far:
        box = corner(sizes.far, spread)
        far_boxes.append((place, lon, lat, box))
        if box is not None:
            main.taken.append(box)
    locator_box = corner(sizes.locator, spread)
    if locator_box is not None:
        main.taken.append(locator_box)
    scale = _scale_bar(project, frame, main.taken)
    main.taken.append(scale[1])
    unplaced = inset_unplaced + _label_sites(labelled, main, href, (0.0, 5.0, 12.0, 22.0, 36.0, 54.0, 80.0))
    countries = _country_labels(world, project, main, focus)

    for place, lon, lat, box in far_boxes:
        where = _bearing(extent.middle, (lon, lat))
        drawing = _inset(
            crowd_places=[place],
            lon_lat=[(lon, lat)],
            name=f"{where} away",
            box=box or (0.0, 0.0, *sizes.far),
            world=world,
            site_at=site_at,
            colour=colour,
            href=href,
            clip_id=f"{id_prefix}-far-{place.id}",
            focus=None,
            min_km=500.0,
        )
        defs.append(drawing[1])
        unplaced.extend(drawing[2])
        if box is not None:
            overlay.append(drawing[0])
        else:
            below.append((sizes.far, drawing[0]))
    locator = _locator(world, project.extent, locator_box or (0.0, 0.0, *sizes.locator), f"{id_prefix}-loc")
    defs.append(locator[1])
    if locator_box is not None:
        overlay.append(locator[0])
    else:
        below.append((sizes.locator, locator[0]))

    body = [
        tag("defs", "".join(defs)),
        tag("g", _land(world, project, focus, provinces) + countries, clip_path=f"url(#{clip_id})"),
    ]
    for site in sorted(sites, key=lambda s: (-s.area, -s.r, s.place.id)):
        if site not in enlarged:  # the inset draws those; the dashed box on the map stands for them
            body.append(_site_marker(site, colour(site), href))
    body.extend(main.parts)
    body.append(scale[0])
    body.extend(overlay)
    body.append(rect(frame, fill="none", stroke="#8a8a8a", stroke_width=0.8))
    y = frame[3] + 6
    # boxes without a corner, in a row (or rows) under the map
    x = 0.5
    row_h = 0.0
    for (w, h), below_drawing in below:
        if x + w > width:
            x, y = 0.5, y + row_h + 6
            row_h = 0.0
        body.append(tag("g", below_drawing, transform=f"translate({x:.1f} {y:.1f})"))
        x += w + 8
        row_h = max(row_h, h)
    y += row_h + (6 if below else 0)
    credit = f"{CREDIT}. Equirectangular projection."
    for line in wrap(credit, width, SMALL):
        y += SMALL * 1.25
        body.append(text(0.0, y, line, font_size=SMALL, fill=MUTED))
    y += 8
    legend, y = _legend(sites + [site_at(p, project) for p, _ in far], statuses, width, y)
    body.append(legend)
    notes = []
    if unlocated:
        notes.append("Not on the map (no coordinates): " + ", ".join(p.name for p in unlocated) + ".")
    if unplaced:
        notes.append("Names left off for want of room: " + ", ".join(s.place.name for s in unplaced) + ".")
    for note in notes:
        for line in wrap(note, width, SMALL + 1, max_lines=6):
            y += (SMALL + 1) * 1.3
            body.append(text(0.0, y, line, font_size=SMALL + 1))
    listing = "; ".join(_site_words(s) for s in sorted(sites, key=lambda s: s.place.name))
    far_words = "".join(
        f" {p.name} lies far from the rest and is shown in its own inset ({_bearing(extent.middle, c)})." for p, c in far
    )
    desc = (
        f"Map of {plural(len(located), 'place')}{' around ' + focus if focus else ''}, each named beside its symbol. "
        "The symbol shows what happened there (a burst an attack, a down triangle a strike, an up triangle a deployment, a square "
        "a handover, a circle other events, an open circle none in view); its colour the latest status; its size the number of events. "
        f"A dashed circle marks a place known only to its region.{far_words} {CREDIT}. Places: {listing}."
        + (" " + " ".join(notes) if notes else "")
    )
    return svg(id_prefix, width, y + 8, title, desc, "".join(head) + "".join(body))


def _crowd_inset(
    crowd: Sequence[_Site],
    number: int,
    main: _Layer,
    corner: Callable[[Point, Sequence[Box]], Box | None],
    below: list[tuple[Point, str]],
    overlay: list[str],
    defs: list[str],
    spread: Sequence[Box],
    sizes: _Sizes,
    world: geo.World,
    site_at: Callable[[model.Place, geo.Projection], _Site],
    colour: Callable[[_Site], str],
    href: Href,
    id_prefix: str,
    focus: str | None,
    unplaced: list[_Site],
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

    def draw(box: Box) -> tuple[str, str, list[_Site]]:
        return _inset(
            crowd_places=[s.place for s in crowd],
            lon_lat=lon_lat,
            name=name + " (enlarged)",
            box=box,
            world=world,
            site_at=site_at,
            colour=colour,
            href=href,
            clip_id=f"{id_prefix}-inset{number}",
            focus=focus,
            min_km=6.0,
        )

    # the usual size, or a larger one when a name has no room in it (below the map, at the full width if need be)
    size = sizes.inset
    for larger in ((sizes.inset[0] * 1.35, sizes.inset[1] * 1.25), (sizes.width - 1.0, sizes.inset[1] * 1.5)):
        if not draw((0.0, 0.0, *size))[2]:
            break
        size = (min(larger[0], sizes.width - 1.0), larger[1])
    box = corner(size, [*spread, area_px])
    drawing, clip, failed = draw(box or (0.0, 0.0, *size))
    defs.append(clip)
    unplaced.extend(failed)
    if box is not None:
        overlay.append(drawing)
        main.taken.append(box)
    else:
        below.append((size, drawing))
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


def _crowd(points: Sequence[_Site], failed: Sequence[_Site]) -> list[_Site]:
    """The largest group of symbols that touch, with the sites near any name left unplaced: what an inset enlarges."""
    group = list(range(len(points)))

    def root(i: int) -> int:
        while group[i] != i:
            i = group[i]
        return i

    for i, a in enumerate(points):
        for j in range(i + 1, len(points)):
            b = points[j]
            near_failed = a in failed or b in failed
            if math.dist((a.x, a.y), (b.x, b.y)) < a.r + b.r + (24 if near_failed else 3):
                group[root(j)] = root(i)
    members: dict[int, list[_Site]] = defaultdict(list)
    for i, site in enumerate(points):
        members[root(i)].append(site)
    best = max(members.values(), key=lambda m: (len(m), -min(s.y for s in m)), default=[])
    return best if len(best) >= 2 else []


def _bearing(origin: Point, target: Point) -> str:
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


def _inset(
    *,
    crowd_places: Sequence[model.Place],
    lon_lat: Sequence[Point],
    name: str,
    box: Box,
    world: geo.World,
    site_at: Callable[[model.Place, geo.Projection], _Site],
    colour: Callable[[_Site], str],
    href: Href,
    clip_id: str,
    focus: str | None,
    min_km: float,
) -> tuple[str, str, list[_Site]]:
    """An enlarged (or distant) view in `box`: a heading, the land, the places named; its drawing and its clip path."""
    head_h = SMALL * 1.5
    view = (box[0], box[1] + head_h, box[2], box[3])
    extent = geo.extent_of(list(lon_lat), aspect=(0.3, 3.0), min_km=min_km)
    project = geo.Projection.fit(extent, view)
    sites = [replace(s, r=s.r * 0.75) for s in (site_at(p, project) for p in crowd_places)]
    layer = _Layer(view, [s.box for s in sites])
    failed = _label_sites(sites, layer, href, (0.0, 4.0, 10.0, 18.0, 28.0, 40.0, 56.0))
    heading_lines = wrap(name, box[2] - box[0] - 8, SMALL, max_lines=1, bold=True)
    drawing = (
        rect(box, fill="#ffffff")
        # a region's dashed circle can reach past the inset: it is clipped to it, as the land is
        + tag(
            "g",
            _land(world, project, focus, max(extent.km()) < 2500) + "".join(_site_marker(s, colour(s), href) for s in sites),
            clip_path=f"url(#{clip_id})",
        )
        + "".join(layer.parts)
        + text(box[0] + 4, box[1] + SMALL * 1.15, heading_lines[0], font_size=SMALL, font_weight=700, class_="label")
        + rect(box, fill="none", stroke="#6a6a6a", stroke_width=1.0)
        + tag("line", x1=box[0], y1=view[1], x2=box[2], y2=view[1], stroke="#8a8a8a", stroke_width=0.8)
    )
    return drawing, tag("clipPath", rect(view), id=clip_id), failed


def _locator(world: geo.World, extent: geo.Extent, box: Box, clip_id: str) -> tuple[str, str]:
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
    tolerance = (project.extent.east - project.extent.west) / (box[2] - box[0]) * 1.2
    land = []
    for country in world.countries:
        shape = project.clip(country.shape.simplify(tolerance))
        if not shape.is_empty:
            land.append(geo.svg_path(shape))
    x0, y0 = project(extent.west, extent.north)
    x1, y1 = project(extent.east, extent.south)
    if x1 - x0 < 6:
        x0, x1 = (x0 + x1) / 2 - 3, (x0 + x1) / 2 + 3
    if y1 - y0 < 6:
        y0, y1 = (y0 + y1) / 2 - 3, (y0 + y1) / 2 + 3
    drawing = (
        tag(
            "g",
            rect(box, fill=SEA) + tag("path", d=" ".join(land), fill=LAND, stroke=BORDER, stroke_width=0.4, fill_rule="evenodd"),
            clip_path=f"url(#{clip_id})",
        )
        + rect((x0, y0, x1, y1), fill="none", stroke="#C0392B", stroke_width=1.6)
        + rect(box, fill="none", stroke="#6a6a6a", stroke_width=1.0)
    )
    return tag("g", drawing, class_="locator"), tag("clipPath", rect(box), id=clip_id)


def _scale_bar(project: geo.Projection, frame: Box, taken: Sequence[Box]) -> tuple[str, Box]:
    """A bar of a round number of kilometres, about 70 px, in a free lower corner."""
    per_km = project.px_per_km()
    steps = (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000)
    km = next((k for k in steps if k * per_km >= 60), steps[-1])
    length = km * per_km
    for right in (frame[2] - 10, frame[0] + 16 + length):
        left, base = right - length, frame[3] - 8
        box = (left - 6, base - 18, right + 6, base + 3)
        if not any(overlaps(box, other) for other in taken):
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


def _legend(sites: Sequence[_Site], statuses: Sequence[str], width: float, y: float) -> tuple[str, float]:
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
