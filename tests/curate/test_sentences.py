"""Sentences of an archived text, each exactly as written, with its line: what suggest quotes and quote prints."""

from __future__ import annotations

from sitrep.curate.sentences import paragraphs, sentences


def test_sentences_keep_abbreviations_and_initials_whole() -> None:
    text = "U.S. Brigadier General Vincent B. Barker spoke. Gen. Votel warned of war! Was it 5 p.m.? Yes.\n"
    assert [s.text for s in sentences(text)] == [
        "U.S. Brigadier General Vincent B. Barker spoke.",
        "Gen. Votel warned of war!",
        "Was it 5 p.m.?",
        "Yes.",
    ]


def test_each_sentence_knows_its_line_and_place() -> None:
    text = "Headline here\n\nFirst paragraph. Its second sentence.\n\nA hard-wrapped paragraph that runs on for more than sixty chars\nand ends here. Then one more.\n"
    found = list(sentences(text))
    assert [(s.line, s.text) for s in found] == [
        (1, "Headline here"),
        (3, "First paragraph."),
        (3, "Its second sentence."),
        (5, "A hard-wrapped paragraph that runs on for more than sixty chars\nand ends here."),
        (6, "Then one more."),
    ]
    assert all(text[s.start : s.end] == s.text for s in found)
    assert [p.line for p in paragraphs(text)] == [1, 3, 5]
