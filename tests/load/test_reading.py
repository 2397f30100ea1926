"""The parse cache the preview keeps: a file is parsed again exactly when its bytes change."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from sitrep.load import ParseCache, load_project

from ..conftest import MINI


def test_a_same_size_save_at_the_same_time_is_seen(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(MINI, project)
    events = project / "content/events.yaml"
    cache: ParseCache = {}
    first = load_project(project, cache)
    event = next(iter(first.project.events.values()))
    stat = events.stat()
    text = events.read_text(encoding="utf-8")
    retitled = event.title[:-1] + ("X" if event.title[-1] != "X" else "Y")  # same length
    events.write_text(text.replace(f"title: {event.title}\n", f"title: {retitled}\n", 1), encoding="utf-8")
    os.utime(events, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # as a coarse clock would leave it
    assert events.stat().st_size == stat.st_size
    assert load_project(project, cache).project.events[event.id].title == retitled


def test_an_unchanged_file_is_not_parsed_again(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(MINI, project)
    cache: ParseCache = {}
    load_project(project, cache)
    documents = {path: entry[1] for path, entry in cache.items()}
    (project / "content/actors.yaml").touch()  # an editor's save-all: a new time, the same bytes
    load_project(project, cache)
    assert all(cache[path][1] is doc for path, doc in documents.items())
