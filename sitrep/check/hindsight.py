"""Hindsight: prose an edition shows that names what it cannot see, or speaks of a day after its as-of date."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from .. import model
from ..dates import FuzzyDate
from ..load import Loaded, dotted
from ..model import kinds
from ..problems import Problem
from ..select import View
from .walk import key, label, problem

HINT_NAME = (
    "write what the edition's own sources say; put later knowledge in a later version (supersedes, summary_versions), "
    "or cite an earlier source that names it"
)
HINT_DATE = (
    "say only what was known by the as-of date; a sentence about the future says so (will, expects, plans, could...), "
    "and later knowledge goes in a later version (supersedes, summary_versions)"
)

_MONTHS = {name: number for number, name in enumerate(calendar.month_name) if name}
_MONTH = "|".join(_MONTHS)
# 3 January 2020, January 3, 2020, January 2020, 2020-01-03, 2020-01, January alone, 2020 alone
_DATE = re.compile(
    rf"\b(?:(?P<d1>\d{{1,2}}) (?P<m1>{_MONTH})(?: (?P<y1>\d{{4}}))?"
    rf"|(?P<m2>{_MONTH}) (?P<d2>\d{{1,2}})(?:st|nd|rd|th)?(?:,? (?P<y2>\d{{4}}))?(?!\d)"
    rf"|(?P<m3>{_MONTH}) (?P<y3>\d{{4}})"
    r"|(?P<iso>\d{4}-\d{2}(?:-\d{2})?)"
    rf"|(?P<m4>{_MONTH.replace('May|', '')})"
    r"|(?P<y4>(?:19|20)\d{2}))\b"
)
# A sentence that speaks of the future may name a later day: "will continue into 2020".
_FUTURE = re.compile(
    r"\b(?:will|would|could|may|might|shall|plans?|planned|planning|expects?|expected|scheduled|due|next|until|"
    r"within|intends?|aims?|likely|unlikely|possible|deadline|horizon|forecast|by then|to come|coming|upcoming|ahead)\b",
    re.IGNORECASE,
)
_SENTENCE = re.compile(r"[^.!?]+(?:[.!?]+|$)")


@dataclass
class Reads:
    """What hindsight read in each text, kept by its caller across checks (the live preview): an edit re-reads only
    the texts it changed. Valid while the project's names are the same; holds only the texts of the last check."""

    names: Names | None = None
    read: dict[str, Read] = field(default_factory=dict)


def hindsight(project: model.Project, loaded: Loaded, views: dict[str, View], reads: Reads | None = None) -> Iterator[Problem]:
    """Warn once, at the earliest edition that shows it, for each text that names or dates what the edition cannot know.

    `reads` are the caller's (see `Reads`); fresh by default."""
    reported: set[tuple[str, str, tuple[str | int, ...], str]] = set()
    names = _names(project)
    reads = Reads() if reads is None else reads
    before = reads.read if reads.names == names else {}
    read: dict[str, Read] = {}  # editions share most texts: each is read for names and dates once
    located: dict[tuple[str, str], dict[str, tuple[str | int, ...]]] = {}  # and most items: each located once
    # an item the editions show as written is one object in each view: its texts are walked once (kept with it)
    walked: dict[int, tuple[Any, list[tuple[tuple[str | int, ...], str]]]] = {}
    for view in sorted(views.values(), key=lambda v: (v.briefing.as_of.sort_key(), v.briefing.slug)):
        briefing = view.briefing
        visible = view.shown()
        for kind, original, shown in _shown(project, view):
            item_key = key(kind, original)
            if (where := located.get(item_key)) is None:
                where = located[item_key] = _locations(original)
            if (texts := walked.get(id(shown))) is None:
                texts = walked[id(shown)] = (shown, list(kinds.texts(shown)))
            for loc, text in texts[1]:
                if (reading := read.get(text)) is None:
                    reading = read[text] = before.get(text) or Read(names.written_in(text), tuple(_dates_in(text)))
                found = [*names.unseen_in(reading.names, visible), *_later_dates(reading.dates, briefing.as_of)]
                for subject, detail, hint in found:
                    at = where.get(text, loc)
                    mark = (kind.name, kinds.key_of(original), at, subject)
                    if mark in reported:
                        continue
                    reported.add(mark)
                    yield problem(
                        loaded.origins[item_key],
                        at,
                        f"{label(kind, original)}: hindsight in edition '{briefing.slug}' (as of {briefing.as_of}): "
                        f"{dotted(at)} {detail}",
                        hint,
                        "warning",
                    )
    reads.names, reads.read = names, read


def _shown(project: model.Project, view: View) -> Iterator[tuple[kinds.Kind, Any, Any]]:
    """(kind, item as written, item as the edition shows it) for the briefing and everything its view shows."""
    yield kinds.KINDS["briefings"], view.briefing, view.briefing
    for name, collection in view.shown().items():
        for item_id, item in collection.items():
            yield kinds.KINDS[name], getattr(project, name)[item_id], item


def _locations(item: Any) -> dict[str, tuple[str | int, ...]]:
    """Where each text of an item is written: the view may drop parts, so its own positions can differ."""
    where: dict[str, tuple[str | int, ...]] = {}
    for loc, text in kinds.texts(item):
        where.setdefault(text, loc)
    return where


_RUN = re.compile(r"(?<![\w-])[\w-]+")  # a name starts where one of these starts, and begins with all of it


@dataclass(frozen=True)
class Names:
    """Every name of an actor or place (names, aliases, persons' surnames), indexed by the word run it starts with,
    and what each names."""

    starting: dict[str, tuple[str, ...]]  # a name's first word run -> the names it starts, longest first
    named: dict[str, list[tuple[str, str]]]  # words -> (kind name, id) of each item they name
    pattern: re.Pattern[str] | None  # names that start with neither a letter, a digit nor '-', if any

    def written_in(self, text: str) -> tuple[str, ...]:
        """The names `text` writes, each once, in order; the longest name wins ('Kataib Hezbollah' is not 'Hezbollah').

        A name is written where it stands whole: no letter, digit or '-' just before or after it. One pass over the
        text's word runs, each looked up once; a name with a word run in it begins with the whole run it starts at.
        """
        if self.pattern is not None:
            return tuple(dict.fromkeys(m.group(0) for m in self.pattern.finditer(text)))
        found: dict[str, None] = {}
        end = 0
        for run in _RUN.finditer(text):
            start = run.start()
            if start < end or (candidates := self.starting.get(run.group())) is None:
                continue
            for name in candidates:
                stop = start + len(name)
                if text.startswith(name, start) and not _joins(text, stop):
                    found[name] = None
                    end = stop
                    break
        return tuple(found)

    def unseen_in(self, written: tuple[str, ...], shown: dict[str, dict[str, Any]]) -> Iterator[tuple[str, str, str]]:
        """Of the names a text writes (`written_in`), those of items an edition does not show (`shown`: its view's)."""
        for words in written:
            items = self.named[words]
            if any(item_id in shown[name] for name, item_id in items):
                continue
            name, item_id = items[0]
            what = f"{kinds.KINDS[name].singular} '{item_id}'"
            yield words, f"names '{words}', {what}, which this edition cannot see: it rests on later sources", HINT_NAME


def _names(project: model.Project) -> Names:
    named: dict[str, list[tuple[str, str]]] = {}
    for name in ("actors", "places"):
        for item in getattr(project, name).values():
            for words in dict.fromkeys([item.name, *item.aliases, *_surname(item)]):
                named.setdefault(words, []).append((name, item.id))
    return index_names(named)


def index_names(named: dict[str, list[tuple[str, str]]]) -> Names:
    """`named` (words -> the items they name) indexed for `Names.written_in`."""
    ordered = sorted(named, key=lambda p: (-len(p), p))
    starting: dict[str, list[str]] = {}
    for words in ordered:
        first = _RUN.match(words)
        if first is None or first.start() != 0:  # a name such as '(ISIS)': the one pattern finds them all
            pattern = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(p) for p in ordered) + r")(?![\w-])")
            return Names({}, named, pattern)
        starting.setdefault(first.group(), []).append(words)
    return Names({run: tuple(names) for run, names in starting.items()}, named, None)


_WORD_CHAR = re.compile(r"[\w-]")


def _joins(text: str, at: int) -> bool:
    """True when the character at `at` would join a word ending just before it."""
    return _WORD_CHAR.match(text, at) is not None


def _surname(item: Any) -> list[str]:
    """A person's last name as prose writes it alone: 'Soleimani', 'Zurfi'."""
    if getattr(item, "kind", None) != "person" or " " not in item.name:
        return []
    last = re.sub(r"^(?:al|el|Al|El)-", "", item.name.split()[-1])
    return [last] if len(last) >= 4 and last[0].isupper() else []


@dataclass(frozen=True)
class Read:
    """What a text writes that hindsight looks for, whatever the edition: names, and dates in sentences not about the future."""

    names: tuple[str, ...]
    dates: tuple[re.Match[str], ...]


def _dates_in(text: str) -> Iterator[re.Match[str]]:
    for sentence in _SENTENCE.finditer(text):
        if not _FUTURE.search(sentence.group(0)):
            yield from _DATE.finditer(sentence.group(0))


def _later_dates(dates: tuple[re.Match[str], ...], as_of: FuzzyDate) -> Iterator[tuple[str, str, str]]:
    day = as_of.latest
    for match in dates:
        start = _start_of(match, day)
        if start is not None and start > day:
            written = match.group(0)
            yield written, f"speaks of {written}, after the as-of date", HINT_DATE


def _start_of(match: re.Match[str], as_of: dt.date) -> dt.date | None:
    """The first day a date written in prose can mean; a month or day without a year is the occurrence nearest `as_of`."""
    groups = match.groupdict()
    if groups["iso"]:
        try:
            return FuzzyDate.parse(groups["iso"]).earliest
        except ValueError:
            return None
    if groups["y4"]:
        return dt.date(int(groups["y4"]), 1, 1)
    month = _MONTHS[groups["m1"] or groups["m2"] or groups["m3"] or groups["m4"]]
    day_text = groups["d1"] or groups["d2"]
    year_text = groups["y1"] or groups["y2"] or groups["y3"]
    day = int(day_text) if day_text else 1
    if not 1 <= day <= 31:
        return None
    years = [int(year_text)] if year_text else [as_of.year - 1, as_of.year, as_of.year + 1]
    candidates = []
    for year in years:
        try:
            candidates.append(dt.date(year, month, min(day, calendar.monthrange(year, month)[1])))
        except ValueError:
            continue
    if not candidates:
        return None
    return min(candidates, key=lambda when: abs((when - as_of).days))
