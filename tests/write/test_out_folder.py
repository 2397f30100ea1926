"""The out folder guard: a build replaces its out folder whole, so it refuses any folder it does not own, touching nothing."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ..conftest import MINI, ROOT

FIX = "    fix: pass --out a new folder, or one an earlier sitrep build made (the default is <project>/_site)\n"


def snapshot(root: Path) -> dict[str, str]:
    """Every file and folder under `root`, with the bytes, mode and modification time of each: any change shows."""
    found: dict[str, str] = {}
    for path in sorted(root.rglob("*")):
        stat = path.lstat()
        rel = path.relative_to(root).as_posix()
        if path.is_symlink():
            found[rel] = f"link:{os.readlink(path)}"
        elif path.is_dir():
            found[rel] = f"dir:{stat.st_mode:o}:{stat.st_mtime_ns}"
        else:
            found[rel] = f"{stat.st_mode:o}:{stat.st_mtime_ns}:{hashlib.sha256(path.read_bytes()).hexdigest()}"
    return found


@pytest.fixture
def around(tmp_path: Path) -> Path:
    """A folder holding a home, a project with an unrelated file in each of its folders, and a stray file."""
    home = tmp_path / "home"
    project = home / "work" / "project"
    shutil.copytree(MINI, project)
    (project / "templates").mkdir(exist_ok=True)
    (project / "schema").mkdir(exist_ok=True)
    for folder in ("", "content", "briefings", "templates", "schema"):
        (project / folder / "notes.txt").write_text("the analyst's own notes\n", encoding="utf-8")
    (home / "report.docx").write_bytes(b"not a site")
    (home / "downloads").mkdir()
    (home / "downloads" / "article.html").write_text("<p>saved</p>", encoding="utf-8")
    return tmp_path


def sitrep(around: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HOME": str(around / "home")}
    project = around / "home" / "work" / "project"
    return subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "--project", str(project), *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=project,
        timeout=120,
        check=False,
    )


REFUSED = [
    ("home/work/project", "it is the project folder, and a build replaces its out folder whole"),
    ("home/work/project/.", "it is the project folder, and a build replaces its out folder whole"),
    ("home/work", "it is a folder that holds the project, and a build replaces its out folder whole"),
    ("home/work/project/content", "it is inside the project's content/ folder"),
    ("home/work/project/content/site", "it is inside the project's content/ folder"),
    ("home/work/project/briefings", "it is inside the project's briefings/ folder"),
    ("home/work/project/templates/out", "it is inside the project's templates/ folder"),
    ("home/work/project/schema", "it is inside the project's schema/ folder"),
    ("home", "it is the home folder"),
    ("home/report.docx", "it is a file, not a folder"),
]


@pytest.mark.parametrize(("out", "why"), REFUSED, ids=[case[0] for case in REFUSED])
@pytest.mark.parametrize("command", ["build", "serve"])
def test_refused_out_folder_is_not_touched(around: Path, out: str, why: str, command: str) -> None:
    before = snapshot(around)
    done = sitrep(around, "--out", str(around / out), command)
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr == f"error: {around / out}: refused as out folder: {why}\n{FIX}nothing written\n"
    assert snapshot(around) == before


def test_home_folder_is_refused(around: Path) -> None:
    """HOME outside the project: the home folder itself, and a folder holding it, are refused."""
    home = around / "elsewhere" / "me"
    home.mkdir(parents=True)
    (home / ".bashrc").write_text("export PS1='$ '\n", encoding="utf-8")
    before = snapshot(around)
    for out, what in ((home, "the home folder"), (home.parent, "a folder that holds the home folder")):
        done = subprocess.run(
            [sys.executable, str(ROOT / "build.py"), "--project", str(around / "home/work/project"), "--out", str(out)],
            capture_output=True,
            text=True,
            env={**os.environ, "HOME": str(home)},
            timeout=120,
            check=False,
        )
        assert done.returncode == 1
        assert done.stderr == f"error: {out}: refused as out folder: it is {what}\n{FIX}nothing written\n"
    assert snapshot(around) == before


def test_root_folder_is_refused(around: Path) -> None:
    top = sorted(os.listdir("/"))
    before = snapshot(around)
    done = sitrep(around, "--out", "/")
    assert done.returncode == 1
    assert done.stderr == f"error: /: refused as out folder: it is the root folder\n{FIX}nothing written\n"
    assert sorted(os.listdir("/")) == top
    assert snapshot(around) == before


def test_folder_with_files_but_no_manifest_is_refused(around: Path) -> None:
    before = snapshot(around)
    done = sitrep(around, "--out", str(around / "home/downloads"))
    assert done.returncode == 1
    assert done.stderr == (
        f"error: {around / 'home/downloads'}: refused as out folder: it holds files but no .sitrep-manifest.json, "
        "so it is not a site sitrep made\n"
        "    fix: pass --out a new or empty folder; sitrep replaces only a site it built itself\n"
        "nothing written\n"
    )
    assert snapshot(around) == before


def test_new_empty_and_earlier_site_folders_are_built(around: Path) -> None:
    (around / "home" / "empty").mkdir()
    for out in ("home/site", "home/empty", "home/site"):  # the third replaces the site the first made
        done = sitrep(around, "--quiet", "--out", str(around / out))
        assert done.returncode == 0, done.stderr
        assert (around / out / ".sitrep-manifest.json").is_file()
        assert (around / out / "index.html").is_file()
    assert (around / "home" / "report.docx").read_bytes() == b"not a site"
