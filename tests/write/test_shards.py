"""A build split into shards and merged is, byte for byte, the site one build makes; a bad merge writes nothing."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from sitrep.cli import main
from sitrep.write.inputs import MANIFEST
from sitrep.write.shards import RECORD, Shard, parse_shard

from ..conftest import MINI


def tree(site: Path) -> dict[str, str]:
    return {str(p.relative_to(site)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The mini project (three briefings) built whole, and as three shards."""
    root = tmp_path_factory.mktemp("shards")
    shutil.copytree(MINI, root / "project")
    project = str(root / "project")
    assert main(["--project", project, "--quiet", "--out", str(root / "whole"), "build"]) == 0
    for number in (1, 2, 3):
        assert (
            main(["--project", project, "--quiet", "--out", str(root / f"shard-{number}"), "build", "--shard", f"{number}/3"])
            == 0
        )
    return root


def test_each_shard_makes_its_own_pdfs_and_only_the_first_the_search_index(built: Path) -> None:
    pdfs = {n: sorted(p.name for p in (built / f"shard-{n}" / "briefings").glob("*.pdf")) for n in (1, 2, 3)}
    assert pdfs == {1: ["ed1.pdf"], 2: ["ed2.pdf"], 3: ["ed3.pdf"]}
    assert [n for n in (1, 2, 3) if (built / f"shard-{n}" / "pagefind").is_dir()] == [1]
    for number in (1, 2, 3):  # every page, in every shard
        assert sorted(p.name for p in (built / f"shard-{number}" / "briefings").glob("*.html")) == [
            "ed1.html",
            "ed2.html",
            "ed3.html",
        ]
    record = json.loads((built / "shard-2" / RECORD).read_text())
    assert (record["shard"], record["of"]) == (2, 3)
    assert record["keys"] == json.loads((built / "whole" / MANIFEST).read_text())


def test_merged_shards_are_byte_identical_to_one_build(built: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = built / "merged"
    shards = [str(built / f"shard-{n}") for n in (3, 1, 2)]  # in any order
    assert main(["--project", str(built / "project"), "--out", str(out), "merge", *shards]) == 0
    whole = tree(built / "whole")
    assert tree(out) == whole
    assert any(path.endswith(".pdf") for path in whole) and any(path.startswith("pagefind/") for path in whole)
    assert capsys.readouterr().out == f"merged 3 shards: {len(json.loads((out / MANIFEST).read_text()))} outputs -> {out}\n"
    # and a rebuild over the merged site finds nothing to do
    assert main(["--project", str(built / "project"), "--out", str(out), "build"]) == 0
    assert "nothing changed" in capsys.readouterr().out
    assert tree(out) == whole


def test_a_missing_shard_is_refused_and_nothing_is_written(built: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = built / "partial"
    assert (
        main(["--project", str(built / "project"), "--out", str(out), "merge", str(built / "shard-1"), str(built / "shard-3")])
        == 1
    )
    assert capsys.readouterr().err == (
        "error: shards missing: 2/3; a merge needs every slice (fix: pass the out folder of each)\n"
        f"nothing written: {out} is unchanged\n"
    )
    assert not out.exists()


def test_a_folder_that_is_not_a_shard_is_named_with_its_fix(built: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = built / "wrong"
    whole = built / "whole"
    assert main(["--project", str(built / "project"), "--out", str(out), "merge", str(built / "shard-1"), str(whole)]) == 1
    assert capsys.readouterr().err == (
        f"error: {whole}: not a shard's out folder (no readable {RECORD})\n"
        f"    fix: build it with `sitrep build --shard K/N --out {whole}`\n"
        f"nothing written: {out} is unchanged\n"
    )
    assert not out.exists()


def test_shards_of_other_inputs_are_refused(built: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "project"
    shutil.copytree(built / "project", project, ignore=shutil.ignore_patterns("_site"))
    events = project / "content" / "events.yaml"
    events.write_text(events.read_text().replace("title: Two Katyusha rockets hit Balad Airbase", "title: Rockets hit Balad", 1))
    assert main(["--project", str(project), "--quiet", "--out", str(tmp_path / "shard-2"), "build", "--shard", "2/3"]) == 0
    capsys.readouterr()
    out = tmp_path / "merged"
    shards = [str(built / "shard-1"), str(tmp_path / "shard-2"), str(built / "shard-3")]
    assert main(["--project", str(project), "--out", str(out), "merge", *shards]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith(f"error: {tmp_path / 'shard-2'}: built from other inputs than {built / 'shard-1'} (")
    assert err[1:] == [
        "    fix: build every shard from the same commit and the same options",
        f"nothing written: {out} is unchanged",
    ]
    assert not out.exists()


@pytest.mark.parametrize("text", ["0/3", "4/3", "2", "a/b", "1/0"])
def test_a_bad_shard_option_says_the_form(text: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["build", "--shard", text])
    assert stopped.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        "sitrep build: error: argument --shard: expected K/N with 1 <= K <= N, e.g. --shard 2/4 for the second of four slices"
    )


def test_shards_share_the_pdfs_round_robin() -> None:
    slugs = [f"b{n:02}" for n in range(10)]
    owned = [[s for s in slugs if parse_shard(f"{k}/4").owns(f"briefings/{s}.pdf", slugs)] for k in (1, 2, 3, 4)]
    assert owned == [["b00", "b04", "b08"], ["b01", "b05", "b09"], ["b02", "b06"], ["b03", "b07"]]
    assert all(Shard(k, 4).owns("briefings/b01.html", slugs) for k in (1, 2, 3, 4))
