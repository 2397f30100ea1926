"""Live preview: serve the site on loopback, rebuild on every edit (HTML first, PDFs after) and reload the browser."""

from __future__ import annotations

import contextlib
import errno
import html
import json
import socket
import sys
import threading
import time
from dataclasses import dataclass, field
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import watchfiles

from . import load, pipeline
from .problems import summary
from .render.pages import Drawings
from .write import site as output

WATCHED = ("content", "briefings", "templates", "sitrep.yaml")
SETTLE_MS = 20  # an editor's save is often several writes (temp file, rename): wait this long for quiet
RELOAD_SCRIPT = """<script>
(function () {{
  var version = {version};
  var page = encodeURIComponent(location.pathname);
  function wait() {{
    fetch("/__sitrep/wait?version=" + version + "&page=" + page).then(function (r) {{ return r.json(); }}).then(function (d) {{
      if (d.version !== version) {{ location.reload(); }} else {{ wait(); }}
    }}).catch(function () {{ setTimeout(wait, 1000); }});
  }}
  wait();
}})();
</script>"""


def _copy_citation_script() -> str:
    from .curate import copy_citation_script

    return "<script>\n" + copy_citation_script() + "</script>"


COPY_CITATION = _copy_citation_script()


@dataclass
class State:
    """What the server shows: the site's version (bumped on each rebuild) or the problems that stop it."""

    version: int = 0
    error: str | None = None
    changed: threading.Condition = field(default_factory=threading.Condition)

    def publish(self, error: str | None) -> None:
        with self.changed:
            self.version += 1
            self.error = error
            self.changed.notify_all()

    def wait(self, seen: int, timeout: float) -> int:
        with self.changed:
            self.changed.wait_for(lambda: self.version != seen, timeout=timeout)
            return self.version


def edition_of(page: str) -> str | None:
    """The briefing slug a page path shows ('/briefings/x.html' -> 'x'), or None."""
    name = page.rsplit("/", 1)[-1]
    if page.startswith("/briefings/") and name.endswith(".html") and name.count(".") == 1:
        return name.removesuffix(".html")
    return None


class Preview:
    """The rebuild loop: on each save, one plan; its HTML is written and the browser told at once, then a worker
    renders the stale PDFs (the edition being viewed first) and the search index from the same plan."""

    def __init__(self, project_dir: Path, out: Path, quiet: bool = False) -> None:
        self.project_dir, self.out, self.quiet = project_dir, out, quiet
        self.state = State()
        self.site_lock = threading.Lock()  # one writer of the site at a time
        self.generation = 0
        self.pending: threading.Condition = threading.Condition()
        self.request: tuple[int, pipeline.Plan] | None = None
        self.stopping = threading.Event()
        self.parsed: load.ParseCache = {}  # only the watcher thread loads, so no lock is needed
        self.drawings = Drawings()  # pictures kept across edits; only the watcher thread plans
        self.viewing: str | None = None  # the edition an open page last showed: its PDF is made first

    def log(self, message: str) -> None:
        if not self.quiet:
            print(message, file=sys.stderr, flush=True)

    def rebuild_html(self) -> None:
        started = time.perf_counter()
        loaded, problems = pipeline.load_and_check(self.project_dir, self.parsed)
        self.refresh_schema(loaded)
        errors = [p for p in problems if p.severity == "error"]
        if errors:
            text = "\n".join(p.format() for p in problems)
            self.log(f"{text}\ncheck failed: {summary(problems)} (the last good site is still served)")
            self.state.publish(text)
            return
        plan = pipeline.plan_build(loaded, self.project_dir, drawings=self.drawings)
        with self.site_lock:
            self.generation += 1
            stats = pipeline.write_site(plan, self.out, {}, indexer=None)
            generation = self.generation
        self.state.publish(None)  # the browser reloads now; PDFs and search follow
        self.log(f"html: {stats.summary()} in {time.perf_counter() - started:.2f} s")
        with self.pending:
            self.request = (generation, plan)
            self.pending.notify()

    def refresh_schema(self, loaded: load.Loaded) -> None:
        """Keep schema/ current (the project's ids in reference fields), so editors complete what was just added."""
        from . import schema

        folder = self.project_dir / "schema"
        if folder.is_dir():
            for path in schema.write(folder, loaded.project):
                self.log(f"schema: wrote {path.relative_to(self.project_dir)}")

    def background(self) -> None:
        """Render stale PDFs outside the lock, the viewed edition's alone first, and swap each batch in if no newer
        edit came meanwhile; the search index comes with the last batch."""
        while not self.stopping.is_set():
            with self.pending:
                self.pending.wait_for(lambda: self.request is not None or self.stopping.is_set(), timeout=0.5)
                if self.request is None:
                    continue
                generation, plan = self.request
                self.request = None
            started = time.perf_counter()
            stale = plan.stale_pdfs(self.out, first=self.viewing)
            batches = [stale[:1], stale[1:]] if stale and stale[0] == self.viewing else [stale]
            for last, batch in enumerate(batches, 1 - len(batches)):
                rendered = pipeline.render_pdfs(plan, batch)
                with self.site_lock:
                    if generation != self.generation:
                        break  # an edit arrived: its own request follows
                    stats = pipeline.write_site(plan, self.out, rendered, indexer=output.index_search if last == 0 else None)
                self.log(f"pdf: {stats.summary()} in {time.perf_counter() - started:.2f} s")

    def watch(self) -> None:
        # the project folder itself, so that sitrep.yaml replaced by an editor (a new inode) is still heard
        root = self.project_dir.resolve()

        def watched(_: watchfiles.Change, path: str) -> bool:
            parts = Path(path).relative_to(root).parts if path.startswith(str(root)) else ()
            return bool(parts) and parts[0] in WATCHED

        for _ in watchfiles.watch(
            root, watch_filter=watched, stop_event=self.stopping, step=SETTLE_MS, debounce=1000, rust_timeout=500
        ):
            try:
                self.rebuild_html()
            except Exception as error:  # noqa: BLE001 - the preview must survive any one bad edit
                self.log(f"rebuild failed: {error}")
                self.state.publish(f"rebuild failed: {error}")


IDLE_SECONDS = 15  # a connection that sends nothing for this long is closed
MAX_CONNECTIONS = 64  # connection threads at once; more are refused at once (each open page holds one long poll)
MAX_PATH = 2048  # characters of a request path; the site's longest is a fraction of this


def allowed_hosts(host: str, port: int) -> frozenset[str]:
    """The Host header values that name this server: its loopback address (or localhost) and its port.

    Anything else is refused, so a page on another site cannot reach the drafts through DNS rebinding (a name it
    controls, pointed at 127.0.0.1, would arrive with its own name in Host).
    """
    names = {host}
    if host in ("127.0.0.1", "::1", "localhost"):
        names |= {"localhost", "127.0.0.1"} if host != "::1" else {"localhost"}
    return frozenset(f"[{name}]:{port}" if ":" in name else f"{name}:{port}" for name in names)


class Server(ThreadingHTTPServer):
    """A threading server with a cap on connection threads and a one-line log of a failed request."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int], handler: Any, max_connections: int = MAX_CONNECTIONS) -> None:
        self.address_family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
        super().__init__(address, handler)
        self.slots = threading.BoundedSemaphore(max_connections)
        self.hosts = allowed_hosts(address[0], self.server_address[1])

    def process_request(self, request: Any, client_address: Any) -> None:
        if not self.slots.acquire(blocking=False):  # full: close at once rather than hold another thread
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self.slots.release()
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.slots.release()

    def handle_error(self, request: Any, client_address: Any) -> None:
        error = sys.exc_info()[1]
        if isinstance(error, ConnectionError):
            return  # a closed tab is not an error of the preview
        print(f"serve: a request from {client_address[0]} failed: {error!r}", file=sys.stderr, flush=True)


class Handler(SimpleHTTPRequestHandler):
    """Files from the site folder only, with the reload script added to each page."""

    timeout = IDLE_SECONDS

    def handle(self) -> None:
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # a tab closed mid-answer: nothing to report
            super().handle()

    def __init__(self, *args: Any, preview: Preview, **kwargs: Any) -> None:
        self.preview = preview
        super().__init__(*args, directory=str(preview.out), **kwargs)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        pass

    def parse_request(self) -> bool:
        """Refuse, before anything else, a request that does not name this server (421) or is malformed (400)."""
        if not super().parse_request():
            return False
        hosts = getattr(self.server, "hosts", None)
        if hosts is not None and self.headers.get("Host", "").lower() not in hosts:
            self._send(HTTPStatus.MISDIRECTED_REQUEST, "text/plain", b"this server answers only to its own loopback address\n")
            return False
        path = unquote(urlsplit(self.path).path)
        if len(self.path) > MAX_PATH or not path.startswith("/") or not path.isprintable():
            self._send(HTTPStatus.BAD_REQUEST, "text/plain", b"malformed request path\n")
            return False
        return True

    def do_GET(self) -> None:  # noqa: N802 - the base class's name
        try:
            self._get()
        except (OSError, ValueError):  # a path the file system cannot take (too long, a null byte)
            self._send(HTTPStatus.BAD_REQUEST, "text/plain", b"malformed request path\n")

    def do_HEAD(self) -> None:  # noqa: N802 - the base class's name
        try:
            super().do_HEAD()
        except (OSError, ValueError):
            self._send(HTTPStatus.BAD_REQUEST, "text/plain", b"malformed request path\n")

    def _get(self) -> None:
        url = urlsplit(self.path)
        if url.path == "/__sitrep/wait":
            query = parse_qs(url.query)
            seen = int(query.get("version", ["0"])[0] or 0)
            self.preview.viewing = edition_of(query.get("page", [""])[0]) or self.preview.viewing
            self._send(HTTPStatus.OK, "application/json", json.dumps({"version": self.preview.state.wait(seen, 25)}).encode())
            return
        root = self.preview.out.resolve()
        target = Path(self.translate_path(self.path)).resolve()
        if not target.is_relative_to(root):
            self._send(HTTPStatus.FORBIDDEN, "text/plain", b"outside the site\n")
            return
        if target.is_dir():
            target = target / "index.html"
        state = self.preview.state
        if target.suffix == ".html" and (state.error is not None or target.is_file()):
            self._send(HTTPStatus.OK, "text/html; charset=utf-8", self._page(target))
            return
        super().do_GET()

    def _page(self, target: Path) -> bytes:
        state = self.preview.state
        script = RELOAD_SCRIPT.format(version=state.version)
        if state.error is not None:
            text = (
                "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Build failed · sitrep</title>"
                "<style>body{font:15px/1.5 system-ui,sans-serif;margin:2rem;color:#1b1f24}pre{background:#fff4f4;"
                "border-left:4px solid #8a1c1c;padding:1rem;white-space:pre-wrap}</style></head><body>"
                "<h1>The project does not check</h1><p>Fix these problems and save: this page reloads by itself. "
                "The last good site is kept.</p><pre>" + html.escape(state.error) + "</pre>" + script + "</body></html>"
            )
            return text.encode()
        page = target.read_text(encoding="utf-8")
        if 'class="archived" data-source=' in page:  # a source page: selecting words offers a citation
            script = COPY_CITATION + script
        return page.replace("</body>", script + "</body>", 1).encode()

    def _send(self, status: HTTPStatus, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)


def serve(project_dir: Path, out: Path, host: str = "127.0.0.1", port: int = 8000, quiet: bool = False) -> int:
    preview = Preview(project_dir, out, quiet)
    try:  # take the port first: a busy one is said in one line before any build
        server = Server((host, port), partial(Handler, preview=preview))
    except OSError as error:
        reason = (
            "is already in use (is another sitrep serve running?)"
            if error.errno == errno.EADDRINUSE
            else f"cannot be used: {error.strerror}"
        )
        print(
            f"error: port {port} on {host} {reason}\n    fix: stop the other server, or pass a free port: --port {port + 1}",
            file=sys.stderr,
        )
        return 1
    preview.rebuild_html()
    for task in (preview.watch, preview.background):
        threading.Thread(target=task, daemon=True).start()
    print(f"serving {out} at http://{host}:{server.server_address[1]}/ (Ctrl-C to stop)", file=sys.stderr, flush=True)
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        preview.stopping.set()
        server.server_close()
    return 0
