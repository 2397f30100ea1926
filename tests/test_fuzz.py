"""Property-based tests: random valid projects check and build; random corruptions fail located and never crash.

Runs are derandomized so the suite is stable; set SITREP_FUZZ_RANDOM=1 to explore new examples on each run, and
SITREP_FUZZ_SCALE=N to try N times as many.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import re
import shutil
import tempfile
import traceback
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitrep import model
from sitrep.cli import main
from sitrep.dates import FuzzyDate
from sitrep.pipeline import load_and_check, plan_build, write_site

MINI = Path(__file__).resolve().parent / "fixtures" / "mini"
EXPLORE = os.environ.get("SITREP_FUZZ_RANDOM") == "1"
SCALE = int(os.environ.get("SITREP_FUZZ_SCALE", "1"))  # e.g. 20 for a long exploring run


def fuzz_settings(examples: int) -> settings:
    return settings(
        max_examples=examples * SCALE,
        deadline=None,
        derandomize=not EXPLORE,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
    )


def run_cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


# --- 1. random valid projects build ------------------------------------------------------------

# Plain words only: no ICD 203 estimative phrase and no confidence phrase may appear by chance.
WORDS = [
    "militia", "convoy", "rocket", "base", "border", "patrol", "council", "minister", "drone", "market", "bridge",
    "river", "checkpoint", "airport", "governor", "fighters", "troops", "village", "crossing", "supply", "road",
    "north", "south", "east", "west", "near", "after", "before", "during", "three", "four", "night", "morning",
    "officials", "said", "reported", "local", "forces", "police", "district", "province", "embassy", "talks",
    "parliament", "budget", "election",
]  # fmt: skip
APOSTROPHE_WORDS = ("Iraq’s", "Tehran’s", "the council’s", "officials’")  # typographic in the text, straight in quotes


@st.composite
def sentences(draw: st.DrawFn) -> str:
    words = draw(st.lists(st.sampled_from(WORDS + list(APOSTROPHE_WORDS)), min_size=4, max_size=9))
    return " ".join(words).capitalize() + "."


@st.composite
def fuzzy_dates(draw: st.DrawFn, day_only: bool = False) -> str:
    year = draw(st.integers(2018, 2021))
    month = draw(st.integers(1, 12))
    if not day_only and draw(st.booleans()):
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{draw(st.integers(1, 28)):02d}"


def latest_day(text: str) -> dt.date:
    return FuzzyDate.parse(text).latest


def idify(prefix: str, index: int, word: str) -> str:
    return f"{prefix}{index}-{word}"


@st.composite
def quotes_of(draw: st.DrawFn, text_sentences: list[str], one_paragraph: bool) -> str:
    """Words of the archived text as an analyst might copy them: verbatim, re-cased, straight quotes, or with '...'
    joining three words of the next sentence when it is in the same paragraph (the quote rule)."""
    first = draw(st.integers(0, len(text_sentences) - 1))
    sentence = text_sentences[first]
    words = sentence.split(" ")
    start = draw(st.integers(0, max(0, len(words) - 4)))
    quote = " ".join(words[start : start + draw(st.integers(4, len(words)))])
    if one_paragraph and first + 1 < len(text_sentences) and draw(st.booleans()):
        quote = f"{quote} ... {' '.join(text_sentences[first + 1].split(' ')[:3])}"
    style = draw(st.sampled_from(["verbatim", "lower", "straight", "spaced"]))
    if style == "lower":
        quote = quote.lower()
    elif style == "straight":
        quote = quote.replace("’", "'")
    elif style == "spaced":
        quote = quote.replace(" ", "  ")
    return quote


@st.composite
def projects(draw: st.DrawFn) -> dict[str, Any]:
    """A small valid project: path -> data (dumped as YAML) or text (archived sources)."""
    files: dict[str, Any] = {}
    texts: dict[str, list[str]] = {}
    published: dict[str, str] = {}
    one_paragraph: dict[str, bool] = {}
    n_sources = draw(st.integers(1, 3))
    for i in range(n_sources):
        sid = idify("s", i, draw(st.sampled_from(WORDS)))
        texts[sid] = draw(st.lists(sentences(), min_size=2, max_size=5))
        published[sid] = draw(fuzzy_dates())
        joiner = draw(st.sampled_from([" ", "\n\n"]))
        one_paragraph[sid] = joiner == " "
        files[f"content/sources/{sid}.txt"] = joiner.join(texts[sid]) + "\n"
        files[f"content/sources/{sid}.yaml"] = {
            "title": draw(sentences()),
            "outlet": draw(st.one_of(st.none(), st.sampled_from(WORDS).map(str.title))),
            "published": published[sid],
            "kind": draw(st.sampled_from(["news", "analysis", "official", "social", "other"])),
            "reliability": draw(st.sampled_from("ABCDEF")),
            "reliability_reason": draw(sentences()),
            "descriptor": draw(sentences()),
        }
    source_ids = list(texts)

    def cites(must: list[str] | None = None, graded: bool = False) -> list[dict[str, Any]]:
        chosen = must or [draw(st.sampled_from(source_ids))]
        out = []
        for sid in chosen:
            citation: dict[str, Any] = {"source": sid, "quote": draw(quotes_of(texts[sid], one_paragraph[sid]))}
            if graded or draw(st.booleans()):
                citation["credibility"] = draw(st.integers(1, 6))
            out.append(citation)
        return out

    actors: list[dict[str, Any]] = []
    for i in range(draw(st.integers(1, 3))):
        actor: dict[str, Any] = {
            "id": idify("a", i, draw(st.sampled_from(WORDS))),
            "name": draw(st.sampled_from(WORDS)).title(),
            "kind": draw(st.sampled_from(["state", "armed-group", "person", "organization"])),
            "country": draw(st.sampled_from(["IQ", "IR", "US"])),
            "cite": cites(),
        }
        if bool(actors) and draw(st.booleans()):
            actor["parent"] = actors[0]["id"]
        actors.append(actor)
    files["content/actors.yaml"] = actors

    places = []
    for i in range(draw(st.integers(0, 2))):
        places.append(
            {
                "id": idify("p", i, draw(st.sampled_from(WORDS))),
                "name": draw(st.sampled_from(WORDS)).title(),
                "kind": draw(st.sampled_from(["airbase", "city", "region"])),
                "country": "IQ",
                "lat": draw(st.floats(-90, 90, allow_nan=False).map(lambda x: round(x, 4))),
                "lon": draw(st.floats(-180, 180, allow_nan=False).map(lambda x: round(x, 4))),
                "geo_precision": draw(st.sampled_from([1, 2, 3])),
                "cite": cites(),
            }
        )
    if places:
        files["content/places.yaml"] = places

    n_events = draw(st.integers(1, 4))
    events = []
    for i in range(n_events):
        date = draw(fuzzy_dates())
        event: dict[str, Any] = {
            "id": idify("e", i, draw(st.sampled_from(WORDS))),
            "title": draw(sentences()),
            "date": date,
            "type": draw(st.sampled_from(["attack", "strike", "statement", "protest", "other"])),
            # every actor takes part in an event and every source is cited by one: --strict allows no warnings
            "actors": [
                {"actor": actor["id"], "role": draw(st.sampled_from(["perpetrator", "target", "speaker", "involved"]))}
                for j, actor in enumerate(actors)
                if j % n_events == i
            ],
            "cite": cites([sid for k, sid in enumerate(source_ids) if k % n_events == i] or None),
        }
        # a window ends no later than the last source citing it was published (check warns, --strict fails)
        last_seen = max(latest_day(published[c["source"]]) for c in event["cite"])
        if draw(st.booleans()) and last_seen >= latest_day(date):
            end = latest_day(date) + dt.timedelta(days=draw(st.integers(0, 40)))
            event["date_end"] = str(min(end, last_seen))
        if bool(places) and draw(st.booleans()):
            event["place"] = draw(st.sampled_from(places))["id"]
        if draw(st.booleans()):
            event["killed"] = draw(
                st.one_of(
                    st.builds(lambda n: {"count": n}, st.integers(0, 50)),
                    st.builds(lambda a, b: {"low": a, "high": a + b}, st.integers(0, 20), st.integers(0, 20)),
                )
            )
        if draw(st.booleans()):
            event["tags"] = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=3, unique=True))
        if draw(st.booleans()):
            event["summary"] = draw(sentences())
        events.append(event)
    files["content/events.yaml"] = events

    judgments = []
    for i in range(draw(st.integers(1, 2))):
        likelihood = draw(st.sampled_from(list(model.LIKELIHOOD)))
        phrase = draw(st.sampled_from(model.LIKELIHOOD[likelihood][3]))
        judgments.append(
            {
                "id": idify("j", i, draw(st.sampled_from(WORDS))),
                "statement": f"We assess it is {phrase} that {draw(sentences()).lower()}",
                "likelihood": likelihood,
                # high confidence on one source is a warning, and --strict allows none
                "confidence": draw(st.sampled_from(["low", "moderate"])),
                "basis": draw(st.lists(st.sampled_from([e["id"] for e in events]), max_size=2, unique=True)),
                "cite": cites(graded=True),  # a key judgment rests on graded citations
            }
        )
    files["content/judgments.yaml"] = judgments

    if draw(st.booleans()):
        scenario_likelihood = draw(st.sampled_from(list(model.LIKELIHOOD)))
        files["content/scenarios.yaml"] = [
            {
                "id": "outlook",
                "name": draw(sentences()),
                "narrative": draw(sentences()),
                "likelihood": scenario_likelihood,
                "indicators": ["signal"],
                "cite": cites(),
            }
        ]
        status = draw(st.sampled_from(["not-observed", "emerging", "observed"]))
        files["content/indicators.yaml"] = [
            {
                "id": "signal",
                "observable": draw(sentences()),
                "supports": ["outlook"],
                "status": status,
                "status_history": [{"date": draw(fuzzy_dates(day_only=True)), "status": status, "cite": cites()}],
                "evidence": [events[0]["id"]],
                "cite": cites(),
            }
        ]

    # an edition speaks from after every source, so each judgment is visible in it
    as_of = max(latest_day(p) for p in published.values()) + dt.timedelta(days=draw(st.integers(0, 30)))
    first = {
        "title": draw(sentences()),
        "number": 1,
        "as_of": str(as_of),
        "authors": ["Test Analyst"],
        "bluf": draw(sentences()),
        "key_judgments": [j["id"] for j in judgments],
    }
    files["briefings/ed1.yaml"] = first
    if draw(st.booleans()):
        files["briefings/ed2.yaml"] = {
            **first,
            "number": 2,
            "as_of": str(as_of + dt.timedelta(days=draw(st.integers(1, 60)))),
            "previous": "ed1",
            "paper": "Letter",
        }
    return files


def write_project(files: dict[str, Any], root: Path) -> None:
    for relative, content in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_text(yaml.safe_dump(content, sort_keys=False, allow_unicode=True), encoding="utf-8")


@fuzz_settings(25)
@given(projects())
def test_random_valid_projects_check_and_build(files: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch) / "project"
        write_project(files, root)
        code, _, err = run_cli("--project", str(root), "check", "--strict")
        assert (code, err) == (0, ""), err
        loaded, problems = load_and_check(root)
        assert problems == []
        out = Path(scratch) / "out"
        write_site(plan_build(loaded, root), out, {}, indexer=None)
        assert (out / "index.html").is_file()
        for name in (n for n in files if n.startswith("briefings/")):
            assert (out / name.replace(".yaml", ".html")).is_file()


# --- 2. random corruptions fail located, never crash -------------------------------------------

YAML_FILES = sorted(p.relative_to(MINI).as_posix() for p in MINI.rglob("*.yaml"))
LOCATED = re.compile(r"^(content|briefings)/[^:]+(:\d+:\d+)?: .+")
SUMMARY = re.compile(r"^(\d+) errors?, (\d+) warnings? in (\d+) files?")
TOKENS = [
    "", "~", "null", "yes", "no", "on", "[]", "{}", "[", "{", "]", "}", "-", "- -", ":", ": :", "?", "|", ">", "&a", "*a",
    "&a [*a]", "!x", "!!python/name:os.system", "!!binary aGk=", "<<: {}", "'", '"', "'unterminated", "#", "@x", "`x",
    "%YAML 1.1", "---", "...", "0", "-1", "1.5", "1e400", ".nan", "-.inf", "0x1F", "0o17", "0b101", "1:30", "1_000",
    "2019-02-30", "2019-13", "2019-1-5", "0000-01-01", "9999-12-31", "Iran", "IR", "G", "7", "attack", "likely",
    "very-likely", "kataib-hezbollah", "KH_2", "x" * 300, "é…’—", "\u200b", "\ufeff",
]  # fmt: skip
CHARACTERS = list(":-[]{}#&*!|>'\"%@`,?\t \\") + ["\x00", "\x0c", "\x85", "\u2028", "\ufeff", "é", "…", "\n"]


def _lines(data: bytes) -> list[bytes]:
    return data.split(b"\n")


@st.composite
def corruptions(draw: st.DrawFn) -> tuple[str, str, bytes]:
    """(file, what was done, new bytes): one random edit to one YAML file of the mini fixture."""
    path = draw(st.sampled_from(YAML_FILES))
    data = (MINI / path).read_bytes()
    lines = _lines(data)
    line = draw(st.integers(0, len(lines) - 1))
    kind = draw(
        st.sampled_from(["delete", "duplicate", "swap", "char", "byte", "truncate", "token", "indent", "chars", "tokens"])
    )
    if kind == "delete":
        del lines[line]
    elif kind == "duplicate":
        lines.insert(line, lines[line])
    elif kind == "swap":
        other = draw(st.integers(0, len(lines) - 1))
        lines[line], lines[other] = lines[other], lines[line]
    elif kind in ("char", "chars"):
        for _ in range(1 if kind == "char" else draw(st.integers(2, 5))):
            line = draw(st.integers(0, len(lines) - 1))
            char = draw(st.one_of(st.sampled_from(CHARACTERS), st.characters(codec="utf-8")))
            col = draw(st.integers(0, len(lines[line])))
            lines[line] = lines[line][:col] + char.encode("utf-8", "surrogatepass") + lines[line][col:]
    elif kind == "byte":
        offset = draw(st.integers(0, len(data)))
        return path, f"byte at {offset}", data[:offset] + bytes([draw(st.integers(0, 255))]) + data[offset:]
    elif kind == "truncate":
        offset = draw(st.integers(0, len(data)))
        return path, f"truncated at {offset}", data[:offset]
    elif kind in ("token", "tokens"):
        for _ in range(1 if kind == "token" else draw(st.integers(2, 4))):
            line = draw(st.integers(0, len(lines) - 1))
            token = draw(st.one_of(st.sampled_from(TOKENS), st.text(max_size=12)))
            text = lines[line].decode("utf-8")
            head = text[: text.index(": ") + 2] if ": " in text else text[: len(text) - len(text.lstrip(" -")) or 0]
            lines[line] = (head + token).encode("utf-8", "surrogatepass")
    elif kind == "indent":
        delta = draw(st.sampled_from([-4, -2, -1, 1, 2, 3]))
        lines[line] = b" " * delta + lines[line] if delta > 0 else lines[line][-delta:]
    return path, f"{kind} at line {line + 1}", b"\n".join(lines)


def _known_crash(error: BaseException) -> str | None:
    """Which known, reported product bug an exception is (see the xfail cases in tests/bad), or None."""
    frame = traceback.extract_tb(error.__traceback__)[-1]
    where = (Path(frame.filename).name, frame.name)
    if isinstance(error, ValueError) and where == ("yamlsafe.py", "_scalar"):
        return "yamlsafe._scalar: int()/float() of a YAML 1.1 number it cannot convert (tests/bad/lat-degrees-minutes-seconds)"
    if isinstance(error, ValueError) and "year 0 is out of range" in str(error):
        return "dates: year 0000 accepted by FuzzyDate.parse (tests/bad/date-year-zero)"
    return None


def _known_format_break(err: str) -> str | None:
    if '\n  in "<unicode string>", position ' in err:
        return "yamlsafe.parse: ReaderError printed on two lines without line:col (tests/bad/control-character)"
    return None


def assert_reported(code: int, err: str) -> None:
    """Every problem is `path[:line:col]: message` then `    fix: hint` (a block to paste indented below it), and the
    summary counts them."""
    assert code in (0, 1)
    lines = err.splitlines()
    if code == 0 and not lines:
        return
    assert lines, "exit 1 with nothing printed"
    summary = lines[-1].removeprefix("check failed: ")
    assert (lines[-1] != summary) == (code == 1), lines[-1]
    body = [line for line in lines[:-1] if not line.startswith("      ")]  # a block to paste continues its fix
    assert body and len(body) % 2 == 0, err
    errors = warnings = 0
    for first, fix in zip(body[::2], body[1::2], strict=True):
        assert LOCATED.match(first), first
        assert fix.startswith("    fix: ") and fix[9:].strip(), fix
        if ": warning: " in first:
            warnings += 1
        else:
            errors += 1
    files = {first.split(":")[0] for first in body[::2]}
    counts = SUMMARY.match(summary)
    assert counts, summary
    assert counts.groups() == (str(errors), str(warnings), str(len(files))), err


def test_random_corruptions_fail_located() -> None:
    """A corrupted file gives exit 0 or 1 and located problems, never an exception.

    Crashes already reported as xfail cases in tests/bad are tallied instead of failing the property, so that the
    search goes on for new ones; the test then ends as xfail naming them (and passes once they are fixed).
    """
    known_bugs: dict[str, str] = {}

    @fuzz_settings(200)
    @given(corruption=corruptions())
    def corrupted_project_is_reported(corruption: tuple[str, str, bytes]) -> None:
        path, what, data = corruption
        with tempfile.TemporaryDirectory() as scratch:
            root = Path(scratch) / "project"
            shutil.copytree(MINI, root)
            (root / path).write_bytes(data)
            try:
                code, _, err = run_cli("--project", str(root), "check")
            except Exception as error:
                known = _known_crash(error)
                if known is None:
                    raise
                known_bugs.setdefault(known, f"{path}, {what}: {type(error).__name__}: {error}")
                return
            known = _known_format_break(err)
            if known is not None:
                known_bugs.setdefault(known, f"{path}, {what}")
                return
            assert_reported(code, err)

    corrupted_project_is_reported()
    if known_bugs:
        pytest.xfail("; ".join(f"{bug} [first seen: {example}]" for bug, example in known_bugs.items()))


def test_known_bug_classifier_matches_the_reported_bugs() -> None:
    """The fuzz test forgives only the reported bugs: each sample below is one of them, and must either be recognised
    by the classifier or, once fixed, be reported in the normal located form."""
    samples = [
        ("content/places.yaml", "lat: 33.94", "lat: 33:56:24"),  # tests/bad/lat-degrees-minutes-seconds
        ("briefings/ed1.yaml", "as_of: 2019-12-08", "as_of: 0000-01-01"),  # tests/bad/date-year-zero
        ("content/events.yaml", "quote: Two Katyusha", "quote: Two\x0cKatyusha"),  # tests/bad/control-character
    ]
    for path, old, new in samples:
        with tempfile.TemporaryDirectory() as scratch:
            root = Path(scratch) / "project"
            shutil.copytree(MINI, root)
            file = root / path
            file.write_text(file.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
            try:
                code, _, err = run_cli("--project", str(root), "check")
            except Exception as error:
                assert _known_crash(error) is not None, error
                continue
            if _known_format_break(err) is None:
                assert_reported(code, err)
                assert code == 1
