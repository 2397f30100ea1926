"""The bad-input corpus: each tests/bad/<case>/case.yaml breaks a copy of the mini fixture in one way, and the real CLI,
run as a subprocess under a memory limit, must fail with exactly the stored message, in little CPU time and without a
traceback.

case.yaml fields:
  description  what is broken, in one line
  files        relative path -> full new text of the file, or null to delete it
  files_b64    relative path -> base64 of the file's bytes (encodings, stray bytes)
  generate     a generator named in GENERATED below, for inputs too big to store (the huge file)
  args         extra arguments after `check` (e.g. [--strict])
  xfail        why the current message is wrong: the case then states the message it should print
  expected     the whole stderr of `build.py --project DIR check`, word for word

To see what the CLI prints for a case now: `python -m tests.test_bad_corpus <case> [<case> ...]`.
"""

from __future__ import annotations

import base64
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from .bounded import Run, run_bounded

ROOT = Path(__file__).resolve().parent.parent
MINI = Path(__file__).resolve().parent / "fixtures" / "mini"
BAD = Path(__file__).resolve().parent / "bad"

TIME_LIMIT = 2.0  # seconds of the child's CPU time, interpreter start-up included: load on the machine does not count
TIME_LIMIT_GENERATED = 5.0  # the 21 MB file must also be written to disk and sized
HANG_TIMEOUT = 60.0  # CPU seconds before a check is killed and fails (one that only waits: 30 times that, in wall time)
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
        generated_path, generated = GENERATED[case["generate"]]()
        changes[generated_path] = generated
    for path, data in changes.items():
        file = target / path
        assert file.resolve().is_relative_to(target.resolve()), path
        if data is None:
            file.unlink()
        else:
            file.parent.mkdir(parents=True, exist_ok=True)
            file.write_bytes(data)
    return target


def run_check(project: Path, args: list[str], cwd: Path) -> Run:
    return run_bounded([str(ROOT / "build.py"), "--project", str(project), "check", *args], HANG_TIMEOUT, cwd=cwd)


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
    done = run_bounded(["-c", "bytearray(2 * 1024**3)"], HANG_TIMEOUT)
    assert done.code != 0 and "MemoryError" in done.err


def test_cpu_limit_is_enforced() -> None:
    """A child that spins is killed at its CPU limit, and the run fails saying so."""
    with pytest.raises(AssertionError) as failed:
        run_bounded(["-c", "while True: pass"], 1.0)
    assert str(failed.value).splitlines()[0] == "killed after 1 s of CPU: -c while True: pass"


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
    assert first.cpu_seconds < limit, f"check took {first.cpu_seconds:.2f} s of CPU (limit {limit} s)"


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
