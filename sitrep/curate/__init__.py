"""Curation helpers: archive an article (add_source), find exact quotes (finder), propose facts (suggest)."""

from __future__ import annotations

from ..problems import Problem


class CurateError(Exception):
    """A curation command refused its input; carries every problem found. Nothing was written."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems
