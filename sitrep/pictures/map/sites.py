"""What the map draws for a place: its latest status and colour, its symbol, its words."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Final

from ... import model
from ...problems import plural
from ..svg import Box, Boxes, Href, Point, mark, rect, tag
from ..svg import path as path_d

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
class Site:
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
class Layer:
    """What one frame (the main map or an inset) draws, and the boxes it has taken."""

    frame: Box
    taken: Boxes = field(default_factory=Boxes)
    parts: list[str] = field(default_factory=list)


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


def site_marker(site: Site, colour: str, href: Href) -> str:
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
    return mark(href, "place", site.place.id, site_words(site), shapes, css="marker")


def site_words(site: Site) -> str:
    status = latest_status(site.place)
    state = (
        f"{model.open_value_words(status.status, model.KNOWN_PLACE_STATUSES)} ({status.date.human()})"
        if status
        else "no status recorded"
    )
    precision = PRECISION_WORDS[site.place.geo_precision] if site.place.geo_precision else "not given"
    return f"{site.place.name}: {state}; location: {precision}; {plural(site.events, 'event')}"
