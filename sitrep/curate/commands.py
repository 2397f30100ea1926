"""The curation commands as the analyst meets them: what was written, what was found, what is left to do."""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from pathlib import Path

from ..problems import Problem, plural
from . import CurateError


def run(args: argparse.Namespace) -> int:
    """Run add-source, quote or suggest; print every problem located, with its fix, and return 1 on any."""
    try:
        if args.command == "add-source":
            return _add_source(args.project, args.file, args.source_id)
        if args.command == "quote":
            return _quote(args.project, args.source, args.words, args.count)
        if args.command == "suggest":
            return _suggest(args.project, args.source)
    except CurateError as error:
        for problem in error.problems:
            print(problem.format(), file=sys.stderr)
        if args.command != "quote":  # the commands that write say that they did not
            print("nothing written", file=sys.stderr)
        return 1
    raise AssertionError(args.command)


def _add_source(project: Path, file: Path, source_id: str | None) -> int:
    from .add_source import add_source

    archived = add_source(project, file, source_id)
    article = archived.article
    root = project.resolve()
    print(f"archived {article.name} as source '{archived.source_id}':")
    what = {".txt": "the text quotes are checked against", ".html": "the page as saved", ".yaml": "its metadata"}
    names = [path.relative_to(root).as_posix() for path in archived.written]
    width = max(len(name) for name in names)
    for name, path in zip(names, archived.written, strict=True):
        print(f"  {name:<{width}}  {what[path.suffix]}")
    print("found:")
    for field in ("title", "outlet", "author", "published", "url"):
        found = getattr(article, field)
        if found.value is None:
            if field != "url":
                print(f"  {field:<10} (none)")
            continue
        how = found.how.rstrip(".")
        print(f"  {field:<10} {found.value}" + (f" — {how[0].lower()}{how[1:]}" if how else ""))
    missing = [name for name in ("title", "published") if getattr(article, name).value is None]
    fill = ", ".join([*missing, "kind", "reliability", "descriptor"])
    yaml_path = next(path for path in archived.written if path.suffix == ".yaml").relative_to(root).as_posix()
    print(f"to do: fill in {fill} in {yaml_path}; `sitrep check` reports them until you do")
    return 0


def _suggest(project: Path, source: str) -> int:
    from .suggest import suggest, write_review

    found = suggest(project, source)
    path = write_review(project, found)
    rel = path.relative_to(project.resolve()).as_posix()
    skipped = f" ({plural(found.already_cited, 'sentence')} already cited left out)" if found.already_cited else ""
    print(
        f"wrote {rel}: {plural(len(found.candidates), 'candidate event')} from {plural(found.sentences, 'sentence')} of {found.text_path}{skipped}"
    )
    for candidate in found.candidates:
        names = ", ".join(dict.fromkeys(m.id for m in candidate.mentions)) or "-"
        words = " ".join(candidate.sentence.text.split())
        words = words if len(words) <= 60 else words[:59] + "…"
        print(
            f'  line {candidate.sentence.line:<4} {candidate.date:<10}  {candidate.event_type:<10}  {names[:40]:<40}  "{words}"'
        )
    print(
        "to accept one: copy its lines into content/events.yaml, remove the '# ' in front of each, confirm what is marked 'confirm', and run `sitrep check`"
    )
    return 0


def _quote(project: Path, source: str, words: str, count: int) -> int:
    from . import archived_text, citation_yaml
    from .finder import find_passages, fold

    source_id, rel, text = archived_text(project, source)
    shown = " ".join(words.split())
    found = find_passages(text, words, limit=max(1, count))
    if not found:
        raise CurateError(
            [
                Problem(
                    rel,
                    None,
                    None,
                    f'nothing in the text is like "{shown}"',
                    "try fewer words, or rarer ones (a name, a place, a number), spelled as the source spells them",
                )
            ]
        )
    print(f'{rel}: {plural(len(found), "passage")} like "{shown}", best first')
    for passage in found:
        exact = " ".join(fold(words).split()) == " ".join(fold(passage.quote).split())
        alike = "word for word" if exact else f"{min(passage.score, 99):.0f}% alike"  # 100 only for the words exactly
        print(f"\nline {passage.line}, {alike}, in: {json.dumps(passage.sentence, ensure_ascii=False)}")
        print(textwrap.indent(citation_yaml(source_id, passage.quote), "  "))
    print("\npaste a citation under cite: in an event, actor or judgment; `sitrep check` confirms it")
    return 0
