"""Texts to prove a faster check says what the old way said: the shipped content, a bench project, the bad corpus."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from sitrep.load import yamlsafe

from ..conftest import ROOT

BAD = ROOT / "tests" / "bad"


def _strings(data: Any) -> Iterator[str]:
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(key)
            yield from _strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from _strings(value)


def _yaml_strings(text: str) -> Iterator[str]:
    """The strings of a YAML file, read as sitrep reads it (bounded: a bad case may be an alias bomb)."""
    document, _ = yamlsafe.parse("case", text)
    if document is not None:  # a bad case's broken file: its text is still tried whole
        yield from _strings(document.data)


@pytest.fixture(scope="session")
def written_texts(bench_project: Path) -> list[str]:
    """Every string written in the shipped project, a bench project and the bad corpus's cases (each case file's
    strings, and each broken file's whole text), once each."""
    found: dict[str, None] = {}
    for project in (ROOT, bench_project):
        for path in [*sorted((project / "content").rglob("*.yaml")), *sorted((project / "briefings").glob("*.yaml"))]:
            found.update(dict.fromkeys(_yaml_strings(path.read_text(encoding="utf-8"))))
    for case in sorted(BAD.glob("*/case.yaml")):
        data = yaml.safe_load(case.read_text(encoding="utf-8"))
        for text in (data.get("files") or {}).values():
            if isinstance(text, str):
                found[text] = None
                found.update(dict.fromkeys(_yaml_strings(text)))
    return list(found)
