"""The quote rule: whole words, four words, fragments of three in one paragraph, no elided negation, capitals kept."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep import quotes
from sitrep.quotes import folding, matching

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
    pieces = [piece for piece in folding.ELLIPSIS.split(quote) if folding.fold(piece)]
    for piece, (start, end) in zip(pieces, spans, strict=False):
        for written, source in zip(piece.split(), text[start:end].split(), strict=False):
            for mine, theirs in zip(matching._LETTERS.findall(written), matching._LETTERS.findall(source), strict=False):
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
        assert matching._case_mismatches(text, quote, found.spans) == _case_mismatches_word_by_word(text, quote, found.spans)
