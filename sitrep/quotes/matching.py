"""The quote rule: where a quote's fragments are in a text, and what the rule finds wrong with them there."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field

from .folding import ELLIPSIS, NormalText, fold, fragments, normalise
from .words import MAX_MISSES, clip, find_word, whole, words_of

MIN_QUOTE_WORDS = 4  # the contract's shortest quote
MIN_FRAGMENT_WORDS = 3  # the shortest fragment an ellipsis joins
MAX_PLACEMENTS = 8  # places of the first fragment tried for a clean placement: bounded work for any text
_NEGATIONS = re.compile(r"\b(?:not|no|never|nor|without|none|nobody|nothing|neither|cannot|\w+n't)\b")
_LETTERS = re.compile(r"[^\W\d_]{2,}")


@dataclass(frozen=True)
class Match:
    """Where a quote's fragments are in a text (original offsets), and what the quote rule finds wrong with them."""

    spans: list[tuple[int, int]]
    problems: list[tuple[str, str]]  # (what is wrong, how to fix it)


@dataclass
class Matches:
    """Quote matches kept by their caller and passed down: the live preview keeps one for all its edits, a build or
    a page makes a fresh one. Keyed by the text and the quote themselves, so an edited source text or quote is a new
    key, matched afresh; `keep_only` drops what belongs to texts no longer in the project.
    """

    normals: dict[str, NormalText] = field(default_factory=dict)
    found: dict[tuple[str, str], Match | None] = field(default_factory=dict)

    def normal(self, text: str) -> NormalText:
        normal = self.normals.get(text)
        if normal is None:
            normal = self.normals[text] = normalise(text)
        return normal

    def match(self, text: str, quote: str) -> Match | None:
        """The quote in the text under the contract's rule (see `match`), matched once per text and quote."""
        key = (text, quote)
        if key not in self.found:
            self.found[key] = _match(self.normal(text), quote)
        return self.found[key]

    def find(self, text: str, quote: str) -> list[tuple[int, int]] | None:
        found = self.match(text, quote)
        return found.spans if found else None

    def keep_only(self, texts: Iterable[str]) -> None:
        """Forget every text but `texts` (the project's archived texts now), so an edited text is not kept twice."""
        live = set(texts)
        self.normals = {text: normal for text, normal in self.normals.items() if text in live}
        self.found = {key: found for key, found in self.found.items() if key[0] in live}


def find(text: str, quote: str) -> list[tuple[int, int]] | None:
    """Spans (start, end) in `text` of each fragment of `quote`, in order, as whole words, or None if it is not there."""
    found = match(text, quote)
    return found.spans if found else None


def match(text: str, quote: str) -> Match | None:
    """The quote in the text under the contract's rule, or None when its words are not there, whole and in order.

    Of the places the words occur, the one chosen keeps every fragment in one paragraph and leaves out no
    negation where it can; what is still wrong there is in `problems` (the check reports each). One text matched
    against many quotes: use a `Matches`, which folds the text once.
    """
    return _match(normalise(text), quote)


def _match(normal: NormalText, quote: str) -> Match | None:
    text = normal.original
    parts = fragments(quote)
    if not parts:
        return None
    placed = _place(normal, parts)
    if placed is None:
        return None
    spans = [normal.span(start, end) for start, end in placed]
    problems: list[tuple[str, str]] = []
    if not _one_paragraph(normal, placed):
        problems.append(
            (
                "runs across paragraphs of the source",
                "an ellipsis joins words of one paragraph: cite each paragraph's words as a citation of its own",
            )
        )
    negation = _elided_negation(normal, placed)
    if negation is not None:
        word, gap = negation
        problems.append(
            (
                f'leaves out "{word}" at \'...\' ("{clip(gap, 60)}"), which may reverse what the source says',
                "quote the words with the negation, or end the quote before it",
            )
        )
    for written, source_writes in _case_mismatches(text, quote, spans):
        problems.append(
            (
                f'writes "{written}" where the source writes "{source_writes}"',
                "write acronyms and capitals as the source does: the match ignores case, the quote may not",
            )
        )
    return Match(spans, problems)


def length_problems(quote: str) -> list[tuple[str, str]]:
    """The quote rule's minimum lengths: four words in all, three in each fragment an ellipsis joins."""
    parts = [part for part in ELLIPSIS.split(quote) if words_of(part)]
    total = sum(len(words_of(part)) for part in parts)
    problems: list[tuple[str, str]] = []
    if total < MIN_QUOTE_WORDS:
        problems.append(
            (
                f"is {total} word{'' if total == 1 else 's'} long, too short to be evidence",
                f"quote at least {MIN_QUOTE_WORDS} words of the source, enough to show what it says",
            )
        )
    elif len(parts) > 1:
        for part in parts:
            count = len(words_of(part))
            if count < MIN_FRAGMENT_WORDS:
                problems.append(
                    (
                        f'joins a fragment of {count} word{"" if count == 1 else "s"} ("{clip(part.strip(), 40)}")',
                        f"each part joined by '...' is at least {MIN_FRAGMENT_WORDS} words: quote more of the passage, "
                        "or quote the parts as citations of their own",
                    )
                )
    return problems


def _place(normal: NormalText, parts: tuple[str, ...]) -> list[tuple[int, int]] | None:
    """Folded spans of the fragments, in order, as whole words: within one paragraph and leaving out no negation if
    a place like that is among the first MAX_PLACEMENTS tried; else the first place found."""
    folded = normal.folded
    breaks = normal.breaks
    first: list[tuple[int, int]] | None = None
    position = 0
    for _ in range(MAX_PLACEMENTS):
        start = find_word(folded, parts[0], position, len(folded))
        if start < 0:
            break
        index = bisect_right(breaks, start)
        paragraph_end = breaks[index] if index < len(breaks) else len(folded)
        spans = _greedy(folded, parts, start, paragraph_end)
        if spans is not None:
            spans = _tighten(folded, parts, spans)
            if _elided_negation(normal, spans) is None:
                return spans
            first = first or spans
        position = start + 1
    if first is not None:
        return first
    return _greedy(folded, parts, 0, len(folded))  # across paragraphs, if nowhere within one


def _greedy(folded: str, parts: tuple[str, ...], start: int, end: int) -> list[tuple[int, int]] | None:
    """Each fragment at its first place after the one before, from `start` (the first fragment there) to `end`."""
    spans: list[tuple[int, int]] = []
    position = start
    for part in parts:
        found = find_word(folded, part, position, end)
        if found < 0:
            return None
        spans.append((found, found + len(part)))
        position = found + len(part)
    return spans


def _tighten(folded: str, parts: tuple[str, ...], spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Move each fragment but the last to its latest place before the next: the least left out at each '...'."""
    tight = list(spans)
    for i in range(len(parts) - 2, -1, -1):
        part, limit = parts[i], tight[i + 1][0]
        found = folded.rfind(part, tight[i][0], limit)
        for _ in range(MAX_MISSES):
            if found <= tight[i][0] or whole(folded, found, found + len(part)):
                break
            found = folded.rfind(part, tight[i][0], found + len(part) - 1)
        if found > tight[i][0] and whole(folded, found, found + len(part)):
            tight[i] = (found, found + len(part))
    return tight


def _one_paragraph(normal: NormalText, spans: list[tuple[int, int]]) -> bool:
    breaks = normal.breaks
    return bisect_right(breaks, spans[0][0]) == bisect_right(breaks, spans[-1][1] - 1)


def _elided_negation(normal: NormalText, spans: list[tuple[int, int]]) -> tuple[str, str] | None:
    """A negation in the words an ellipsis leaves out, and those words, or None."""
    for (_, end), (start, _) in zip(spans, spans[1:], strict=False):
        gap = normal.folded[end:start]
        negation = _NEGATIONS.search(gap)
        if negation:
            original_start, original_end = normal.span(end, start) if start > end else (0, 0)
            return negation.group(0), " ".join(normal.original[original_start:original_end].split())
    return None


def _case_mismatches(text: str, quote: str, spans: list[tuple[int, int]]) -> list[tuple[str, str]]:
    """Words in capitals (acronyms) in the source or the quote that the other does not write in capitals."""
    found: list[tuple[str, str]] = []
    pieces = [piece for piece in ELLIPSIS.split(quote) if fold(piece)]
    for piece, (start, end) in zip(pieces, spans, strict=False):
        quoted, sourced = piece.split(), text[start:end].split()
        if quoted == sourced:
            continue  # copied as written: most quotes, and no word can differ in case
        for written, source in zip(quoted, sourced, strict=False):
            if written == source:
                continue
            for mine, theirs in zip(_LETTERS.findall(written), _LETTERS.findall(source), strict=False):
                if (mine.isupper() or theirs.isupper()) and mine != theirs and mine.lower() == theirs.lower():
                    found.append((written, source))
                    break
    return found
