"""The preview's HTTP server: the site folder on loopback only, each page with the preview's scripts, capped and
hardened (its own Host only, malformed paths refused, idle connections closed)."""

from __future__ import annotations

import contextlib
import errno
import html
import json
import socket
import sys
import threading
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from .client import COPY_CITATION, RELOAD_SCRIPT
from .preview import Preview, edition_of, page_of

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
            page = query.get("page", [""])[0]
            self.preview.viewing = edition_of(page) or self.preview.viewing
            self.preview.viewing_page = page_of(page) if page.startswith("/") else self.preview.viewing_page
            version = self.preview.state.wait(seen, 25)
            answer: dict[str, int | str] = {"version": version}
            early = self.preview.early_page(page_of(page)) if version != seen and page.startswith("/") else None
            if early is not None and self.preview.state.error is None:
                answer["page"] = self._page(early).decode()  # the new page itself: the open page need not ask for it
            self._send(HTTPStatus.OK, "application/json", json.dumps(answer).encode())
            return
        root = self.preview.out.resolve()
        target = Path(self.translate_path(self.path)).resolve()
        if not target.is_relative_to(root):
            self._send(HTTPStatus.FORBIDDEN, "text/plain", b"outside the site\n")
            return
        if target.is_dir():
            target = target / "index.html"
        state = self.preview.state
        site_path = target.relative_to(root)
        # assets/ do not change on an edit that shows a page early; anything else waits for the new version
        early = None if site_path.parts[:1] == ("assets",) else self.preview.served_early(site_path.as_posix())
        if target.suffix == ".html" and (state.error is not None or early is not None or target.is_file()):
            self._send(HTTPStatus.OK, "text/html; charset=utf-8", self._page(early, target))
            return
        super().do_GET()

    def _page(self, early: str | None, target: Path | None = None) -> bytes:
        """The page (`early`, or else the file `target`) with the preview's scripts, or the page of the problems."""
        state = self.preview.state
        script = RELOAD_SCRIPT.format(version=state.version)
        if state.error is not None:
            text = (
                "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Build failed · sitrep</title>"
                "<style>body{font:15px/1.5 system-ui,sans-serif;margin:2rem;color:#1b1f24}pre{background:#fff4f4;"
                "border-left:4px solid #8a1c1c;padding:1rem;white-space:pre-wrap}</style></head><body>"
                "<h1>The project does not check</h1><p>Fix these problems and save: this page updates itself. "
                "The last good site is kept.</p><pre>" + html.escape(state.error) + "</pre>" + script + "</body></html>"
            )
            return text.encode()
        page = early if early is not None or target is None else target.read_text(encoding="utf-8")
        if page is None:
            raise ValueError("a page needs its text or its file")
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
