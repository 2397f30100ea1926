"""Whole words: a search for words cut short everywhere stays linear."""

from __future__ import annotations

from . import printed_by_bounded


def test_cut_words_repeated_everywhere_stay_linear() -> None:
    """A fragment that matches at every word start but ends inside a word: linear by the word-marked search."""
    printed = printed_by_bounded(
        [
            "text = 'ab ' * 3_000_000",
            "quote = 'ab ' * 1000 + 'a'",
            "assert quotes.find(text, quote) is None",
            "print(quotes.explain_miss(text, quote))",
        ],
        seconds=60,
    )
    assert printed == 'the text has "a" only as part of "ab": quote whole words\n'
