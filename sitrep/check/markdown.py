"""Markdown fields: nothing that would fetch or run when a page is viewed."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .. import model
from ..load import Loaded, dotted
from ..model.limits import MAX_MARKDOWN_DEPTH, MAX_MARKDOWN_ELEMENTS
from ..problems import Problem
from ..render.markdown import Memo, parse
from . import walk
from .walk import items, key, problem

# Tags that would fetch or embed something if a page showed them as HTML. Sitrep shows such tags as text, so none of
# them can fetch; they are refused all the same, as the contract says, since their writer meant to embed. Any other
# tag is shown as written (<script>) or kept as formatting (<b>, <em>). Code spans and blocks are never raw HTML.
_EMBED = re.compile(r"<\s*(img|image|iframe|frame|object|embed|video|audio|source|track|picture|link)\b", re.IGNORECASE)


_BAD_SCHEMES = ("javascript:", "vbscript:", "data:")

# What a text needs before Markdown can nest it, link, show an image or raw HTML: a second line, a bracket, an angle
# bracket, a backtick or backslash, or a list marker first. Without any, it is one paragraph of text and emphasis.
_STRUCTURE = re.compile(r"[\n\r<>\[\]`\\]|^[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")


def plain_paragraph(text: str) -> bool:
    """True when `text` is one Markdown paragraph with no nesting, link, image or HTML, and too few emphasis marks
    to pass the limit on formatted pieces: nothing the check reports, so it need not be parsed."""
    return _STRUCTURE.search(text) is None and text.count("*") + text.count("_") < MAX_MARKDOWN_ELEMENTS


def _image_problem(target: str) -> tuple[str, str]:
    lowered = target.lower()
    if re.match(r"^[a-z][a-z0-9+.-]*://", lowered) and not lowered.startswith("file:"):
        return (
            f"an image from the network ({target}): nothing is fetched at build time",
            f"remove the image and link to it instead: [description]({target})",
        )
    if lowered.startswith(("file:", "/", "~", "\\")) or ".." in target.replace("\\", "/").split("/"):
        return f"an image outside the project ({target})", "remove it: content may not read files outside the project"
    return f"an image ({target}): images are not part of the content model", "remove it, and describe what it shows in words"


def markdown_resources(project: model.Project, loaded: Loaded, memo: Memo | None = None) -> Iterator[Problem]:
    """Each Markdown field parsed as the pages will render it (linear, bounded): its images, embeds, bad links and
    nesting, each located; `memo` keeps the parses (the live preview's, across checks)."""
    for kind, item in items(project):
        origin = loaded.origins[key(kind, item)]
        label = walk.label(kind, item)
        for loc, text in model.kinds.markdown(item):
            if plain_paragraph(text):
                continue
            field = dotted(loc)
            parsed = parse(text, memo)
            if parsed.depth > MAX_MARKDOWN_DEPTH:
                yield problem(
                    origin,
                    loc,
                    f"{label}: {field} nests lists or quotes more than {MAX_MARKDOWN_DEPTH} deep",
                    "flatten it: a briefing's prose needs a list inside a list at most",
                )
            if parsed.elements > MAX_MARKDOWN_ELEMENTS:
                yield problem(
                    origin,
                    loc,
                    f"{label}: {field} has {parsed.elements:,} formatted pieces (emphasis, links, code...), over the limit of {MAX_MARKDOWN_ELEMENTS:,}",
                    "write it as plain prose: a few emphases and links are plenty (docs/limits.md)",
                )
            for target in parsed.images:
                what, hint = _image_problem(target)
                yield problem(origin, loc, f"{label}: {field} has {what}", hint)
            for fragment in parsed.html:
                for match in _EMBED.finditer(fragment):
                    tag = match.group(1).lower()
                    yield problem(
                        origin,
                        loc,
                        f"{label}: {field} embeds {'an' if tag[0] in 'aeiou' else 'a'} <{tag}> tag, which would fetch something when the page is viewed",
                        f"remove the tag, or, to write it as text, put it in backticks: `<{tag}>`",
                    )
            for target in parsed.links:
                scheme = next((s for s in _BAD_SCHEMES if target.strip().lower().startswith(s)), None)
                if scheme:
                    yield problem(
                        origin,
                        loc,
                        f"{label}: {field} links to a {scheme} address, which the site and PDF remove",
                        "link only to http, https or mailto addresses",
                        "warning",
                    )
