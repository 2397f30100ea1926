"""Quote matching: find a citation's words in an archived text, as the contract's matching rule says."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# Typographic variants that count as the same character (the contract: quotes, apostrophes, dashes).
_FOLD = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'", "\u00b4": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
        "\u00a0": " ",
    }
)  # fmt: skip
_ELLIPSIS = re.compile(r"\s*(?:\.\.\.|\u2026)\s*")


@dataclass(frozen=True)
class NormalText:
    """A text folded for matching, with the offset in the original text of every folded character."""

    original: str
    folded: str
    offsets: tuple[int, ...]


def _fold(text: str) -> tuple[str, list[int]]:
    chars: list[str] = []
    offsets: list[int] = []
    in_space = False
    for index, char in enumerate(text.translate(_FOLD)):
        if char.isspace():
            if in_space or not chars:
                continue
            in_space = True
            chars.append(" ")
        else:
            in_space = False
            chars.append(char)
        offsets.append(index)
    while chars and chars[-1] == " ":
        chars.pop()
        offsets.pop()
    # casefold can change length (ß -> ss); lower() keeps offsets one to one for the texts we meet
    return "".join(chars).lower(), offsets


@lru_cache(maxsize=64)
def normalise(text: str) -> NormalText:
    folded, offsets = _fold(text)
    return NormalText(text, folded, tuple(offsets))


@lru_cache(maxsize=16384)
def fragments(quote: str) -> tuple[str, ...]:
    """The parts of a quote that an ellipsis joins, folded; empty parts dropped."""
    folded = (_fold(part)[0] for part in _ELLIPSIS.split(quote))
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
        spans.append((normal.offsets[found], normal.offsets[end - 1] + 1))
        position = end
    return spans


def explain_miss(text: str, quote: str) -> str:
    """A hint for a quote that is not in its text: the passage most like it, or what else went wrong."""
    normal = normalise(text)
    parts = fragments(quote)
    missing = next((part for part in parts if part not in normal.folded), None)
    if missing is None:
        return "each part is in the text, but not in this order: fragments joined by '...' must follow the text's order"
    near = _closest(normal, missing)
    if near is None:
        return "copy the words exactly from the archived text; join separate fragments with '...'"
    return f'the text has "{near}": copy the words exactly'


def _closest(normal: NormalText, missing: str) -> str | None:
    """The passage of the original text most like `missing`, cut at word boundaries."""
    import difflib

    words = missing.split(" ")
    anchors = sorted(set(words), key=len, reverse=True)[:3]
    best: tuple[float, int, int] | None = None
    for anchor in anchors:
        for match in re.finditer(re.escape(anchor), normal.folded):
            offset = missing.find(anchor)
            start = max(0, match.start() - offset)
            candidate = normal.folded[start : start + len(missing)]
            ratio = difflib.SequenceMatcher(None, candidate, missing, autojunk=False).ratio()
            if best is None or ratio > best[0]:
                best = (ratio, start, min(len(normal.folded), start + len(missing)))
    if best is None or best[0] < 0.6:
        return None
    _, start, end = best
    folded = normal.folded
    while 0 < start < end and folded[start - 1] != " ":  # cut a partial first word
        start += 1
    while start < end < len(folded) and folded[end] != " ":  # finish a partial last word
        end += 1
    return _original(normal, start, end)


def _original(normal: NormalText, start: int, end: int) -> str:
    text_start = normal.offsets[start]
    text_end = normal.offsets[end - 1] + 1
    return " ".join(normal.original[text_start:text_end].split())


def occurs(text: str, words: str) -> bool:
    """True when `words` are in `text` as whole words, folded as quotes are (case, white space, typography)."""
    folded = normalise(text).folded
    part = _fold(words)[0]
    if not part:
        return False
    found = folded.find(part)
    while found >= 0:
        before = folded[found - 1] if found else " "
        after = folded[found + len(part)] if found + len(part) < len(folded) else " "
        if not (before.isalnum() and part[0].isalnum()) and not (after.isalnum() and part[-1].isalnum()):
            return True
        found = folded.find(part, found + 1)
    return False
