"""Files shipped inside the package: the default templates and assets, the starter project, world data."""

from __future__ import annotations

import importlib.resources
from pathlib import Path


def shipped(name: str) -> Path:
    """A folder shipped inside the package, as a real path.

    Wheels install unzipped, so the package's files are on disk; a zipped import would need extracting first.
    """
    folder = importlib.resources.files("sitrep") / name
    if not isinstance(folder, Path):  # pragma: no cover - only a zipimport install gives anything else
        raise RuntimeError(f"sitrep's {name}/ is not on disk ({folder}): install sitrep from a wheel, not a zip")
    return folder
