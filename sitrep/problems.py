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
        """The problem as printed to a terminal: every character that is not printable shown as an escape."""
        label = "warning: " if self.severity == "warning" else ""
        hint = "\n".join(printable(line) for line in self.hint.split("\n"))  # a hint may be a block to paste
        return f"{printable(self.location())}: {label}{printable(self.message)}\n    fix: {hint}"

    def sort_key(self) -> tuple[str, int, int]:
        return (self.path, self.line or 0, self.col or 0)


def printable(text: str) -> str:
    """Text safe to print to a terminal: a control character (an ESC sequence), a bidi override, any character that
    is not printable is written as its escape, e.g. \\x1b or \\u202e, so a value cannot drive the analyst's terminal."""
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() else char.encode("unicode_escape").decode("ascii") for char in text)


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
