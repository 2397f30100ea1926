"""Whole words asked of many texts folded once (aliases in the sources): `occurs`, `Corpus`, `Corpora`."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from .folding import fold, normalise
from .words import find_word

CORPUS_BREAK = "\n\n\n"  # between texts: not a word, and never inside folded words, so no match spans two texts
_WORD_RUN = re.compile(r"\w+")


def occurs(text: str, words: str) -> bool:
    """True when `words` are in `text` as whole words, folded as quotes are (case, white space, typography)."""
    folded, part = normalise(text).folded, fold(words)
    return bool(part) and find_word(folded, part, 0, len(folded)) >= 0


def corpus(texts: Iterable[str]) -> str:
    """Many texts folded once into one, for `occurs_in`: asking about each alias in each text would fold every
    text again for every alias (the fold cache holds a few texts, a project has thousands)."""
    return CORPUS_BREAK.join(normalise(text).folded for text in texts)


def occurs_in(folded_corpus: str, words: str) -> bool:
    """True when `words` are, as whole words, in one of the texts `corpus` folded."""
    part = fold(words)
    return bool(part) and find_word(folded_corpus, part, 0, len(folded_corpus)) >= 0


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
        runs = _WORD_RUN.findall(fold(words))
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
