"""What the timeline knows of each event: its span in time, its lane, which events are key; the time scale."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Final

from ... import model

# lanes: what the reader scans for first at the top; statements and politics share the quiet lanes below
LANES: Final = (
    ("Attacks and strikes", ("attack", "strike")),
    ("Forces moved", ("deployment", "handover")),
    ("Threats and statements", ("threat", "statement")),
    ("Politics, plans, sanctions", ("political", "plan", "sanction", "protest", "other")),
)


DOT_R: Final = 4.5
KEY_R: Final = 6.0
BAR_H: Final = 5.0
ROW_GAP: Final = 2.5


@dataclass(frozen=True)
class Edition:
    """An edition's as-of date, marked across the chart."""

    label: str
    date: dt.date


@dataclass(frozen=True)
class Span:
    event: model.Event
    first: dt.date
    last: dt.date
    precise: bool  # known to the day and lasting one day: a dot; otherwise a faint bar across its window


def span_of(event: model.Event) -> Span:
    end = event.date_end or event.date
    last = max(event.date.latest, end.latest)
    return Span(event, event.date.earliest, last, event.date.precision == "day" and last == event.date.earliest)


def month_start(day: dt.date, months_on: int = 0) -> dt.date:
    index = day.year * 12 + day.month - 1 + months_on
    return dt.date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True)
class Scale:
    """Linear time from `start` to `end` (exclusive) over `left`..`right`."""

    start: dt.date
    end: dt.date
    left: float
    right: float

    def x(self, day: dt.date) -> float:
        day = min(max(day, self.start), self.end)
        return self.left + (day - self.start).days * (self.right - self.left) / max((self.end - self.start).days, 1)


def outliers(spans: Sequence[Span]) -> tuple[list[Span], list[Span]]:
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

    chosen = sorted(events, key=lambda e: rank(e, basis))[:most]
    return {e.id for e in chosen if rank(e, basis)[0] <= -2}


def rank(event: model.Event, basis: Collection[str] = ()) -> tuple[int, int, str]:
    """Weight first (what a judgment rests on, the deadly, attacks and strikes, a known day), then the latest."""
    killed = event.killed.count or event.killed.high or 0 if event.killed else 0
    score = (3 if event.id in basis else 0) + (2 if killed else 0) + (1 if event.type in ("attack", "strike") else 0)
    score += 1 if event.date.precision == "day" else 0
    return (-score, -event.date.earliest.toordinal(), event.id)


def lane_units(members: Sequence[Span], key: Collection[str], early: Sequence[Span]) -> list[tuple[Span, ...]]:
    """A lane's marks in drawing order: each dot alone, bars grouped by their window (a key event's bar stays alone)."""
    windows: dict[tuple[dt.date, dt.date], list[Span]] = defaultdict(list)
    units: list[tuple[Span, ...]] = []
    for span in sorted(members, key=lambda s: (not s.precise, s.first, s.last, s.event.id)):
        if span.precise or span.event.id in key or span in early:
            units.append((span,))
        else:
            windows[(span.first, span.last)].append(span)
    units += [tuple(group) for group in windows.values()]
    return sorted(units, key=lambda u: (not u[0].precise, u[0].first, u[0].last, u[0].event.id))


def short_date(event: model.Event) -> str:
    d = event.date
    if d.precision == "day":
        return f"{d.earliest.day} {d.earliest:%b}"
    return f"{d.earliest:%b %Y}" if d.precision == "month" else str(d.year)


def when(event: model.Event) -> str:
    return event.date.human() + (f" – {event.date_end.human()}" if event.date_end else "")
