"""Whole words in folded text: found by a search that stays linear whatever the text, counted, clipped for messages."""

from __future__ import annotations

import re

MAX_MISSES = 256  # occurrences inside longer words skipped one by one before the linear search takes over
_WORD = re.compile(r"\w")
_NOT_WORD = re.compile(r"\W")
_BOUNDARY = re.compile(r"\b")


def words_of(text: str) -> list[str]:
    return [token for token in text.split() if _WORD.search(token)]


def is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def whole(folded: str, start: int, end: int) -> bool:
    """True when folded[start:end] begins and ends at word boundaries (where it begins or ends with a word)."""
    if is_word(folded[start]) and start > 0 and is_word(folded[start - 1]):
        return False
    return not (is_word(folded[end - 1]) and end < len(folded) and is_word(folded[end]))


def find_word(folded: str, part: str, start: int, end: int) -> int:
    """The first place at or after `start` where `part` lies within [start, end) as whole words, or -1.

    `str.find` skips to each occurrence; one inside a longer word sends the search on to the next word.
    Past MAX_MISSES such occurrences (a text built to repeat them), a search on word-marked text takes over,
    which is linear whatever the text.
    """
    position, misses = start, 0
    while misses < MAX_MISSES:
        found = folded.find(part, position, end)
        if found < 0 or whole(folded, found, found + len(part)):
            return found
        misses += 1
        after = _NOT_WORD.search(folded, found, end)  # the next word starts after the next non-word character
        position = found + 1 if after is None or not is_word(part[0]) else after.start() + 1
    return _find_word_marked(folded, part, position, end)


def _find_word_marked(folded: str, part: str, start: int, end: int) -> int:
    """`find_word` by one `str.find` on text with a mark at every word boundary: linear, used when many miss."""
    low = max(0, start - 1)  # one character before, so a boundary at `start` is marked as in the whole text
    marked = _BOUNDARY.sub("\0", folded[low:end])
    needle = _BOUNDARY.sub("\0", part)
    position = 0
    while (found := marked.find(needle, position)) >= 0:
        index = low + found - marked.count("\0", 0, found)
        if needle[0] == "\0":
            index += 1  # the mark itself is not a character of the text
        if index >= start and whole(folded, index, index + len(part)):
            return index
        position = found + 1
    return -1


def clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
