"""Narrative prose: the [[event-id]] references that make its sentences carry their events' citations.

`[[2020-01-03-soleimani-killed]]` after a claim cites that event; `[[a, b]]` or `[[a]] [[b]]` cite
both in one call. The check (check/narrative.py) and the rendering (render/html.py) read references
with the same functions, so what is checked is what is shown.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from markupsafe import Markup

from .model.fields import ID_PATTERN

_TOKEN = re.compile(r"\[\[([^\[\]\n]*)\]\]")
_RUN = re.compile(r"\[\[[^\[\]\n]*\]\](?:[ \t]*\[\[[^\[\]\n]*\]\])*")
_ID = re.compile(ID_PATTERN)


@dataclass(frozen=True)
class Reference:
    """One [[...]] token as written: its text, the ids it names, and which occurrence of that text it is."""

    token: str
    ids: tuple[str, ...]
    occurrence: int  # the n-th time this exact token appears in the text (for locating it)

    @property
    def malformed(self) -> bool:
        return not self.ids or any(not _ID.match(item) for item in self.ids)


def _ids(inner: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in re.split(r"[,;]", inner) if part.strip())


def references(text: str) -> Iterator[Reference]:
    """Every [[...]] token in `text`, in order."""
    seen: dict[str, int] = {}
    for match in _TOKEN.finditer(text or ""):
        token = match.group(0)
        yield Reference(token, _ids(match.group(1)), seen.get(token, 0))
        seen[token] = seen.get(token, 0) + 1


def referenced_ids(text: str) -> list[str]:
    """The event ids `text` references, in order, each once."""
    found: dict[str, None] = {}
    for reference in references(text):
        if not reference.malformed:
            found.update(dict.fromkeys(reference.ids))
    return list(found)


def replace_references(html: str, call: Callable[[list[str]], str]) -> Markup:
    """`html` (sanitised Markdown) with each run of adjacent references replaced by one call."""

    def one_call(match: re.Match[str]) -> str:
        ids: dict[str, None] = {}
        for token in _TOKEN.finditer(match.group(0)):
            ids.update(dict.fromkeys(_ids(token.group(1))))
        return str(call(list(ids)))

    return Markup(_RUN.sub(one_call, html))  # noqa: S704 - the html is sanitised and the call is markup
