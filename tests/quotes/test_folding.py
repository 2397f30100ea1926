"""Folding: spans land on the original text's characters, across folded white space and a dotted capital I."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from sitrep import quotes

from . import printed_by_bounded

PIECES = ["word", "Iraq’s", "Ünal", "İzmir", "ß", " ", "  ", "\n", "\n\n", "\t", "\u00a0", "\u2003", " \n \t "]


def test_spans_map_back_across_collapsed_white_space() -> None:
    text = "  Two\u00a0 Katyusha\n\n   rockets  hit “Balad”   Airbase.  "
    spans = quotes.find(text, 'two katyusha ROCKETS hit "balad"')
    assert spans is not None and [text[a:b] for a, b in spans] == ["Two\u00a0 Katyusha\n\n   rockets  hit “Balad”"]
    spans = quotes.find(text, "Katyusha ... airbase.")
    assert spans is not None and [text[a:b] for a, b in spans] == ["Katyusha", "Airbase."]


def test_dotted_capital_i_keeps_offsets_aligned() -> None:
    """'İ'.lower() is two characters: folded to 'i', so what follows it still maps to the right place."""
    text = "İİİİ and then the quoted words at the very end"
    spans = quotes.find(text, "the very end")
    assert spans is not None and [text[a:b] for a, b in spans] == ["the very end"]
    assert quotes.find("İzmir", "izmir") == [(0, 5)]


@given(st.lists(st.sampled_from(PIECES), max_size=40), st.data())
def test_any_run_of_words_is_found_where_it_is(pieces: list[str], data: st.DataObject) -> None:
    text = "".join(pieces)
    words = text.split()
    if not words:
        return
    first = data.draw(st.integers(0, len(words) - 1))
    last = data.draw(st.integers(first, len(words) - 1))
    quote = " ".join(words[first : last + 1])
    spans = quotes.find(text, quote)
    assert spans is not None and len(spans) == 1
    start, end = spans[0]
    assert quotes.fragments(text[start:end]) == quotes.fragments(quote)
    assert not text[start].isspace() and not text[end - 1].isspace()


def test_offsets_are_exact_after_a_dotted_capital_i() -> None:
    text = "İstanbul İzmir İİ. Two Katyusha rockets hit Balad Airbase."
    found = quotes.match(text, "two katyusha rockets hit balad")
    assert found is not None and [text[a:b] for a, b in found.spans] == ["Two Katyusha rockets hit Balad"]
    assert found.problems == []  # a capital at the start of a sentence is not an acronym


def test_quote_with_100000_inner_spaces_is_linear() -> None:
    """`\\s*` around the ellipsis made splitting such a quote quadratic (40 s); now it is a split and a fold."""
    printed = printed_by_bounded(
        [
            "quote = 'rockets' + ' ' * 100_000 + 'hit' + ' ... ' + 'Balad' + ' ' * 100_000 + 'Airbase'",
            "text = 'Two rockets hit Balad Airbase. ' * 1000",
            "assert quotes.fragments(quote) == ('rockets hit', 'balad airbase')",
            "assert quotes.find(text, quote) == [(4, 15), (16, 29)]",
            "assert quotes.find(text, quote.replace('hit', 'missed')) is None",
            "print(quotes.explain_miss(text, quote.replace('hit', 'hits')))",
        ],
        seconds=10,
    )
    assert printed == 'the text has "Two rockets hit": copy the words exactly\n'
