"""Incremental builds, proved by what is rewritten: unchanged outputs keep their inode and mtime."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitrep.cli import main
from sitrep.load import ParseCache
from sitrep.pipeline import load_and_check, plan_build, write_site
from sitrep.select import View
from sitrep.write.inputs import MANIFEST
from sitrep.write.keys import SMALL_PLAIN, PageMemo, forget_unshared, value_digest

from ..conftest import MINI, edit


def stamps(site: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(site)): (p.stat().st_ino, p.stat().st_mtime_ns) for p in site.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("incremental")
    shutil.copytree(MINI, root / "project")
    assert main(["--project", str(root / "project"), "--quiet", "build"]) == 0
    return root


@pytest.fixture
def project(built: Path, tmp_path: Path) -> Path:
    """A copy of the built project; hard links are kept so reuse is visible as unchanged inodes."""
    target = tmp_path / "project"
    shutil.copytree(built / "project", target, copy_function=shutil.copy2)
    return target


def test_noop_rebuild_touches_nothing(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = project / "_site"
    before = stamps(site)
    assert main(["--project", str(project), "build"]) == 0
    assert "nothing changed: 51 pages and 3 PDFs up to date" in capsys.readouterr().out
    assert stamps(site) == before


def test_editing_a_late_event_leaves_earlier_editions_alone(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = project / "_site"
    before = stamps(site)
    # seen only by the end-of-April edition: it rests on a source published in April 2020
    edit(project / "content/events.yaml", "title: Kataib Hezbollah attacks", "title: Kataib Hezbollah rocket attacks")
    assert main(["--project", str(project), "build"]) == 0
    after = stamps(site)
    rewritten = {path for path in after if before.get(path) != after[path]}
    for untouched in ("briefings/ed1.pdf", "briefings/ed1.html", "briefings/ed1.json", "briefings/ed2.pdf", "briefings/ed2.html"):
        assert untouched not in rewritten, untouched
    for remade in (
        "briefings/ed3.pdf",
        "briefings/ed3.html",
        "briefings/ed3.json",
        "timeline.html",
        "actors/kataib-hezbollah.html",
    ):
        assert remade in rewritten, remade
    assert "actors/iran.html" not in rewritten  # does not take part in the edited event
    assert "Kataib Hezbollah rocket attacks" in (site / "briefings/ed3.html").read_text()
    assert "1 PDF written, 2 reused" in capsys.readouterr().out


def test_template_change_remakes_pages(project: Path) -> None:
    templates = project / "templates"
    templates.mkdir()
    (templates / "index.html").write_text(
        '{% extends "base.html" %}{% block content %}<h1>Our own index</h1>{% endblock %}', encoding="utf-8"
    )
    assert main(["--project", str(project), "--quiet", "build"]) == 0
    assert "<h1>Our own index</h1>" in (project / "_site/index.html").read_text()


def test_damaged_manifest_costs_one_full_build(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = project / "_site"
    (site / MANIFEST).write_text("{damaged", encoding="utf-8")  # deleted outright, the folder is no longer sitrep's
    assert main(["--project", str(project), "build"]) == 0
    out = capsys.readouterr().out
    assert "0 pages written, 51 reused; 3 PDFs written, 0 reused" in out  # pages came out the same and were linked
    assert (site / MANIFEST).is_file()
    before = stamps(site)
    assert main(["--project", str(project), "--quiet", "build"]) == 0
    assert stamps(site) == before


def tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


LATE_EVENT = """- id: 2021-06-01-later-rockets
  title: Rockets hit Balad Airbase again
  date: 2021-06-01
  type: attack
  place: balad-airbase
  cite:
    - source: aw
      quote: Two Katyusha rockets hit Balad Airbase
"""


def test_a_later_event_is_counted_on_earlier_editions_at_once(project: Path, tmp_path: Path) -> None:
    """Edition 1 says (in its sources annex) how many later events it leaves out: a new 2021 event changes
    that count, so its pages (and PDF) are remade by the incremental build, which comes out byte for byte as a clean build."""
    events = project / "content/events.yaml"
    events.write_text(events.read_text(encoding="utf-8") + LATE_EVENT, encoding="utf-8")
    assert main(["--project", str(project), "--quiet", "build"]) == 0
    clean = tmp_path / "clean"
    assert main(["--project", str(project), "--out", str(clean), "--quiet", "build"]) == 0
    assert (
        "3 later events and the sources that report them are not shown" in (clean / "briefings/ed1/sources.html").read_text()
    )  # the sources annex
    incremental, fresh = tree(project / "_site"), tree(clean)
    assert sorted(incremental) == sorted(fresh)
    assert [path for path in fresh if incremental[path] != fresh[path]] == []


WORDS = ("rockets", "drone", "militia", "convoy", "strike", "airbase", "talks", "protest", "<b>bold</b>", "Iraq’s")
EDITS = st.one_of(
    st.tuples(st.just("add-event"), st.sampled_from(["2019-11-20", "2019-12-06", "2020-02", "2020-04-20", "2021"])),
    st.tuples(st.just("retitle-event"), st.integers(0, 2)),
    st.tuples(st.just("summarise-event"), st.integers(0, 2)),
    st.tuples(st.just("rename-actor"), st.integers(0, 2)),
    st.tuples(st.just("extend-text"), st.sampled_from(["aw", "iw", "meo"])),
    st.tuples(st.just("reword-bluf"), st.sampled_from(["ed1", "ed2", "ed3"])),
    st.tuples(st.just("drop-added-event"), st.just(0)),
)


def apply_edit(project: Path, edit: tuple[str, Any], words: str, number: int) -> None:
    """One analyst's edit, keeping the project valid: the kind of change that must reach exactly the right pages."""
    kind, arg = edit
    events_path, actors_path = project / "content/events.yaml", project / "content/actors.yaml"
    events = yaml.safe_load(events_path.read_text(encoding="utf-8"))
    actors = yaml.safe_load(actors_path.read_text(encoding="utf-8"))
    if kind == "add-event":
        events.append(
            {
                "id": f"{str(arg)[:4]}-added-{number}",
                "title": f"Added {words}",
                "date": arg,
                "type": "attack",
                "actors": [{"actor": actors[number % len(actors)]["id"], "role": "perpetrator"}],
                "place": "balad-airbase",
                "cite": [{"source": "aw", "quote": "Two Katyusha rockets hit Balad Airbase"}],
            }
        )
    elif kind == "retitle-event":
        events[arg]["title"] = f"Retitled {words}"
    elif kind == "summarise-event":
        events[arg]["summary"] = f"Summary with **{words}**."
    elif kind == "rename-actor":
        actors[arg]["name"] = f"Renamed {words}"
    elif kind == "extend-text":
        text = project / f"content/sources/{arg}.txt"
        text.write_text(text.read_text(encoding="utf-8") + f"\n\nLater paragraph on {words}.\n", encoding="utf-8")
    elif kind == "reword-bluf":
        briefing = project / f"briefings/{arg}.yaml"
        data = yaml.safe_load(briefing.read_text(encoding="utf-8"))
        data["bluf"] = f"Reworded: {words}."
        briefing.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    elif kind == "drop-added-event":
        events = [e for e in events if "-added-" not in e["id"]] + [e for e in events if "-added-" in e["id"]][:-1]
    events_path.write_text(yaml.safe_dump(events, allow_unicode=True, sort_keys=False), encoding="utf-8")
    actors_path.write_text(yaml.safe_dump(actors, allow_unicode=True, sort_keys=False), encoding="utf-8")


def html_build(project: Path, out: Path, parsed: ParseCache | None = None) -> None:
    """Pages, exports and the feed (PDFs and the search index are keyed the same way but cost seconds each).

    With `parsed`, built as the preview builds: files parsed on an earlier edit kept, the check's views reused.
    """
    views: dict[str, View] = {}
    loaded, problems = load_and_check(project, parsed, views if parsed is not None else None)
    assert [p for p in problems if p.severity == "error"] == [], problems
    write_site(plan_build(loaded, project, views=views if parsed is not None else None), out, {}, indexer=None)


def outputs(site: Path) -> dict[str, bytes]:
    """Every output but the PDFs and the search index, which the HTML pass leaves for the full one."""
    return {
        path: data
        for path, data in tree(site).items()
        if not path.endswith(".pdf") and not path.startswith("pagefind/") and path != MANIFEST
    }


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.lists(st.tuples(EDITS, st.lists(st.sampled_from(WORDS), min_size=1, max_size=4)), min_size=1, max_size=3))
def test_incremental_build_after_random_edits_equals_a_clean_build(built: Path, tmp_path: Path, edits: list[Any]) -> None:
    with tempfile.TemporaryDirectory(dir=tmp_path) as scratch:
        project = Path(scratch) / "project"
        shutil.copytree(built / "project", project, copy_function=shutil.copy2)
        parsed: ParseCache = {}
        for number, (edit_, words) in enumerate(edits):
            apply_edit(project, edit_, " ".join(words), number)
            html_build(project, project / "_site", parsed)  # each edit built in turn over the last site, as the preview does
        html_build(project, Path(scratch) / "clean")
        incremental, clean = outputs(project / "_site"), outputs(Path(scratch) / "clean")
        assert sorted(incremental) == sorted(clean)
        assert [path for path in clean if incremental[path] != clean[path]] == []


def test_the_memo_forgets_what_only_it_holds_and_every_digest_stays_the_same() -> None:
    shared = {"actors": [["a"], ["b"]], "names": tuple(f"Name {n}" for n in range(SMALL_PLAIN + 1))}
    memo: dict[int, tuple[Any, str]] = {}
    page = {"events": [[1, 2], [3]], "shared": shared}
    first = value_digest(page, memo)
    del page
    forget_unshared(memo)
    assert {id(value) for value, _ in memo.values()} == {id(shared), id(shared["actors"]), id(shared["names"])}
    # what is forgotten is hashed again when met again, to the same digest; what is kept is not hashed again
    assert value_digest({"events": [[1, 2], [3]], "shared": shared}, memo) == first
    assert value_digest({"events": [[1, 2], [3]], "shared": shared}, {}) == first


def test_the_memo_keeps_what_something_else_still_holds() -> None:
    inner = [[1], 2]
    memo: dict[int, tuple[Any, str]] = {}
    value_digest({"inner": inner, "mine": [[3]]}, memo)
    forget_unshared(memo)
    assert [value for value, _ in memo.values()] == [inner]
    del inner
    forget_unshared(memo)
    assert memo == {}


def test_forgetting_since_an_entry_looks_only_at_the_entries_made_after_it() -> None:
    memo: dict[int, tuple[Any, str]] = {}
    value_digest([[1], [2]], memo)  # nothing else holds it (its members are small: not kept)
    kept = len(memo)
    value_digest([[3], [4]], memo)
    forget_unshared(memo, since=kept)
    assert [value for value, _ in memo.values()] == [[[1], [2]]]
    forget_unshared(memo)
    assert memo == {}


def test_the_page_memo_holds_at_most_young_entries_of_pages_already_keyed() -> None:
    memo = PageMemo()
    shared = [[n] for n in range(10)]
    peak = 0
    for page in range(PageMemo.YOUNG):  # two entries a page: the page and its list
        assert memo.digest({"page": [[page], [page + 1]], "shared": shared}) == value_digest(
            {"page": [[page], [page + 1]], "shared": shared}, {}
        )
        memo.forget_unshared()
        peak = max(peak, len(memo.digests))
    assert PageMemo.YOUNG < peak <= PageMemo.YOUNG + 1 + 2  # the shared list, and one page over the mark
    assert id(shared) in memo.digests


def test_a_small_container_of_plain_values_is_hashed_without_being_kept() -> None:
    memo: dict[int, tuple[Any, str]] = {}
    small, large = ("event", "e-1", None, 3, 2.5, True, b"x"), list(range(SMALL_PLAIN + 1))
    pair = value_digest(small, memo)
    assert memo == {}
    assert value_digest(large, memo) == value_digest(list(range(SMALL_PLAIN + 1)), {})
    assert [value for value, _ in memo.values()] == [large]
    # the same digest as a container that holds something else than plain values, member for member
    assert value_digest(small, {}) == pair != value_digest(("event", "e-1", None, 3, 2.5, True, b"y"), {})
    assert value_digest([small], memo) != value_digest([small, small], memo)
