"""Site writing: everything goes to a temporary folder that replaces the old site only when complete."""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import glob
import hashlib
import os
import secrets
import shutil
import socket
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from ..problems import Problem
from ..render.templates import Folder, files_in
from .inputs import MANIFEST

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


class SiteWriteError(Exception):
    """The site could not be written (a read-only or full disk, a missing permission): the old site is left whole."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


STAGE_MARK = ".sitrep-stage-"  # staging folders are named .<out>.sitrep-stage-<pid>-<random>, beside the out folder
RENAME_NOREPLACE, RENAME_EXCHANGE = 1, 2
_AT_FDCWD = -100


@contextlib.contextmanager
def build_lock(out: Path) -> Iterator[None]:
    """Serialise builds of the same output folder: a second build waits for the first, while a build of another
    folder, even one beside it (a shard's, a print copy's), goes on at once.

    On Linux the lock is a name in the abstract socket namespace made from the folder's path, held by a bound socket
    that goes when the process ends however it ends, so no lock file is left anywhere. Elsewhere it is a flock on the
    parent folder itself, which also holds up the builds of the folders beside it.
    """
    out = out.expanduser().resolve()
    linux = sys.platform == "linux"
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        handle = -1 if linux else os.open(out.parent, os.O_RDONLY | os.O_DIRECTORY)
    except OSError as error:
        raise _write_error(out, error) from None
    if linux:
        with _named_lock(b"\0sitrep-build-" + hashlib.sha256(os.fsencode(out)).hexdigest()[:40].encode()):
            yield
        return
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)  # closing releases the lock


@contextlib.contextmanager
def _named_lock(name: bytes, poll_seconds: float = 0.05) -> Iterator[None]:
    """Hold `name` (abstract socket namespace) for the block, waiting while another process or thread holds it."""
    holder = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        while True:
            try:
                holder.bind(name)
                break
            except OSError as error:
                if error.errno != errno.EADDRINUSE:
                    raise
                time.sleep(poll_seconds)
        yield
    finally:
        holder.close()


@contextlib.contextmanager
def staging(out: Path) -> Iterator[Path]:
    """A fresh folder beside `out` to write into, exchanged with `out` in one step on success; removed on failure.

    Call it holding `build_lock(out)`: staging folders left by killed builds are swept first. Any OS error (a
    read-only parent, a full disk) becomes a SiteWriteError that names the folder, and leaves no staging folder.
    """
    out = out.expanduser().resolve()  # a link to the site's real home: the new site lands there
    remove_leftovers(out)
    stage = out.parent / f".{out.name}{STAGE_MARK}{os.getpid()}-{secrets.token_hex(4)}"
    try:
        os.mkdir(stage, 0o777)  # the umask applies, as for any folder: typically 0755, readable by a web server
    except OSError as error:
        raise _write_error(out, error) from None
    try:
        (stage / MANIFEST).write_text("{}\n", encoding="utf-8")  # marks the folder as sitrep's from its first instant
        yield stage
        exchange(stage, out)
    except OSError as error:
        remove_site_tree(stage)
        raise _write_error(out, error, stage) from None
    except BaseException:
        remove_site_tree(stage)
        raise
    remove_site_tree(stage)  # after the exchange it holds the old site


def replace_file(path: Path, text: str) -> None:
    """Put `text` at `path` in one step (written beside it, then renamed over it): a reader sees the old or the new.

    Call it holding `build_lock` of the folder. For a file no output is made from (the inputs record).
    """
    temporary = path.with_name(f".{path.name}{STAGE_MARK}{os.getpid()}-{secrets.token_hex(4)}")
    try:
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise _write_error(path, error) from None


def _write_error(out: Path, error: OSError, stage: Path | None = None) -> SiteWriteError:
    """The located message for an OS error while writing: which file or folder, and what the system said."""
    reason = error.strerror or str(error)
    filename = Path(os.fsdecode(error.filename)) if error.filename else None
    if stage is None:
        what = f"cannot write in {out.parent}"
    elif filename is not None and filename.is_relative_to(stage) and filename != stage:
        what = f"cannot write {filename.relative_to(stage).as_posix()}"
    else:
        what = "cannot swap the new site in"
    return SiteWriteError(
        Problem(
            str(out),
            None,
            None,
            f"{what}: {reason}",
            f"make {out.parent} writable and check the disk has room, or pass --out a folder you can write",
        )
    )


def exchange(stage: Path, out: Path) -> None:
    """Put `stage` at `out` in one step: renameat2(RENAME_EXCHANGE) swaps the two names atomically, so a reader
    sees the whole old site or the whole new one at every instant; the old one is then at `stage`."""
    if out.is_dir() and not out.is_symlink():
        _renameat2(stage, out, RENAME_EXCHANGE)
    else:
        _renameat2(stage, out, RENAME_NOREPLACE)  # the first build: nothing to exchange with, nothing to clobber


def _renameat2(source: Path, target: Path, flags: int) -> None:
    libc = ctypes.CDLL(None, use_errno=True)
    if not hasattr(libc, "renameat2"):  # pragma: no cover - glibc has had it since 2.28
        raise OSError(errno.ENOSYS, "this system cannot exchange two folders atomically (no renameat2)", str(target))
    if libc.renameat2(_AT_FDCWD, os.fsencode(source), _AT_FDCWD, os.fsencode(target), ctypes.c_uint(flags)) != 0:
        code = ctypes.get_errno()
        raise OSError(code, os.strerror(code), str(target))


def remove_leftovers(out: Path) -> None:
    """Remove staging folders that killed builds of `out` left beside it: only folders named as sitrep names them
    that hold a sitrep manifest (or nothing at all), never a link, never anything else."""
    if not out.parent.is_dir():
        return
    for leftover in out.parent.glob(f".{glob.escape(out.name)}{STAGE_MARK}*"):
        if leftover.is_symlink() or not leftover.is_dir():
            continue
        if (leftover / MANIFEST).is_file() or not any(leftover.iterdir()):
            remove_site_tree(leftover)


def remove_site_tree(folder: Path) -> None:
    """Delete a site folder, its manifest last, so a kill midway leaves a folder still provably sitrep's."""
    if folder.is_symlink() or not folder.is_dir():
        return
    for parent, dirs, files in os.walk(folder, topdown=False):  # links are removed, never followed
        for name in files:
            if not (parent == str(folder) and name == MANIFEST):
                os.unlink(os.path.join(parent, name))
        for name in dirs:
            path = os.path.join(parent, name)
            if os.path.islink(path):
                os.unlink(path)
            else:
                os.rmdir(path)
    with contextlib.suppress(FileNotFoundError):
        os.unlink(folder / MANIFEST)
    os.rmdir(folder)


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
        """Keep a stale output (a file, or a folder named with a trailing /) for now, under its old key, so the
        next full build remakes it."""
        if path not in self.old_keys:
            return False
        kept = self.reuse_tree(path.rstrip("/")) if path.endswith("/") else _link(self.old_site / path, self.stage / path)
        if not kept:
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

    def made(self, path: str) -> None:
        """Record an output made in the stage by another tool (the search index) under its new key."""
        self.new_keys[path] = self.keys[path]

    def write_text(self, path: str, text: str) -> bool:
        """Put freshly made text in the stage; return `unchanged`: True when its bytes equal the old file's, which
        is then linked in (its inode and time kept) instead of written."""
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


def copy_assets(folders: list[Folder], target: Path) -> None:
    """Copy asset folders in order, a later folder (the project's) shadowing an earlier one (the defaults).

    Only real files inside each folder are copied: a link out of it, or anything not a regular file, is refused
    (TemplateProblem), so no file from elsewhere on the machine can land in the site.
    """
    for folder in folders:
        if not folder.path.is_dir():
            continue
        for relative, real in files_in(folder):
            destination = target / relative
            destination.parent.mkdir(parents=True, exist_ok=True)
            destination.unlink(missing_ok=True)  # a default the project shadows
            shutil.copyfile(real, destination)
