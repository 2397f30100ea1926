"""Tests of sitrep/quotes/, and what they share: a snippet of quote matching run under bounded work."""

from __future__ import annotations

from ..bounded import run_bounded


def printed_by_bounded(lines: list[str], seconds: float) -> str:
    """What `lines` (run after `from sitrep import quotes`, in a child under a CPU-time limit) print; nothing on stderr."""
    done = run_bounded(["-c", "".join(f"{line}\n" for line in ["from sitrep import quotes", *lines])], seconds=seconds)
    assert done.err == ""
    return done.out
