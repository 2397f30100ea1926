"""The hint for a quote not found: the nearest passage, in bounded work on a large repetitive text."""

from __future__ import annotations

from sitrep import quotes

from . import printed_by_bounded


def test_hint_names_the_nearest_passage() -> None:
    text = "Noise. " * 50 + "Two Katyusha rockets hit Balad Airbase north of Baghdad December 5. " + "Noise. " * 50
    hint = quotes.explain_miss(text, "Two Katyusha rockets hit Balad Airbase south of Baghdad")
    assert hint == 'the text has "Two Katyusha rockets hit Balad Airbase north of Baghdad": copy the words exactly'


def test_near_miss_on_a_repetitive_56_mb_text_is_bounded() -> None:
    """The hint compared a passage at every hit of its anchor words (minutes on 5.6 MB); now a bounded number."""
    printed = printed_by_bounded(
        [
            "text = 'Five rockets hit Ain Assad Airbase on December 3, four days after the visit. ' * 73_000",
            "assert len(text) > 5_600_000",
            "quote = 'Five rockets hit Ain Assad Airbase on December 4, four days after the visit'",
            "assert quotes.find(text, quote) is None",
            "print(quotes.explain_miss(text, quote))",
        ],
        seconds=10,
    )
    assert printed == (
        'the text has "Five rockets hit Ain Assad Airbase on December 3, four days after the visit.": copy the words exactly\n'
    )
