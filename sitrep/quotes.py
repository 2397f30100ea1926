"""Quote matching: find a citation's words in an archived text, as the contract's matching rule says.

Every step is linear in the text (C-speed regexes and `str.find`), and the "not found" hint compares a
bounded number of passages, so no text or quote, however large or repetitive, makes a check slow.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
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
_ELLIPSIS = re.compile(r"\.\.\.|\u2026")
_LONG_SPACES = re.compile(r"  +")
_SPACES = re.compile(r" *")
CHUNK = 1 << 20  # a long text is folded a megabyte at a time, so memory stays a small multiple of it

# The "not found" hint: at most this many passages of the text are compared with the missing words,
# around the rarest of the quote's longest words.
HINT_ANCHOR_WORDS = 8
HINT_ANCHORS = 3
HINT_PASSAGES_PER_ANCHOR = 40
HINT_WORD = 40  # how far the hint widens words that a quote cut short
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


def _fold(text: str) -> str:
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
    folded = (_fold(part) for part in _ELLIPSIS.split(quote))
    return tuple(part for part in folded if part)


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
                f'leaves out "{word}" at \'...\' ("{_clip(gap, 60)}"), which may reverse what the source says',
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
    parts = [part for part in _ELLIPSIS.split(quote) if _words(part)]
    total = sum(len(_words(part)) for part in parts)
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
            count = len(_words(part))
            if count < MIN_FRAGMENT_WORDS:
                problems.append(
                    (
                        f'joins a fragment of {count} word{"" if count == 1 else "s"} ("{_clip(part.strip(), 40)}")',
                        f"each part joined by '...' is at least {MIN_FRAGMENT_WORDS} words: quote more of the passage, "
                        "or quote the parts as citations of their own",
                    )
                )
    return problems


MAX_PLACEMENTS = 8  # places of the first fragment tried for a clean placement: bounded work for any text
MAX_MISSES = 256  # occurrences inside longer words skipped one by one before the linear search takes over
_NEGATIONS = re.compile(r"\b(?:not|no|never|nor|without|none|nobody|nothing|neither|cannot|\w+n't)\b")
BLANK_LINE = re.compile(r"\n[^\S\n]*\n")  # paragraphs end at a blank line; starts at a newline, so linear
_WORD = re.compile(r"\w")
_NOT_WORD = re.compile(r"\W")
_BOUNDARY = re.compile(r"\b")
_LETTERS = re.compile(r"[^\W\d_]{2,}")


def _words(text: str) -> list[str]:
    return [token for token in text.split() if _WORD.search(token)]


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def _whole(folded: str, start: int, end: int) -> bool:
    """True when folded[start:end] begins and ends at word boundaries (where it begins or ends with a word)."""
    if _is_word(folded[start]) and start > 0 and _is_word(folded[start - 1]):
        return False
    return not (_is_word(folded[end - 1]) and end < len(folded) and _is_word(folded[end]))


def _find_word(folded: str, part: str, start: int, end: int) -> int:
    """The first place at or after `start` where `part` lies within [start, end) as whole words, or -1.

    `str.find` skips to each occurrence; one inside a longer word sends the search on to the next word.
    Past MAX_MISSES such occurrences (a text built to repeat them), a search on word-marked text takes over,
    which is linear whatever the text.
    """
    position, misses = start, 0
    while misses < MAX_MISSES:
        found = folded.find(part, position, end)
        if found < 0 or _whole(folded, found, found + len(part)):
            return found
        misses += 1
        after = _NOT_WORD.search(folded, found, end)  # the next word starts after the next non-word character
        position = found + 1 if after is None or not _is_word(part[0]) else after.start() + 1
    return _find_word_marked(folded, part, position, end)


def _find_word_marked(folded: str, part: str, start: int, end: int) -> int:
    """`_find_word` by one `str.find` on text with a mark at every word boundary: linear, used when many miss."""
    low = max(0, start - 1)  # one character before, so a boundary at `start` is marked as in the whole text
    marked = _BOUNDARY.sub("\0", folded[low:end])
    needle = _BOUNDARY.sub("\0", part)
    position = 0
    while (found := marked.find(needle, position)) >= 0:
        index = low + found - marked.count("\0", 0, found)
        if needle[0] == "\0":
            index += 1  # the mark itself is not a character of the text
        if index >= start and _whole(folded, index, index + len(part)):
            return index
        position = found + 1
    return -1


def _place(normal: NormalText, parts: tuple[str, ...]) -> list[tuple[int, int]] | None:
    """Folded spans of the fragments, in order, as whole words: within one paragraph and leaving out no negation if
    a place like that is among the first MAX_PLACEMENTS tried; else the first place found."""
    folded = normal.folded
    breaks = normal.breaks
    first: list[tuple[int, int]] | None = None
    position = 0
    for _ in range(MAX_PLACEMENTS):
        start = _find_word(folded, parts[0], position, len(folded))
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
        found = _find_word(folded, part, position, end)
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
            if found <= tight[i][0] or _whole(folded, found, found + len(part)):
                break
            found = folded.rfind(part, tight[i][0], found + len(part) - 1)
        if found > tight[i][0] and _whole(folded, found, found + len(part)):
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
    pieces = [piece for piece in _ELLIPSIS.split(quote) if _fold(piece)]
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


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def explain_miss(text: str, quote: str) -> str:
    """A hint for a quote that is not in its text: the passage most like it, or what else went wrong."""
    normal = normalise(text)
    parts = fragments(quote)
    missing = next((part for part in parts if part not in normal.folded), None)
    if missing is None:
        folded = normal.folded
        pieces = [piece for piece in _ELLIPSIS.split(quote) if _fold(piece)]
        for piece, part in zip(pieces, parts, strict=False):
            if _find_word(folded, part, 0, len(folded)) >= 0:
                continue
            start = folded.find(part)
            end = start + len(part)
            cut_first = start > 0 and _is_word(folded[start - 1]) and _is_word(part[0])
            word = piece.split()[0] if cut_first else piece.split()[-1]
            low, high = (start, start + len(word)) if cut_first else (end - len(word), end)
            floor, ceiling = max(0, start - HINT_WORD), min(len(folded), end + HINT_WORD)
            while low > floor and _is_word(folded[low - 1]):  # widen to the longer word it is part of
                low -= 1
            while high < ceiling and _is_word(folded[high]):
                high += 1
            text_start, text_end = normal.span(low, high)
            longer = " ".join(normal.original[text_start:text_end].split())
            return f'the text has "{word}" only as part of "{_clip(longer, 60)}": quote whole words'
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


def occurs(text: str, words: str) -> bool:
    """True when `words` are in `text` as whole words, folded as quotes are (case, white space, typography)."""
    folded, part = normalise(text).folded, _fold(words)
    return bool(part) and _find_word(folded, part, 0, len(folded)) >= 0


CORPUS_BREAK = "\n\n\n"  # between texts: not a word, and never inside folded words, so no match spans two texts


def corpus(texts: Iterable[str]) -> str:
    """Many texts folded once into one, for `occurs_in`: asking about each alias in each text would fold every
    text again for every alias (the fold cache holds a few texts, a project has thousands)."""
    return CORPUS_BREAK.join(normalise(text).folded for text in texts)


def occurs_in(folded_corpus: str, words: str) -> bool:
    """True when `words` are, as whole words, in one of the texts `corpus` folded."""
    part = _fold(words)
    return bool(part) and _find_word(folded_corpus, part, 0, len(folded_corpus)) >= 0


@dataclass
class Corpora:
    """Folded texts (`Corpus`) kept by their caller across checks (the live preview): a save that leaves the sources'
    texts alone folds none again, and the aliases already asked about are answered. Keyed by the texts themselves
    and the corpus under them (one kept here: the same object for the same texts), so an edited text is a new key.
    `next_check` forgets those the last check did not use."""

    kept: dict[tuple[tuple[str, ...], int], Corpus] = field(default_factory=dict)
    used: dict[tuple[tuple[str, ...], int], Corpus] = field(default_factory=dict)

    def of(self, texts: list[str], under: Corpus | None = None) -> Corpus:
        key = (tuple(texts), id(under))  # the corpus kept holds `under`: its id is not reused while the key lives
        made = self.used.get(key) or self.kept.get(key)
        if made is None or made.under is not under:
            made = Corpus.of(texts, under)
        self.used[key] = made
        return made

    def next_check(self) -> None:
        self.kept, self.used = self.used, {}


_WORD_RUN = re.compile(r"\w+")


@dataclass
class Corpus:
    """Many texts folded once, with the set of their words: `has` answers most asks without reading the texts.

    A whole-word match of `words` holds each of its word runs whole, so a phrase with a word the texts never
    write is not there; only the rest are searched, each once (the answers are kept: an edition asks again).
    `under` holds more texts, folded already (a narrower edition's): a match lies inside one text, so the words are
    in these texts if they are in those or in the rest.
    """

    folded: str
    words: frozenset[str]
    answers: dict[str, bool]
    under: Corpus | None = None

    @classmethod
    def of(cls, texts: Iterable[str], under: Corpus | None = None) -> Corpus:
        # the words text by text (no run spans CORPUS_BREAK): a list of every run of the joined 19 MB would hold
        # millions of strings at once, and one match object per run costs more than the run
        parts = [normalise(text).folded for text in texts]
        words: set[str] = set()
        for part in parts:
            words.update(_WORD_RUN.findall(part))
        return cls(CORPUS_BREAK.join(parts), frozenset(words), {}, under)

    def has(self, words: str) -> bool:
        """True when `words` are, as whole words, in one of the texts (as `occurs_in` says): in these texts, else in
        those `under` holds, layer by layer (editions can be many: no recursion)."""
        runs = _WORD_RUN.findall(_fold(words))
        asked: list[Corpus] = []
        layer: Corpus | None = self
        found = False
        while layer is not None:
            known = layer.answers.get(words)
            if known is not None:
                found = known
                break
            asked.append(layer)
            if all(run in layer.words for run in runs) and occurs_in(layer.folded, words):
                found = True
                break
            layer = layer.under
        for each in asked:  # each layer asked holds the texts of those below it
            each.answers[words] = found
        return found
