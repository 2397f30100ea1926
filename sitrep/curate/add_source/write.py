"""Writing what add-source found: the archived text and a source file beside it, new files only, all or nothing."""

from __future__ import annotations

import json
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ... import model
from ...problems import Problem
from .. import CurateError
from .article import Article, Found
from .read import read_article


@dataclass(frozen=True)
class Archived:
    source_id: str
    article: Article
    written: tuple[Path, ...]


FILL = ("kind", "reliability", "descriptor")  # what only the analyst can say about a source


def add_source(project_dir: Path, path: Path, source_id: str | None = None) -> Archived:
    """Archive `path` as a source of the project: its text, the page (if a page) and its metadata; never overwrite."""
    project_dir = project_dir.resolve()
    if not (project_dir / "content").is_dir():
        raise CurateError(
            [
                Problem(
                    str(project_dir),
                    None,
                    None,
                    "no 'content/' folder here: this is not a sitrep project",
                    "run from a project folder or pass --project DIR",
                )
            ]
        )
    if source_id is not None and not re.match(model.ID_PATTERN, source_id):
        raise CurateError(
            [
                Problem(
                    "--id",
                    None,
                    None,
                    f"'{source_id}' is not a valid source id",
                    "ids are lower-case kebab: letters, digits and single hyphens, e.g. 'tigris-ledger-2020-04-22'",
                )
            ]
        )
    article = read_article(path)
    chosen = source_id or default_id(article)
    folder = project_dir / "content" / "sources"
    files: dict[Path, bytes] = {folder / f"{chosen}.txt": article.text.encode("utf-8")}
    if article.html is not None:
        files[folder / f"{chosen}.html"] = article.html
    files[folder / f"{chosen}.yaml"] = source_yaml(article).encode("utf-8")  # last: the loader starts from it
    taken = [target for target in files if target.exists() or target.is_symlink()]
    if taken:
        hint = "pass --id with another id" if source_id is None else "choose another --id"
        raise CurateError(
            [
                Problem(
                    target.relative_to(project_dir).as_posix(),
                    None,
                    None,
                    "already exists: add-source never overwrites a file",
                    f"{hint}, or delete the file if it is an old copy of this article",
                )
                for target in taken
            ]
        )
    folder.mkdir(exist_ok=True)
    return Archived(chosen, article, tuple(write_new(files)))


def default_id(article: Article) -> str:
    """outlet-date (the project's habit: 'iranwire-2020-04-12'), or the title's first words where there is no outlet."""
    words = article.outlet.value or "unnamed-outlet"
    if article.outlet.value is None and article.title.value:
        words = " ".join(article.title.value.split()[:5])
    stem = re.sub(r"[^a-z0-9]+", "-", _ascii(words).lower()).strip("-")
    stem = re.sub(r"^the-", "", stem) or "source"
    return f"{stem}-{article.published.value}" if article.published.value else stem


def source_yaml(article: Article) -> str:
    """The metadata file: what the article shows, each value with how it was found; what the analyst must say left empty."""
    from ...model.vocab import RELIABILITY

    lines = [
        "# yaml-language-server: $schema=../../schema/source.schema.json",
        f"# Written by `sitrep add-source` from {article.name}: {article.extracted_by}.",
        "# Check every value against the article; fill in the three empty fields at the end.",
    ]
    for name in ("title", "outlet", "author"):
        found: Found = getattr(article, name)
        lines.append(f"{name}: {_scalar(found.value)}  # {found.how}")
    lines.append(f"published: {_scalar(article.published.value)}")
    lines.append(f"published_note: {_scalar(article.published.how)}")
    if article.url.value is not None:
        lines.append(f"url: {_scalar(article.url.value)}  # {article.url.how}")
    letters = ", ".join(f"{letter} {label.lower()}" for letter, (label, _) in RELIABILITY.items())
    lines += [
        "kind:  # fill in: news, analysis, official, social or other",
        f"reliability:  # fill in, Admiralty code: {letters}",
        "descriptor:  # fill in: one line on the source's access, bias and currency (ICD 206)",
    ]
    return "\n".join(lines) + "\n"


def _scalar(value: str | None) -> str:
    """A YAML scalar: null, or a double-quoted string (JSON's escapes are YAML's)."""
    return "null" if value is None else json.dumps(value, ensure_ascii=False)


def _ascii(text: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def write_new(files: dict[Path, bytes]) -> list[Path]:
    """Write each file whole under its name, or none of them; a name that appears meanwhile is never replaced."""
    written: list[Path] = []
    try:
        for target, data in files.items():
            handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
            try:
                with os.fdopen(handle, "wb") as out:
                    out.write(data)
                os.link(temporary, target)  # fails if the name exists: no overwrite, even in a race
            finally:
                os.unlink(temporary)
            written.append(target)
    except OSError as error:
        for done in written:
            done.unlink()
        raise CurateError(
            [
                Problem(
                    str(error.filename or files),
                    None,
                    None,
                    f"could not write: {error.strerror}",
                    "nothing was written; fix and run again",
                )
            ]
        ) from error
    return written
