"""Folding a text for matching (case, typographic variants, white space), with the way back to its offsets."""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property

# Typographic variants that count as the same character (the contract: quotes, apostrophes, dashes).
# U+0130 (dotted capital I) is the one character whose lower() is two characters: folded to 'i', so
# folding never changes a text's length and offsets map one to one.
_FOLD = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'", "\u00b4": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
        "\u0130": "i",
        # every character Python counts as white space becomes a plain space
        **dict.fromkeys((chr(code) for code in range(0x3001) if chr(code).isspace()), " "),
    }
)  # fmt: skip
# No `\s*` around the ellipsis: folding drops the spaces, and `\s*...` backtracks quadratically on long runs of spaces.
ELLIPSIS = re.compile(r"\.\.\.|\u2026")
_LONG_SPACES = re.compile(r"  +")
_SPACES = re.compile(r" *")
CHUNK = 1 << 20  # a long text is folded a megabyte at a time, so memory stays a small multiple of it
BLANK_LINE = re.compile(r"\n[^\S\n]*\n")  # paragraphs end at a blank line; starts at a newline, so linear


@dataclass(frozen=True)
class NormalText:
    """A text folded for matching, and where each folded character came from in the original.

    Folding keeps lengths except where a run of white space becomes one space, so the map is a short list of
    breakpoints (folded position, original position) rather than one offset per character.
    """

    original: str
    folded: str
    folded_at: array[int]
    original_at: array[int]

    def offset(self, index: int) -> int:
        """The offset in the original text of the folded character at `index`."""
        segment = bisect_right(self.folded_at, index) - 1
        return self.original_at[segment] + index - self.folded_at[segment]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original text's (start, end) of the folded characters start..end."""
        return self.offset(start), self.offset(end - 1) + 1

    def folded_index(self, offset: int) -> int:
        """The folded character that stands for the original character at `offset` (a run of spaces: its one space)."""
        segment = bisect_right(self.original_at, offset) - 1
        if segment < 0:
            return -1
        index = self.folded_at[segment] + offset - self.original_at[segment]
        following = self.folded_at[segment + 1] if segment + 1 < len(self.folded_at) else len(self.folded)
        return min(index, following - 1)

    @cached_property
    def breaks(self) -> array[int]:
        """Folded offsets of the spaces that stand for blank lines: the boundaries between paragraphs."""
        breaks = array("q")
        for gap in BLANK_LINE.finditer(self.original):
            index = self.folded_index(gap.start())
            if 0 <= index < len(self.folded) and (not breaks or breaks[-1] != index):
                breaks.append(index)
        return breaks


def fold(text: str) -> str:
    """Case, typographic variants and runs of white space folded; no space at either end."""
    return _LONG_SPACES.sub(" ", text.translate(_FOLD).lower()).strip(" ")


def normalise(text: str) -> NormalText:
    lowered = text.translate(_FOLD).lower()
    end = len(lowered.rstrip(" "))
    position = removed = _skip_spaces(lowered, 0)
    folded_at, original_at = array("q", [0]), array("q", [removed])
    pieces: list[str] = []
    while position < end:
        stop = _skip_spaces(lowered, min(end, position + CHUNK))  # a chunk never ends inside a run of spaces
        for run in _LONG_SPACES.finditer(lowered, position, stop):
            removed += run.end() - run.start() - 1
            folded_at.append(run.end() - removed)  # the character after the run, just after its one space
            original_at.append(run.end())
        pieces.append(_LONG_SPACES.sub(" ", lowered[position : min(stop, end)]))
        position = stop
    return NormalText(text, "".join(pieces), folded_at, original_at)


def _skip_spaces(text: str, position: int) -> int:
    match = _SPACES.match(text, position)
    return match.end() if match else position


def fragments(quote: str) -> tuple[str, ...]:
    """The parts of a quote that an ellipsis joins, folded; empty parts dropped."""
    folded = (fold(part) for part in ELLIPSIS.split(quote))
    return tuple(part for part in folded if part)
