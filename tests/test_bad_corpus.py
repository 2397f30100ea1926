"""The bad-input corpus: each tests/bad/<case>/case.yaml breaks a copy of the mini fixture in one way, and the real CLI,
run as a subprocess under a memory limit, must fail with exactly the stored message, quickly and without a traceback.

case.yaml fields:
  description  what is broken, in one line
  files        relative path -> full new text of the file, or null to delete it
  files_b64    relative path -> base64 of the file's bytes (encodings, stray bytes)
  generate     a generator named in GENERATED below, for inputs too big to store (the huge file)
  args         extra arguments after `check` (e.g. [--strict])
  xfail        why the current message is wrong: the case then states the message it should print
  expected     the whole stderr of `build.py --project DIR check`, word for word

To see what the CLI prints for a case now: `python tests/test_bad_corpus.py <case> [<case> ...]`.
"""

from __future__ import annotations

import base64
import os
import resource
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
MINI = Path(__file__).resolve().parent / "fixtures" / "mini"
BAD = Path(__file__).resolve().parent / "bad"

MEMORY_LIMIT = 1024**3  # RLIMIT_AS for the CLI: a bomb must be refused, not survived by luck
TIME_LIMIT = 2.0  # seconds of wall time, interpreter start-up included
TIME_LIMIT_GENERATED = 5.0  # the 21 MB file must also be written to disk and sized
TIME_ATTEMPTS = 3  # a busy machine can stall one run: a slow case is slow every time, so take the best of three
HANG_TIMEOUT = 60.0
FIELDS = {"description", "files", "files_b64", "generate", "args", "xfail", "expected"}


def _huge_scenarios() -> tuple[str, bytes]:
    """A valid-looking scenarios list repeated past the 20 MB limit: refused by size, before any parsing."""
    block = (MINI / "content" / "scenarios.yaml").read_bytes()
    target = 21 * 1024 * 1024
    return "content/scenarios.yaml", block * (target // len(block) + 1)


GENERATED: dict[str, Callable[[], tuple[str, bytes]]] = {"huge": _huge_scenarios}


def _names() -> list[str]:
    return sorted(path.name for path in BAD.iterdir() if (path / "case.yaml").is_file())


def load_case(name: str) -> dict[str, Any]:
    case = yaml.safe_load((BAD / name / "case.yaml").read_text(encoding="utf-8"))
    assert isinstance(case, dict), name
    return case


def _params() -> list[Any]:
    params = []
    for name in _names():
        reason = load_case(name).get("xfail")
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        params.append(pytest.param(name, marks=marks, id=name))
    return params


def make_project(case: dict[str, Any], target: Path) -> Path:
    """Copy the mini fixture to `target` and apply the case's changes."""
    shutil.copytree(MINI, target)
    changes: dict[str, bytes | None] = {}
    for path, text in (case.get("files") or {}).items():
        changes[path] = None if text is None else text.encode("utf-8")
    for path, encoded in (case.get("files_b64") or {}).items():
        changes[path] = base64.b64decode(encoded)
    if case.get("generate"):
        path, data = GENERATED[case["generate"]]()
        changes[path] = data
    for path, data in changes.items():
        file = target / path
        assert file.resolve().is_relative_to(target.resolve()), path
        if data is None:
            file.unlink()
        else:
            file.parent.mkdir(parents=True, exist_ok=True)
            file.write_bytes(data)
    return target


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


@dataclass
class Run:
    code: int
    out: str
    err: str
    seconds: float


def run_check(project: Path, args: list[str], cwd: Path) -> Run:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "COLUMNS": "200"}
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "--project", str(project), "check", *args],
        capture_output=True,
        timeout=HANG_TIMEOUT,
        preexec_fn=_limit_memory,
        cwd=cwd,
        env=env,
        check=False,
    )
    seconds = time.perf_counter() - started
    return Run(done.returncode, done.stdout.decode("utf-8", "replace"), done.stderr.decode("utf-8", "replace"), seconds)


def test_corpus_is_complete() -> None:
    names = _names()
    assert len(names) >= 45
    for name in names:
        case = load_case(name)
        assert set(case) <= FIELDS, f"{name}: unknown fields {set(case) - FIELDS}"
        assert case.get("description"), name
        assert case.get("files") or case.get("files_b64") or case.get("generate"), f"{name} changes nothing"
        assert case.get("generate") in (None, *GENERATED), name
        expected = case["expected"]
        assert expected.endswith("\n") and expected.splitlines()[-1].startswith("check failed: "), name


def test_memory_limit_is_enforced() -> None:
    """The limit the cases run under is real: a child that wants 2 GiB is refused."""
    done = subprocess.run(
        [sys.executable, "-c", "bytearray(2 * 1024**3)"], capture_output=True, text=True, preexec_fn=_limit_memory, check=False
    )
    assert done.returncode != 0 and "MemoryError" in done.stderr


@pytest.mark.parametrize("name", _params())
def test_bad_project_fails_located(name: str, tmp_path: Path) -> None:
    case = load_case(name)
    project = make_project(case, tmp_path / "project")
    args = list(case.get("args") or [])
    first = run_check(project, args, cwd=tmp_path)

    assert "Traceback" not in first.err + first.out, first.err
    assert first.err == case["expected"]
    assert first.code == 1
    assert first.out == ""
    assert not (project / "_site").exists(), "check must not create the output folder"
    assert not (tmp_path / "_site").exists()

    limit = TIME_LIMIT_GENERATED if case.get("generate") else TIME_LIMIT
    times = [first.seconds]
    while min(times) >= limit and len(times) < TIME_ATTEMPTS:
        again = run_check(project, args, cwd=tmp_path)
        assert again.err == first.err and again.code == first.code
        times.append(again.seconds)
    assert min(times) < limit, f"check took {', '.join(f'{t:.2f}' for t in times)} s (limit {limit} s)"


if __name__ == "__main__":  # print what the CLI says now, to review a case or update its expected text
    import tempfile

    for case_name in sys.argv[1:] or _names():
        with tempfile.TemporaryDirectory() as scratch:
            case_spec = load_case(case_name)
            result = run_check(
                make_project(case_spec, Path(scratch) / "project"), list(case_spec.get("args") or []), Path(scratch)
            )
            print(f"--- {case_name} (exit {result.code}, {result.seconds:.2f} s)")
            print(result.err, end="")
