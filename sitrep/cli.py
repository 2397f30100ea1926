"""Command line: `sitrep new DIR`, `sitrep [--project DIR] [--out DIR] [check|build|serve|schema|merge]`, `sitrep --version`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__

if TYPE_CHECKING:
    from .write.shards import Shard


def _options(parser: argparse.ArgumentParser, defaults: bool) -> None:
    keep = (lambda value: value) if defaults else (lambda value: argparse.SUPPRESS)
    parser.add_argument("--project", type=Path, default=keep(Path(".")), help="project folder (default: the current one)")
    parser.add_argument("--out", type=Path, default=keep(None), help="output folder (default: <project>/_site)")
    parser.add_argument("--strict", action="store_true", default=keep(False), help="treat warnings as errors")
    parser.add_argument("--quiet", "-q", action="store_true", default=keep(False), help="print only problems and the summary")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="sitrep", description="Build analyst briefings (HTML site and PDFs) from curated YAML.")
    parser.add_argument("--version", action="version", version=f"sitrep {__version__}")
    _options(parser, defaults=True)
    commands = parser.add_subparsers(dest="command", metavar="{new,check,build,serve,schema,merge,add-source,quote,suggest}")
    new = commands.add_parser(
        "new", help="start a project: a small, complete starter in a new folder", description="write a starter project into DIR"
    )
    new.add_argument("dir", type=Path, metavar="DIR", help="a folder that does not exist yet, or is empty")
    for name, text in (
        ("check", "validate the project and report every problem"),
        ("build", "check, then write the site and PDFs (the default)"),
        ("serve", "build, serve on 127.0.0.1 and rebuild on change"),
        ("schema", "write the JSON Schema for editors to schema/"),
    ):
        sub = commands.add_parser(name, help=text, description=text)
        _options(sub, defaults=False)
        if name in ("build", "serve"):
            sub.add_argument(
                "--pdf-variant",
                choices=["pdf/ua-1", "pdf/a-3u", "pdf/a-3a"],
                default="pdf/ua-1",
                help="PDF/UA-1 (tagged, accessible; the default) or an archival PDF/A-3 variant",
            )
        if name == "build":
            sub.add_argument(
                "--shard",
                type=_shard,
                default=None,
                metavar="K/N",
                help="build only the K-th of N slices of the PDFs (every page; the search index in 1/N), for `merge`",
            )
            sub.add_argument(
                "--format",
                dest="formats",
                action="append",
                choices=["docx"],
                default=[],
                help="also make this copy of every briefing (docx: the Word copy; needs sitrep[docx]); repeatable",
            )
        if name == "serve":
            sub.add_argument("--port", type=int, default=8000)
            sub.add_argument("--host", default="127.0.0.1")
    text = "join the out folders of `build --shard K/N` (every K) into --out: the site a single build makes"
    sub = commands.add_parser("merge", help=text, description=text)
    _options(sub, defaults=False)
    sub.add_argument("shards", type=Path, nargs="+", metavar="SHARD", help="the out folder of each shard")
    _curate_commands(commands)
    args = parser.parse_args(argv)
    args.command = args.command or "build"
    return args


def _curate_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The analyst's loop: archive an article, find an exact quote, propose facts for review."""
    text = "archive an article (.txt as it is, .html reduced to its text) as a source, with the metadata it shows"
    sub = commands.add_parser("add-source", help=text, description=text)
    _options(sub, defaults=False)
    sub.add_argument("file", type=Path, help="the saved article: a .txt file or an .html page")
    sub.add_argument("--id", dest="source_id", help="the source id (default: outlet and date, e.g. iranwire-2020-04-12)")
    text = "find the passages of a source closest to some words, each with a citation ready to paste"
    sub = commands.add_parser("quote", help=text, description=text)
    _options(sub, defaults=False)
    sub.add_argument("source", help="the source id (the name of its file under content/sources/)")
    sub.add_argument("words", help="the words you remember, in quotes")
    sub.add_argument("--count", type=int, default=3, help="how many passages to show at most (default 3)")
    text = "propose candidate events from a source's archived text, as commented stubs in review/<source>.yaml"
    sub = commands.add_parser("suggest", help=text, description=text)
    _options(sub, defaults=False)
    sub.add_argument("source", help="the source id (the name of its file under content/sources/)")


def _shard(text: str) -> Shard:
    from .write.shards import parse_shard

    try:
        return parse_shard(text)
    except ValueError as wrong:
        raise argparse.ArgumentTypeError(str(wrong).removeprefix(f"--shard {text!r}: ")) from None


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        return run(args)
    except ModuleNotFoundError as missing:  # each command imports what it needs as it runs: a missing one is said here
        if missing.name is None or missing.name.partition(".")[0] == "sitrep":
            raise
        print(not_installed(missing.name.partition(".")[0]), file=sys.stderr)
        return 1


def not_installed(module: str) -> str:
    """What to say when the Python running sitrep lacks a package it needs (sitrep run from a folder, not installed)."""
    return (
        f"error: sitrep needs the Python package '{module}', and this Python ({sys.executable}) does not have it\n"
        "    fix: install sitrep with what it needs, then run it with that Python: in the sitrep folder, "
        "`python3 -m venv .venv && .venv/bin/pip install -e .`, then `.venv/bin/python build.py ...`"
    )


def run(args: argparse.Namespace) -> int:
    """Run the command `args` name."""
    if args.command == "new":
        from .new import new_project

        return new_project(args.dir)
    out = args.out or args.project / "_site"
    if args.command in ("add-source", "quote", "suggest"):
        from .curate import commands

        return commands.run(args)
    if args.command == "schema":
        from . import schema

        for path in schema.write_project(args.project):
            print(f"wrote {path}")
        return 0
    if args.command == "check":
        from .checking import run_check

        return run_check(args.project, strict=args.strict, quiet=args.quiet)
    if args.command == "build":
        return build(args, out)
    from . import pipeline  # rendering's imports (Jinja, the pictures, shapely): not paid by `check`

    if args.command == "serve":
        return pipeline.run_serve(args.project, out, host=args.host, port=args.port, quiet=args.quiet)
    return pipeline.run_merge(args.shards, out, args.project, quiet=args.quiet)


def build(args: argparse.Namespace, out: Path) -> int:
    """`sitrep build`: nothing at all when the inputs are as the out folder's last clean build read them, else the
    build (which loads the model, the checks and the renderers: half a second of imports before any work)."""
    import time

    from .write import inputs

    started = time.perf_counter()
    variant = getattr(args, "pdf_variant", "pdf/ua-1")  # `sitrep` alone builds, with the defaults
    shard = getattr(args, "shard", None)
    formats = tuple(getattr(args, "formats", ()))
    made_from, unchanged = inputs.compare(args.project, out, variant, formats, shard.label() if shard else inputs.WHOLE)
    if unchanged is not None:
        if not args.quiet:
            print(f"{unchanged.summary()} in {time.perf_counter() - started:.2f} s -> {out}")
        return 0
    from . import pipeline
    from .write.shards import Shard

    return pipeline.run_build(
        args.project,
        out,
        args.strict,
        args.quiet,
        pdf_variant=variant,
        shard=shard or Shard(),
        formats=formats,
        made_from=made_from,
    )


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
