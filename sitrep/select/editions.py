"""Selecting an edition: its as-of view, made once per edition and started from the widest narrower one."""

from __future__ import annotations

from typing import Any

from .. import model, quotes
from ..dates import FuzzyDate
from ..model import kinds
from .changes import with_changes as changes_since
from .seen import Answers, Known, Seen, known, visible_sources
from .view import View

# slug -> an edition's view without its changes, the judgments it sees, and all it knows: what `select` makes of each
# edition once, and starts the next edition from
Plain = dict[str, tuple["View", dict[str, model.Judgment], Known]]


def select(
    project: model.Project,
    briefing: model.Briefing,
    with_changes: bool = True,
    plain: Plain | None = None,
    corpora: quotes.Corpora | None = None,
    answers: dict[str, Answers] | None = None,
) -> View:
    """The as-of view of `briefing`: what it may show, and nothing known only later.

    `plain` (the caller's, empty at first) keeps each edition's view as it is made: selecting every edition then
    selects each once, not once more as the previous edition of the next; and each edition starts from the widest
    one already made that it sees all of (same scope, no later date, no source it lacks), so selecting the editions
    in date order walks each item about once. `plain` holds views of one project: a changed project needs a new one.
    `corpora` (the caller's, kept across checks) fold each edition's texts once, not once per check, and `answers`
    (the caller's too, by edition) keep what each edition's sight answered of each item (see `Answers`).
    """
    plain = {} if plain is None else plain
    view, judgments, _ = _plain_view(project, briefing, plain, corpora, answers)
    previous = project.briefings.get(briefing.previous or "")
    if with_changes and previous is not None:
        view = changes_since(view, _plain_view(project, previous, plain, corpora, answers)[0], judgments, project)
    return view


def _plain_view(
    project: model.Project,
    briefing: model.Briefing,
    plain: Plain,
    corpora: quotes.Corpora | None = None,
    answers: dict[str, Answers] | None = None,
) -> tuple[View, dict[str, model.Judgment], Known]:
    if briefing.slug not in plain:
        kept = None if answers is None else answers.setdefault(briefing.slug, Answers())
        plain[briefing.slug] = _view(project, briefing, plain, corpora, kept)
    return plain[briefing.slug]


def _base(briefing: model.Briefing, seen: Seen, plain: Plain) -> Known | None:
    """The widest edition already made that `seen` sees all of, with the same scope: where its view can start."""
    made = [base for view, _, base in plain.values() if view.briefing.scope == briefing.scope and base.within(seen)]
    return max(made, key=lambda base: (len(base.seen.sources), base.seen.as_of.latest), default=None)


def _view(
    project: model.Project, briefing: model.Briefing, plain: Plain, corpora: quotes.Corpora | None, answers: Answers | None
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
    made = known(project, seen, in_scope, base, answers)
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
