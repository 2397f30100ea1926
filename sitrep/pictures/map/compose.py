"""The situation map as a whole: the frame and projection around the places, then land, symbols, labels, insets, legend."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from typing import Final

from ... import model
from ...problems import plural
from .. import geo
from ..svg import MUTED, SMALL, WIDE, Box, Href, Point, grow, notice, overlaps, rect, svg, tag, text, wrap
from .insets import Extras, MapStyle, bearing, draw_inset, draw_locator, enlarge_crowd, find_crowd, sizes_for
from .labels import label_countries, label_sites
from .land import draw_land, focus_country
from .legend import draw_legend, scale_bar
from .sites import HAPPENINGS, Layer, Site, coordinates, latest_status, site_marker, site_words, status_colour

REGION_KM: Final = 55.0
CREDIT: Final = "Outlines: Natural Earth 1:50m and 1:10m, public domain"


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
    sizes = sizes_for(width)

    def happening(place_id: str) -> str:
        return next((h for h in HAPPENINGS if h in kinds[place_id]), "events" if counts[place_id] else "none")

    def site_at(place: model.Place, project: geo.Projection) -> Site:
        lon, lat = coordinates(place) or (0.0, 0.0)
        x, y = project(lon, lat)
        r = 6.0 + 1.6 * math.sqrt(min(counts[place.id], 16))
        area = min(max(REGION_KM * project.px_per_km(), 9.0), 60.0) if place.geo_precision == 3 else 0.0
        status = latest_status(place)
        return Site(place, happening(place.id), status.status if status else "", counts[place.id], x, y, r, area)

    def colour(site: Site) -> str:
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
    focus = focus_country(world, [c for _, c in near])
    far_km = max(project.extent.km())
    provinces = far_km < 2500
    clip_id = f"{id_prefix}-clip"
    style = MapStyle(world, site_at, colour, href, id_prefix, focus)
    extras = Extras(defs=[tag("clipPath", rect(frame), id=clip_id)])
    main = Layer(frame)
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

    # 1. names beside symbols; a crowd of touching symbols, or one that leaves names unplaced, gets an enlarged inset
    labelled = list(sites)
    enlarged: list[Site] = []
    for number in range(3):
        trial = Layer(frame, main.taken.copy())
        failed = label_sites(labelled, trial, href, (0.0, 5.0, 12.0, 22.0))
        crowd = find_crowd(labelled, failed)
        if not crowd:
            break
        crowded = {s.place.id for s in crowd}  # a set of ids, not `in` over sites: that compares whole places
        labelled = [s for s in labelled if s.place.id not in crowded]
        enlarged.extend(crowd)
        main.taken = main.taken.without([s.box for s in crowd])
        enlarge_crowd(crowd, number, main, corner, spread, sizes, style, extras)
    far_boxes = []
    for place, (lon, lat) in far:
        box = corner(sizes.far, spread)
        far_boxes.append((place, lon, lat, box))
        if box is not None:
            main.taken.append(box)
    locator_box = corner(sizes.locator, spread)
    if locator_box is not None:
        main.taken.append(locator_box)
    scale = scale_bar(project, frame, main.taken)
    main.taken.append(scale[1])
    extras.unplaced.extend(label_sites(labelled, main, href, (0.0, 5.0, 12.0, 22.0, 36.0, 54.0, 80.0)))
    countries = label_countries(world, project, main, focus)

    for place, lon, lat, box in far_boxes:
        where = bearing(extent.middle, (lon, lat))
        drawing = draw_inset(
            crowd_places=[place],
            lon_lat=[(lon, lat)],
            name=f"{where} away",
            box=box or (0.0, 0.0, *sizes.far),
            style=replace(style, focus=None),  # a far place is not in the focus country
            clip_id=f"{id_prefix}-far-{place.id}",
            min_km=500.0,
        )
        extras.place(box, sizes.far, *drawing)
    locator = draw_locator(world, project.extent, locator_box or (0.0, 0.0, *sizes.locator), f"{id_prefix}-loc")
    extras.place(locator_box, sizes.locator, *locator, ())

    body = [
        tag("defs", "".join(extras.defs)),
        tag("g", draw_land(world, project, focus, provinces) + countries, clip_path=f"url(#{clip_id})"),
    ]
    enlarged_ids = {s.place.id for s in enlarged}
    for site in sorted(sites, key=lambda s: (-s.area, -s.r, s.place.id)):
        if site.place.id not in enlarged_ids:  # the inset draws those; the dashed box on the map stands for them
            body.append(site_marker(site, colour(site), href))
    body.extend(main.parts)
    body.append(scale[0])
    body.extend(extras.overlay)
    body.append(rect(frame, fill="none", stroke="#8a8a8a", stroke_width=0.8))
    y = frame[3] + 6
    # boxes without a corner, in a row (or rows) under the map
    x = 0.5
    row_h = 0.0
    for (w, h), below_drawing in extras.below:
        if x + w > width:
            x, y = 0.5, y + row_h + 6
            row_h = 0.0
        body.append(tag("g", below_drawing, transform=f"translate({x:.1f} {y:.1f})"))
        x += w + 8
        row_h = max(row_h, h)
    y += row_h + (6 if extras.below else 0)
    credit = f"{CREDIT}. Equirectangular projection."
    for line in wrap(credit, width, SMALL):
        y += SMALL * 1.25
        body.append(text(0.0, y, line, font_size=SMALL, fill=MUTED))
    y += 8
    legend, y = draw_legend(sites + [site_at(p, project) for p, _ in far], statuses, width, y)
    body.append(legend)
    notes = []
    if unlocated:
        notes.append("Not on the map (no coordinates): " + ", ".join(p.name for p in unlocated) + ".")
    if extras.unplaced:
        notes.append("Names left off for want of room: " + ", ".join(s.place.name for s in extras.unplaced) + ".")
    for note in notes:
        for line in wrap(note, width, SMALL + 1, max_lines=6):
            y += (SMALL + 1) * 1.3
            body.append(text(0.0, y, line, font_size=SMALL + 1))
    listing = "; ".join(site_words(s) for s in sorted(sites, key=lambda s: s.place.name))
    far_words = "".join(
        f" {p.name} lies far from the rest and is shown in its own inset ({bearing(extent.middle, c)})." for p, c in far
    )
    desc = (
        f"Map of {plural(len(located), 'place')}{' around ' + focus if focus else ''}, each named beside its symbol. "
        "The symbol shows what happened there (a burst an attack, a down triangle a strike, an up triangle a deployment, a square "
        "a handover, a circle other events, an open circle none in view); its colour the latest status; its size the number of events. "
        f"A dashed circle marks a place known only to its region.{far_words} {CREDIT}. Places: {listing}."
        + (" " + " ".join(notes) if notes else "")
    )
    return svg(id_prefix, width, y + 8, title, desc, "".join(head) + "".join(body))
