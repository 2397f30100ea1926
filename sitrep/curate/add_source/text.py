"""A plain-text article: its title, date, byline, outlet and link from its opening lines, its paragraphs as they are."""

from __future__ import annotations

import calendar
import re

from ..textdates import find_dates
from .article import Article, Found, clean_url

HEADER_LINES = 40  # a plain text's title, date and byline are in its opening lines


def from_text(name: str, text: str) -> Article:
    lines = text.splitlines()
    header = _header(lines)
    date_line, published = _text_date(lines, header)
    title_line, title = _text_title(lines, header)
    return Article(
        name=name,
        text=text,
        html=None,
        extracted_by="plain text, archived as it is",
        title=title,
        outlet=_text_outlet(lines, header, title_line),
        author=_text_author(lines, header, date_line, title.value),
        published=published,
        url=_text_url(lines),
    )


def _is_paragraph(line: str) -> bool:
    return len(line.split()) >= 20 and line.rstrip().endswith((".", "!", "?", '"', "\u201d", "'", "\u2019"))


def _header(lines: list[str]) -> list[int]:
    """Indexes of the non-empty lines before the first paragraph: where a title, date and byline stand."""
    found = []
    for index, line in enumerate(lines[:HEADER_LINES]):
        if _is_paragraph(line):
            break
        if line.strip():
            found.append(index)
    return found


def _is_headline(line: str) -> bool:
    words = line.split()
    stripped = line.strip()
    # a full stop inside ends a sentence ('... February 23. (AP)'), unless it closes an initial ('U.S. Moves')
    return (
        4 <= len(words) <= 25 and not stripped.endswith((".", ",", ":", ";")) and not re.search(r"(?:[a-z]{2}|\d)\. ", stripped)
    )


def _text_title(lines: list[str], header: list[int]) -> tuple[int | None, Found]:
    headlines = [index for index in header if _is_headline(lines[index])]
    if not headlines:
        return None, Found(None, "fill in: sitrep found no line that reads like a headline")
    index = headlines[-1]
    return index, Found(
        " ".join(lines[index].split()), f"line {index + 1}, the last headline-like line before the first paragraph: check it"
    )


def _text_date(lines: list[str], header: list[int]) -> tuple[int | None, Found]:
    """A header line that is only a date ('April 12, 2020', 'Published: Sunday 08/12/2019')."""
    for index in header:
        line = lines[index].strip()
        for found in find_dates(line):
            rest = (line[: found.start] + line[found.end :]).strip(" \t|·•,:-\u2013\u2014")
            rest = re.sub(r"^(published|posted|updated|first published|date)\b[\s:]*(on\b)?", "", rest, flags=re.I).strip(" :")
            if rest or not found.has_year:
                continue
            if found.date is None:
                return index, Found(None, f"Fill in: the date on line {index + 1} of the text is ambiguous: {found.note}.")
            how = f": {found.note}" if found.note else f", '{found.words}'"
            return index, Found(str(found.date), f"From the date on line {index + 1} of the text{how}.")
    return None, Found(
        None, "Fill in: the text shows no date of publication; give the day, month or year its content shows, and say how here."
    )


def _text_author(lines: list[str], header: list[int], date_line: int | None, title: str | None) -> Found:
    for index in header:
        match = re.match(r"^\s*by\s+(.+?)\s*$", lines[index], re.I)
        if match and _is_name(match.group(1)):
            return Found(match.group(1), f"the byline on line {index + 1}")
    if date_line is not None:
        for index in (date_line + 1, date_line - 1):
            if index in header and _is_name(lines[index]) and lines[index].strip() != title:
                return Found(" ".join(lines[index].split()), f"line {index + 1}, next to the date: check it is the author")
    return Found(None, "not found in the text: write the author if the article names one")


def _is_name(text: str) -> bool:
    words = text.split()
    months = {m.lower() for m in _MONTH_WORDS}
    return (
        2 <= len(words) <= 4
        and all(re.match(r"^[A-Z][\w'\u2019.-]*$", word) for word in words)
        and not any(word.lower().strip(".") in months for word in words)
    )


_MONTH_WORDS = tuple(calendar.month_name[1:])
_SMALL_WORDS = frozenset({"of", "the", "and", "for", "in", "on", "al", "el"})


def _text_outlet(lines: list[str], header: list[int], title_line: int | None) -> Found:
    for index, line in enumerate(lines):
        match = re.search(r"rights (?:and copyrights )?reserved (?:to|by)\s+(.+?)\s*\.?\s*$", line, re.I)
        match = match or re.search(
            r"(?:\u00a9|\(c\)|\bcopyright\b)\s*(?:\d{4}\s*)?(?:by\s+)?([^.|]+?)(?:\.|,|\s+all rights|$)", line, re.I
        )
        if match and 1 <= len(match.group(1).split()) <= 8:
            return Found(match.group(1).strip(), f"the rights line, line {index + 1}: check it")
    if header and header[0] != title_line:
        first = lines[header[0]].strip()
        words = first.split()
        if 1 <= len(words) <= 5 and all(w[0].isupper() or w.lower() in _SMALL_WORDS for w in words):
            return Found(first, f"line {header[0] + 1}, the text's first line: check it is the outlet")
    return Found(None, "not found in the text: write the outlet if the text names one, or leave null")


def _text_url(lines: list[str]) -> Found:
    for index, line in enumerate(lines):
        match = re.match(
            r"^\s*(?:(?:content retrieved from|source|retrieved from|url|originally published at)\s*:?\s*)?(https?://\S+)\s*$",
            line,
            re.I,
        )
        if match:
            url, dropped = clean_url(match.group(1))
            note = f"line {index + 1} of the text" + (f"; tracking parameters removed ({', '.join(dropped)})" if dropped else "")
            return Found(url, note)
    return Found(None, "")
