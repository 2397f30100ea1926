"""The as-of rule's own checks: `published_by` narrows a date, later versions are seen later, aliases are met in sources,
a window ends no later than its sources could know."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from .. import model, quotes
from ..load import Loaded
from ..model.kinds import KINDS
from ..problems import Problem
from ..select import seen_from
from .walk import items, key, label, problem


def published_by(project: model.Project, loaded: Loaded) -> Iterator[Problem]:
    """`published_by` is a day within `published`."""
    for source in project.sources.values():
        day = source.published_by
        if day is None:
            continue
        origin = loaded.origins[("sources", source.id)]
        if day.precision != "day":
            yield problem(
                origin,
                ("published_by",),
                f"source '{source.id}': published_by {day} is not a day",
                "published_by is the latest day the text can have been published: write it as YYYY-MM-DD",
            )
        elif not source.published.earliest <= day.latest <= source.published.latest:
            yield problem(
                origin,
                ("published_by",),
                f"source '{source.id}': published_by {day} is outside published ({source.published})",
                "published_by narrows 'published' to the latest day its content allows: give a day within it",
            )


def _first_seen(project: model.Project, item: Any) -> dt.date | None:
    """The first day an edition sees `item`: by any source citing it, or (a later version) by the last of them."""
    days = [seen_from(project.sources[c.source]) for c in item.cite if c.source in project.sources]
    if not days:
        return None
    return max(days) if item.rests_on_every_source() else min(days)


def versions(project: model.Project, loaded: Loaded) -> Iterator[Problem]:
    """A later version of a scenario, an assumption or a summary is seen after the one it replaces, or it never shows."""
    for kind in KINDS.values():
        if not kind.versioned:
            continue
        collection = getattr(project, kind.name)
        for item in collection.values():
            earlier = collection.get(item.supersedes or "")
            if earlier is None:
                continue  # none, or reported as a dangling reference
            origin = loaded.origins[(kind.name, item.id)]
            if earlier.id == item.id:
                yield problem(
                    origin, ("supersedes",), f"{kind.singular} '{item.id}' supersedes itself", "name its earlier version"
                )
                continue
            new, old = _first_seen(project, item), _first_seen(project, earlier)
            if new is not None and old is not None and new <= old:
                yield problem(
                    origin,
                    ("supersedes",),
                    f"{kind.singular} '{item.id}' supersedes '{earlier.id}', but editions see both from {new}: "
                    f"'{earlier.id}' would never be shown",
                    "a later version is shown once an edition sees every source it cites: cite a source published "
                    f"after those of '{earlier.id}', or drop 'supersedes'",
                )
    for name in ("actors", "places"):
        for item in getattr(project, name).values():
            base = _first_seen(project, item)
            for i, version in enumerate(item.summary_versions):
                seen = _first_seen(project, version)
                if base is not None and seen is not None and seen <= base:
                    yield problem(
                        loaded.origins[(name, item.id)],
                        ("summary_versions", i),
                        f"{KINDS[name].singular} '{item.id}': summary_versions[{i}] is seen from {seen}, "
                        f"as soon as the {KINDS[name].singular} itself: its 'summary' would never be shown",
                        "put what the earliest sources say in 'summary', and cite later sources on each later version",
                        "warning",
                    )


def aliases(project: model.Project, loaded: Loaded) -> Iterator[Problem]:
    """Every alias is met in some source's text: an edition shows an alias only where its sources use it."""
    if "sources" in loaded.unreadable or any(name == "sources" for name, _ in loaded.invalid):
        return  # a source that did not load may be the one that writes it
    texts = quotes.Corpus.of(project.texts.values())
    for kind, item in items(project):
        for i, alias in enumerate(getattr(item, "aliases", ())):
            if not texts.has(alias):
                yield problem(
                    loaded.origins[key(kind, item)],
                    ("aliases", i),
                    f"{label(kind, item)}: alias '{alias}' is in no source's text",
                    "aliases are spellings met in sources, and an edition shows those its sources use: "
                    "correct the spelling, or add the source that writes it",
                    "warning",
                )


def window_ends(project: model.Project, loaded: Loaded) -> Iterator[Problem]:
    """An event's `date_end` is no later than the last of its sources: no source can know a window ran on after it."""
    for event in project.events.values():
        days = [seen_from(project.sources[c.source]) for c in event.cite if c.source in project.sources]
        if event.date_end is None or not days or event.date_end.latest <= max(days):
            continue
        last = max(days)
        yield problem(
            loaded.origins[("events", event.id)],
            ("date_end",),
            f"event '{event.id}': date_end {event.date_end} runs past {last:%-d %B %Y}, when the last source citing it "
            "was published: no source can know that end",
            f"end the window when its last source was published (date_end: {last.isoformat()}), "
            "or cite a later source that reports the end",
            "warning",
        )


def indicator_statuses(project: model.Project, loaded: Loaded) -> Iterator[Problem]:
    """A status resting on evidence reported after the indicator's own sources says from when, in status_history.

    Without a history an edition shows the status as written from the day it first sees the indicator; that is
    honest only if the indicator's own sources already support it.
    """
    for indicator in project.indicators.values():
        if indicator.status == "not-observed" or indicator.status_history or not indicator.cite:
            continue
        first = min((seen_from(project.sources[c.source]) for c in indicator.cite if c.source in project.sources), default=None)
        if first is None:
            continue
        for event_id in indicator.evidence:
            event = project.events.get(event_id)
            days = [seen_from(project.sources[c.source]) for c in event.cite if c.source in project.sources] if event else []
            if days and min(days) > first:
                yield problem(
                    loaded.origins[("indicators", indicator.id)],
                    ("status",),
                    f"indicator '{indicator.id}': status {indicator.status} rests on event '{event_id}', first reported "
                    f"on {min(days)}, but editions see the indicator from {first}",
                    f"add status_history: [{{date: ..., status: {indicator.status}, cite: [...]}}]; "
                    "earlier editions then show not-observed",
                    "warning",
                )
                break
