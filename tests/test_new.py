"""`sitrep new DIR`: a complete starter that checks with --strict and builds at once, written only into a new or empty folder."""

from __future__ import annotations

import shlex
import subprocess
import sys
from pathlib import Path

import yaml

from sitrep.cli import main
from sitrep.resources import shipped

from .conftest import Run


def test_new_writes_a_complete_project_that_checks_strictly(tmp_path: Path, run: Run) -> None:
    target = tmp_path / "brief"
    result = run("new", str(target))
    assert result.code == 0, result.err
    assert result.err == ""
    assert result.out == (
        f"created {target}: a fictional starter project with 1 source, 5 actors, 2 places, 4 events, 1 judgment, "
        "1 assumption, 1 scenario, 1 indicator, 0 gaps, 1 briefing\n"
        "next:\n"
        f"  cd {target}\n"
        "  sitrep build     # the site in _site/, one PDF per briefing in _site/briefings/\n"
        "  sitrep serve     # a preview at http://127.0.0.1:8000/, rebuilt as you edit\n"
    )
    for name in ("sitrep.yaml", ".gitignore", ".pre-commit-config.yaml", "content/sources/isken-herald-2026-03-14.txt"):
        assert (target / name).is_file(), name
    checked = run("--project", str(target), "check", "--strict")
    assert checked.code == 0 and checked.err == "", checked.err
    assert checked.out.startswith("check passed: 1 source, 5 actors, 2 places, 4 events, 1 judgment, 1 assumption")
    assert not [path for path in target.rglob("*") if path.name.endswith(".sitrep-new")]


def test_every_yaml_file_names_its_schema_and_the_schema_is_there(tmp_path: Path) -> None:
    target = tmp_path / "brief"
    assert main(["new", str(target)]) == 0
    files = sorted(target.rglob("*.yaml"))
    assert len(files) == 11  # sitrep.yaml, a source, seven collections, a briefing and the pre-commit file
    for path in files:
        if path.name == ".pre-commit-config.yaml":
            continue
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        assert (path.parent / first.split("$schema=", 1)[1]).resolve().is_file(), path


def test_the_pre_commit_hook_runs_sitrep_check(tmp_path: Path) -> None:
    target = tmp_path / "brief"
    assert main(["new", str(target)]) == 0
    config = yaml.safe_load((target / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    (hook,) = config["repos"][0]["hooks"]
    assert config["repos"][0]["repo"] == "local" and hook["language"] == "system" and hook["pass_filenames"] is False
    command = shlex.split(hook["entry"])
    assert command[:2] == ["sitrep", "check"]
    ran = subprocess.run([sys.executable, "-m", "sitrep", *command[1:]], cwd=target, capture_output=True, text=True, check=False)
    assert ran.returncode == 0, ran.stderr
    (target / "content" / "places.yaml").write_text("- id: Nowhere\n", encoding="utf-8")
    ran = subprocess.run([sys.executable, "-m", "sitrep", *command[1:]], cwd=target, capture_output=True, text=True, check=False)
    assert ran.returncode == 1 and "content/places.yaml:1:7" in ran.stderr  # the hook stops a broken commit


def test_new_then_build_gives_the_site_and_the_pdf(tmp_path: Path) -> None:
    target = tmp_path / "brief"
    assert main(["new", str(target)]) == 0
    assert main(["--project", str(target), "--quiet", "build"]) == 0
    assert (target / "_site" / "briefings" / "port-isken-strike-2026-03-14.pdf").stat().st_size > 10_000
    assert "Dock strike at Port Isken" in (target / "_site" / "index.html").read_text(encoding="utf-8")
    ignored = (target / ".gitignore").read_text(encoding="utf-8").split()
    assert "_site/" in ignored


def test_new_refuses_a_folder_that_is_not_empty(tmp_path: Path, run: Run) -> None:
    target = tmp_path / "notes"
    target.mkdir()
    (target / "draft.txt").write_text("mine\n", encoding="utf-8")
    result = run("new", str(target))
    assert result.code == 1
    assert result.err == (
        f"error: {target} is not empty: sitrep new writes only into a new or empty folder\n"
        "    fix: give the name of a new folder, e.g. sitrep new brief\n"
    )
    assert sorted(p.name for p in target.iterdir()) == ["draft.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes"]


def test_new_refuses_a_file_and_a_missing_parent(tmp_path: Path, run: Run) -> None:
    (tmp_path / "brief").write_text("a file\n", encoding="utf-8")
    result = run("new", str(tmp_path / "brief"))
    assert (result.code, result.err) == (
        1,
        f"error: {tmp_path / 'brief'} exists and is not a folder\n    fix: give the name of a new folder, e.g. sitrep new brief\n",
    )
    result = run("new", str(tmp_path / "no" / "such" / "brief"))
    assert result.code == 1 and result.err.startswith(f"error: {tmp_path / 'no' / 'such'} does not exist\n")


def test_new_fills_an_empty_folder(tmp_path: Path) -> None:
    target = tmp_path / "empty"
    target.mkdir()
    assert main(["new", str(target)]) == 0
    assert (target / "sitrep.yaml").is_file()


def test_the_starter_is_fictional_not_the_shipped_content() -> None:
    starter = shipped("starter")
    text = (starter / "content" / "sources" / "isken-herald-2026-03-14.txt").read_text(encoding="utf-8")
    for real in ("Iraq", "Iran", "Baghdad", "Kataib"):
        assert real not in text
    assert "fictional" in (starter / "content" / "sources" / "isken-herald-2026-03-14.yaml").read_text(encoding="utf-8")
