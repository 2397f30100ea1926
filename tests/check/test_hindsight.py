"""Hindsight's name finder: one pass over each text's word runs finds what one alternation of every name found."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.check.hindsight import Names, _names, index_names
from sitrep.load import load_project

from ..conftest import ROOT


def _alternation(names: list[str]) -> re.Pattern[str]:
    """The old way: every name in one pattern, longest first."""
    ordered = sorted(names, key=lambda p: (-len(p), p))
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(p) for p in ordered) + r")(?![\w-])")


def _old(pattern: re.Pattern[str], text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(m.group(0) for m in pattern.finditer(text)))


def test_the_names_found_in_every_written_text_are_the_alternations(bench_project: Path, written_texts: list[str]) -> None:
    for project in (ROOT, bench_project):
        names = _names(load_project(project).project)
        assert names.pattern is None and len(names.named) > 10
        pattern = _alternation(list(names.named))
        found = [(text, names.written_in(text)) for text in written_texts]
        assert sum(1 for _, written in found if written) > 100
        assert [text for text, written in found if written != _old(pattern, text)] == []


def _names_of(words: list[str]) -> Names:
    return index_names({w: [("actors", f"a{i}")] for i, w in enumerate(dict.fromkeys(words))})


PIECE = st.sampled_from(["Kataib", "Hezbollah", "al", "-", " ", "'s", ".", "U", "S", "é", "_", "2", "(", ")", "Sadr"])
NAME = st.lists(PIECE, min_size=1, max_size=4).map("".join).filter(lambda w: w.strip() == w and w != "")


@settings(max_examples=1000, deadline=None)
@given(st.lists(NAME, min_size=1, max_size=6), st.lists(PIECE, max_size=30).map("".join))
def test_any_names_in_any_text_are_found_as_the_alternation_finds_them(words: list[str], text: str) -> None:
    names = _names_of(words)
    assert names.written_in(text) == _old(_alternation(list(names.named)), text)
