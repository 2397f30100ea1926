"""Pictures: static, deterministic SVG (timeline, map, actor relations) for the HTML pages and the PDFs."""

from __future__ import annotations

import datetime as dt
import html
import itertools
import json
import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Final, get_args

from . import model
from .problems import plural

Href = Callable[[str, str], str | None]
Box = tuple[float, float, float, float]  # left, top, right, bottom
Point = tuple[float, float]

WIDTH: Final = 720  # every picture's viewBox width: about a printed column at 9-10 pt text
FONT: Final = "'DejaVu Sans', sans-serif"
INK: Final = "#222222"
MUTED: Final = "#5f5f5f"
RULE: Final = "#c8c8c8"
CHAR_EM: Final = 0.6  # DejaVu Sans: average advance of mixed-case text, in em

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


# --- SVG writing ------------------------------------------------------------------------------


def _num(value: float) -> str:
    """One decimal, never '-0.0': the same number always prints the same way."""
    text = f"{value:.1f}"
    return "0.0" if text == "-0.0" else text


def _tag(name: str, content: str | None = None, **attrs: str | float | None) -> str:
    """An element; attribute names take '-' for '_', values are escaped, None leaves one out."""
    parts = [name]
    for key, value in attrs.items():
        if value is None:
            continue
        text = _num(value) if isinstance(value, float) else str(value)
        parts.append(f'{key.rstrip("_").replace("_", "-")}="{html.escape(text, quote=True)}"')
    head = " ".join(parts)
    return f"<{head}/>" if content is None else f"<{head}>{content}</{name}>"


def _text(x: float, y: float, words: str, **attrs: str | float | None) -> str:
    return _tag("text", html.escape(words, quote=False), x=x, y=y, **attrs)


def _mark(href: Href, kind: str, item_id: str, tooltip: str, shapes: str) -> str:
    """Shapes with a hover title, linked to the item's page when it has one."""
    content = _tag("title", html.escape(tooltip, quote=False)) + shapes
    link = href(kind, item_id)
    return _tag("a", content, href=link) if link else _tag("g", content)


def _svg(id_prefix: str, height: float, title: str, desc: str, body: str) -> str:
    """The outer element: labelled by its own title and description, as wide as its container."""
    title_id, desc_id = f"{id_prefix}-title", f"{id_prefix}-desc"
    inner = (
        _tag("title", html.escape(title, quote=False), id=title_id)
        + _tag("desc", html.escape(desc, quote=False), id=desc_id)
        + body
    )
    return _tag(
        "svg",
        inner,
        xmlns="http://www.w3.org/2000/svg",
        # an image, unless it holds links: an img role would hide them (WCAG: no nested interactive controls)
        role="group" if "<a " in body else "img",
        aria_labelledby=f"{title_id} {desc_id}",
        viewBox=f"0 0 {WIDTH} {_num(height)}",
        width="100%",
        font_family=FONT,
        font_size=11,
        fill=INK,
    )


def _notice(id_prefix: str, title: str, message: str) -> str:
    """A small picture that says there is nothing to draw."""
    body = _tag("rect", x=0.5, y=0.5, width=WIDTH - 1.0, height=47.0, fill="#f7f7f7", stroke=RULE)
    body += _text(WIDTH / 2, 28.0, message, text_anchor="middle", fill=MUTED, font_size=12)
    return _svg(id_prefix, 48.0, title, message + ".", body)


def _wrap(words: str, width: float, size: float, max_lines: int = 3) -> list[str]:
    """Break text into lines that fit `width` at font `size`; the last line ends in '…' if cut."""
    room = max(4, int(width / (size * CHAR_EM)))
    lines: list[str] = []
    for word in words.split():
        if lines and len(lines[-1]) + 1 + len(word) <= room:
            lines[-1] += " " + word
        else:
            lines.append(word)
    lines = [line if len(line) <= room else line[: room - 1] + "…" for line in lines]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: room - 1].rstrip() + "…"
    return lines


def _text_width(words: str, size: float) -> float:
    return len(words) * size * CHAR_EM


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


# --- timeline ---------------------------------------------------------------------------------

_LABEL_W: Final = 118.0  # lane labels
_PLOT_RIGHT: Final = WIDTH - 34.0  # room for the last tick label
_STUB_W: Final = 44.0  # outliers far from the rest, drawn apart and off the scale
_STUB_GAP: Final = 28.0
_ROW_H: Final = 12.0
_LANE_PAD: Final = 7.0
_DOT_R: Final = 4.0
_MAX_ROWS: Final = 12  # a lane stacks overlapping marks up to this, then lets them overlap
_MONTH_STEPS: Final = (1, 2, 3, 6, 12, 24, 60, 120, 240, 600)


@dataclass(frozen=True)
class _Span:
    event: model.Event
    first: dt.date
    last: dt.date
    bar: bool  # drawn from its earliest to its latest day; a dot otherwise


def _span(event: model.Event) -> _Span:
    end = event.date_end or event.date
    last = max(event.date.latest, end.latest)
    dot = event.date.precision == "day" and last == event.date.earliest
    return _Span(event, event.date.earliest, last, not dot)


def _month_start(day: dt.date, months_on: int = 0) -> dt.date:
    index = day.year * 12 + day.month - 1 + months_on
    return dt.date(index // 12, index % 12 + 1, 1)


def _outliers(spans: Sequence[_Span]) -> tuple[list[_Span], list[_Span], list[_Span]]:
    """Split off the events beyond a gap of half the whole range (and six months or more): earlier, main, later.

    One early background event would otherwise squeeze the period that matters into a sliver.
    """
    ordered = sorted(spans, key=lambda s: (s.first, s.last, s.event.id))
    reach, best_gap, split = ordered[0].last, 0, 0
    for index, span in enumerate(ordered[1:], start=1):
        gap = (span.first - reach).days
        if gap > best_gap:
            best_gap, split = gap, index
        reach = max(reach, span.last)
    whole = (max(s.last for s in ordered) - ordered[0].first).days
    if best_gap < 183 or best_gap < whole / 2:
        return [], ordered, []
    before, after = ordered[:split], ordered[split:]
    return (before, after, []) if len(before) <= len(after) else ([], before, after)


def _stack(extents: Sequence[tuple[float, float]]) -> list[int]:
    """A row for each (left, right) extent, in order, so marks in a row do not touch: first fit, capped."""
    ends: list[float] = []
    rows: list[int] = []
    for left, right in extents:
        row = next((i for i, end in enumerate(ends) if end + 1.5 <= left), -1)
        if row < 0:
            if len(ends) < _MAX_ROWS:
                ends.append(right)
                rows.append(len(ends) - 1)
                continue
            row = min(range(len(ends)), key=lambda i: ends[i])
        ends[row] = max(ends[row], right)
        rows.append(row)
    return rows


@dataclass(frozen=True)
class _Scale:
    """Linear time from the first of `start`'s month to `end` (exclusive) over `left`..`right`."""

    start: dt.date
    end: dt.date
    left: float
    right: float

    def x(self, day: dt.date) -> float:
        return self.left + (day - self.start).days * (self.right - self.left) / (self.end - self.start).days

    def extent(self, span: _Span) -> tuple[float, float]:
        left, right = max(self.x(span.first), self.left), min(self.x(span.last + dt.timedelta(days=1)), self.right)
        if span.bar:
            return left, max(right, left + 1.5)
        middle = (left + right) / 2
        return middle - _DOT_R, middle + _DOT_R


def _stub_extents(spans: Sequence[_Span], left: float) -> dict[str, tuple[float, float]]:
    """Off-scale places for outliers: spread evenly in date order; bars get a token length."""
    places = {}
    for index, span in enumerate(spans):
        middle = left + (index + 0.5) * _STUB_W / len(spans)
        half = 6.0 if span.bar else _DOT_R
        places[span.event.id] = (middle - half, middle + half)
    return places


def timeline_svg(
    events: Sequence[model.Event],
    *,
    href: Href,
    id_prefix: str,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> str:
    """Events on a time axis, one lane per event type: dots for dated days, bars for a month, a year or a spell.

    Without `start` and `end`, a few events far from the rest (background history) are drawn apart, off the scale.
    """
    spans = [_span(event) for event in events]
    low = start or min((s.first for s in spans), default=dt.date.min)
    high = end or max((s.last for s in spans), default=dt.date.min)
    spans = [s for s in spans if s.last >= low and s.first <= high]
    if not spans:
        return _notice(id_prefix, "Timeline of events", "No events in this period")

    earlier, main, later = _outliers(spans) if start is None and end is None else ([], spans, [])
    left = _LABEL_W + (_STUB_W + _STUB_GAP if earlier else 0.0)
    right = _PLOT_RIGHT - (_STUB_W + _STUB_GAP if later else 0.0)
    first_day = low if start else min(s.first for s in main)
    last_day = high if end else max(s.last for s in main)
    scale = _Scale(_month_start(first_day), _month_start(last_day, 1), left, right)
    extents = {span.event.id: scale.extent(span) for span in main}
    extents.update(_stub_extents(earlier, _LABEL_W))
    extents.update(_stub_extents(later, _PLOT_RIGHT - _STUB_W))

    lanes: dict[str, list[_Span]] = defaultdict(list)
    for span in sorted(spans, key=lambda s: (extents[s.event.id], s.event.id)):
        lanes[span.event.type].append(span)
    types = [kind for kind in get_args(model.EventType) if kind in lanes]

    body: list[str] = []
    marks: list[str] = []
    top = 10.0
    for index, kind in enumerate(types):
        colour = EVENT_COLOURS[kind]
        rows = _stack([extents[s.event.id] for s in lanes[kind]])
        lane_h = max((max(rows) + 1) * _ROW_H + 2 * _LANE_PAD, 26.0)
        if index % 2 == 0:  # zebra bands keep a lane's marks with its label
            body.append(_tag("rect", x=0.0, y=top, width=_PLOT_RIGHT, height=lane_h, fill="#f4f4f4"))
        label_y = top + lane_h / 2 + 4
        body.append(_text(8.0, label_y, kind.capitalize(), font_weight=700, fill=INK))
        body.append(_text(_LABEL_W - 10, label_y, f"{len(lanes[kind]):,}", text_anchor="end", fill=MUTED, font_size=10))
        first_row_y = top + lane_h / 2 - max(rows) * _ROW_H / 2
        for span, row in zip(lanes[kind], rows, strict=True):
            x0, x1 = extents[span.event.id]
            y = first_row_y + row * _ROW_H
            event = span.event
            when = event.date.human() + (f" – {event.date_end.human()}" if event.date_end else "")
            if span.bar:
                shape = _bar(x0, y, x1 - x0, colour)
            else:
                shape = _tag("circle", cx=(x0 + x1) / 2, cy=y, r=_DOT_R, fill=colour, stroke="#ffffff", stroke_width=0.8)
            marks.append(_mark(href, "event", event.id, f"{when}: {event.title} ({kind})", shape))
        top += lane_h

    axis = _axis(scale, 10.0, top)
    for stub, stub_left, break_x in (
        (earlier, _LABEL_W, left - _STUB_GAP / 2),
        (later, _PLOT_RIGHT - _STUB_W, right + _STUB_GAP / 2),
    ):
        if stub:
            axis += _stub_axis(stub, stub_left, break_x, 10.0, top)
    key_y = top + 42
    key = (
        _tag("circle", cx=_LABEL_W + 4, cy=key_y - 4, r=_DOT_R, fill=MUTED)
        + _text(_LABEL_W + 13, key_y, "known to the day", fill=MUTED, font_size=10)
        + _bar(_LABEL_W + 130, key_y - 4, 26.0, MUTED)
        + _text(_LABEL_W + 162, key_y, "known only to the month or year, or lasting several days", fill=MUTED, font_size=10)
    )
    counts = ", ".join(f"{kind} {len(lanes[kind]):,}" for kind in types)
    bars = sum(s.bar for s in spans)
    apart = "".join(
        f" {plural(len(stub), 'event')} {side} ({_years(stub)}) {'is' if len(stub) == 1 else 'are'} drawn apart"
        f" at the {edge}, off the scale."
        for stub, side, edge in ((earlier, "long before the rest", "left"), (later, "long after the rest", "right"))
        if stub
    )
    desc = (
        f"Timeline of {plural(len(spans), 'event')}, one lane per event type ({counts}), on a scale from "
        f"{scale.start:%B %Y} to {_month_start(scale.end, -1):%B %Y}.{apart} Dots mark events known to the day. "
        f"Bars mark events known only to the month or year, or lasting several days, drawn from their earliest "
        f"to their latest possible day ({plural(bars, 'bar')})."
    )
    return _svg(id_prefix, key_y + 10, "Timeline of events", desc, "".join(body) + axis + "".join(marks) + key)


def _bar(x: float, y: float, width: float, colour: str) -> str:
    return _tag(
        "rect", x=x, y=y - 3.5, width=width, height=7.0, rx=2.0, fill=colour, fill_opacity=0.4, stroke=colour, stroke_width=1.0
    )


def _years(spans: Sequence[_Span]) -> str:
    first, last = min(s.first.year for s in spans), max(s.last.year for s in spans)
    return str(first) if first == last else f"{first}–{last}"


def _axis(scale: _Scale, top: float, bottom: float) -> str:
    """Month ticks under the lanes; labels ('Dec 2019', or the year alone) as often as they fit."""
    months = (scale.end.year - scale.start.year) * 12 + scale.end.month - scale.start.month
    per_month = (scale.right - scale.left) / months
    # room for 'Dec 2019' per label; a year alone needs less
    step = next((s for s in _MONTH_STEPS if per_month * s >= (62 if s < 12 else 40)), _MONTH_STEPS[-1])
    parts = [_tag("line", x1=scale.left, y1=bottom, x2=scale.right, y2=bottom, stroke=MUTED, stroke_width=1.0)]
    for offset in range(months + 1):
        month = _month_start(scale.start, offset)
        x = scale.x(month)
        labelled = (month.year * 12 + month.month - 1) % step == 0
        if labelled or month.month == 1:  # a rule at each label, a darker one at each new year
            colour = "#9a9a9a" if month.month == 1 else "#dddddd"
            parts.append(_tag("line", x1=x, y1=top, x2=x, y2=bottom, stroke=colour, stroke_width=0.8))
        if per_month >= 3 or labelled:
            parts.append(_tag("line", x1=x, y1=bottom, x2=x, y2=bottom + (5.0 if labelled else 3.0), stroke=MUTED))
        if labelled:
            words = f"{month:%b %Y}" if step < 12 else f"{month:%Y}"
            parts.append(_text(x, bottom + 17, words, text_anchor="middle", font_size=10))
        if per_month >= 150 and month < scale.end:  # a short range: mark the weeks too
            for day in (8, 15, 22):
                x = scale.x(month.replace(day=day))
                parts.append(_tag("line", x1=x, y1=top, x2=x, y2=bottom, stroke="#eeeeee", stroke_width=0.8))
                parts.append(_tag("line", x1=x, y1=bottom, x2=x, y2=bottom + 3.0, stroke=MUTED))
                parts.append(_text(x, bottom + 15, str(day), text_anchor="middle", font_size=8.5, fill=MUTED))
    return "".join(parts)


def _stub_axis(spans: Sequence[_Span], left: float, break_x: float, top: float, bottom: float) -> str:
    """The outliers' own bit of axis, its years, and a break between it and the scale."""
    return (
        _tag("line", x1=left, y1=bottom, x2=left + _STUB_W, y2=bottom, stroke=MUTED, stroke_width=1.0)
        + _tag("line", x1=break_x, y1=top, x2=break_x, y2=bottom, stroke="#9a9a9a", stroke_width=0.8, stroke_dasharray="3 3")
        + "".join(
            _tag("line", x1=break_x + dx - 3, y1=bottom + 4, x2=break_x + dx + 3, y2=bottom - 4, stroke=MUTED, stroke_width=1.0)
            for dx in (-2.5, 2.5)
        )
        + _text(left + _STUB_W / 2, bottom + 17, _years(spans), text_anchor="middle", font_size=10)
    )


# --- map --------------------------------------------------------------------------------------

DATA: Final = Path(__file__).resolve().parent / "data"
_FOCUS: Final = "IRQ"
_HOME: Final = (38.2, 28.5, 49.2, 38.0)  # west, south, east, north: Iraq with a margin
_LIMIT: Final = (25.0, 12.0, 65.0, 45.0)  # farther places are listed, not drawn
_MAP_W: Final = 474.0
_MARGIN: Final = 8.0
_PANEL_X: Final = _MARGIN + _MAP_W + 16
_REGION_KM: Final = 55.0
_KM_PER_DEGREE: Final = 111.32
_INSET: Final = 170.0  # side of the enlarged view of a crowded spot
_INSET_HEAD: Final = 16.0
_SEA: Final = "#e3edf4"

STATUS_STYLE: Final[Mapping[str, tuple[str, str]]] = MappingProxyType(
    {
        # status: (colour, legend words); handed-over, withdrawn and planned also change the shape
        "hosting-coalition": ("#0072B2", "Hosting coalition forces"),
        "patriot-deployed": ("#0072B2", "Patriot air defence deployed"),
        "attacked": ("#D55E00", "Attacked"),
        "handed-over": ("#8C8C8C", "Handed over"),
        "withdrawn": ("#8C8C8C", "Withdrawn"),
        "planned": ("#CC79A7", "Planned"),
        "other": ("#009E73", "Other status"),
        "": ("#3A3A3A", "No status recorded"),
    }
)
PRECISION_WORDS: Final[Mapping[int, str]] = MappingProxyType({1: "Exact site", 2: "Near a town", 3: "Region only"})


@dataclass(frozen=True)
class Country:
    """One country's outline as shipped: ISO 3166 alpha-3 code, Natural Earth name, polygons."""

    iso: str
    name: str
    polygons: tuple[tuple[tuple[Point, ...], ...], ...]  # each: outer ring, then holes; lon, lat


def countries() -> list[Country]:
    """The shipped Natural Earth outlines (see sitrep/data/README.md)."""
    data = json.loads((DATA / "countries.geojson").read_text(encoding="utf-8"))
    result = []
    for feature in data["features"]:
        geometry = feature["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        result.append(
            Country(
                feature["properties"]["iso_a3"],
                feature["properties"]["name"],
                tuple(tuple(tuple((float(p[0]), float(p[1])) for p in ring) for ring in polygon) for polygon in polygons),
            )
        )
    return result



def _style(status: str) -> tuple[str, str]:
    """Colour and legend words of a status: a known one's own, any other value in the 'other' colour, as written."""
    return STATUS_STYLE.get(status) or (STATUS_STYLE["other"][0], status.replace("-", " ").capitalize())


def _lat(place: model.Place) -> float:
    """A located place's latitude: the map draws only places given with coordinates."""
    assert place.lat is not None
    return place.lat


def _lon(place: model.Place) -> float:
    assert place.lon is not None
    return place.lon


def _geo_precision(place: model.Place) -> int:
    assert place.geo_precision is not None
    return place.geo_precision


def latest_status(place: model.Place) -> model.PlaceStatus | None:
    """The place's most recent status; the first listed wins a tie."""
    return max(place.status, key=lambda s: s.date.sort_key()) if place.status else None


@dataclass(frozen=True)
class _Projection:
    """Equirectangular, longitude scaled by the cosine of the middle latitude: true scale there."""

    west: float
    north: float
    cos_lat: float
    scale: float  # px per degree of latitude
    left: float  # where `west` and `north` meet, in px
    top: float

    @classmethod
    def fit(cls, bounds: tuple[float, float, float, float], box: Box) -> _Projection:
        """The largest projection of `bounds` (west, south, east, north) that fits `box`, centred in it."""
        west, south, east, north = bounds
        cos_lat = math.cos(math.radians((south + north) / 2))
        width, height = box[2] - box[0], box[3] - box[1]
        scale = min(width / ((east - west) * cos_lat), height / (north - south))
        middle_lon, middle_lat = (west + east) / 2, (south + north) / 2
        return cls(middle_lon - width / 2 / (cos_lat * scale), middle_lat + height / 2 / scale, cos_lat, scale, box[0], box[1])

    def __call__(self, lon: float, lat: float) -> Point:
        return (self.left + (lon - self.west) * self.cos_lat * self.scale, self.top + (self.north - lat) * self.scale)

    def px_per_km(self) -> float:
        return self.scale / _KM_PER_DEGREE


@dataclass(frozen=True)
class _Site:
    number: int
    place: model.Place
    status: model.PlaceStatus | None
    events: int
    x: float
    y: float
    r: float

    @property
    def box(self) -> Box:
        return (self.x - self.r, self.y - self.r, self.x + self.r, self.y + self.r)


def _inside(point: Point, rings: Iterable[Sequence[Point]]) -> bool:
    """Even-odd rule over all rings: holes count as outside."""
    x, y = point
    inside = False
    for ring in rings:
        for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False):
            if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
                inside = not inside
    return inside


def _within(box: Box, bounds: Box) -> bool:
    return box[0] >= bounds[0] and box[1] >= bounds[1] and box[2] <= bounds[2] and box[3] <= bounds[3]


def _grow(box: Box, by: float) -> Box:
    return (box[0] - by, box[1] - by, box[2] + by, box[3] + by)


def _clip_ring(ring: Sequence[Point], frame: Box) -> list[Point]:
    """Sutherland-Hodgman: the part of a ring inside the frame (for where to put a label)."""
    points = list(ring)
    for axis, bound, keep_above in ((0, frame[0], True), (0, frame[2], False), (1, frame[1], True), (1, frame[3], False)):
        if not points:
            break

        def within(p: Point, axis: int = axis, bound: float = bound, keep_above: bool = keep_above) -> bool:
            return p[axis] >= bound if keep_above else p[axis] <= bound

        clipped: list[Point] = []
        for current, previous in zip(points, points[-1:] + points[:-1], strict=True):
            if within(current) != within(previous):
                t = (bound - previous[axis]) / (current[axis] - previous[axis])
                clipped.append((previous[0] + t * (current[0] - previous[0]), previous[1] + t * (current[1] - previous[1])))
            if within(current):
                clipped.append(current)
        points = clipped
    return points


def _centroid(rings: Sequence[Sequence[Point]]) -> Point | None:
    """Area-weighted centroid of outer rings."""
    total = cx = cy = 0.0
    for ring in rings:
        for (x1, y1), (x2, y2) in zip(ring, list(ring[1:]) + list(ring[:1]), strict=True):
            cross = x1 * y2 - x2 * y1
            total += cross
            cx += (x1 + x2) * cross
            cy += (y1 + y2) * cross
    return None if abs(total) < 1e-9 else (cx / (3 * total), cy / (3 * total))


def _spiral(step: float, reach: float) -> list[Point]:
    """Offsets on a grid, nearest first (ties by angle): candidate spots around a preferred one."""
    count = int(reach / step)
    offsets = [(i * step, j * step) for i in range(-count, count + 1) for j in range(-count, count + 1)]
    return sorted(offsets, key=lambda o: (round(math.hypot(*o), 3), round(math.atan2(o[1], o[0]), 6)))


def _place_box(size: Point, fits: Callable[[Box], bool], centres: Sequence[Point]) -> Box | None:
    """The first box of `size` centred on one of `centres` that `fits`."""
    width, height = size
    for x, y in centres:
        box = (x - width / 2, y - height / 2, x + width / 2, y + height / 2)
        if fits(box):
            return box
    return None


def _badges(sites: Sequence[_Site], bounds: Box, taken: Sequence[Box]) -> dict[int, Box]:
    """A white numbered badge for each site: touching its marker if free, else farther out on a leader line."""
    blocked = list(taken)
    badges: dict[int, Box] = {}
    directions = ((1, 0), (1, -1), (1, 1), (-1, 0), (-1, -1), (-1, 1), (0, -1), (0, 1))
    for site in sites:
        width, height = 7.0 * len(str(site.number)) + 7, 14.0
        region = _geo_precision(site.place) == 3
        spots: list[Point] = [(site.x, site.y)] if region else []
        for reach in (0.0, 10.0, 20.0, 32.0, 46.0, 62.0, 80.0):
            gap = (0.0 if region else site.r) + 2 + reach
            spots.extend((site.x + ux * (gap + width / 2), site.y + uy * (gap + height / 2)) for ux, uy in directions)
        own = site.box

        def free(box: Box, own: Box = own) -> bool:
            return _within(box, bounds) and not any(_overlaps(box, other) for other in blocked if other != own)

        box = _place_box((width, height), free, spots) or _place_box((width, height), lambda b: True, spots[:1])
        assert box is not None
        badges[site.number] = box
        blocked.append(box)
    return badges


def _marker(colour: str, status: str, precision: int, x: float, y: float, r: float) -> str:
    """A place's symbol: shape from how well it is located, colour and decoration from its status."""
    if precision == 3:
        shape = _tag(
            "circle", cx=x, cy=y, r=r, fill=colour, fill_opacity=0.13, stroke=colour, stroke_width=1.3, stroke_dasharray="5 3"
        )
    elif precision == 2 or status in ("handed-over", "withdrawn", "planned"):
        width = 2.4 if precision == 2 else 1.6
        shape = _tag(
            "circle",
            cx=x,
            cy=y,
            r=r - width / 2,
            fill="#ffffff" if precision == 2 else colour,
            fill_opacity=1.0 if precision == 2 else 0.3,
            stroke=colour,
            stroke_width=width,
            stroke_dasharray="3 2" if status == "planned" else None,
        )
    else:
        shape = _tag("circle", cx=x, cy=y, r=r, fill=colour, stroke="#ffffff", stroke_width=1.0)
    if status in ("handed-over", "withdrawn"):  # struck through, crossed out if withdrawn: no longer a coalition site
        reach = r * (0.75 if precision == 3 else 1.25)
        for turn in (1, -1) if status == "withdrawn" else (1,):
            shape += _tag(
                "line",
                x1=x - reach,
                y1=y + turn * reach,
                x2=x + reach,
                y2=y - turn * reach,
                stroke="#333333",
                stroke_width=1.4,
                stroke_linecap="round",
            )
    if status == "patriot-deployed":  # a small triangle badge, upper right
        bx, by = x + r * 0.85, y - r * 0.85
        shape += _tag(
            "path",
            d=f"M{_num(bx)} {_num(by - 5.5)} L{_num(bx + 5)} {_num(by + 3.5)} L{_num(bx - 5)} {_num(by + 3.5)} Z",
            fill="#ffffff",
            stroke=INK,
            stroke_width=1.2,
            stroke_linejoin="round",
        )
    return shape


def _sites_drawn(sites: Sequence[_Site], badges: Mapping[int, Box], href: Href) -> str:
    """Leader lines, then markers (regions underneath, big before small), then the numbered badges."""
    parts = []
    for site in sites:
        if site.number not in badges:
            continue
        box = badges[site.number]
        centre = ((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)
        if math.hypot(centre[0] - site.x, centre[1] - site.y) > site.r + (box[2] - box[0]) / 2 + 4:
            parts.append(_tag("line", x1=site.x, y1=site.y, x2=centre[0], y2=centre[1], stroke="#555555", stroke_width=0.8))
    for site in sorted(sites, key=lambda s: (_geo_precision(s.place) != 3, -s.r, s.number)):
        status = site.status.status if site.status else ""
        shape = _marker(_style(status)[0], status, _geo_precision(site.place), site.x, site.y, site.r)
        parts.append(_mark(href, "place", site.place.id, _site_words(site), shape))
    for site in sites:
        if site.number not in badges:
            continue
        box = badges[site.number]
        badge = _tag(
            "rect",
            x=box[0],
            y=box[1],
            width=box[2] - box[0],
            height=box[3] - box[1],
            rx=3.0,
            fill="#ffffff",
            stroke="#555555",
            stroke_width=0.8,
        )
        badge += _text((box[0] + box[2]) / 2, box[3] - 3.5, str(site.number), text_anchor="middle", font_size=10, font_weight=700)
        parts.append(_mark(href, "place", site.place.id, _site_words(site), badge))
    return "".join(parts)


def _land(shapes: Sequence[Country], project: _Projection, box: Box, clip_id: str) -> str:
    """Sea, then the countries clipped to `box`, Iraq last so its border lies on top."""
    parts = [_tag("rect", x=box[0], y=box[1], width=box[2] - box[0], height=box[3] - box[1], fill=_SEA)]
    for country in sorted(shapes, key=lambda c: (c.iso == _FOCUS, c.iso)):
        path = " ".join(
            "M" + " L".join(f"{_num(x)} {_num(y)}" for x, y in (project(lon, lat) for lon, lat in ring)) + " Z"
            for polygon in country.polygons
            for ring in polygon
        )
        focus = country.iso == _FOCUS
        parts.append(
            _tag(
                "path",
                d=path,
                fill="#e9e2cf" if focus else "#f6f4ee",
                fill_rule="evenodd",
                stroke="#6f6a5f" if focus else "#a8a396",
                stroke_width=1.3 if focus else 0.7,
                stroke_linejoin="round",
            )
        )
    return "".join(parts)


def _frame(box: Box) -> str:
    return _tag(
        "rect", x=box[0], y=box[1], width=box[2] - box[0], height=box[3] - box[1], fill="none", stroke="#8a8a8a", stroke_width=0.8
    )


def _clip(box: Box, clip_id: str) -> str:
    return _tag("clipPath", _tag("rect", x=box[0], y=box[1], width=box[2] - box[0], height=box[3] - box[1]), id=clip_id)


def _crowd(sites: Sequence[_Site]) -> list[_Site]:
    """The largest group of point markers that touch one another, or none."""
    points = [s for s in sites if _geo_precision(s.place) != 3]
    group = list(range(len(points)))

    def root(i: int) -> int:
        while group[i] != i:
            i = group[i]
        return i

    for i, a in enumerate(points):
        for j in range(i + 1, len(points)):
            b = points[j]
            if math.hypot(a.x - b.x, a.y - b.y) < a.r + b.r + 4:
                group[root(j)] = root(i)
    members: dict[int, list[_Site]] = defaultdict(list)
    for i, site in enumerate(points):
        members[root(i)].append(site)
    best = max(members.values(), key=lambda m: (len(m), -m[0].number), default=[])
    return best if len(best) >= 2 else []


def map_svg(
    places: Sequence[model.Place],
    events: Sequence[model.Event],
    *,
    href: Href,
    id_prefix: str,
) -> str:
    """Places on a map of Iraq and its neighbours: numbered, styled by precision and latest status, sized by events."""
    counts: dict[str, int] = defaultdict(int)
    for event in events:
        if event.place:
            counts[event.place] += 1
    # numbered north to south; a place given without coordinates is listed on its page, not drawn
    ordered = sorted((p for p in places if p.located), key=lambda p: (-_lat(p), _lon(p), p.id))
    drawn = {p.id for p in ordered if _LIMIT[0] <= _lon(p) <= _LIMIT[2] and _LIMIT[1] <= _lat(p) <= _LIMIT[3]}
    near = [p for p in ordered if p.id in drawn]
    bounds = (
        min([_HOME[0]] + [_lon(p) - 0.6 for p in near]),
        min([_HOME[1]] + [_lat(p) - 0.6 for p in near]),
        max([_HOME[2]] + [_lon(p) + 0.6 for p in near]),
        max([_HOME[3]] + [_lat(p) + 0.6 for p in near]),
    )
    cos_lat = math.cos(math.radians((bounds[1] + bounds[3]) / 2))
    map_h = _MAP_W * (bounds[3] - bounds[1]) / ((bounds[2] - bounds[0]) * cos_lat)
    frame: Box = (_MARGIN, _MARGIN, _MARGIN + _MAP_W, _MARGIN + map_h)
    project = _Projection.fit(bounds, frame)

    def site_at(number: int, place: model.Place, project: _Projection) -> _Site:
        x, y = project(_lon(place), _lat(place))
        radius = (
            _REGION_KM * project.px_per_km() if _geo_precision(place) == 3 else 5.0 + 1.5 * math.sqrt(min(counts[place.id], 16))
        )
        return _Site(number, place, latest_status(place), counts[place.id], x, y, radius)

    sites = [site_at(number, place, project) for number, place in enumerate(ordered, start=1)]
    on_map = [s for s in sites if s.place.id in drawn]
    shapes = countries()
    clip_id = f"{id_prefix}-clip"
    defs = [_clip(frame, clip_id)]
    taken: list[Box] = [s.box for s in on_map if _geo_precision(s.place) != 3]
    inner = _grow(frame, -2)
    overlay: list[str] = []

    # a crowd of touching markers gets an enlarged view in a free corner, and its numbers there
    crowd = _crowd(on_map)
    inset = _inset_spot(frame, taken, crowd)
    if inset is not None:
        detail = _inset(crowd, inset, shapes, site_at, project, href, id_prefix)
        defs.append(detail[1])
        overlay.append(detail[0])
        taken.extend([inset, detail[2]])
        in_inset = {s.number for s in crowd}
        on_map_badged = [s for s in on_map if s.number not in in_inset]
    else:
        on_map_badged = on_map
    badges = _badges(on_map_badged, inner, taken)
    taken.extend(badges.values())

    labels: list[str] = []
    for country in sorted(shapes, key=lambda c: (c.iso != _FOCUS, c.iso)):  # Iraq's label first: it gets the best spot
        label = _country_label(country, project, frame, taken)
        if label is not None:
            labels.append(label[0])
            taken.append(label[1])
    body = [
        _tag("defs", "".join(defs)),
        _tag(
            "g",
            _land(shapes, project, frame, clip_id) + _graticule(project, frame, [inset] if inset else []) + "".join(labels),
            clip_path=f"url(#{clip_id})",
        ),
        _sites_drawn(on_map, badges, href),
        "".join(overlay),
        _scale_bar(project, frame, 60.0),
        _frame(frame),
    ]
    panel, panel_h = _map_legend(sites, drawn, href)
    body.append(panel)
    listing = "; ".join(f"{s.number} {_site_words(s)}" for s in sites)
    spot = f"the {_inset_name(crowd)}" if _inset_name(crowd) != "Detail" else "a crowded spot"
    enlarged = f" An inset enlarges {spot}, where {len(crowd)} places lie close together." if inset else ""
    desc = (
        f"Map of Iraq and its neighbours with {plural(len(sites), 'numbered place')}. Equirectangular projection, "
        f"longitude scaled by the cosine of latitude {(bounds[1] + bounds[3]) / 2:.1f}° N; country outlines from Natural Earth "
        "1:110m (public domain). A solid dot marks an exact site, a ring a place near a town, and a large dashed circle "
        "a place known only to its region (the circle is not the region's extent). Colour shows the latest status; "
        f"larger markers have more events.{enlarged} Places: " + (listing or "none") + "."
    )
    return _svg(id_prefix, max(frame[3], panel_h) + _MARGIN, "Map of places", desc, "".join(body))


def _inset_name(crowd: Sequence[_Site]) -> str:
    city = next((s.place.name for s in crowd if s.place.kind == "city"), None)
    return f"{city} area" if city else "Detail"


def _inset_spot(frame: Box, taken: Sequence[Box], crowd: Sequence[_Site]) -> Box | None:
    """A free corner of the map for the inset (the lower right keeps room for the scale bar)."""
    if not crowd:
        return None
    size, head = _INSET, _INSET_HEAD
    spread = (min(s.x for s in crowd), min(s.y for s in crowd), max(s.x for s in crowd), max(s.y for s in crowd))
    corners = (
        (frame[0] + 8, frame[3] - 8 - size - head),
        (frame[0] + 8, frame[1] + 8),
        (frame[2] - 8 - size, frame[1] + 8),
        (frame[2] - 8 - size, frame[3] - 44 - size - head),
    )
    for x, y in corners:
        box = (x, y, x + size, y + size + head)
        if not any(_overlaps(_grow(box, 6), other) for other in [*taken, _grow(spread, 10)]):
            return box
    return None


def _inset(
    crowd: Sequence[_Site],
    box: Box,
    shapes: Sequence[Country],
    site_at: Callable[[int, model.Place, _Projection], _Site],
    main: _Projection,
    href: Href,
    id_prefix: str,
) -> tuple[str, str, Box]:
    """The enlarged view: its drawing, its clip path, and the outline on the main map of the area it shows."""
    lon = [_lon(s.place) for s in crowd]
    lat = [_lat(s.place) for s in crowd]
    pad = max(max(lon) - min(lon), max(lat) - min(lat), 0.05) * 0.2
    view = (box[0], box[1] + _INSET_HEAD, box[2], box[3])
    project = _Projection.fit((min(lon) - pad, min(lat) - pad, max(lon) + pad, max(lat) + pad), view)
    sites = [site_at(s.number, s.place, project) for s in crowd]
    badges = _badges(sites, _grow(view, -2), [s.box for s in sites])
    clip_id = f"{id_prefix}-inset-clip"
    east = project.west + (view[2] - view[0]) / (project.cos_lat * project.scale)
    south = project.north - (view[3] - view[1]) / project.scale
    area = (*main(project.west, project.north), *main(east, south))
    # join the outlined area to the inset, corner to nearest corner
    middle = ((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)
    ax, ay = min(((x, y) for x in (area[0], area[2]) for y in (area[1], area[3])), key=lambda p: math.dist(p, middle))
    bx, by = min(((x, y) for x in (box[0], box[2]) for y in (box[1], box[3])), key=lambda p: math.dist(p, (ax, ay)))
    head = _tag("rect", x=box[0], y=box[1], width=box[2] - box[0], height=_INSET_HEAD, fill="#ffffff")
    head += _text(box[0] + 5, box[1] + 12, _inset_name(crowd) + " (enlarged)", font_size=9.5, font_weight=700)
    drawing = (
        _tag("line", x1=ax, y1=ay, x2=bx, y2=by, stroke="#333333", stroke_width=0.8, stroke_dasharray="3 2")
        + _tag(
            "rect",
            x=area[0],
            y=area[1],
            width=area[2] - area[0],
            height=area[3] - area[1],
            fill="none",
            stroke="#333333",
            stroke_width=0.9,
        )
        + _tag("g", _land(shapes, project, view, clip_id), clip_path=f"url(#{clip_id})")
        + _sites_drawn(sites, badges, href)
        + head
        + _scale_bar(project, view, 36.0)
        + _frame(box)
        + _tag("line", x1=box[0], y1=view[1], x2=box[2], y2=view[1], stroke="#8a8a8a", stroke_width=0.8)
    )
    return drawing, _clip(view, clip_id), area


def _site_words(site: _Site) -> str:
    status = site.status
    state = f"{_style(status.status)[1].lower()} ({status.date.human()})" if status else "no status recorded"
    precision = PRECISION_WORDS[_geo_precision(site.place)].lower()
    return f"{site.place.name}: {state}; location: {precision}; {plural(site.events, 'event')}"


def _country_label(country: Country, project: _Projection, frame: Box, taken: Sequence[Box]) -> tuple[str, Box] | None:
    """The country's name at the middle of its visible part, moved to free ground; None if it does not fit."""
    rings = [[project(lon, lat) for lon, lat in ring] for polygon in country.polygons for ring in polygon]
    outer = [_clip_ring([project(lon, lat) for lon, lat in polygon[0]], frame) for polygon in country.polygons]
    middle = _centroid([ring for ring in outer if len(ring) >= 3])
    if middle is None:
        return None
    focus = country.iso == _FOCUS
    size, spacing = (15.0, 4.0) if focus else (10.0, 1.5)
    words = country.name.upper()
    width = len(words) * (size * 0.72 + spacing)
    inner = _grow(frame, -4)

    def fits(box: Box) -> bool:
        corners = ((box[0], box[1]), (box[2], box[1]), (box[0], box[3]), (box[2], box[3]))
        return (
            _within(box, inner)
            and all(_inside(c, rings) for c in corners)
            and not any(_overlaps(_grow(box, 6), other) for other in taken)
        )

    box = _place_box((width, size), fits, [(middle[0] + dx, middle[1] + dy) for dx, dy in _spiral(8.0, 160.0)])
    if box is None:
        return None
    text = _text(
        (box[0] + box[2]) / 2,
        box[3] - 1,
        words,
        text_anchor="middle",
        font_size=size,
        font_weight=700 if focus else 400,
        letter_spacing=spacing,
        fill="#7a7466" if focus else "#9b968a",
    )
    return text, box


def _graticule(project: _Projection, frame: Box, covered: Sequence[Box]) -> str:
    """Faint lines every two degrees, labelled along the frame's top and left edges where nothing covers them."""
    parts: list[str] = []
    west, north = project.west, project.north
    east = west + (frame[2] - frame[0]) / (project.cos_lat * project.scale)
    south = north - (frame[3] - frame[1]) / project.scale
    for lon in range(math.ceil(west / 2) * 2, math.floor(east) + 1, 2):
        x, _ = project(lon, north)
        parts.append(
            _tag("line", x1=x, y1=frame[1], x2=x, y2=frame[3], stroke="#b9c6cf", stroke_width=0.5, stroke_dasharray="2 3")
        )
        if not any(_overlaps((x, frame[1], x + 30, frame[1] + 12), box) for box in covered):
            parts.append(_text(x + 2, frame[1] + 10, f"{lon}° E", font_size=8, fill="#7d8a93"))
    for lat in range(math.ceil(south / 2) * 2, math.floor(north) + 1, 2):
        _, y = project(west, lat)
        parts.append(
            _tag("line", x1=frame[0], y1=y, x2=frame[2], y2=y, stroke="#b9c6cf", stroke_width=0.5, stroke_dasharray="2 3")
        )
        if y > frame[1] + 16 and not any(_overlaps((frame[0], y - 12, frame[0] + 30, y), box) for box in covered):
            parts.append(_text(frame[0] + 3, y - 3, f"{lat}° N", font_size=8, fill="#7d8a93"))
    return "".join(parts)


def _scale_bar(project: _Projection, box: Box, least: float) -> str:
    """A bar of a round number of kilometres, at least `least` px long, in the lower right corner of `box`."""
    per_km = project.px_per_km()
    km = next((k for k in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000) if k * per_km >= least), 1000)
    length = km * per_km
    right, base = box[2] - 10, box[3] - 8
    left = right - length
    return (
        _tag("rect", x=left - 6, y=base - 17, width=length + 12, height=21.0, fill="#ffffff", fill_opacity=0.8)
        + _tag(
            "path",
            d=f"M{_num(left)} {_num(base - 4)} L{_num(left)} {_num(base)} L{_num(right)} {_num(base)} L{_num(right)} {_num(base - 4)}",
            fill="none",
            stroke=INK,
            stroke_width=1.2,
        )
        + _text(left + length / 2, base - 6, f"{km} km", text_anchor="middle", font_size=9)
    )


def _map_legend(sites: Sequence[_Site], drawn: set[str], href: Href) -> tuple[str, float]:
    """The panel beside the map: what shapes and colours mean, then the numbered places."""
    x = _PANEL_X
    width = WIDTH - x - _MARGIN
    parts: list[str] = []
    y = _MARGIN + 10
    if not sites:
        return _text(x, y, "No places to show", fill=MUTED, font_size=10), y

    def heading(words: str) -> None:
        nonlocal y
        parts.append(_text(x, y, words, font_weight=700, font_size=10.5))
        y += 16

    heading("Location known to")
    for precision in sorted({_geo_precision(s.place) for s in sites}):
        parts.append(_marker(MUTED, "", precision, x + 8, y - 4, 9.0 if precision == 3 else 5.0))
        parts.append(_text(x + 24, y, PRECISION_WORDS[precision], font_size=10))
        y += 20 if precision == 3 else 16
    y += 4
    heading("Latest status")
    order = list(STATUS_STYLE)
    for status in sorted({s.status.status if s.status else "" for s in sites}, key=lambda st: (st not in order, order.index(st) if st in order else 0, st)):
        parts.append(_marker(_style(status)[0], status, 1, x + 8, y - 4, 5.0))
        parts.append(_text(x + 24, y, _style(status)[1], font_size=10))
        y += 16
    parts.append(_text(x, y + 2, "Larger marker: more events (count in brackets)", font_size=9, fill=MUTED))
    y += 24
    heading("Places")
    for site in sites:
        suffix = f" ({site.events})" if site.events else ""
        suffix += "" if site.place.id in drawn else " (off the map)"
        lines = _wrap(site.place.name + suffix, width - 24, 10)
        entry = _text(x + 14, y, str(site.number), text_anchor="end", font_weight=700, font_size=10)
        for index, line in enumerate(lines):
            entry += _text(x + 20, y + index * 12, line, font_size=10)
        parts.append(_mark(href, "place", site.place.id, _site_words(site), entry))
        y += 12 * len(lines) + 3
    return "".join(parts), y


# --- relations --------------------------------------------------------------------------------

_COLUMNS: Final = (
    ("States", ("state",)),
    ("State forces and government bodies", ("state-force", "government-body")),
    ("Armed groups and parties", ("armed-group", "political-party")),
    ("Coalitions and organizations", ("coalition", "organization")),
    ("People", ("person",)),
)
_SIDE: Final = 14.0
_TOP: Final = 44.0
_NODE_FONT: Final = 10.0
_LINE_H: Final = 12.0
_BLOCK_GAP: Final = 14.0
_CHILD_GAP: Final = 6.0
_INDENT: Final = 14.0
_ARROW: Final = 7.0

# relation: (stroke, width, dash, legend words); a parent link is drawn as part-of
EDGE_STYLE: Final[Mapping[str, tuple[str, float, str | None, str]]] = MappingProxyType(
    {
        "backs": ("#333333", 1.6, None, "backs"),
        "opposes": ("#D55E00", 1.6, "6 4", "opposes"),
        "allied-with": ("#009E73", 4.2, None, "allied with"),
        "leads": ("#333333", 0.8, None, "leads"),
        "part-of": ("#8C8C8C", 1.5, "1.5 3", "part of, or under"),
    }
)

_VERBS: Final[Mapping[str, str]] = MappingProxyType(
    {"backs": "backs", "opposes": "opposes", "allied-with": "is allied with", "leads": "leads", "part-of": "is part of"}
)


@dataclass(frozen=True)
class _Edge:
    source: str
    target: str
    type: str  # a relation type; a parent link counts as part-of
    both: bool  # the same relation both ways: one line, two heads
    words: str


def _edges(actors: Mapping[str, model.Actor]) -> list[_Edge]:
    """Relations and parent links among the given actors, merged when they say the same thing."""
    found: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for actor in actors.values():
        links: list[tuple[str, str, str | None]] = [(r.type, r.target, r.note) for r in actor.relations]
        if actor.parent:
            links.append(("part-of", actor.parent, None))
        for kind, target, note in links:
            if target in actors and target != actor.id:
                found[(actor.id, target, kind)].append(note or "")
    edges = []
    for (source, target, kind), notes in sorted(found.items()):
        both = (target, source, kind) in found
        if both and source > target:
            continue  # drawn once, from the other end
        verb = _VERBS[kind]
        name, other = actors[source].name, actors[target].name
        words = f"{name} {verb} {other}" + (f" (and {other} {verb} {name})" if both else "")
        note = "; ".join(sorted({n.rstrip(".") for n in notes if n}))
        edges.append(_Edge(source, target, kind, both, words + (f": {note}" if note else "")))
    return edges


@dataclass(frozen=True)
class _Graph:
    """Where the diagram puts things: boxes, columns, and the part-of links drawn as an indented tree."""

    boxes: Mapping[str, Box]
    column: Mapping[str, int]  # position of the actor's column, left to right
    lines: Mapping[str, list[str]]
    tree: Mapping[str, str]  # child: parent, both in one column
    order: tuple[int, ...]  # the _COLUMNS shown, left to right
    col_w: float
    height: float


def _column_order(kinds: Mapping[str, int], edges: Sequence[_Edge]) -> tuple[int, ...]:
    """The order of kind columns with the fewest edges jumping over a column; the usual order wins ties."""

    def jumps(order: tuple[int, ...]) -> int:
        at = {column: index for index, column in enumerate(order)}
        return sum(max(0, abs(at[kinds[e.source]] - at[kinds[e.target]]) - 1) for e in edges)

    return min(itertools.permutations(sorted(set(kinds.values()))), key=lambda order: (jumps(order), order))


def _layout(actors: Mapping[str, model.Actor], edges: Sequence[_Edge]) -> _Graph:
    """Columns by kind, part-of trees indented in a column, blocks moved toward what they link to."""
    ids = sorted({e.source for e in edges} | {e.target for e in edges})
    kind_column = {kind: index for index, (_, kinds) in enumerate(_COLUMNS) for kind in kinds}
    kinds = {i: kind_column[actors[i].kind] for i in ids}
    order = _column_order(kinds, edges)
    column = {i: order.index(kinds[i]) for i in ids}
    col_w = (WIDTH - 2 * _SIDE) / len(order)

    tree: dict[str, str] = {}
    for edge in edges:
        if edge.type == "part-of" and not edge.both and column[edge.source] == column[edge.target] and edge.source not in tree:
            walk = edge.target
            while walk in tree and walk != edge.source:
                walk = tree[walk]
            if walk != edge.source:  # no loops
                tree[edge.source] = edge.target
    children: dict[str, list[str]] = defaultdict(list)
    for child, parent in sorted(tree.items(), key=lambda item: (actors[item[0]].name, item[0])):
        children[parent].append(child)

    def members(root: str, depth: int) -> list[tuple[str, int]]:
        return [(root, depth)] + [m for child in children[root] for m in members(child, depth + 1)]

    blocks: list[list[list[tuple[str, int]]]] = [[] for _ in order]
    for actor_id in sorted(ids, key=lambda i: (actors[i].country or "~", actors[i].name, i)):
        if actor_id not in tree:
            blocks[column[actor_id]].append(members(actor_id, 0))
    depth = {i: d for column_blocks in blocks for block in column_blocks for i, d in block}
    lines = {i: _wrap(actors[i].name, col_w - 38 - depth[i] * _INDENT, _NODE_FONT, 4) for i in ids}
    ports: dict[tuple[str, str], int] = defaultdict(int)  # edge ends on each side of a box: room for them
    for edge in edges:
        side_s, side_t = _sides(column[edge.source], column[edge.target])
        ports[(edge.source, side_s)] += 1
        ports[(edge.target, side_t)] += 1
    height = {i: max(len(lines[i]) * _LINE_H + 10, 7.0 * max(ports[(i, "left")], ports[(i, "right")]) + 4) for i in ids}

    neighbours: dict[str, list[str]] = defaultdict(list)
    for edge in edges:
        if column[edge.source] != column[edge.target]:
            neighbours[edge.source].append(edge.target)
            neighbours[edge.target].append(edge.source)
    offset: dict[str, float] = {}
    block_h: list[list[float]] = []
    for column_blocks in blocks:
        block_h.append([])
        for block in column_blocks:
            y = 0.0
            for actor_id, _ in block:
                offset[actor_id] = y
                y += height[actor_id] + _CHILD_GAP
            block_h[-1].append(y - _CHILD_GAP)

    # start stacked, then let each column's blocks drift toward their neighbours' height, in sweeps
    tops = [list(itertools.accumulate([0.0] + [h + _BLOCK_GAP for h in hs[:-1]])) for hs in block_h]
    for sweep in range(8):
        centre = {
            i: tops[c][b] + offset[i] + height[i] / 2
            for c in range(len(order))
            for b, block in enumerate(blocks[c])
            for i, _ in block
        }
        for c in range(len(order)) if sweep % 2 == 0 else reversed(range(len(order))):
            if sweep < 4:  # first reorder by neighbours' mean height, then only move
                keyed = []
                for b, block in enumerate(blocks[c]):
                    near = [centre[n] for i, _ in block for n in neighbours[i]]
                    keyed.append(((sum(near) / len(near)) if near else centre[block[0][0]], b))
                rank = sorted(range(len(keyed)), key=keyed.__getitem__)
                blocks[c] = [blocks[c][b] for b in rank]
                block_h[c] = [block_h[c][b] for b in rank]
                tops[c] = [tops[c][b] for b in rank]
            wanted = []
            for b, block in enumerate(blocks[c]):
                near = [centre[n] - offset[i] - height[i] / 2 for i, _ in block for n in neighbours[i]]
                wanted.append(sum(near) / len(near) if near else tops[c][b])
            tops[c] = _spread(wanted, block_h[c])
            centre.update({i: tops[c][b] + offset[i] + height[i] / 2 for b, block in enumerate(blocks[c]) for i, _ in block})
        lowest = min(t[0] for t in tops if t)
        tops = [[t - lowest for t in ts] for ts in tops]

    boxes: dict[str, Box] = {}
    bottom = 0.0
    for c, column_blocks in enumerate(blocks):
        for b, block in enumerate(column_blocks):
            for actor_id, d in block:
                left = _SIDE + c * col_w + 4 + d * _INDENT
                y = _TOP + tops[c][b] + offset[actor_id]
                boxes[actor_id] = (left, y, _SIDE + (c + 1) * col_w - 30, y + height[actor_id])
                bottom = max(bottom, y + height[actor_id])
    return _Graph(boxes, column, lines, tree, order, col_w, bottom)


def _sides(source: int, target: int) -> tuple[str, str]:
    """Which side of each box a link between two columns leaves and enters.

    Within one column it loops out to the left, or to the right from the first column, which has no room.
    """
    if source == target:
        return ("left", "left") if source > 0 else ("right", "right")
    return ("right", "left") if target > source else ("left", "right")


def _spread(wanted: Sequence[float], heights: Sequence[float]) -> list[float]:
    """Tops as near the wanted ones as keeps order and gaps: the mean of a push-down and a push-up pass."""
    down = list(wanted)
    for index in range(1, len(down)):
        down[index] = max(down[index], down[index - 1] + heights[index - 1] + _BLOCK_GAP)
    up = list(wanted)
    for index in reversed(range(len(up) - 1)):
        up[index] = min(up[index], up[index + 1] - heights[index] - _BLOCK_GAP)
    return [(a + b) / 2 for a, b in zip(down, up, strict=True)]


def relations_svg(actors: Mapping[str, model.Actor], *, href: Href, id_prefix: str) -> str:
    """Who backs, opposes, allies with, belongs to or leads whom: actors in columns by kind, arrows between."""
    edges = _edges(actors)
    title = "Relations between actors"
    if not edges:
        return _notice(id_prefix, title, "No relations among these actors")
    graph = _layout(actors, edges)
    kinds = sorted({e.type for e in edges}, key=list(EDGE_STYLE).index)
    body = [_tag("defs", "".join(_arrowhead(id_prefix, kind) for kind in kinds))]
    for index, column_index in enumerate(graph.order):
        for row, words in enumerate(_wrap(_COLUMNS[column_index][0], graph.col_w - 30, 10, 2)):
            body.append(_text(_SIDE + index * graph.col_w + 4, 14 + row * 13, words, font_weight=700, font_size=10, fill=MUTED))
    body.extend(_edge_paths(edges, graph, id_prefix))
    for actor_id, (left, top, right, bottom) in sorted(graph.boxes.items()):
        actor = actors[actor_id]
        node = _tag("rect", x=left, y=top, width=right - left, height=bottom - top, rx=4.0, fill="#ffffff", stroke="#7a7a7a")
        weight = 700 if actor.kind == "state" else 400
        first = (top + bottom - len(graph.lines[actor_id]) * _LINE_H) / 2  # text centred in the box
        for row, words in enumerate(graph.lines[actor_id]):
            node += _text(left + 6, first + _LINE_H * (row + 1) - 3, words, font_size=_NODE_FONT, font_weight=weight)
        body.append(_mark(href, "actor", actor_id, f"{actor.name} ({actor.kind.replace('-', ' ')})", node))
    legend_y = graph.height + 20
    body.append(_relation_legend(kinds, legend_y, id_prefix))
    desc = (
        f"Diagram of relations among {plural(len(graph.boxes), 'actor')}, in columns by kind "
        f"({', '.join(_COLUMNS[c][0].lower() for c in graph.order)}); a body drawn indented under another is part "
        "of it. Arrows point from an actor to the one it backs, opposes, is allied with, is part of or leads: "
        "solid dark lines back, dashed red lines oppose, double green lines are allied, dotted grey lines are part "
        "of, thin lines lead. Relations: " + "; ".join(e.words for e in edges) + "."
    )
    return _svg(id_prefix, legend_y + 16, title, desc, "".join(body))


def _arrowhead(id_prefix: str, kind: str) -> str:
    """A head for one line style; its base sits at the (shortened) line end, its tip on the box."""
    colour = EDGE_STYLE[kind][0]
    if kind == "leads":
        head = _tag("path", d="M0 0.5 L7 3.5 L0 6.5", fill="none", stroke=colour, stroke_width=1.0)
    else:
        head = _tag("path", d="M0 0 L7 3.5 L0 7 Z", fill=colour)
    return _tag(
        "marker",
        head,
        id=f"{id_prefix}-head-{kind}",
        viewBox="0 0 7 7",
        refX=0.0,
        refY=3.5,
        markerWidth=_ARROW,
        markerHeight=_ARROW,
        markerUnits="userSpaceOnUse",
        orient="auto",
    )


def _edge_paths(edges: Sequence[_Edge], graph: _Graph, id_prefix: str) -> list[str]:
    """Curves between box sides, each side's ends spread out in the order of the other ends' heights.

    A part-of link inside a column is an elbow from the indented child up to its parent; a link that
    jumps a column threads through a gap between that column's boxes.
    """
    boxes = graph.boxes
    ends: dict[tuple[str, str], list[tuple[float, int, str]]] = defaultdict(list)
    sides: list[tuple[str, str]] = []
    for number, edge in enumerate(edges):
        a, b = graph.column[edge.source], graph.column[edge.target]
        elbow = graph.tree.get(edge.source) == edge.target and edge.type == "part-of"
        side_s, side_t = _sides(a, b)
        sides.append((side_s, "elbow" if elbow else side_t))
        ends[(edge.source, side_s)].append((-math.inf if elbow else _middle(boxes[edge.target]), number, "s"))
        if not elbow:
            ends[(edge.target, side_t)].append((_middle(boxes[edge.source]), number, "t"))
    anchor: dict[tuple[int, str], Point] = {}
    for (actor_id, side), items in ends.items():
        left, top, right, bottom = boxes[actor_id]
        for k, (_, number, end) in enumerate(sorted(items)):
            anchor[(number, end)] = (right if side == "right" else left, top + (bottom - top) * (k + 1) / (len(items) + 1))
    paths: list[str] = []
    for number, edge in enumerate(edges):
        sx, sy = anchor[(number, "s")]
        side_s, side_t = sides[number]
        out_s = 1.0 if side_s == "right" else -1.0
        far_head = ""
        if side_t == "elbow":
            parent = boxes[edge.target]
            px = parent[0] + 7
            d = f"M{_num(sx)} {_num(sy)} L{_num(px)} {_num(sy)} L{_num(px)} {_num(parent[3] + _ARROW)}"
        else:
            tx, ty = anchor[(number, "t")]
            out_t = 1.0 if side_t == "right" else -1.0
            tx += out_t * _ARROW  # the curve stops where the head's base goes
            if edge.both:
                sx += out_s * _ARROW
            if side_s == side_t:  # an arc out to the side and back
                bend = 18.0 + abs(ty - sy) * 0.12
                d = _curve([(sx, sy), (tx, ty)], out_s * bend)
                back = _curve([(tx, ty), (sx, sy)], out_s * bend)
            else:
                points = [(sx, sy), *_gaps(graph, edge, (sx, sy), (tx, ty)), (tx, ty)]
                d, back = _curve(points), _curve(points[::-1])
            if edge.both:  # the far head rides on the same curve drawn backwards, unstroked
                far_head = _tag("path", d=back, fill="none", stroke="none", marker_end=f"url(#{id_prefix}-head-{edge.type})")
        line = _edge_line(edge.type, d, id_prefix) + far_head
        paths.append(_tag("g", _tag("title", html.escape(edge.words, quote=False)) + line))
    return paths


def _curve(points: Sequence[Point], arc: float = 0.0) -> str:
    """A path through `points`, leaving and reaching each one level: S-bends, or straight runs at one height.

    With `arc`, two points on one side of a column join by a loop that far out (negative: to the left).
    """
    parts = [f"M{_num(points[0][0])} {_num(points[0][1])}"]
    for (x0, y0), (x1, y1) in itertools.pairwise(points):
        if y0 == y1 and not arc:
            parts.append(f"L{_num(x1)} {_num(y1)}")
            continue
        c0, c1 = (x0 + arc, x1 + arc) if arc else (x0 + (x1 - x0) / 2, x1 - (x1 - x0) / 2)
        parts.append(f"C{_num(c0)} {_num(y0)} {_num(c1)} {_num(y1)} {_num(x1)} {_num(y1)}")
    return " ".join(parts)


def _gaps(graph: _Graph, edge: _Edge, start: Point, end: Point) -> list[Point]:
    """Where a link that jumps columns crosses each column between: in the free gap nearest its straight line."""
    a, b = graph.column[edge.source], graph.column[edge.target]
    step = 1 if b > a else -1
    points: list[Point] = []
    for column in range(a + step, b, step):
        boxes = sorted(box for actor_id, box in graph.boxes.items() if graph.column[actor_id] == column)
        if not boxes:
            continue
        left, right = min(box[0] for box in boxes) - 6, max(box[2] for box in boxes) + 6
        middle = (left + right) / 2
        wanted = start[1] + (end[1] - start[1]) * (middle - start[0]) / (end[0] - start[0])
        by_top = sorted(boxes, key=lambda box: box[1])
        edges_y = [-math.inf] + [y for box in by_top for y in (box[1], box[3])] + [math.inf]
        free = [(edges_y[i] + 4, edges_y[i + 1] - 4) for i in range(0, len(edges_y), 2) if edges_y[i + 1] - edges_y[i] >= 8]
        y = min((min(max(wanted, low), high) for low, high in free), key=lambda y: (abs(y - wanted), y))
        points.extend([(left, y), (right, y)] if step > 0 else [(right, y), (left, y)])
    return points


def _edge_line(kind: str, d: str, id_prefix: str) -> str:
    """One edge in its relation's style, with a head at its end; allied-with gets a white core: a double line."""
    colour, width, dash, _ = EDGE_STYLE[kind]
    line = _tag(
        "path",
        d=d,
        fill="none",
        stroke=colour,
        stroke_width=width,
        stroke_dasharray=dash,
        stroke_linecap="round" if kind == "part-of" else None,
        marker_end=f"url(#{id_prefix}-head-{kind})",
    )
    if kind == "allied-with":
        line += _tag("path", d=d, fill="none", stroke="#ffffff", stroke_width=1.6)
    return line


def _middle(box: Box) -> float:
    return (box[1] + box[3]) / 2


def _relation_legend(kinds: Sequence[str], y: float, id_prefix: str) -> str:
    parts = []
    x = _SIDE + 4
    for kind in kinds:
        words = EDGE_STYLE[kind][3]
        parts.append(_edge_line(kind, f"M{_num(x)} {_num(y)} L{_num(x + 30)} {_num(y)}", id_prefix))
        parts.append(_text(x + 44, y + 4, words, font_size=10))
        x += 44 + _text_width(words, 10) + 22
    return "".join(parts)
