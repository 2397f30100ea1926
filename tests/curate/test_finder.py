"""The quote finder and `sitrep quote`: the closest passages, cut to quotes that check finds in the text."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep import quotes
from sitrep.curate.finder import closest, find_passages

from ..conftest import ROOT, Run

ARAB_WEEKLY = (ROOT / "content/sources/arab-weekly-2019-12-08.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("words", "line", "quote"),
    [
        # a slip in a copied phrase
        ("Iraqi people want there country back", 13, "Iraqi people want their country back"),
        ("spike in rocket atacks", 19, "spike in rocket attacks"),
        # keywords remembered, not the phrase
        ("pompeo sanctions khazali", 11, "Pompeo announced sanctions on Iraqi militia leaders Qais al-Khazali"),
        # the words exactly
        (
            "Two Katyusha rockets hit Balad Airbase north of Baghdad December 5",
            15,
            "Two Katyusha rockets hit Balad Airbase north of Baghdad December 5",
        ),
        # a wrong word: as many words as asked for, on the side most like them
        ("three rockets hit balad airbase", 15, "Katyusha rockets hit Balad Airbase"),
    ],
)
def test_the_closest_passage(words: str, line: int, quote: str) -> None:
    found = closest(ARAB_WEEKLY, words)
    assert found is not None
    assert (found.line, found.quote) == (line, quote)
    assert quotes.find(ARAB_WEEKLY, found.quote) is not None


def test_every_passage_found_is_a_quote_check_accepts() -> None:
    """Whatever the words, each passage is whole words, at least four, copied from the text: check finds it."""
    for words in ("rockets", "Votel miscalculation", "hook iran protests murdered", "US troops deployed", "Balad", "“The Iraqi"):
        for passage in find_passages(ARAB_WEEKLY, words):
            assert len(passage.quote.split()) >= 4, passage
            spans = quotes.find(ARAB_WEEKLY, passage.quote)
            assert spans is not None, passage
            (start, end), *_ = spans
            assert not ARAB_WEEKLY[start - 1].isalnum() and not ARAB_WEEKLY[end].isalnum(), passage


def test_nothing_alike_is_nothing() -> None:
    assert find_passages(ARAB_WEEKLY, "zebra crossing") == []
    assert find_passages(ARAB_WEEKLY, "   ") == []


def test_quote_prints_passages_and_citations_ready_to_paste(run: Run) -> None:
    result = run("--project", str(ROOT), "quote", "arab-weekly-2019-12-08", "three rockets hit balad airbase", "--count", "2")
    assert (result.code, result.err) == (0, "")
    assert result.out == (
        'content/sources/arab-weekly-2019-12-08.txt: 2 passages like "three rockets hit balad airbase", best first\n'
        "\n"
        'line 15, 87% alike, in: "Two Katyusha rockets hit Balad Airbase north of Baghdad December 5 without causing damage or casualties."\n'
        "  - source: arab-weekly-2019-12-08\n"
        '    quote: "Katyusha rockets hit Balad Airbase"\n'
        "\n"
        'line 23, 81% alike, in: "Five rockets hit Ain Assad Airbase on December 3, four days after US Vice-President Mike Pence visited troops there."\n'
        "  - source: arab-weekly-2019-12-08\n"
        '    quote: "rockets hit Ain Assad Airbase"\n'
        "\n"
        "paste a citation under cite: in an event, actor or judgment; `sitrep check` confirms it\n"
    )


def test_quote_says_when_nothing_is_alike(project: Path, run: Run) -> None:
    result = run("--project", str(project), "quote", "aw", "zebra crossing")
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        'content/sources/aw.txt: nothing in the text is like "zebra crossing"\n'
        "    fix: try fewer words, or rarer ones (a name, a place, a number), spelled as the source spells them\n"
    )
    result = run("--project", str(project), "quote", "awx", "rockets")
    assert result.err == (
        "content/sources/awx.txt: no archived text for source 'awx'\n"
        "    fix: give the id of a source with an archived text (aw, iw, meo), or add one with `sitrep add-source FILE`\n"
    )
