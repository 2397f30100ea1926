"""Citations: every quote is in its source's archived text, under the contract's matching rule."""

from __future__ import annotations

from collections.abc import Iterator

from .. import model, quotes
from ..load import Loaded, dotted
from ..problems import Problem
from .walk import items, key, label, problem


def citations(project: model.Project, loaded: Loaded) -> Iterator[Problem]:
    origins = loaded.origins
    for kind, item in items(project):
        origin = origins[key(kind, item)]
        for loc, citation in model.kinds.citations(item):
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
            if quotes.find(text, citation.quote) is not None:
                continue
            hint = quotes.explain_miss(text, citation.quote)
            yield problem(
                origin,
                (*loc, "quote"),
                f"{label(kind, item)}: quote not found in source '{citation.source}': \"{_clip(citation.quote)}\"",
                hint,
            )


def _clip(text: str, width: int = 80) -> str:
    text = " ".join(text.split())  # a message stays on one line
    return text if len(text) <= width else text[: width - 1] + "…"
