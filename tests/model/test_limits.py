"""The limits are said once, in the model, and docs/limits.md lists each with its value."""

from __future__ import annotations

from sitrep.model.limits import LIMITS

from ..conftest import ROOT


def test_docs_list_every_limit_with_its_value() -> None:
    docs = (ROOT / "docs/limits.md").read_text(encoding="utf-8")
    rows = [line for line in docs.splitlines() if line.startswith("| `MAX_")]
    assert len(rows) == len(LIMITS)
    for name, (value, what) in LIMITS.items():
        assert f"| `{name}` | {value:,} | {what} |" in docs, name
