"""The check's entry point: the cycle collector paused while a project loads and checks, the same problems either way."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from sitrep import checking, load
from sitrep.check import check

from .conftest import ROOT


@pytest.mark.parametrize("which", ["shipped", "bench"])
def test_the_check_says_what_it_says_with_the_collector_on_throughout(which: str, bench_project: Path) -> None:
    project = ROOT if which == "shipped" else bench_project
    assert gc.isenabled()
    loaded = load.load_project(project)  # the plain way: the collector runs as usual
    plain = [problem.format() for problem in check(loaded)]
    paused_loaded, paused = checking.load_and_check(project)
    assert [problem.format() for problem in paused] == plain
    assert paused_loaded.project == loaded.project


def test_the_collector_is_back_on_after_a_check_and_stays_off_if_it_was_off() -> None:
    checking.load_and_check(ROOT)
    assert gc.isenabled()
    gc.disable()
    try:
        checking.load_and_check(ROOT)
        assert not gc.isenabled()
    finally:
        gc.enable()
