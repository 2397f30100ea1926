"""Incremental builds: each output's key is a hash of exactly what it depends on; the manifest remembers them."""

from __future__ import annotations

import dataclasses
import functools
import itertools
import json
import sys
import types
from collections.abc import Iterable
from pathlib import Path
from typing import Any, ClassVar, Final

from pydantic import BaseModel

from .inputs import CODE_VERSION, MANIFEST, digest


def code_version() -> str:
    """The code and renderer this process runs: a change to either invalidates every output."""
    return CODE_VERSION


def items_digest(items: Iterable[Any]) -> str:
    """Hash of content items (models as their JSON, anything else as text), in the order given."""
    return digest(*(item.model_dump_json() if isinstance(item, BaseModel) else str(item) for item in items))


class Derived:
    """A cache handed down with a page's context (drawn pictures): all it holds is made from the rest of the context,
    so it adds nothing to a key; hashing it would make a key depend on what earlier builds happened to draw."""


def value_digest(value: Any, memo: dict[int, tuple[Any, str]]) -> str:
    """Digest of everything a value holds, followed all the way down: models by their JSON, dataclasses and plain
    objects by their fields, containers by their members, and a function by its name, the values it closes over and
    its defaults (a deferred picture is a closure over what it draws). So a page's key made from its whole context
    changes whenever anything the page can show changes. Code itself is in `code_version`.

    `memo` (one per build, kept by the caller) holds each object's digest by id, with the object, so the same
    view or item met on many pages is hashed once. A small container of plain values only (a pair of ids, a
    page's link) is not kept: hashing it again costs less than keeping it and forgetting it (`forget_unshared`);
    its digest is the same either way.
    """
    # an object in the memo is alive (the memo holds it), so no other object has its id: looked up first, as
    # most values a page holds are the build's shared items and views, met on page after page
    known = memo.get(id(value))
    if known is not None:
        return known[1]
    if type(value) in _PLAIN or isinstance(value, (bool, int, float, str, bytes)):
        return _plain_digest(value)
    if isinstance(value, Derived):
        return digest(type(value).__qualname__)
    memo[id(value)] = (value, "cycle")  # a structure that holds itself is hashed once round
    parts, composite = _parts(value, memo)
    result = digest(type(value).__qualname__, *parts)
    if composite or len(parts) > SMALL_PLAIN:
        memo[id(value)] = (value, result)
    else:
        del memo[id(value)]
    return result


_PLAIN: Final = frozenset({type(None), bool, int, float, str, bytes})
SMALL_PLAIN: Final = 32  # members of a container of plain values that the memo does not keep (see value_digest)


def _plain_digest(value: Any) -> str:
    text = repr(value)
    if len(text) <= 64:  # short values stand for themselves, length-prefixed so joined parts stay apart
        return f"{type(value).__name__}{len(text)}:{text}"
    return digest(type(value).__name__, value if isinstance(value, (str, bytes)) else text)


def forget_unshared(memo: dict[int, tuple[Any, str]], since: int = 0) -> None:
    """Drop from `memo` the objects nothing else holds any more (a page's own context, once its key is made), so
    keying pages one at a time holds one page, not every page hashed so far; what pages share stays.

    Only the entries from the `since`-th on are looked at: the memo keeps the order entries were made in, so those
    are the ones made since an earlier call left `since` entries. An object is recorded before what it holds, so
    one pass in that order frees a dropped object's members in time for them to be dropped too."""
    entries: list[tuple[int, tuple[Any, str]] | None] = list(itertools.islice(memo.items(), since, None))
    for index, pair in enumerate(entries):
        entries[index] = None  # so the list no longer holds the entry: only the memo and `pair` do
        assert pair is not None
        key, entry = pair
        del pair
        # held by the entry and by the call's argument alone: nothing outside the memo holds it
        if sys.getrefcount(entry[0]) <= 2:
            del memo[key]
        del entry


@dataclasses.dataclass
class PageMemo:
    """The `value_digest` memo of a build's page keys, which forgets what only it holds as the pages go by.

    Every `YOUNG` new entries, the entries made since the last look are looked at (`forget_unshared`): the cost per
    entry is the same however big the memo grows, and it holds at most `YOUNG` entries' worth of pages already
    keyed. Each time the memo has doubled, every entry is looked at, for what a page still held at the last look.
    """

    digests: dict[int, tuple[Any, str]] = dataclasses.field(default_factory=dict)
    looked: int = 0  # entries after the last look
    settled: int = 0  # entries after the last look at every entry

    YOUNG: ClassVar[int] = 20_000

    def digest(self, value: Any) -> str:
        """`value_digest` of `value`, through this memo."""
        return value_digest(value, self.digests)

    def forget_unshared(self) -> None:
        """Forget, if it is time to, the objects only the memo holds (between pages: a page's own, once keyed)."""
        if len(self.digests) <= self.looked + self.YOUNG:
            return
        whole = len(self.digests) > 2 * self.settled + self.YOUNG
        forget_unshared(self.digests, since=0 if whole else self.looked)
        self.looked = len(self.digests)
        if whole:
            self.settled = self.looked


def _members(values: Iterable[Any], memo: dict[int, tuple[Any, str]]) -> tuple[list[str], bool]:
    """The digests of `values`, and whether any is not plain (a plain one made here, without a call through the memo)."""
    parts: list[str] = []
    composite = False
    for member in values:
        if type(member) in _PLAIN:
            parts.append(_plain_digest(member))
        else:
            composite = True
            parts.append(value_digest(member, memo))
    return parts, composite


def _parts(value: Any, memo: dict[int, tuple[Any, str]]) -> tuple[list[str], bool]:
    """The digests `value` is made of, and whether any is of more than a plain value (see value_digest)."""
    if isinstance(value, BaseModel):
        return [value.model_dump_json()], True
    if isinstance(value, dict):
        keys, composite_keys = _members(value, memo)
        values, composite = _members(value.values(), memo)
        return [k + v for k, v in zip(keys, values, strict=True)], composite or composite_keys
    if isinstance(value, (list, tuple)):
        return _members(value, memo)
    if isinstance(value, (set, frozenset)):
        parts, composite = _members(value, memo)
        return sorted(parts), composite
    if isinstance(value, functools.partial):
        return [value_digest(value.func, memo), value_digest(value.args, memo), value_digest(value.keywords, memo)], True
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _members([getattr(value, f.name) for f in dataclasses.fields(value)], memo)
    if isinstance(value, types.FunctionType):
        cells = [cell.cell_contents for cell in value.__closure__ or ()]
        return [value.__module__, value.__qualname__, value_digest(cells, memo), value_digest(value.__defaults__, memo)], True
    if isinstance(value, (types.BuiltinFunctionType, types.MethodType, type)):
        owner = value_digest(getattr(value, "__self__", None), memo)
        return [getattr(value, "__module__", "") or "", value.__qualname__, owner], True
    if hasattr(value, "__dict__"):
        return [value_digest(vars(value), memo)], True
    return [repr(value)], True


def read_manifest(site: Path) -> dict[str, str]:
    try:
        data = json.loads((site / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}  # no site yet, or a damaged manifest: build everything
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def manifest_text(keys: dict[str, str]) -> str:
    return json.dumps(dict(sorted(keys.items())), indent=1) + "\n"
