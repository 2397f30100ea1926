"""Nothing lost: a killed or failed build leaves the last good site whole; builds are serialised and repeatable."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sitrep.cli import main
from sitrep.write.keys import MANIFEST, read_manifest

from ..conftest import MINI, ROOT, edit


def tree(site: Path) -> dict[str, str]:
    return {str(p.relative_to(site)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(site.rglob("*")) if p.is_file()}


def consistent(site: Path) -> None:
    """Every output the manifest names is there: the site is one build's, whole."""
    manifest = read_manifest(site)
    assert manifest, "manifest missing"
    for path in manifest:
        target = site / path.rstrip("/")
        assert target.exists(), path


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("safety")
    shutil.copytree(MINI, root / "project")
    assert main(["--project", str(root / "project"), "--quiet", "build"]) == 0
    return root / "project"


@pytest.mark.parametrize("after", [0.3, 1.0, 2.0, 4.0])
def test_sigkill_leaves_the_last_good_site_whole(good: Path, tmp_path: Path, after: float) -> None:
    project = tmp_path / "project"
    shutil.copytree(good, project)
    old = tree(project / "_site")
    edit(project / "content/events.yaml", "title: Two Katyusha rockets hit Balad Airbase", "title: Katyusha rockets hit Balad")
    build = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "--project", str(project), "--quiet", "build"])
    time.sleep(after)
    build.send_signal(signal.SIGKILL)
    build.wait(timeout=30)
    site = project / "_site"
    now = tree(site)
    consistent(site)
    if now != old:  # the build won the race: then it is the new site, whole
        assert "Katyusha rockets hit Balad" in (site / "timeline.html").read_text()
    # the next build finishes the job and sweeps away what the killed one left
    assert main(["--project", str(project), "--quiet", "build"]) == 0
    consistent(site)
    assert "Katyusha rockets hit Balad" in (site / "timeline.html").read_text()
    assert not [p.name for p in project.iterdir() if p.name.startswith("._site.") and p.is_dir()]


def test_failed_check_writes_nothing(good: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "project"
    shutil.copytree(good, project)
    old = tree(project / "_site")
    edit(project / "content/actors.yaml", "country: IR", "country: Iran")
    assert main(["--project", str(project), "build"]) == 1
    assert capsys.readouterr().err.endswith(f"nothing written: {project / '_site'} is unchanged\n")
    assert tree(project / "_site") == old


def test_two_builds_at_once_are_serialised(good: Path, tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(good, project)
    edit(project / "content/events.yaml", "title: Two Katyusha rockets hit Balad Airbase", "title: Rockets at Balad")
    command = [sys.executable, str(ROOT / "build.py"), "--project", str(project), "--quiet", "build"]
    first, second = subprocess.Popen(command), subprocess.Popen(command)
    assert first.wait(timeout=300) == 0 and second.wait(timeout=300) == 0
    consistent(project / "_site")
    assert "Rockets at Balad" in (project / "_site/timeline.html").read_text()


def test_content_files_are_never_rewritten(good: Path, tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(good, project)
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in project.rglob("*") if p.is_file() and "_site" not in p.parts}
    assert main(["--project", str(project), "--quiet", "build"]) == 0
    assert main(["--project", str(project), "--quiet", "check"]) == 0
    after = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in before}
    assert after == before


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    first, second = tmp_path / "one", tmp_path / "two"
    assert main(["--project", str(MINI), "--out", str(first), "--quiet", "build"]) == 0
    assert main(["--project", str(MINI), "--out", str(second), "--quiet", "build"]) == 0
    one, two = tree(first), tree(second)
    assert sorted(one) == sorted(two)
    different = [path for path in one if one[path] != two[path]]
    assert different == []
    assert MANIFEST in one and any(p.endswith(".pdf") for p in one) and any(p.startswith("pagefind/") for p in one)
    assert os.path.getsize(first / "index.html") > 0
