"""Citations: every quote is in its source's archived text, under the contract's matching rule."""

from __future__ import annotations

from collections.abc import Iterator

from .. import model, quotes
from ..load import Loaded, dotted
from ..problems import Problem
from .walk import items, key, label, problem


def citations(project: model.Project, loaded: Loaded, matches: quotes.Matches | None = None) -> Iterator[Problem]:
    """Each quote matched in its source's text, source by source (the problems are sorted by place afterwards).

    `matches` are the caller's, kept across checks (the live preview's); fresh by default, so each text is folded
    once for all its quotes either way.
    """
    matches = matches if matches is not None else quotes.Matches()
    origins = loaded.origins
    cited = [(kind, item, loc, citation) for kind, item in items(project) for loc, citation in model.kinds.citations(item)]
    cited.sort(key=lambda each: each[3].source)  # stable: a source's quotes stay in the order they are written
    for kind, item, loc, citation in cited:
        origin = origins[key(kind, item)]
        text = project.texts.get(citation.source)
        if text is None:
            continue  # a missing source is reported as a dangling reference
        if not quotes.fragments(citation.quote):
            yield problem(
                origin,
                (*loc, "quote"),
                f"{label(kind, item)}: '{dotted((*loc, 'quote'))}' has only '...', no words of the source",
                "copy the words of the passage from the archived text",
            )
            continue
        where = (*loc, "quote")
        for what, hint in quotes.length_problems(citation.quote):
            yield problem(origin, where, f"{label(kind, item)}: '{dotted(where)}' {what}: \"{_clip(citation.quote)}\"", hint)
        found = matches.match(text, citation.quote)
        if found is None:
            yield problem(
                origin,
                where,
                f"{label(kind, item)}: quote not found in source '{citation.source}': \"{_clip(citation.quote)}\"",
                quotes.explain_miss(text, citation.quote),
            )
            continue
        for what, hint in found.problems:
            yield problem(
                origin,
                where,
                f"{label(kind, item)}: quote in source '{citation.source}' {what}: \"{_clip(citation.quote)}\"",
                hint,
            )


def _clip(text: str, width: int = 80) -> str:
    text = " ".join(text.split())  # a message stays on one line
    return text if len(text) <= width else text[: width - 1] + "…"
