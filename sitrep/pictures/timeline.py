"""The timeline: events on a time axis in a few lanes, key events named on the chart, phases, editions, counts."""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Final

from .. import model
from ..problems import plural
from .svg import (
    EVENT_COLOURS,
    INK,
    MUTED,
    SMALL,
    WIDE,
    Box,
    Href,
    mark,
    notice,
    rect,
    svg,
    tag,
    text,
    text_width,
    wrap,
)

# lanes: what the reader scans for first at the top; statements and politics share the quiet lanes below
LANES: Final = (
    ("Attacks and strikes", ("attack", "strike")),
    ("Forces moved", ("deployment", "handover")),
    ("Threats and statements", ("threat", "statement")),
    ("Politics, plans, sanctions", ("political", "plan", "sanction", "protest", "other")),
)
_MONTH_STEPS: Final = (1, 2, 3, 6, 12, 24, 60, 120)
_DOT_R: Final = 4.5
_KEY_R: Final = 6.0
_BAR_H: Final = 5.0
_ROW_GAP: Final = 2.5


@dataclass(frozen=True)
class Edition:
    """An edition's as-of date, marked across the chart."""

    label: str
    date: dt.date


@dataclass(frozen=True)
class _Span:
    event: model.Event
    first: dt.date
    last: dt.date
    precise: bool  # known to the day and lasting one day: a dot; otherwise a faint bar across its window


LABEL_ROWS = 6  # rows of key-event names above the chart at print width, beyond the editions'
LABEL_ROWS_NARROW = 8


def _span(event: model.Event) -> _Span:
    end = event.date_end or event.date
    last = max(event.date.latest, end.latest)
    return _Span(event, event.date.earliest, last, event.date.precision == "day" and last == event.date.earliest)


def _month_start(day: dt.date, months_on: int = 0) -> dt.date:
    index = day.year * 12 + day.month - 1 + months_on
    return dt.date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True)
class _Scale:
    """Linear time from `start` to `end` (exclusive) over `left`..`right`."""

    start: dt.date
    end: dt.date
    left: float
    right: float

    def x(self, day: dt.date) -> float:
        day = min(max(day, self.start), self.end)
        return self.left + (day - self.start).days * (self.right - self.left) / max((self.end - self.start).days, 1)


def _outliers(spans: Sequence[_Span]) -> tuple[list[_Span], list[_Span]]:
    """Events before a gap of half the whole range (and six months or more): background history, drawn apart."""
    ordered = sorted(spans, key=lambda s: (s.first, s.last, s.event.id))
    reach, best_gap, split = ordered[0].last, 0, 0
    for index, span in enumerate(ordered[1:], start=1):
        gap = (span.first - reach).days
        if gap > best_gap:
            best_gap, split = gap, index
        reach = max(reach, span.last)
    whole = (max(s.last for s in ordered) - ordered[0].first).days
    if best_gap < 183 or best_gap < whole / 2 or split > len(ordered) / 2:
        return [], ordered
    return ordered[:split], ordered[split:]


def key_events(events: Sequence[model.Event], basis: Collection[str] = (), most: int = 8) -> set[str]:
    """Which events to name on the chart, when the briefing names none: those its key judgments rest on, then
    the deadly, then attacks and strikes, latest first; at most `most`."""

    chosen = sorted(events, key=lambda e: _rank(e, basis))[:most]
    return {e.id for e in chosen if _rank(e, basis)[0] <= -2}


def _rank(event: model.Event, basis: Collection[str] = ()) -> tuple[int, int, str]:
    """Weight first (what a judgment rests on, the deadly, attacks and strikes, a known day), then the latest."""
    killed = event.killed.count or event.killed.high or 0 if event.killed else 0
    score = (3 if event.id in basis else 0) + (2 if killed else 0) + (1 if event.type in ("attack", "strike") else 0)
    score += 1 if event.date.precision == "day" else 0
    return (-score, -event.date.earliest.toordinal(), event.id)


def timeline_svg(
    events: Sequence[model.Event],
    *,
    href: Href,
    id_prefix: str,
    width: float = WIDE,
    key: Collection[str] = (),
    phases: Sequence[model.Phase] = (),
    editions: Sequence[Edition] = (),
    title: str = "Timeline of events",
) -> str:
    """Events in lanes by kind on a time axis, the key ones named above the chart, phases shaded, editions marked,
    imprecise dates faint across their window, and a strip of counts by kind under the axis."""
    spans = [_span(e) for e in events]
    if not spans:
        return notice(id_prefix, width, title, "No events in this period")
    narrow = width < 600
    early, main = _outliers(spans)
    label_w = 0.0 if narrow else 118.0
    stub_w = (34.0 if narrow else 48.0) if early else 0.0
    left = label_w + (stub_w + 18 if early else 0.0) + 4
    right = width - (14 if narrow else 30)
    first = min(s.first for s in main)
    last = max(s.last for s in main)
    for edition in editions:
        if first <= edition.date <= last + dt.timedelta(days=62):
            last = max(last, edition.date)
    scale = _Scale(_month_start(first), _month_start(last, 1), left, right)
    defs = []
    used_types = sorted({s.event.type for s in spans}, key=list(EVENT_COLOURS).index)
    for kind in used_types:
        colour = EVENT_COLOURS[kind]
        defs.append(
            tag(
                "pattern",
                rect((0, 0, 4, 4), fill=colour, fill_opacity=0.1)
                + tag("path", d="M-1 1 L1 -1 M0 4 L4 0 M3 5 L5 3", stroke=colour, stroke_width=0.8, stroke_opacity=0.45),
                id=f"{id_prefix}-hatch-{kind}",
                width=4,
                height=4,
                patternUnits="userSpaceOnUse",
            )
        )

    def extent(span: _Span) -> tuple[float, float]:
        if span in early:
            index = early.index(span)
            middle = label_w + 4 + (index + 0.5) * stub_w / len(early)
            return middle - _DOT_R, middle + _DOT_R
        x0, x1 = scale.x(span.first), scale.x(span.last + dt.timedelta(days=1))
        if span.precise:
            r = _KEY_R if span.event.id in key else _DOT_R
            return (x0 + x1) / 2 - r, (x0 + x1) / 2 + r
        return x0, max(x1, x0 + 3)

    # lanes, each a stack of rows: first fit, dots and bars in their own rows so a dot never sits on a bar; events of
    # one lane with the same imprecise window share one bar, cut in slices (one link each) and counted at its end
    lanes = [(name, kinds, [s for s in spans if s.event.type in kinds]) for name, kinds in LANES]
    lanes = [lane for lane in lanes if lane[2]]
    lane_rows: list[list[tuple[tuple[_Span, ...], int, tuple[float, float]]]] = []
    for _, _, members in lanes:
        rows: list[tuple[bool, float]] = []  # (holds dots, right end)
        placed = []
        for unit in _units(members, key, early):
            x0, x1 = extent(unit[0])
            reach = x1 + (text_width(str(len(unit)), SMALL) + 3 if len(unit) > 1 else 0.0)
            precise = unit[0].precise
            row = next((i for i, (dots, end) in enumerate(rows) if dots == precise and end + 2 <= x0), -1)
            if row < 0:
                rows.append((precise, reach))
                row = len(rows) - 1
            rows[row] = (precise, reach)
            placed.append((unit, row, (x0, x1)))
        lane_rows.append(placed)

    # key-event names in rows above the chart, each with a leader down to its mark
    key_spans = sorted((s for s in main if s.event.id in key), key=lambda s: (s.first, s.event.id))
    label_max = 150.0 if not narrow else 150.0
    label_rows: list[list[Box]] = []

    def place(x: float, w: float, h: float, rows_allowed: int = 40) -> tuple[int, float] | None:
        """The first row, and the left edge, where a label of w by h starting (or ending) at x is clear of the others;
        None when no row up to `rows_allowed` has room."""
        for row_index in range(rows_allowed):
            while len(label_rows) <= row_index:
                label_rows.append([])
            # starting at the mark, ending at it, then anywhere the leader still falls under the label
            steps = max(int((w - 12) // 8), 1)
            slid = [x - 6 - n * (w - 12) / steps for n in range(1, steps)]
            # on a phone, as far left as the leader allows: labels taken in date order then pack two to a row
            tries = [x + 6 - w, *reversed(slid), x - 6] if narrow else [x - 6, x + 6 - w, *slid]
            for left_x in tries:
                left_x = min(max(left_x, 0.0), width - w)
                if not any(left_x - 6 < o[2] and o[0] < left_x + w + 6 for o in label_rows[row_index]):
                    label_rows[row_index].append((left_x, 0.0, left_x + w, h))
                    return row_index, left_x
        return None

    edition_labels = []
    for edition in editions:
        if not scale.start <= edition.date < scale.end:
            continue
        x = scale.x(edition.date + dt.timedelta(days=1))
        w = text_width(edition.label, SMALL, bold=True) + 4
        spot = place(x, w, SMALL * 1.3)
        assert spot is not None  # editions come first, and there are few
        edition_labels.append((edition, x, *spot, edition.label))
    edition_rows = [list(row) for row in label_rows]
    # a cluster of key events would stack its names into a tall column that prints too small to read: at most
    # LABEL_ROWS rows of names; where they do not fit, the least weighty key events keep their mark but not their name
    while True:
        label_rows[:] = [list(row) for row in edition_rows]
        labels = []
        for span in key_spans:
            x0, x1 = extent(span)
            x = (x0 + x1) / 2 if span.precise else x0 + 4  # a window's label dates its start: the leader goes there
            words = f"{_short_date(span.event)}: {span.event.title}"
            lines = wrap(words, label_max, SMALL, max_lines=2 if narrow else 3)
            w = max(text_width(line, SMALL) for line in lines) + 4
            h = len(lines) * SMALL * 1.2 + 2
            spot = place(x, w, h, len(edition_rows) + (LABEL_ROWS_NARROW if narrow else LABEL_ROWS))
            if spot is None:
                break
            labels.append((span, x, lines, w, h, *spot))
        else:
            break
        key_spans.remove(max(key_spans, key=lambda span: _rank(span.event)))
    row_heights = [max((b[3] for b in row), default=0.0) for row in label_rows]
    row_top = [6.0]
    for h in row_heights:
        row_top.append(row_top[-1] + (h + 5 if h else 0))
    # phase names in a strip of their own, just above the lanes, on a further line where one is taken: every phase named
    phase_names = []
    strip: list[list[tuple[float, float]]] = [[] for _ in phases]
    for phase in phases:
        x0 = scale.x(phase.start.earliest)
        w = text_width(phase.name, SMALL, bold=True) + 4
        left_x = min(max(x0 + 2, 0.0), width - w)
        free = next(n for n, taken in enumerate(strip) if not any(left_x - 6 < b and a < left_x + w + 6 for a, b in taken))
        strip[free].append((left_x, left_x + w))
        phase_names.append((phase, left_x, free))
    strip_h = (SMALL * 1.3) * sum(1 for taken in strip if taken)
    phase_top = row_top[-1] + 4
    chart_top = phase_top + strip_h + 4
    body: list[str] = []
    marks: list[str] = []
    leaders: list[str] = []

    # lanes and marks
    y = chart_top
    lane_boxes = []
    for (name, _kinds, _), placed in zip(lanes, lane_rows, strict=True):
        row_count = max((row for _, row, _ in placed), default=0) + 1
        heading = SMALL * 1.5 if narrow else 0.0
        row_h = [0.0] * row_count
        for unit, row, _ in placed:
            span = unit[0]
            tall = 2 * (_KEY_R if span.event.id in key else _DOT_R) if span.precise else _BAR_H
            row_h[row] = max(row_h[row], tall, SMALL * 0.9 if len(unit) > 1 else 0.0)  # room for the count
        height = heading + sum(row_h) + _ROW_GAP * (row_count - 1) + 12
        height = max(height, 26.0 if not narrow else heading + 18)
        lane_boxes.append((name, y, y + height))
        offsets = [y + heading + 6]
        for h in row_h[:-1]:
            offsets.append(offsets[-1] + h + _ROW_GAP)
        for unit, row, (x0, x1) in placed:
            cy = offsets[row] + row_h[row] / 2
            slice_w = (x1 - x0) / len(unit)
            for index, span in enumerate(unit):
                event = span.event
                colour = EVENT_COLOURS[event.type]
                is_key = event.id in key
                if span.precise:
                    r = _KEY_R if is_key else _DOT_R
                    shape = tag(
                        "circle",
                        cx=(x0 + x1) / 2,
                        cy=cy,
                        r=r,
                        fill=colour,
                        stroke=INK if is_key else "#ffffff",
                        stroke_width=1.4 if is_key else 0.8,
                    )
                else:
                    shape = rect(
                        (x0 + index * slice_w, cy - _BAR_H / 2, x0 + (index + 1) * slice_w, cy + _BAR_H / 2),
                        fill=f"url(#{id_prefix}-hatch-{event.type})",
                        stroke=colour,
                        stroke_width=0.6,
                        stroke_opacity=0.55,
                    )
                tooltip = f"{_when(event)}: {event.title} ({event.type})"
                marks.append(mark(href, "event", event.id, tooltip, shape, css="event-mark"))
                if is_key:
                    for label_span, lx, _, _, lh, row_index, _ in labels:
                        if label_span is span:
                            leaders.append(
                                tag(
                                    "line",
                                    x1=lx,
                                    y1=row_top[row_index] + lh,
                                    x2=lx,
                                    y2=cy - (_KEY_R if span.precise else 3),
                                    stroke="#6f6f6f",
                                    stroke_width=0.7,
                                )
                            )
            if len(unit) > 1:
                count = text(x1 + 2, cy + SMALL * 0.35, str(len(unit)), font_size=SMALL, fill=MUTED, class_="label")
                body.append(count)
        y += height
    chart_bottom = y

    # phases behind the lanes, named in the band when the name fits
    for index, phase in enumerate(phases):
        x0 = scale.x(phase.start.earliest)
        x1 = scale.x(phase.end.latest + dt.timedelta(days=1))
        if x1 - x0 < 2:
            continue
        body.append(rect((x0, chart_top, x1, chart_bottom), fill="#1f3a5f" if index % 2 == 0 else "#7a5c1f", fill_opacity=0.07))
        body.append(tag("line", x1=x0, y1=chart_top, x2=x0, y2=chart_bottom, stroke="#8b97a6", stroke_width=0.6))
        body.append(rect((x0, phase_top, x1, chart_top), fill="#1f3a5f" if index % 2 == 0 else "#7a5c1f", fill_opacity=0.07))
    for phase, left_x, line in phase_names:
        body.append(
            text(
                left_x,
                phase_top + SMALL * (1.0 + 1.3 * line),
                phase.name,
                font_size=SMALL,
                font_weight=700,
                fill="#3d4d63",
                class_="label",
            )
        )
    # lane bands and names
    for index, (name, top, bottom) in enumerate(lane_boxes):
        if index % 2 == 0:
            body.insert(0, rect((0.0, top, width, bottom), fill="#f4f4f4"))
        if narrow:
            body.append(text(4.0, top + SMALL * 1.1, name, font_size=SMALL, font_weight=700, fill=MUTED, class_="label"))
        else:
            for n, lane_line in enumerate(wrap(name, label_w - 10, SMALL, 2, bold=True)):
                body.append(
                    text(
                        6.0,
                        (top + bottom) / 2
                        - 2
                        + n * SMALL * 1.15
                        - (SMALL * 0.5 if len(wrap(name, label_w - 10, SMALL, 2, bold=True)) > 1 else -SMALL * 0.35),
                        lane_line,
                        font_size=SMALL,
                        font_weight=700,
                        class_="label",
                    )
                )

    axis = _axis(scale, chart_top, chart_bottom, narrow)
    if early:
        stub_left = label_w + 4
        break_x = left - 9
        axis += tag("line", x1=stub_left, y1=chart_bottom, x2=stub_left + stub_w, y2=chart_bottom, stroke=MUTED)
        axis += tag(
            "line",
            x1=break_x,
            y1=chart_top,
            x2=break_x,
            y2=chart_bottom,
            stroke="#9a9a9a",
            stroke_width=0.8,
            stroke_dasharray="3 3",
        )
        years = sorted({s.first.year for s in early})
        words = str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"
        axis += text(stub_left + stub_w / 2, chart_bottom + 15, words, text_anchor="middle", font_size=SMALL, class_="label")

    # editions: a line down the chart, the name at the top
    for _edition, x, row_index, left_x, words in edition_labels:
        body.append(
            tag(
                "line",
                x1=x,
                y1=row_top[row_index] + SMALL * 1.3,
                x2=x,
                y2=chart_bottom,
                stroke="#1f3a5f",
                stroke_width=1.0,
                stroke_dasharray="4 2",
            )
        )
        body.append(
            text(left_x + 2, row_top[row_index] + SMALL, words, font_size=SMALL, font_weight=700, fill="#1f3a5f", class_="label")
        )
    # key-event names
    for span, _x, lines, w, h, row_index, left_x in labels:
        top = row_top[row_index]
        block = rect((left_x, top, left_x + w, top + h), fill="#ffffff", fill_opacity=0.9)
        for n, label_line in enumerate(lines):
            block += text(left_x + 2, top + SMALL * (0.95 + 1.2 * n), label_line, font_size=SMALL, class_="label")
        marks.append(mark(href, "event", span.event.id, f"{_when(span.event)}: {span.event.title}", block))

    counts_svg, y = _counts(spans, early, scale, chart_bottom + 26, width, id_prefix)
    legend, y = _legend(used_types, spans, key, bool(phases), width, y + 6, id_prefix)
    named = [label[0].event.title for label in labels]
    desc = (
        f"Timeline of {plural(len(spans), 'event')} from {scale.start:%B %Y} to {_month_start(scale.end, -1):%B %Y}, in lanes: "
        + "; ".join(f"{name.lower()} {len(m)}" for name, _, m in lanes)
        + ". Dots mark events known to the day; faint hatched bars span the window of an event known only to the month or "
        "year, or lasting several days."
        + (f" Named on the chart: {'; '.join(named)}." if named else "")
        + (" Phases: " + "; ".join(f"{p.name} ({p.start.human()} to {p.end.human()})" for p in phases) + "." if phases else "")
        + (" Editions: " + "; ".join(f"{e.label}" for e in editions) + "." if editions else "")
        + (
            f" {plural(len(early), 'earlier event')} ({', '.join(s.event.title for s in early)}) drawn apart at the left."
            if early
            else ""
        )
    )
    inner = tag("defs", "".join(defs)) + "".join(body) + axis + "".join(leaders) + "".join(marks) + counts_svg + legend
    return svg(id_prefix, width, y + 6, title, desc, inner)


def _units(members: Sequence[_Span], key: Collection[str], early: Sequence[_Span]) -> list[tuple[_Span, ...]]:
    """A lane's marks in drawing order: each dot alone, bars grouped by their window (a key event's bar stays alone)."""
    windows: dict[tuple[dt.date, dt.date], list[_Span]] = defaultdict(list)
    units: list[tuple[_Span, ...]] = []
    for span in sorted(members, key=lambda s: (not s.precise, s.first, s.last, s.event.id)):
        if span.precise or span.event.id in key or span in early:
            units.append((span,))
        else:
            windows[(span.first, span.last)].append(span)
    units += [tuple(group) for group in windows.values()]
    return sorted(units, key=lambda u: (not u[0].precise, u[0].first, u[0].last, u[0].event.id))


def _short_date(event: model.Event) -> str:
    d = event.date
    if d.precision == "day":
        return f"{d.earliest.day} {d.earliest:%b}"
    return f"{d.earliest:%b %Y}" if d.precision == "month" else str(d.year)


def _when(event: model.Event) -> str:
    return event.date.human() + (f" – {event.date_end.human()}" if event.date_end else "")


def _axis(scale: _Scale, top: float, bottom: float, narrow: bool) -> str:
    """Month ticks under the lanes, labelled as often as the labels fit; a rule at each new year."""
    months = (scale.end.year - scale.start.year) * 12 + scale.end.month - scale.start.month
    per_month = (scale.right - scale.left) / max(months, 1)
    step = next((s for s in _MONTH_STEPS if per_month * s >= (58 if s < 12 else 40)), _MONTH_STEPS[-1])
    parts = [tag("line", x1=scale.left, y1=bottom, x2=scale.right, y2=bottom, stroke=MUTED, stroke_width=1.0)]
    for offset in range(months + 1):
        month = _month_start(scale.start, offset)
        x = scale.x(month)
        labelled = (month.year * 12 + month.month - 1) % step == 0
        if labelled or month.month == 1:
            parts.append(
                tag("line", x1=x, y1=top, x2=x, y2=bottom, stroke="#9a9a9a" if month.month == 1 else "#dddddd", stroke_width=0.8)
            )
            parts.append(tag("line", x1=x, y1=bottom, x2=x, y2=bottom + 5.0, stroke=MUTED))
        if labelled and offset < months + (0 if narrow else 1):
            words = f"{month:%b %Y}" if step < 12 else f"{month:%Y}"
            anchor = "start" if offset == 0 else "end" if offset == months else "middle"
            parts.append(text(x, bottom + 16, words, text_anchor=anchor, font_size=SMALL, class_="label"))
    return "".join(parts)


def _counts(
    spans: Sequence[_Span], early: Sequence[_Span], scale: _Scale, top: float, width: float, id_prefix: str
) -> tuple[str, float]:
    """Stacked bars of events a week (a month over long ranges) by lane; an imprecise event spread over its window, hatched."""
    days = (scale.end - scale.start).days
    weekly = days <= 240
    bins: list[dt.date] = []
    day = scale.start - dt.timedelta(days=scale.start.weekday()) if weekly else scale.start
    while day < scale.end:
        bins.append(day)
        day = day + dt.timedelta(days=7) if weekly else _month_start(day, 1)
    bins.append(day)
    lane_of = {kind: index for index, (_, kinds) in enumerate(LANES) for kind in kinds}
    sure: dict[tuple[int, int], float] = defaultdict(float)
    spread: dict[tuple[int, int], float] = defaultdict(float)
    for span in spans:
        if span in early:
            continue
        covered = [i for i in range(len(bins) - 1) if bins[i] <= span.last and bins[i + 1] > span.first]
        for i in covered:
            target = sure if len(covered) == 1 else spread
            target[(i, lane_of[span.event.type])] += 1 / len(covered)
    totals = [sum(sure[(i, lane)] + spread[(i, lane)] for lane in range(len(LANES))) for i in range(len(bins) - 1)]
    peak = float(math.ceil(max(totals, default=0.0))) or 1.0
    height = 36.0
    # the top of the scale beside the bars when the lane names leave room there, else in the heading
    beside = scale.left - 4 >= text_width(f"{peak:.0f}", SMALL) + 2
    heading = f"Events a {'week' if weekly else 'month'}" + ("" if beside else f" (top of the scale: {peak:.0f})")
    parts = [text(0.0, top + 10, heading, font_size=SMALL, font_weight=700, fill=MUTED, class_="label")]
    base = top + 16 + height
    if beside:
        parts.append(
            text(scale.left - 4, top + 16 + 8, f"{peak:.0f}", text_anchor="end", font_size=SMALL, fill=MUTED, class_="label")
        )
    colours = ("#D55E00", "#0072B2", "#6B6B6B", "#A8A8A8")
    for i in range(len(bins) - 1):
        x0, x1 = scale.x(max(bins[i], scale.start)), scale.x(min(bins[i + 1], scale.end))
        y = base
        for lane in range(len(LANES)):
            for amount, hatched in ((sure[(i, lane)], False), (spread[(i, lane)], True)):
                if amount <= 0:
                    continue
                h = amount / peak * height
                fill = colours[lane]
                parts.append(rect((x0 + 0.5, y - h, x1 - 0.5, y), fill=fill, fill_opacity=0.35 if hatched else 0.9))
                y -= h
    parts.append(tag("line", x1=scale.left, y1=base, x2=scale.right, y2=base, stroke=MUTED, stroke_width=0.8))
    y = base + 8
    x = scale.left
    for lane, (name, _) in enumerate(LANES):
        w = 16 + text_width(name, SMALL) + 14
        if x + w > width:
            x, y = scale.left, y + SMALL * 1.6
        parts.append(rect((x, y, x + 10, y + 10), fill=colours[lane], fill_opacity=0.9))
        parts.append(text(x + 14, y + 9, name, font_size=SMALL, class_="label"))
        x += w
    y += SMALL * 1.6
    for line in wrap(
        "Paler: share of an event whose date is known only to the month, spread over it.", width - scale.left, SMALL
    ):
        parts.append(text(scale.left, y + 8, line, font_size=SMALL, fill=MUTED, class_="label"))
        y += SMALL * 1.3
    return "".join(parts), y + 2


def _legend(
    types: Sequence[str], spans: Sequence[_Span], key: Collection[str], phased: bool, width: float, y: float, id_prefix: str
) -> tuple[str, float]:
    """Colours by event type, then dot, bar and key marks; in rows that wrap at `width`."""
    items: list[tuple[str, str]] = [
        (tag("circle", cx=5.0, cy=0.0, r=_DOT_R, fill=EVENT_COLOURS[t]), t.capitalize()) for t in types
    ]
    if any(s.precise for s in spans):
        items.append((tag("circle", cx=5.0, cy=0.0, r=_DOT_R, fill=MUTED), "known to the day"))
    if any(not s.precise for s in spans):
        items.append(
            (
                rect((-4, -2.5, 14, 2.5), fill=f"url(#{id_prefix}-hatch-{types[0]})", stroke=MUTED, stroke_width=0.6),
                "known only to the month, or lasting days: across its window",
            )
        )
    if key:
        items.append(
            (tag("circle", cx=5.0, cy=0.0, r=_KEY_R, fill=MUTED, stroke=INK, stroke_width=1.4), "key event, named above")
        )
    if phased:
        items.append((rect((-4, -6, 14, 6), fill="#1f3a5f", fill_opacity=0.12), "phase"))
    parts = []
    x = 0.0
    for drawing, words in items:
        w = 24 + text_width(words, SMALL) + 14
        if x + w > width and x > 0:
            x, y = 0.0, y + SMALL * 1.7
        parts.append(tag("g", drawing, transform=f"translate({x + 4:.1f} {y + 6:.1f})"))
        parts.append(text(x + 22, y + 10, words, font_size=SMALL, class_="label"))
        x += w
    return "".join(parts), y + SMALL * 1.7
