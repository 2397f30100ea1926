"""Paging: a list of events longer than a page holds is split into numbered pages that link to each other."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from ... import model
from ...dates import compact

# Events on one HTML page: a page's cost (and a reader's scrolling) stays the same however many the project holds.
PER_PAGE = 100
NEARBY = 3  # pages listed on either side of the current one
# Cited passages on one page of an edition's source list (whole sources: one with more has a page of its own):
# about the bytes of PER_PAGE event entries (a passage's line is ~300 B, an entry ~1.6 kB)
PASSAGES_PER_PAGE = 500

_T = TypeVar("_T")


def numbered(path: str, number: int) -> str:
    """The path of page `number` of a paged page: 'timeline.html', then 'timeline.2.html', 'timeline.3.html'...

    Ids are lowercase letters, digits and hyphens, so a dot never makes the name of another item's page.
    """
    if number == 1:
        return path
    stem, dot, suffix = path.rpartition(".")
    return f"{stem}.{number}.{suffix}" if dot else f"{path}.{number}"


def split(events: Sequence[model.Event], per_page: int = PER_PAGE) -> list[Sequence[model.Event]]:
    """The events of each page, in order; one page (perhaps empty) when they fit."""
    return [events[start : start + per_page] for start in range(0, len(events), per_page)] or [events]


def split_weighed(items: Sequence[_T], weight: Callable[[_T], int], most: int) -> list[Sequence[_T]]:
    """`items` in order on pages whose weights sum to at most `most` (an item heavier than that alone on its page);
    one page (perhaps empty) when they fit."""
    chunks: list[Sequence[_T]] = []
    start, held = 0, 0
    for index, item in enumerate(items):
        if index > start and held + weight(item) > most:
            chunks.append(items[start:index])
            start, held = index, 0
        held += weight(item)
    return [*chunks, items[start:]] if items else [items]


def located(ids: Iterable[str], path: str, per_page: int = PER_PAGE) -> dict[str, str]:
    """The page each event is on, its path made from `path` (events in page order)."""
    return {event_id: numbered(path, index // per_page + 1) for index, event_id in enumerate(ids)}


@dataclass(frozen=True)
class PageLink:
    """One page of a paged list, as the page list shows it: its number, file (beside the page) and dates."""

    number: int
    href: str
    dates: str  # "3 Jan 2019 – 20 Feb 2019"


@dataclass(frozen=True)
class Pager:
    """Where a page is among the pages of its list: templates show `pages` and link `previous` and `next`."""

    number: int
    pages: tuple[PageLink, ...]
    first: int  # the number (from 1) of the page's first event in the whole list
    last: int
    total: int
    what: str = "Events"  # what the list holds, as the page list names them

    @property
    def previous(self) -> PageLink | None:
        return self.pages[self.number - 2] if self.number > 1 else None

    @property
    def next(self) -> PageLink | None:
        return self.pages[self.number] if self.number < len(self.pages) else None

    @property
    def is_paged(self) -> bool:
        return len(self.pages) > 1

    @property
    def dates(self) -> str:
        return self.pages[self.number - 1].dates

    @property
    def nearby(self) -> tuple[PageLink | None, ...]:
        """The pages the page list shows: the first, the last, and those within NEARBY of this one; None for a gap.

        So a page of a project of any size lists a few pages, not one link per hundred events.
        """
        shown = [p for p in self.pages if p.number in (1, len(self.pages)) or abs(p.number - self.number) <= NEARBY]
        found: list[PageLink | None] = []
        for link in shown:
            if found and found[-1] is not None and link.number > found[-1].number + 1:
                found.append(None)
            found.append(link)
        return tuple(found)


def _dates(events: Sequence[model.Event]) -> str:
    if not events:
        return ""
    first, last = compact(events[0].date), compact(events[-1].date, events[-1].date_end)
    return first if first == last else f"{first} – {last}"


def pagers(
    path: str,
    chunks: Sequence[Sequence[_T]],
    dates: Callable[[Sequence[Any]], str] = _dates,  # the events' dates by default
    what: str = "Events",
) -> list[tuple[str, Pager]]:
    """Each page's path and pager, for the chunks of `split` (or of `split_weighed`, with what `dates` says of a
    page's items and `what` they are)."""
    name = path.rpartition("/")[2]
    links = tuple(PageLink(n, numbered(name, n), dates(chunk)) for n, chunk in enumerate(chunks, start=1))
    total = sum(len(chunk) for chunk in chunks)
    found: list[tuple[str, Pager]] = []
    start = 1
    for n, chunk in enumerate(chunks, start=1):
        found.append((numbered(path, n), Pager(n, links, start, start + len(chunk) - 1, total, what)))
        start += len(chunk)
    return found
