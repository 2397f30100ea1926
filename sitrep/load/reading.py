"""Reading content files: finding them, parsing each once (cached by size and time), validating items, keeping origins."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from ..model import ID_PATTERN
from ..problems import Problem
from . import messages
from .yamlsafe import Document, decode, parse

ParseCache = dict[Path, tuple[tuple[int, int], Document | None, Problem | None]]


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
        """The parsed file, or None (its problem reported); parsed again only when it changed."""
        stat = path.stat()
        stamp = (stat.st_mtime_ns, stat.st_size)
        if self.cache is not None and path in self.cache and self.cache[path][0] == stamp:
            _, doc, problem = self.cache[path]
        else:
            doc, problem = self._parse(path)
            if self.cache is not None:
                self.cache[path] = (stamp, doc, problem)
        if problem is not None:
            self.problems.append(problem)
        return doc

    def _parse(self, path: Path) -> tuple[Document | None, Problem | None]:
        rel = self.rel(path)
        text, problem = decode(rel, path.read_bytes())
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
        item = self.validate(cls, data, Origin(doc, ()), what, path.stem, {key})
        return None if item is None else (item, doc)

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
