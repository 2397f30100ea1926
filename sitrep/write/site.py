"""Site writing: everything goes to a temporary folder that replaces the old site only when complete."""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from ..problems import Problem
from .keys import MANIFEST

# Folders of a project that hold its sources: an out folder may never be one of them or inside one.
PROJECT_FOLDERS = ("content", "briefings", "templates", "schema")


def refuse_out_folder(out: Path, project_dir: Path) -> Problem | None:
    """Why `out` may not be written, or None. A build replaces its out folder whole, so it must own it.

    Refused: the project folder or any folder holding it; a folder inside content/, briefings/,
    templates/ or schema/; the root and the home folder (and any folder holding the home folder);
    a path that is a file; an existing folder with files in it but no sitrep manifest.
    """
    target = out.expanduser().resolve()
    project = project_dir.resolve()
    home = Path.home().resolve()
    shown = str(out)
    fix = "pass --out a new folder, or one an earlier sitrep build made (the default is <project>/_site)"
    if target == Path(target.anchor) or target == home:
        what = "the root folder" if target == Path(target.anchor) else "the home folder"
        return Problem(shown, None, None, f"refused as out folder: it is {what}", fix)
    if project.is_relative_to(target):
        what = "the project folder" if target == project else "a folder that holds the project"
        return Problem(shown, None, None, f"refused as out folder: it is {what}, and a build replaces its out folder whole", fix)
    for name in PROJECT_FOLDERS:
        if target.is_relative_to(project / name):
            return Problem(shown, None, None, f"refused as out folder: it is inside the project's {name}/ folder", fix)
    if home.is_relative_to(target):
        return Problem(shown, None, None, "refused as out folder: it is a folder that holds the home folder", fix)
    if target.exists() and not target.is_dir():
        return Problem(shown, None, None, "refused as out folder: it is a file, not a folder", fix)
    if target.is_dir() and not (target / MANIFEST).is_file() and any(target.iterdir()):
        return Problem(
            shown,
            None,
            None,
            f"refused as out folder: it holds files but no {MANIFEST}, so it is not a site sitrep made",
            "pass --out a new or empty folder; sitrep replaces only a site it built itself",
        )
    return None


@contextlib.contextmanager
def build_lock(out: Path) -> Iterator[None]:
    """Serialise builds of the same output folder: a second build waits for the first."""
    out.parent.mkdir(parents=True, exist_ok=True)
    lock_path = out.parent / f".{out.name}.lock"
    with open(lock_path, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextlib.contextmanager
def staging(out: Path) -> Iterator[Path]:
    """A fresh folder beside `out` to write into; swapped in on success, removed on failure."""
    out.parent.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    try:
        yield stage
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    swap_in(stage, out)


def swap_in(stage: Path, out: Path) -> None:
    """Replace `out` with `stage` by renames, so a reader sees the old site or the new one, never half."""
    old = out.parent / f".{out.name}.old-{os.getpid()}"
    if out.exists():
        os.rename(out, old)
    os.rename(stage, out)
    shutil.rmtree(old, ignore_errors=True)
    for leftover in out.parent.glob(f".{out.name}.*-*"):  # stages and old copies of killed builds
        if leftover.is_dir():
            shutil.rmtree(leftover, ignore_errors=True)


class Staged:
    """A staging folder filled from the old site where keys match, and freshly elsewhere."""

    def __init__(self, old_site: Path, stage: Path, old_keys: dict[str, str], keys: dict[str, str], written: list[str]) -> None:
        self.old_site, self.stage = old_site, stage
        self.old_keys, self.keys = old_keys, keys
        self.new_keys: dict[str, str] = {}
        self.written = written

    def reuse(self, path: str) -> bool:
        """Link the old output in when its key is unchanged: the file is not rewritten, not even touched."""
        if self.keys.get(path) != self.old_keys.get(path):
            return False
        done = self.reuse_tree(path.rstrip("/")) if path.endswith("/") else _link(self.old_site / path, self.stage / path)
        if done:
            self.new_keys[path] = self.keys[path]
        return done

    def carry_over(self, path: str) -> bool:
        """Keep a stale output for now, under its old key, so the next full build remakes it."""
        if path not in self.old_keys or not _link(self.old_site / path, self.stage / path):
            return False
        self.new_keys[path] = self.old_keys[path]
        return True

    def reuse_tree(self, folder: str) -> bool:
        source = self.old_site / folder
        if not source.is_dir():
            return False
        for file in source.rglob("*"):
            if file.is_file() and not _link(file, self.stage / folder / file.relative_to(source)):
                return False
        return True

    def write_if_changed(self, path: str, text: str) -> bool:
        """Write freshly made text, or link the old file when the bytes came out the same. True if reused."""
        data = text.encode("utf-8")
        old = self.old_site / path
        self.new_keys[path] = self.keys[path]
        if old.is_file() and old.stat().st_size == len(data) and old.read_bytes() == data and _link(old, self.stage / path):
            return True
        self.write_bytes(path, data)
        return False

    def write_bytes(self, path: str, data: bytes) -> None:
        target = self.stage / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        self.new_keys[path] = self.keys[path]
        self.written.append(path)

    def write_manifest(self) -> None:
        from .keys import manifest_text

        self.new_keys.setdefault("assets/", self.keys["assets/"])
        (self.stage / MANIFEST).write_text(manifest_text(self.new_keys), encoding="utf-8")


def _link(source: Path, target: Path) -> bool:
    """Hard-link `source` to `target` (copy where links are impossible); False if there is no source."""
    if not source.is_file():
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)
    return True


def copy_assets(sources: list[Path], target: Path) -> None:
    """Copy asset folders in order; a later folder (the project's) shadows an earlier one (the defaults)."""
    for folder in sources:
        if folder.is_dir():
            shutil.copytree(folder, target, dirs_exist_ok=True)


def index_search(site: Path) -> None:
    """Build pagefind's offline search index inside the site."""
    done = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(site), "--silent"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"pagefind failed: {done.stderr.strip() or done.stdout.strip()}")
