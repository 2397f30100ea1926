"""Walking a project for the checks: every item with its key, every citation, and located problems."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .. import model
from ..load import Origin
from ..problems import Problem


def problem(origin: Origin, loc: tuple[str | int, ...], message: str, hint: str, severity: str = "error") -> Problem:
    path, line, col = origin.at(*loc)
    return Problem(path, line, col, message, hint, severity)  # type: ignore[arg-type]


def items(project: model.Project) -> Iterator[tuple[str, Any]]:
    for name in ("sources", *model.COLLECTIONS, "briefings"):
        for item in getattr(project, name).values():
            yield name, item


def key(name: str, item: Any) -> tuple[str, str]:
    return (name, item.slug if name == "briefings" else item.id)


def citations_of(item: Any) -> Iterator[tuple[tuple[str | int, ...], model.Citation]]:
    """Every citation an item carries, on itself and on its parts (roles, relations, status...)."""
    for i, citation in enumerate(getattr(item, "cite", [])):
        yield ("cite", i), citation
    for part_field in ("roles", "relations", "designations", "status"):
        for j, part in enumerate(getattr(item, part_field, []) or []):
            if isinstance(part, model.Strict):
                for i, citation in enumerate(getattr(part, "cite", [])):
                    yield (part_field, j, "cite", i), citation


def article(word: str) -> str:
    return f"an {word}" if word[0] in "aeiou" else f"a {word}"
