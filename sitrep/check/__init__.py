"""Checks across files, each in its own module; `check` runs them all and sorts what they find."""

from __future__ import annotations

from ..load import Loaded
from ..problems import Problem
from . import briefings, citations, dates, estimative, markdown, narrative, outlook, references, usage, vocabulary

__all__ = ["check"]


def check(loaded: Loaded) -> list[Problem]:
    """Every problem in the project: the loader's, then each check's, sorted by file and line."""
    project = loaded.project
    found = list(loaded.problems)
    load_failed = any(p.severity == "error" for p in found)
    for run in (
        references.references,
        references.parent_cycles,
        citations.citations,
        dates.dates,
        estimative.estimative_language,
        estimative.judgment_changes,
        outlook.indicators,
        briefings.briefings,
        narrative.narrative_references,
        markdown.markdown_resources,
        vocabulary.open_vocabularies,
    ):
        found.extend(run(project, loaded))
    if not load_failed:  # items that failed to load would make usage counts wrong
        found.extend(usage.unused(project, loaded))
    return sorted(found, key=lambda p: (p.severity != "error", *p.sort_key()))
