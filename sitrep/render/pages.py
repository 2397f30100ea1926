"""Pages: what the site holds — one entry per output file, with the template and the data it renders."""

from __future__ import annotations

import re
from collections import Counter, OrderedDict, defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property, partial
from typing import Any

from .. import model, pictures
from ..config import Config
from ..model.kinds import BY_SINGULAR, LISTED, citations
from ..narrative import referenced_ids
from ..select import View, latest, visible_sources
from ..write.keys import Derived, digest
from . import briefing as plan
from .citations import Catalogue, Claims, Passage, catalogue, quote_anchor, source_list
from .html import highlight

DATE_LEGEND = (
    "Dates: 12 Apr 2020 is a day; Mar 2020 a day in that month; 27–31 Dec 2019 a window the sources allow; "
    "by 12 Apr 2020 on or before that day, in a window of more than two months."
)
ANNEX_ABOUT = {
    "events": "every event of this edition, with what the sources report",
    "actors": "the actors, their relations and roles",
    "places": "the places, how precisely each is located, and their status",
    "sources": "the sources, their grades, and every passage cited",
    "standards": "estimative language, confidence and the Admiralty code",
}
ANNEX_KINDS = {"events": "Event", "actors": "Actor", "places": "Place", "sources": "Source", "standards": "Briefing"}
KIND_TITLES = {
    "state": "States",
    "state-force": "State forces",
    "government-body": "Government bodies",
    "armed-group": "Armed groups",
    "political-party": "Political parties",
    "coalition": "Coalitions",
    "organization": "Organizations",
    "person": "People",
}


class Lazy:
    """Markup made only when a template prints it: a page that is reused never draws its pictures."""

    def __init__(self, make: Callable[[], str]) -> None:
        self._make = make
        self._made: str | None = None

    def __html__(self) -> str:
        if self._made is None:
            self._made = self._make()
        return self._made

    __str__ = __html__


@dataclass
class Drawings(Derived):
    """Pictures kept by whoever plans builds (a build keeps one, the live preview one for all its edits).

    Maps are kept by a digest of exactly what they show: placing labels is the costliest part of a page,
    and most edits (a title, a summary) leave the places and their event counts alone. The world
    outlines are read on the first map drawn, so a build without maps never reads them.
    """

    maps: OrderedDict[str, str] = field(default_factory=OrderedDict)
    world: pictures.World | None = None
    kept: int = 32  # maps at most: a preview runs for hours

    def world_outlines(self) -> pictures.World:
        if self.world is None:
            self.world = pictures.load_world()
        return self.world


def map_picture(
    drawings: Drawings,
    places: list[model.Place],
    events: list[model.Event],
    href: Callable[[str, str], str | None],
    as_of: str | None = None,
) -> str:
    counts = Counter(event.place for event in events if event.place)
    key = digest(
        as_of or "",
        *(place.model_dump_json() for place in places),
        *(f"{place.id}={counts[place.id]}>{href('place', place.id)}" for place in places),
        *sorted({f"{e.place}:{e.type}" for e in events if e.place}),
    )
    maps = drawings.maps
    if key not in maps:
        world = drawings.world_outlines()
        maps[key] = pictures.both(
            lambda width, prefix: pictures.map_svg(
                places, events, world=world, href=href, id_prefix=prefix, width=width, as_of=as_of
            ),
            "pic-map",
        )
        while len(maps) > drawings.kept:
            maps.popitem(last=False)
    maps.move_to_end(key)
    return maps[key]


def relations_picture(actors: dict[str, model.Actor], href: Callable[[str, str], str | None]) -> str:
    return pictures.both(
        lambda width, prefix: pictures.relations_svg(actors, href=href, id_prefix=prefix, width=width), "pic-rel"
    )


def timeline_picture(
    events: list[model.Event],
    href: Callable[[str, str], str | None],
    *,
    key: Collection[str],
    editions: list[pictures.Edition],
    phases: Sequence[model.Phase] = (),
) -> str:
    """The timeline at both widths: key events named, phases shaded, editions marked."""
    return pictures.both(
        lambda width, prefix: pictures.timeline_svg(
            events, href=href, id_prefix=prefix, width=width, key=key, phases=phases, editions=editions
        ),
        "pic-tl",
    )


def editions_until(editions: list[model.Briefing], as_of: model.Briefing | None = None) -> list[pictures.Edition]:
    """The editions a timeline marks: those published by `as_of`'s date (all without it)."""
    shown = [b for b in editions if as_of is None or b.as_of.sort_key() <= as_of.as_of.sort_key()]
    return [
        pictures.Edition(f"Ed. {b.number}, {b.as_of.earliest.day} {b.as_of.earliest:%b}", b.as_of.latest)
        for b in sorted(shown, key=lambda b: (b.as_of.sort_key(), b.number))
    ]


@dataclass(frozen=True)
class Page:
    path: str  # inside the site, with forward slashes
    template: str
    context: dict[str, Any] = field(hash=False)
    title: str = ""
    deps: tuple[Any, ...] = ()  # the items the page shows: its key is made from these, and nothing else


def root_of(path: str) -> str:
    """The relative prefix from a page back to the site root ('' or '../')."""
    return "../" * path.count("/")


def linker(root: str, known: dict[str, set[str]], prefix: str = "") -> Callable[[str, str], str | None]:
    """href(kind, id) for pictures and templates: a link when the target page exists (kind in the singular).

    `prefix` is the folder of the pages linked to: an edition's own pages ("briefings/<slug>/") or the all-time ones ("").
    """

    def href(kind: str, item_id: str) -> str | None:
        page = BY_SINGULAR[kind].page_of(item_id)
        if page is None or item_id not in known.get(kind, set()):
            return None
        return f"{root}{prefix}{page}"

    return href


def by_kind(actors: Iterable[model.Actor]) -> list[tuple[str, list[model.Actor]]]:
    grouped: dict[str, list[model.Actor]] = defaultdict(list)
    for actor in actors:
        grouped[actor.kind].append(actor)
    return [(KIND_TITLES[kind], sorted(grouped[kind], key=lambda a: a.name)) for kind in KIND_TITLES if kind in grouped]


@dataclass(frozen=True)
class Knowledge:
    """What a set of pages may show: an edition's view as of its date, or the latest knowledge for the all-time pages."""

    actors: dict[str, model.Actor]
    places: dict[str, model.Place]
    events: list[model.Event]  # in date order
    sources: dict[str, model.Source]
    cited: dict[str, dict[str, Any]]  # kind name -> the items whose citations the source pages list
    edition: model.Briefing | None = None  # None for the all-time pages
    prefix: str = ""  # the folder of its pages: "" or "briefings/<slug>/"

    @cached_property
    def known(self) -> dict[str, set[str]]:
        """The ids that have a page here, by kind in the singular (what `href` links to).

        Made once: every page's link maker holds this same object, so a page key hashes it once per build.
        """
        return {
            "actor": set(self.actors),
            "place": set(self.places),
            "source": set(self.sources),
            "event": {e.id for e in self.events},
        }


def edition_knowledge(view: View) -> Knowledge:
    """What an edition knew: the pages its content links to show this and nothing later."""
    return Knowledge(
        view.actors,
        view.places,
        list(view.events.values()),
        view.sources,
        view.shown(),
        view.briefing,
        f"briefings/{view.briefing.slug}/",
    )


def latest_knowledge(project: model.Project) -> Knowledge:
    """What every source together says: the all-time pages, which say so."""
    known = latest(project)
    events = sorted(known["events"].values(), key=lambda e: (e.date.sort_key(), e.id))
    return Knowledge(known["actors"], known["places"], events, dict(project.sources), known)


def _common(project: model.Project, path: str, knowledge: Knowledge, cat: Catalogue, site: Config) -> dict[str, Any]:
    root = root_of(path)
    return {
        "site": site,  # the project's settings: title, organisation, language, base_url, logo
        "lang": site.language,
        "root": root,
        "medium": "html",
        "page_path": path,
        "href": linker(root, knowledge.known, knowledge.prefix),
        "claims": Claims(cat, root, knowledge.prefix),
        "source_keys": cat.keys,
        "actor_names": {a.id: a.name for a in project.actors.values()},
        "place_names": {p.id: p.name for p in project.places.values()},
        "section_titles": plan.BODY_TITLES,
        "latest_status": pictures.latest_status,
        "edition": knowledge.edition,  # None on the all-time pages, which show the latest knowledge
        "all_time": lambda page: root + page,
    }


def edition_linker(root: str, slug: str, view: View, pages: Callable[[str, str], str | None]) -> Callable[[str, str], str | None]:
    """href(kind, id) inside an edition: events, actors and places lead to its annexes, sources to its
    own source pages (`pages`), all as of its date."""

    def href(kind: str, item_id: str) -> str | None:
        annex = plan.annex_of(view, kind, item_id)
        return f"{root}briefings/{slug}/{annex}.html#{kind}-{item_id}" if annex else pages(kind, item_id)

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
) -> dict[str, Any]:
    """Everything an edition's page, its annex pages and its PDF show: its view and the plan of the briefing."""
    briefing = view.briefing
    slug = briefing.slug
    context = _common(project, path, edition_knowledge(view), cat, site)
    root = context["root"]
    href = context["href"] = edition_linker(root, slug, view, context["href"])
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
        date_legend=DATE_LEGEND,
        full_catalogue=plan.FULL_CATALOGUE,
        named_new_sources=plan.NAMED_NEW_SOURCES,
        actor_groups=by_kind(view.actors.values()),
        timeline_svg=Lazy(
            lambda: timeline_picture(
                events,
                href,
                key={e.id for e in key_events},
                phases=view.briefing.phases,
                editions=editions_until(editions, view.briefing),
            )
        ),
        map_svg=Lazy(lambda: map_picture(drawings, list(view.places.values()), events, href, view.briefing.as_of.human())),
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
) -> list[Page]:
    """An edition's page and one page per annex; all keyed by its view."""
    slug = view.briefing.slug
    path = f"briefings/{slug}.html"
    context = briefing_context(project, view, path, editions, cat, site, drawings)
    pages = [Page(path, "briefing.html", context, view.briefing.title)]
    for annex in context["annexes"]:
        annex_path = annex.path(slug)
        root = root_of(annex_path)
        knowledge = edition_knowledge(view)
        href = edition_linker(root, slug, view, linker(root, knowledge.known, knowledge.prefix))
        local = {
            **context,
            "current": annex,
            "root": root,
            "page_path": annex_path,
            "href": href,
            "claims": Claims(cat, root, knowledge.prefix),
            "relations_svg": Lazy(partial(relations_picture, view.actors, href)),
        }
        pages.append(Page(annex_path, "annex.html", local, f"{annex.heading} · {view.briefing.title}"))
    return pages


def site_pages(project: model.Project, views: dict[str, View], drawings: Drawings, site: Config | None = None) -> list[Page]:
    """Every HTML page of the site: index, briefings with their own pages, the all-time pages and search."""
    editions = sorted(project.briefings.values(), key=lambda b: (b.as_of.sort_key(), b.number), reverse=True)
    everything = latest_knowledge(project)
    pages: list[Page] = []
    # passages are numbered over every citation of the project, so a passage keeps its number in every edition
    cat = catalogue(project, (c for kind in LISTED for item in getattr(project, kind.name).values() for _, c in citations(item)))
    settings = site or Config()

    def page(path: str, template: str, title: str, deps: tuple[Any, ...], **extra: Any) -> None:
        context = _common(project, path, everything, cat, settings)
        context.update(title=title, **extra)
        pages.append(Page(path, template, context, title, deps))

    page("index.html", "index.html", "Briefings", tuple(editions), editions=editions, views=views)
    for briefing in editions:
        view = views[briefing.slug]
        pages.extend(briefing_pages(project, view, editions, cat, settings, drawings))
        pages.extend(item_pages(project, edition_knowledge(view), editions, cat, [view], settings))
    pages.extend(item_pages(project, everything, editions, cat, list(views.values()), settings))

    actors = everything.actors
    page("actors/index.html", "actors.html", "Actors", tuple(actors.values()), groups=by_kind(actors.values()))
    actors_href = pages[-1].context["href"]
    pages[-1].context["relations_svg"] = Lazy(
        lambda: pictures.both(
            lambda width, prefix: pictures.relations_svg(actors, href=actors_href, id_prefix=prefix, width=width),
            "pic-rel",
        )
    )
    events = everything.events
    places = sorted(everything.places.values(), key=lambda p: p.name)
    counts = Counter(event.place for event in events if event.place)
    page("places/index.html", "places.html", "Places", (*places, *events), places=places, counts=counts)
    places_href = pages[-1].context["href"]
    pages[-1].context["map_svg"] = Lazy(lambda: map_picture(drawings, places, events, places_href))
    cited_by = citations_by_source(everything.cited)
    sources = sorted(project.sources.values(), key=lambda s: (s.published.sort_key(), s.id))
    citation_counts = {s.id: len(cited_by[s.id]) for s in sources}
    page("sources/index.html", "sources.html", "Sources", (*sources, str(citation_counts)), sources=sources, cited_by=cited_by)
    page("search.html", "search.html", "Search", ())
    return pages


def item_pages(
    project: model.Project,
    knowledge: Knowledge,
    editions: list[model.Briefing],
    cat: Catalogue,
    views: list[View],
    site: Config,
) -> list[Page]:
    """The timeline and a page for each actor, place and source, showing what `knowledge` holds and linking within it."""
    pages: list[Page] = []
    prefix = knowledge.prefix
    edition = knowledge.edition
    deps_of_scope = (edition.slug, str(edition.as_of)) if edition else ()

    def page(path: str, template: str, title: str, deps: tuple[Any, ...], **extra: Any) -> None:
        context = _common(project, prefix + path, knowledge, cat, site)
        context.update(title=title, searchable=edition is None, **extra)  # search finds each item once, on its all-time page
        pages.append(Page(prefix + path, template, context, title, (*deps_of_scope, *deps)))

    events = knowledge.events
    page("timeline.html", "timeline.html", "Timeline of events", tuple(events), events=events)
    timeline_href = pages[-1].context["href"]
    pages[-1].context["timeline_svg"] = Lazy(
        lambda: timeline_picture(
            events,
            timeline_href,
            key={e.id for e in events if getattr(e, "key", False)} or pictures.key_events(events, most=10),
            editions=editions_until(editions, edition),
        )
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
        page(
            f"actors/{actor.id}.html",
            "actor.html",
            actor.name,
            deps,
            actor=actor,
            events=involvement[actor.id],
            children=sorted(children[actor.id], key=lambda a: a.name),
            members=members[actor.id],
            incoming=incoming[actor.id],
        )

    for place in sorted(knowledge.places.values(), key=lambda p: p.name):
        page(
            f"places/{place.id}.html",
            "place.html",
            place.name,
            (place, *at_place[place.id]),
            place=place,
            events=at_place[place.id],
        )

    cited_by = citations_by_source(knowledge.cited)
    stated = statement_links(knowledge, views)
    for source in sorted(knowledge.sources.values(), key=lambda s: (s.published.sort_key(), s.id)):
        citing = cited_by[source.id]
        passages = passage_uses(cat, citing, stated)
        page(
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
                    highlight,
                    project.texts[source.id],
                    [(f"{c.kind}: {c.label}", c.citation) for c in citing],
                    {use.passage.anchor: str(use.passage.number) for use in passages},
                )
            ),
            passages=passages,
            quote_anchor=quote_anchor,
        )
    return pages


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
    for event in knowledge.events:
        links[("event", event.id)].append(("timeline", f"{prefix}timeline.html#event-{event.id}"))
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
