"""Markdown fields: nothing that would fetch or run when a page is viewed."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .. import model
from ..load import SINGULAR, Loaded
from ..problems import Problem
from .walk import items, key, problem

MARKDOWN_FIELDS = {
    "actors": ("summary",),
    "places": ("summary",),
    "events": ("summary",),
    "judgments": ("statement",),
    "scenarios": ("narrative",),
    "briefings": ("bluf", "narrative"),
}


_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]*)")


_LINK = re.compile(r"(?<!!)\[[^\]]*\]\(\s*<?([^)\s>]*)|<([a-z][a-z0-9+.-]*:[^>\s]*)>", re.IGNORECASE)


_EMBED = re.compile(
    r"<\s*(img|image|iframe|frame|object|embed|video|audio|source|track|link|script|style|svg|math|meta|base|form|input)\b",
    re.IGNORECASE,
)


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
    for name, item in items(project):
        origin = loaded.origins[key(name, item)]
        label = f"{SINGULAR[name]} '{key(name, item)[1]}'"
        for field in MARKDOWN_FIELDS.get(name, ()):
            value = getattr(item, field) or ""
            text = value if isinstance(value, str) else "\n\n".join(part.text for part in value)  # narrative parts
            for match in _IMAGE.finditer(text):
                what, hint = _image_problem(match.group(1))
                yield problem(origin, (field,), f"{label}: {field} has {what}", hint)
            for match in _EMBED.finditer(text):
                tag = match.group(1).lower()
                yield problem(
                    origin,
                    (field,),
                    f"{label}: {field} embeds a <{tag}> tag, which could run or fetch something",
                    "remove the tag: write plain Markdown",
                )
            for match in _LINK.finditer(text):
                target = (match.group(1) or match.group(2) or "").strip().lower()
                scheme = next((s for s in _BAD_SCHEMES if target.startswith(s)), None)
                if scheme:
                    yield problem(
                        origin,
                        (field,),
                        f"{label}: {field} links to a {scheme} address, which the site and PDF remove",
                        "link only to http, https or mailto addresses",
                        "warning",
                    )
