"""Problems found in a project: located at file, line and column, with a hint on how to fix them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class Problem:
    path: str  # relative to the project, with forward slashes
    line: int | None  # 1-based; None when the whole file is at fault
    col: int | None
    message: str
    hint: str
    severity: Literal["error", "warning"] = "error"

    def location(self) -> str:
        if self.line is None:
            return self.path
        return f"{self.path}:{self.line}:{self.col or 1}"

    def format(self) -> str:
        label = "warning: " if self.severity == "warning" else ""
        return f"{self.location()}: {label}{self.message}\n    fix: {self.hint}"

    def sort_key(self) -> tuple[str, int, int]:
        return (self.path, self.line or 0, self.col or 0)


class ProjectError(Exception):
    """Raised by the pipeline when a project has errors; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


def plural(n: int, word: str) -> str:
    """'1 error', '2 errors', '1,200 events'."""
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def summary(problems: list[Problem]) -> str:
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    files = len({p.path for p in problems})
    return f"{plural(errors, 'error')}, {plural(warnings, 'warning')} in {plural(files, 'file')}"
