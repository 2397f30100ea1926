"""The search index: pagefind over the marked pages only makes the index pagefind makes over the whole site."""

from __future__ import annotations

import filecmp
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sitrep.cli import main
from sitrep.write import search
from sitrep.write.site import SiteWriteError

from ..conftest import MINI

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title></head>
<body><nav>Menu words everywhere</nav><main id="main"{mark}><h1>{title}</h1><p>{text}</p></main></body></html>
"""


def page(site: Path, relative: str, title: str, text: str, marked: bool) -> None:
    path = site / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(PAGE.format(title=title, text=text, mark=" data-pagefind-body" if marked else ""), encoding="utf-8")


def site_with_copies(site: Path, marked: bool = True) -> None:
    """A site shaped like sitrep's: all-time item pages (marked) and each edition's copies of them (not marked)."""
    page(site, "index.html", "Briefings", "Two editions of the Iraq briefing.", marked)
    for name in ("kataib-hezbollah", "us-forces"):
        page(site, f"actors/{name}.html", name, f"Everything known about {name}, militia rockets at Taji.", marked)
        for edition in ("2019-12-08", "2020-04-30"):
            page(site, f"briefings/{edition}/actors/{name}.html", name, f"{name} as of {edition}, rockets.", False)
    # a page that only quotes the mark as text: not marked, for pagefind as here
    page(site, "briefings/2020-04-30/timeline.html", "Timeline", "The attribute data-pagefind-body is quoted.", False)
    (site / "assets").mkdir()
    (site / "assets" / "site.css").write_text("body{}", encoding="utf-8")


def plain_index(site: Path) -> Path:
    """pagefind's own run over the whole of a copy of `site`, as `sitrep build` made it before."""
    copy = site.parent / f"{site.name}-plain"
    shutil.copytree(site, copy)
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(copy), "--silent"], check=True, capture_output=True)
    return copy / "pagefind"


def same_tree(one: Path, two: Path) -> bool:
    names = sorted(p.relative_to(one) for p in one.rglob("*"))
    if names != sorted(p.relative_to(two) for p in two.rglob("*")):
        return False
    return all(filecmp.cmp(one / n, two / n, shallow=False) for n in names if (one / n).is_file())


@pytest.mark.parametrize("marked", [True, False], ids=["some-pages-marked", "no-page-marked"])
def test_the_index_is_byte_for_byte_pagefinds_own_over_the_whole_site(tmp_path: Path, marked: bool) -> None:
    site = tmp_path / "site"
    site_with_copies(site, marked)
    before = sorted(p.relative_to(site) for p in site.rglob("*"))
    plain = plain_index(site)
    search.index_search(site)
    assert (site / "pagefind" / "pagefind-entry.json").is_file()
    assert same_tree(site / "pagefind", plain)
    # nothing else is left in the site: the gathered links are gone
    after = sorted(p.relative_to(site) for p in site.rglob("*") if "pagefind" not in p.relative_to(site).parts)
    assert after == before
    assert not (site / search.GATHERED).exists()


def test_only_the_marked_pages_are_gathered(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site_with_copies(site)
    assert list(search.marked_pages(site)) == [
        Path("actors/kataib-hezbollah.html"),
        Path("actors/us-forces.html"),
        Path("index.html"),
    ]


def stand_in_pagefind(folder: Path, script: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The build starts `script` (sh) in `folder` in place of pagefind, as PAGEFIND_BINARY_PATH lets a user choose."""
    binary = folder / "pagefind"
    binary.write_text(f"#!/bin/sh\n{script}\n", encoding="utf-8")
    binary.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(binary))


def test_pagefind_is_started_as_its_binary_unless_one_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PAGEFIND_BINARY_PATH", raising=False)
    (binary,) = search.pagefind_command()
    assert os.access(binary, os.X_OK)
    assert subprocess.run([binary, "--version"], check=True, capture_output=True, text=True).stdout.startswith("pagefind")
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", "/opt/pagefind")
    assert search.pagefind_command() == ["/opt/pagefind"]


def test_a_failing_pagefind_is_reported_and_leaves_no_gathered_pages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "site"
    site_with_copies(site)
    stand_in_pagefind(tmp_path, "echo 'Error: no space left on device' >&2\nexit 1", monkeypatch)
    with pytest.raises(SiteWriteError) as raised:
        search.index_search(site)
    assert raised.value.problem.format() == (
        "pagefind/: the search index was not made: pagefind said 'Error: no space left on device'\n"
        "    fix: run the build again; if it fails again, check that `python -m pagefind --version` runs in sitrep's environment"
    )
    assert not (site / search.GATHERED).exists() and not (site / "pagefind").exists()


def test_pagefind_out_of_time_is_a_located_error_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A 10,000-event site on a busy machine once ran past a fixed 300 s: the time allowed now grows with the pages,
    and running out of it is a clean error (exit 1, nothing written). A pagefind that hangs stands in for a slow one:
    the real one indexes the mini site within any small allowance on a fast machine."""
    stand_in_pagefind(tmp_path, "exec sleep 60", monkeypatch)
    monkeypatch.setattr(search, "SEARCH_SECONDS", 0.5)
    monkeypatch.setattr(search, "SEARCH_SECONDS_PER_PAGE", 0.0)
    work = tmp_path / "work"
    work.mkdir()
    out = work / "site"
    capsys.readouterr()
    assert main(["--project", str(MINI), "--out", str(out), "--quiet", "build"]) == 1
    assert capsys.readouterr().err == (
        "error: pagefind/: the search index was not made: pagefind did not finish in 0.5 s\n"
        "    fix: run the build again; if it fails again, check that `python -m pagefind --version` runs in sitrep's"
        " environment (a busy machine slows it)\n"
        f"nothing written: {out} is unchanged\n"
    )
    assert sorted(p.name for p in work.iterdir()) == []  # no site, no staging folder beside it
