"""Fixture chain: a known-good mini project copied per test, which a test then breaks in one place."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from sitrep.cli import main

from .browser import browser  # noqa: F401 - one Chromium for the whole session, shared by every test file

ROOT = Path(__file__).resolve().parent.parent
MINI = Path(__file__).resolve().parent / "fixtures" / "mini"
SULU = Path(__file__).resolve().parent / "fixtures" / "sulu"  # a project set elsewhere, not written for the pictures
ARTICLES = Path(__file__).resolve().parent / "fixtures" / "articles"  # saved pages and texts for add-source and suggest


def pdf_text(pdf: Path, *, layout: bool = False, last_page: int | None = None) -> str:
    """What pdftotext reads from a PDF: the text a reader sees (`layout` keeps its columns), up to `last_page`."""
    args = ["pdftotext", *(["-layout"] if layout else []), *(["-l", str(last_page)] if last_page else []), str(pdf), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def build_fixture(project: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fixture project built once into a fresh out folder: its site."""
    out = tmp_path_factory.mktemp(project.name) / "_site"
    assert main(["--project", str(project), "--out", str(out), "--quiet", "build"]) == 0
    return out


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def project(tmp_path: Path) -> Path:
    target = tmp_path / "project"
    shutil.copytree(MINI, target)
    return target


Run = Callable[..., Result]  # the `run` fixture: the real CLI in-process, with what it printed


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Run:
    """Run the real CLI in-process and capture what it prints."""

    def _run(*args: str) -> Result:
        code = main(list(args))
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return _run


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="session")
def bench_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated 400-event project, as bench/generate.py writes them."""
    project = tmp_path_factory.mktemp("bench") / "project"
    generator = ROOT / "bench" / "generate.py"
    subprocess.run([sys.executable, str(generator), str(project), "--events", "400"], check=True, capture_output=True)
    return project
