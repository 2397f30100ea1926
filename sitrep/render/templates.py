"""Templates are code: a sandboxed Jinja environment whose loader reads only real files inside the template folders."""

from __future__ import annotations

import os
import types
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import jinja2.loaders
import jinja2.sandbox

from ..problems import Problem
from ..resources import shipped

DEFAULT_TEMPLATES = shipped("templates").resolve()
MAX_TEMPLATE_BYTES = 1024 * 1024
SANDBOX_HINT = "templates run sandboxed: use the values each page is given (docs/templates.md lists them), not Python internals"


class TemplateProblem(Exception):
    """Templates that cannot be used, each located: missing, refused (a link out, not a file), or failing to render."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(p.message for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class Folder:
    """A template folder: where it is, and how messages name it (templates/ for the project's)."""

    path: Path
    shown: str

    def name(self, relative: str) -> str:
        return f"{self.shown}/{relative}"


def folders_of(project_templates: Path | None) -> list[Folder]:
    """The template folders that exist, the project's first (it shadows the defaults)."""
    found = []
    if project_templates is not None and project_templates.is_dir():
        found.append(Folder(project_templates, "templates"))
    found.append(Folder(DEFAULT_TEMPLATES, str(DEFAULT_TEMPLATES)))
    return found


def confined(folder: Folder, relative: str) -> Path | None:
    """The real file `relative` names inside `folder`, or None if there is nothing there.

    Refused (TemplateProblem): a link that leads out of the folder, anything that is not a regular file, a file
    over the size limit. A link to another file inside the folder is followed.
    """
    candidate = folder.path / relative
    if not os.path.lexists(candidate):
        return None
    root = folder.path.resolve()
    real = candidate.resolve()
    shown = folder.name(relative)
    if not real.is_relative_to(root):
        raise TemplateProblem(
            [_refused(shown, "is a link to a file outside the templates folder", "copy the file in instead of linking to it")]
        )
    if not real.is_file():
        raise TemplateProblem([_refused(shown, "is not a regular file", "replace it with an ordinary file")])
    if real.stat().st_size > MAX_TEMPLATE_BYTES:
        limit = MAX_TEMPLATE_BYTES // 1024 // 1024
        raise TemplateProblem([_refused(shown, f"is over the {limit} MB limit for a template or asset", "make it smaller")])
    return real


def _refused(shown: str, what: str, hint: str) -> Problem:
    return Problem(shown, None, None, f"refused: {what}", hint)


class ConfinedLoader(jinja2.BaseLoader):
    """Loads a template from the first folder that has it; never follows a link out of a folder."""

    def __init__(self, folders: Sequence[Folder]) -> None:
        self.folders = list(folders)

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        relative = "/".join(jinja2.loaders.split_template_path(template))  # refuses '..' and absolute names
        for folder in self.folders:
            real = confined(folder, relative)
            if real is None:
                continue
            source = real.read_text(encoding="utf-8")
            stamp = real.stat().st_mtime_ns
            path = folder.path / relative

            def uptodate(path: Path = path, real: Path = real, stamp: int = stamp) -> bool:
                return path.resolve() == real and real.is_file() and real.stat().st_mtime_ns == stamp

            return source, str(path), uptodate
        raise jinja2.TemplateNotFound(template)

    def list_templates(self) -> list[str]:
        return sorted({name for folder in self.folders for name, _ in files_in(folder)})


def _entries(folder: Folder) -> Iterator[tuple[str, Path] | Problem]:
    """Every file under a folder as (relative name, real path), or the Problem that refuses it; never enters a link."""
    for parent, dirs, files in os.walk(folder.path):  # os.walk does not descend into links to folders
        dirs.sort()
        for name in dirs:
            if os.path.islink(os.path.join(parent, name)):
                relative = Path(parent, name).relative_to(folder.path).as_posix()
                yield _refused(folder.name(relative), "is a link to a folder", "copy the files in instead of linking to them")
        for name in sorted(files):
            relative = Path(parent, name).relative_to(folder.path).as_posix()
            try:
                real = confined(folder, relative)
            except TemplateProblem as refused:
                yield from refused.problems
                continue
            if real is not None:
                yield relative, real


def files_in(folder: Folder) -> Iterator[tuple[str, Path]]:
    """Every file under a folder as (relative name, real path); the first refused one raises TemplateProblem."""
    for entry in _entries(folder):
        if isinstance(entry, Problem):
            raise TemplateProblem([entry])
        yield entry


class Sandbox(jinja2.sandbox.ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, its verdict on an attribute kept per (type, attribute name).

    Jinja decides whether `obj.attr` is safe from the attribute's name and the kind of object alone (a function's
    `__globals__`, a list's `append`, any name starting with "_"), never from the value found; a page reads the
    same few attributes of the same few types hundreds of thousands of times, and deciding anew each time was a
    third of HTML time. An object whose `__class__` is not its type (a proxy) is judged each time, as Jinja does.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.verdicts: dict[tuple[type, str], bool] = {}  # this environment's own: an environment is held by its caller

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """Jinja's, asked only of a method: Jinja asks it of every attribute a template reads, and `type(value) is`
        (a method type cannot be subclassed) says what its isinstance says, for less."""
        if type(value) is not types.MethodType and type(value) is not types.BuiltinMethodType:
            return None
        return super().wrap_str_format(value)

    def getattr(self, obj: Any, attribute: str) -> Any:
        """Jinja's, with what it would decide known in advance: an attribute of a type already judged safe (and not
        a method, which `wrap_str_format` must see) is returned at once; anything else goes Jinja's way."""
        kind = type(obj)
        if self.verdicts.get((kind, attribute)) and obj.__class__ is kind:
            try:
                value = getattr(obj, attribute)
            except AttributeError:
                return super().getattr(obj, attribute)
            if type(value) is not types.MethodType and type(value) is not types.BuiltinMethodType:
                return value
        return super().getattr(obj, attribute)

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        kind = type(obj)
        if obj.__class__ is not kind:
            return super().is_safe_attribute(obj, attr, value)
        verdict = self.verdicts.get((kind, attr))
        if verdict is None:
            verdict = self.verdicts[(kind, attr)] = super().is_safe_attribute(obj, attr, value)
        return verdict


def sandbox(folders: Sequence[Folder]) -> Sandbox:
    """The environment templates run in: sandboxed and immutable (no attribute of Python internals, no mutating
    of the values pages are given), autoescaped, and an undefined value is an error.

    Each template is read once: asking the file system whether it changed, page after page, was 3 % of a page. The
    live preview makes a new environment when a template changes (a new file may shadow a default one).
    """
    return Sandbox(
        loader=ConfinedLoader(folders),
        auto_reload=False,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def template_problems(project_templates: Path) -> list[Problem]:
    """Every file of the project's templates folder that the loader or the asset copy would refuse, found up front."""
    if not project_templates.is_dir():
        return []
    if not project_templates.resolve().is_relative_to(project_templates.parent.resolve()):
        return [_refused("templates", "is a link to a folder outside the project", "copy the templates into the project")]
    return [entry for entry in _entries(folders_of(project_templates)[0]) if isinstance(entry, Problem)]
