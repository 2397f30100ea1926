"""Quote matching: find a citation's words in an archived text, as the contract's matching rule says.

Every step is linear in the text (C-speed regexes and `str.find`), and the "not found" hint compares a
bounded number of passages, so no text or quote, however large or repetitive, makes a check slow.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

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
_ELLIPSIS = re.compile(r"\.\.\.|\u2026")
_LONG_SPACES = re.compile(r"  +")
_SPACES = re.compile(r" *")
CHUNK = 1 << 20  # a long text is folded a megabyte at a time, so memory stays a small multiple of it

# The "not found" hint: at most this many passages of the text are compared with the missing words,
# around the rarest of the quote's longest words.
HINT_ANCHOR_WORDS = 8
HINT_ANCHORS = 3
HINT_PASSAGES_PER_ANCHOR = 40
MIN_QUOTE_WORDS = 4  # the contract's shortest quote
MIN_FRAGMENT_WORDS = 3  # the shortest fragment an ellipsis joins


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


def _fold(text: str) -> str:
    """Case, typographic variants and runs of white space folded; no space at either end."""
    return _LONG_SPACES.sub(" ", text.translate(_FOLD).lower()).strip(" ")


@lru_cache(maxsize=64)
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


@lru_cache(maxsize=16384)
def fragments(quote: str) -> tuple[str, ...]:
    """The parts of a quote that an ellipsis joins, folded; empty parts dropped."""
    folded = (_fold(part) for part in _ELLIPSIS.split(quote))
    return tuple(part for part in folded if part)


def find(text: str, quote: str) -> list[tuple[int, int]] | None:
    """Spans (start, end) in `text` of each fragment of `quote`, in order, or None if it is not there."""
    normal = normalise(text)
    spans: list[tuple[int, int]] = []
    position = 0
    parts = fragments(quote)
    if not parts:
        return None
    for part in parts:
        found = normal.folded.find(part, position)
        if found < 0:
            return None
        end = found + len(part)
        spans.append(normal.span(found, end))
        position = end
    return spans


def explain_miss(text: str, quote: str) -> str:
    """A hint for a quote that is not in its text: the passage most like it, or what else went wrong."""
    normal = normalise(text)
    parts = fragments(quote)
    missing = next((part for part in parts if part not in normal.folded), None)
    if missing is None:
        return "each part is in the text, but not in this order: fragments joined by '...' must follow the text's order"
    from .curate.finder import closest  # the same finder as `sitrep quote`, here around the rarest words only

    near = closest(
        text,
        missing,
        near=[normal.span(start, min(len(normal.folded), start + len(missing))) for start in _candidates(normal.folded, missing)],
        min_words=MIN_FRAGMENT_WORDS if len(parts) > 1 else MIN_QUOTE_WORDS,
    )
    if near is None:
        return "copy the words exactly from the archived text; join separate fragments with '...'"
    return f'the text has "{near.quote}": copy the words exactly'


def _candidates(folded: str, missing: str) -> set[int]:
    """Where in `folded` a passage like `missing` could start: around the first hits of its rarest long words."""
    words = sorted(set(missing.split(" ")), key=lambda word: (-len(word), word))[:HINT_ANCHOR_WORDS]
    anchors = sorted(words, key=lambda word: (folded.count(word), -len(word), word))[:HINT_ANCHORS]
    starts: set[int] = set()
    for anchor in anchors:
        offset = missing.find(anchor)
        hit = folded.find(anchor)
        for _ in range(HINT_PASSAGES_PER_ANCHOR):
            if hit < 0:
                break
            starts.add(max(0, hit - offset))
            hit = folded.find(anchor, hit + 1)
    return starts
