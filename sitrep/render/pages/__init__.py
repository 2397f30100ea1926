"""Pages: what the site holds — one entry per output file, with the template and the data it renders."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ... import model, pictures
from ...config import Config
from ...model.kinds import LISTED, citations
from ...select import View
from ..citations import Catalogue, catalogue
from .drawings import Drawings, Lazy, map_picture
from .edition import briefing_pages
from .items import citations_by_source, item_pages
from .knowledge import Knowledge, Page, by_kind, common_context, edition_knowledge, latest_knowledge, shared_context

__all__ = ["Drawings", "Page", "SiteData", "briefing_page", "each_page", "pages_near", "site_data", "site_pages"]


@dataclass(frozen=True)
class SiteData:
    """What every page of a build is made from, made once and held once: the editions, the latest knowledge, the
    numbered passages and the context all pages share. Pages are made from it one at a time (`each_page`)."""

    project: model.Project
    views: dict[str, View]
    drawings: Drawings
    settings: Config
    editions: list[model.Briefing]
    everything: Knowledge
    cat: Catalogue
    shared: dict[str, Any]


def _newest_first(project: model.Project) -> list[model.Briefing]:
    return sorted(project.briefings.values(), key=lambda b: (b.as_of.sort_key(), b.number), reverse=True)


def _basis(project: model.Project, drawings: Drawings, settings: Config) -> tuple[Catalogue, dict[str, Any]]:
    """What every page is made with: the citation catalogue and the context shared by every page."""
    # passages are numbered over every citation of the project, so a passage keeps its number in every edition
    cat = catalogue(
        project,
        (c for kind in LISTED for item in getattr(project, kind.name).values() for _, c in citations(item)),
        drawings.matches,
    )
    return cat, shared_context(project, cat, settings)  # once per build: fragments, names


def site_data(project: model.Project, views: dict[str, View], drawings: Drawings, site: Config | None = None) -> SiteData:
    settings = site or Config()
    cat, shared = _basis(project, drawings, settings)
    return SiteData(project, views, drawings, settings, _newest_first(project), latest_knowledge(project), cat, shared)


def pages_near(
    project: model.Project, views: dict[str, View], drawings: Drawings, path: str, site: Config | None = None
) -> list[Page] | None:
    """The few pages made together with `path`, each as `site_pages` makes it: an edition's briefing and annex
    pages, an edition's item pages, or the all-time item pages; None for the site's index pages (list them all).

    The live preview makes the page an open browser shows from these, without the contexts of the whole site.
    """
    editions, settings = _newest_first(project), site or Config()
    cat, shared = _basis(project, drawings, settings)
    parts = path.split("/")
    view = views.get(parts[1].removesuffix(".html")) if parts[0] == "briefings" and len(parts) > 1 else None
    if view is not None:
        pages = list(briefing_pages(project, view, editions, cat, settings, drawings, shared))
        if all(page.path != path for page in pages):
            pages = list(item_pages(project, edition_knowledge(view), editions, cat, [view], shared, drawings))
    else:
        pages = list(item_pages(project, latest_knowledge(project), editions, cat, list(views.values()), shared, drawings))
    return pages if any(page.path == path for page in pages) else None


def site_pages(project: model.Project, views: dict[str, View], drawings: Drawings, site: Config | None = None) -> list[Page]:
    """Every HTML page of the site: index, briefings with their own pages, the all-time pages and search."""
    return list(each_page(site_data(project, views, drawings, site)))


def each_page(data: SiteData) -> Iterator[Page]:
    """The pages of `site_pages`, in its order, each made as it is asked for: a build holds one page at a time."""
    project, views, drawings, editions = data.project, data.views, data.drawings, data.editions
    everything, cat, shared = data.everything, data.cat, data.shared

    def page(path: str, template: str, title: str, deps: tuple[Any, ...], **extra: Any) -> Page:
        context = common_context(path, everything, cat, shared)
        context.update(title=title, **extra)
        return Page(path, template, context, title, deps)

    yield page("index.html", "index.html", "Briefings", tuple(editions), editions=editions, views=views)
    for briefing in editions:
        view = views[briefing.slug]
        yield from briefing_pages(project, view, editions, cat, data.settings, drawings, shared)
        yield from item_pages(project, edition_knowledge(view), editions, cat, [view], shared, drawings)
    yield from item_pages(project, everything, editions, cat, list(views.values()), shared, drawings)

    actors = everything.actors
    listed = page("actors/index.html", "actors.html", "Actors", tuple(actors.values()), groups=by_kind(actors.values()))
    actors_href = listed.context["href"]
    listed.context["relations_svg"] = Lazy(
        lambda: pictures.both(
            lambda width, prefix: pictures.relations_svg(actors, href=actors_href, id_prefix=prefix, width=width),
            "pic-rel",
        )
    )
    yield listed
    events = everything.events
    places = sorted(everything.places.values(), key=lambda p: p.name)
    counts = Counter(event.place for event in events if event.place)
    listed = page("places/index.html", "places.html", "Places", (*places, *events), places=places, counts=counts)
    places_href = listed.context["href"]
    listed.context["map_svg"] = Lazy(lambda: map_picture(drawings, places, events, places_href))
    yield listed
    cited_by = citations_by_source(everything.cited)
    sources = sorted(project.sources.values(), key=lambda s: (s.published.sort_key(), s.id))
    citation_counts = {s.id: len(cited_by[s.id]) for s in sources}
    yield page(
        "sources/index.html", "sources.html", "Sources", (*sources, str(citation_counts)), sources=sources, cited_by=cited_by
    )
    yield page("search.html", "search.html", "Search", ())


def briefing_page(data: SiteData, slug: str) -> Page:
    """An edition's own page alone (what its PDF is made from), as `each_page` makes it."""
    view = data.views[slug]
    return next(briefing_pages(data.project, view, data.editions, data.cat, data.settings, data.drawings, data.shared))
