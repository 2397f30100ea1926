"""Incremental builds: each output's key is a hash of exactly what it depends on; the manifest remembers them."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel

MANIFEST = ".sitrep-manifest.json"


def digest(*parts: str | bytes) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode() if isinstance(part, str) else part)
        h.update(b"\0")
    return h.hexdigest()[:32]


@lru_cache(maxsize=1)
def code_version() -> str:
    """The sitrep code and the renderer versions: a change to either invalidates every output."""
    from importlib.metadata import version

    package = Path(__file__).resolve().parent.parent
    files = sorted(package.rglob("*.py")) + sorted((package / "data").glob("*.geojson"))
    return digest(version("weasyprint"), *(f.read_bytes() for f in files))


def items_digest(items: Iterable[Any]) -> str:
    """Hash of content items (models as their JSON, anything else as text), in the order given."""
    return digest(*(item.model_dump_json() if isinstance(item, BaseModel) else str(item) for item in items))


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


def read_manifest(site: Path) -> dict[str, str]:
    try:
        data = json.loads((site / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}  # no site yet, or a damaged manifest: build everything
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def manifest_text(keys: dict[str, str]) -> str:
    return json.dumps(dict(sorted(keys.items())), indent=1) + "\n"
