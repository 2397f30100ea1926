"""Benchmark sitrep: full build vs bare WeasyPrint, rebuilds, check vs YAML parse, HTML per page, serve latency, memory.

    .venv/bin/python bench/run.py [--quick] [--only a,b,...] [--repeats N] [--workdir DIR] [--keep] [--json PATH]

Prints each figure with how it was measured and writes them, with the machine, to bench/results.json
(bench/results.quick.json with --quick). Timings are wall-clock medians; run on a quiet machine.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import functools
import json
import math
import os
import platform
import re
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml
from generate import generate_project

from sitrep import load as loading
from sitrep import pipeline, select
from sitrep.render import pdf as sitrep_pdf
from sitrep.write import inputs, search

REPO = Path(__file__).resolve().parent.parent
PROJECT_PARTS = ("content", "briefings", "templates")  # what makes the shipped project (not _site, not the code)
OLD_EDITION = "us-iran-iraq-2019-12-08"  # sees nothing from 2020: an April edit must leave its PDF alone
LATEST_EDITION = "us-iran-iraq-2020-04-30"
MARKER = re.compile(r" bench-edit-\d+$")
HOST = "127.0.0.1"  # the only address the benchmark ever talks to


@dataclass
class Figure:
    """One measured figure: the headline value, its target, how it was measured and the numbers behind it."""

    key: str
    name: str
    value: float | None
    unit: str
    target: float | None
    how: str
    details: dict[str, Any] = field(default_factory=dict)
    status: str = ""  # met, missed, info, pending, or void (the code changed while it ran)

    def __post_init__(self) -> None:
        if not self.status:
            met = self.value is not None and self.target is not None and self.value <= self.target
            self.status = "info" if self.target is None else ("met" if met else "missed")

    def line(self) -> str:
        shown = "-" if self.value is None else f"{self.value:.3g} {self.unit}".strip()
        unit = f" {self.unit}" if self.unit else ""
        goal = f" (target <= {self.target:g}{unit})" if self.target is not None else ""
        return f"{self.key}. {self.name}: {shown}{goal} [{self.status}]\n   how: {self.how}"


# --- timing ---------------------------------------------------------------------------------------


def timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def samples(action: Callable[[], object], repeats: int) -> list[float]:
    return [timed(action) for _ in range(repeats)]


def med(values: list[float]) -> float:
    return statistics.median(values)


def rounded(values: list[float], digits: int = 4) -> list[float]:
    return [round(v, digits) for v in values]


# --- projects and builds ----------------------------------------------------------------------------


def copy_shipped(target: Path) -> Path:
    """The shipped project (content, briefings, templates) copied to `target`, without its built site."""
    shutil.rmtree(target, ignore_errors=True)
    for part in PROJECT_PARTS:
        if (REPO / part).is_dir():
            shutil.copytree(REPO / part, target / part)
    return target


def cli(project: Path, *args: str) -> float:
    """Run `python build.py --project P --quiet ARGS` as a user would; seconds of wall clock, start to exit."""
    command = [sys.executable, str(REPO / "build.py"), "--project", str(project), "--quiet", *args]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return seconds


def fresh_build(project: Path, out: Path) -> float:
    shutil.rmtree(out, ignore_errors=True)
    return cli(project, "--out", str(out), "build")


def html_build(
    loaded: loading.Loaded, project: Path, out: Path, views: dict[str, select.View] | None = None
) -> pipeline.BuildStats:
    """The HTML part of a build: pages, exports, feed, assets; no PDFs, no search index. `views` are the editions'
    views the check made (as `sitrep build` hands them on); selected again when not given."""
    return pipeline.write_site(pipeline.plan_build(loaded, project, views=views), out, {}, indexer=None)


def checked(project: Path, views: dict[str, select.View] | None = None) -> loading.Loaded:
    """The project loaded and checked (`views` receives the editions' views); an error stops the benchmark."""
    loaded, problems = pipeline.load_and_check(project, views=views)
    errors = [p.format() for p in problems if p.severity == "error"]
    if errors:
        raise RuntimeError(f"{project} does not check:\n" + "\n".join(errors[:20]))
    return loaded


def pdf_files(site: Path) -> dict[str, tuple[int, int]]:
    """Inode and mtime of each briefing PDF: a reused PDF is hard-linked, so both stay the same."""
    return {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in sorted((site / "briefings").glob("*.pdf"))}


def rewritten(before: dict[str, tuple[int, int]], after: dict[str, tuple[int, int]]) -> list[str]:
    return sorted(name for name, stamp in after.items() if before.get(name) != stamp)


def yaml_files(project: Path) -> list[Path]:
    return sorted((project / "content").rglob("*.yaml")) + sorted((project / "briefings").glob("*.yaml"))


def april_events(project: Path) -> list[tuple[Path, str]]:
    """(events file, id) of every event dated April 2020, in file order."""
    files = [project / "content" / "events.yaml", *sorted((project / "content" / "events").glob("*.yaml"))]
    found = []
    for path in files:
        if path.is_file():
            for item in yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader) or []:
                if str(item.get("date", "")).startswith("2020-04"):
                    found.append((path, str(item["id"])))
    return found


def retitle(path: Path, event_id: str, marker: str) -> None:
    """Append `marker` to one event's title (replacing an earlier marker), as an editor's save would: atomically."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if re.match(rf"^\s*-\s+id:\s*[\"']?{re.escape(event_id)}[\"']?\s*$", line))
    for index in range(start + 1, len(lines)):
        match = re.match(r"^(\s+)title:\s*(.+?)\s*$", lines[index])
        if match:
            title = MARKER.sub("", str(yaml.safe_load(match.group(2))))
            lines[index] = f"{match.group(1)}title: {json.dumps(title + marker)}\n"
            break
        if re.match(r"^\s*-\s+id:", lines[index]):
            raise ValueError(f"event {event_id} in {path} has no one-line title")
    temporary = path.with_name(f".{path.name}.bench")
    temporary.write_text("".join(lines), encoding="utf-8")
    os.replace(temporary, path)


# --- the shared state of a run ----------------------------------------------------------------------


@dataclass
class FullBuild:
    project: Path
    out: Path
    seconds: list[float]

    @property
    def median(self) -> float:
        return med(self.seconds)


@dataclass
class Bench:
    work: Path
    quick: bool
    repeats: int
    sizes: tuple[int, ...]
    big: int  # events in the project of figures d and g
    huge: int  # events in the project of figure g2 (and the last size of e)
    _full: FullBuild | None = None
    _generated: dict[int, Path] = field(default_factory=dict)

    def generated(self, events: int) -> Path:
        """A generated project of `events` events (made once per run; the generator is deterministic)."""
        if events not in self._generated:
            target = self.work / f"generated-{events}"
            shutil.rmtree(target, ignore_errors=True)
            print(f"   (generating a {events:,}-event project...)", flush=True)
            generate_project(target, events)
            self._generated[events] = target
        return self._generated[events]

    def full_build(self, after_each: Callable[[Path], None] | None = None) -> FullBuild:
        """The shipped project built from scratch with the CLI, `repeats` times (shared by figures a, b and c).
        `after_each(project)` runs right after each build, and the builds are then made afresh: figure a times the
        bare renders there, so that each pair sees one speed of a machine whose speed drifts."""
        if self._full is None or after_each is not None:
            project = copy_shipped(self.work / "shipped")
            out = project / "_site"
            seconds = []
            for _ in range(self.repeats):
                seconds.append(fresh_build(project, out))
                if after_each is not None:
                    after_each(project)
            self._full = FullBuild(project, out, seconds)
        return self._full


# --- a. full build vs bare WeasyPrint ---------------------------------------------------------------


def bare_render(job: sitrep_pdf.PdfJob) -> float:
    """Seconds for WeasyPrint alone on a briefing's cover and body HTML: render and write_pdf, defaults."""
    from weasyprint import HTML

    fetcher = sitrep_pdf._fetcher_class()(list(job.template_folders))
    started = time.perf_counter()
    for html in (job.cover_html, job.body_html):
        HTML(string=html, base_url=sitrep_pdf.VIRTUAL_BASE, url_fetcher=fetcher).render().write_pdf()
    return time.perf_counter() - started


def pdf_jobs(project: Path) -> list[sitrep_pdf.PdfJob]:
    """The exact PdfJobs a build of `project` makes (the same HTML the build hands WeasyPrint)."""
    plan = pipeline.plan_build(checked(project), project)
    return [plan.pdf_job(slug) for slug in plan.views]


def phases(project: Path, out: Path) -> dict[str, float]:
    """One in-process pass over the build's stages, to show where a full build's time goes."""
    import weasyprint  # noqa: F401 - the CLI build pays the import too; here it is kept out of the phases

    shutil.rmtree(out, ignore_errors=True)
    times: dict[str, float] = {}
    started = time.perf_counter()
    loaded = checked(project)
    times["check"] = time.perf_counter() - started
    times["html"] = timed(lambda: html_build(loaded, project, out))
    jobs = pdf_jobs(project)
    times["pdfs_parallel"] = timed(lambda: list(sitrep_pdf.render_all(jobs)))
    times["search_index"] = timed(lambda: search.index_search(out))
    return {name: round(seconds, 3) for name, seconds in times.items()}


def render_phases(jobs: list[sitrep_pdf.PdfJob]) -> dict[str, dict[str, float]]:
    """Where one build render of each PDF goes (in-process, one after another): cover, body parse, first layout,
    the pages fit_pictures_in_place lays out again, write_pdf (tags, attachment, finisher)."""
    split: dict[str, dict[str, float]] = {}
    for job in jobs:
        times: dict[str, float] = {}
        sitrep_pdf.render_pdf(job, times)
        split[job.slug] = {phase: round(seconds, 3) for phase, seconds in times.items()}
    return split


def figure_a(bench: Bench) -> Figure:
    import weasyprint  # noqa: F401 - warm-up import, outside the timing

    jobs: list[sitrep_pdf.PdfJob] = []
    runs: list[list[float]] = []

    def bare_renders(project: Path) -> None:
        jobs[:] = jobs or pdf_jobs(project)
        runs.append([bare_render(job) for job in jobs])

    full = bench.full_build(after_each=bare_renders)
    sums = [sum(run) for run in runs]
    ratios = [build / bare for build, bare in zip(full.seconds, sums, strict=True)]
    ratio = med(ratios)
    return Figure(
        "a",
        "full build / sum of bare WeasyPrint renders (shipped project)",
        ratio,
        "",
        0.6,
        "wall clock of `python build.py --quiet build` into a fresh out dir (subprocess: start-up, check, HTML, "
        "PDFs on a fork pool, search index), each followed by the sum, in-process and one after another after a "
        "warm-up import, of weasyprint.HTML(string=..., base_url=VIRTUAL_BASE, url_fetcher=the build's fetcher)"
        ".render().write_pdf() of the cover and the body HTML that pdf.html_for makes for each briefing; the median "
        "of the pairs' ratios (pairs, because this machine's speed drifts by 10-20 % within minutes)",
        {
            "full_build_s": rounded(full.seconds, 3),
            "bare_sum_s": rounded(sums, 3),
            "pair_ratios": rounded(ratios, 3),
            "bare_per_briefing_s": {job.slug: round(med([run[i] for run in runs]), 3) for i, job in enumerate(jobs)},
            "cores": os.cpu_count(),
            "in_process_phases_s": phases(full.project, bench.work / "phases-site"),
            "render_phases_s": render_phases(jobs),
        },
    )


# --- b. no-op rebuild -------------------------------------------------------------------------------


def figure_b(bench: Bench) -> Figure:
    full = bench.full_build()
    before = pdf_files(full.out)
    noop = samples(lambda: cli(full.project, "--out", str(full.out), "build"), bench.repeats)
    touched = rewritten(before, pdf_files(full.out))
    record = full.out / inputs.RECORD

    def checked_noop() -> float:  # the inputs record gone (as after the preview): load, check and plan, write nothing
        record.unlink()
        return cli(full.project, "--out", str(full.out), "build")

    checked = samples(checked_noop, bench.repeats)
    return Figure(
        "b",
        "no-op rebuild / full build (shipped project)",
        100 * med(noop) / full.median,
        "%",
        5,
        "wall clock of `python build.py --quiet build` again with nothing changed, median of repeats, over the "
        "median full build of figure a; checked_noop_s is the same with the out folder's inputs record removed first "
        "(as after the preview), so the build loads, checks and plans before it finds nothing to write",
        {
            "noop_s": rounded(noop, 3),
            "full_build_s": round(full.median, 3),
            "pdfs_rewritten": touched,
            "checked_noop_s": rounded(checked, 3),
        },
    )


# --- c. one-event edit ------------------------------------------------------------------------------


def figure_c(bench: Bench) -> Figure:
    full = bench.full_build()
    project = copy_shipped(bench.work / "edit")
    out = project / "_site"
    setup = fresh_build(project, out)
    path, event_id = april_events(project)[0]
    times, touched = [], []
    for number in range(1, bench.repeats + 1):
        before = pdf_files(out)
        retitle(path, event_id, f" bench-edit-{number}")
        times.append(cli(project, "--out", str(out), "build"))
        touched.append(rewritten(before, pdf_files(out)))
    old_pdf = f"{OLD_EDITION}.pdf"
    untouched = all(old_pdf not in names for names in touched)
    return Figure(
        "c",
        "one-event edit rebuild / full build (shipped project)",
        100 * med(times) / full.median,
        "%",
        None,
        f"copy of the shipped project, fresh full build, then the title of April-2020 event '{event_id}' "
        f"({path.relative_to(project)}) changed and `python build.py --quiet build` timed, median of repeats (a new "
        "title each time); PDFs compared by inode and mtime before and after",
        {
            "edit_rebuild_s": rounded(times, 3),
            "full_build_s": round(full.median, 3),
            "setup_full_build_s": round(setup, 3),
            "pdfs_rewritten": touched,
            f"{OLD_EDITION}_pdf_untouched": untouched,
        },
        status="" if untouched else "missed",
    )


# --- d. check vs bare YAML parse ----------------------------------------------------------------------


def parse_yaml(paths: list[Path]) -> None:
    for path in paths:
        yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)  # noqa: S506 - the C safe loader


def figure_d(bench: Bench) -> Figure:
    project = bench.generated(bench.big)
    paths = yaml_files(project)
    repeats = max(3, bench.repeats)
    bare = samples(lambda: parse_yaml(paths), repeats)
    check = samples(lambda: pipeline.load_and_check(project), repeats)
    problems = pipeline.load_and_check(project)[1]
    megabytes = sum(p.stat().st_size for p in paths) / 1e6
    return Figure(
        "d",
        f"check / bare YAML parse ({bench.big:,}-event generated project)",
        med(check) / med(bare),
        "x",
        2,
        "in-process sitrep.pipeline.load_and_check(project) (read, parse, validate, archived texts, every check) vs "
        f"reading and yaml.load(text, Loader=yaml.CSafeLoader) of its {len(paths)} YAML files ({megabytes:.1f} MB); "
        f"median of {repeats} each",
        {"check_s": rounded(check, 3), "bare_parse_s": rounded(bare, 3), "yaml_files": len(paths), "problems": len(problems)},
    )


# --- e. HTML time per page --------------------------------------------------------------------------


def figure_e(bench: Bench) -> Figure:
    rows = []
    for events in bench.sizes:
        project = bench.generated(events)
        views: dict[str, select.View] = {}
        loaded = checked(project, views)  # the views go on to planning, as in `sitrep build`
        out = bench.work / f"html-{events}"
        runs: list[tuple[float, int]] = []
        for _ in range(bench.repeats):
            shutil.rmtree(out, ignore_errors=True)
            started = time.perf_counter()
            stats = html_build(loaded, project, out, views)
            runs.append((time.perf_counter() - started, stats.pages_written))
        seconds = med([s for s, _ in runs])
        pages = runs[0][1]
        rows.append(
            {
                "events": events,
                "pages": pages,
                "html_s": round(seconds, 3),
                "ms_per_page": round(1000 * seconds / pages, 3),
                "search_index_s": round(timed(functools.partial(search.index_search, out)), 3),
            }
        )
    for before, after in zip(rows, rows[1:], strict=False):
        steps = max(1e-9, math.log10(after["events"] / before["events"]))
        after["growth_per_10x"] = round((after["ms_per_page"] / before["ms_per_page"]) ** (1 / steps), 2)
    table = "\n".join(
        f"   {r['events']:>7,} events {r['pages']:>6,} pages {r['html_s']:>8.2f} s {r['ms_per_page']:>8.2f} ms/page"
        f"  growth/10x {r.get('growth_per_10x', '-')!s:>5}  search index {r['search_index_s']:.2f} s"
        for r in rows
    )
    print(table)
    return Figure(
        "e",
        f"HTML ms per page at {rows[-1]['events']:,} events",
        rows[-1]["ms_per_page"],
        "ms",
        5,
        "in-process write_site(plan_build(loaded, project, views=the check's), fresh_out, {}, indexer=None) "
        "(planning and keys included, selecting the views not, as in `sitrep build`; no PDFs; the search index is "
        "timed apart), median of repeats, divided by pages written; check excluded; growth/10x = per-page time ratio per tenfold events (1.0 is linear)",
        {"rows": rows},
    )


# --- f. serve: edit to refreshed HTML ---------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - http://127.0.0.1 only
            return str(response.read().decode("utf-8"))
    except OSError:
        return None


def pdf_replaced(site: Path, before: tuple[int, int] | None) -> bool:
    """Whether the latest edition's PDF is another file than `before` (its inode and mtime)."""
    return pdf_files(site).get(f"{LATEST_EDITION}.pdf") != before


def wait_for(condition: Callable[[], bool], timeout: float, step: float = 0.05) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return False


CHROMIUM = Path("/usr/bin/chromium")


def figure_f(bench: Bench) -> list[Figure]:
    """f (save -> the open page shows the edit, in Chromium) and h (save -> that edition's PDF replaced)."""
    edits = 3 if bench.quick else 7
    how = (
        f"`python build.py serve --port P` on a copy of the shipped project (P: a free port found by binding "
        f"{HOST}:0); Chromium ({CHROMIUM}, driven by playwright) opens the {LATEST_EDITION} page and waits; {edits} "
        "times: the title of an April-2020 event shown on that page is changed (atomic replace of the events file) "
        "and the clock runs from the save until the page's DOM holds the new title (the page swaps in the new version "
        "itself, as a reader's would); median. "
        "Between edits the background PDF pass is awaited, so edits do not overlap"
    )
    how_pdf = (
        f"the same edits: from the save until {LATEST_EDITION}.pdf (the edition open in the browser) is replaced "
        "in the site (inode or mtime changed, polled every 20 ms); median"
    )
    from playwright.sync_api import sync_playwright

    project = copy_shipped(bench.work / "serve")
    out = project / "_site"
    port = free_port()
    page_url = f"http://{HOST}:{port}/briefings/{LATEST_EDITION}.html"
    log_path = bench.work / "serve.log"
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            [sys.executable, str(REPO / "build.py"), "--project", str(project), "serve", "--port", str(port), "--host", HOST],
            stdout=log,
            stderr=log,
            start_new_session=True,  # its own process group: stopped by that id, with its PDF workers
        )
    latencies: list[float] = []
    pdf_latencies: list[float] = []
    try:
        started = time.perf_counter()
        if not wait_for(lambda: process.poll() is not None or fetch(page_url) is not None, 900, 0.1) or process.poll():
            raise RuntimeError(f"serve did not answer:\n{log_path.read_text()[-3000:]}")
        startup = time.perf_counter() - started
        editions = len(list((project / "briefings").glob("*.yaml")))
        wait_for(lambda: len(pdf_files(out)) >= editions, 600, 0.2)  # the background pass renders the PDFs
        settled = time.perf_counter() - started
        with sync_playwright() as driver:
            browser = driver.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page()
            page.goto(page_url)
            time.sleep(1)
            candidates = [
                # shown on the page: its own entry, or a link to it (the briefing links events to the events annex)
                (path, event_id)
                for path, event_id in april_events(project)
                if f'#event-{event_id}"' in page.content() or f'id="event-{event_id}"' in page.content()
            ]
            path, event_id = candidates[0]
            for number in range(1, edits + 1):
                marker = f"bench-edit-{number}"
                before = pdf_files(out).get(f"{LATEST_EDITION}.pdf")
                retitle(path, event_id, f" {marker}")
                saved = time.perf_counter()
                page.wait_for_function(
                    "marker => document.body !== null && document.body.textContent.includes(marker)",
                    arg=marker,
                    polling="raf",
                    timeout=120_000,
                )
                latencies.append(time.perf_counter() - saved)
                if not wait_for(functools.partial(pdf_replaced, out, before), 300, 0.02):
                    raise RuntimeError(f"the PDF was not replaced within 300 s:\n{log_path.read_text()[-3000:]}")
                pdf_latencies.append(time.perf_counter() - saved)
                time.sleep(1 + (0 if bench.quick else 2))  # the rest of the background pass (other PDFs, search)
            browser.close()
    finally:
        stop(process)
    details = {"startup_to_first_answer_s": round(startup, 2), "startup_to_all_pdfs_s": round(settled, 2), "event": event_id}
    return [
        Figure(
            "f",
            "serve: save to the edit shown in the open browser page (median)",
            med(latencies),
            "s",
            0.3,
            how,
            {"latencies_s": rounded(latencies, 3), **details},
        ),
        Figure(
            "h",
            "serve: save to the viewed edition's PDF replaced (median)",
            med(pdf_latencies),
            "s",
            2,
            how_pdf,
            {"latencies_s": rounded(pdf_latencies, 3)},
        ),
    ]


def stop(process: subprocess.Popen[bytes]) -> None:
    """Stop the server we started: Ctrl-C first, then its process group by id."""
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


# --- g. peak memory ---------------------------------------------------------------------------------


def child_html(project: Path, out: Path) -> None:
    """Run in a child process: the full check and the HTML build, then report what it did (as a one-off build
    does, what only the check needed is dropped before the pages)."""
    started = time.perf_counter()
    loaded = checked(project)
    pipeline.release_check(loaded)
    stats = html_build(loaded, project, out)
    print(json.dumps({"seconds": time.perf_counter() - started, "pages": stats.pages_written}))


def child_peak(command: list[str]) -> None:
    """Run in a fresh process: run `command` and print its peak RSS (this process has no other children)."""
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB on Linux
    print(json.dumps({"peak_kb": peak_kb, "child": json.loads(done.stdout.strip().splitlines()[-1])}))


def peak_memory(bench: Bench, events: int) -> tuple[float, dict[str, Any]]:
    """Peak RSS in MB of check + HTML build of a generated project of `events` events, in a fresh child."""
    project = bench.generated(events)
    me = [sys.executable, str(Path(__file__).resolve())]
    measured = [*me, "--child-html", str(project), str(bench.work / f"memory-site-{events}")]
    done = subprocess.run([*me, "--child-peak", json.dumps(measured)], capture_output=True, text=True, check=True)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    return result["peak_kb"] / 1024, {"child_seconds": round(result["child"]["seconds"], 2), "pages": result["child"]["pages"]}


def figure_g(bench: Bench) -> list[Figure]:
    how = (
        "a child process runs load_and_check and the HTML build (as in figure e); a fresh intermediate process that "
        "has no other children reads resource.getrusage(RUSAGE_CHILDREN).ru_maxrss after it exits"
    )
    figures = []
    for key, events, target in (("g", bench.big, 500), ("g2", bench.huge, 2048)):
        peak, details = peak_memory(bench, events)
        figures.append(
            Figure(key, f"peak RSS, check + HTML build ({events:,}-event generated project)", peak, "MB", target, how, details)
        )
    return figures


# --- i. cores and shards ------------------------------------------------------------------------------


def figure_i(bench: Bench) -> list[Figure]:
    """The full build on 1, 2 and all cores (taskset), and split into two shards then merged."""
    full = bench.full_build()
    all_cores = sorted(os.sched_getaffinity(0))
    project, out = full.project, bench.work / "cores-site"
    by_cores: dict[str, float] = {}
    for count in sorted({1, min(2, len(all_cores)), len(all_cores)}):
        cores = ",".join(str(c) for c in all_cores[:count])
        started = time.perf_counter()
        shutil.rmtree(out, ignore_errors=True)
        command = ["taskset", "-c", cores, sys.executable, str(REPO / "build.py"), "--project", str(project), "--quiet"]
        subprocess.run([*command, "--out", str(out), "build"], check=True, capture_output=True)
        by_cores[str(count)] = round(time.perf_counter() - started, 2)
    shard_s = []
    for number in (1, 2):  # one after the other on one core each: what each of two machines would take
        target = bench.work / f"shard-{number}"
        shutil.rmtree(target, ignore_errors=True)
        command = ["taskset", "-c", str(all_cores[0]), sys.executable, str(REPO / "build.py"), "--project", str(project)]
        shard_s.append(
            timed(
                functools.partial(
                    subprocess.run,
                    [*command, "--quiet", "--out", str(target), "build", "--shard", f"{number}/2"],
                    check=True,
                    capture_output=True,
                )
            )
        )
    merged = bench.work / "merged-site"
    shutil.rmtree(merged, ignore_errors=True)
    merge_s = cli(project, "--out", str(merged), "merge", str(bench.work / "shard-1"), str(bench.work / "shard-2"))
    identical = tree_digest(merged) == tree_digest(out)
    one = by_cores["1"]
    return [
        Figure(
            "i",
            "full build on 1 / 2 / all cores (shipped project), speed-up on all cores",
            one / by_cores[str(len(all_cores))],
            "x",
            None,
            "wall clock of `taskset -c CORES python build.py --quiet build` into a fresh out dir, once per core count",
            {"seconds_by_cores": by_cores},
        ),
        Figure(
            "j",
            "two shards (one core each, as two machines) + merge / full build on one core",
            (max(shard_s) + merge_s) / one,
            "",
            None,
            "`build --shard 1/2` and `--shard 2/2` each on one core, then `merge`; the slowest shard plus the merge over "
            "the one-core full build; the merged site is compared file by file with the full build",
            {"shard_s": rounded(shard_s, 2), "merge_s": round(merge_s, 2), "byte_identical": identical},
            status="" if identical else "missed",
        ),
    ]


def tree_digest(site: Path) -> dict[str, str]:
    import hashlib

    return {str(p.relative_to(site)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(site.rglob("*")) if p.is_file()}


# --- the run ----------------------------------------------------------------------------------------

FIGURES: dict[str, Callable[[Bench], Figure | list[Figure]]] = {  # f also measures h; g, g2; i, j
    "a": figure_a,
    "b": figure_b,
    "c": figure_c,
    "d": figure_d,
    "e": figure_e,
    "f": figure_f,
    "g": figure_g,
    "i": figure_i,
}


def _first(path: str, prefix: str) -> str | None:
    try:
        lines = Path(path).read_text().splitlines()
    except OSError:
        return None
    return next((line.split(":", 1)[1].strip() for line in lines if line.startswith(prefix)), None)


def code_digest() -> str:
    """The sitrep code and default templates: if they change during a run, rebuild figures are void."""
    return inputs.digest(inputs.read_code_version(), inputs.files_digest([REPO / "sitrep" / "templates"]))


def machine() -> dict[str, Any]:
    from importlib.metadata import version

    memory = _first("/proc/meminfo", "MemTotal")
    return {
        "cpu": _first("/proc/cpuinfo", "model name") or platform.processor(),
        "cores": os.cpu_count(),
        "ram_gb": round(int(memory.split()[0]) / 1024 / 1024, 1) if memory else None,
        "python": platform.python_version(),
        "weasyprint": version("weasyprint"),
        "pydantic": version("pydantic"),
        "pyyaml": f"{version('pyyaml')} (libyaml {'yes' if yaml.__with_libyaml__ else 'no'})",
        "os": platform.platform(),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
    }


@dataclass
class Options:
    quick: bool
    only: list[str]
    repeats: int
    workdir: Path | None
    keep: bool
    json_path: Path
    sizes: tuple[int, ...]
    big: int
    huge: int


def parse(argv: list[str] | None) -> Options:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes and one repeat: a smoke test, not a measurement")
    parser.add_argument("--only", default=",".join(FIGURES), help="figures to run, e.g. a,b,e (default: all)")
    parser.add_argument("--repeats", type=int, help="repeats per timing (default 3; 1 with --quick)")
    parser.add_argument("--workdir", type=Path, help="where projects and sites go (default: a temporary folder)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    parser.add_argument("--sizes", help="event counts for figure e (default 100,1000,10000,100000; quick 50,500)")
    parser.add_argument("--big", type=int, help="events in the project of figures d and g (default 10000; quick 500)")
    parser.add_argument("--huge", type=int, help="events in the project of figure g2 (default 100000; quick 2000)")
    parser.add_argument("--json", type=Path, help="results file (default bench/results.json, or results.quick.json)")
    args = parser.parse_args(argv)
    only = [key.strip() for key in args.only.split(",") if key.strip()]
    unknown = [key for key in only if key not in FIGURES]
    if unknown:
        parser.error(f"unknown figures {unknown}: choose from {', '.join(FIGURES)}")
    default_json = REPO / "bench" / ("results.quick.json" if args.quick else "results.json")
    repeats = args.repeats or (1 if args.quick else 3)
    sizes = (
        tuple(int(n) for n in args.sizes.split(",")) if args.sizes else ((50, 500) if args.quick else (100, 1000, 10000, 100000))
    )
    big = args.big or (500 if args.quick else 10000)
    huge = args.huge or (2000 if args.quick else 100000)
    return Options(args.quick, only, repeats, args.workdir, args.keep, args.json or default_json, sizes, big, huge)


@contextlib.contextmanager
def workdir(options: Options) -> Iterator[Path]:
    if options.workdir:
        options.workdir.mkdir(parents=True, exist_ok=True)
        yield options.workdir
        return
    path = Path(tempfile.mkdtemp(prefix="sitrep-bench-"))
    try:
        yield path
    finally:
        if options.keep:
            print(f"work folder kept: {path}")
        else:
            shutil.rmtree(path, ignore_errors=True)


def run(options: Options) -> int:
    info = machine()
    print("machine: " + ", ".join(f"{key} {value}" for key, value in info.items()), flush=True)
    figures: dict[str, Any] = {}
    code = code_digest()  # also per figure, below
    with workdir(options) as work:
        bench = Bench(work, options.quick, options.repeats, options.sizes, options.big, options.huge)
        for key in options.only:
            started = time.perf_counter()
            print(f"{key}. ...", flush=True)
            load_before, code_before = os.getloadavg()[0], code_digest()
            made = FIGURES[key](bench)
            code_changed = code_digest() != code_before
            for figure in made if isinstance(made, list) else [made]:
                figure.details["load_average_1min"] = [round(load_before, 2), round(os.getloadavg()[0], 2)]
                if code_changed:  # outputs keyed on the code were invalidated mid-figure
                    figure.status = "void: sitrep code changed during the measurement"
                print(
                    figure.line(),
                    f"\n   details: {json.dumps(figure.details)}",
                    f"({time.perf_counter() - started:.0f} s)",
                    flush=True,
                )
                figures[figure.key] = asdict(figure)
    info["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    result = {
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "quick": options.quick,
        "repeats": options.repeats,
        "code_changed_during_run": code_digest() != code,
    }
    if result["code_changed_during_run"]:
        print("warning: sitrep's code or templates changed during the run: rebuild figures (b, c) may be void")
    options.json_path.write_text(json.dumps({**result, "machine": info, "figures": figures}, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {options.json_path}")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["--child-html"]:
        child_html(Path(args[1]), Path(args[2]))
        return 0
    if args[:1] == ["--child-peak"]:
        child_peak(json.loads(args[1]))
        return 0
    return run(parse(args))


if __name__ == "__main__":
    sys.exit(main())
