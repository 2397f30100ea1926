"""Pictures of pages: drawn only when a page prints them, maps and timelines kept between builds by what they show."""

from __future__ import annotations

from collections import Counter, OrderedDict
from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

from ... import model, pictures, quotes
from ...write.inputs import digest
from ...write.keys import Derived


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

    Maps and timelines are kept by a digest of exactly what they show: placing labels is the costliest part
    of a page, and most edits (a judgment, a summary, a source) leave the places and events alone. The world
    outlines are read on the first map drawn, so a build without maps never reads them.
    """

    drawn: OrderedDict[str, str] = field(default_factory=OrderedDict)  # by a digest of what each shows
    world: pictures.World | None = None
    kept: int = 64  # pictures at most (an edition's map and timeline, the all-time ones): a preview runs for hours
    hands_on_once: bool = False  # a one-off build shows most pictures once: a picture is kept only when it is drawn
    # for a page that asks (`keeping`: a PDF's, whose page in HTML comes later), and handed on to the next request
    # for it and let go; every other picture is drawn where it is shown and not held
    matches: quotes.Matches = field(default_factory=quotes.Matches)  # where quotes are in texts (the preview's check's)
    asked_to_keep: bool = field(default=False, init=False)  # within `keeping`

    def world_outlines(self) -> pictures.World:
        if self.world is None:
            self.world = pictures.load_world()
        return self.world

    @contextmanager
    def keeping(self) -> Iterator[None]:
        """Pictures drawn within are kept for their next showing, in a one-off build too (a PDF's page draws them
        first, the same page in HTML is handed them)."""
        was, self.asked_to_keep = self.asked_to_keep, True
        try:
            yield
        finally:
            self.asked_to_keep = was


def map_picture(
    drawings: Drawings,
    places: list[model.Place],
    events: list[model.Event],
    href: Callable[[str, str], str | None],
    as_of: str | None = None,
) -> str:
    counts = Counter(event.place for event in events if event.place)
    key = digest(
        "map",
        as_of or "",
        *(place.model_dump_json() for place in places),
        *(f"{place.id}={counts[place.id]}>{href('place', place.id)}" for place in places),
        *sorted({f"{e.place}:{e.type}" for e in events if e.place}),
    )
    return _kept(
        drawings,
        key,
        lambda: pictures.both(
            lambda width, prefix: pictures.map_svg(
                places, events, world=drawings.world_outlines(), href=href, id_prefix=prefix, width=width, as_of=as_of
            ),
            "pic-map",
        ),
    )


def _kept(drawings: Drawings, key: str, draw: Callable[[], str]) -> str:
    """The picture drawn under `key`, drawn now if it is not kept (the least recently shown goes first); in a one-off
    build, outside `keeping`, a kept picture is handed on and let go, and one drawn now is not kept."""
    drawn = drawings.drawn
    hands_on = drawings.hands_on_once and not drawings.asked_to_keep
    picture = drawn.pop(key, None) if hands_on else drawn.get(key)
    if picture is not None:
        if not hands_on:
            drawn.move_to_end(key)
        return picture
    picture = draw()
    if not hands_on:
        drawn[key] = picture
        while len(drawn) > drawings.kept:
            drawn.popitem(last=False)
    return picture


def relations_picture(actors: dict[str, model.Actor], href: Callable[[str, str], str | None]) -> str:
    return pictures.both(
        lambda width, prefix: pictures.relations_svg(actors, href=href, id_prefix=prefix, width=width), "pic-rel"
    )


def timeline_picture(
    drawings: Drawings,
    events: list[model.Event],
    href: Callable[[str, str], str | None],
    *,
    key: Collection[str],
    editions: list[pictures.Edition],
    phases: Sequence[model.Phase] = (),
) -> str:
    """The timeline at both widths: key events named, phases shaded, editions marked; kept by all it shows (each
    event whole and where it links, the key events, the phases and the editions)."""
    kept_by = digest(
        "timeline",
        *(f"{event.model_dump_json()}>{href('event', event.id)}" for event in events),
        *sorted(key),
        *(phase.model_dump_json() for phase in phases),
        *(f"{edition.label}@{edition.date}" for edition in editions),
    )
    return _kept(
        drawings,
        kept_by,
        lambda: pictures.both(
            lambda width, prefix: pictures.timeline_svg(
                events, href=href, id_prefix=prefix, width=width, key=key, phases=phases, editions=editions
            ),
            "pic-tl",
        ),
    )


def editions_until(editions: list[model.Briefing], as_of: model.Briefing | None = None) -> list[pictures.Edition]:
    """The editions a timeline marks: those published by `as_of`'s date (all without it)."""
    shown = [b for b in editions if as_of is None or b.as_of.sort_key() <= as_of.as_of.sort_key()]
    return [
        pictures.Edition(f"Ed. {b.number}, {b.as_of.earliest.day} {b.as_of.earliest:%b}", b.as_of.latest)
        for b in sorted(shown, key=lambda b: (b.as_of.sort_key(), b.number))
    ]
