"""Markdown: parsed once by a linear CommonMark parser (markdown-it), sanitised by nh3, its structure bounded.

The check parses every Markdown field with the same parser the pages use, so nothing a page would render can hang
or crash a build: the parser has no quadratic paths, and nesting deeper than the model's limit is a located error.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Final, TypeVar

import nh3
from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

from ..model.limits import MAX_MARKDOWN_DEPTH

# Markdown may format text and link out; nothing that runs, embeds or fetches.
ALLOWED_TAGS = {"p", "em", "strong", "b", "i", "a", "ul", "ol", "li", "code", "blockquote", "br", "abbr", "sub", "sup"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}}
URL_SCHEMES = {"http", "https", "mailto"}
_CONTAINERS = frozenset({"bullet_list_open", "ordered_list_open", "blockquote_open"})
_CLOSERS = frozenset({"bullet_list_close", "ordered_list_close", "blockquote_close"})
_T = TypeVar("_T")


class _Parser(MarkdownIt):
    def validateLink(self, url: str) -> bool:  # noqa: N802 - markdown-it's name
        return True  # every link kept: the check reports javascript: and the like, nh3 strips them from pages


# The start of a tag that is not a formatting tag: shown as text, so an analyst writing about a web attack can write
# <script> and readers see it as written. Comments stay for nh3 to drop.
_OTHER_TAG = re.compile(r"<(?=/?([A-Za-z][A-Za-z0-9-]*))")


def tags_as_text(html: str) -> str:
    """Raw HTML with every tag but the formatting ones escaped."""
    return _OTHER_TAG.sub(lambda tag: "<" if tag.group(1).lower() in ALLOWED_TAGS else "&lt;", html)


def _inline_html_as_text(renderer: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
    return tags_as_text(tokens[idx].content)


def _block_html_as_text(renderer: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
    shown = tags_as_text(tokens[idx].content)
    return shown if shown.startswith("<") else f"<p>{shown.rstrip()}</p>\n"  # text now, so a paragraph


def _make_parser() -> MarkdownIt:
    """CommonMark with raw HTML shown as text but for formatting tags (nh3 then removes their attributes) and every
    link kept for the check to see; markdown-it stops nesting past its own bound, so even a 300-deep list parses in
    bounded depth."""
    md = _Parser("commonmark", {"maxNesting": 4 * MAX_MARKDOWN_DEPTH})
    md.add_render_rule("html_inline", _inline_html_as_text)
    md.add_render_rule("html_block", _block_html_as_text)
    return md


# Built once and never changed after: parsing and rendering read its rules, they do not alter them.
PARSER: Final = _make_parser()


@dataclass(frozen=True)
class Parsed:
    """What a Markdown text holds that the check looks at."""

    depth: int  # lists and block quotes inside one another
    elements: int  # formatted pieces: each emphasis, link, code span, list item, quote...
    images: tuple[str, ...]  # their targets
    links: tuple[str, ...]  # link targets
    html: tuple[str, ...]  # raw HTML written in the text


@dataclass
class Memo:
    """Markdown already parsed and rendered, kept by whoever handles many texts (a Jinja environment keeps one for its
    pages): the same summary appears on a briefing, the timeline, and its actors' and places' pages. The oldest go
    first past `kept`, so a preview that runs for hours stays small."""

    parsed: OrderedDict[str, Parsed] = field(default_factory=OrderedDict)
    html: OrderedDict[str, str] = field(default_factory=OrderedDict)
    kept: int = 8192


def _recall(memo: OrderedDict[str, _T], text: str, make: Callable[[str], _T], kept: int) -> _T:
    if text in memo:
        memo.move_to_end(text)
        return memo[text]
    made = memo[text] = make(text)
    if len(memo) > kept:
        memo.popitem(last=False)
    return made


def parse(text: str, memo: Memo | None = None) -> Parsed:
    """What the check looks at in a Markdown text: its nesting, its number of formatted pieces, images, links, HTML."""
    return _parse(text) if memo is None else _recall(memo.parsed, text, _parse, memo.kept)


def _parse(text: str) -> Parsed:
    depth = deepest = elements = 0
    images: list[str] = []
    links: list[str] = []
    html: list[str] = []
    for token in _flatten(PARSER.parse(text)):
        if token.nesting == 1 or token.type in ("code_inline", "image", "html_inline"):
            elements += 1
        if token.type in _CONTAINERS:
            depth += 1
            deepest = max(deepest, depth)
        elif token.type in _CLOSERS:
            depth -= 1
        elif token.type == "image":
            images.append(str(token.attrGet("src") or ""))
        elif token.type == "link_open":
            links.append(str(token.attrGet("href") or ""))
        elif token.type in ("html_inline", "html_block"):
            html.append(token.content)
    return Parsed(deepest, elements, tuple(images), tuple(links), tuple(html))


def _flatten(tokens: list[Token]) -> Iterator[Token]:
    for token in tokens:
        yield token
        if token.children:
            yield from _flatten(token.children)


def to_html(text: str, memo: Memo | None = None) -> str:
    """Markdown to HTML, sanitised: scripts, styles, images, event handlers and javascript: links removed; kept in
    `memo` when one is given."""
    return _to_html(text) if memo is None else _recall(memo.html, text, _to_html, memo.kept)


def _to_html(text: str) -> str:
    return nh3.clean(
        PARSER.render(text or ""),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    ).strip()
