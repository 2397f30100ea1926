"""The README's "Add an event" steps, followed literally on the shipped content: the entry checks, and the typo it
shows comes back with the message it shows."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from .conftest import ROOT, Run


def _section() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return text[text.index("### Add an event and rebuild") :]


def _block(section: str, fence: str) -> str:
    body = section[section.index(fence + "\n") + len(fence) + 1 :]
    body = body[: body.index("   ```\n")]
    return "".join(line[3:] + "\n" for line in body.splitlines())


def test_add_an_event_as_the_readme_says(tmp_path: Path, run: Run) -> None:
    project = tmp_path / "project"
    for folder in ("content", "briefings"):
        shutil.copytree(ROOT / folder, project / folder)
    entry = _block(_section(), "```yaml")
    events = project / "content" / "events.yaml"
    events.write_text(events.read_text(encoding="utf-8") + "\n" + entry, encoding="utf-8")
    result = run("--project", str(project), "check", "--strict")
    assert result.code == 0, result.err
    assert "64 events" in result.out

    text = events.read_text(encoding="utf-8")
    typo = text[: -len(entry)] + entry.replace("a good chance", "a great chance")
    events.write_text(typo, encoding="utf-8")
    result = run("--project", str(project), "check")
    shown = _block(_section()[_section().index("3. Run") :], "```")
    line = typo[: typo.index("a great chance")].count("\n") + 1
    assert result.code == 1
    assert result.err == re.sub(r"^content/events.yaml:\d+:", f"content/events.yaml:{line}:", shown)
