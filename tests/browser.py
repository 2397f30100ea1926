"""Shared helpers for the browser tests: serve a built site on 127.0.0.1, drive Debian's chromium, run axe-core.

The site is served by `http.server` on 127.0.0.1 and an ephemeral port (never any other address);
chromium is the Debian package at /usr/bin/chromium, driven by playwright's sync API (no
`playwright install`). axe-core and the Nu HTML Checker come from tests/js/node_modules (`npm ci`).
"""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

JS = Path(__file__).resolve().parent / "js"
AXE = JS / "node_modules" / "axe-core" / "axe.min.js"
VNU = JS / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files without logging each request to stderr."""

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the signature is http.server's
        pass


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve `folder` on 127.0.0.1 on a free port in a thread; yields the base URL ending in '/'."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name=f"serve {folder}", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def require(path: Path, hint: str) -> None:
    """Skip (with how to get it) when a checker the tests need is not installed."""
    if not path.exists():
        pytest.skip(f"{path} is missing: {hint}")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Debian chromium for the whole session."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed: run tests/run")
    if not CHROMIUM.exists():
        pytest.skip("chromium is missing: apt-get install -y chromium (tests/run does it)")
    with sync_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


def axe_violations(page: Any, rules: list[str] | None = None) -> list[dict[str, Any]]:
    """Inject axe-core into a loaded page and return its violations: of every WCAG 2.x A/AA rule,
    or only of the named `rules`."""
    page.add_script_tag(path=str(AXE))
    run_only = {"type": "rule", "values": rules} if rules else {"type": "tag", "values": WCAG_TAGS}
    result: dict[str, Any] = page.evaluate("runOnly => axe.run(document, {runOnly})", run_only)
    return list(result["violations"])


def describe_violations(violations: list[dict[str, Any]]) -> str:
    """One line per violation and node: rule id, impact, the node's CSS target and axe's summary."""
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v.get('impact')}): {v['help']}")
        for node in v["nodes"]:
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            lines.append(f"    {node['target']} {summary}")
    return "\n".join(lines)


def java() -> str | None:
    """The java executable on PATH, if any."""
    return shutil.which("java")
