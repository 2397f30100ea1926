"""The preview's HTTP server: loopback only, inside _site, its own Host only, malformed and idle requests refused."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sitrep.serve.server import IDLE_SECONDS, MAX_CONNECTIONS

from ..conftest import MINI, ROOT
from .served import Served, get, until


def test_serves_pages_with_live_reload(server: Served) -> None:
    base, _, _ = server
    status, body = get(base + "/briefings/ed1.html")
    assert status == 200
    assert "Militias and US forces in Iraq" in body
    assert "/__sitrep/wait?version=" in body


def test_refuses_paths_outside_the_site(server: Served, tmp_path: Path) -> None:
    base, project, _ = server
    secret = tmp_path / "secret.txt"
    secret.write_text("do not serve me")
    (project / "_site/leak.txt").symlink_to(secret)
    status, body = get(base + "/leak.txt")
    assert status == 403 and "do not serve me" not in body
    for path in ("/../secret.txt", "/%2e%2e/secret.txt", "/briefings/../../secret.txt"):
        status, body = get(base + path)
        assert "do not serve me" not in body
        assert status in (403, 404)


def test_listens_on_loopback_only(server: Served) -> None:
    base, _, _ = server
    port = int(base.rsplit(":", 1)[1])
    listening = subprocess.run(["ss", "-ltnH", f"sport = :{port}"], capture_output=True, text=True).stdout
    if not listening.strip():
        pytest.skip("ss is not available to list sockets")
    local_addresses = [line.split()[3] for line in listening.splitlines()]
    assert local_addresses == [f"127.0.0.1:{port}"]


def test_a_busy_port_is_one_line_and_exit_1(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(MINI, project)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run(
            [sys.executable, str(ROOT / "build.py"), "--project", str(project), "serve", "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    assert done.returncode == 1
    assert done.stderr == (
        f"error: port {port} on 127.0.0.1 is already in use (is another sitrep serve running?)\n"
        f"    fix: stop the other server, or pass a free port: --port {port + 1}\n"
    )
    assert not (project / "_site").exists()  # refused before building anything


def test_a_closed_tab_leaves_no_traceback(server: Served) -> None:
    base, project, process = server
    host, port = base.removeprefix("http://").split(":")
    for _ in range(5):  # ask for a long page and hang up before reading the answer
        with socket.create_connection((host, int(port))) as client:
            client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")  # reset on close
            client.sendall(f"GET /briefings/ed2.html HTTP/1.1\r\nHost: {host}:{port}\r\n\r\n".encode())
    assert get(base + "/")[0] == 200  # still serving
    process.terminate()
    _, err = process.communicate(timeout=10)
    assert "Traceback" not in err and "BrokenPipe" not in err and "ConnectionReset" not in err, err


def raw(base: str, request: bytes) -> bytes:
    """Send a raw HTTP request, return the whole answer (the server closes after an error)."""
    host, port = base.removeprefix("http://").rsplit(":", 1)
    with socket.create_connection((host, int(port)), timeout=30) as connection:
        connection.sendall(request)
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
        return answer


def status_of(answer: bytes) -> int:
    return int(answer.split(b" ", 2)[1])


def test_answers_only_its_own_host(server: Served) -> None:
    """DNS rebinding: a page on attacker.example, its name pointed at 127.0.0.1, sends Host: attacker.example."""
    base, _, _ = server
    port = int(base.rsplit(":", 1)[1])
    for host, status in (
        (f"127.0.0.1:{port}", 200),
        (f"localhost:{port}", 200),
        (f"LOCALHOST:{port}", 200),
        (f"attacker.example:{port}", 421),
        ("attacker.example", 421),
        (f"127.0.0.1:{port + 1}", 421),
        (f"127.0.0.1.attacker.example:{port}", 421),
    ):
        answer = raw(base, f"GET /briefings/ed1.html HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
        assert status_of(answer) == status, host
        assert (b"Militias and US forces" in answer) == (status == 200), host
    assert status_of(raw(base, b"GET / HTTP/1.0\r\n\r\n")) == 421  # no Host at all


def test_malformed_requests_get_400_without_a_traceback(server: Served) -> None:
    base, _, process = server
    port = int(base.rsplit(":", 1)[1])
    for path in ("/%00", "/index.html%00.txt", "/" + "a" * 60_000, "/__sitrep/wait?version=abc", "/%1b[2J"):
        answer = raw(base, f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n".encode())
        assert status_of(answer) == 400, path[:40]
    assert get(base + "/index.html")[0] == 200  # and it still serves
    process.terminate()
    _, err = process.communicate(timeout=10)
    assert "Traceback" not in err


def _threads(pid: int) -> int:
    return int(
        next(line for line in Path(f"/proc/{pid}/status").read_text().splitlines() if line.startswith("Threads:")).split()[1]
    )


def test_idle_connections_are_capped_and_time_out(server: Served) -> None:
    """300 sockets that never send a byte: no more than the cap of threads, and every one closed after the timeout."""

    base, project, process = server
    host, port = base.removeprefix("http://").rsplit(":", 1)
    assert until((project / "_site/briefings/ed3.pdf").is_file, 120)  # the background pass is done
    time.sleep(0.5)
    before = _threads(process.pid)
    idle = [socket.create_connection((host, int(port)), timeout=IDLE_SECONDS + 20) for _ in range(300)]
    try:
        time.sleep(1)
        assert _threads(process.pid) <= before + MAX_CONNECTIONS
        started = time.monotonic()
        for connection in idle:
            assert connection.recv(1) == b""  # closed by the server, idle or refused
        assert time.monotonic() - started < IDLE_SECONDS + 10
        assert get(base + "/index.html")[0] == 200
    finally:
        for connection in idle:
            connection.close()
