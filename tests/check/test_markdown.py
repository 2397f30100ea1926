"""The Markdown check's shortcut: a text it does not parse is one it would have found nothing in."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.check.markdown import plain_paragraph
from sitrep.model.limits import MAX_MARKDOWN_DEPTH, MAX_MARKDOWN_ELEMENTS
from sitrep.render.markdown import Parsed, parse


def _clean(parsed: Parsed) -> bool:
    return (
        parsed.depth <= MAX_MARKDOWN_DEPTH
        and parsed.elements <= MAX_MARKDOWN_ELEMENTS
        and not parsed.images
        and not parsed.links
        and not parsed.html
    )


def test_every_written_text_left_unparsed_parses_clean(written_texts: list[str]) -> None:
    skipped = [text for text in written_texts if plain_paragraph(text)]
    assert len(skipped) > 1000  # the shortcut is taken on most prose
    assert [text for text in skipped if not _clean(parse(text))] == []
    # and texts that do hold something to report are parsed
    assert not plain_paragraph("See [the report](javascript:alert(1)).")
    assert not plain_paragraph("An image: ![map](https://example.org/map.png)")
    assert not plain_paragraph("- " * 9 + "deep")
    assert not plain_paragraph("*a* " * MAX_MARKDOWN_ELEMENTS)


MARKS = st.sampled_from(["*", "_", "**", "-", "+", "1.", "1)", "#", "~~~", "!", "&amp;", "&#60;img&#62;", ":", "(", ")", '"'])
WORDS = st.sampled_from(["word", "Iran", "2020", " ", "  ", "\t", "http://x.org", "javascript:x", "data:y"])


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.one_of(MARKS, WORDS), max_size=40).map("".join))
def test_a_plain_paragraph_has_nothing_to_report(text: str) -> None:
    if plain_paragraph(text):
        parsed = parse(text)
        assert _clean(parsed) and parsed.depth == 0, (text, parsed)


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 2 * MAX_MARKDOWN_ELEMENTS))
def test_emphasis_up_to_the_limit_is_counted_before_the_shortcut(pairs: int) -> None:
    text = "*a* " * pairs
    if plain_paragraph(text):
        assert parse(text).elements <= MAX_MARKDOWN_ELEMENTS
