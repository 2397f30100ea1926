"""Dates with honest precision: a day, a month or a year, ordered by their earliest and latest day."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import cached_property
from typing import Literal

Precision = Literal["day", "month", "year"]

_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
DATE_PATTERN = _PATTERN.pattern
# The reports are in English whatever the locale (calendar.month_name follows it, and calls strftime on each lookup)
MONTHS = (
    "",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
MONTHS_SHORT = tuple(name[:3] for name in MONTHS)  # "Sep", as calendar.month_abbr


_VAGUE = re.compile(r"\b(early|mid|late|around|about|approximately|approx|circa|end|beginning|start)\b\.?", re.I)
_FILLER = re.compile(r"\b(on|in|the|of)\b", re.I)
_DAY_FORMATS = ("%d %B %Y", "%d %b %Y", "%B %d %Y", "%b %d %Y", "%Y/%m/%d", "%d.%m.%Y")
_MONTH_FORMATS = ("%B %Y", "%b %Y", "%Y %B", "%Y %b")


def iso_form(text: str) -> str | None:
    """The ISO form of a date written in words ('5 Dec 2019' -> 2019-12-05, 'early January 2020' -> 2020-01), if clear.

    Words that make a date vague (early, mid, around) leave the month: sitrep's precision is day, month or year.
    Numeric day/month orders that could be either (05/12/2019) are not guessed.
    """
    words = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text.strip(), flags=re.I).replace(",", " ")
    vague = bool(_VAGUE.search(words))
    words = " ".join(re.sub(r"\bSept\b", "Sep", _FILLER.sub(" ", _VAGUE.sub(" ", words))).split()).strip("- ")
    for formats, precision in ((() if vague else _DAY_FORMATS, "%Y-%m-%d"), (_MONTH_FORMATS, "%Y-%m")):
        for pattern in formats:
            try:
                return dt.datetime.strptime(words, pattern).strftime(precision)  # noqa: DTZ007 - a calendar date
            except ValueError:
                continue
    if re.fullmatch(r"\d{4}", words) and vague:
        return words
    return None


@dataclass(frozen=True, order=False)
class FuzzyDate:
    """A calendar date known to a day, a month or only a year."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, value: object) -> FuzzyDate:
        """Read `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (a string, an int year, or a date)."""
        if isinstance(value, FuzzyDate):
            return value
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return cls(value.year, value.month, value.day)
        if isinstance(value, int) and not isinstance(value, bool):
            value = f"{value:04d}"
        if not isinstance(value, str):
            raise ValueError("a date must be written YYYY-MM-DD, YYYY-MM or YYYY")
        match = _PATTERN.match(value.strip())
        if not match:
            loose = re.match(r"^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?$", value.strip())
            if loose:
                y, m, d = loose.groups()
                parts = "the month and the day" if d else "the month"
                padded = f"{y}-{int(m):02d}" + (f"-{int(d):02d}" if d else "")
                raise ValueError(f"'{value}' needs two digits for {parts}: write {padded}")
            suggestion = iso_form(value)
            if suggestion:
                raise ValueError(f"'{value}' is not a date: write {suggestion}")
            raise ValueError(f"'{value}' is not a date: write YYYY-MM-DD, YYYY-MM or YYYY")
        year, month, day = (int(part) if part else None for part in match.groups())
        assert year is not None
        if year == 0:
            raise ValueError(f"'{value}' has no year 0: years run from 0001")
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"'{value}' has no month {month}: months run 01 to 12")
        if month is not None and day is not None:
            last = calendar.monthrange(year, month)[1]
            if not 1 <= day <= last:
                raise ValueError(f"'{value}' is not a real day: {MONTHS[month]} {year} has {last} days")
        return cls(year, month, day)

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    # kept on the date itself once worked out (sorting and the as-of rule ask for them again and again)
    @cached_property
    def earliest(self) -> dt.date:
        """The first day the date could mean."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    @cached_property
    def latest(self) -> dt.date:
        """The last day the date could mean; the as-of rule counts a period from here."""
        if self.day is not None:
            return dt.date(self.year, self.month or 1, self.day)
        month = self.month or 12
        return dt.date(self.year, month, calendar.monthrange(self.year, month)[1])

    def __str__(self) -> str:
        if self.day is not None:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month is not None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    def human(self) -> str:
        """'5 December 2019', 'November 2019' or '2019': never more precise than known."""
        if self.day is not None:
            return f"{self.day} {MONTHS[self.month or 1]} {self.year}"
        if self.month is not None:
            return f"{MONTHS[self.month]} {self.year}"
        return str(self.year)

    def short(self, with_year: bool = True) -> str:
        """'5 Dec 2019', 'Nov 2019' or '2019' (the compact form of tables and calls)."""
        year = f" {self.year}" if with_year else ""
        if self.day is not None:
            return f"{self.day} {MONTHS_SHORT[self.month or 1]}{year}"
        if self.month is not None:
            return f"{MONTHS_SHORT[self.month]}{year}"
        return str(self.year)

    def sort_key(self) -> tuple[dt.date, dt.date]:
        return (self.earliest, self.latest)


LONG_WINDOW_DAYS = 62  # a window longer than about two months reads as "by <its last day>"


def compact(start: FuzzyDate, end: FuzzyDate | None = None, by_for_long: bool = False) -> str:
    """A date or an earliest-latest window, compactly: '12 Apr 2020', 'Mar 2020', '27–31 Dec 2019',
    'Nov–8 Dec 2019', 'Nov 2019–Jan 2020'; with `by_for_long`, a long window is 'by 12 Apr 2020'."""
    if end is None or end == start:
        return start.short()
    if by_for_long and (end.latest - start.earliest).days > LONG_WINDOW_DAYS:
        return f"by {end.short()}"
    if start.year != end.year or start.precision == "year" or end.precision == "year":
        return f"{start.short()}\u2013{end.short()}"
    if start.month == end.month and start.day is not None and end.day is not None:
        return f"{start.day}\u2013{end.short()}"
    return f"{start.short(with_year=False)}\u2013{end.short()}"
