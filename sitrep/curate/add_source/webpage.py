"""A saved web page: its text by trafilatura, its metadata from meta tags, JSON-LD and the page itself."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from ...dates import FuzzyDate
from ...problems import Problem, plural
from .. import CurateError
from ..textdates import find_dates
from .article import Article, Found, clean_url

# The furthest future a page's date may be: exercise material is often dated years ahead, and
# htmldate refuses any date after today unless told otherwise.
LATEST_DATE = dt.date(2199, 12, 31)
MIN_WORDS = 10  # fewer words than this from a page are a menu or a banner, not an article


def from_html(name: str, raw: bytes) -> Article:
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
        cleaned, _ = clean_url(url.value)
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
