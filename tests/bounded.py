"""Bounded work: run a command in a child process under a wall-time limit and an address-space limit, and measure it.

Each bounded-work test generates an input of the size an attack needs, runs the real CLI (or a snippet) on it here,
and asserts on the result, the wall time and the child's peak memory. Limits are generous multiples of what the
fixed code needs on a busy two-core machine, and far below what the unfixed code took (minutes, gigabytes).
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MEMORY_LIMIT = 1024**3  # RLIMIT_AS: the interpreter and WeasyPrint fit well inside; a blow-up does not


@dataclass
class Run:
    code: int
    out: str
    err: str
    seconds: float  # wall time
    cpu_seconds: float  # the child's own user + system time: what the work costs, whatever the machine's load
    peak_mb: float  # the child's peak resident memory


def run_bounded(args: list[str], seconds: float, memory: int = MEMORY_LIMIT, cwd: Path | None = None) -> Run:
    """Run `python ARGS...` killed after `seconds` (the test then fails on the time), under RLIMIT_AS `memory`."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "COLUMNS": "200"}
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=limit, cwd=cwd, env=env
    )
    streams: dict[str, bytes] = {}
    readers = [
        threading.Thread(target=lambda name=name, pipe=pipe: streams.__setitem__(name, pipe.read()))
        for name, pipe in (("out", child.stdout), ("err", child.stderr))
    ]
    for reader in readers:
        reader.start()
    timer = threading.Timer(seconds, child.kill)
    timer.start()
    _, status, usage = os.wait4(child.pid, 0)  # reaped here, so its own rusage (peak memory) is ours to read
    elapsed = time.perf_counter() - started
    timer.cancel()
    child.returncode = os.waitstatus_to_exitcode(status)
    for reader in readers:
        reader.join()
    assert elapsed < seconds, f"killed after {seconds} s: {' '.join(args)[:200]}"
    out, err = streams["out"].decode("utf-8", "replace"), streams["err"].decode("utf-8", "replace")
    return Run(child.returncode, out, err, elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def sitrep(project: Path, *args: str, seconds: float) -> Run:
    """The real CLI on `project`, bounded."""
    return run_bounded([str(ROOT / "build.py"), "--project", str(project), *args], seconds, cwd=project)
