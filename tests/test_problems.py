"""Problems as printed: located, and never a raw control character or bidi override on the analyst's terminal."""

from __future__ import annotations

from pathlib import Path

from sitrep.problems import Problem, printable

from .conftest import Run


def test_format_escapes_what_a_terminal_would_obey() -> None:
    problem = Problem("content/ev\x1b]0;owned\x07.yaml", 3, 1, "title 'a\x1b[2J\u202eevil'", "hint\x00\x85")
    assert problem.format() == ("content/ev\\x1b]0;owned\\x07.yaml:3:1: title 'a\\x1b[2J\\u202eevil'\n    fix: hint\\x00\\x85")
    assert printable("Kataib Hezbollah – ‘Iraq’s’ فصائل") == "Kataib Hezbollah – ‘Iraq’s’ فصائل"


def test_a_file_name_with_escape_sequences_is_printed_escaped(project: Path, run: Run) -> None:
    (project / "content/sources/\x1b[2J\x1b[31mevil.yaml").write_text("title: x\n", encoding="utf-8")
    result = run("--project", str(project), "check")
    assert result.code == 1
    assert "\x1b" not in result.err
    assert "content/sources/\\x1b[2J\\x1b[31mevil.yaml: file name '\\x1b[2J\\x1b[31mevil' is not a valid source id" in result.err
