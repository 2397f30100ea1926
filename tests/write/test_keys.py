"""Incremental builds, proved by what is rewritten: unchanged outputs keep their inode and mtime."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sitrep.cli import main
from sitrep.write.keys import MANIFEST

from ..conftest import MINI, edit


def stamps(site: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(site)): (p.stat().st_ino, p.stat().st_mtime_ns) for p in site.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("incremental")
    shutil.copytree(MINI, root / "project")
    assert main(["--project", str(root / "project"), "--quiet", "build"]) == 0
    return root


@pytest.fixture
def project(built: Path, tmp_path: Path) -> Path:
    """A copy of the built project; hard links are kept so reuse is visible as unchanged inodes."""
    target = tmp_path / "project"
    shutil.copytree(built / "project", target, copy_function=shutil.copy2)
    return target


def test_noop_rebuild_touches_nothing(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = project / "_site"
    before = stamps(site)
    assert main(["--project", str(project), "build"]) == 0
    assert "nothing changed: 31 pages and 3 PDFs up to date" in capsys.readouterr().out
    assert stamps(site) == before


def test_editing_a_late_event_leaves_earlier_editions_alone(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = project / "_site"
    before = stamps(site)
    # seen only by the end-of-April edition: it rests on a source published in April 2020
    edit(project / "content/events.yaml", "title: Kataib Hezbollah attacks", "title: Kataib Hezbollah rocket attacks")
    assert main(["--project", str(project), "build"]) == 0
    after = stamps(site)
    rewritten = {path for path in after if before.get(path) != after[path]}
    for untouched in ("briefings/ed1.pdf", "briefings/ed1.html", "briefings/ed1.json", "briefings/ed2.pdf", "briefings/ed2.html"):
        assert untouched not in rewritten, untouched
    for remade in (
        "briefings/ed3.pdf",
        "briefings/ed3.html",
        "briefings/ed3.json",
        "timeline.html",
        "actors/kataib-hezbollah.html",
    ):
        assert remade in rewritten, remade
    assert "actors/iran.html" not in rewritten  # does not take part in the edited event
    assert "Kataib Hezbollah rocket attacks" in (site / "briefings/ed3.html").read_text()
    assert "1 PDFs written, 2 reused" in capsys.readouterr().out


def test_template_change_remakes_pages(project: Path) -> None:
    templates = project / "templates"
    templates.mkdir()
    (templates / "index.html").write_text(
        '{% extends "base.html" %}{% block content %}<h1>Our own index</h1>{% endblock %}', encoding="utf-8"
    )
    assert main(["--project", str(project), "--quiet", "build"]) == 0
    assert "<h1>Our own index</h1>" in (project / "_site/index.html").read_text()


def test_damaged_manifest_costs_one_full_build(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = project / "_site"
    (site / MANIFEST).write_text("{damaged", encoding="utf-8")  # deleted outright, the folder is no longer sitrep's
    assert main(["--project", str(project), "build"]) == 0
    out = capsys.readouterr().out
    assert "0 pages written, 31 reused; 3 PDFs written, 0 reused" in out  # pages came out the same and were linked
    assert (site / MANIFEST).is_file()
    before = stamps(site)
    assert main(["--project", str(project), "--quiet", "build"]) == 0
    assert stamps(site) == before
