"""Rendering: Jinja templates (autoescaped, strict) to HTML, with sanitised Markdown and narratives that cite events."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
import markdown as markdown_lib
import nh3
from markupsafe import Markup, escape

from .. import model, quotes
from ..dates import compact
from ..narrative import replace_references
from .briefing import plain
from .citations import quote_anchor

DEFAULT_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"

# Markdown may format text and link out; nothing that runs, embeds or fetches.
_ALLOWED_TAGS = {"p", "em", "strong", "b", "i", "a", "ul", "ol", "li", "code", "blockquote", "br", "abbr", "sub", "sup"}
_ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}}
_URL_SCHEMES = {"http", "https", "mailto"}


@lru_cache(maxsize=8192)
def markdown(text: str) -> Markup:
    """Markdown to HTML, sanitised: scripts, styles, images, event handlers and javascript: links removed.

    Cached: the same summary appears on a briefing, the timeline, and its actors' and places' pages.
    """
    html = markdown_lib.markdown(text or "", extensions=[], output_format="html")
    clean = nh3.clean(
        html,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes=_URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )
    return Markup(clean)  # noqa: S704 - sanitised by nh3 just above


def markdown_inline(text: str) -> Markup:
    """Markdown for a single paragraph, without the <p> around it."""
    html = str(markdown(text)).strip()
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return Markup(html)  # noqa: S704 - already sanitised


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
    env.globals.update(
        LIKELIHOOD=model.LIKELIHOOD,
        CONFIDENCE=model.CONFIDENCE,
        RELIABILITY=model.RELIABILITY,
        CREDIBILITY=model.CREDIBILITY,
        quote_anchor=quote_anchor,
        compact_date=compact,
        narrate=narrate,
        plain=plain,
    )
    return env


def narrate(text: str, call: Any) -> Markup:
    """Narrative Markdown with each [[event-id]] run replaced by `call(ids)`, the template's citation call."""
    return replace_references(str(markdown(text)), call)


def highlight(text: str, citations: list[tuple[str, model.Citation]], numbered: dict[str, str] | None = None) -> Markup:
    """The archived text as HTML paragraphs with every quoted passage marked and anchored.

    `citations` pairs each citation with a label of what cites it (shown as the mark's title).
    Overlapping passages merge into one mark that carries every anchor. `numbered` maps a passage's
    anchor to its number: the number follows the mark and links to the passage's entry (`#p-<anchor>`).
    """
    numbered = numbered or {}
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
            with_numbers = sorted((a for a in ids if a in numbered), key=lambda a: (len(numbered[a]), numbered[a]))
            numbers = ", ".join(
                f'<a class="passage-no" href="#p-{a}" aria-label="passage {escape(numbered[a])}">{escape(numbered[a])}</a>'
                for a in with_numbers
            )
            numbers = f'<span class="passage-nos">{numbers}</span>' if numbers else ""
            pieces.append(f'{lead}<mark{first} title="{title}">{escape(text[lo:hi])}</mark>{numbers}')
            position = hi
        pieces.append(str(escape(text[position:end])))
        paragraphs.append("<p>" + "".join(pieces).replace("\n", "<br>\n") + "</p>")
    html = "\n".join(paragraphs)
    return Markup(html)  # noqa: S704 - every piece of text was escaped above


def render(env: jinja2.Environment, template: str, context: dict[str, Any]) -> str:
    return env.get_template(template).render(context)
