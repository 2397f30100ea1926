"""A rebuild from the inputs the last clean build read does nothing, fast; any change to them builds as before."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from sitrep.write.inputs import RECORD, Record, inputs_digest, read_record

from ..conftest import ROOT, Run, edit
from . import test_keys
from .test_keys import stamps

built, project = test_keys.built, test_keys.project  # the built mini project, copied per test (hard links kept)

NOTHING_TO_DO = "nothing changed: 51 pages and 3 PDFs up to date"  # what the full build says when no output changed


def clean_record(project: Path, variant: str = "pdf/ua-1") -> Record:
    """The record a clean whole build of the mini project's inputs as they are now writes."""
    made_from = inputs_digest(project, variant, ())
    assert made_from is not None
    return Record(made_from, "1/1", 51, 3)


def rebuild(project: Path, *options: str) -> tuple[str, list[str]]:
    """`build.py build` in a fresh process: what it printed, and which of sitrep's heavy modules it imported."""
    probe = (
        "import sys, runpy; sys.argv = sys.argv[1:]; code = 0\n"
        "try: runpy.run_path(sys.argv[0], run_name='__main__')\n"
        "except SystemExit as done: code = done.code\n"
        "heavy = ('sitrep.pipeline', 'sitrep.model', 'weasyprint', 'jinja2.sandbox', 'shapely')\n"
        "print('imported:', *[name for name in heavy if name in sys.modules])\n"
        "sys.exit(code)\n"
    )
    command = [sys.executable, "-c", probe, str(ROOT / "build.py"), "--project", str(project), "build", *options]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    printed, _, imported = done.stdout.rstrip("\n").rpartition("imported:")
    return printed, imported.split()


def test_a_clean_build_records_what_it_was_made_from(project: Path) -> None:
    record = read_record(project / "_site")
    assert record == clean_record(project)


def test_a_rebuild_with_nothing_changed_loads_nothing_and_touches_nothing(project: Path) -> None:
    before = stamps(project / "_site")
    printed, imported = rebuild(project)
    assert printed.startswith(f"{NOTHING_TO_DO} in 0.")
    assert printed.endswith(f" s -> {project / '_site'}\n")
    assert imported == []  # neither the model, nor the checks, nor the renderers: a tenth of the normal start-up
    assert stamps(project / "_site") == before


@pytest.mark.parametrize(
    "change",
    [
        "an edited event",
        "a new content file",
        "a project template",
        "the settings",
        "a deleted page",
        "another PDF variant",
        "a damaged record",
    ],
)
def test_any_change_to_the_inputs_or_the_site_builds_as_before(project: Path, change: str) -> None:
    options: tuple[str, ...] = ()
    expected = NOTHING_TO_DO  # the build ran (and imported the pipeline), and found every output as it was
    if change == "an edited event":
        edit(project / "content/events.yaml", "title: Kataib Hezbollah attacks", "title: Kataib Hezbollah rocket attacks")
        expected = "written"
    elif change == "a new content file":  # read by nothing yet, but a build's inputs are whole folders
        (project / "content/notes.md").write_text("A note to self.\n", encoding="utf-8")
    elif change == "a project template":
        (project / "templates").mkdir()
        (project / "templates/index.html").write_text('{% extends "base.html" %}', encoding="utf-8")
        expected = "written"
    elif change == "the settings":
        (project / "sitrep.yaml").write_text("title: Iraq watch\n", encoding="utf-8")
        expected = "written"
    elif change == "a deleted page":
        (project / "_site/timeline.html").unlink()
        expected = "1 page written, 50 reused; 0 PDFs written, 3 reused"
    elif change == "another PDF variant":
        options, expected = ("--pdf-variant", "pdf/a-3u"), "3 PDFs written, 0 reused"
    else:
        (project / "_site" / RECORD).write_text("{damaged", encoding="utf-8")
    printed, imported = rebuild(project, *options)
    assert expected in printed
    assert "sitrep.pipeline" in imported
    assert (project / "_site/timeline.html").is_file()
    assert read_record(project / "_site") == clean_record(project, *options[1:])
    assert rebuild(project, *options)[1] == []  # and the next rebuild is the quick one again


def test_a_build_with_warnings_records_nothing_and_says_them_again(project: Path, run: Run) -> None:
    (project / "content/sources/extra.yaml").write_text((project / "content/sources/aw.yaml").read_text())
    (project / "content/sources/extra.txt").write_text("Nothing quotes this.\n")
    for _ in range(2):
        result = run("--project", str(project), "build")
        assert result.code == 0
        assert "content/sources/extra.yaml:1:1: warning: source 'extra' is cited by nothing\n" in result.err
        assert read_record(project / "_site") is None


def test_a_site_the_preview_wrote_gets_its_record_from_the_next_build(project: Path, run: Run) -> None:
    """The live preview writes no record; a build that then finds nothing to do writes the record alone."""
    (project / "_site" / RECORD).unlink()
    before = stamps(project / "_site")
    result = run("--project", str(project), "build")
    assert result.out.startswith(f"{NOTHING_TO_DO} in ")
    assert read_record(project / "_site") == clean_record(project)
    assert stamps(project / "_site") == {**before, RECORD: stamps(project / "_site")[RECORD]}


def test_a_shard_records_its_slice_and_a_merge_the_whole_site(project: Path, run: Run, tmp_path: Path) -> None:
    shards = [tmp_path / f"shard-{k}" for k in (1, 2)]
    for k, folder in enumerate(shards, start=1):
        assert run("--project", str(project), "--out", str(folder), "--quiet", "build", "--shard", f"{k}/2").code == 0
        assert json.loads((folder / RECORD).read_text())["shard"] == f"{k}/2"
    merged = tmp_path / "merged"
    assert run("--project", str(project), "--out", str(merged), "--quiet", "merge", *map(str, shards)).code == 0
    assert (merged / RECORD).read_bytes() == (project / "_site" / RECORD).read_bytes()
    assert rebuild(project, "--out", str(merged))[1] == []
    assert rebuild(project, "--out", str(shards[1]))[1] != []  # the whole site is not the shard's slice


def test_a_project_with_a_linked_folder_is_always_built(project: Path, run: Run) -> None:
    """The loader follows a link to a folder inside the project; the inputs' walk does not, so it does not guess."""
    (project / "content/sources").rename(project / "shared-sources")
    (project / "content/sources").symlink_to(project / "shared-sources", target_is_directory=True)
    assert inputs_digest(project, "pdf/ua-1", ()) is None
    assert run("--project", str(project), "--out", str(project / "fresh"), "--quiet", "build").code == 0
    assert read_record(project / "fresh") is None
    assert "sitrep.pipeline" in rebuild(project, "--out", str(project / "fresh"))[1]
    assert "sitrep.pipeline" in rebuild(project)[1]  # the record of the inputs before the link matches nothing
