"""`sitrep add-source`: archive an article (plain text as it is, a web page reduced to its text) and write what it shows."""

from __future__ import annotations

import calendar
import datetime as dt
import json
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from .. import model
from ..dates import FuzzyDate
from ..load.yamlsafe import MAX_FILE_BYTES, decode
from ..problems import Problem, plural
from . import CurateError
from .textdates import find_dates

# The furthest future a page's date may be: exercise material is often dated years ahead, and
# htmldate refuses any date after today unless told otherwise.
LATEST_DATE = dt.date(2199, 12, 31)
MIN_WORDS = 10  # fewer words than this from a page are a menu or a banner, not an article
HEADER_LINES = 40  # a plain text's title, date and byline are in its opening lines
_TRACKING = re.compile(r"^(utm_\w+|fbclid|gclid|mc_cid|mc_eid|igshid)$")


@dataclass(frozen=True)
class Found:
    """One metadata value and how it was found; `value` None where the article shows nothing."""

    value: str | None
    how: str


@dataclass(frozen=True)
class Article:
    """An article read from a file: the text to archive, the page it came from (if a page), and its metadata."""

    name: str  # the file's name, for messages
    text: str
    html: bytes | None
    extracted_by: str  # how the text was made
    title: Found
    outlet: Found
    author: Found
    published: Found
    url: Found


@dataclass(frozen=True)
class Archived:
    source_id: str
    article: Article
    written: tuple[Path, ...]


FILL = ("kind", "reliability", "descriptor")  # what only the analyst can say about a source


def read_article(path: Path) -> Article:
    """Read a plain-text article or a saved web page; raise CurateError if it cannot be archived."""
    raw = _read_bytes(path)
    if _is_html(path, raw):
        return _from_html(path.name, raw)
    text, problem = decode(path.name, raw)
    if problem is not None:
        raise CurateError([problem])
    assert text is not None
    if not text.strip():
        raise CurateError(
            [Problem(path.name, None, None, "file is empty: there is no article to archive", "save the article's text in it")]
        )
    return _from_text(path.name, text)


def add_source(project_dir: Path, path: Path, source_id: str | None = None) -> Archived:
    """Archive `path` as a source of the project: its text, the page (if a page) and its metadata; never overwrite."""
    project_dir = project_dir.resolve()
    if not (project_dir / "content").is_dir():
        raise CurateError(
            [
                Problem(
                    str(project_dir),
                    None,
                    None,
                    "no 'content/' folder here: this is not a sitrep project",
                    "run from a project folder or pass --project DIR",
                )
            ]
        )
    if source_id is not None and not re.match(model.ID_PATTERN, source_id):
        raise CurateError(
            [
                Problem(
                    "--id",
                    None,
                    None,
                    f"'{source_id}' is not a valid source id",
                    "ids are lower-case kebab: letters, digits and single hyphens, e.g. 'tigris-ledger-2020-04-22'",
                )
            ]
        )
    article = read_article(path)
    chosen = source_id or default_id(article)
    folder = project_dir / "content" / "sources"
    files: dict[Path, bytes] = {folder / f"{chosen}.txt": article.text.encode("utf-8")}
    if article.html is not None:
        files[folder / f"{chosen}.html"] = article.html
    files[folder / f"{chosen}.yaml"] = source_yaml(article).encode("utf-8")  # last: the loader starts from it
    taken = [target for target in files if target.exists() or target.is_symlink()]
    if taken:
        hint = "pass --id with another id" if source_id is None else "choose another --id"
        raise CurateError(
            [
                Problem(
                    target.relative_to(project_dir).as_posix(),
                    None,
                    None,
                    "already exists: add-source never overwrites a file",
                    f"{hint}, or delete the file if it is an old copy of this article",
                )
                for target in taken
            ]
        )
    folder.mkdir(exist_ok=True)
    return Archived(chosen, article, tuple(_write_new(files)))


def default_id(article: Article) -> str:
    """outlet-date (the project's habit: 'iranwire-2020-04-12'), or the title's first words where there is no outlet."""
    words = article.outlet.value or "unnamed-outlet"
    if article.outlet.value is None and article.title.value:
        words = " ".join(article.title.value.split()[:5])
    stem = re.sub(r"[^a-z0-9]+", "-", _ascii(words).lower()).strip("-")
    stem = re.sub(r"^the-", "", stem) or "source"
    return f"{stem}-{article.published.value}" if article.published.value else stem


def source_yaml(article: Article) -> str:
    """The metadata file: what the article shows, each value with how it was found; what the analyst must say left empty."""
    from ..model.vocab import RELIABILITY

    lines = [
        "# yaml-language-server: $schema=../../schema/source.schema.json",
        f"# Written by `sitrep add-source` from {article.name}: {article.extracted_by}.",
        "# Check every value against the article; fill in the three empty fields at the end.",
    ]
    for name in ("title", "outlet", "author"):
        found: Found = getattr(article, name)
        lines.append(f"{name}: {_scalar(found.value)}  # {found.how}")
    lines.append(f"published: {_scalar(article.published.value)}")
    lines.append(f"published_note: {_scalar(article.published.how)}")
    if article.url.value is not None:
        lines.append(f"url: {_scalar(article.url.value)}  # {article.url.how}")
    letters = ", ".join(f"{letter} {label.lower()}" for letter, (label, _) in RELIABILITY.items())
    lines += [
        "kind:  # fill in: news, analysis, official, social or other",
        f"reliability:  # fill in, Admiralty code: {letters}",
        "descriptor:  # fill in: one line on the source's access, bias and currency (ICD 206)",
    ]
    return "\n".join(lines) + "\n"


def _scalar(value: str | None) -> str:
    """A YAML scalar: null, or a double-quoted string (JSON's escapes are YAML's)."""
    return "null" if value is None else json.dumps(value, ensure_ascii=False)


def _ascii(text: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def _read_bytes(path: Path) -> bytes:
    if not path.is_file():
        raise CurateError([Problem(str(path), None, None, "no such file", "give the path of a saved article (.txt or .html)")])
    if path.stat().st_size > MAX_FILE_BYTES:
        limit = MAX_FILE_BYTES // 1024 // 1024
        raise CurateError(
            [Problem(path.name, None, None, f"file is over the {limit} MB limit", "save only the article's page or text")]
        )
    return path.read_bytes()


def _is_html(path: Path, raw: bytes) -> bool:
    if path.suffix.lower() in (".html", ".htm", ".xhtml"):
        return True
    head = raw[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<!doctype html", b"<html"))


def _write_new(files: dict[Path, bytes]) -> list[Path]:
    """Write each file whole under its name, or none of them; a name that appears meanwhile is never replaced."""
    written: list[Path] = []
    try:
        for target, data in files.items():
            handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
            try:
                with os.fdopen(handle, "wb") as out:
                    out.write(data)
                os.link(temporary, target)  # fails if the name exists: no overwrite, even in a race
            finally:
                os.unlink(temporary)
            written.append(target)
    except OSError as error:
        for done in written:
            done.unlink()
        raise CurateError(
            [
                Problem(
                    str(error.filename or files),
                    None,
                    None,
                    f"could not write: {error.strerror}",
                    "nothing was written; fix and run again",
                )
            ]
        ) from error
    return written


# --- plain text -------------------------------------------------------------------------------


def _from_text(name: str, text: str) -> Article:
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
_SMALL_WORDS = {"of", "the", "and", "for", "in", "on", "al", "el"}


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
            url, dropped = _clean_url(match.group(1))
            note = f"line {index + 1} of the text" + (f"; tracking parameters removed ({', '.join(dropped)})" if dropped else "")
            return Found(url, note)
    return Found(None, "")


def _clean_url(url: str) -> tuple[str, list[str]]:
    parts = urlsplit(url)
    kept = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)]
    dropped = [k for k, _ in parse_qsl(parts.query, keep_blank_values=True) if _TRACKING.match(k)]
    return urlunsplit(parts._replace(query=urlencode(kept))), dropped


# --- web pages --------------------------------------------------------------------------------


def _from_html(name: str, raw: bytes) -> Article:
    import lxml.html
    import trafilatura

    try:
        tree = lxml.html.fromstring(raw)
    except (ValueError, lxml.etree.ParserError) as error:
        raise CurateError(
            [
                Problem(
                    name, None, None, f"cannot be read as a web page: {error}", "save the page again, or its text as a .txt file"
                )
            ]
        ) from error
    body = trafilatura.extract(raw, output_format="txt", include_comments=False, include_tables=True, favor_precision=True)
    words = (body or "").split()
    if body is None or len(words) < MIN_WORDS:  # a menu or a banner is not an article
        found = f' (only {plural(len(words), "word")}: "{" ".join(words)}")' if words else ""
        raise CurateError(
            [
                Problem(
                    name,
                    None,
                    None,
                    f"trafilatura found no article text in this page{found}",
                    "save the article's text by hand as a .txt file and run add-source on it",
                )
            ]
        )
    meta = _page_meta(tree)
    ld = _json_ld(tree)
    title = _first(
        (meta.get("og:title"), 'the page\'s <meta property="og:title">'),
        (ld.get("headline"), "the page's JSON-LD headline"),
        (_text_of(tree, "//h1"), "the page's first <h1>"),
        (_text_of(tree, "//title"), "the page's <title>"),
        missing="fill in: the page shows no title",
    )
    outlet = _first(
        (meta.get("og:site_name"), 'the page\'s <meta property="og:site_name">'),
        (ld.get("publisher"), "the page's JSON-LD publisher"),
        (meta.get("application-name"), 'the page\'s <meta name="application-name">'),
        missing="the page names no outlet: write it if the text names one, or leave null",
    )
    author = _first(
        (meta.get("author"), 'the page\'s <meta name="author">'),
        (
            meta.get("article:author") if not str(meta.get("article:author", "")).startswith("http") else None,
            'the page\'s <meta property="article:author">',
        ),
        (ld.get("author"), "the page's JSON-LD author"),
        (_text_of(tree, "//*[@rel='author']"), "the page's rel=author link"),
        missing="the page names no author",
    )
    url = _first(
        (_attr(tree, "//link[@rel='canonical']/@href"), "the page's canonical link"),
        (meta.get("og:url"), 'the page\'s <meta property="og:url">'),
        missing="",
    )
    if url.value:
        cleaned, _ = _clean_url(url.value)
        url = Found(cleaned, url.how)
    text = (
        (title.value + "\n\n" if title.value else "")
        + "\n\n".join(line.strip() for line in body.splitlines() if line.strip())
        + "\n"
    )
    return Article(
        name=name,
        text=text,
        html=raw,
        extracted_by="the article's text taken from the page by trafilatura (menus, links and banners left out), its title on the first line; the page as saved is kept beside it as .html",
        title=title,
        outlet=outlet,
        author=author,
        published=_page_date(raw, tree, meta, ld),
        url=url,
    )


def _first(*options: tuple[Any, str], missing: str) -> Found:
    for value, how in options:
        if isinstance(value, str) and value.strip():
            return Found(" ".join(value.split()), how)
    return Found(None, missing)


def _page_meta(tree: Any) -> dict[str, str]:
    found: dict[str, str] = {}
    for element in tree.iter("meta"):
        key = (element.get("property") or element.get("name") or element.get("itemprop") or "").strip().lower()
        content = element.get("content")
        if key and content and key not in found:
            found[key] = content
    return found


def _json_ld(tree: Any) -> dict[str, str]:
    """headline, datePublished, author and publisher names from the page's JSON-LD, where it has them."""
    found: dict[str, str] = {}
    for script in tree.xpath("//script[@type='application/ld+json']")[:20]:
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        for item in _ld_items(data):
            for key in ("headline", "datePublished"):
                if isinstance(item.get(key), str):
                    found.setdefault(key, item[key])
            for key in ("author", "publisher"):
                value = item.get(key)
                value = value[0] if isinstance(value, list) and value else value
                name = value.get("name") if isinstance(value, dict) else value
                if isinstance(name, str):
                    found.setdefault(key, name)
    return found


def _ld_items(data: Any) -> list[dict[str, Any]]:
    if isinstance(data, list):
        return [item for item in data if isinstance(item, dict)]
    if isinstance(data, dict):
        graph = data.get("@graph")
        return [data] + ([item for item in graph if isinstance(item, dict)] if isinstance(graph, list) else [])
    return []


def _text_of(tree: Any, xpath: str) -> str | None:
    for element in tree.xpath(xpath)[:1]:
        return str(element.text_content())
    return None


def _attr(tree: Any, xpath: str) -> str | None:
    values = tree.xpath(xpath)
    return str(values[0]) if values else None


_DATE_META = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "dc.date.issued",
    "dcterms.issued",
    "date",
)


def _page_date(raw: bytes, tree: Any, meta: dict[str, str], ld: dict[str, str]) -> Found:
    """The publication date the page's markup states; else htmldate's reading of the page, said as such."""
    stated: list[tuple[str | None, str]] = [(ld.get("datePublished"), "the page's JSON-LD datePublished")]
    stated += [(meta.get(key), f'the page\'s <meta {"property" if ":" in key else "name"}="{key}">') for key in _DATE_META]
    stated.append((_attr(tree, "//article//time/@datetime") or _attr(tree, "//time/@datetime"), "the page's <time datetime>"))
    for value, where in stated:
        if value and (date := _iso_date(value)) is not None:
            shown = f" ({value.strip()})" if value.strip() != str(date) else ""
            return Found(str(date), f"From {where}{shown}.")
    import htmldate

    for extensive, where in ((False, "in the page's markup"), (True, "in the page's text or address (extensive search)")):
        found = htmldate.find_date(raw, extensive_search=extensive, original_date=True, max_date=LATEST_DATE.isoformat())
        if found:
            date = FuzzyDate.parse(found)
            if not _shows_day(raw, tree, date):  # htmldate gives the 1st for an address like /2031/06/
                return Found(
                    str(FuzzyDate(date.year, date.month)), f"Found by htmldate {where}, which shows only the month: check it."
                )
            return Found(found, f"Found by htmldate {where}: check it.")
    return Found(
        None, "Fill in: the page shows no date of publication; give the day, month or year its content shows, and say how here."
    )


def _shows_day(raw: bytes, tree: Any, date: FuzzyDate) -> bool:
    """Whether the page writes this date to the day, in figures or in words."""
    y, m, d = date.year, date.month or 1, date.day or 1
    figures = (f"{y}-{m:02d}-{d:02d}", f"{y}/{m:02d}/{d:02d}", f"{d:02d}/{m:02d}/{y}", f"{m:02d}/{d:02d}/{y}")
    if any(text.encode() in raw for text in figures):
        return True
    return any(found.date == date for found in find_dates(" ".join(tree.itertext())))


def _iso_date(value: str) -> FuzzyDate | None:
    """The date part of an ISO timestamp as written (2020-04-22T23:30:00-05:00 is 22 April where it was written)."""
    match = re.match(r"^\s*(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ]|$)", value)
    if not match:
        return None
    try:
        return FuzzyDate.parse("-".join(part for part in match.groups() if part))
    except ValueError:
        return None
