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


def write_text(root: Path, relative: str, text: str) -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


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
