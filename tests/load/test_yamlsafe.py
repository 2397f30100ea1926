"""The safe reader's shortcut: a file that cannot hide a character is not searched value by value, and reads the same."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.load import yamlsafe

from ..conftest import ROOT


def _built(text: str, may_hide: bool) -> Any:
    try:
        root = yaml.compose(text, Loader=yaml.CSafeLoader)  # noqa: S506 - composing nodes only
    except (yaml.YAMLError, RecursionError):
        return "not YAML"
    try:
        return yamlsafe._Builder(may_hide).build(root) if root is not None else None
    except yamlsafe.YamlProblem as problem:
        return (problem.line, problem.col, problem.message)


def _files() -> list[str]:
    bad = [yaml.safe_load(case.read_text(encoding="utf-8")) for case in sorted((ROOT / "tests" / "bad").glob("*/case.yaml"))]
    texts = [text for case in bad for text in (case.get("files") or {}).values() if isinstance(text, str)]
    shipped = [path.read_text(encoding="utf-8") for path in sorted(Path(ROOT / "content").rglob("*.yaml"))]
    return texts + shipped


def test_a_file_that_cannot_hide_reads_as_when_searched() -> None:
    files = _files()
    unsearched = [text for text in files if not yamlsafe.may_hide(text)]
    assert len(unsearched) > 20
    assert [text for text in unsearched if _built(text, False) != _built(text, True)] == []
    # every bad case with a hidden character is searched
    assert all(yamlsafe.may_hide(text) for text in files if "\u202e" in text or "\x1b" in text or "\\e" in text)


PIECES = st.sampled_from(
    ['"', "'", "\\", "\\e", "\\0", "\\u202e", "\\N", "\\x1b", "\u202e", "\r\n", "\n", "\n  ", "- ", "a: ", "word", " ", "#"]
)


@settings(max_examples=1000, deadline=None)
@given(st.lists(PIECES, max_size=24).map("".join))
def test_no_hidden_character_is_missed(text: str) -> None:
    if not yamlsafe.may_hide(text):
        assert _built(text, False) == _built(text, True), text
