"""Pages: what the site holds — one entry per output file, with the template and the data it renders."""

from __future__ import annotations

from collections import Counter
from typing import Any

from ... import model, pictures
from ...config import Config
from ...select import View
from .drawings import Drawings, Lazy, map_picture
from .edition import briefing_pages
from .items import citations_by_source, item_pages
from .knowledge import Page, PageInputs, by_kind, common_context, edition_knowledge, latest_knowledge, page_inputs

__all__ = ["Drawings", "Page", "PageInputs", "pages_near", "site_pages"]


def pages_near(
    project: model.Project, views: dict[str, View], drawings: Drawings, path: str, site: Config | None = None
) -> list[Page] | None:
    """The few pages made together with `path`, each as `site_pages` makes it: an edition's briefing and annex
    pages, an edition's item pages, or the all-time item pages; None for the site's index pages (list them all).

    The live preview makes the page an open browser shows from these, without the contexts of the whole site.
    """
    inputs = page_inputs(project, drawings, site or Config())
    parts = path.split("/")
    view = views.get(parts[1].removesuffix(".html")) if parts[0] == "briefings" and len(parts) > 1 else None
    if view is not None:
        pages = briefing_pages(inputs, view)
        if all(page.path != path for page in pages):
            pages = item_pages(inputs, edition_knowledge(view), [view])
    else:
        pages = item_pages(inputs, latest_knowledge(project), list(views.values()))
    return pages if any(page.path == path for page in pages) else None


def site_pages(project: model.Project, views: dict[str, View], drawings: Drawings, site: Config | None = None) -> list[Page]:
    """Every HTML page of the site: index, briefings with their own pages, the all-time pages and search."""
    inputs = page_inputs(project, drawings, site or Config())
    editions = inputs.editions
    everything = latest_knowledge(project)
    pages: list[Page] = []

    def page(path: str, template: str, title: str, deps: tuple[Any, ...], **extra: Any) -> None:
        context = common_context(path, everything, inputs.cat, inputs.shared)
        context.update(title=title, **extra)
        pages.append(Page(path, template, context, title, deps))

    page("index.html", "index.html", "Briefings", tuple(editions), editions=editions, views=views)
    for briefing in editions:
        view = views[briefing.slug]
        pages.extend(briefing_pages(inputs, view))
        pages.extend(item_pages(inputs, edition_knowledge(view), [view]))
    pages.extend(item_pages(inputs, everything, list(views.values())))

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
