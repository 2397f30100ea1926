"""Pictures of pages: drawn only when a page prints them, maps kept between builds by what they show."""

from __future__ import annotations

from collections import Counter, OrderedDict
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field

from ... import model, pictures, quotes
from ...write.keys import Derived, digest


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
    matches: quotes.Matches = field(default_factory=quotes.Matches)  # where quotes are in texts (the preview's check's)

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
