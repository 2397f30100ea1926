"""Quote matching: find a citation's words in an archived text, as the contract's matching rule says.

Every step is linear in the text (C-speed regexes and `str.find`), and the "not found" hint compares a
bounded number of passages, so no text or quote, however large or repetitive, makes a check slow.
`folding` folds a text and maps offsets back, `words` finds whole words, `matching` places a quote and
applies the rule, `hints` explains a miss, `corpus` answers whole-word asks over many texts.
"""

from __future__ import annotations

from .corpus import CORPUS_BREAK, Corpora, Corpus, corpus, occurs, occurs_in
from .folding import BLANK_LINE, NormalText, fragments, normalise
from .hints import explain_miss
from .matching import MIN_FRAGMENT_WORDS, MIN_QUOTE_WORDS, Match, Matches, find, length_problems, match

__all__ = [
    "BLANK_LINE",
    "CORPUS_BREAK",
    "MIN_FRAGMENT_WORDS",
    "MIN_QUOTE_WORDS",
    "Corpora",
    "Corpus",
    "Match",
    "Matches",
    "NormalText",
    "corpus",
    "explain_miss",
    "find",
    "fragments",
    "length_problems",
    "match",
    "normalise",
    "occurs",
    "occurs_in",
]
