"""An archived text as paragraphs and sentences, each with its line number and exact place in the text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# Words that end in a full stop without ending a sentence ("Gen. Votel", "U.S. troops").
_ABBREVIATIONS = frozenset({
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "sgt", "adm", "cmdr", "sen", "rep", "gov",
    "pres", "st", "jr", "sr", "no", "vs", "etc", "approx", "dept", "est", "fig", "jan", "feb", "mar", "apr", "jun",
    "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft", "inc", "ltd", "co", "corp", "brig",
})  # fmt: skip
_END = re.compile(r"[.!?\u2026]+[\"'\u201d\u2019)\]]*(?=\s+[\"'\u201c\u2018(\[]?[A-Z0-9])")


@dataclass(frozen=True)
class Span:
    """A stretch of the text: where it starts and ends, its first line (1-based), and its words as written."""

    start: int
    end: int
    line: int
    text: str


def paragraphs(text: str) -> Iterator[Span]:
    """Each paragraph: a line of its own, or lines hard-wrapped into one (a long line running on into the next)."""
    offset = 0
    current: Span | None = None
    for number, raw in enumerate(text.splitlines(keepends=True), start=1):
        line = raw.rstrip("\r\n")
        start = offset + (len(line) - len(line.lstrip()))
        offset += len(raw)
        if not line.strip():
            if current:
                yield current
            current = None
            continue
        end = start + len(line.strip())
        if current is not None and _runs_on(current.text):
            current = Span(current.start, end, current.line, text[current.start : end])
            continue
        if current:
            yield current
        current = Span(start, end, number, text[start:end])
    if current:
        yield current


def _runs_on(previous: str) -> bool:
    """A hard-wrapped line: long, and cut before its sentence ends."""
    last_line = previous.rsplit("\n", 1)[-1]
    return len(last_line) >= 60 and not re.search(r"[.!?:;\"'\u201d\u2019)]$", last_line)


def sentences(text: str) -> Iterator[Span]:
    """Each sentence of each paragraph, as written (a hard-wrapped sentence keeps its line breaks)."""
    for paragraph in paragraphs(text):
        yield from split(text, paragraph)


def split(text: str, paragraph: Span) -> Iterator[Span]:
    start = 0
    body = paragraph.text
    for match in _END.finditer(body):
        if _is_abbreviation(body, match.start()):
            continue
        yield _span(text, paragraph, start, match.end())
        start = match.end()
        while start < len(body) and body[start].isspace():
            start += 1
    if start < len(body):
        yield _span(text, paragraph, start, len(body))


def _is_abbreviation(body: str, dot: int) -> bool:
    if body[dot] != ".":
        return False
    word = re.search(r"(\S+)$", body[:dot])
    if word is None:
        return False
    token = word.group(1).lstrip("(\"'\u201c\u2018")
    # an initial ("B." in "Vincent B. Barker", "U.S."), or a known abbreviation
    return bool(re.fullmatch(r"(?:[A-Z]\.)*[A-Z]", token)) or token.lower() in _ABBREVIATIONS


def _span(text: str, paragraph: Span, start: int, end: int) -> Span:
    absolute = paragraph.start + start
    line = paragraph.line + paragraph.text.count("\n", 0, start)
    return Span(absolute, paragraph.start + end, line, text[absolute : paragraph.start + end])
