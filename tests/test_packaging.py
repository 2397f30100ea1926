"""Packaging: the wheel holds every template, asset, data file and the starter, and installed on its own (no source
checkout on sys.path) it starts a project with `sitrep new` and builds its site and PDF.

The wheel is built from a copy of the tracked files, as a release would be. The fresh venv gets sitrep only from the
wheel; its dependencies (WeasyPrint, pydantic...) are borrowed read-only from the test venv through a .pth line, which
keeps the test to seconds: a full `pip install` of the wheel with its dependencies takes about a minute here and is
what the README's install does.
"""

from __future__ import annotations

import os
import site
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import sitrep

from .conftest import pdf_text

ROOT = Path(__file__).resolve().parent.parent


def _tracked(prefix: str) -> list[str]:
    done = subprocess.run(["git", "ls-files", prefix], cwd=ROOT, capture_output=True, text=True, check=True)
    return [line for line in done.stdout.splitlines() if line]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    source = tmp_path_factory.mktemp("source")
    for name in _tracked("."):
        target = source / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if (ROOT / name).is_file():
            target.write_bytes((ROOT / name).read_bytes())
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(dist), str(source)],
        check=True,
        capture_output=True,
        text=True,
    )
    (found,) = dist.glob("sitrep-*.whl")
    return found


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv holding sitrep from the wheel only; returns its bin/ folder."""
    venv = tmp_path_factory.mktemp("venv")
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps", str(wheel)],
        check=True,
        capture_output=True,
        text=True,
    )
    (packages,) = (venv / "lib").glob("python3*/site-packages")
    # dependencies only: a plain path line adds the test venv's packages without running its .pth files, so the
    # editable install of sitrep there (a .pth hook) stays inactive
    (packages / "borrowed-dependencies.pth").write_text("\n".join(site.getsitepackages()) + "\n", encoding="utf-8")
    return venv / "bin"


def _run(command: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTHON")}
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=300, check=False)


def test_wheel_holds_templates_assets_data_starter_and_license(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = [
        *_tracked("sitrep/templates"),
        *_tracked("sitrep/starter"),
        *(name for name in _tracked("sitrep/data") if not name.endswith(".py")),
        *(name for name in _tracked("sitrep") if name.endswith(".py")),
    ]
    assert len(shipped) > 60
    missing = [name for name in shipped if name not in names]
    assert missing == []
    assert "sitrep/starter/gitignore" in names and "sitrep/starter/pre-commit-config.yaml" in names
    assert any(name.endswith(".dist-info/licenses/LICENSE") or name.endswith(".dist-info/LICENSE") for name in names)
    assert not [name for name in names if name.startswith(("tests/", "content/", "briefings/", "bench/"))]


def test_installed_wheel_starts_and_builds_a_project_without_the_source(installed: Path, tmp_path: Path) -> None:
    where = _run(
        [str(installed / "python"), "-c", "import sys, sitrep; print(sitrep.__file__); print(*sys.path, sep='\\n')"], tmp_path
    )
    module, *path = where.stdout.splitlines()
    assert module.startswith(str(installed.parent)), module
    others = [(tmp_path / entry).resolve() for entry in path if not entry.startswith(str(installed.parent))]
    assert ROOT not in others
    assert not [entry for entry in others if (entry / "sitrep" / "__init__.py").exists()], path

    version = _run([str(installed / "sitrep"), "--version"], tmp_path)
    assert (version.returncode, version.stdout) == (0, f"sitrep {sitrep.__version__}\n")
    as_module = _run([str(installed / "python"), "-m", "sitrep", "--version"], tmp_path)
    assert as_module.stdout == version.stdout

    new = _run([str(installed / "sitrep"), "new", "brief"], tmp_path)
    assert new.returncode == 0, new.stderr
    assert new.stdout.startswith("created brief: a fictional starter project with 1 source, 5 actors, 2 places, 4 events")
    project = tmp_path / "brief"
    assert (project / ".gitignore").is_file() and (project / ".pre-commit-config.yaml").is_file()

    check = _run([str(installed / "sitrep"), "check", "--strict"], project)
    assert check.returncode == 0, check.stderr
    assert check.stderr == ""
    build = _run([str(installed / "sitrep"), "build"], project)
    assert build.returncode == 0, build.stderr
    assert "1 PDF written" in build.stdout
    assert "Traceback" not in build.stderr
    (pdf,) = (project / "_site" / "briefings").glob("*.pdf")
    text = pdf_text(pdf)
    assert "Dock strike at Port Isken" in text and "EXERCISE // FICTIONAL SCENARIO" in text
    index = (project / "_site" / "index.html").read_text(encoding="utf-8")
    assert "Starter briefings" in index and "Example analysis cell" in index
    assert (project / "_site" / "assets" / "style.css").is_file()
    assert (project / "_site" / "pagefind").is_dir()
