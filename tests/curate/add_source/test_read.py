"""Reading an article: bad bytes, a missing file, a page with no article, no project: each refused, nothing written."""

from __future__ import annotations

from pathlib import Path

from ...conftest import ARTICLES, Run


def test_bad_input_is_refused_with_a_located_error(tmp_path: Path, project: Path, run: Run) -> None:
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Headline of a page\n\nCaf\u00e9 owners say the market is closed.\n".encode("latin-1"))
    result = run("--project", str(project), "add-source", str(latin))
    assert (result.code, result.err) == (
        1,
        "latin.txt:3:4: byte 0xe9 is not UTF-8 text\n"
        "    fix: save the file as UTF-8 (most editors offer it under 'Save with encoding')\n"
        "nothing written\n",
    )
    missing = tmp_path / "gone.html"
    result = run("--project", str(project), "add-source", str(missing))
    assert result.err == f"{missing}: no such file\n    fix: give the path of a saved article (.txt or .html)\nnothing written\n"
    empty_page = tmp_path / "empty.html"
    empty_page.write_text(
        "<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a></nav></body></html>", encoding="utf-8"
    )
    result = run("--project", str(project), "add-source", str(empty_page))
    assert result.err == (
        'empty.html: trafilatura found no article text in this page (only 1 word: "Home")\n'
        "    fix: save the article's text by hand as a .txt file and run add-source on it\n"
        "nothing written\n"
    )
    result = run("--project", str(tmp_path), "add-source", str(ARTICLES / "tigris-ledger.txt"))
    assert result.err == (
        f"{tmp_path}: no 'content/' folder here: this is not a sitrep project\n"
        "    fix: run from a project folder or pass --project DIR\n"
        "nothing written\n"
    )
    assert sorted(tmp_path.iterdir()) == sorted([latin, empty_page, project])
