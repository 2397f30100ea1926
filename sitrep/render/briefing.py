"""The plan of a briefing: the body's sections, its key events, its annexes and their letters."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .. import model
from ..dates import LONG_WINDOW_DAYS
from ..narrative import referenced_ids
from ..select import View

BODY_TITLES = {
    "bluf": "Bottom line",
    "changes": "What changed",
    "situation": "Situation",
    "map": "Map",
    "timeline": "Timeline",
    "outlook": "Outlook",
    "gaps": "Gaps and conflicts",
}
ANNEX_TITLES = {
    "events": "Event catalogue",
    "actors": "Actors",
    "places": "Places",
    "sources": "Sources",
    "standards": "Analytic standards",
}
# Older briefings listed reference material among their sections; those names now stand for annexes.
LEGACY_SECTIONS = {"actors": ("actors", "places"), "sources": ("sources",), "annex": ("standards",)}
KEY_EVENTS = 15  # about as many as a one-page table holds
FULL_CATALOGUE = 150  # beyond this many events the printed catalogue is one line an event (the web keeps it whole)
NAMED_NEW_SOURCES = 6  # "what changed" names this many new sources at most, then counts them


@dataclass(frozen=True)
class Annex:
    """One annex of an edition: which material, its letter, and whether the PDF carries it."""

    name: str
    letter: str
    in_print: bool

    @property
    def title(self) -> str:
        return ANNEX_TITLES[self.name]

    @property
    def heading(self) -> str:
        return f"Annex {self.letter}: {self.title}"

    def path(self, slug: str) -> str:
        """The annex's own page, inside the site."""
        return f"briefings/{slug}/{self.name}.html"


ANNEXED = {"event": "events", "actor": "actors", "place": "places"}  # the kinds whose items have an annex entry


def annex_of(view: View, kind: str, item_id: str) -> str | None:
    """The annex whose entry for this item an edition links to, when the edition shows the item."""
    shown: dict[str, Mapping[str, object]] = {"event": view.events, "actor": view.actors, "place": view.places}
    return ANNEXED[kind] if kind in shown and item_id in shown[kind] else None


def annexes(briefing: model.Briefing, default: Sequence[str] | None = None) -> list[Annex]:
    """The edition's annexes: the PDF's (the briefing's `annexes`, else the project's default, else all),
    lettered in that order, then the ones left to the web page."""
    chosen: Sequence[str]
    if briefing.annexes is not None:
        chosen = briefing.annexes
    elif "sections" in briefing.model_fields_set and any(s in LEGACY_SECTIONS for s in briefing.sections):
        chosen = [name for s in briefing.sections for name in LEGACY_SECTIONS.get(s, ())]
    elif default is not None:
        chosen = default
    else:
        chosen = list(ANNEX_TITLES)
    printed = list(dict.fromkeys(chosen))
    web_only = [name for name in ANNEX_TITLES if name not in printed]
    return [Annex(name, _letter(i), name in printed) for i, name in enumerate([*printed, *web_only])]


def _letter(index: int) -> str:
    return chr(ord("A") + index) if index < 26 else f"A{index - 25}"


def body_sections(view: View) -> list[str]:
    """The body's sections in the briefing's order, without those the edition has nothing for."""
    shown: list[str] = []
    for section in view.briefing.sections:
        if section not in BODY_TITLES or section in shown:
            continue
        if section == "changes" and view.changes is None:
            continue
        if section == "gaps" and not (view.gaps or view.single_sourced):
            continue
        shown.append(section)
    return shown


def key_events(view: View, limit: int = KEY_EVENTS) -> list[model.Event]:
    """The edition's key events, in date order: those the briefing lists, else those flagged `key`,
    else the `limit` that weigh most (judgments' basis, indicators' evidence, the narrative, casualties,
    corroboration, recency)."""
    listed = [view.events[e] for e in view.briefing.key_events if e in view.events]
    if listed:
        return sorted(listed, key=_date_order)
    flagged = [e for e in view.events.values() if e.key]
    if flagged:
        return sorted(flagged, key=_date_order)
    weight: dict[str, float] = dict.fromkeys(view.events, 0.0)
    for judgment in view.key_judgments:
        for event_id in judgment.basis:
            weight[event_id] = weight.get(event_id, 0) + 3
    for indicator in view.indicators.values():
        for event_id in indicator.evidence:
            weight[event_id] = weight.get(event_id, 0) + 2
    for part in view.briefing.narrative:
        for event_id in referenced_ids(part.text):
            if event_id in weight:
                weight[event_id] += 2
    added = {e.id for e in view.changes.events_added} if view.changes else set()
    for event in view.events.values():
        weight[event.id] += (
            (3 if _count(event.killed) else 0)
            + (1 if _count(event.injured) else 0)
            + (1 if event.type in ("attack", "strike") else 0)
            + 0.5 * len({c.source for c in event.cite})
            + (1 if event.id in added else 0)
        )
    ranked = sorted(view.events.values(), key=lambda e: (-weight[e.id], -e.date.latest.toordinal(), e.id))
    return sorted(ranked[:limit], key=_date_order)


def _count(amount: model.Amount | None) -> int:
    if amount is None:
        return 0
    return amount.count if amount.count is not None else (amount.high or 0)


def _date_order(event: model.Event) -> tuple[object, ...]:
    """As tables show them: a long window ("by 12 Apr 2020") by its last day, any other date by its first."""
    end = event.date_end or event.date
    if (end.latest - event.date.earliest).days > LONG_WINDOW_DAYS:
        return (end.latest, end.latest, event.id)
    return (event.date.earliest, end.latest, event.id)


def plain(text: str) -> str:
    """Markdown emphasis dropped, for a line that quotes a statement in brief."""
    return re.sub(r"[*_`]+", "", text)
