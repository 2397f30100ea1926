"""Dates in prose read at the precision the text gives, with the year inferred only from the source's own date."""

from __future__ import annotations

import pytest

from sitrep.curate.textdates import find_dates
from sitrep.dates import FuzzyDate

APRIL_12 = FuzzyDate(2020, 4, 12)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Rockets hit the base on April 12, 2020 at dawn.", [("April 12, 2020", "2020-04-12", None, "")]),
        ("It happened on 5 December 2019.", [("5 December 2019", "2019-12-05", None, "")]),
        ("Published 2031-06-14.", [("2031-06-14", "2031-06-14", None, "")]),
        (
            "The raids of March 28-29 followed.",
            [("March 28-29", "2020-03-28", "2020-03-29", "the year 2020 is the source's publication year")],
        ),
        (
            "On December 27 a contractor was killed.",
            [("December 27", "2019-12-27", None, "the year 2019 is the year before the source's publication")],
        ),
        (
            "In mid-March the Pentagon announced raids.",
            [("mid-March", "2020-03", None, "'mid-March': the month only; the year 2020 is the source's publication year")],
        ),
        ("The base was set up in 2018.", [("2018", "2018", None, "")]),
        ("Troops numbered 5,200 in June 2019.", [("June 2019", "2019-06", None, "")]),
        ("Officials may say more; 2,500 trainers left.", []),
        (
            "On Dec. 5 two rockets fell.",
            [("Dec. 5", "2019-12-05", None, "the year 2019 is the year before the source's publication")],
        ),
    ],
)
def test_dates_in_prose(text: str, found: list[tuple[str, str, str | None, str]]) -> None:
    dates = find_dates(text, APRIL_12)
    assert [(d.words, str(d.date), str(d.date_end) if d.date_end else None, d.note) for d in dates] == found
    assert all(text[d.start : d.end] == d.words for d in dates)


def test_a_date_without_a_year_needs_the_source_date() -> None:
    assert find_dates("On December 27 a contractor was killed.") == []


def test_a_weekday_settles_a_numeric_date_or_shows_it_is_wrong() -> None:
    (sunday,) = find_dates("Sunday 08/12/2019")
    assert (str(sunday.date), sunday.note) == (
        "2019-12-08",
        "'Sunday 08/12/2019' read day first as 8 December 2019, the only reading that falls on a Sunday",
    )
    (ambiguous,) = find_dates("08/12/2019")
    assert (ambiguous.date, ambiguous.note) == (
        None,
        "'08/12/2019' may be 8 December 2019 or 12 August 2019: the text does not settle which",
    )
    (wrong,) = find_dates("Friday, April 12, 2020")
    assert wrong.note == "the text says Friday, but 12 April 2020 was a Sunday"
