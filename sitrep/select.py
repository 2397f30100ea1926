"""Selection: the as-of view of a briefing (only what was known on its date) and what changed since the last edition."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, TypeVar

from . import model
from .dates import FuzzyDate
from .model import likelihood_shift

T = TypeVar("T", bound=model.Strict)


def visible_sources(project: model.Project, as_of: FuzzyDate) -> set[str]:
    """Sources published on or before `as_of`; a month or year counts from its last day."""
    return {sid for sid, source in project.sources.items() if source.published.latest <= as_of.latest}


@dataclass(frozen=True)
class JudgmentChange:
    judgment: model.Judgment
    change: str  # new, unchanged, raised, lowered
    before: model.Judgment | None


@dataclass(frozen=True)
class IndicatorChange:
    indicator: model.Indicator
    before: str | None  # status in the previous edition; None if it was not there
    after: str


@dataclass(frozen=True)
class Changes:
    previous: model.Briefing
    events_added: list[model.Event]
    judgments: list[JudgmentChange]
    judgments_dropped: list[model.Judgment]
    indicators: list[IndicatorChange]


@dataclass(frozen=True)
class View:
    """What one briefing sees: items filtered to its as-of date, each keeping only visible citations."""

    briefing: model.Briefing
    sources: dict[str, model.Source]
    actors: dict[str, model.Actor]
    places: dict[str, model.Place]
    events: dict[str, model.Event]  # in date order
    key_judgments: list[model.Judgment]
    assumptions: dict[str, model.Assumption]
    scenarios: dict[str, model.Scenario]
    indicators: dict[str, model.Indicator]  # with the status in force on as_of
    changes: Changes | None = None
    hidden: dict[str, int] = field(default_factory=dict)  # how many items of each kind the as-of rule held back

    def to_json(self) -> dict[str, Any]:
        """The view as plain JSON-ready data (the export, and the PDF's embedded evidence)."""

        def dump(items: Any) -> list[Any]:
            return [item.model_dump(mode="json", exclude_defaults=False) for item in items]

        data: dict[str, Any] = {
            "briefing": self.briefing.model_dump(mode="json"),
            "sources": dump(self.sources.values()),
            "actors": dump(self.actors.values()),
            "places": dump(self.places.values()),
            "events": dump(self.events.values()),
            "key_judgments": dump(self.key_judgments),
            "assumptions": dump(self.assumptions.values()),
            "scenarios": dump(self.scenarios.values()),
            "indicators": dump(self.indicators.values()),
        }
        if self.changes:
            data["changes"] = {
                "previous": self.changes.previous.slug,
                "events_added": [e.id for e in self.changes.events_added],
                "judgments": [
                    {"id": c.judgment.id, "change": c.change, "before": c.before.id if c.before else None}
                    for c in self.changes.judgments
                ],
                "judgments_dropped": [j.id for j in self.changes.judgments_dropped],
                "indicators": [{"id": c.indicator.id, "before": c.before, "after": c.after} for c in self.changes.indicators],
            }
        return data


def _cited(item: T, seen: set[str]) -> T | None:
    """The item with only the citations of visible sources, or None when none is left."""
    kept = [c for c in item.cite if c.source in seen]  # type: ignore[attr-defined]
    if not kept:
        return None
    return item if len(kept) == len(item.cite) else item.model_copy(update={"cite": kept})  # type: ignore[attr-defined]


def _known(when: FuzzyDate | None, as_of: FuzzyDate) -> bool:
    return when is None or when.latest <= as_of.latest


def _parts(item: T, seen: set[str], as_of: FuzzyDate, **dated: str) -> T:
    """Filter an item's dated, cited parts (roles, relations, status...) to what was known on as_of."""
    update: dict[str, Any] = {}
    for part_field, date_field in dated.items():
        parts = getattr(item, part_field)
        kept = []
        for part in parts:
            if not _known(getattr(part, date_field), as_of):
                continue
            if "cite" in type(part).model_fields and part.cite:
                part = _cited(part, seen)
                if part is None:
                    continue
            kept.append(part)
        if len(kept) != len(parts):
            update[part_field] = kept
    return item.model_copy(update=update) if update else item


def select(project: model.Project, briefing: model.Briefing, with_changes: bool = True) -> View:
    """The as-of view of `briefing`: what it may show, and nothing known only later."""
    as_of = briefing.as_of
    seen = visible_sources(project, as_of)
    hidden: dict[str, int] = {}

    def keep(name: str, items: dict[str, T], extra: Any = None) -> dict[str, T]:
        result: dict[str, T] = {}
        for key, item in items.items():
            if extra is not None and not extra(item):
                continue
            cited = _cited(item, seen)
            if cited is not None:
                result[key] = cited
        hidden[name] = len(items) - len(result)
        return result

    scope = briefing.scope

    def in_view(event: model.Event) -> bool:
        return (
            event.date.latest <= as_of.latest
            and (not scope.actors or any(p.actor in scope.actors for p in event.actors))
            and (not scope.places or event.place in scope.places)
            and (not scope.tags or any(tag in scope.tags for tag in event.tags))
        )

    events = keep("events", project.events, in_view)
    events = dict(sorted(events.items(), key=lambda kv: (kv[1].date.sort_key(), kv[0])))

    actors = {
        key: _parts(actor, seen, as_of, roles="since", relations="since", designations="date")
        for key, actor in keep("actors", project.actors).items()
    }
    places = {key: _parts(place, seen, as_of, status="date") for key, place in keep("places", project.places).items()}
    sources = {key: project.sources[key] for key in sorted(seen, key=lambda s: (project.sources[s].published.sort_key(), s))}

    key_judgments = []
    for judgment_id in briefing.key_judgments:
        judgment = _cited(project.judgments[judgment_id], seen) if judgment_id in project.judgments else None
        if judgment is not None:
            basis = [e for e in judgment.basis if e in events]
            key_judgments.append(judgment.model_copy(update={"basis": basis}) if basis != judgment.basis else judgment)
    assumption_ids = {a for j in key_judgments for a in j.assumptions}
    assumptions = {
        key: item
        for key, item in project.assumptions.items()
        if key in assumption_ids and (not item.cite or _cited(item, seen) is not None)
    }
    assumptions = {key: (_cited(item, seen) or item) if item.cite else item for key, item in assumptions.items()}

    indicators: dict[str, model.Indicator] = {}
    for key, indicator in keep("indicators", project.indicators).items():
        indicators[key] = indicator.model_copy(
            update={
                "status": status_on(indicator, as_of),
                "status_history": [h for h in indicator.status_history if _known(h.date, as_of)],
                "evidence": [e for e in indicator.evidence if e in events],
            }
        )
    scenarios = {
        key: s.model_copy(update={"indicators": [i for i in s.indicators if i in indicators]})
        for key, s in keep("scenarios", project.scenarios).items()
    }

    view = View(briefing, sources, actors, places, events, key_judgments, assumptions, scenarios, indicators, None, hidden)
    previous = project.briefings.get(briefing.previous or "")
    if with_changes and previous is not None:
        view = _with_changes(view, select(project, previous, with_changes=False))
    return view


def status_on(indicator: model.Indicator, as_of: FuzzyDate) -> str:
    """The indicator's status in force on `as_of`: the last dated change by then, else its status."""
    if not indicator.status_history:
        return indicator.status
    known = [h for h in indicator.status_history if _known(h.date, as_of)]
    return known[-1].status if known else "not-observed"


def _with_changes(view: View, before: View) -> View:
    events_added = [event for key, event in view.events.items() if key not in before.events]
    earlier = {j.id: j for j in before.key_judgments}
    judgment_changes: list[JudgmentChange] = []
    carried: set[str] = set()
    for judgment in view.key_judgments:
        predecessor = earlier.get(judgment.supersedes or "") or earlier.get(judgment.id)
        if predecessor is None:
            judgment_changes.append(JudgmentChange(judgment, "new", None))
            continue
        carried.add(predecessor.id)
        judgment_changes.append(
            JudgmentChange(judgment, likelihood_shift(predecessor.likelihood, judgment.likelihood), predecessor)
        )
    dropped = [j for j in before.key_judgments if j.id not in carried]
    indicator_changes = []
    for key, indicator in view.indicators.items():
        old = before.indicators.get(key)
        old_status = old.status if old else None
        if old_status != indicator.status and not (old is None and indicator.status == "not-observed"):
            indicator_changes.append(IndicatorChange(indicator, old_status, indicator.status))
    changes = Changes(before.briefing, events_added, judgment_changes, dropped, indicator_changes)
    return View(**{**view.__dict__, "changes": changes})
