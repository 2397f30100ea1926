"""The loader on whole files that are not what they should be: encoding, emptiness, shape, bombs."""

from __future__ import annotations

import time
from pathlib import Path

from ..conftest import Run, edit

A = "content/actors.yaml"


def _only_error(run: Run, project: Path) -> str:
    result = run("--project", str(project), "check")
    assert result.code == 1
    lines = result.err.splitlines()
    assert lines[-1] == "check failed: 1 error, 0 warnings in 1 file", result.err
    return "\n".join(lines[:-1])


def test_non_utf8_bytes_are_located(project: Path, run: Run) -> None:
    path = project / A
    path.write_bytes(path.read_bytes().replace(b"name: Iran", b"name: Ir\xe1n"))
    assert _only_error(run, project) == (
        f"{A}:2:11: byte 0xe1 is not UTF-8 text\n    fix: save the file as UTF-8 (most editors offer it under 'Save with encoding')"
    )


def test_empty_collection_file(project: Path, run: Run) -> None:
    (project / "content/assumptions.yaml").write_text("# nothing yet\n")
    edit(project / "content/judgments.yaml", "  assumptions: [iran-controls-proxies]\n", "")
    assert _only_error(run, project) == (
        "content/assumptions.yaml: file is empty: expected a list of assumptions\n"
        "    fix: add assumptions as a YAML list ('- id: ...'), or delete the file"
    )


def test_whitespace_only_file(project: Path, run: Run) -> None:
    (project / "briefings/ed3.yaml").write_text("   \n\n  \n")
    assert (
        _only_error(run, project)
        == "briefings/ed3.yaml: file holds only white space\n    fix: write the content, or delete the file"
    )


def test_mapping_where_a_list_belongs(project: Path, run: Run) -> None:
    (project / "content/assumptions.yaml").write_text(
        "id: iran-controls-proxies\nstatement: Tehran can restrain or unleash its Iraqi allies.\nrating: caveated\n"
    )
    assert _only_error(run, project) == (
        "content/assumptions.yaml:1:1: expected a list of assumptions, found a mapping\n"
        "    fix: start each assumption with '- ' (a list item)"
    )


def test_missing_archived_text(project: Path, run: Run) -> None:
    (project / "content/sources/meo.txt").unlink()
    assert _only_error(run, project) == (
        "content/sources/meo.yaml:1:1: source 'meo' has no archived text: content/sources/meo.txt is missing\n"
        "    fix: save the article's text, exactly as published, as content/sources/meo.txt"
    )


def test_source_unknown_key_lists_allowed_keys(project: Path, run: Run) -> None:
    edit(project / "content/sources/aw.yaml", "kind: news", "kind: news\nreliabilty: B")
    assert _only_error(run, project) == (
        "content/sources/aw.yaml:6:1: source 'aw': unknown key 'reliabilty'\n"
        "    fix: allowed keys here: title, outlet, author, published, published_note, published_by, url, accessed, "
        "kind, reliability, reliability_reason, descriptor, language"
    )


def test_alias_bomb_is_refused_quickly(project: Path, run: Run) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    (project / "content/scenarios.yaml").write_text("\n".join(lines) + "\n")
    started = time.perf_counter()
    message = _only_error(run, project)
    assert time.perf_counter() - started < 2
    assert message == (
        "content/scenarios.yaml:1:5: aliases expand to more than 10,000 copies\n"
        "    fix: write the data out instead of nesting aliases ('*name') of anchors ('&name')"
    )


def test_deep_nesting_is_refused(project: Path, run: Run) -> None:
    (project / "content/scenarios.yaml").write_text("- " + "[" * 100 + "]" * 100 + "\n")
    assert (
        _only_error(run, project)
        == "content/scenarios.yaml:1:67: nesting is deeper than 64 levels\n    fix: flatten the structure"
    )


def test_huge_file_is_refused_without_parsing(project: Path, run: Run) -> None:
    (project / "content/scenarios.yaml").write_bytes(b"# " + b"x" * (21 * 1024 * 1024) + b"\n")
    assert _only_error(run, project) == (
        "content/scenarios.yaml: file is 21.0 MB, over the 20 MB limit\n    fix: split the collection into a folder of smaller files"
    )


def test_collection_split_across_folder(project: Path, run: Run) -> None:
    events = project / "content/events.yaml"
    folder = project / "content/events"
    folder.mkdir()
    text = events.read_text()
    first, second = text.split("- id: 2020-01-03-soleimani-killed")
    (folder / "2019.yaml").write_text(first)
    (folder / "2020.yaml").write_text("- id: 2020-01-03-soleimani-killed" + second)
    events.unlink()
    result = run("--project", str(project), "check", "--strict")
    assert result.code == 0, result.err
    assert "3 events" in result.out


def test_duplicate_ids_across_files_of_a_folder(project: Path, run: Run) -> None:
    folder = project / "content/events"
    folder.mkdir()
    (folder / "more.yaml").write_text((project / "content/events.yaml").read_text())
    result = run("--project", str(project), "check")
    assert result.code == 1
    assert (
        "content/events/more.yaml:1:7: duplicate event id '2019-12-05-balad-rockets' (first used at content/events.yaml:1)\n"
        in result.err
    )


def test_the_citation_a_missing_cite_hint_shows_checks_when_pasted(run: Run, project: Path) -> None:
    actors = project / A
    text = actors.read_text(encoding="utf-8")
    start = text.index("- id: pmf")
    end = text.index("\n- id:", start + 1)
    item = text[start:end]
    without = "\n".join(line for line in item.splitlines() if not line.startswith(("  cite:", "    - source:", "      quote:")))
    actors.write_text(text[:start] + without + text[end:], encoding="utf-8")
    message = _only_error(run, project)
    hint = message.split("paste this at the indent of its other keys:\n", 1)[1]
    lines = hint.splitlines()
    assert lines[0] == "      cite:"
    pasted = "\n".join(line[4:] for line in lines)  # the hint's own indent, less the 'fix:' margin
    actors.write_text(text[:start] + without + "\n" + pasted + text[end:], encoding="utf-8")
    result = run("--project", str(project), "check")
    assert result.code == 0, result.err


def test_hidden_characters_in_an_archived_text_are_a_located_warning(project: Path, run: Run) -> None:
    """The text is evidence, so it stays byte for byte; the analyst is told where the hidden characters are."""
    text = project / "content/sources/aw.txt"
    raw = text.read_bytes().replace(b"without causing", "without \u202ecausing\x1b[8m".encode()) + b"\r\nWindows line\r\n"
    text.write_bytes(raw)
    result = run("--project", str(project), "check")
    assert result.code == 0
    assert result.err == (
        "content/sources/aw.txt:3:76: warning: the archived text holds bidi control U+202E (RIGHT-TO-LEFT OVERRIDE), "
        "and 1 more such character; pages show each as a visible mark\n"
        "    fix: the text stays as archived, since it is evidence: compare it with the original, where such characters can hide or reorder words\n"
        "0 errors, 1 warning in 1 file (warnings fail the check only with --strict)\n"
    )
    assert text.read_bytes() == raw
    assert run("--project", str(project), "check", "--strict").code == 1


def test_a_one_off_load_keeps_no_parsed_data_and_still_locates_what_the_check_finds(project: Path) -> None:
    """Without a parse cache nothing reads a file's parsed data once its items are made: origins keep each file's
    text alone (one document a file), and a problem the check finds afterwards is located as before."""
    from sitrep.checking import load_and_check

    edit(project / "content/events.yaml", "    - {actor: pmf, role: target}", "    - {actor: nobody-known, role: target}")
    loaded, problems = load_and_check(project)
    kept, kept_problems = load_and_check(project, cache={})  # the live preview's way: parses kept, data with them
    assert all(origin.doc.data is None for origin in loaded.origins.values())
    assert all(origin.doc.data is not None for origin in kept.origins.values())
    files = {origin.doc.path for origin in loaded.origins.values()}
    assert len({id(origin.doc) for origin in loaded.origins.values()}) == len(files)
    assert [p.format() for p in problems] == [p.format() for p in kept_problems]
    assert problems[0].format() == (
        "content/events.yaml:19:15: actor 'nobody-known' does not exist\n"
        "    fix: use the id of an actor defined in content/actors, or add one"
    )
    where = {key: (o.doc.path, o.at(), o.at("id", key=True), o.find(("title",), "Baghdad")) for key, o in loaded.origins.items()}
    assert where == {
        key: (o.doc.path, o.at(), o.at("id", key=True), o.find(("title",), "Baghdad")) for key, o in kept.origins.items()
    }
