"""Selection: the as-of view of a briefing (only what was known on its date) and what changed since the last edition."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, TypeVar

from . import model, quotes
from .dates import FuzzyDate
from .model import confidence_shift, kinds, likelihood_shift

T = TypeVar("T", bound=model.Strict)


def seen_from(source: model.Source) -> dt.date:
    """The first day an edition sees a source: its `published_by` day, else the last day its date can mean."""
    return (source.published_by or source.published).latest


def visible_sources(project: model.Project, as_of: FuzzyDate) -> set[str]:
    """Sources published on or before `as_of`; a month or year counts from its last day, unless `published_by` says earlier."""
    return {sid for sid, source in project.sources.items() if seen_from(source) <= as_of.latest}


@dataclass(frozen=True)
class JudgmentChange:
    judgment: model.Judgment
    change: str  # new, unchanged, raised, lowered: the likelihood
    before: model.Judgment | None
    confidence: str = "unchanged"  # unchanged, raised, lowered (new judgments: unchanged)
    outcome: model.Outcome | None = None  # what became of the earlier judgment, as this edition sees it


@dataclass(frozen=True)
class ScenarioChange:
    scenario: model.Scenario
    change: str  # new, unchanged, raised, lowered: the likelihood
    before: model.Scenario | None  # the version the previous edition showed


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
    outcomes: dict[str, model.Outcome] = field(default_factory=dict)  # dropped judgment -> what became of it, if known
    scenarios: list[ScenarioChange] = field(default_factory=list)
    scenarios_dropped: list[model.Scenario] = field(default_factory=list)


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
    gaps: dict[str, model.Gap] = field(default_factory=dict)  # recorded gaps and conflicts the edition sees
    single_sourced: dict[str, str] = field(default_factory=dict)  # key judgment -> the one source its evidence has

    def shown(self) -> dict[str, dict[str, Any]]:
        """Everything the edition shows, by kind name: the items its pages, links and checks may use."""
        return {
            "sources": self.sources,
            "actors": self.actors,
            "places": self.places,
            "events": self.events,
            "judgments": {j.id: j for j in self.key_judgments},
            "assumptions": self.assumptions,
            "scenarios": self.scenarios,
            "indicators": self.indicators,
            "gaps": self.gaps,
        }

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
            "gaps": dump(self.gaps.values()),
            "single_sourced": self.single_sourced,
        }
        if self.changes:
            data["changes"] = {
                "previous": self.changes.previous.slug,
                "events_added": [e.id for e in self.changes.events_added],
                "judgments": [
                    {
                        "id": c.judgment.id,
                        "change": c.change,
                        "confidence": c.confidence,
                        "before": c.before.id if c.before else None,
                    }
                    for c in self.changes.judgments
                ],
                "judgments_dropped": [j.id for j in self.changes.judgments_dropped],
                "outcomes": {key: o.model_dump(mode="json") for key, o in self.changes.outcomes.items()},
                "indicators": [{"id": c.indicator.id, "before": c.before, "after": c.after} for c in self.changes.indicators],
                "scenarios": [
                    {"id": c.scenario.id, "change": c.change, "before": c.before.id if c.before else None}
                    for c in self.changes.scenarios
                ],
                "scenarios_dropped": [s.id for s in self.changes.scenarios_dropped],
            }
        return data


@dataclass(frozen=True)
class Seen:
    """What an edition can see: its as-of date, its sources and their texts, and (once known) the ids of each kind it shows."""

    as_of: FuzzyDate
    sources: frozenset[str]
    texts: dict[str, str]
    ids: dict[str, set[str]] | None = None  # kind -> visible ids; None while visibility is being decided
    newer: dict[str, dict[str, str]] = field(default_factory=dict)  # kind -> earlier version -> the version shown
    under: Seen | None = None  # a narrower sight, whose sources' texts are folded already
    corpora: quotes.Corpora | None = None  # the caller's folded texts, kept across checks (the live preview's)

    def shows(self, kind: str, item_id: str) -> bool:
        """True when the edition shows the item, or a later version of it."""
        if kind == "sources":
            return item_id in self.sources
        if self.ids is None or kind not in self.ids:
            return True
        return item_id in self.ids[kind] or item_id in self.newer.get(kind, {})

    def current(self, kind: str, item_id: str) -> str:
        """The version of an item the edition shows: a reference to an earlier version leads to it."""
        return self.newer.get(kind, {}).get(item_id, item_id)

    def attests(self, words: str) -> bool:
        """True when a source the edition sees has these words (an alias it may show)."""
        return self.corpus.has(words)

    @cached_property
    def corpus(self) -> quotes.Corpus:
        """The texts of the sources it sees, folded once (an edition asks about every alias); those a narrower sight
        (`under`) saw are its."""
        under = self.under.corpus if self.under is not None else None
        folded = self.under.sources if self.under is not None else frozenset()
        texts = [self.texts[s] for s in sorted(self.sources - folded) if s in self.texts]
        return quotes.Corpus.of(texts, under) if self.corpora is None else self.corpora.of(texts, under)

    def settled(self, ids: dict[str, set[str]], newer: dict[str, dict[str, str]]) -> Seen:
        """The same sight once visibility is decided; the texts stay folded, and the aliases already asked about answered."""
        settled = Seen(self.as_of, self.sources, self.texts, ids, newer, self.under, self.corpora)
        settled.__dict__["corpus"] = self.corpus  # a cached_property lives in the instance's __dict__
        return settled


def as_seen(item: T, seen: Seen) -> T | None:
    """`item` as an edition sees it, or None when it cannot see it at all.

    Read from the model's declarations, so every field is covered by construction: citations
    of sources the edition cannot see are dropped, and an item or part that had citations and
    keeps none is not shown (a later version of prose, which rests on every source it cites,
    is not shown until the edition sees them all); so is an item or part whose `Dated` date is
    after the as-of date; references (`Ref`) to items the edition does not show are dropped,
    and a part that cannot stand without its reference (a relation without its target) goes
    with it; `Attested` words (aliases) are shown only where a source the edition sees has them.
    """
    if item.rests_on_every_source() and not all(c.source in seen.sources for c in getattr(item, "cite", [])):
        return None
    update: dict[str, Any] = {}
    for shape in kinds.seen_shapes(type(item)):
        value = getattr(item, shape.name)
        if value is None:
            continue
        if shape.dated:
            if value.latest > seen.as_of.latest:
                return None
        elif shape.ref is not None and not shape.ref.earlier:
            target = shape.ref.kind
            if shape.many:
                kept_ids = list(dict.fromkeys(seen.current(target, ref) for ref in value if seen.shows(target, ref)))
                if kept_ids != value:
                    update[shape.name] = kept_ids
            elif not seen.shows(target, value):
                if type(item).model_fields[shape.name].is_required():
                    return None
                update[shape.name] = None
            elif seen.current(target, value) != value:
                update[shape.name] = seen.current(target, value)
        elif shape.attested and shape.many:
            kept_words = [words for words in value if seen.attests(words)]
            if len(kept_words) != len(value):
                update[shape.name] = kept_words
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
    # read from the fields (a pydantic model keeps them in its __dict__): asking a part without the field by getattr
    # raises inside pydantic, half a million times at 10,000 events
    versions = update.get("summary_versions", vars(item).get("summary_versions"))
    if versions:  # the newest summary the edition can see
        update["summary"] = versions[-1].text
    shown = item.model_copy(update=update) if update else item
    return shown if shown.stands() else None


@dataclass(frozen=True)
class Known:
    """What one sight sees of every kind (`known`), kept so a wider sight can start from it."""

    seen: Seen  # settled: its ids and newer versions are decided
    visible: dict[str, dict[str, Any]]

    def within(self, seen: Seen) -> bool:
        """True when `seen` sees every source this sight saw, on the same date or later."""
        return self.seen.sources <= seen.sources and self.seen.as_of.latest <= seen.as_of.latest


def known(
    project: model.Project,
    seen: Seen,
    include: Callable[[kinds.Kind, Any], bool] = lambda kind, item: True,
    base: Known | None = None,
) -> Known:
    """Every item of each kind as `seen` sees it, by kind name: the one pass of the as-of rule.

    First which items it sees at all (by their citations and dates; a later version hides the
    one it supersedes), then each of them as it sees it (only the references, parts and
    citations it can see). `include` narrows what is shown (a briefing's scope).

    `base` is a narrower sight made with the same `include` (an earlier edition: editions are nested by date). An
    item it showed as written is seen by `seen` too, every citation, date and alias of it being seen; and it shows as
    written again unless a reference of it may now lead elsewhere, which cannot happen when the versions shown are
    the same and nothing that `base` showed is hidden. Those items are taken as they are, not walked again.
    """
    before = base.visible if base is not None and base.within(seen) else {}
    ids: dict[str, set[str]] = {}
    newer: dict[str, dict[str, str]] = {}
    for kind in kinds.LISTED:
        items = getattr(project, kind.name)
        shown_before = before.get(kind.name, {})
        ids[kind.name] = {
            key
            for key, item in items.items()
            if include(kind, item) and (shown_before.get(key) is item or as_seen(item, seen) is not None)
        }
        if kind.versioned:
            newer[kind.name] = _earlier_versions(items, ids[kind.name])
            ids[kind.name] -= set(newer[kind.name])
    settled = seen.settled(ids, newer)
    if (
        base is None
        or base.seen.newer != newer
        or any(not ids_before <= ids[k] for k, ids_before in (base.seen.ids or {}).items())
    ):
        before = {}  # a reference may lead elsewhere now: every item is walked
    visible: dict[str, dict[str, Any]] = {}
    for kind in kinds.LISTED:
        items = getattr(project, kind.name)
        shown_before = before.get(kind.name, {})
        visible[kind.name] = {
            key: shown
            for key in items
            if key in ids[kind.name]
            and (shown := items[key] if shown_before.get(key) is items[key] else as_seen(items[key], settled)) is not None
        }
    return Known(settled, visible)


def _earlier_versions(items: dict[str, Any], shown: set[str]) -> dict[str, str]:
    """Each version that a shown item supersedes, directly or down the chain, mapped to the newest one shown."""
    newest: dict[str, str] = {}
    for key in sorted(shown, key=lambda k: _depth(items, k), reverse=True):  # the newest claims its chain first
        previous = items[key].supersedes
        while previous and previous not in newest and previous in items and previous != key:
            newest[previous] = key
            previous = items[previous].supersedes
    return newest


def _depth(items: dict[str, Any], key: str) -> int:
    """How many earlier versions an item has (a loop is counted once)."""
    chain = [key]
    while (previous := items[chain[-1]].supersedes) and previous in items and previous not in chain:
        chain.append(previous)
    return len(chain)


def latest(project: model.Project) -> dict[str, dict[str, Any]]:
    """What every source together says: the latest knowledge, which the all-time pages show."""
    everything = Seen(FuzzyDate(9999), frozenset(project.sources), project.texts)
    return known(project, everything).visible


# slug -> an edition's view without its changes, the judgments it sees, and all it knows: what `select` makes of each
# edition once, and starts the next edition from
Plain = dict[str, tuple["View", dict[str, model.Judgment], Known]]


def select(
    project: model.Project,
    briefing: model.Briefing,
    with_changes: bool = True,
    plain: Plain | None = None,
    corpora: quotes.Corpora | None = None,
) -> View:
    """The as-of view of `briefing`: what it may show, and nothing known only later.

    `plain` (the caller's, empty at first) keeps each edition's view as it is made: selecting every edition then
    selects each once, not once more as the previous edition of the next; and each edition starts from the widest
    one already made that it sees all of (same scope, no later date, no source it lacks), so selecting the editions
    in date order walks each item about once. `plain` holds views of one project: a changed project needs a new one.
    `corpora` (the caller's, kept across checks) fold each edition's texts once, not once per check.
    """
    plain = {} if plain is None else plain
    view, judgments, _ = _plain_view(project, briefing, plain, corpora)
    previous = project.briefings.get(briefing.previous or "")
    if with_changes and previous is not None:
        view = _with_changes(view, _plain_view(project, previous, plain, corpora)[0], judgments, project)
    return view


def _plain_view(
    project: model.Project, briefing: model.Briefing, plain: Plain, corpora: quotes.Corpora | None = None
) -> tuple[View, dict[str, model.Judgment], Known]:
    if briefing.slug not in plain:
        plain[briefing.slug] = _view(project, briefing, plain, corpora)
    return plain[briefing.slug]


def _base(briefing: model.Briefing, seen: Seen, plain: Plain) -> Known | None:
    """The widest edition already made that `seen` sees all of, with the same scope: where its view can start."""
    made = [base for view, _, base in plain.values() if view.briefing.scope == briefing.scope and base.within(seen)]
    return max(made, key=lambda base: (len(base.seen.sources), base.seen.as_of.latest), default=None)


def _view(
    project: model.Project, briefing: model.Briefing, plain: Plain, corpora: quotes.Corpora | None
) -> tuple[View, dict[str, model.Judgment], Known]:
    as_of = briefing.as_of
    sources_seen = visible_sources(project, as_of)
    texts = {key: project.texts[key] for key in sources_seen if key in project.texts}
    seen = Seen(as_of, frozenset(sources_seen), texts, corpora=corpora)
    scope = briefing.scope

    def in_scope(kind: kinds.Kind, item: Any) -> bool:
        if kind.name != "events":
            return True
        # an event is in scope when it matches any filter given: one without a place can still match by actor or tag
        matches = (
            (scope.actors, any(p.actor in scope.actors for p in item.actors)),
            (scope.places, item.place in scope.places),
            (scope.tags, any(tag in scope.tags for tag in item.tags)),
        )
        given = [matched for wanted, matched in matches if wanted]
        return not given or any(given)

    base = _base(briefing, seen, plain)
    if base is not None:  # its texts are folded: only the sources it lacks are
        seen = Seen(seen.as_of, seen.sources, seen.texts, under=base.seen, corpora=corpora)
    made = known(project, seen, in_scope, base)
    visible = made.visible
    hidden = {kind.name: len(getattr(project, kind.name)) - len(visible[kind.name]) for kind in kinds.LISTED}

    events = {
        key: window_as_of(event, as_of)
        for key, event in sorted(visible["events"].items(), key=lambda kv: (kv[1].date.sort_key(), kv[0]))
    }
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
        visible["gaps"],
        {j.id: only[0] for j in key_judgments if len(only := evidence_sources(j, events)) == 1},
    )
    return view, visible["judgments"], made


def window_as_of(event: model.Event, as_of: FuzzyDate) -> model.Event:
    """`event` with its window ending no later than `as_of`: an edition cannot know an end that comes after its date."""
    if event.date_end is None or event.date_end.latest <= as_of.latest:
        return event
    return event.model_copy(update={"date_end": as_of})


def evidence_sources(judgment: model.Judgment, events: dict[str, model.Event]) -> list[str]:
    """The sources a judgment's evidence comes from: its own citations and those of its basis events."""
    cites = [*judgment.cite, *(c for e in judgment.basis if e in events for c in events[e].cite)]
    return sorted({c.source for c in cites})


def status_on(indicator: model.Indicator, seen: model.Indicator) -> str:
    """The status in force for an edition: the last dated change it sees (`seen`), else the indicator's status."""
    if not indicator.status_history:
        return indicator.status
    return seen.status_history[-1].status if seen.status_history else "not-observed"


def _with_changes(view: View, before: View, judgments: dict[str, model.Judgment], project: model.Project) -> View:
    """What changed since `before`; `judgments` are every judgment as this edition sees it (their outcomes)."""
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
        likelihood = likelihood_shift(predecessor.likelihood, judgment.likelihood)
        confidence = confidence_shift(predecessor.confidence, judgment.confidence)
        outcome = getattr(judgments.get(predecessor.id), "outcome", None)
        judgment_changes.append(JudgmentChange(judgment, likelihood, predecessor, confidence, outcome))
    dropped = [j for j in before.key_judgments if j.id not in carried]
    outcomes = {j.id: outcome for j in dropped if (outcome := getattr(judgments.get(j.id), "outcome", None))}
    scenario_changes: list[ScenarioChange] = []
    continued: set[str] = set()
    for scenario in view.scenarios.values():
        earlier_scenario = _shown_version(project.scenarios, scenario.id, before.scenarios)
        if earlier_scenario is None:
            scenario_changes.append(ScenarioChange(scenario, "new", None))
            continue
        continued.add(earlier_scenario.id)
        shift = likelihood_shift(earlier_scenario.likelihood, scenario.likelihood)
        scenario_changes.append(ScenarioChange(scenario, shift, earlier_scenario))
    scenarios_dropped = [s for key, s in before.scenarios.items() if key not in continued]
    indicator_changes = []
    for key, indicator in view.indicators.items():
        old = before.indicators.get(key)
        old_status = old.status if old else None
        if old_status != indicator.status and not (old is None and indicator.status == "not-observed"):
            indicator_changes.append(IndicatorChange(indicator, old_status, indicator.status))
    changes = Changes(
        before.briefing,
        events_added,
        judgment_changes,
        dropped,
        indicator_changes,
        outcomes,
        scenario_changes,
        scenarios_dropped,
    )
    return View(**{**view.__dict__, "changes": changes})


def _shown_version(written: dict[str, model.Scenario], key: str, shown: dict[str, model.Scenario]) -> model.Scenario | None:
    """The version of a scenario (itself or one it supersedes, down the chain) that `shown` holds."""
    chain: list[str] = []
    while key and key not in chain:
        if key in shown:
            return shown[key]
        chain.append(key)
        key = (written[key].supersedes or "") if key in written else ""
    return None
