"""Whole words asked of many texts folded once: a corpus answers as searching each text does."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep import quotes

CORPUS_TEXTS = ["Kata'ib Hezbollah fighters met at Jurf al-Sakhar.", "The “Popular Mobilization” Forces said nothing."]


def test_a_corpus_answers_as_occurs_in_does() -> None:
    corpus = quotes.Corpus.of(CORPUS_TEXTS)
    folded = quotes.corpus(CORPUS_TEXTS)
    asked = [
        "kata'ib hezbollah",  # the typographic apostrophe and case are folded
        "Jurf al-Sakhar",
        '"popular mobilization" forces',
        "Hezbollah fighters met",
        "Hezbollah Forces",  # each word is written, but not together
        "Sakhar. The",  # across two texts: never a match
        "Hezb",  # inside a longer word
        "Mobilization Forces",
        "",
    ]
    assert [corpus.has(words) for words in asked] == [quotes.occurs_in(folded, words) for words in asked]
    assert [corpus.has(words) for words in asked] == [True, True, True, True, False, False, False, False, False]
    assert corpus.answers["Hezb"] is False  # asked once: the answer is kept


@given(st.lists(st.text(alphabet="ab -.’'", max_size=12), min_size=1, max_size=3), st.text(alphabet="ab -.'", max_size=6))
def test_a_corpus_never_differs_from_occurs_in(texts: list[str], words: str) -> None:
    assert quotes.Corpus.of(texts).has(words) == quotes.occurs_in(quotes.corpus(texts), words)


@given(st.lists(st.text(alphabet="aB1 _-.’'\n\u00e9\u0130", max_size=16), max_size=4))
def test_a_corpus_gathers_its_words_text_by_text_as_from_the_joined_fold(texts: list[str]) -> None:
    """The words are read from each folded text in turn: the same set as every word run of the joined fold."""
    made = quotes.Corpus.of(texts)
    joined = quotes.corpus(texts)
    assert made.folded == joined
    assert made.words == frozenset(re.findall(r"\w+", joined))


_TEXT = st.lists(st.sampled_from(["Kataib", "Hezbollah", "al-Sadr", "Sadr", "the", "’", "'", " ", "\n\n", "-", "."]), max_size=12)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.lists(_TEXT.map("".join), max_size=3), min_size=1, max_size=4), st.lists(_TEXT.map("".join), max_size=6))
def test_a_corpus_over_narrower_ones_answers_as_one_over_all_its_texts(layers: list[list[str]], asks: list[str]) -> None:
    layered: quotes.Corpus | None = None
    for texts in layers:  # each edition folds only the texts the one before it lacked
        layered = quotes.Corpus.of(texts, layered)
    assert layered is not None
    whole = quotes.Corpus.of([text for texts in layers for text in texts])
    for words in [*asks, *asks]:  # asked twice: the kept answers agree too
        assert layered.has(words) == whole.has(words) == any(quotes.occurs(text, words) for texts in layers for text in texts)
