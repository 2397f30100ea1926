"""What a set of pages may show and how they link: pages, link makers, and the context every page shares."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from ... import model, pictures
from ...config import Config
from ...model.kinds import BY_SINGULAR
from ...select import View, latest
from .. import briefing as plan
from ..citations import Catalogue, Claims
from ..html import ROOT_MARK, root_of
from . import paged
from .fragments import Fragments

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


@dataclass(frozen=True)
class Page:
    path: str  # inside the site, with forward slashes
    template: str
    context: dict[str, Any] = field(hash=False)
    title: str = ""
    deps: tuple[Any, ...] = ()  # the items the page shows: its key is made from these, and nothing else


def linker(root: str, known: dict[str, dict[str, str]], prefix: str = "") -> Callable[[str, str], str | None]:
    """href(kind, id) for pictures and templates: a link when the target page exists (kind in the singular).

    `known` maps each kind to the ids that have a page and that page; `prefix` is the folder of the pages linked
    to: an edition's own pages ("briefings/<slug>/") or the all-time ones ("").
    """

    def href(kind: str, item_id: str) -> str | None:
        page = known.get(kind, {}).get(item_id)
        return None if page is None else f"{root}{prefix}{page}"

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
    def known(self) -> dict[str, dict[str, str]]:
        """The ids that have a page here and that page, by kind in the singular (what `href` links to): an
        event's is its entry on the timeline's page that holds it.

        Made once: every page's link maker holds this same object, so a page key hashes it once per build.
        """
        found: dict[str, dict[str, str]] = {
            kind: {item_id: page for item_id in items if (page := BY_SINGULAR[kind].page_of(item_id))}
            for kind, items in (("actor", self.actors), ("place", self.places), ("source", self.sources))
        }
        timeline = paged.located((e.id for e in self.events), "timeline.html")
        found["event"] = {event_id: f"{page}#event-{event_id}" for event_id, page in timeline.items()}
        return found


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


def shared_context(project: model.Project, cat: Catalogue, site: Config) -> dict[str, Any]:
    """What every page of a build is given alike, made once: a page's context holds these same objects, so a big
    project's pages do not each hold a copy of every name."""
    return {
        "site": site,  # the project's settings: title, organisation, language, base_url, logo
        "lang": site.language,
        "medium": "html",
        "source_keys": cat.keys,
        "actor_names": {a.id: a.name for a in project.actors.values()},
        "place_names": {p.id: p.name for p in project.places.values()},
        "section_titles": plan.BODY_TITLES,
        "latest_status": pictures.latest_status,
        "fragments": Fragments(),  # pieces made once per build (an event's entry); see fragments.py
    }


def common_context(path: str, knowledge: Knowledge, cat: Catalogue, shared: dict[str, Any]) -> dict[str, Any]:
    """A page's context: `shared` (see shared_context), and where the page is and what it links to."""
    root = root_of(path)
    return {
        **shared,
        "root": root,
        "page_path": path,
        "href": linker(ROOT_MARK, knowledge.known, knowledge.prefix),
        "claims": Claims(cat, ROOT_MARK, knowledge.prefix),
        "edition": knowledge.edition,  # None on the all-time pages, which show the latest knowledge
        "all_time": lambda page: root + page,
        "fragment_scope": f"{knowledge.prefix}|pages",  # where a piece comes out the same: its knowledge and links
    }
