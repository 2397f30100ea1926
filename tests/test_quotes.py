"""Quote matching: spans land on the original text's characters, and matching and the hint stay linear."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep import quotes

from .bounded import run_bounded

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


def test_hint_names_the_nearest_passage() -> None:
    text = "Noise. " * 50 + "Two Katyusha rockets hit Balad Airbase north of Baghdad December 5. " + "Noise. " * 50
    hint = quotes.explain_miss(text, "Two Katyusha rockets hit Balad Airbase south of Baghdad")
    assert hint == 'the text has "Two Katyusha rockets hit Balad Airbase north of Baghdad": copy the words exactly'


def test_quote_with_100000_inner_spaces_is_linear() -> None:
    """`\\s*` around the ellipsis made splitting such a quote quadratic (40 s); now it is a split and a fold."""
    snippet = (
        "from sitrep import quotes\n"
        "quote = 'rockets' + ' ' * 100_000 + 'hit' + ' ... ' + 'Balad' + ' ' * 100_000 + 'Airbase'\n"
        "text = 'Two rockets hit Balad Airbase. ' * 1000\n"
        "assert quotes.fragments(quote) == ('rockets hit', 'balad airbase')\n"
        "assert quotes.find(text, quote) == [(4, 15), (16, 29)]\n"
        "assert quotes.find(text, quote.replace('hit', 'missed')) is None\n"
        "print(quotes.explain_miss(text, quote.replace('hit', 'hits')))\n"
    )
    done = run_bounded(["-c", snippet], seconds=10)
    assert done.err == ""
    assert done.out == 'the text has "Two rockets hit": copy the words exactly\n'


def test_near_miss_on_a_repetitive_56_mb_text_is_bounded() -> None:
    """The hint compared a passage at every hit of its anchor words (minutes on 5.6 MB); now a bounded number."""
    snippet = (
        "from sitrep import quotes\n"
        "text = 'Five rockets hit Ain Assad Airbase on December 3, four days after the visit. ' * 73_000\n"
        "assert len(text) > 5_600_000\n"
        "quote = 'Five rockets hit Ain Assad Airbase on December 4, four days after the visit'\n"
        "assert quotes.find(text, quote) is None\n"
        "print(quotes.explain_miss(text, quote))\n"
    )
    done = run_bounded(["-c", snippet], seconds=10)
    assert done.err == ""
    assert done.out == (
        'the text has "Five rockets hit Ain Assad Airbase on December 3, four days after the visit.": copy the words exactly\n'
    )


# --- the quote rule (contract: whole words, four words, fragments of three in one paragraph, no
# elided negation, acronyms in capitals) -----------------------------------------------------------

SOURCE = (
    "Iran has warned the United States. It will respond to any attack.\n\n"
    "Officials said the militias killed two Americans in March.\n\n"
    "The Trump administration said some 5,200 US troops help Iraqi forces ensure jihadists do not regroup."
)


def _problems(quote: str, text: str = SOURCE) -> list[str]:
    found = quotes.match(text, quote)
    return [what for what, _ in quotes.length_problems(quote)] + (
        ["not found"] if found is None else [what for what, _ in found.problems]
    )


def test_words_are_whole() -> None:
    assert quotes.find(SOURCE, "the militias kill two Americans") is None  # "kill" is not in "killed"
    assert quotes.explain_miss(SOURCE, "Officials said the militias kill") == (
        'the text has "kill" only as part of "killed": quote whole words'
    )
    assert quotes.find(SOURCE, "the militias killed two Americans") is not None


def test_stitched_sentences_and_single_letters_are_refused() -> None:
    assert _problems("Iran ... will ... kill ... Americans") == [
        'joins a fragment of 1 word ("Iran")',
        'joins a fragment of 1 word ("will")',
        'joins a fragment of 1 word ("kill")',
        'joins a fragment of 1 word ("Americans")',
        "not found",
    ]
    assert _problems("I ... a ... t ... e")[:1] == ['joins a fragment of 1 word ("I")']
    assert _problems("the") == ["is 1 word long, too short to be evidence"]


def test_fragments_stay_in_one_paragraph() -> None:
    assert _problems("Iran has warned the ... militias killed two Americans") == ["runs across paragraphs of the source"]
    assert _problems("Iran has warned the ... respond to any attack") == []


def test_an_ellipsis_may_not_leave_out_a_negation() -> None:
    problems = _problems("help Iraqi forces ensure jihadists do ... regroup")
    assert problems == [
        'joins a fragment of 1 word ("regroup")',
        'leaves out "not" at \'...\' ("not"), which may reverse what the source says',
    ]
    assert _problems("help Iraqi forces ensure ... do not regroup") == []


def test_acronyms_keep_their_capitals() -> None:
    assert _problems("some 5,200 us troops help") == ['writes "us" where the source writes "US"']
    assert _problems("some 5,200 US troops help") == []
    assert _problems("SOME 5,200 US TROOPS help") == [
        'writes "SOME" where the source writes "some"',
        'writes "TROOPS" where the source writes "troops"',
    ]


def test_a_clean_placement_is_preferred_to_the_first() -> None:
    """The first 'help' is followed by a negation before 'regroup'; a later one is not: the later one is chosen."""
    text = "They help, but do not regroup.\n\nThey help the forces that regroup."
    found = quotes.match(text, "They help the ... forces that regroup")
    assert found is not None and found.problems == []
    assert [text[a:b] for a, b in found.spans] == ["They help the", "forces that regroup"]


def test_offsets_are_exact_after_a_dotted_capital_i() -> None:
    text = "İstanbul İzmir İİ. Two Katyusha rockets hit Balad Airbase."
    found = quotes.match(text, "two katyusha rockets hit balad")
    assert found is not None and [text[a:b] for a, b in found.spans] == ["Two Katyusha rockets hit Balad"]
    assert found.problems == []  # a capital at the start of a sentence is not an acronym


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


def test_matches_kept_by_the_caller_answer_as_fresh_matching_and_follow_an_edited_text() -> None:
    matches = quotes.Matches()
    old = "Two Katyusha rockets hit Balad Airbase.\n\nNobody was hurt in the attack."
    assert matches.find(old, "rockets hit Balad") == quotes.find(old, "rockets hit Balad") == [(13, 30)]
    across = matches.match(old, "Katyusha rockets ... Nobody was hurt")
    assert across is not None and [what for what, _ in across.problems] == ["runs across paragraphs of the source"]
    new = old.replace("Balad", "Ain al-Asad")
    matches.keep_only([new])  # the text was edited: what was matched in the old one is forgotten
    assert matches.normals == {} and matches.found == {}
    assert matches.find(new, "rockets hit Balad") is None
    assert matches.find(new, "rockets hit Ain al-Asad") == [(13, 36)]
    assert list(matches.normals) == [new]


def _case_mismatches_word_by_word(text: str, quote: str, spans: list[tuple[int, int]]) -> list[tuple[str, str]]:
    """The old way: every word of every fragment compared, letter run by letter run."""
    found: list[tuple[str, str]] = []
    pieces = [piece for piece in quotes._ELLIPSIS.split(quote) if quotes._fold(piece)]
    for piece, (start, end) in zip(pieces, spans, strict=False):
        for written, source in zip(piece.split(), text[start:end].split(), strict=False):
            for mine, theirs in zip(quotes._LETTERS.findall(written), quotes._LETTERS.findall(source), strict=False):
                if (mine.isupper() or theirs.isupper()) and mine != theirs and mine.lower() == theirs.lower():
                    found.append((written, source))
                    break
    return found


_WORDS = st.sampled_from(["the", "The", "US", "us", "U.S.", "u.s.", "NATO", "Nato", "said", "…", "...", " ", "  ", "\n"])


@settings(max_examples=1000, deadline=None)
@given(st.lists(_WORDS, min_size=1, max_size=20).map("".join), st.lists(_WORDS, min_size=1, max_size=12).map("".join))
def test_case_mismatches_skip_only_words_copied_as_written(text: str, quote: str) -> None:
    found = quotes.match(text, quote)
    if found is not None:
        assert quotes._case_mismatches(text, quote, found.spans) == _case_mismatches_word_by_word(text, quote, found.spans)


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
