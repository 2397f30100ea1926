"""Dates with honest precision, and the ISO form a message suggests for a date written in words."""

from __future__ import annotations

import pytest

from sitrep.dates import FuzzyDate, iso_form


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
