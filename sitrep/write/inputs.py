"""A build's inputs, hashed: a rebuild whose inputs are as its last clean build read them loads and writes nothing."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from ..problems import plural

# Only the standard library (and PyYAML, for the logo's name) is imported here: this module decides, before the
# model, the checks and the renderers are imported (0.5 s), that a rebuild has nothing to do.

MANIFEST = ".sitrep-manifest.json"  # in every out folder: the key of each output it holds
RECORD = ".sitrep-inputs.json"  # in an out folder a clean build wrote: what it was built from
PACKAGE = Path(__file__).resolve().parent.parent
WHOLE = "1/1"  # the slice a whole site is (shards.WHOLE's label)
PROJECT_INPUTS = ("sitrep.yaml", "content", "briefings", "templates")  # all a build reads, with the logo


def digest(*parts: str | bytes) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode() if isinstance(part, str) else part)
        h.update(b"\0")
    return h.hexdigest()[:32]


def files_digest(paths: Iterable[Path], root: Path | None = None) -> str:
    """Hash of files' names (relative to `root`, so a moved project keeps its keys) and bytes, in a stable order.

    A folder stands for every file under it, named relative to the folder itself.
    """
    h = hashlib.sha256()
    for path in sorted(paths):
        if path.is_dir():
            h.update(files_digest((p for p in path.rglob("*") if p.is_file()), path).encode())
        elif path.is_file():
            name = path.relative_to(root) if root is not None and path.is_relative_to(root) else Path(path.name)
            h.update(name.as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()[:32]


def read_code_version() -> str:
    """The sitrep code on disk (its modules and the data they draw with) and the renderer's version, read now."""
    from importlib.metadata import version

    files = sorted(PACKAGE.rglob("*.py")) + sorted(p for p in (PACKAGE / "data").iterdir() if p.is_file())
    return digest(version("weasyprint"), *(f.read_bytes() for f in files))


# The code this process runs, read as it is imported (a string: nothing here changes afterwards).
CODE_VERSION: Final = read_code_version()


def inputs_digest(project_dir: Path, pdf_variant: str, formats: Iterable[str]) -> str | None:
    """Everything a build's outputs are made from: the project's files, its logo, the code, the default templates and
    the options. More than the outputs' keys hash (a file no output shows counts too), so equal means unchanged.

    None for a project with a link to a folder among its inputs (the walk does not follow it, the loader may): such a
    project is always built.
    """
    root = project_dir.resolve()
    named = [root / name for name in PROJECT_INPUTS]
    found = [*named, *(p for path in named if path.is_dir() and not path.is_symlink() for p in path.rglob("*"))]
    if any(p.is_symlink() and p.is_dir() for p in found):
        return None
    logo = _logo(root)
    return digest(
        CODE_VERSION,
        files_digest([PACKAGE / "templates"]),
        files_digest([p for p in found if p.is_file()], root),  # walked once: the links above, the bytes here
        logo.as_posix() if logo else "",
        logo.read_bytes() if logo else b"",
        pdf_variant,
        *sorted(formats),
    )


def _logo(root: Path) -> Path | None:
    """The logo sitrep.yaml names, if it is a file (the check refuses one outside the project)."""
    import yaml

    try:
        config = yaml.safe_load((root / "sitrep.yaml").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None  # no settings, or settings the check refuses: no record is written for them
    logo = config.get("logo") if isinstance(config, dict) else None
    path = (root / logo).resolve() if isinstance(logo, str) else None
    return path if path is not None and path.is_file() else None


@dataclass(frozen=True)
class Record:
    """What a clean build of an out folder was made from, and what it holds."""

    inputs: str  # inputs_digest
    shard: str  # the slice built, "1/1" for a whole site (a merge writes the whole site's)
    pages: int
    pdfs: int

    def summary(self) -> str:
        return nothing_changed(self.pages, self.pdfs)

    def text(self) -> str:
        return json.dumps({"inputs": self.inputs, "shard": self.shard, "pages": self.pages, "pdfs": self.pdfs}, indent=1) + "\n"


def nothing_changed(pages: int, pdfs: int) -> str:
    """What a build that found nothing to do says."""
    return f"nothing changed: {plural(pages, 'page')} and {plural(pdfs, 'PDF')} up to date"


def read_record(folder: Path) -> Record | None:
    """The record a clean build left in `folder`, or None (none yet, a build with problems, a damaged file)."""
    try:
        data = json.loads((folder / RECORD).read_text(encoding="utf-8"))
        return Record(str(data["inputs"]), str(data["shard"]), int(data["pages"]), int(data["pdfs"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def unchanged_site(out: Path, inputs: str, shard: str) -> Record | None:
    """The record of `out` when its last build was clean, of slice `shard`, made from exactly `inputs`, and every
    output its manifest lists is still there: a build would find nothing to do. None otherwise."""
    record = read_record(out)
    if record is None or record.inputs != inputs or record.shard != shard:
        return None
    try:
        listed = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(listed, dict) or not all((out / path).exists() for path in listed):
        return None
    return record


def compare(
    project_dir: Path, out: Path, pdf_variant: str, formats: Iterable[str], shard: str
) -> tuple[str | None, Record | None]:
    """The digest of what a build would read now, and the record of `out` if it was made from just that (see
    `unchanged_site`): then there is nothing to build."""
    made_from = inputs_digest(project_dir, pdf_variant, formats)
    return made_from, unchanged_site(out, made_from, shard) if made_from is not None else None
