"""Curation helpers: archive an article (add_source), find exact quotes (finder), propose facts (suggest)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from ..load.yamlsafe import decode
from ..model import ID_PATTERN
from ..problems import Problem
from ..quotes import MIN_QUOTE_WORDS


class CurateError(Exception):
    """A curation command refused its input; carries every problem found. Nothing was written."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


def archived_text(project_dir: Path, source: str) -> tuple[str, str, str]:
    """(source id, path of its archived text in the project, the text) for a source id or its file's name."""
    source_id = Path(source).stem if source.endswith((".txt", ".yaml", ".html")) else source
    folder = project_dir.resolve() / "content" / "sources"
    path = folder / f"{source_id}.txt"
    rel = f"content/sources/{source_id}.txt"
    if not re.match(ID_PATTERN, source_id) or not path.is_file():
        known = sorted(found.stem for found in folder.glob("*.txt"))
        raise CurateError(
            [
                Problem(
                    rel,
                    None,
                    None,
                    f"no archived text for source '{source_id}'",
                    f"give the id of a source with an archived text ({', '.join(known) or 'none yet'}), or add one with `sitrep add-source FILE`",
                )
            ]
        )
    text, problem = decode(rel, path.read_bytes())
    if problem is not None:
        raise CurateError([problem])
    assert text is not None
    return source_id, rel, text


def citation_yaml(source_id: str, quote: str) -> str:
    """A citation to paste under `cite:`; the quote double-quoted, as YAML and JSON both read it."""
    return f"- source: {source_id}\n  quote: {json.dumps(quote, ensure_ascii=False)}"


def copy_citation_script() -> str:
    """The page script of serve's "copy citation", with the quote rule's numbers filled in."""
    script = (Path(__file__).parent / "copy_citation.js").read_text(encoding="utf-8")
    return script.replace("__MIN_WORDS__", str(MIN_QUOTE_WORDS))
