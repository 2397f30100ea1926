"""The item pages of a scope (the all-time pages or an edition's): the timeline, and a page per actor, place and source."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import Any

from markupsafe import Markup

from ... import model, pictures
from ...model.kinds import LISTED, citations
from ...narrative import referenced_ids
from ...select import View
from ..citations import Catalogue, Passage, quote_anchor
from ..html import ROOT_MARK, highlight
from . import paged
from .drawings import Drawings, Lazy, editions_until, timeline_picture
from .knowledge import Knowledge, Page, common_context, linker


def item_pages(
    project: model.Project,
    knowledge: Knowledge,
    editions: list[model.Briefing],
    cat: Catalogue,
    views: list[View],
    shared: dict[str, Any],
    drawings: Drawings,
) -> Iterator[Page]:
    """The timeline and a page for each actor, place and source, showing what `knowledge` holds and linking within it
    (each made as it is asked for; its timeline picture kept in `drawings`)."""
    prefix = knowledge.prefix
    edition = knowledge.edition
    deps_of_scope = (edition.slug, str(edition.as_of)) if edition else ()

    def page(path: str, template: str, title: str, deps: tuple[Any, ...], **extra: Any) -> Page:
        context = common_context(prefix + path, knowledge, cat, shared)
        context.update(title=title, searchable=edition is None, **extra)  # search finds each item once, on its all-time page
        return Page(prefix + path, template, context, title, (*deps_of_scope, *deps))

    def paged_page(
        path: str, template: str, title: str, deps: tuple[Any, ...], events: list[model.Event], **extra: Any
    ) -> Iterator[Page]:
        """The page, split into pages of `paged.PER_PAGE` events that link to each other (one page when they fit)."""
        chunks = paged.split(events)
        for (chunk_path, pager), chunk in zip(paged.pagers(path, chunks), chunks, strict=True):
            shown = title if pager.number == 1 else f"{title}, page {pager.number} of {len(chunks)}"
            yield page(chunk_path, template, shown, (*deps, *chunk), events=chunk, pager=pager, **extra)

    events = knowledge.events
    # one picture of the whole timeline, drawn once and shown on the first of its pages
    timeline_href = linker(ROOT_MARK, knowledge.known, prefix)
    timeline_svg = Lazy(
        lambda: timeline_picture(
            drawings,
            events,
            timeline_href,
            key={e.id for e in events if getattr(e, "key", False)} or pictures.key_events(events, most=10),
            editions=editions_until(editions, edition),
        )
    )
    yield from paged_page(
        "timeline.html", "timeline.html", "Timeline of events", (), events, all_events=len(events), timeline_svg=timeline_svg
    )

    involvement: dict[str, list[model.Event]] = defaultdict(list)
    at_place: dict[str, list[model.Event]] = defaultdict(list)
    for event in events:
        for participant in event.actors:
            involvement[participant.actor].append(event)
        if event.place:
            at_place[event.place].append(event)

    children: dict[str, list[model.Actor]] = defaultdict(list)
    members: dict[str, list[tuple[model.Actor, model.Role]]] = defaultdict(list)
    incoming: dict[str, list[tuple[model.Actor, model.Relation]]] = defaultdict(list)
    for actor in knowledge.actors.values():
        if actor.parent:
            children[actor.parent].append(actor)
        for role in actor.roles:
            members[role.org].append((actor, role))
        for relation in actor.relations:
            incoming[relation.target].append((actor, relation))
    for actor in knowledge.actors.values():
        deps = (
            actor,
            *involvement[actor.id],
            *children[actor.id],
            *(m for pair in members[actor.id] for m in pair),
            *(x for pair in incoming[actor.id] for x in pair),
        )
        yield from paged_page(
            f"actors/{actor.id}.html",
            "actor.html",
            actor.name,
            deps,
            involvement[actor.id],
            actor=actor,
            children=sorted(children[actor.id], key=lambda a: a.name),
            members=members[actor.id],
            incoming=incoming[actor.id],
        )

    for place in sorted(knowledge.places.values(), key=lambda p: p.name):
        yield from paged_page(f"places/{place.id}.html", "place.html", place.name, (place,), at_place[place.id], place=place)

    cited_by = citations_by_source(knowledge.cited)
    stated = statement_links(knowledge, views)
    for source in sorted(knowledge.sources.values(), key=lambda s: (s.published.sort_key(), s.id)):
        citing = cited_by[source.id]
        passages = passage_uses(cat, citing, stated)
        yield page(
            f"sources/{source.id}.html",
            "source.html",
            source.title,
            (
                source,
                project.texts[source.id],
                *(f"{c.kind}:{c.item_id}:{c.label}" for c in citing),
                *(c.citation for c in citing),
                str([(use.passage.number, use.citing) for use in passages]),
            ),
            source=source,
            source_key=cat.keys[source.id],
            archived=Lazy(
                partial(
                    archived_text,
                    drawings,
                    project.texts[source.id],
                    [(f"{c.kind}: {c.label}", c.citation) for c in citing],
                    {use.passage.anchor: str(use.passage.number) for use in passages},
                )
            ),
            passages=passages,
            quote_anchor=quote_anchor,
        )


def archived_text(drawings: Drawings, text: str, citations: list[tuple[str, model.Citation]], numbered: dict[str, str]) -> Markup:
    """A source page's archived text, its passages marked (`highlight`), found with the build's quote matches: the
    passages were numbered with them, so every quote is found already. Through `drawings` (a Derived cache), so a
    page's key holds what the text shows and not what the cache happens to hold."""
    return highlight(text, citations, numbered, drawings.matches)


@dataclass(frozen=True)
class PassageUse:
    """A passage of a source and the statements that cite it: (what, label, link from the site root)."""

    passage: Passage
    citing: tuple[tuple[str, str, str | None], ...]


def statement_links(knowledge: Knowledge, views: Iterable[View]) -> dict[tuple[str, str], list[tuple[str, str]]]:
    """Where each item is stated, from the site root: (label, link) for its page among `knowledge`'s pages,
    or its place in the editions `views` (an edition's own pages link only within it)."""
    links: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    prefix = knowledge.prefix
    for event_id, page in knowledge.known["event"].items():
        links[("event", event_id)].append(("timeline", f"{prefix}{page}"))
    for kind, items in (("actor", knowledge.actors), ("place", knowledge.places)):
        for item_id in items:
            links[(kind, item_id)].append((f"{kind} page", f"{prefix}{kind}s/{item_id}.html"))
    for view in sorted(views, key=lambda v: (v.briefing.as_of.sort_key(), v.briefing.number or 0)):
        page = f"briefings/{view.briefing.slug}.html"
        edition = f"edition {view.briefing.number}"
        for part in view.briefing.narrative:
            for event_id in referenced_ids(part.text):
                if (
                    event_id in view.events
                    and (f"{edition}, situation", f"{page}#cite-{event_id}") not in links[("event", event_id)]
                ):
                    links[("event", event_id)].append((f"{edition}, situation", f"{page}#cite-{event_id}"))
        for judgment in view.key_judgments:
            links[("judgment", judgment.id)].append((edition, f"{page}#judgment-{judgment.id}"))
        for scenario in view.scenarios.values():
            links[("scenario", scenario.id)].append((edition, f"{page}#scenario-{scenario.id}"))
            for indicator_id in scenario.indicators:
                if (edition, f"{page}#scenario-{scenario.id}") not in links[("indicator", indicator_id)]:
                    links[("indicator", indicator_id)].append((edition, f"{page}#scenario-{scenario.id}"))
        for assumption_id in view.assumptions:
            links[("assumption", assumption_id)].append((edition, f"{page}#assumption-{assumption_id}"))
    return links


def passage_uses(cat: Catalogue, citing: list[Citing], stated: dict[tuple[str, str], list[tuple[str, str]]]) -> list[PassageUse]:
    """A source's cited passages in number order, each with the statements citing it and links back to them."""
    found: dict[tuple[str, str], list[tuple[str, str, str | None]]] = defaultdict(list)
    for c in citing:
        key = (c.citation.source, c.citation.quote)
        label = re.sub(r"[*_`]+", "", c.label)
        places = stated.get((c.kind, c.item_id)) or [("", "")]
        for where, link in places:
            entry = (f"{c.kind}{', ' + where if where else ''}", label, link or None)
            if entry not in found[key]:
                found[key].append(entry)
    uses = [PassageUse(cat.passage(source, quote), tuple(entries)) for (source, quote), entries in found.items()]
    return sorted(uses, key=lambda use: use.passage.number)


@dataclass(frozen=True)
class Citing:
    """One citation of a source, with what makes it: kind, id and a label for readers."""

    kind: str
    item_id: str
    label: str
    citation: model.Citation


def citations_by_source(cited: dict[str, dict[str, Any]]) -> dict[str, list[Citing]]:
    """The citations of each source, among the items of `cited` (kind name -> items), in the registry's order."""
    found: dict[str, list[Citing]] = defaultdict(list)
    for kind in LISTED:
        for item in cited.get(kind.name, {}).values():
            for _, citation in citations(item):
                found[citation.source].append(Citing(kind.singular, item.id, getattr(item, kind.label), citation))
    return found
