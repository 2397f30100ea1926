"""Timeline of one full build: when each stage and each PDF worker's phase starts and ends, in which process, on which core.

    .venv/bin/python bench/timeline.py [--project DIR] [--out DIR]

Runs `sitrep build --quiet` in this process (the CLI's own entry), with the pipeline's stages wrapped to log
(seconds since start, pid, core at the end, CPU seconds of that process, stage) to stdout. The PDF workers are
forked from a server process that imports this script again, so they log too. Nothing in sitrep is changed for it.
"""

from __future__ import annotations

import os
import time

# the PDF workers import this script afresh (from the workers' server): they take the build's start from it
STARTED = float(os.environ.setdefault("SITREP_TIMELINE_STARTED", repr(time.perf_counter())))

import argparse  # noqa: E402 - the clock starts before the imports it measures
import functools  # noqa: E402
import shutil  # noqa: E402
import sys  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402


def core() -> int:
    """The core this process last ran on (field 39 of /proc/self/stat)."""
    with open("/proc/self/stat", encoding="ascii") as stat:
        return int(stat.read().rsplit(")", 1)[1].split()[36])


def log(what: str, began: float, now: float | None = None) -> None:
    now = time.perf_counter() - STARTED if now is None else now
    print(
        f"{began:7.2f} {now:7.2f} {now - began:6.2f}s pid {os.getpid():>7} core {core()} cpu {time.process_time():6.2f}  {what}",
        flush=True,
    )


def wrapped(module: Any, name: str, label: Callable[..., str] | None = None) -> None:
    original = getattr(module, name)

    @functools.wraps(original)
    def timed(*args: Any, **kwargs: Any) -> Any:
        began = time.perf_counter() - STARTED
        try:
            return original(*args, **kwargs)
        finally:
            log(label(*args, **kwargs) if label else name, began)

    setattr(module, name, timed)


RENDER_PDF: list[
    Callable[..., bytes]
] = []  # sitrep's own render_pdf, wrapped by this one (a top-level function: pickled by name)


def render_pdf(job: Any, times: dict[str, float] | None = None) -> bytes:
    phases: dict[str, float] = {}
    began = time.perf_counter() - STARTED
    if not RENDER_PDF:  # in a PDF worker, which imported sitrep afresh: its render_pdf is sitrep's own
        from sitrep.render import pdf

        RENDER_PDF.append(pdf.render_pdf)
    made = RENDER_PDF[0](job, phases)
    at = began
    for phase, seconds in phases.items():
        log(f"  pdf {job.slug} {phase}", at, at + seconds)
        at += seconds
    log(f"pdf {job.slug} (whole render)", began)
    return made


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--project", type=Path, default=Path(__file__).resolve().parent.parent)
    parser.add_argument("--out", type=Path, default=Path("/tmp/sitrep-timeline-site"))
    args = parser.parse_args()
    shutil.rmtree(args.out, ignore_errors=True)

    began = time.perf_counter() - STARTED
    from sitrep import cli, pipeline
    from sitrep.render import exports, html, pdf
    from sitrep.write import search

    log("import sitrep (cli, pipeline)", began)  # WeasyPrint: the PDF workers import it, while the build checks

    RENDER_PDF.append(pdf.render_pdf)
    pdf.render_pdf = render_pdf
    wrapped(pipeline, "load_and_check")
    wrapped(pipeline, "plan_build")
    wrapped(search, "index_search", lambda stage: "search index (pagefind)")
    pipeline.write_site.__defaults__ = (search.index_search, None)  # the default indexer was bound when it was defined
    wrapped(pipeline, "write_site")
    wrapped(pipeline.Plan, "pdf_job", lambda plan, slug: f"pdf job (HTML for the PDF) {slug}")
    wrapped(html, "render", lambda env, template, context: f"html {template}")
    wrapped(exports, "export", lambda suffix, view, project, *rest: f"export {suffix}")
    wrapped(pdf.PdfPool, "__getitem__", lambda pool, slug: f"wait for pdf {slug}")
    code = cli.main(["--project", str(args.project), "--out", str(args.out), "--quiet", "build"])
    log("whole build", 0.0)
    return int(code or 0)


if __name__ == "__main__":
    sys.exit(main())
