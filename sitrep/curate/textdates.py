"""Dates written in prose ('April 12, 2020', 'mid-March', 'Sunday 08/12/2019'), read at the precision the text gives."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from ..dates import FuzzyDate

_FULL_MONTHS = [name for name in calendar.month_name if name]
_MONTH_NUMBER: Mapping[str, int] = MappingProxyType(
    {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
    | {name.lower(): number for number, name in enumerate(calendar.month_abbr) if name}
    | {"sept": 9}
)
# A month with a day may be abbreviated ("Dec. 5"); a month on its own must be written in full and
# capitalised, and "May" on its own is left out: it is more often the verb.
_MONTH = r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_MONTH_ALONE = r"(?P<month>" + "|".join(name for name in _FULL_MONTHS if name != "May") + ")"
_WEEKDAY = r"(?:(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+(?:the\s+)?)?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_DAY_END = r"(?:\s*[-\u2013]\s*(?P<day_end>[0-3]?\d)(?:st|nd|rd|th)?)?"
_YEAR = r"(?P<year>(?:1[89]|2\d)\d\d)"
_PART = r"(?P<part>early|mid|late|the end of|end of|the beginning of|the start of|the middle of)[-\s]"

_PATTERNS = [
    re.compile(r"\b" + _WEEKDAY + r"(?P<iso>" + _YEAR + r"-(?P<m2>\d\d)-(?P<d2>\d\d))\b"),
    re.compile(r"\b" + _WEEKDAY + r"(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.]" + _YEAR + r"\b"),
    re.compile(r"\b" + _WEEKDAY + _MONTH + r"\s+" + _DAY + _DAY_END + r"(?:,?\s+" + _YEAR + r")?\b(?![,.]?\d)"),
    re.compile(r"\b" + _WEEKDAY + _DAY + _DAY_END + r"\s+(?:of\s+)?" + _MONTH + r"(?:,?\s+" + _YEAR + r")?\b"),
    re.compile(r"\b" + _PART + _MONTH_ALONE + r"(?:,?\s+" + _YEAR + r")?\b"),
    re.compile(r"\b" + _MONTH_ALONE + r",?\s+" + _YEAR + r"\b"),
    re.compile(r"\b" + _MONTH_ALONE + r"\b(?!\s+\d)"),
    re.compile(r"(?<![\d,.])\b" + _YEAR + r"\b(?![,.]?\d)"),
]


@dataclass(frozen=True)
class TextDate:
    """A date found in a text: where, the words, what it means (None where the words are ambiguous), and how it was read."""

    start: int
    end: int
    words: str
    date: FuzzyDate | None
    date_end: FuzzyDate | None = None
    note: str = ""  # how the date was read, where the words alone do not say it
    has_year: bool = True


def find_dates(text: str, reference: FuzzyDate | None = None) -> list[TextDate]:
    """Every date in `text`, left to right, longest reading first where two overlap.

    A day or month written without a year takes the year of `reference` (the source's
    publication), or the year before when that would put it after the publication: news reports
    what has happened. Without a reference such dates are left out.
    """
    found: list[TextDate] = []
    taken: list[tuple[int, int]] = []
    candidates = sorted(_candidates(text, reference), key=lambda d: (d.start, -(d.end - d.start)))
    for candidate in candidates:
        if any(candidate.start < end and start < candidate.end for start, end in taken):
            continue
        taken.append((candidate.start, candidate.end))
        found.append(candidate)
    return found


def _candidates(text: str, reference: FuzzyDate | None) -> Iterator[TextDate]:
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            read = _read(match, reference)
            if read is not None:
                yield read


def _read(match: re.Match[str], reference: FuzzyDate | None) -> TextDate | None:
    groups = match.groupdict()
    words = match.group(0)
    weekday = groups.get("weekday")
    if groups.get("iso"):
        return _day(match, int(groups["year"]), int(groups["m2"]), int(groups["d2"]), weekday)
    if groups.get("a"):
        return _numeric(match, int(groups["a"]), int(groups["b"]), int(groups["year"]), weekday)
    month = _MONTH_NUMBER[groups["month"].lower()] if groups.get("month") else None
    year = int(groups["year"]) if groups.get("year") else None
    if month is None:  # a year on its own
        assert year is not None
        return TextDate(match.start(), match.end(), words, FuzzyDate(year))
    day = int(groups["day"]) if groups.get("day") else None
    note = ""
    if groups.get("part"):
        note = f"'{words}': the month only"
    has_year = year is not None
    if year is None:
        if reference is None:
            return None
        year = _year_before(reference, month, day)
        note = (note + "; " if note else "") + f"the year {year} is the source's publication year"
        if year != reference.year:
            note = note.replace("is the source's publication year", "is the year before the source's publication")
    if day is None:
        return TextDate(match.start(), match.end(), words, FuzzyDate(year, month), note=note, has_year=has_year)
    found = _day(match, year, month, day, weekday, note)
    if found is None:
        return None
    day_end = groups.get("day_end")
    if day_end and _valid(year, month, int(day_end)) and int(day_end) > day:
        return TextDate(found.start, found.end, words, found.date, FuzzyDate(year, month, int(day_end)), found.note, has_year)
    return TextDate(found.start, found.end, words, found.date, note=found.note, has_year=has_year)


def _year_before(reference: FuzzyDate, month: int, day: int | None) -> int:
    earliest = dt.date(reference.year, month, 1 if day is None else min(day, calendar.monthrange(reference.year, month)[1]))
    return reference.year if earliest <= reference.latest else reference.year - 1


def _valid(year: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]


def _day(match: re.Match[str], year: int, month: int, day: int, weekday: str | None, note: str = "") -> TextDate | None:
    if not _valid(year, month, day):
        return None
    if weekday and calendar.day_name[dt.date(year, month, day).weekday()] != weekday:
        actual = calendar.day_name[dt.date(year, month, day).weekday()]
        note = (
            note + "; " if note else ""
        ) + f"the text says {weekday}, but {day} {calendar.month_name[month]} {year} was a {actual}"
    return TextDate(match.start(), match.end(), match.group(0), FuzzyDate(year, month, day), note=note)


def _numeric(match: re.Match[str], a: int, b: int, year: int, weekday: str | None) -> TextDate | None:
    """'08/12/2019': day first or month first; a weekday or a number over 12 settles it."""
    readings = {
        reading: FuzzyDate(year, month, day)
        for reading, (day, month) in (("day first", (a, b)), ("month first", (b, a)))
        if _valid(year, month, day)
    }
    if weekday:
        readings = {k: v for k, v in readings.items() if calendar.day_name[v.earliest.weekday()] == weekday}
    words = match.group(0)
    distinct = set(readings.values())
    if len(distinct) == 1:
        reading, date = next(iter(readings.items()))
        note = ""
        if a != b:
            why = f"the only reading that falls on a {weekday}" if weekday else "the only reading that is a real date"
            note = f"'{words}' read {reading} as {date.human()}, {why}"
        return TextDate(match.start(), match.end(), words, date, note=note)
    if not distinct:
        return None
    both = " or ".join(d.human() for d in readings.values())
    return TextDate(match.start(), match.end(), words, None, note=f"'{words}' may be {both}: the text does not settle which")
