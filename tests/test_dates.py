"""Fuzzy dates: the compact forms tables and calls print."""

from __future__ import annotations

import pytest

from sitrep.dates import FuzzyDate, compact


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
