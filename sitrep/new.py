"""`sitrep new DIR`: a small, complete starter project, written whole or not at all, into a folder that is new or empty."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

from .resources import shipped

# Files the package cannot ship under their real names (dotfiles are left out of wheels by setuptools' globs).
RENAMED = {"gitignore": ".gitignore", "pre-commit-config.yaml": ".pre-commit-config.yaml"}


def refusal(target: Path) -> str | None:
    """Why `target` cannot receive a new project, if it cannot: only a new or empty folder can."""
    if target.is_symlink() or (target.exists() and not target.is_dir()):
        return f"error: {target} exists and is not a folder\n    fix: give the name of a new folder, e.g. sitrep new brief"
    if target.is_dir() and any(target.iterdir()):
        return f"error: {target} is not empty: sitrep new writes only into a new or empty folder\n    fix: give the name of a new folder, e.g. sitrep new brief"
    if not target.parent.is_dir():
        return f"error: {target.parent} does not exist\n    fix: create it first, or give a folder inside an existing one"
    return None


def write_starter(target: Path) -> None:
    """Copy the starter beside `target`, add its JSON Schema, then move it into place in one rename."""
    from . import schema

    stage = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".sitrep-new", dir=target.parent))
    try:
        shutil.copytree(shipped("starter"), stage, dirs_exist_ok=True, ignore=shutil.ignore_patterns("__pycache__"))
        for shipped_name, real_name in RENAMED.items():
            (stage / shipped_name).rename(stage / real_name)
        schema.write_project(stage)
        stage.chmod(0o777 & ~_umask())
        os.replace(stage, target)  # an empty folder is replaced whole; nothing half-written is ever seen
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def new_project(target: Path) -> int:
    """The `new` command: write the starter, check it, and say what to do next."""
    from . import pipeline

    refused = refusal(target)
    if refused is not None:
        print(refused, file=sys.stderr)
        return 1
    write_starter(target)
    loaded, problems = pipeline.load_and_check(target)
    if not pipeline.report(problems, strict=True):  # pragma: no cover - the tests check the starter with --strict
        return 1
    print(f"created {target}: a fictional starter project with {pipeline.counts(loaded.project)}")
    print("next:")
    print(f"  cd {target}")
    print("  sitrep build     # the site in _site/, one PDF per briefing in _site/briefings/")
    print("  sitrep serve     # a preview at http://127.0.0.1:8000/, rebuilt as you edit")
    return 0
