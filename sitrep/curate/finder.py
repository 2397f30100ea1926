"""The quote finder: the passages of an archived text closest to some words, each cut to a quote that passes check.

Used by `sitrep quote` and by check's "quote not found" hint, so both propose the same passage.
Each passage lies inside one sentence, is widened to whole words and to at least the contract's
shortest quote, and is copied from the text as written: pasted as a quote, it is found.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..quotes import MIN_QUOTE_WORDS
from .sentences import Span, sentences, split

MIN_SCORE = 70.0  # below this a passage is not "like" the words: better to say nothing than mislead
WINDOW_WORDS = 60  # a very long sentence is searched in overlapping windows of this many words
MAX_QUERY = 600  # characters of the words looked for; a quote is rarely longer
NEAR_REACH = 2000  # how far from a given position a sentence is looked for
MAX_NEAR = 200  # positions looked around at most
EXACT_SCORE = 95  # words without a keyword ('on the way') must be nearly exact
KEYWORD_SCORE = 75  # how alike two words must be to count as the same keyword ('khazali', 'al-khazali')
_FOLD = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-", "\n": " ", "\r": " ", "\t": " "}
)
_WORD = re.compile(r"[^\W_]", re.UNICODE)


@dataclass(frozen=True)
class Passage:
    """A stretch of the text: where it is, its first line, the words as written, and how alike they are (0-100)."""

    start: int
    end: int
    line: int
    quote: str  # the words as written, white space made single: paste it as the quote
    sentence: str  # the whole sentence it is in, for context
    score: float


def fold(text: str) -> str:
    """Lower case, typographic quotes and dashes plain, line breaks as spaces: one character for one, offsets kept."""
    return "".join(char if len(lowered := char.lower()) != 1 else lowered for char in text.translate(_FOLD))


def find_passages(
    text: str, words: str, limit: int = 3, near: Iterable[tuple[int, int]] | None = None, min_words: int = MIN_QUOTE_WORDS
) -> list[Passage]:
    """The `limit` passages of `text` most like `words`, best first; none below MIN_SCORE.

    `near` (spans of the text) limits the search to the sentences they touch, a bounded
    amount of work however long the text (check's hint looks only where the quote's rarest words
    are); `min_words` is the shortest passage (a fragment joined by '...' may be shorter than a quote).

    Two readings of the words, the better one kept for each sentence: a phrase (rapidfuzz's
    partial ratio, for words copied with a slip) and keywords (each word matched fuzzily to the
    sentence's words, for 'pompeo sanctions khazali'), the passage then running from the first
    keyword to the last.
    """
    from rapidfuzz import fuzz, process

    query = " ".join(fold(words).split())[:MAX_QUERY]
    if not query:
        return []
    windows = _windows(text) if near is None else windows_near(text, near)
    folded = [fold(window.text) for window in windows]
    keywords = _keywords(query)
    best: dict[int, tuple[float, int, int]] = {}  # window -> (score, start, end) inside it
    wanted = len(query.split())
    for _, score, index in process.extract(query, folded, scorer=fuzz.partial_ratio, limit=limit * 8, score_cutoff=MIN_SCORE):
        alignment = fuzz.partial_ratio_alignment(query, folded[index])
        if alignment is None or alignment.src_end - alignment.src_start < len(query) / 2:
            continue  # a short sentence that fits inside the words is no match for them
        if _shares_keywords(keywords, folded[index][alignment.dest_start : alignment.dest_end], score):
            best[index] = (score, alignment.dest_start, alignment.dest_end)
    for index, hit in _keyword_hits(keywords, folded, limit * 4):
        if hit[0] > best.get(index, (0.0, 0, 0))[0]:
            best[index] = hit
    found: list[Passage] = []
    for index, (score, start, end) in sorted(best.items(), key=lambda item: (-item[1][0], windows[item[0]].start)):
        window = windows[index]
        # as many words as were asked for, taken on the side that makes the passage most like them
        fits = [_whole_words(window.text, start, end, max(min_words, wanted), side) for side in ("end", "start")]
        start, end = max(fits, key=lambda span: fuzz.ratio(query, folded[index][span[0] : span[1]]))
        passage = _passage(text, window, start, end, score)
        if not any(p.start < passage.end and passage.start < p.end for p in found):
            found.append(passage)
        if len(found) == limit:
            break
    return found


_TOKEN = re.compile(r"[^\W_]+(?:['-][^\W_]+)*")
_STOP = frozenset(
    {"the", "and", "for", "that", "with", "was", "were", "are", "from", "has", "had", "have", "this", "its", "but", "not"}
)


def _keywords(query: str) -> list[str]:
    return list(dict.fromkeys(w for w in _tokens(query) if len(w) >= 3 and w not in _STOP))


def _tokens(text: str) -> list[str]:
    return [re.sub(r"'s$", "", word) for word in _TOKEN.findall(text)]


def _alike(keyword: str) -> float:
    """How alike a word must be to count as the keyword: a short word must be nearly the same ('cat' is not 'at')."""
    return KEYWORD_SCORE if len(keyword) >= 6 else 85.0


def _shares_keywords(keywords: list[str], passage: str, score: float) -> bool:
    """Letters alike are not enough: at least half the keywords must be words of the passage (near enough)."""
    from rapidfuzz import fuzz, process

    if not keywords:
        return score >= EXACT_SCORE
    words = _tokens(passage)
    shared = sum(1 for k in keywords if words and process.extractOne(k, words, scorer=fuzz.ratio, score_cutoff=_alike(k)))
    return shared * 2 >= len(keywords)


def _keyword_hits(keywords: list[str], folded: list[str], limit: int) -> list[tuple[int, tuple[float, int, int]]]:
    """Windows holding the query's keywords: score is the mean of each keyword's best match (0-100)."""
    from rapidfuzz import fuzz, process

    if len(keywords) < 2:
        return []
    tokens = [[(re.sub(r"'s$", "", m.group(0)), m.start(), m.end()) for m in _TOKEN.finditer(window)] for window in folded]
    vocabulary = list({token for window in tokens for token, _, _ in window})
    matches: dict[str, list[tuple[int, float]]] = {}  # word of the text -> [(keyword, score)]
    for k, keyword in enumerate(keywords):
        for word, score, _ in process.extract(keyword, vocabulary, scorer=fuzz.ratio, score_cutoff=_alike(keyword), limit=None):
            matches.setdefault(word, []).append((k, score))
    hits: list[tuple[int, tuple[float, int, int]]] = []
    for index, window in enumerate(tokens):
        found: dict[int, tuple[float, int, int]] = {}  # keyword -> (score, start, end)
        for token, start, end in window:
            for k, score in matches.get(token, ()):
                if score > found.get(k, (0, 0, 0))[0]:
                    found[k] = (score, start, end)
        if len(found) < 2:
            continue
        score = sum(hit[0] for hit in found.values()) / len(keywords)
        if score >= MIN_SCORE:
            hits.append((index, (score, min(h[1] for h in found.values()), max(h[2] for h in found.values()))))
    return sorted(hits, key=lambda hit: -hit[1][0])[:limit]


def closest(
    text: str, words: str, near: Iterable[tuple[int, int]] | None = None, min_words: int = MIN_QUOTE_WORDS
) -> Passage | None:
    """The one passage most like `words`, or None where nothing in the text is like them."""
    found = find_passages(text, words, limit=1, near=near, min_words=min_words)
    return found[0] if found else None


def windows_near(text: str, spans: Iterable[tuple[int, int]]) -> list[Span]:
    """The sentences of the text that overlap some spans of it; each span looked at within NEAR_REACH characters."""
    found: dict[int, Span] = {}
    for start, end in sorted(set(spans))[:MAX_NEAR]:
        end = min(max(end, start + 1), start + NEAR_REACH, len(text))
        first = text.rfind("\n", max(0, start - NEAR_REACH), start) + 1 or max(0, start - NEAR_REACH)
        last = text.find("\n", end, end + NEAR_REACH)
        last = min(len(text), end + NEAR_REACH) if last < 0 else last
        line = text.count("\n", 0, first) + 1
        offset = first
        for raw in text[first:last].split("\n"):
            if raw.strip():
                lead = len(raw) - len(raw.lstrip())
                paragraph = Span(offset + lead, offset + len(raw.rstrip()), line, raw.strip())
                for sentence in split(text, paragraph):
                    if sentence.start < end and start < sentence.end:
                        found.setdefault(sentence.start, sentence)
            offset += len(raw) + 1
            line += 1
    return [found[key] for key in sorted(found)]


def _windows(text: str) -> list[Span]:
    """The sentences of the text; a very long one (a page without full stops) as overlapping windows of words."""
    found: list[Span] = []
    for sentence in sentences(text):
        words = list(re.finditer(r"\S+", sentence.text))
        if len(words) <= WINDOW_WORDS:
            found.append(sentence)
            continue
        for first in range(0, len(words), WINDOW_WORDS // 2):
            last = min(first + WINDOW_WORDS, len(words)) - 1
            start, end = sentence.start + words[first].start(), sentence.start + words[last].end()
            line = sentence.line + sentence.text.count("\n", 0, words[first].start())
            found.append(Span(start, end, line, text[start:end]))
            if last == len(words) - 1:
                break
    return found


def _whole_words(sentence: str, start: int, end: int, min_words: int = MIN_QUOTE_WORDS, side: str = "end") -> tuple[int, int]:
    """Widen a cut word at either end, then the passage to at least the shortest quote, within the sentence."""

    def is_word(index: int) -> bool:
        return 0 <= index < len(sentence) and bool(_WORD.match(sentence[index]))

    # a word cut at either end is taken whole if most of it was matched, else left out
    first = start
    while is_word(first - 1) and is_word(first):
        first -= 1
    word_end = start
    while is_word(word_end):
        word_end += 1
    start = first if word_end - start >= (word_end - first) / 2 else word_end
    last = end
    while is_word(last - 1) and is_word(last):
        last += 1
    word_start = end
    while is_word(word_start - 1):
        word_start -= 1
    end = last if end - word_start >= (last - word_start) / 2 else word_start
    while start < end and sentence[start].isspace():
        start += 1
    while end > start and sentence[end - 1].isspace():
        end -= 1
    spans = [m.span() for m in re.finditer(r"\S+", sentence)]
    touched = [i for i, (s, e) in enumerate(spans) if s < end and start < e]
    if not touched:
        return start, end
    first, last = touched[0], touched[-1]
    while last - first + 1 < min_words and (first > 0 or last < len(spans) - 1):
        if (side == "end" or first == 0) and last < len(spans) - 1:
            last += 1
            end = spans[last][1]
        else:
            first -= 1
            start = spans[first][0]
    return _tidy(sentence, start, end)


_QUOTE_MARKS = "\"'\u201c\u201d\u2018\u2019"


def _tidy(sentence: str, start: int, end: int) -> tuple[int, int]:
    """Keep the full stop of a passage that ends its sentence; leave out a comma or colon at the end, and a
    quotation mark the passage does not open or close."""
    if sentence[end:].strip() and not sentence[end:].strip(".!?" + _QUOTE_MARKS + ")"):
        end = len(sentence.rstrip())
    while end > start and sentence[end - 1] in ",;:\u2013\u2014-" + _QUOTE_MARKS:
        char = sentence[end - 1]
        if char in _QUOTE_MARKS and sum(sentence[start:end].count(q) for q in _QUOTE_MARKS) % 2 == 0:
            break
        end -= 1
    while start < end and sentence[start] in _QUOTE_MARKS and sum(sentence[start:end].count(q) for q in _QUOTE_MARKS) % 2 == 1:
        start += 1
    return start, end


def _passage(text: str, window: Span, start: int, end: int, score: float) -> Passage:
    absolute = window.start + start
    words = " ".join(window.text[start:end].split())
    return Passage(
        start=absolute,
        end=window.start + end,
        line=text.count("\n", 0, absolute) + 1,
        quote=words,
        sentence=" ".join(window.text.split()),
        score=round(score, 1),
    )
