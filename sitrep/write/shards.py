"""Builds split across machines: which outputs shard K of N makes, and the merge of the slices into one site."""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from . import inputs
from . import site as output
from .inputs import MANIFEST
from .keys import manifest_text, read_manifest

RECORD = ".sitrep-shard.json"  # in a shard's out folder: which slice it is and the keys of the whole site
SHARD_FORM = re.compile(r"(\d+)/(\d+)")


@dataclass(frozen=True)
class Shard:
    """Slice `number` of `count`: its share of the PDFs (round robin over the sorted slugs); the first slice
    also builds the search index. Every slice writes every page, which is cheap next to a PDF."""

    number: int = 1
    count: int = 1

    @property
    def is_whole(self) -> bool:
        return self.count == 1

    def owns(self, path: str, slugs: Sequence[str]) -> bool:
        """True if this slice makes the output at `path` (of a site whose briefings are `slugs`)."""
        if path == "pagefind/":
            return self.number == 1
        name = path.removeprefix("briefings/").removesuffix(".pdf")
        if path.startswith("briefings/") and path.endswith(".pdf") and name in slugs:
            return sorted(slugs).index(name) % self.count == self.number - 1
        return True

    def label(self) -> str:
        return f"{self.number}/{self.count}"


WHOLE = Shard()  # frozen: the one-machine build
assert WHOLE.label() == inputs.WHOLE  # the inputs record names the whole site's slice without importing this module


def parse_shard(text: str) -> Shard:
    """`K/N` (1 <= K <= N) as a Shard; ValueError with the fix otherwise."""
    match = SHARD_FORM.fullmatch(text.strip())
    if match is None or not 1 <= int(match[1]) <= int(match[2]):
        raise ValueError(f"--shard {text!r}: expected K/N with 1 <= K <= N, e.g. --shard 2/4 for the second of four slices")
    return Shard(int(match[1]), int(match[2]))


def record_text(shard: Shard, keys: dict[str, str]) -> str:
    return json.dumps({"shard": shard.number, "of": shard.count, "keys": dict(sorted(keys.items()))}, indent=1) + "\n"


@dataclass(frozen=True)
class Slice:
    folder: Path
    shard: Shard
    keys: dict[str, str]  # the whole site's
    made: dict[str, str]  # what this folder holds (its manifest)


class MergeError(Exception):
    """The slices cannot be merged: each line says which folder and what to do."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines


def read_slice(folder: Path) -> Slice:
    try:
        data = json.loads((folder / RECORD).read_text(encoding="utf-8"))
        shard, keys = Shard(int(data["shard"]), int(data["of"])), {str(k): str(v) for k, v in data["keys"].items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        raise MergeError(
            [
                f"{folder}: not a shard's out folder (no readable {RECORD})",
                f"    fix: build it with `sitrep build --shard K/N --out {folder}`",
            ]
        ) from None
    return Slice(folder, shard, keys, read_manifest(folder))


def merge_problems(slices: list[Slice]) -> list[str]:
    """Why `slices` do not make one whole site (every line located and with its fix); empty when they do."""
    if not slices:
        return ["no shard folders given", "    fix: sitrep --out SITE merge SHARD-1 SHARD-2 ..."]
    first = slices[0]
    lines: list[str] = []
    for other in slices[1:]:
        if other.shard.count != first.shard.count:
            lines.append(f"{other.folder}: shard {other.shard.label()}, but {first.folder} is shard {first.shard.label()}")
        elif other.keys != first.keys:
            differ = sorted(p for p in first.keys.keys() | other.keys.keys() if first.keys.get(p) != other.keys.get(p))
            lines.append(
                f"{other.folder}: built from other inputs than {first.folder} ({len(differ)} outputs differ, e.g. {differ[0]})"
            )
            lines.append("    fix: build every shard from the same commit and the same options")
    if lines:
        return lines
    numbers = sorted(s.shard.number for s in slices)
    missing = sorted(set(range(1, first.shard.count + 1)) - set(numbers))
    twice = sorted({n for n in numbers if numbers.count(n) > 1})
    if missing:
        shown = ", ".join(f"{n}/{first.shard.count}" for n in missing)
        lines.append(f"shards missing: {shown}; a merge needs every slice (fix: pass the out folder of each)")
    if twice:
        shown = ", ".join(f"{n}/{first.shard.count}" for n in twice)
        lines.append(f"shards given twice: {shown} (fix: pass each shard's out folder once)")
    return lines


def merge_shards(folders: list[Path], out: Path) -> int:
    """Join shard out folders into `out`, byte for byte the site a single build makes; the count of outputs."""
    slices = [read_slice(folder) for folder in folders]
    problems = merge_problems(slices)
    if problems:
        raise MergeError(problems)
    keys = slices[0].keys
    slugs = [p.removeprefix("briefings/").removesuffix(".pdf") for p in keys if p.startswith("briefings/") and p.endswith(".pdf")]
    by_number = {s.shard.number: s for s in slices}
    stale = []
    for path, key in keys.items():
        owner = next(s for number, s in sorted(by_number.items()) if s.shard.owns(path, slugs))
        if owner.made.get(path) != key:
            stale.append(f"{owner.folder}: {path} is missing or out of date (fix: rebuild shard {owner.shard.label()})")
    if stale:
        raise MergeError(stale)
    with output.build_lock(out), output.staging(out) as stage:
        site = output.Staged(out, stage, {}, keys, [])
        for path in sorted(keys):
            owner = next(s for number, s in sorted(by_number.items()) if s.shard.owns(path, slugs))
            site.old_site, site.old_keys = owner.folder, owner.made
            if not site.reuse(path):
                raise MergeError([f"{owner.folder}: {path} is missing (fix: rebuild shard {owner.shard.label()})"])
        (stage / MANIFEST).write_text(manifest_text(keys), encoding="utf-8")
        # every slice clean and from the same inputs: the whole site's record, as a single build writes it
        records = {read and dataclasses.replace(read, shard=inputs.WHOLE) for read in map(inputs.read_record, folders)}
        record = records.pop() if len(records) == 1 else None
        if record is not None:
            (stage / inputs.RECORD).write_text(record.text(), encoding="utf-8")
    return len(keys)
