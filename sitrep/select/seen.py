"""The as-of rule: what a sight (a date and the sources published by it) sees of each item, and of every kind."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, TypeVar

from .. import model, quotes
from ..dates import FuzzyDate
from ..model import kinds

T = TypeVar("T", bound=model.Strict)


def seen_from(source: model.Source) -> dt.date:
    """The first day an edition sees a source: its `published_by` day, else the last day its date can mean."""
    return (source.published_by or source.published).latest


def visible_sources(project: model.Project, as_of: FuzzyDate) -> set[str]:
    """Sources published on or before `as_of`; a month or year counts from its last day, unless `published_by` says earlier."""
    return {sid for sid, source in project.sources.items() if seen_from(source) <= as_of.latest}


@dataclass(frozen=True)
class Seen:
    """What an edition can see: its as-of date, its sources and their texts, and (once known) the ids of each kind it shows."""

    as_of: FuzzyDate
    sources: frozenset[str]
    texts: dict[str, str]
    ids: dict[str, set[str]] | None = None  # kind -> visible ids; None while visibility is being decided
    newer: dict[str, dict[str, str]] = field(default_factory=dict)  # kind -> earlier version -> the version shown
    under: Seen | None = None  # a narrower sight, whose sources' texts are folded already
    corpora: quotes.Corpora | None = None  # the caller's folded texts, kept across checks (the live preview's)

    def shows(self, kind: str, item_id: str) -> bool:
        """True when the edition shows the item, or a later version of it."""
        if kind == "sources":
            return item_id in self.sources
        if self.ids is None or kind not in self.ids:
            return True
        return item_id in self.ids[kind] or item_id in self.newer.get(kind, {})

    def current(self, kind: str, item_id: str) -> str:
        """The version of an item the edition shows: a reference to an earlier version leads to it."""
        return self.newer.get(kind, {}).get(item_id, item_id)

    def attests(self, words: str) -> bool:
        """True when a source the edition sees has these words (an alias it may show)."""
        return self.corpus.has(words)

    @cached_property
    def corpus(self) -> quotes.Corpus:
        """The texts of the sources it sees, folded once (an edition asks about every alias); those a narrower sight
        (`under`) saw are its."""
        under = self.under.corpus if self.under is not None else None
        folded = self.under.sources if self.under is not None else frozenset()
        texts = [self.texts[s] for s in sorted(self.sources - folded) if s in self.texts]
        return quotes.Corpus.of(texts, under) if self.corpora is None else self.corpora.of(texts, under)

    def settled(self, ids: dict[str, set[str]], newer: dict[str, dict[str, str]]) -> Seen:
        """The same sight once visibility is decided; the texts stay folded, and the aliases already asked about answered."""
        settled = Seen(self.as_of, self.sources, self.texts, ids, newer, self.under, self.corpora)
        settled.__dict__["corpus"] = self.corpus  # a cached_property lives in the instance's __dict__
        return settled


def as_seen(item: T, seen: Seen) -> T | None:
    """`item` as an edition sees it, or None when it cannot see it at all.

    Read from the model's declarations, so every field is covered by construction: citations
    of sources the edition cannot see are dropped, and an item or part that had citations and
    keeps none is not shown (a later version of prose, which rests on every source it cites,
    is not shown until the edition sees them all); so is an item or part whose `Dated` date is
    after the as-of date; references (`Ref`) to items the edition does not show are dropped,
    and a part that cannot stand without its reference (a relation without its target) goes
    with it; `Attested` words (aliases) are shown only where a source the edition sees has them.
    """
    if item.rests_on_every_source() and not all(c.source in seen.sources for c in getattr(item, "cite", [])):
        return None
    update: dict[str, Any] = {}
    for shape in kinds.seen_shapes(type(item)):
        value = getattr(item, shape.name)
        if value is None:
            continue
        if shape.dated:
            if value.latest > seen.as_of.latest:
                return None
        elif shape.ref is not None and not shape.ref.earlier:
            target = shape.ref.kind
            if shape.many:
                kept_ids = list(dict.fromkeys(seen.current(target, ref) for ref in value if seen.shows(target, ref)))
                if kept_ids != value:
                    update[shape.name] = kept_ids
            elif not seen.shows(target, value):
                if type(item).model_fields[shape.name].is_required():
                    return None
                update[shape.name] = None
            elif seen.current(target, value) != value:
                update[shape.name] = seen.current(target, value)
        elif shape.attested and shape.many:
            kept_words = [words for words in value if seen.attests(words)]
            if len(kept_words) != len(value):
                update[shape.name] = kept_words
        elif shape.part is not None:
            parts = value if shape.many else [value]
            kept = [part for part in (as_seen(part, seen) for part in parts) if part is not None]
            if shape.part is model.Citation and parts and not kept:
                return None  # it rested only on sources the edition cannot see
            if len(kept) != len(parts) or any(a is not b for a, b in zip(kept, parts, strict=False)):
                if shape.many:
                    update[shape.name] = kept
                elif not kept and type(item).model_fields[shape.name].is_required():
                    return None
                else:
                    update[shape.name] = kept[0] if kept else None
    # read from the fields (a pydantic model keeps them in its __dict__): asking a part without the field by getattr
    # raises inside pydantic, half a million times at 10,000 events
    versions = update.get("summary_versions", vars(item).get("summary_versions"))
    if versions:  # the newest summary the edition can see
        update["summary"] = versions[-1].text
    shown = item.model_copy(update=update) if update else item
    return shown if shown.stands() else None


@dataclass(frozen=True)
class Known:
    """What one sight sees of every kind (`known`), kept so a wider sight can start from it."""

    seen: Seen  # settled: its ids and newer versions are decided
    visible: dict[str, dict[str, Any]]

    def within(self, seen: Seen) -> bool:
        """True when `seen` sees every source this sight saw, on the same date or later."""
        return self.seen.sources <= seen.sources and self.seen.as_of.latest <= seen.as_of.latest


@dataclass
class Answers:
    """What `as_seen` answered for one sight, kept by a caller that selects one project again and again (the live
    preview): the same item object, asked again by the same sight, gets the same answer without being walked.

    An item is frozen, and what `as_seen` reads besides it is the sight: its date, sources and their texts (`sight`),
    then, once visibility is decided, the ids and versions shown too (`settled`). A changed sight asks every item
    again; an item whose file changed is a new object, asked again. Each pass keeps only the items it was asked of.
    """

    sight: tuple[Any, ...] = ()
    seen: dict[int, tuple[Any, Any]] = field(default_factory=dict)  # id(item) -> (item, as the unsettled sight saw it)
    settled: tuple[Any, ...] = ()
    shown: dict[int, tuple[Any, Any]] = field(default_factory=dict)  # id(item) -> (item, as the settled sight shows it)


class _Asked:
    """`as_seen` answered from what was kept (if the sight is the same), and what is answered now, to keep."""

    def __init__(self, kept: dict[int, tuple[Any, Any]]) -> None:
        self.kept = kept
        self.now: dict[int, tuple[Any, Any]] = {}

    def __call__(self, item: T, seen: Seen) -> T | None:
        entry = self.kept.get(id(item))
        answer = entry[1] if entry is not None and entry[0] is item else as_seen(item, seen)
        self.now[id(item)] = (item, answer)
        return answer


def known(
    project: model.Project,
    seen: Seen,
    include: Callable[[kinds.Kind, Any], bool] = lambda kind, item: True,
    base: Known | None = None,
    answers: Answers | None = None,
) -> Known:
    """Every item of each kind as `seen` sees it, by kind name: the one pass of the as-of rule.

    First which items it sees at all (by their citations and dates; a later version hides the
    one it supersedes), then each of them as it sees it (only the references, parts and
    citations it can see). `include` narrows what is shown (a briefing's scope).

    `base` is a narrower sight made with the same `include` (an earlier edition: editions are nested by date). An
    item it showed as written is seen by `seen` too, every citation, date and alias of it being seen; and it shows as
    written again unless a reference of it may now lead elsewhere, which cannot happen when the versions shown are
    the same and nothing that `base` showed is hidden. Those items are taken as they are, not walked again.

    `answers` (the caller's, kept across calls for this sight) are what this sight answered before, for items unchanged.
    """
    sight = (seen.as_of.latest, seen.sources, seen.texts)
    asked = _Asked(answers.seen if answers is not None and answers.sight == sight else {})
    before = base.visible if base is not None and base.within(seen) else {}
    ids: dict[str, set[str]] = {}
    newer: dict[str, dict[str, str]] = {}
    for kind in kinds.LISTED:
        items = getattr(project, kind.name)
        shown_before = before.get(kind.name, {})
        ids[kind.name] = {
            key
            for key, item in items.items()
            if include(kind, item) and (shown_before.get(key) is item or asked(item, seen) is not None)
        }
        if kind.versioned:
            newer[kind.name] = _earlier_versions(items, ids[kind.name])
            ids[kind.name] -= set(newer[kind.name])
    settled = seen.settled(ids, newer)
    if (
        base is None
        or base.seen.newer != newer
        or any(not ids_before <= ids[k] for k, ids_before in (base.seen.ids or {}).items())
    ):
        before = {}  # a reference may lead elsewhere now: every item is walked
    settled_sight = (sight, ids, newer)
    shown = _Asked(answers.shown if answers is not None and answers.settled == settled_sight else {})
    visible: dict[str, dict[str, Any]] = {}
    for kind in kinds.LISTED:
        items = getattr(project, kind.name)
        shown_before = before.get(kind.name, {})
        visible[kind.name] = {
            key: item
            for key in items
            if key in ids[kind.name]
            and (item := items[key] if shown_before.get(key) is items[key] else shown(items[key], settled)) is not None
        }
    if answers is not None:
        answers.sight, answers.seen, answers.settled, answers.shown = sight, asked.now, settled_sight, shown.now
    return Known(settled, visible)


def _earlier_versions(items: dict[str, Any], shown: set[str]) -> dict[str, str]:
    """Each version that a shown item supersedes, directly or down the chain, mapped to the newest one shown."""
    newest: dict[str, str] = {}
    for key in sorted(shown, key=lambda k: _depth(items, k), reverse=True):  # the newest claims its chain first
        previous = items[key].supersedes
        while previous and previous not in newest and previous in items and previous != key:
            newest[previous] = key
            previous = items[previous].supersedes
    return newest


def _depth(items: dict[str, Any], key: str) -> int:
    """How many earlier versions an item has (a loop is counted once)."""
    chain = [key]
    while (previous := items[chain[-1]].supersedes) and previous in items and previous not in chain:
        chain.append(previous)
    return len(chain)


def latest(project: model.Project) -> dict[str, dict[str, Any]]:
    """What every source together says: the latest knowledge, which the all-time pages show."""
    everything = Seen(FuzzyDate(9999), frozenset(project.sources), project.texts)
    return known(project, everything).visible
