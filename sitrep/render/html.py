"""Rendering: Jinja templates (autoescaped, strict) to HTML, with sanitised Markdown and numbered citation notes."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
import markdown as markdown_lib
import nh3
from markupsafe import Markup, escape

from .. import model, quotes
from ..check.markdown import CODE
from ..problems import plural
from ..resources import shipped

DEFAULT_TEMPLATES = shipped("templates")

# Markdown may format text and link out; nothing that runs, embeds or fetches.
_ALLOWED_TAGS = {"p", "em", "strong", "b", "i", "a", "ul", "ol", "li", "code", "blockquote", "br", "abbr", "sub", "sup"}
_ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}}
_URL_SCHEMES = {"http", "https", "mailto"}


@lru_cache(maxsize=8192)
def markdown(text: str) -> Markup:
    """Markdown to HTML, sanitised: formatting tags kept (without event handlers), every other tag shown as text,
    javascript: links removed.

    Cached: the same summary appears on a briefing, the timeline, and its actors' and places' pages.
    """
    html = markdown_lib.markdown(tags_as_text(text or ""), extensions=[], output_format="html")
    clean = nh3.clean(
        html,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes=_URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )
    return Markup(clean)  # noqa: S704 - sanitised by nh3 just above


# The start of a tag that is not a formatting tag: shown as text. Autolinks (<https://...>, <name@example.org>) stay.
_OTHER_TAG = re.compile(r"<(?=/?([A-Za-z][A-Za-z0-9-]*)(?![A-Za-z0-9-]*[:@]))")


def tags_as_text(text: str) -> str:
    """Escape every tag but the formatting ones, outside code: an analyst writing about a web attack writes <script>,
    and readers see it as written. Code spans and blocks are left to Markdown, which shows them as text anyway."""
    pieces: list[str] = []
    position = 0
    for code in CODE.finditer(text):
        pieces.append(_escape_tags(text[position : code.start()]))
        pieces.append(code.group(0))
        position = code.end()
    pieces.append(_escape_tags(text[position:]))
    return "".join(pieces)


def _escape_tags(text: str) -> str:
    return _OTHER_TAG.sub(lambda tag: "<" if tag.group(1).lower() in _ALLOWED_TAGS else "&lt;", text)


def markdown_inline(text: str) -> Markup:
    """Markdown for a single paragraph, without the <p> around it."""
    html = str(markdown(text)).strip()
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return Markup(html)  # noqa: S704 - already sanitised


def quote_anchor(source_id: str, quote: str) -> str:
    """A stable anchor id for a quoted passage on its source's page."""
    digest = hashlib.sha1(f"{source_id}\n{quote}".encode(), usedforsecurity=False).hexdigest()[:10]
    return f"q-{digest}"


@dataclass
class Note:
    number: int
    citation: model.Citation
    source: model.Source
    href: str


@dataclass
class Notes:
    """The numbered citation notes of one page, in the order they are called."""

    sources: dict[str, model.Source]
    root: str
    items: list[Note] = field(default_factory=list)
    _numbers: dict[tuple[str, str], int] = field(default_factory=dict)

    def add(self, citation: model.Citation) -> Note:
        key = (citation.source, citation.quote)
        if key in self._numbers:
            note = self.items[self._numbers[key] - 1]
            if citation.credibility is not None and note.citation.credibility is None:
                note.citation = citation
            return note
        href = f"{self.root}sources/{citation.source}.html#{quote_anchor(citation.source, citation.quote)}"
        note = Note(len(self.items) + 1, citation, self.sources[citation.source], href)
        self.items.append(note)
        self._numbers[key] = note.number
        return note


def grade(note: Note) -> str:
    """Admiralty grade as written in notes: reliability letter and credibility number, e.g. B2 (B– if none)."""
    return f"{note.source.reliability}{note.citation.credibility or '–'}"


@lru_cache(maxsize=8)
def environment(project_templates: Path | None) -> jinja2.Environment:
    """The Jinja environment: a project's templates/ shadow the defaults; autoescape; undefined is an error.

    Kept between builds (the live preview rebuilds often): Jinja recompiles a template only when its file changes.
    """
    search = [str(p) for p in (project_templates, DEFAULT_TEMPLATES) if p is not None and p.is_dir()]
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(search),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = markdown
    env.filters["md_inline"] = markdown_inline
    env.filters["human"] = lambda date: date.human() if date is not None else ""
    env.filters["plural"] = plural  # {{ n | plural("event") }}: "1 event", "2 events"
    env.globals.update(
        LIKELIHOOD=model.LIKELIHOOD,
        CONFIDENCE=model.CONFIDENCE,
        RELIABILITY=model.RELIABILITY,
        CREDIBILITY=model.CREDIBILITY,
        grade=grade,
        quote_anchor=quote_anchor,
    )
    return env


def highlight(text: str, citations: list[tuple[str, model.Citation]]) -> Markup:
    """The archived text as HTML paragraphs with every quoted passage marked and anchored.

    `citations` pairs each citation with a label of what cites it (shown as the mark's title).
    Overlapping passages merge into one mark that carries every anchor.
    """
    spans: list[tuple[int, int, str, str]] = []
    for label, citation in citations:
        found = quotes.find(text, citation.quote)
        if not found:
            continue
        anchor = quote_anchor(citation.source, citation.quote)
        for index, (start, end) in enumerate(found):
            spans.append((start, end, anchor if index == 0 else "", label))
    spans.sort()
    merged: list[tuple[int, int, list[str], list[str]]] = []
    for start, end, anchor, label in spans:
        if merged and start <= merged[-1][1]:
            last = merged[-1]
            merged[-1] = (last[0], max(last[1], end), last[2] + [anchor], last[3] + [label])
        else:
            merged.append((start, end, [anchor], [label]))
    paragraphs: list[str] = []
    for match in re.finditer(r"\S(?:.*?\S)?(?=\s*\n\s*\n|\s*$)", text, re.DOTALL):
        start, end = match.span()
        pieces: list[str] = []
        position = start
        for mark_start, mark_end, anchors, labels in merged:
            if mark_end <= start or mark_start >= end:
                continue
            lo, hi = max(mark_start, start), min(mark_end, end)
            pieces.append(str(escape(text[position:lo])))
            ids = sorted({a for a in anchors if a}) if lo == mark_start else []  # anchors on the first piece only
            lead = "".join(f'<span id="{a}" class="anchor"></span>' for a in ids[1:])
            first = f' id="{ids[0]}"' if ids else ""
            title = escape("; ".join(sorted(set(labels))))
            pieces.append(f'{lead}<mark{first} title="{title}">{escape(text[lo:hi])}</mark>')
            position = hi
        pieces.append(str(escape(text[position:end])))
        paragraphs.append("<p>" + "".join(pieces).replace("\n", "<br>\n") + "</p>")
    html = "\n".join(paragraphs)
    return Markup(html)  # noqa: S704 - every piece of text was escaped above


def render(env: jinja2.Environment, template: str, context: dict[str, Any]) -> str:
    return env.get_template(template).render(context)
