"""The live preview as a user meets it: it serves, refreshes after an edit, shows errors, stays inside _site."""

from __future__ import annotations

import multiprocessing
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from sitrep.serve import page_of, pdf_workers_stopped

from .conftest import MINI, ROOT, edit
from .write.test_keys import html_build, outputs


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - loopback only
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def until(predicate: Callable[[], object], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Path, subprocess.Popen[str]]]:
    project = tmp_path / "project"
    shutil.copytree(MINI, project)
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "build.py"), "--project", str(project), "serve", "--port", str(port)],
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        assert until(lambda: _answers(base), 90), "serve did not start"
        yield base, project, process
    finally:
        process.terminate()
        process.wait(timeout=10)


def _answers(base: str) -> bool:
    try:
        return get(base + "/")[0] == 200
    except OSError:
        return False


def test_serves_pages_with_live_reload(server: tuple[str, Path, subprocess.Popen[str]]) -> None:
    base, _, _ = server
    status, body = get(base + "/briefings/ed1.html")
    assert status == 200
    assert "Militias and US forces in Iraq" in body
    assert "/__sitrep/wait?version=" in body


def test_an_edit_refreshes_html_then_pdf(server: tuple[str, Path, subprocess.Popen[str]]) -> None:
    base, project, _ = server
    pdf = project / "_site/briefings/ed3.pdf"
    assert until(pdf.is_file, 120), "the background pass renders the PDFs"
    before = pdf.stat().st_ino
    edit(project / "content/events.yaml", "title: Kataib Hezbollah attacks", "title: Kataib Hezbollah rocket salvoes")
    assert until(lambda: "Kataib Hezbollah rocket salvoes" in get(base + "/briefings/ed3.html")[1], 30)
    assert until(lambda: pdf.is_file() and pdf.stat().st_ino != before, 120), "the PDF follows in the background"


def test_broken_yaml_shows_the_located_error_and_the_server_lives(server: tuple[str, Path, subprocess.Popen[str]]) -> None:
    base, project, process = server
    edit(project / "content/actors.yaml", "  kind: state\n", "  kind: state\n  kind: armed-group\n")
    assert until(lambda: "The project does not check" in get(base + "/index.html")[1], 30)
    body = get(base + "/timeline.html")[1]
    assert "content/actors.yaml:4:3: duplicate key &#x27;kind&#x27; (first written on line 3)" in body
    assert process.poll() is None
    edit(project / "content/actors.yaml", "  kind: state\n  kind: armed-group\n", "  kind: state\n")
    assert until(lambda: "Militias and US forces" in get(base + "/index.html")[1], 30)


def test_refuses_paths_outside_the_site(server: tuple[str, Path, subprocess.Popen[str]], tmp_path: Path) -> None:
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


def test_listens_on_loopback_only(server: tuple[str, Path, subprocess.Popen[str]]) -> None:
    base, _, _ = server
    port = int(base.rsplit(":", 1)[1])
    listening = subprocess.run(["ss", "-ltnH", f"sport = :{port}"], capture_output=True, text=True).stdout
    if not listening.strip():
        pytest.skip("ss is not available to list sockets")
    local_addresses = [line.split()[3] for line in listening.splitlines()]
    assert local_addresses == [f"127.0.0.1:{port}"]


def test_the_open_page_shows_an_edit_in_place_and_an_error_until_it_is_fixed(
    server: tuple[str, Path, subprocess.Popen[str]], browser: Any
) -> None:
    base, project, _ = server
    page = browser.new_page(viewport={"width": 1000, "height": 700})
    try:
        page.goto(base + "/briefings/ed3.html")
        assert "Kataib Hezbollah attacks" in page.inner_text("main")
        page.evaluate("window.scrollTo(0, 900); window.__not_reloaded = true")
        scrolled = page.evaluate("window.scrollY")
        assert scrolled > 0
        asked: list[str] = []
        page.on("request", lambda request: asked.append(request.url))
        edit(project / "content/events.yaml", "title: Kataib Hezbollah attacks", "title: Kataib Hezbollah strikes again")
        # no reload from the test: the page's own script swaps the new version in
        page.wait_for_function("document.body.innerText.includes('Kataib Hezbollah strikes again')", timeout=30_000)
        assert page.evaluate("window.__not_reloaded === true")  # updated in place: no reload
        # it went first, so it came with the answer to the page's long poll: the page did not ask for itself
        assert [url for url in asked if "/__sitrep/" not in url] == []
        assert page.evaluate("window.scrollY") == scrolled  # where the reader was
        assert "Kataib Hezbollah attacks" not in page.inner_text("body")
        assert page.title() == "Militias and US forces in Iraq, edition 3 · sitrep briefings"
        edit(project / "content/events.yaml", "  date: 2020-03\n", "  date: 2020-13\n")
        page.wait_for_function("document.body.innerText.includes('The project does not check')", timeout=30_000)
        assert "'2020-13' has no month 13" in page.inner_text("body")
        assert page.title() == "Build failed · sitrep"
        edit(project / "content/events.yaml", "  date: 2020-13\n", "  date: 2020-03\n")
        page.wait_for_function("document.body.innerText.includes('Kataib Hezbollah strikes again')", timeout=30_000)
        assert "The project does not check" not in page.inner_text("body")
        # the page the error gave way to works as a page: its own script waits for the next edit
        edit(project / "content/events.yaml", "title: Kataib Hezbollah strikes again", "title: Kataib Hezbollah strikes twice")
        page.wait_for_function("document.body.innerText.includes('Kataib Hezbollah strikes twice')", timeout=30_000)
    finally:
        page.close()


def test_a_page_with_scripts_of_its_own_is_reloaded_whole(server: tuple[str, Path, subprocess.Popen[str]], browser: Any) -> None:
    """A source page runs the copy-citation panel, bound to its text: the new version is loaded, not swapped in."""
    base, project, _ = server
    page = browser.new_page()
    try:
        page.goto(base + "/sources/meo.html")
        page.evaluate("window.__not_reloaded = true")
        edit(project / "content/sources/meo.yaml", "outlet: Middle East Online", "outlet: Middle East Online (archived)")
        page.wait_for_function("document.body.innerText.includes('Middle East Online (archived)')", timeout=30_000)
        assert page.evaluate("window.__not_reloaded === undefined")
        assert page.locator(".copy-citation").count() == 1  # the panel, made once for the new page
    finally:
        page.close()


def test_the_viewed_page_goes_first_and_no_page_meets_the_old_version(
    server: tuple[str, Path, subprocess.Popen[str]], browser: Any, tmp_path: Path
) -> None:
    base, project, process = server
    page = browser.new_page()
    try:
        page.goto(base + "/briefings/ed3.html")
        page.wait_for_timeout(300)  # the page's long poll tells the server what is open
        edit(project / "content/events.yaml", "title: Kataib Hezbollah attacks", "title: Kataib Hezbollah shells a base")
        page.wait_for_function("document.body.innerText.includes('Kataib Hezbollah shells a base')", timeout=60_000)
        # asked for while the rest of the site may still be being written: it waits, and is of the new version
        for other in ("/timeline.html", "/briefings/ed3/timeline.html", "/briefings/ed3/events.html"):
            assert "Kataib Hezbollah shells a base" in get(base + other)[1], other
        assert "Kataib Hezbollah attacks" not in get(base + "/timeline.html")[1]
    finally:
        page.close()
    process.terminate()
    _, err = process.communicate(timeout=10)
    assert "(briefings/ed3.html shown " in err, err  # it went first, from memory
    assert re.search(r"check \d+\.\d\d s, \d+ pages' contexts \d+\.\d\d s, rendered", err), err  # of a few pages, not all
    clean = tmp_path / "clean"
    html_build(project, clean)
    assert outputs(project / "_site") == outputs(clean)  # the site the preview left is a clean build's


def test_any_viewed_page_goes_first(server: tuple[str, Path, subprocess.Popen[str]], browser: Any, tmp_path: Path) -> None:
    """An annex, an edition's item page, all-time pages, the index: each is the one rendered first."""
    base, project, process = server
    page = browser.new_page()
    viewed = ("/briefings/ed3/events.html", "/briefings/ed3/timeline.html", "/actors/kataib-hezbollah.html", "/timeline.html")
    try:
        for number, path in enumerate(viewed):
            page.goto(base + path)
            page.wait_for_timeout(300)  # the page's long poll tells the server what is open
            title = f"Kataib Hezbollah attack {number}"
            edit(project / "content/events.yaml", "title: Kataib Hezbollah attack", f"title: {title}")
            page.wait_for_function(f"document.body.innerText.includes({title!r})", timeout=60_000)
        page.goto(base + "/")
        page.wait_for_timeout(300)
        edit(project / "briefings/ed3.yaml", "bluf: Attacks continue.", "bluf: Attacks go on.")
        page.wait_for_function("document.body.innerText.includes('Attacks go on.')", timeout=60_000)
        assert "Attacks go on." in get(base + "/briefings/ed3.html")[1]  # held until the rest is written, and said
    finally:
        page.close()
    process.terminate()
    _, err = process.communicate(timeout=10)
    for path in viewed:
        assert f"({page_of(path)} shown " in err, err
    assert "(index.html shown " in err and "every page's context" in err  # an index page needs the whole list
    clean = tmp_path / "clean"
    html_build(project, clean)
    assert outputs(project / "_site") == outputs(clean)


def test_an_edited_source_text_is_matched_afresh(server: tuple[str, Path, subprocess.Popen[str]]) -> None:
    """The preview keeps quote matches across edits: one whose text changed is matched again, and fails if it must."""
    base, project, _ = server
    text = project / "content/sources/meo.txt"
    edit(text, "The Hezbollah Brigades faction", "The Hezbollah Brigades group")
    assert until(lambda: "The project does not check" in get(base + "/index.html")[1], 30)
    assert "quote not found in source &#x27;meo&#x27;: &quot;The Hezbollah Brigades faction&quot;" in get(base + "/index.html")[1]
    edit(text, "The Hezbollah Brigades group", "The Hezbollah Brigades faction")
    assert until(lambda: "Militias and US forces" in get(base + "/index.html")[1], 30)


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


def test_a_closed_tab_leaves_no_traceback(server: tuple[str, Path, subprocess.Popen[str]]) -> None:
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


def test_serve_keeps_the_schema_current(server: tuple[str, Path, subprocess.Popen[str]]) -> None:
    base, project, _ = server
    schema_folder = project / "schema"
    schema_folder.mkdir()
    edit(project / "content/places.yaml", "- id: balad-airbase", "- id: balad-air-base")
    edit(project / "content/events.yaml", "place: balad-airbase", "place: balad-air-base")

    def listed() -> bool:
        path = schema_folder / "events.schema.json"
        return path.is_file() and '"balad-air-base"' in path.read_text(encoding="utf-8")

    assert until(listed, 60), "the schema did not follow the edit"


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


def test_answers_only_its_own_host(server: tuple[str, Path, subprocess.Popen[str]]) -> None:
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


def test_malformed_requests_get_400_without_a_traceback(server: tuple[str, Path, subprocess.Popen[str]]) -> None:
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


def test_idle_connections_are_capped_and_time_out(server: tuple[str, Path, subprocess.Popen[str]]) -> None:
    """300 sockets that never send a byte: no more than the cap of threads, and every one closed after the timeout."""
    from sitrep.serve import IDLE_SECONDS, MAX_CONNECTIONS

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


def _count(counter: Any) -> None:
    while True:
        counter.value += 1


def _state(pid: int) -> str:
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]


def test_pdf_workers_are_stopped_while_a_save_is_checked() -> None:
    fork = multiprocessing.get_context("fork")
    counter = fork.RawValue("q", 0)  # no lock: a worker stopped while holding one would block this test
    worker = fork.Process(target=_count, args=(counter,), daemon=True)
    worker.start()
    try:
        assert until(lambda: counter.value > 0, 10)
        with pdf_workers_stopped() as stopped:
            assert stopped == [worker.pid]
            assert until(lambda: _state(stopped[0]) == "T", 5), "the worker is stopped at once"
            frozen = counter.value
            time.sleep(0.3)
            assert counter.value == frozen, "a stopped worker takes no time from the check"
        assert until(lambda: counter.value > frozen, 5), "continued after the check"
    finally:
        worker.kill()
        worker.join()
