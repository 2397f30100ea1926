"""An edition's pages: its briefing page and one page per annex, all as of its date."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from typing import Any

from ... import model
from ...config import Config
from ...model.kinds import citations
from ...select import View, visible_sources
from .. import briefing as plan
from ..citations import Catalogue, Claims, SourceEntry, source_list
from ..html import ROOT_MARK, root_of
from . import paged
from .drawings import Drawings, Lazy, editions_until, map_picture, relations_picture, timeline_picture
from .knowledge import Page, by_kind, common_context, edition_knowledge


def date_legend(as_of: dt.date) -> str:
    """How the edition writes a date, told with dates of its own time (its as-of day and month), not another's."""
    day, month = f"{as_of.day} {as_of:%b %Y}", f"{as_of:%b %Y}"
    return (
        f"Dates: {day} is a day; {month} a day in that month; 1–5 {month} a window the sources allow; "
        f"by {day} on or before that day, in a window of more than two months."
    )


ANNEX_ABOUT = {
    "events": "every event of this edition, with what the sources report",
    "actors": "the actors, their relations and roles",
    "places": "the places, how precisely each is located, and their status",
    "sources": "the sources, their grades, and every passage cited",
    "standards": "estimative language, confidence and the Admiralty code",
}
ANNEX_KINDS = {"events": "Event", "actors": "Actor", "places": "Place", "sources": "Source", "standards": "Briefing"}


def edition_linker(
    root: str, slug: str, view: View, pages: Callable[[str, str], str | None], catalogue_pages: dict[str, str]
) -> Callable[[str, str], str | None]:
    """href(kind, id) inside an edition: events, actors and places lead to its annexes (an event to the page of
    the event catalogue that holds it, `catalogue_pages`), sources to its own source pages (`pages`), all as of
    its date."""

    def href(kind: str, item_id: str) -> str | None:
        annex = plan.annex_of(view, kind, item_id)
        if annex is None:
            return pages(kind, item_id)
        page = catalogue_pages[item_id] if kind == "event" else f"{annex}.html"
        return f"{root}briefings/{slug}/{page}#{kind}-{item_id}"

    return href


def _view_citations(view: View) -> Iterator[model.Citation]:
    shown = (view.events, view.actors, view.places, view.scenarios, view.indicators, view.assumptions)
    for item in [*(i for items in shown for i in items.values()), *view.key_judgments]:
        for _, citation in citations(item):
            yield citation


def briefing_context(
    project: model.Project,
    view: View,
    path: str,
    editions: list[model.Briefing],
    cat: Catalogue,
    site: Config,
    drawings: Drawings,
    shared: dict[str, Any],
) -> dict[str, Any]:
    """Everything an edition's page, its annex pages and its PDF show: its view and the plan of the briefing."""
    briefing = view.briefing
    slug = briefing.slug
    context = common_context(path, edition_knowledge(view), cat, shared)
    catalogue_pages = paged.located(view.events, "events.html")
    href = context["href"] = edition_linker(ROOT_MARK, slug, view, context["href"], catalogue_pages)
    context["fragment_scope"] = ""  # its events are shown once, in its event annex: nothing to reuse
    events = list(view.events.values())
    annexes = plan.annexes(briefing, site.annexes)
    key_events = plan.key_events(view)
    added = {e.id for e in view.changes.events_added} if view.changes else set()
    earlier = visible_sources(project, view.changes.previous.as_of) if view.changes else set(view.sources)
    kj_numbers = {j.id: n for n, j in enumerate(view.key_judgments, start=1)}
    assumption_judgments: dict[str, list[int]] = defaultdict(list)
    for judgment in view.key_judgments:
        for assumption in judgment.assumptions:
            assumption_judgments[assumption].append(kj_numbers[judgment.id])
    in_order = sorted(editions, key=lambda b: (b.as_of.sort_key(), b.number))
    position = [b.slug for b in in_order].index(slug)
    context.update(
        view=view,
        briefing=briefing,
        editions=editions,
        neighbours={
            "previous": in_order[position - 1] if position > 0 else None,
            "next": in_order[position + 1] if position + 1 < len(in_order) else None,
        },
        sections=plan.body_sections(view),
        annexes=annexes,
        print_annexes=[a for a in annexes if a.in_print],
        annex_letters={a.name: a.letter for a in annexes},
        catalogue_pages=catalogue_pages,
        annex_about=ANNEX_ABOUT,
        annex_kinds=ANNEX_KINDS,
        print_passages=any(a.name == "sources" and a.in_print for a in annexes),
        key_events=key_events,
        new_event_ids=added,
        new_key_events=[e for e in key_events if e.id in added],
        new_sources=[s for s in view.sources.values() if s.id not in earlier],
        kj_numbers=kj_numbers,
        event_numbers={event_id: n for n, event_id in enumerate(view.events, start=1)},
        outlook_indicators=outlook_indicators(view),
        judgment_changes={c.judgment.id: c for c in view.changes.judgments} if view.changes else {},
        assumption_judgments=assumption_judgments,
        single_sourced=single_sourced(view, kj_numbers),
        source_entries=source_list(cat, _view_citations(view), view.sources),
        date_legend=date_legend(briefing.as_of.latest),
        full_catalogue=plan.FULL_CATALOGUE,
        named_new_sources=plan.NAMED_NEW_SOURCES,
        actor_groups=by_kind(view.actors.values()),
        timeline_svg=Lazy(
            lambda: timeline_picture(
                drawings,
                events,
                href,
                key={e.id for e in key_events},
                phases=view.briefing.phases,
                editions=editions_until(editions, view.briefing),
            )
        ),
        map_svg=Lazy(lambda: map_picture(drawings, list(view.places.values()), events, href, view.briefing.as_of.human())),
        # one drawing for the page, its annex pages and its PDF: its links are the same at every depth (ROOT_MARK)
        relations_svg=Lazy(partial(relations_picture, view.actors, href)),
        exports={
            "PDF": f"{slug}.pdf",
            "JSON (as-of view)": f"{slug}.json",
            "Events CSV": f"{slug}.events.csv",
            "TimelineJS": f"{slug}.timeline.json",
        },
    )
    return context


def single_sourced(view: View, kj_numbers: dict[str, int]) -> list[tuple[model.Source, list[int]]]:
    """The sources that some key judgments rest on alone, each once, with those judgments' numbers."""
    found: dict[str, list[int]] = defaultdict(list)
    for judgment_id, source_id in view.single_sourced.items():
        if judgment_id in kj_numbers and source_id in view.sources:
            found[source_id].append(kj_numbers[judgment_id])
    return [(view.sources[source_id], sorted(numbers)) for source_id, numbers in found.items()]


def outlook_indicators(view: View) -> list[tuple[model.Indicator, list[int]]]:
    """The edition's indicators, each once, with the numbers of the scenarios it bears on, in scenario order."""
    numbers: dict[str, list[int]] = {}
    for n, scenario in enumerate(view.scenarios.values(), start=1):
        for indicator_id in scenario.indicators:
            numbers.setdefault(indicator_id, []).append(n)
    return [(view.indicators[i], found) for i, found in numbers.items() if i in view.indicators]


def briefing_pages(
    project: model.Project,
    view: View,
    editions: list[model.Briefing],
    cat: Catalogue,
    site: Config,
    drawings: Drawings,
    shared: dict[str, Any],
) -> Iterator[Page]:
    """An edition's page and one page per annex (made as they are asked for); all keyed by its view."""
    slug = view.briefing.slug
    path = f"briefings/{slug}.html"
    context = briefing_context(project, view, path, editions, cat, site, drawings, shared)
    yield Page(path, "briefing.html", context, view.briefing.title)
    knowledge = edition_knowledge(view)
    events = list(view.events.values())
    chunks = paged.split(events)
    entries: list[SourceEntry] = context["source_entries"]
    source_chunks = paged.split_weighed(entries, lambda entry: max(1, len(entry.passages)), paged.PASSAGES_PER_PAGE)
    for annex in context["annexes"]:
        root = root_of(annex.path(slug))
        # the lists that grow with the project are paged (the PDF prints them whole): the event catalogue
        # `paged.PER_PAGE` events a page, the source list about `paged.PASSAGES_PER_PAGE` passages a page
        parts: list[tuple[tuple[str, paged.Pager | None], dict[str, Any]]]
        if annex.name == "events":
            parts = [
                (where, {"page_events": chunk})
                for where, chunk in zip(paged.pagers(annex.path(slug), chunks), chunks, strict=True)
            ]
        elif annex.name == "sources":
            pagers = paged.pagers(annex.path(slug), source_chunks, _keys_from_to, "Sources")
            parts = [(where, {"page_sources": chunk}) for where, chunk in zip(pagers, source_chunks, strict=True)]
        else:
            parts = [((annex.path(slug), None), {"page_events": events})]
        for (annex_path, pager), shown in parts:
            local = {
                **context,
                "current": annex,
                "root": root,
                "page_path": annex_path,  # its links, made with ROOT_MARK, are the edition page's (`href`)
                "claims": Claims(cat, ROOT_MARK, knowledge.prefix),
                "pager": pager,
                "fragment_scope": "",  # each event shown once (keeping it would push out what is reused)
                "page_events": events,
                **shown,
            }
            title = f"{annex.heading} · {view.briefing.title}"
            if pager is not None and pager.number > 1:
                title = f"{annex.heading}, page {pager.number} of {len(pager.pages)} · {view.briefing.title}"
            yield Page(annex_path, "annex.html", local, title)


def _keys_from_to(entries: Sequence[SourceEntry]) -> str:
    """What a page of the source list holds, as the page list says it: its first and last source's keys."""
    if not entries:
        return ""
    first, last = entries[0].key, entries[-1].key
    return first if first == last else f"{first} – {last}"
