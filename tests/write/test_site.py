"""Nothing lost: a killed or failed build leaves the last good site whole; builds are serialised and repeatable."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from sitrep.cli import main
from sitrep.write.inputs import MANIFEST
from sitrep.write.keys import read_manifest

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


READER = """
import json, os, sys
site, stop = sys.argv[1], sys.argv[2]
looks = misses = 0
while not os.path.exists(stop):
    looks += 1
    try:
        with open(os.path.join(site, "index.html")) as page:
            assert page.read().startswith("build ")
        with open(os.path.join(site, ".sitrep-manifest.json")) as manifest:
            assert json.load(manifest)
    except (OSError, ValueError, AssertionError):
        misses += 1
print(looks, misses)
"""


def test_a_reader_sees_one_whole_site_at_every_instant(tmp_path: Path) -> None:
    """Hundreds of swaps while another process reads the site's files as fast as it can, as a web server would:
    every read finds a whole file of a whole site. (Two renames left the site missing for a moment on every swap.)"""
    from sitrep.write.site import build_lock, staging

    out = tmp_path / "_site"

    def swap_in(number: int) -> None:
        with build_lock(out), staging(out) as stage:
            (stage / "index.html").write_text(f"build {number}", encoding="utf-8")
            (stage / MANIFEST).write_text(f'{{"build {number}": "key"}}', encoding="utf-8")

    swap_in(0)
    stop = tmp_path / "stop"
    reader = subprocess.Popen([sys.executable, "-c", READER, str(out), str(stop)], stdout=subprocess.PIPE, text=True)
    time.sleep(0.3)  # the reader is up and reading
    for number in range(1, 400):
        swap_in(number)
    stop.touch()
    looks, misses = map(int, reader.communicate(timeout=30)[0].split())
    assert looks > 1000 and misses == 0, f"{misses} of {looks} reads found no whole site"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["_site", "stop"]


def test_a_build_waits_for_one_of_its_own_folder_and_not_for_one_beside_it(tmp_path: Path) -> None:
    """Builds into sibling folders (shards, a second copy) run together; two into the same folder take turns."""
    from sitrep.write.site import build_lock

    entered: list[str] = []

    def build(name: str) -> None:
        with build_lock(tmp_path / name):
            entered.append(name)

    with build_lock(tmp_path / "_site"):
        same, beside = (threading.Thread(target=build, args=(name,)) for name in ("_site", "_site-2"))
        same.start()
        beside.start()
        beside.join(timeout=10)
        time.sleep(0.3)  # six of the waiting build's polls
        assert entered == ["_site-2"]
    same.join(timeout=10)
    assert entered == ["_site-2", "_site"]
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # no lock file left anywhere


def test_next_build_sweeps_only_what_killed_builds_left(good: Path, tmp_path: Path) -> None:
    """Staging folders of killed builds (named by sitrep, holding its manifest, or empty) go; look-alikes stay;
    and no lock file is left beside the site."""
    project = tmp_path / "project"
    shutil.copytree(good, project)
    killed = project / "._site.sitrep-stage-4242-0a1b2c3d"
    shutil.copytree(project / "_site", killed)
    (project / "._site.sitrep-stage-4243-00000000").mkdir()  # killed right after creating it
    keep = {
        "._site.sitrep-stage-1-notours": "the analyst's file",  # the name alone proves nothing
        "._site.backup-2024": "an old copy kept on purpose",
        "._site.new-draft": "a draft",
    }
    for name, text in keep.items():
        (project / name).mkdir()
        (project / name / "notes.txt").write_text(text, encoding="utf-8")
    (project / "._site.sitrep-stage-link").symlink_to(project / "content")
    edit(project / "content/events.yaml", "title: Two Katyusha rockets hit Balad Airbase", "title: Rockets at Balad")
    assert main(["--project", str(project), "--quiet", "build"]) == 0
    consistent(project / "_site")
    for name, text in keep.items():
        assert (project / name / "notes.txt").read_text(encoding="utf-8") == text
    assert (project / "._site.sitrep-stage-link").is_symlink() and (project / "content/events.yaml").is_file()
    assert not killed.exists() and not (project / "._site.sitrep-stage-4243-00000000").exists()
    assert not (project / "._site.lock").exists()


def test_site_is_readable_by_other_users(tmp_path: Path) -> None:
    """A web server running as another user can serve the site: folders 0755 and files 0644 under umask 022."""
    out = tmp_path / "site"
    done = subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "--project", str(MINI), "--out", str(out), "--quiet", "build"],
        preexec_fn=lambda: os.umask(0o022),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert out.stat().st_mode & 0o777 == 0o755
    modes = {(p.stat().st_mode & 0o777) for p in out.rglob("*")}
    assert modes <= {0o755, 0o644}, sorted(f"{m:o}" for m in modes)


def _workers_of(pid: int) -> list[int]:
    """Processes whose parent is `pid` (the PDF pool's workers are forks of the build)."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry))
    return found


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_pdf_workers_die_with_a_killed_build(good: Path, tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(good, project)
    shutil.rmtree(project / "_site")
    build = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "--project", str(project), "--quiet", "build"])
    deadline = time.monotonic() + 60
    workers: list[int] = []
    while len(workers) < 2 and time.monotonic() < deadline and build.poll() is None:
        workers = _workers_of(build.pid)
        time.sleep(0.02)
    assert len(workers) >= 2, "the build rendered its PDFs without a pool"
    build.kill()
    build.wait(timeout=30)
    deadline = time.monotonic() + 5
    while any(_alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not [w for w in workers if _alive(w)], "PDF workers outlived the build"


def test_unwritable_parent_is_a_located_error_and_leaves_nothing(good: Path, tmp_path: Path) -> None:
    """The project folder made immutable (root ignores permission bits, not this): the build cannot stage or swap."""
    project = tmp_path / "project"
    shutil.copytree(good, project)
    edit(project / "content/events.yaml", "title: Two Katyusha rockets hit Balad Airbase", "title: Rockets at Balad")
    old = tree(project / "_site")
    before = sorted(p.name for p in project.iterdir())
    if subprocess.run(["chattr", "+i", str(project)], capture_output=True, check=False).returncode != 0:
        pytest.skip("chattr +i is not supported on this file system")
    try:
        done = subprocess.run(
            [sys.executable, str(ROOT / "build.py"), "--project", str(project), "build"],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
    finally:
        subprocess.run(["chattr", "-i", str(project)], check=True)
    assert done.returncode == 1
    site = project / "_site"
    assert done.stderr == (
        f"error: {site}: cannot write in {project}: Operation not permitted\n"
        f"    fix: make {project} writable and check the disk has room, or pass --out a folder you can write\n"
        f"nothing written: {site} is unchanged\n"
    )
    assert sorted(p.name for p in project.iterdir()) == before
    assert tree(site) == old
