"""The caches the preview keeps: a file is parsed and validated again exactly when its bytes (or what its messages read) change."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

from sitrep import quotes
from sitrep.check import Kept
from sitrep.checking import load_and_check
from sitrep.load import Loaded, MadeCache, ParseCache, load_project
from sitrep.problems import Problem
from sitrep.select import View

from ..conftest import MINI, edit


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


def _snapshot(loaded: Loaded, problems: list[Problem]) -> dict[str, object]:
    """Everything a load and check give, in comparable form (a parse's node tree compares by identity)."""
    return {
        "project": loaded.project,
        "origins": {key: (o.doc.path, o.loc, o.at(), o.at("id")) for key, o in loaded.origins.items()},
        "load problems": [p.format() for p in loaded.problems],
        "files": loaded.files,
        "invalid": loaded.invalid,
        "unreadable": loaded.unreadable,
        "config": loaded.config,
        "problems": [p.format() for p in problems],
    }


def test_the_kept_load_and_check_are_the_cold_ones_after_every_edit(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(MINI, project)
    content = project / "content"
    events, meo = content / "events.yaml", "    - source: meo\n      quote: The Hezbollah Brigades faction\n"
    parsed: ParseCache = {}
    made: MadeCache = {}
    checks = Kept()
    edits: list[tuple[str, Callable[[], object]]] = [
        ("nothing", lambda: None),
        ("a title", lambda: edit(events, "title: Kataib Hezbollah attacks", "title: Kataib Hezbollah strikes")),
        ("hindsight", lambda: edit(events, "Balad Airbase\n", "Balad Airbase, Popular Mobilization Forces say\n")),
        ("a name the hindsight read", lambda: edit(content / "actors.yaml", "name: Popular Mobilization Forces", "name: PMF")),
        ("an alias", lambda: edit(content / "actors.yaml", "[Hezbollah Brigades]", "[Hezbollah Brigades, Kataib al-Hizb]")),
        ("a text that has it", lambda: edit(content / "sources/iw.txt", "\n", "\nKataib al-Hizb fired again.\n")),
        ("an error", lambda: edit(events, "date: 2020-03\n", "date: 2020-13\n")),
        ("a citation dropped: the hint quotes a text", lambda: edit(events, "  cite:\n" + meo, "")),
        ("the text it quotes", lambda: edit(content / "sources/aw.txt", "Iraq new flashpoint", "Iraq: a new flashpoint")),
        ("the text back", lambda: edit(content / "sources/aw.txt", "Iraq: a new flashpoint", "Iraq new flashpoint")),
        ("the error fixed", lambda: edit(events, "date: 2020-13\n", "date: 2020-03\n  cite:\n" + meo)),
        ("an id renamed", lambda: edit(events, "id: 2020-kh-attacks", "id: 2020-kh-strikes")),
        ("an id twice", lambda: events.write_text(events.read_text() + "- id:" + events.read_text().split("- id:")[1])),
        ("the id once", lambda: events.write_text(events.read_text().rsplit("- id:", 1)[0])),
        ("a file deleted", lambda: (content / "scenarios.yaml").unlink()),
        ("the file back", lambda: shutil.copy(MINI / "content/scenarios.yaml", content / "scenarios.yaml")),
        ("briefing defaults", lambda: (project / "sitrep.yaml").write_text("paper: Letter\n")),
        ("a source's metadata broken", lambda: edit(content / "sources/aw.yaml", "\n", "\nbogus: 1\n")),
    ]
    failed: dict[str, bool] = {}
    warned: dict[str, bool] = {}
    unattested: dict[str, bool] = {}
    soleimani = "2020-01-03-soleimani-killed"  # an event no edit touches, in the file most edits change
    previous = load_project(project, parsed, made)
    for what, change in edits:
        change()
        before = load_project(project, parsed, made)  # what the kept load last made, to see it is reused
        kept_views: dict[str, View] = {}
        cold_views: dict[str, View] = {}
        kept = load_and_check(project, parsed, kept_views, quotes.Matches(), made, checks)
        cold = load_and_check(project, views=cold_views)
        assert _snapshot(*kept) == _snapshot(*cold), what
        assert kept_views == cold_views, f"{what}: the editions' views"
        failed[what] = any(p.severity == "error" for p in cold[1])
        warned[what] = any("hindsight" in p.message for p in cold[1])
        unattested[what] = any("is in no source's text" in p.message for p in cold[1])
        assert kept[0].project.actors["iran"] is before.project.actors["iran"], (
            f"{what}: an unchanged file is not validated again"
        )
        assert before.project.events[soleimani] is previous.project.events[soleimani], (
            f"{what}: an entry written as before is not validated again"
        )
        previous = before
    assert [what for what, error in failed.items() if error] == [
        "an error",
        "a citation dropped: the hint quotes a text",
        "the text it quotes",
        "the text back",
        "an id twice",
        "a file deleted",
        "a source's metadata broken",
    ]
    assert warned["hindsight"] and not warned["a name the hindsight read"]
    assert unattested["an alias"] and not unattested["a text that has it"]
