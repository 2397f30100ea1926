"""Bounded work: run a command in a child process under a CPU-time and an address-space limit, and measure it.

Each bounded-work test generates an input of the size an attack needs, runs the real CLI (or a snippet) on it here,
and asserts on the result, the child's CPU time and its peak memory. The bound is CPU time, not wall time: an attack
that hangs a check burns CPU (backtracking, quadratic matching), and CPU time does not stretch with the machine's
load the way wall time does (a 20 s wall limit failed at load 12 on two cores). A wall-time backstop, a generous
multiple of the CPU limit, still kills a child that waits on nothing. Limits are generous multiples of what the fixed
code needs, and far below what the unfixed code took (minutes, gigabytes).
"""

from __future__ import annotations

import math
import os
import resource
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MEMORY_LIMIT = 1024**3  # RLIMIT_AS: the interpreter and WeasyPrint fit well inside; a blow-up does not
WALL_SLACK = 30  # the wall-time backstop, in multiples of the CPU limit: only a child that waits is killed by it


@dataclass
class Run:
    code: int
    out: str
    err: str
    seconds: float  # wall time
    cpu_seconds: float  # the child's own user + system time: what the work costs, whatever the machine's load
    peak_mb: float  # the child's peak resident memory


def run_bounded(args: list[str], seconds: float, memory: int = MEMORY_LIMIT, cwd: Path | None = None) -> Run:
    """Run `python ARGS...` killed after `seconds` of CPU (the test then fails on the time), under RLIMIT_AS `memory`."""
    cpu_limit = math.ceil(seconds)

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_limit, cpu_limit + 1))  # SIGXCPU at the soft limit, SIGKILL after

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
    timer = threading.Timer(seconds * WALL_SLACK, child.kill)
    timer.start()
    _, status, usage = os.wait4(child.pid, 0)  # reaped here, so its own rusage (peak memory) is ours to read
    elapsed = time.perf_counter() - started
    timer.cancel()
    child.returncode = os.waitstatus_to_exitcode(status)
    for reader in readers:
        reader.join()
    cpu = usage.ru_utime + usage.ru_stime
    spun_out = child.returncode == -signal.SIGXCPU or cpu >= cpu_limit  # the clock's tick can read a hair under
    assert not spun_out, f"killed after {cpu_limit} s of CPU: {' '.join(args)[:200]}"
    assert elapsed < seconds * WALL_SLACK, f"killed after {seconds * WALL_SLACK} s of waiting: {' '.join(args)[:200]}"
    out, err = streams["out"].decode("utf-8", "replace"), streams["err"].decode("utf-8", "replace")
    return Run(child.returncode, out, err, elapsed, cpu, usage.ru_maxrss / 1024)


def sitrep(project: Path, *args: str, seconds: float) -> Run:
    """The real CLI on `project`, bounded."""
    return run_bounded([str(ROOT / "build.py"), "--project", str(project), *args], seconds, cwd=project)
