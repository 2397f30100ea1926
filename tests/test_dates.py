"""Fuzzy dates: the compact forms tables and calls print, and the ISO form a message suggests for a date written in words."""

from __future__ import annotations

import pytest

from sitrep.dates import FuzzyDate, compact, iso_form


@pytest.mark.parametrize(
    ("start", "end", "by", "shown"),
    [
        ("2020-04-12", None, False, "12 Apr 2020"),
        ("2020-03", None, False, "Mar 2020"),
        ("2014", None, False, "2014"),
        ("2019-12-27", "2019-12-31", False, "27–31 Dec 2019"),
        ("2019-11", "2019-12-08", False, "Nov–8 Dec 2019"),
        ("2020-03", "2020-04", True, "Mar–Apr 2020"),
        ("2019-11", "2020-01", False, "Nov 2019–Jan 2020"),
        ("2020-01", "2020-04-12", False, "Jan–12 Apr 2020"),
        ("2020-01", "2020-04-12", True, "by 12 Apr 2020"),
        ("2020-04-12", "2020-04-12", True, "12 Apr 2020"),
    ],
)
def test_compact_dates(start: str, end: str | None, by: bool, shown: str) -> None:
    assert compact(FuzzyDate.parse(start), FuzzyDate.parse(end) if end else None, by_for_long=by) == shown


@pytest.mark.parametrize(
    ("words", "iso"),
    [
        ("5 Dec 2019", "2019-12-05"),
        ("December 5, 2019", "2019-12-05"),
        ("Dec 5th 2019", "2019-12-05"),
        ("on 3 March 2021", "2021-03-03"),
        ("the 4th of July 2020", "2020-07-04"),
        ("5 September 2020", "2020-09-05"),
        ("early January 2020", "2020-01"),  # vague about the day: the month is what is known
        ("end of March 2020", "2020-03"),
        ("Sept 2020", "2020-09"),
        ("mid-2019", "2019"),
        ("05/12/2019", None),  # 5 December or May 12: not guessed
        ("sometime soon", None),
    ],
)
def test_a_date_in_words_gets_its_iso_form(words: str, iso: str | None) -> None:
    assert iso_form(words) == iso
    if iso is not None:
        with pytest.raises(ValueError, match=f"is not a date: write {iso}$"):
            FuzzyDate.parse(words)
        assert str(FuzzyDate.parse(iso)) == iso
