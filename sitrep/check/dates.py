"""Dates: windows, roles and periods run forwards; briefings speak from one day."""

from __future__ import annotations

from collections.abc import Iterator

from .. import model
from ..dates import FuzzyDate
from ..load import Loaded
from ..problems import Problem
from .walk import problem


def _before(first: FuzzyDate | None, second: FuzzyDate | None) -> bool:
    """True when `second` certainly comes before `first` (an impossible order)."""
    return first is not None and second is not None and second.latest < first.earliest


def dates(project: model.Project, loaded: Loaded) -> Iterator[Problem]:
    origins = loaded.origins
    for event in project.events.values():
        if _before(event.date, event.date_end):
            yield problem(
                origins[("events", event.id)],
                ("date_end",),
                f"event '{event.id}': date_end {event.date_end} is before date {event.date}",
                "date_end is the latest the event can have happened: make it the same as or after 'date'",
            )
    for actor in project.actors.values():
        for field in ("roles", "relations"):
            for i, part in enumerate(getattr(actor, field)):
                if _before(part.since, part.until):
                    yield problem(
                        origins[("actors", actor.id)],
                        (field, i, "until"),
                        f"actor '{actor.id}': {field[:-1]} ends ({part.until}) before it starts ({part.since})",
                        "'until' must be the same as or after 'since'",
                    )
    for source in project.sources.values():
        if _before(source.published, source.accessed):
            yield problem(
                origins[("sources", source.id)],
                ("accessed",),
                f"source '{source.id}': accessed {source.accessed} is before it was published ({source.published})",
                "a source cannot be read before it is published: correct 'accessed' or 'published'",
            )
    for briefing in project.briefings.values():
        origin = origins[("briefings", briefing.slug)]
        if briefing.as_of.precision != "day":
            yield problem(
                origin,
                ("as_of",),
                f"briefing '{briefing.slug}': as_of {briefing.as_of} is not a day",
                "a briefing speaks from one day: write as_of as YYYY-MM-DD",
            )
        if briefing.period and _before(briefing.period.start, briefing.period.end):
            yield problem(
                origin,
                ("period", "end"),
                f"briefing '{briefing.slug}': period ends ({briefing.period.end}) before it starts ({briefing.period.start})",
                "make 'end' the same as or after 'start'",
            )
        if briefing.period and briefing.period.end.earliest > briefing.as_of.latest:
            yield problem(
                origin,
                ("period", "end"),
                f"briefing '{briefing.slug}': period ends ({briefing.period.end}) after as_of ({briefing.as_of})",
                "a briefing cannot cover events after the day it speaks from: end the period on or before as_of",
            )
