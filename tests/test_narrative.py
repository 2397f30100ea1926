"""Narrative references: reading [[event-id]] tokens, and replacing each run of them with one call."""

from __future__ import annotations

from sitrep.narrative import referenced_ids, references, replace_references


def test_references_are_read_in_order_with_their_occurrence() -> None:
    text = "A [[a-b]] and [[c-d, e-f]]; again [[a-b]]. Bad: [[Not An Id]] and [[]]."
    found = list(references(text))
    assert [(r.token, r.ids, r.occurrence, r.malformed) for r in found] == [
        ("[[a-b]]", ("a-b",), 0, False),
        ("[[c-d, e-f]]", ("c-d", "e-f"), 0, False),
        ("[[a-b]]", ("a-b",), 1, False),
        ("[[Not An Id]]", ("Not An Id",), 0, True),
        ("[[]]", (), 0, True),
    ]
    assert referenced_ids(text) == ["a-b", "c-d", "e-f"]


def test_a_run_of_adjacent_references_becomes_one_call() -> None:
    calls: list[list[str]] = []

    def call(ids: list[str]) -> str:
        calls.append(ids)
        return f"<sup>{'+'.join(ids)}</sup>"

    html = "<p>One [[a]] [[b]][[a]], two [[c; d]].</p>"
    assert str(replace_references(html, call)) == "<p>One <sup>a+b</sup>, two <sup>c+d</sup>.</p>"
    assert calls == [["a", "b"], ["c", "d"]]


def test_a_reference_never_spans_lines() -> None:
    assert list(references("[[a\nb]]")) == []
