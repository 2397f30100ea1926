"""The benchmark's generated projects are written to the contract: `check --strict` passes them, warnings and all."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ..conftest import ROOT


@pytest.mark.parametrize("events", [120, 600])
def test_a_generated_project_passes_check_strict(tmp_path: Path, events: int) -> None:
    project = tmp_path / "project"
    generator = ROOT / "bench" / "generate.py"
    subprocess.run([sys.executable, str(generator), str(project), "--events", str(events)], check=True, capture_output=True)
    checked = subprocess.run(
        [sys.executable, "-m", "sitrep", "--project", str(project), "check", "--strict"], capture_output=True, text=True
    )
    assert checked.stderr == "" and checked.returncode == 0, checked.stderr
    assert checked.stdout.startswith(f"check passed: {events // 10} sources"), checked.stdout
