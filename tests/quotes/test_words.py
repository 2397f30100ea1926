"""Whole words: a search for words cut short everywhere stays linear."""

from __future__ import annotations

from ..bounded import run_bounded


def test_cut_words_repeated_everywhere_stay_linear() -> None:
    """A fragment that matches at every word start but ends inside a word: linear by the word-marked search."""
    snippet = (
        "from sitrep import quotes\n"
        "text = 'ab ' * 3_000_000\n"
        "quote = 'ab ' * 1000 + 'a'\n"
        "assert quotes.find(text, quote) is None\n"
        "print(quotes.explain_miss(text, quote))\n"
    )
    done = run_bounded(["-c", snippet], seconds=60)
    assert done.err == ""
    assert done.out == 'the text has "a" only as part of "ab": quote whole words\n'
