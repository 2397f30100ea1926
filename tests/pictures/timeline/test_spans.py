"""Which events are key when a briefing names none: the judgments' basis, then the deadly."""

from __future__ import annotations

from sitrep import pictures

from ..helpers import event


def test_key_events_rule_prefers_the_judgments_basis_and_the_deadly() -> None:
    events = [
        event("quiet", "2020-01-01", "statement"),
        event("basis", "2020-01-02", "statement"),
        event("raid", "2020-01-03", "strike"),
    ]
    assert pictures.key_events(events, {"basis"}) == {"basis", "raid"}
