"""Citations as readers meet them: a short key per source, stable passage numbers, one call per claim.

A claim's call combines every passage it rests on, "[AW 2, 5; IW 3]": AW is the source's key and 2
the passage's number in that source, counted in the order the passages stand in its archived text
(so the numbers are the same in every edition, on the web and in print). The source list prints
each source's reliability once and each passage with its credibility where it was graded.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from .. import model, quotes

_SMALL_WORDS = frozenset({"the", "a", "an", "of", "and", "for", "in", "on", "at", "to", "by", "as", "its", "with", "from"})
MAX_KEY_LETTERS = 4


def _initials(name: str) -> str:
    """'The Arab Weekly' -> AW, 'IranWire' -> IW, 'MENA Research and Study Center' -> MRSC."""
    words = [w for w in re.findall(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+", name) if w.lower() not in _SMALL_WORDS]
    letters = "".join(w[0] for w in words).upper()
    if len(letters) >= 2:
        return letters[:MAX_KEY_LETTERS]
    word = re.sub(r"[^A-Za-z]", "", name) or "SRC"
    return word[:3].upper()


def source_keys(sources: Iterable[model.Source]) -> dict[str, str]:
    """A short, unique key for every source, from its outlet (or its title when the outlet is not named).

    Two sources with the same initials take the year after them (AW19, AW20), then a letter (AW19a).
    """
    ordered = sorted(sources, key=lambda s: (s.published.sort_key(), s.id))
    by_initials: dict[str, list[model.Source]] = defaultdict(list)
    for source in ordered:
        by_initials[_initials(source.outlet or source.title)].append(source)
    keys: dict[str, str] = {}
    for initials, group in by_initials.items():
        if len(group) == 1:
            keys[group[0].id] = initials
            continue
        by_year: dict[str, list[model.Source]] = defaultdict(list)
        for source in group:
            by_year[f"{initials}{source.published.year % 100:02d}"].append(source)
        for with_year, same in by_year.items():
            for index, source in enumerate(same):
                keys[source.id] = with_year if len(same) == 1 else f"{with_year}{_letter(index)}"
    return keys


def _letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


def quote_anchor(source_id: str, quote: str) -> str:
    """A stable anchor id for a quoted passage on its source's page."""
    import hashlib

    digest = hashlib.sha1(f"{source_id}\n{quote}".encode(), usedforsecurity=False).hexdigest()[:10]
    return f"q-{digest}"


@dataclass(frozen=True)
class Passage:
    """One quoted passage of a source: what a citation points at."""

    source: model.Source
    key: str  # the source's key, e.g. AW
    number: int  # its place among the source's cited passages, in the order of the text
    quote: str

    @property
    def label(self) -> str:
        return f"{self.key} {self.number}"

    @property
    def anchor(self) -> str:
        """Its id on the source's page (the highlighted passage)."""
        return quote_anchor(self.source.id, self.quote)

    @property
    def print_id(self) -> str:
        """Its id in a briefing's source list."""
        return f"passage-{self.source.id}-{self.number}"


@dataclass(frozen=True)
class Catalogue:
    """Every source's key and every cited passage's number, for the whole project."""

    sources: dict[str, model.Source]
    keys: dict[str, str]
    numbers: dict[tuple[str, str], int]  # (source id, quote) -> number
    # each numbered passage made once: every page that shows it holds the same object, so a page key hashes it once
    numbered: dict[tuple[str, str], Passage] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        made = {key: Passage(self.sources[key[0]], self.keys[key[0]], n, key[1]) for key, n in self.numbers.items()}
        object.__setattr__(self, "numbered", made)

    def passage(self, source_id: str, quote: str) -> Passage:
        found = self.numbered.get((source_id, quote))
        return found if found is not None else Passage(self.sources[source_id], self.keys[source_id], 0, quote)


def catalogue(project: model.Project, citations: Iterable[model.Citation], matches: quotes.Matches | None = None) -> Catalogue:
    """Number each source's cited passages in the order they stand in its archived text (`matches`: the caller's)."""
    by_source: dict[str, set[str]] = defaultdict(set)
    for citation in citations:
        if citation.source in project.sources:
            by_source[citation.source].add(citation.quote)
    numbers: dict[tuple[str, str], int] = {}
    matches = matches if matches is not None else quotes.Matches()  # each text folded once for all its quotes
    for source_id, quoted in by_source.items():
        text = project.texts.get(source_id, "")

        def position(quote: str, text: str = text) -> tuple[int, int, str]:
            spans = matches.find(text, quote) if text else None
            return (spans[0][0], -spans[-1][1], quote) if spans else (len(text), 0, quote)

        for number, quote in enumerate(sorted(quoted, key=position), start=1):
            numbers[(source_id, quote)] = number
    return Catalogue(dict(project.sources), source_keys(project.sources.values()), numbers)


@dataclass(frozen=True)
class Group:
    """The passages of one source within a call: 'AW 2, 5'."""

    key: str
    passages: tuple[Passage, ...]


@dataclass(frozen=True)
class Claim:
    """One call: the passages a statement rests on, and the events it names (for a narrative sentence)."""

    number: int  # its order on the page, for the note's id
    passages: tuple[Passage, ...]
    credibility: dict[tuple[str, str], int]  # graded passages' credibility for this claim
    events: tuple[model.Event, ...] = ()
    anchors: tuple[str, ...] = ()  # ids a source's page links back to: "cite-<event id>", once per page
    name: str = ""  # names the note instead of its number: an event's entry, made once and shown on many pages

    @property
    def id(self) -> str:
        return f"claim-{self.name or self.number}"

    @property
    def groups(self) -> list[Group]:
        order: dict[str, list[Passage]] = {}
        for passage in self.passages:
            order.setdefault(passage.key, []).append(passage)
        return [Group(key, tuple(sorted(found, key=lambda p: p.number))) for key, found in order.items()]

    @property
    def label(self) -> str:
        """'AW 2, 5; IW 3', as the call prints it."""
        return "; ".join(f"{g.key} {', '.join(str(p.number) for p in g.passages)}" for g in self.groups)

    def graded(self, passage: Passage) -> int | None:
        return self.credibility.get((passage.source.id, passage.quote))


@dataclass
class Claims:
    """The calls of one page, numbered as they are made."""

    catalogue: Catalogue
    root: str
    prefix: str = ""  # the folder of the source pages calls link to: an edition's own ("briefings/<slug>/") or ""
    made: int = 0  # calls so far: a count, not the calls, so a rendered page keeps nothing of them
    _anchored: set[str] = field(default_factory=set)

    def add(
        self, citations: Iterable[model.Citation], events: Iterable[model.Event] = (), anchors: Iterable[str] = (), name: str = ""
    ) -> Claim:
        passages: dict[tuple[str, str], Passage] = {}
        graded: dict[tuple[str, str], int] = {}
        for citation in citations:
            key = (citation.source, citation.quote)
            if key not in passages:
                passages[key] = self.catalogue.passage(*key)
            if citation.credibility is not None:
                graded[key] = min(graded.get(key, 6), citation.credibility)
        self.made += 1
        return Claim(self.made, tuple(passages.values()), graded, tuple(events), tuple(anchors), name)

    def add_events(self, ids: Iterable[str], events: Mapping[str, model.Event]) -> Claim:
        """The call of a sentence that names these events: their citations, in one claim."""
        found = [events[event_id] for event_id in ids if event_id in events]
        anchors = [f"cite-{e.id}" for e in found if f"cite-{e.id}" not in self._anchored]
        self._anchored.update(anchors)
        return self.add((c for event in found for c in event.cite), found, anchors)

    def href(self, passage: Passage) -> str:
        """The highlighted passage on its source's page."""
        return f"{self.root}{self.prefix}sources/{passage.source.id}.html#{passage.anchor}"


@dataclass(frozen=True)
class SourceEntry:
    """A source in a briefing's source list: its key, and the passages the briefing cites, with grades."""

    source: model.Source
    key: str
    passages: tuple[tuple[Passage, tuple[int, ...]], ...]  # each passage with the credibility grades given to it


def source_list(cat: Catalogue, citations: Iterable[model.Citation], order: Iterable[str]) -> list[SourceEntry]:
    """The sources in `order` that `citations` cite, each with its cited passages in number order."""
    grades: dict[tuple[str, str], set[int]] = defaultdict(set)
    for citation in citations:
        found = grades[(citation.source, citation.quote)]
        if citation.credibility is not None:
            found.add(citation.credibility)
    by_source: dict[str, list[tuple[Passage, tuple[int, ...]]]] = defaultdict(list)
    for (source_id, quote), graded in grades.items():
        passage = cat.passage(source_id, quote)
        by_source[source_id].append((passage, tuple(sorted(graded))))
    entries = []
    for source_id in order:
        if source_id in cat.sources:
            passages = sorted(by_source.get(source_id, []), key=lambda pair: pair[0].number)
            entries.append(SourceEntry(cat.sources[source_id], cat.keys[source_id], tuple(passages)))
    return entries
