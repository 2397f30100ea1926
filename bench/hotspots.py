"""Profile where a build's time goes (cProfile), for figures a, d and e of bench/run.py.

    .venv/bin/python bench/hotspots.py build [--top 25]             the shipped project: check, HTML, each PDF in turn
    .venv/bin/python bench/hotspots.py html --events 10000 [--top 25]   a generated project: the HTML part only
    .venv/bin/python bench/hotspots.py check --events 10000 [--top 25]  a generated project: load and check (figure d)
    .venv/bin/python bench/hotspots.py serve [--top 25]             the preview: one save's rebuild (bench figure f's edit)

Prints the functions with the most own time, the sitrep functions with the most cumulative time,
and own time summed by package; `--save FILE` keeps the raw profile for snakeviz or pstats.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import shutil
import sys
import tempfile
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from generate import generate_project
from run import LATEST_EDITION, april_events, checked, copy_shipped, html_build, pdf_jobs, retitle

from sitrep import pipeline, select
from sitrep.render import pdf as sitrep_pdf


def build_work(work: Path) -> Callable[[], object]:
    """The shipped project's build in one process: check, HTML, then every PDF one after another."""
    project = copy_shipped(work / "shipped")
    import weasyprint  # noqa: F401 - the import is start-up cost, not build work

    def work_() -> None:
        loaded = checked(project)
        html_build(loaded, project, work / "site")
        for job in pdf_jobs(project):
            sitrep_pdf.render_pdf(job)

    return work_


def html_work(work: Path, events: int) -> Callable[[], object]:
    project = work / f"generated-{events}"
    generate_project(project, events)
    views: dict[str, select.View] = {}
    loaded = checked(project, views)
    return lambda: html_build(loaded, project, work / "site", views)


def serve_work(work: Path) -> Callable[[], object]:
    """One save in the live preview, as figure f makes it: an April event retitled, the latest edition open.

    The first build happens before the profile (PDFs are left to the background worker, which is not started).
    """
    from sitrep.serve import Preview

    project = copy_shipped(work / "serve")
    preview = Preview(project, project / "_site", quiet=False)
    preview.rebuild_html()
    preview.viewing, preview.viewing_page = LATEST_EDITION, f"briefings/{LATEST_EDITION}.html"
    path, event_id = april_events(project)[0]
    retitle(path, event_id, " hotspots-warm")
    preview.rebuild_html({path.relative_to(project).as_posix()})  # the second save is the steady state

    def work_() -> None:
        retitle(path, event_id, " hotspots-edit")
        preview.rebuild_html({path.relative_to(project).as_posix()})

    return work_


def check_work(work: Path, events: int) -> Callable[[], object]:
    project = work / f"generated-{events}"
    generate_project(project, events)
    return lambda: pipeline.load_and_check(project)


def package(filename: str) -> str:
    """A profile entry's package: site-packages/<name>, sitrep/<module>, or the interpreter's own."""
    if "site-packages/" in filename:
        return filename.split("site-packages/", 1)[1].split("/", 1)[0]
    if "/sitrep/" in filename:
        return "sitrep/" + filename.rsplit("/", 1)[1]
    if filename.startswith("~") or filename.startswith("<"):
        return "builtins (C)"
    return "stdlib"


def report(profile: cProfile.Profile, top: int) -> str:
    out = io.StringIO()
    stats = pstats.Stats(profile, stream=out).strip_dirs()
    total = sum(entry[2] for entry in pstats.Stats(profile).stats.values())  # type: ignore[attr-defined]
    out.write(f"total own time {total:.2f} s\n\n--- own time by package ---\n")
    groups: dict[str, float] = defaultdict(float)
    for (filename, _, _), entry in pstats.Stats(profile).stats.items():  # type: ignore[attr-defined]
        groups[package(filename)] += entry[2]
    for name, seconds in sorted(groups.items(), key=lambda kv: -kv[1])[:top]:
        out.write(f"{seconds:9.2f} s {100 * seconds / total:5.1f} %  {name}\n")
    out.write("\n--- most own time ---\n")
    stats.sort_stats("tottime").print_stats(top)
    out.write("\n--- sitrep functions, most cumulative time ---\n")
    pstats.Stats(profile, stream=out).sort_stats("cumulative").print_stats(r"/sitrep/", top)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=["build", "html", "check", "serve"])
    parser.add_argument("--events", type=int, default=10000, help="size of the generated project (html, check)")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--save", type=Path, help="write the raw profile here")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="sitrep-hotspots-"))
    try:
        makers = {
            "build": lambda: build_work(work),
            "html": lambda: html_work(work, args.events),
            "check": lambda: check_work(work, args.events),
            "serve": lambda: serve_work(work),
        }
        action = makers[args.what]()
        profile = cProfile.Profile()
        profile.runcall(action)
        if args.save:
            profile.dump_stats(args.save)
        print(report(profile, args.top))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
