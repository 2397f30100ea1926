"""Markdown fields: nothing that would fetch or run when a page is viewed."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .. import model
from ..load import Loaded, dotted
from ..problems import Problem
from . import walk
from .walk import items, key, problem

_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]*)")


_LINK = re.compile(r"(?<!!)\[[^\]]*\]\(\s*<?([^)\s>]*)|<([a-z][a-z0-9+.-]*:[^>\s]*)>", re.IGNORECASE)


# Tags that would fetch or embed something if a page showed them as HTML. Sitrep shows such tags as text, so none of
# them can fetch; they are refused all the same, as the contract says, since their writer meant to embed. Any other
# tag is shown as written (<script>) or kept as formatting (<b>, <em>).
_EMBED = re.compile(r"<\s*(img|image|iframe|frame|object|embed|video|audio|source|track|picture)\b", re.IGNORECASE)
# Code spans and fenced or indented blocks: what is in them is text, whatever it looks like.
CODE = re.compile(r"```.*?```|~~~.*?~~~|(`+)(?:(?!\1).)+?\1|^(?: {4}|\t).*$", re.DOTALL | re.MULTILINE)


_BAD_SCHEMES = ("javascript:", "vbscript:", "data:")


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


def markdown_resources(project: model.Project, loaded: Loaded) -> Iterator[Problem]:
    for kind, item in items(project):
        origin = loaded.origins[key(kind, item)]
        label = walk.label(kind, item)
        for loc, written in model.kinds.markdown(item):
            field = dotted(loc)
            text = CODE.sub(lambda code: " " * len(code.group(0)), written)
            for match in _IMAGE.finditer(text):
                what, hint = _image_problem(match.group(1))
                yield problem(origin, loc, f"{label}: {field} has {what}", hint)
            for match in _EMBED.finditer(text):
                tag = match.group(1).lower()
                yield problem(
                    origin,
                    loc,
                    f"{label}: {field} embeds {'an' if tag[0] in 'aeiou' else 'a'} <{tag}> tag, which would fetch something when the page is viewed",
                    f"remove the tag, or, to write it as text, put it in backticks: `<{tag}>`",
                )
            for match in _LINK.finditer(text):
                target = (match.group(1) or match.group(2) or "").strip().lower()
                scheme = next((s for s in _BAD_SCHEMES if target.startswith(s)), None)
                if scheme:
                    yield problem(
                        origin,
                        loc,
                        f"{label}: {field} links to a {scheme} address, which the site and PDF remove",
                        "link only to http, https or mailto addresses",
                        "warning",
                    )
