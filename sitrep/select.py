"""Selection: the as-of view of a briefing (only what was known on its date) and what changed since the last edition."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, TypeVar

from . import model
from .dates import FuzzyDate
from .model import kinds, likelihood_shift

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


@dataclass(frozen=True)
class Seen:
    """What an edition can see: its as-of date, its sources, and (once known) the ids of each kind it shows."""

    as_of: FuzzyDate
    sources: frozenset[str]
    ids: dict[str, set[str]] | None = None  # kind -> visible ids; None while visibility is being decided

    def shows(self, kind: str, item_id: str) -> bool:
        if kind == "sources":
            return item_id in self.sources
        return self.ids is None or kind not in self.ids or item_id in self.ids[kind]


def as_seen(item: T, seen: Seen) -> T | None:
    """`item` as an edition sees it, or None when it cannot see it at all.

    Read from the model's declarations, so every field is covered by construction: citations
    of sources the edition cannot see are dropped, and an item or part that had citations and
    keeps none is not shown; so is an item or part whose `Dated` date is after the as-of date;
    references (`Ref`) to items the edition does not show are dropped, and a part that cannot
    stand without its reference (a relation without its target) goes with it.
    """
    update: dict[str, Any] = {}
    for shape in kinds.shapes(type(item)):
        value = getattr(item, shape.name)
        if value is None:
            continue
        if shape.dated:
            if value.latest > seen.as_of.latest:
                return None
        elif shape.ref is not None:
            if shape.many:
                kept_ids = [ref for ref in value if seen.shows(shape.ref, ref)]
                if len(kept_ids) != len(value):
                    update[shape.name] = kept_ids
            elif not seen.shows(shape.ref, value):
                if type(item).model_fields[shape.name].is_required():
                    return None
                update[shape.name] = None
        elif shape.part is not None:
            parts = value if shape.many else [value]
            kept = [part for part in (as_seen(part, seen) for part in parts) if part is not None]
            if shape.part is model.Citation and parts and not kept:
                return None  # it rested only on sources the edition cannot see
            if len(kept) != len(parts) or any(a is not b for a, b in zip(kept, parts, strict=False)):
                if shape.many:
                    update[shape.name] = kept
                elif not kept and type(item).model_fields[shape.name].is_required():
                    return None
                else:
                    update[shape.name] = kept[0] if kept else None
    return item.model_copy(update=update) if update else item


def select(project: model.Project, briefing: model.Briefing, with_changes: bool = True) -> View:
    """The as-of view of `briefing`: what it may show, and nothing known only later."""
    as_of = briefing.as_of
    deciding = Seen(as_of, frozenset(visible_sources(project, as_of)))
    scope = briefing.scope

    def in_scope(event: model.Event) -> bool:
        return (
            (not scope.actors or any(p.actor in scope.actors for p in event.actors))
            and (not scope.places or event.place in scope.places)
            and (not scope.tags or any(tag in scope.tags for tag in event.tags))
        )

    # First which items the edition sees at all (by their citations and dates), then each of
    # them as it sees it (with only the references, parts and citations it can see).
    ids: dict[str, set[str]] = {}
    for kind in kinds.LISTED:
        items = getattr(project, kind.name)
        ids[kind.name] = {
            key
            for key, item in items.items()
            if (kind.name != "events" or in_scope(item)) and as_seen(item, deciding) is not None
        }
    seen = Seen(as_of, deciding.sources, ids)
    visible: dict[str, dict[str, Any]] = {}
    for kind in kinds.LISTED:
        items = getattr(project, kind.name)
        visible[kind.name] = {
            key: shown for key in items if key in ids[kind.name] and (shown := as_seen(items[key], seen)) is not None
        }
    hidden = {kind.name: len(getattr(project, kind.name)) - len(visible[kind.name]) for kind in kinds.LISTED}

    events = dict(sorted(visible["events"].items(), key=lambda kv: (kv[1].date.sort_key(), kv[0])))
    sources = {
        key: project.sources[key] for key in sorted(seen.sources, key=lambda s: (project.sources[s].published.sort_key(), s))
    }
    key_judgments = [visible["judgments"][j] for j in briefing.key_judgments if j in visible["judgments"]]
    assumption_ids = {a for j in key_judgments for a in j.assumptions}
    assumptions = {key: item for key, item in visible["assumptions"].items() if key in assumption_ids}
    indicators = {
        key: indicator.model_copy(update={"status": status_on(project.indicators[key], indicator)})
        for key, indicator in visible["indicators"].items()
    }

    view = View(
        briefing,
        sources,
        visible["actors"],
        visible["places"],
        events,
        key_judgments,
        assumptions,
        visible["scenarios"],
        indicators,
        None,
        hidden,
    )
    previous = project.briefings.get(briefing.previous or "")
    if with_changes and previous is not None:
        view = _with_changes(view, select(project, previous, with_changes=False))
    return view


def status_on(indicator: model.Indicator, seen: model.Indicator) -> str:
    """The status in force for an edition: the last dated change it sees (`seen`), else the indicator's status."""
    if not indicator.status_history:
        return indicator.status
    return seen.status_history[-1].status if seen.status_history else "not-observed"


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
