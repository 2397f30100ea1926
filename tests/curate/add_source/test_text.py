"""A plain-text article's header: a numeric date read only when settled, the five real articles' title, outlet, author, date."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.curate.add_source import read_article

from ...conftest import ROOT


def test_a_numeric_date_is_read_only_when_something_settles_it(tmp_path: Path) -> None:
    def published(date_line: str) -> tuple[str | None, str]:
        path = tmp_path / "article.txt"
        path.write_text(f"Port closed as divers search the channel\n{date_line}\n\n" + "Word " * 30 + "end.\n", encoding="utf-8")
        found = read_article(path).published
        return found.value, found.how

    assert published("08/12/2019") == (
        None,
        "Fill in: the date on line 2 of the text is ambiguous: '08/12/2019' may be 8 December 2019 or 12 August 2019: the text does not settle which.",
    )
    assert published("Sunday 08/12/2019") == (
        "2019-12-08",
        "From the date on line 2 of the text: 'Sunday 08/12/2019' read day first as 8 December 2019, the only reading that falls on a Sunday.",
    )
    assert published("Published: 25/12/2031") == (
        "2031-12-25",
        "From the date on line 2 of the text: '25/12/2031' read day first as 25 December 2031, the only reading that is a real date.",
    )


# What the README of the five articles says each one shows (the project archives them byte for byte):
# add-source must find that, and nothing the text does not show.
FIVE = {
    "middle-east-online-2020-04.txt": (
        "US, Iran tensions will re-escalate in Iraq say experts",
        "Middle East Online",
        None,
        None,
    ),
    "iranwire-2020-04-12.txt": (
        "After Recent Escalations, Could a US-Iran War Break Out in Iraq?",
        None,
        "Mahmoud Al-Shamari",
        "2020-04-12",
    ),
    "mena-research-2020-04.txt": ("US Moves in Iraq, Dimensions and Possibilities", "MENA Research and Study Center", None, None),
    "arab-weekly-2019-12-08.txt": ("Iraq new flashpoint for US-Iran tensions, troop buildup mulled", None, None, "2019-12-08"),
    "unnamed-outlet-2020-03.txt": (
        "Iran Watchfully Observes U.S. Moves In Iraq As Its Proxies Might Come Under Fire",
        None,
        None,
        None,
    ),
}


@pytest.mark.parametrize("name", sorted(FIVE))
def test_the_five_articles_give_what_they_show(name: str) -> None:
    article = read_article(ROOT / "content" / "sources" / name)
    found = (article.title.value, article.outlet.value, article.author.value, article.published.value)
    assert found == FIVE[name]
