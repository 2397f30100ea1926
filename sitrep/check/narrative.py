"""Narratives and key events: every [[event-id]] names an event, and one the edition can see."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from .. import model
from ..load import Loaded
from ..narrative import references
from ..problems import Problem
from ..quotes import Corpora
from ..select import Answers, Plain, select, visible_sources
from .walk import problem

_SEE = "an edition sees only events dated by its as_of that a source published by then reports: "
_SENTENCE = _SEE + "cite an event this edition can see, or keep the sentence for a later edition"
_KEY = _SEE + "list an event this edition can see, or list this one in a later edition"


def narrative_references(
    project: model.Project,
    loaded: Loaded,
    plain: Plain | None = None,
    corpora: Corpora | None = None,
    answers: dict[str, Answers] | None = None,
) -> Iterator[Problem]:
    """Each narrative reference and key event checked against what its edition sees; `plain`, `corpora` and `answers`
    are the check's (see `select`), so the editions' views it selects are made once for the whole check."""
    for briefing in project.briefings.values():
        if not briefing.narrative and not briefing.key_events:
            continue
        origin = loaded.origins[("briefings", briefing.slug)]
        visible = set(select(project, briefing, with_changes=False, plain=plain, corpora=corpora, answers=answers).events)
        label = f"briefing '{briefing.slug}'"
        for index, part in enumerate(briefing.narrative):
            for reference in references(part.text):
                path, line, col = origin.find(("narrative", index, "text"), reference.token, reference.occurrence)
                if reference.malformed:
                    yield Problem(
                        path,
                        line,
                        col,
                        f"{label}: narrative has {reference.token}, which is not a reference to an event",
                        "write [[event-id]] with the id of an event in content/events, e.g. [[2019-12-05-balad-rockets]]; separate several ids with commas",
                    )
                    continue
                for event_id in reference.ids:
                    found = _unseen(project, loaded, briefing, event_id, visible)
                    if found:
                        yield Problem(path, line, col, f"{label}: narrative cites {found[0]}", found[1] or _SENTENCE)
        for index, event_id in enumerate(briefing.key_events):  # a repeat is refused on loading
            if event_id in project.events:  # a missing id is reported with the other references
                found = _unseen(project, loaded, briefing, event_id, visible)
                if found:
                    yield problem(origin, ("key_events", index), f"{label}: key events list {found[0]}", found[1] or _KEY)


def _unseen(
    project: model.Project, loaded: Loaded, briefing: model.Briefing, event_id: str, visible: set[str]
) -> tuple[str, str | None] | None:
    """What is wrong with citing `event_id` in `briefing`, with the fix when it is not the as-of rule's; None when it may."""
    if event_id in visible or ("events", event_id) in loaded.invalid or "events" in loaded.unreadable:
        return None
    event = project.events.get(event_id)
    if event is None:
        close = difflib.get_close_matches(event_id, sorted(project.events), n=1, cutoff=0.75)
        hint = f"did you mean '{close[0]}'?" if close else "use the id of an event defined in content/events, or add one"
        return f"event '{event_id}', which does not exist", hint
    as_of = briefing.as_of
    if event.date.latest > as_of.latest:
        why = f"dated {event.date}, after the edition's as_of {as_of}"
    elif not any(c.source in visible_sources(project, as_of) for c in event.cite):
        why = f"reported only by sources published after the edition's as_of {as_of}"
    else:
        why = "outside the briefing's scope"
    return f"event '{event_id}' ({why}), which this edition cannot see", None
