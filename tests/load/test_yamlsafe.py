"""The safe reader: its shortcuts (no search where nothing can hide, a quicker resolver, the tree composed again only to locate) read the same."""

from __future__ import annotations

from collections.abc import Iterator
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


def _tree(node: yaml.Node | None, seen: dict[int, int] | None = None) -> Any:
    """A node tree as plain data: each node's kind, tag, value and where it starts and ends; a node met again (an
    alias) as the number it was first met as, so an alias bomb stays small."""
    if node is None:
        return None
    seen = {} if seen is None else seen
    if id(node) in seen:
        return ("again", seen[id(node)])
    seen[id(node)] = len(seen)
    marks = (node.start_mark.index, node.start_mark.line, node.start_mark.column, node.end_mark.index)
    if isinstance(node, yaml.ScalarNode):
        return ("scalar", node.tag, node.value, marks)
    if isinstance(node, yaml.SequenceNode):
        return ("seq", node.tag, [_tree(child, seen) for child in node.value], marks)
    return ("map", node.tag, [(_tree(key, seen), _tree(value, seen)) for key, value in node.value], marks)


def _composed(text: str, loader: Any) -> Any:
    try:
        return _tree(yaml.compose(text, Loader=loader))  # noqa: S506 - composing nodes only
    except (yaml.YAMLError, RecursionError) as error:
        return ("not YAML", str(error))


def test_the_quicker_resolver_composes_the_trees_the_safe_loader_does() -> None:
    files = _files()
    assert [text for text in files if _composed(text, yamlsafe._Loader) != _composed(text, yaml.CSafeLoader)] == []


SCALARS = st.sampled_from(
    ["", "~", "null", "NULL", "yes", "No", "on", "OFF", "true", "y", "0x1f", "0o7", "017", "1_000", "1:30", "1.5", ".inf",
     "-.Inf", ".nan", "1e3", "2020-01-01", "2020-1-1 10:00", "2020-01-01T10:00:00Z", "<<", "=", "-", ".", "+", "0b101",
     "190:20:30.15", "text", "N", "e"]
)  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.one_of(SCALARS, st.text(alphabet="0123456789-+.:_ eEoOxXbnNyYtT~<=", max_size=10)), st.booleans(), st.booleans())
def test_the_quicker_resolver_tags_a_scalar_as_the_safe_loader_does(value: str, plain: bool, quoted: bool) -> None:
    safe, quick = yaml.SafeLoader(""), yamlsafe._Loader("")
    implicit = (plain, quoted)
    assert quick.resolve(yaml.ScalarNode, value, implicit) == safe.resolve(yaml.ScalarNode, value, implicit)  # type: ignore[no-untyped-call]


def _locs(data: Any, loc: tuple[str | int, ...] = ()) -> Iterator[tuple[str | int, ...]]:
    yield loc
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _locs(value, (*loc, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _locs(value, (*loc, index))


def _mark_at(root: yaml.Node, loc: tuple[str | int, ...]) -> tuple[int, int]:
    node = root
    for part in loc:
        node = node.value[part] if isinstance(part, int) else next(v for k, v in node.value if k.value == part)
    return node.start_mark.line + 1, node.start_mark.column + 1


def test_a_document_locates_each_value_where_the_parse_composed_it() -> None:
    """The tree is composed again when a value is first located: each value is found where the parse found it."""
    located = 0
    for text in _files():
        document, _ = yamlsafe.parse("file.yaml", text)
        if document is None or document.data is None:
            continue
        composed = yaml.compose(text, Loader=yaml.CSafeLoader)  # noqa: S506 - composing nodes only
        assert composed is not None
        for loc in _locs(document.data):
            assert document.locate(loc) == _mark_at(composed, loc), loc
            located += 1
    assert located > 1000
