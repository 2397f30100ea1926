"""Bounded work for any input: each attack of issue 9 runs the real CLI on a generated input of the size that hurt,
under a time and memory cap, and must end with a located error or a correct result, never a hang or a traceback."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

from .bounded import sitrep
from .conftest import MINI


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    shutil.copytree(MINI, project)
    return project


def test_19_mb_source_text_checks_in_a_small_multiple_of_its_size(mini: Path) -> None:
    """It took 953 MB to check: one Python int per character mapped folded text to original. Now a few breakpoints."""
    words = [
        "the",
        "militia",
        "fired",
        "rockets",
        "at",
        "base",
        "and",
        "officials",
        "said",
        "that",
        "forces",
        "were",
        "attacked",
        "near",
        "airport",
    ]
    rng = random.Random(9)
    text = mini / "content/sources/aw.txt"
    body = [text.read_text(encoding="utf-8")]
    size = 0
    while size < 19 * 1024 * 1024:
        sentence = " ".join(rng.choice(words) for _ in range(12)).capitalize() + ".  \n"
        body.append(sentence)
        size += len(sentence)
    text.write_text("".join(body), encoding="utf-8")
    baseline = sitrep(MINI, "check", seconds=20)
    done = sitrep(mini, "check", seconds=20)
    assert done.code == 0, done.err
    assert done.out.startswith("check passed: 3 sources")
    assert done.peak_mb < baseline.peak_mb + 6 * 19, f"{done.peak_mb:.0f} MB (baseline {baseline.peak_mb:.0f} MB)"
