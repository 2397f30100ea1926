"""Reading content files: finding them, parsing each once (cached by its bytes), validating items, keeping origins."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from ..model import ID_PATTERN
from ..problems import Problem
from . import messages
from .yamlsafe import Document, decode, parse

# path -> the digest of its bytes, and what parsing those bytes gave
ParseCache = dict[Path, tuple[bytes, Document | None, Problem | None]]


@dataclass(frozen=True)
class Made:
    """What one file made on its own, before any check across files: its items (validated, or None) and its problems.

    Kept by the caller (`MadeCache`) for a file read again unchanged: its parse is the same `doc` object then. The
    messages of a problem may quote the archived texts (a citation hint), so with problems it holds those it read.
    """

    doc: Document
    settings: Any  # what else went in (a briefing's project defaults): compared on reuse
    texts: dict[str, str] | None  # the archived texts its problems' hints read; None when it has no problem
    items: tuple[tuple[Any, tuple[Problem, ...]], ...]  # each item made, with the problems met making it


# (path, what it was read as) -> what it made: the live preview keeps one, so a save re-validates the edited file only
MadeCache = dict[tuple[Path, str], Made]


@dataclass(frozen=True)
class Origin:
    """Where an item was written: its document and the path of the item inside it."""

    doc: Document
    loc: tuple[str | int, ...]

    def at(self, *sub: str | int, key: bool = False) -> tuple[str, int, int]:
        line, col = self.doc.locate(self.loc + sub, at_key=key)
        return self.doc.path, line, col

    def find(self, sub: tuple[str | int, ...], needle: str, occurrence: int = 0) -> tuple[str, int, int]:
        """Where the `occurrence`-th `needle` is written inside the value at `sub` (e.g. a reference in prose)."""
        line, col = self.doc.find(self.loc + sub, needle, occurrence)
        return self.doc.path, line, col


def located_only(origins: dict[tuple[str, str], Origin]) -> dict[tuple[str, str], Origin]:
    """The same origins, each file's document without its parsed data (one lean document a file, shared by its
    items as the parse's was): the checks locate from the text alone. At 100,000 events the parsed data was a
    third of what a checked project holds, and nothing reads it once the items are made."""
    lean: dict[int, Document] = {}
    kept: dict[tuple[str, str], Origin] = {}
    for key, origin in origins.items():
        doc = lean.get(id(origin.doc))
        if doc is None:
            doc = lean[id(origin.doc)] = origin.doc.located_only()
        kept[key] = Origin(doc, origin.loc)
    return kept


@dataclass
class Reading:
    """What the loaders gather as they go: problems, where each item came from, the files read."""

    root: Path
    cache: ParseCache | None
    problems: list[Problem] = field(default_factory=list)
    origins: dict[tuple[str, str], Origin] = field(default_factory=dict)
    files: list[Path] = field(default_factory=list)
    # ids written but invalid, and collections with a file that could not be read: references to
    # them are not reported again as dangling
    invalid: set[tuple[str, str]] = field(default_factory=set)
    unreadable: set[str] = field(default_factory=set)
    texts: dict[str, str] = field(default_factory=dict)  # archived sources once read: hints may quote them
    made: MadeCache | None = None

    @contextmanager
    def problems_apart(self) -> Iterator[list[Problem]]:
        """The problems reported inside the block, kept apart from the others (to go with what made them)."""
        outer, self.problems = self.problems, []
        try:
            yield self.problems
        finally:
            self.problems = outer

    def made_from(
        self, path: Path, what: str, doc: Document, settings: Any, make: Callable[[], list[tuple[Any, tuple[Problem, ...]]]]
    ) -> list[tuple[Any, tuple[Problem, ...]]]:
        """What `make` makes of the file at `path` (parsed as `doc`): each item with the problems met making it, for
        the caller to report in turn. Made again only when the file's bytes, `settings` or, for a file with
        problems, the archived texts changed; otherwise what the caller's `made` cache kept."""
        key = (path, what)
        known = self.made.get(key) if self.made is not None else None
        if (
            known is not None
            and known.doc is doc
            and known.settings == settings
            and (known.texts is None or known.texts == self.texts)
        ):
            return list(known.items)
        items = make()
        if self.made is not None:
            met = any(problems for _, problems in items)
            self.made[key] = Made(doc, settings, dict(self.texts) if met else None, tuple(items))
        return items

    def rel(self, path: Path) -> str:
        try:
            return path.resolve().relative_to(self.root).as_posix() or "."
        except ValueError:
            return path.as_posix()

    def content_files(self, folder: Path, pattern: str = "*.yaml") -> tuple[list[Path], bool]:
        """The YAML files matching `pattern` in `folder`, and whether all of them can be read.

        Reported here: '.yml' files (silently skipped they would hide data), folders named like
        files, and links that lead outside the project (content never reads what it should not).
        """
        complete = True
        found: list[Path] = []
        for path in sorted(folder.glob(pattern)):
            rel = self.rel(path)
            if path.is_dir():
                self.problems.append(messages.folder_not_file(rel))
                complete = False
            elif not path.resolve().is_relative_to(self.root):
                self.problems.append(messages.link_outside(rel))
                complete = False
            elif not path.is_file():
                self.problems.append(messages.unreadable_file(rel))
                complete = False
            else:
                found.append(path)
        for path in sorted(folder.glob(pattern.replace(".yaml", ".yml"))):
            self.problems.append(messages.yml_suffix(self.rel(path)))
            complete = False
        return found, complete

    def read(self, path: Path) -> Document | None:
        """The parsed file, or None (its problem reported); parsed again only when its bytes changed.

        Keyed by content, not time and size: reading is cheap next to parsing, a save within the file system's
        time granularity that keeps the size is not missed, and a save that changes nothing costs no parse.
        """
        data = path.read_bytes()
        stamp = hashlib.blake2b(data, digest_size=16).digest()
        known = self.cache.get(path) if self.cache is not None else None
        if known is not None and known[0] == stamp:
            doc, problem = known[1], known[2]
        else:
            doc, problem = self._parse(path, data)
        if self.cache is not None:
            self.cache[path] = (stamp, doc, problem)
        if problem is not None:
            self.problems.append(problem)
        return doc

    def _parse(self, path: Path, data: bytes) -> tuple[Document | None, Problem | None]:
        rel = self.rel(path)
        text, problem = decode(rel, data)
        if problem is not None:
            return None, problem
        assert text is not None
        if not text.strip() and text:
            return None, messages.only_white_space(rel)
        return parse(rel, text)

    def bad_file_name(self, path: Path, what: str) -> bool:
        """Report a file whose name is not a valid id; True when it was bad."""
        if re.match(ID_PATTERN, path.stem):
            return False
        renamed = self.rel(path.with_name(messages.kebab(path.stem) + path.suffix))
        self.problems.append(messages.bad_file_name(self.rel(path), path.stem, what, renamed))
        return True

    def read_named(
        self, path: Path, cls: type[BaseModel], what: str, key: str, defaults: dict[str, Any] | None = None
    ) -> tuple[BaseModel, Document] | None:
        """One item in a file of its own (a source, a briefing), whose id or slug is the file name.

        `defaults` fill the fields the file leaves out (the project's settings for briefings).
        """
        doc = self.read(path)
        if doc is None:
            return None

        def make() -> list[tuple[Any, tuple[Problem, ...]]]:
            with self.problems_apart() as problems:
                item = self._validate_named(path, doc, cls, key, defaults, what)
            return [(item, tuple(problems))]

        [(item, problems)] = self.made_from(path, what, doc, (cls, key, defaults), make)
        self.problems.extend(problems)
        return None if item is None else (item, doc)

    def _validate_named(
        self, path: Path, doc: Document, cls: type[BaseModel], key: str, defaults: dict[str, Any] | None, what: str
    ) -> BaseModel | None:
        if not isinstance(doc.data, dict):
            self.problems.append(messages.wrong_shape(doc, "a mapping of fields", messages.MAPPING_HINT))
            return None
        data = dict(doc.data)
        if key in data and data[key] != path.stem:
            line, col = doc.locate((key,))
            self.problems.append(messages.key_differs_from_file_name((doc.path, line, col), key, data[key], path.stem, what))
            return None
        data[key] = path.stem
        for name, value in (defaults or {}).items():
            data.setdefault(name, value)
        return self.validate(cls, data, Origin(doc, ()), what, path.stem, {key})

    def validate(
        self,
        cls: type[BaseModel],
        data: dict[str, Any],
        origin: Origin,
        what: str,
        item_id: str | None,
        from_file_name: Collection[str] = (),
    ) -> BaseModel | None:
        try:
            return cls.model_validate(data)
        except ValidationError as error:
            label = f"{what} '{item_id}'" if item_id else what
            for detail in error.errors(include_url=False):
                self.problems.append(messages.field_problem(origin.at, label, cls, detail, data, from_file_name, self.texts))
            return None
