"""The hint for a quote not in its text: the passage most like it, found by comparing a bounded number of passages."""

from __future__ import annotations

from .folding import ELLIPSIS, fold, fragments, normalise
from .matching import MIN_FRAGMENT_WORDS, MIN_QUOTE_WORDS
from .words import clip, find_word, is_word

# The "not found" hint: at most this many passages of the text are compared with the missing words,
# around the rarest of the quote's longest words.
HINT_ANCHOR_WORDS = 8
HINT_ANCHORS = 3
HINT_PASSAGES_PER_ANCHOR = 40
HINT_WORD = 40  # how far the hint widens words that a quote cut short


def explain_miss(text: str, quote: str) -> str:
    """A hint for a quote that is not in its text: the passage most like it, or what else went wrong."""
    normal = normalise(text)
    parts = fragments(quote)
    missing = next((part for part in parts if part not in normal.folded), None)
    if missing is None:
        folded = normal.folded
        pieces = [piece for piece in ELLIPSIS.split(quote) if fold(piece)]
        for piece, part in zip(pieces, parts, strict=False):
            if find_word(folded, part, 0, len(folded)) >= 0:
                continue
            start = folded.find(part)
            end = start + len(part)
            cut_first = start > 0 and is_word(folded[start - 1]) and is_word(part[0])
            word = piece.split()[0] if cut_first else piece.split()[-1]
            low, high = (start, start + len(word)) if cut_first else (end - len(word), end)
            floor, ceiling = max(0, start - HINT_WORD), min(len(folded), end + HINT_WORD)
            while low > floor and is_word(folded[low - 1]):  # widen to the longer word it is part of
                low -= 1
            while high < ceiling and is_word(folded[high]):
                high += 1
            text_start, text_end = normal.span(low, high)
            longer = " ".join(normal.original[text_start:text_end].split())
            return f'the text has "{word}" only as part of "{clip(longer, 60)}": quote whole words'
        return "each part is in the text, but not in this order: fragments joined by '...' must follow the text's order"
    from ..curate.finder import closest  # the same finder as `sitrep quote`, here around the rarest words only

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
