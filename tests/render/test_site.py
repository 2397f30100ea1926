"""The built site as a reader meets it, in a real browser: accessibility, valid HTML, links, citations, search.

Each project is built once per session with the real CLI (the mini fixture project always; the
shipped project when it passes `check`, in a child process started with the session so that its
PDFs render while the mini site is tested), served on 127.0.0.1 and opened in Debian's chromium.
Checkers: axe-core (WCAG 2.0/2.1/2.2 A and AA) on every page type and the Nu HTML Checker on
every page. Screenshots of the index and a briefing at phone and desktop widths go to
$SITREP_SHOTS (default /tmp/shots) for a person to look at.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from sitrep.cli import main

from ..browser import AXE, VNU, axe_violations, describe_violations, java, require, serve
from ..conftest import MINI, ROOT

SHOTS = Path(os.environ.get("SITREP_SHOTS", "/tmp/shots"))
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
NPM_HINT = "run `npm ci` in tests/js (tests/run does it)"


# ---------------------------------------------------------------------------------------------
# Building and serving


@dataclass
class Site:
    """A built site: its name in test ids, its folder, and the URL it is served at."""

    name: str
    folder: Path
    url: str = ""
    pages: dict[str, list[str]] = field(default_factory=dict)

    def page_url(self, relative: str) -> str:
        return urljoin(self.url, relative)


def build(project: Path, out: Path) -> Path:
    code = main(["--project", str(project), "--out", str(out), "--quiet", "build"])
    assert code == 0, f"building {project} failed with exit code {code} (see the captured stderr)"
    return out


def page_types(folder: Path) -> dict[str, list[str]]:
    """Pages to check for each page type, relative to the site root. For the item pages (actor,
    place, source) the largest file stands for its type: it exercises the most of the template."""

    def largest(kind: str) -> list[str]:
        files = [p for p in (folder / kind).glob("*.html") if p.name != "index.html"]
        return [max(files, key=lambda p: p.stat().st_size).relative_to(folder).as_posix()] if files else []

    return {
        "index": ["index.html"],
        "briefing": sorted(p.relative_to(folder).as_posix() for p in (folder / "briefings").glob("*.html")),
        "actor": largest("actors"),
        "place": largest("places"),
        "source": largest("sources"),
        "timeline": ["timeline.html"],
        "actors-index": ["actors/index.html"],
        "places-index": ["places/index.html"],
        "sources-index": ["sources/index.html"],
        "search": ["search.html"],
    }


@pytest.fixture(scope="session")
def mini_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(MINI, tmp_path_factory.mktemp("mini") / "_site")


@dataclass
class Pending:
    """The shipped project's build, running in a child process, or why there is none."""

    out: Path
    log: Path
    process: subprocess.Popen[bytes] | None = None
    skip: str = ""


@pytest.fixture(scope="session", autouse=True)
def real_build(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Pending]:
    """Start building the shipped project at once, in a child process running the same CLI, so its PDFs
    render while the mini site is being tested (it takes most of a minute); only when a test needs it."""
    folder = tmp_path_factory.mktemp("real")
    pending = Pending(folder / "_site", folder / "build.log")
    wanted = any(
        isinstance(item, pytest.Function) and hasattr(item, "callspec") and item.callspec.params.get("site") == "real"
        for item in request.session.items
    )
    if not wanted:
        pending.skip = "no test of the shipped project was selected"
    elif main(["--project", str(ROOT), "--quiet", "check"]) != 0:
        pending.skip = "the shipped project does not pass `check` yet"
    else:
        with pending.log.open("wb") as log:
            pending.process = subprocess.Popen(
                [sys.executable, "-m", "sitrep.cli", "--project", str(ROOT), "--out", str(pending.out), "--quiet", "build"],
                cwd=ROOT,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
    yield pending
    if pending.process and pending.process.poll() is None:  # the session was cut short
        pending.process.kill()
        pending.process.wait()


@pytest.fixture(scope="session")
def real_folder(real_build: Pending) -> Path:
    if real_build.process is None:
        pytest.skip(real_build.skip)
    code = real_build.process.wait(timeout=900)
    assert code == 0, f"building the shipped project failed ({code}):\n{real_build.log.read_text(errors='replace')}"
    return real_build.out


@pytest.fixture(scope="session", params=["mini", "real"])
def site(request: pytest.FixtureRequest) -> Iterator[Site]:
    """Each built site, served on 127.0.0.1 for the session."""
    folder: Path = request.getfixturevalue(f"{request.param}_folder")
    with serve(folder) as url:
        yield Site(request.param, folder, url, page_types(folder))


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport=DESKTOP)
    try:
        yield context.new_page()
    finally:
        context.close()


def fold(text: str) -> str:
    """Text compared the way a reader would: case, spacing and typographic quotes and dashes ignored."""
    table = str.maketrans(
        {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-", "\u00a0": " "}
    )
    return re.sub(r"\s+", " ", text.translate(table)).strip().lower()


# ---------------------------------------------------------------------------------------------
# Parsing built HTML


class Parsed(HTMLParser):
    """The links, element ids, <time datetime> values and text of one HTML file."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []  # (tag, url)
        self.ids: set[str] = set()
        self.times: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name in ("href", "src", "xlink:href"):
            if values.get(name):
                self.links.append((tag, values[name] or ""))
        if values.get("id"):
            self.ids.add(values["id"] or "")
        if tag == "time" and values.get("datetime"):
            self.times.append(values["datetime"] or "")

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def text_of(html: str) -> str:
    parsed = Parsed()
    parsed.feed(html)
    parsed.close()
    return "".join(parsed.text)


def marked_text(html: str, anchor: str) -> str | None:
    """The text a quote anchor points at on a source page: its <mark>, or the mark right after
    the empty anchor spans that stand before a mark shared by overlapping quotes."""
    found = re.search(rf'<mark id="{re.escape(anchor)}"[^>]*>(.*?)</mark>', html, re.DOTALL) or re.search(
        rf'<span id="{re.escape(anchor)}" class="anchor"></span>(?:<span id="[^"]+" class="anchor"></span>)*<mark[^>]*>(.*?)</mark>',
        html,
        re.DOTALL,
    )
    return text_of(found[1]) if found else None


def parse(path: Path) -> Parsed:
    parsed = Parsed()
    parsed.feed(path.read_text(encoding="utf-8"))
    parsed.close()
    return parsed


def html_files(folder: Path) -> list[Path]:
    """Every page of the site; pagefind's own UI files are not ours to check."""
    return sorted(p for p in folder.rglob("*.html") if "pagefind" not in p.relative_to(folder).parts)


# ---------------------------------------------------------------------------------------------
# Checkers


@pytest.mark.parametrize(
    "kind",
    ["index", "briefing", "actor", "place", "source", "timeline", "actors-index", "places-index", "sources-index", "search"],
)
def test_axe_finds_no_wcag_violations(site: Site, page: Any, kind: str) -> None:
    require(AXE, NPM_HINT)
    pages = site.pages[kind]
    if kind == "briefing" and site.name != "mini":
        pages = pages[-1:]  # the mini editions cover each shape of edition; the newest real one is the largest
    assert pages, f"the {site.name} site has no {kind} page"
    report = []
    for relative in pages:
        page.goto(site.page_url(relative))
        if kind == "search":
            page.wait_for_selector(".pagefind-ui__search-input")
        violations = axe_violations(page)
        if violations:
            report.append(f"{relative}:\n{describe_violations(violations)}")
    assert not report, "axe-core found WCAG violations:\n" + "\n".join(report)


def test_nu_html_checker_finds_no_errors(site: Site) -> None:
    require(VNU, NPM_HINT)
    if java() is None:
        pytest.skip("java is missing: apt-get install -y default-jre-headless (tests/run does it)")
    files = [str(p) for p in html_files(site.folder)]
    # a bigger stack (vnu asks for one) lets the quick C1 compiler do: about 3 s instead of 9 for 100 pages
    vnu = ["java", "-Xss4m", "-XX:TieredStopAtLevel=1", "-jar", str(VNU)]
    done = subprocess.run(
        [*vnu, "--errors-only", "--skip-non-html", "--format", "json", *files],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    messages = json.loads(done.stderr or done.stdout or "{}").get("messages", [])
    lines = [
        f"{m.get('url', '').removeprefix('file:' + str(site.folder))}:{m.get('lastLine', '?')}: {m.get('message')}"
        f" [{(m.get('extract') or '').strip()[:120]}]"
        for m in messages
    ]
    assert not lines, f"vnu found {len(lines)} errors:\n" + "\n".join(lines)
    assert done.returncode == 0, done.stderr


def test_every_internal_link_and_anchor_resolves(site: Site) -> None:
    folder = site.folder
    parsed = {p: parse(p) for p in html_files(folder)}
    broken: list[str] = []
    missing_pdfs: list[str] = []
    checked = 0
    for path, doc in parsed.items():
        base = "/" + path.relative_to(folder).as_posix()
        for tag, link in doc.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc:
                continue  # external (https:, mailto:) or data: — not part of the build
            target_url = urlsplit(urljoin(base, link))
            target = folder / unquote(target_url.path).lstrip("/")
            where = f"{base}: <{tag}> {link}"
            checked += 1
            if not (target.is_file() or (target.is_dir() and (target / "index.html").is_file())):
                (missing_pdfs if target.suffix == ".pdf" and target.parent.name == "briefings" else broken).append(where)
                continue
            if target.is_dir():
                target = target / "index.html"
            fragment = unquote(target_url.fragment)
            if fragment and target.suffix == ".html":
                ids = parsed[target].ids if target in parsed else parse(target).ids
                if fragment not in ids:
                    broken.append(f"{where}: no element with id {fragment!r} in {target.relative_to(folder)}")
    assert checked > 100, f"only {checked} links found: is the site empty?"
    assert not broken, f"{len(broken)} broken internal links:\n" + "\n".join(broken)
    if missing_pdfs:
        if not any((folder / "briefings").glob("*.pdf")):
            pytest.xfail(
                f"the build writes no briefing PDFs yet; {len(missing_pdfs)} links wait for them, e.g. {missing_pdfs[0]}"
            )
        raise AssertionError("links to PDFs the build did not write:\n" + "\n".join(missing_pdfs))


def test_every_call_links_to_its_quote_highlighted_on_the_source_page(site: Site) -> None:
    """Statically, for every passage of every call on every page: the quote link's target is a <mark> holding the quote."""
    folder = site.folder
    passage_link = re.compile(
        r'<span class="claim-passage">.*?<a href="([^"]*sources/[^"#]+\.html#[^"]+)">“(.*?)”</a></span>', re.DOTALL
    )
    sources: dict[Path, str] = {}
    wrong: list[str] = []
    count = 0
    for path in html_files(folder):
        for href, quote_html in passage_link.findall(path.read_text(encoding="utf-8")):
            count += 1
            parts = urlsplit(href)
            target = (path.parent / parts.path).resolve()
            if target not in sources:
                sources[target] = target.read_text(encoding="utf-8")
            marked = marked_text(sources[target], parts.fragment)
            first = re.split(r"\s*(?:\.\.\.|…)\s*", fold(text_of(quote_html)))[0]
            if marked is None or first not in fold(marked):
                wrong.append(f"{path.relative_to(folder)}: {href} marks {marked!r}, not {first!r}")
    assert count, "no citation calls found"
    assert not wrong, "calls whose link does not land on their quote:\n" + "\n".join(wrong)


# ---------------------------------------------------------------------------------------------
# What a reader does


def test_a_call_opens_in_place_and_its_quote_lands_on_the_highlighted_passage(site: Site, page: Any) -> None:
    briefing = site.pages["briefing"][-1]
    page.goto(site.page_url(briefing))
    call = page.locator(".judgments .cite-call").first
    call.scroll_into_view_if_needed()
    before = page.evaluate("scrollY")
    call.click()
    note = page.locator(".claim:popover-open")
    note.wait_for()
    assert page.evaluate("scrollY") == before, "opening a note must not move the page"
    box = note.bounding_box()
    assert box and box["y"] >= 0 and box["y"] + box["height"] <= DESKTOP["height"], box
    assert fold(note.inner_text()).startswith("sources")
    quote_link = note.locator("a[href*='sources/']").first
    quote = fold(quote_link.inner_text()).strip('"')
    quote_link.click()
    page.wait_for_url("**/sources/*.html#q-*")
    page.wait_for_load_state("load")
    landed = page.evaluate(
        """() => {
            let el = document.querySelector(':target');
            while (el && el.tagName !== 'MARK') el = el.nextElementSibling;  // past empty anchor spans
            if (!el) return null;
            const other = [...document.querySelectorAll('mark')].find(m => m !== el && !m.matches(':target'));
            const r = el.getBoundingClientRect();
            return {tag: el.tagName, text: el.textContent, top: r.top, bottom: r.bottom, height: innerHeight,
                    background: getComputedStyle(el).backgroundColor, outline: getComputedStyle(el).outlineStyle,
                    others: other ? getComputedStyle(other).backgroundColor : null};
        }"""
    )
    assert landed is not None, f"{page.url}: nothing is the :target"
    assert landed["tag"] == "MARK", landed
    first = re.split(r"\s*(?:\.\.\.|…)\s*", quote)[0]
    assert first in fold(landed["text"]), f"the highlighted passage {landed['text']!r} is not the quote {quote!r}"
    assert landed["top"] >= -2 and landed["bottom"] <= landed["height"], f"the mark is not scrolled into view: {landed}"
    assert landed["outline"] == "solid" and landed["background"] != landed["others"], (
        f"the cited passage does not stand out: {landed}"
    )


def test_a_cited_passage_links_back_to_what_cites_it(site: Site, page: Any) -> None:
    source = site.pages["source"][0]
    page.goto(site.page_url(source))
    number = page.locator(".passage-no").first
    number.click()
    entry = page.locator(".passage-uses li:target")
    entry.wait_for()
    back = entry.locator(".cited-by a[href*='briefings/'], .cited-by a[href*='timeline.html']").first
    href = back.get_attribute("href") or ""
    back.click()
    page.wait_for_load_state("load")
    fragment = urlsplit(page.url).fragment
    assert fragment and page.locator(f"[id='{fragment}']").count() == 1, f"{href} lands on nothing"


def test_the_briefing_page_has_the_shape_of_the_pdf(site: Site, page: Any) -> None:
    """Contents, then the body's sections in the PDF's order, then links to one page per annex;
    contents at hand while reading, links to the other editions, back to top."""
    for relative in site.pages["briefing"]:
        page.goto(site.page_url(relative))
        sections = page.eval_on_selector_all(".body > .section", "els => els.map(e => e.id)")
        order = ["bluf", "changes", "situation", "map", "timeline", "outlook", "gaps"]
        assert sections == [s for s in order if s in sections] and sections[0] == "bluf", (relative, sections)
        toc = page.eval_on_selector_all(".toc a", "els => els.map(e => e.getAttribute('href'))")
        assert toc[: len(sections)] == [f"#{s}" for s in sections]
        annexes = page.eval_on_selector_all(".annex-list a", "els => els.map(e => [e.textContent, e.getAttribute('href')])")
        assert [t.split(":")[0] for t, _ in annexes] == ["Annex A", "Annex B", "Annex C", "Annex D", "Annex E"]
        for title, href in annexes:
            target = site.folder / Path(relative).parent / href
            assert target.is_file() and f"<h1>{title}</h1>" in target.read_text(encoding="utf-8"), href
        assert page.locator(".to-top a[href='#top']").count() == 1
    newest = site.pages["briefing"][-1]
    page.goto(site.page_url(newest))
    assert page.locator(".editions-nav a[rel=prev]").count() == 1
    assert not page.locator(".to-top a").is_visible(), "back to top shows at the top of the page"
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    page.wait_for_timeout(100)
    assert page.locator(".to-top a").is_visible(), "back to top is hidden at the end of the page"
    toc = page.locator(".briefing > .toc").bounding_box()
    assert toc and 0 <= toc["y"] < DESKTOP["height"], f"the contents scrolled away: {toc}"
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < 16_000, f"the briefing page is {height} px tall"


@pytest.mark.parametrize("site", ["real"], indirect=True)  # the mini project's paragraphs are each shorter than a line
def test_running_text_is_set_to_a_readable_measure(site: Site, page: Any) -> None:
    """60 to 75 characters a line in the bottom line, the narrative and the scenarios, on a desktop screen."""
    page.goto(site.page_url(site.pages["briefing"][-1]))
    measures = page.evaluate(
        """() => [...document.querySelectorAll('.bluf p, .narrative p, .scenario-text p')].map(p => {
            const text = p.textContent;
            const probe = document.createElement('span');
            probe.style.whiteSpace = 'nowrap';
            probe.textContent = text;
            p.appendChild(probe);
            const full = probe.getBoundingClientRect().width;
            probe.remove();
            const width = p.getBoundingClientRect().width;
            return full > 1.5 * width ? width / (full / text.length) : null;  // paragraphs of two lines or more
        }).filter(m => m !== null)"""
    )
    assert measures and all(58 <= m <= 77 for m in measures), measures


@pytest.mark.parametrize("phrase", ["Katyusha"])
def test_search_results_say_what_they_are_and_carry_no_note_text(site: Site, page: Any, phrase: str) -> None:
    page.goto(site.page_url("search.html"))
    page.locator(".pagefind-ui__search-input").fill(phrase)
    titles = page.locator(".pagefind-ui__result-title")
    titles.first.wait_for(timeout=10_000)
    page.wait_for_timeout(500)
    shown = [titles.nth(i).inner_text() for i in range(titles.count())]
    kinds = {t.split(":")[0] for t in shown}
    assert kinds <= {"Briefing", "Event", "Actor", "Place", "Source"} and len(kinds) >= 2, shown
    excerpts = " ".join(page.locator(".pagefind-ui__result-excerpt").all_inner_texts())
    for hidden in ("Note 1", "Outlet not named", "credibility", "Sources: "):
        assert hidden not in excerpts, f"search shows note text {hidden!r}: {excerpts[:300]}"


@pytest.mark.parametrize("phrase", ["Katyusha"])
def test_search_finds_a_known_phrase(site: Site, page: Any, phrase: str) -> None:
    page.goto(site.page_url("search.html"))
    box = page.locator(".pagefind-ui__search-input")
    box.fill(phrase)
    links = page.locator(".pagefind-ui__result-link")
    links.first.wait_for(timeout=10_000)
    hrefs = [links.nth(i).get_attribute("href") or "" for i in range(links.count())]
    assert hrefs, f"no results for {phrase!r}"
    hits = []
    for href in hrefs:
        target = site.folder / unquote(urlsplit(urljoin(page.url, href)).path).lstrip("/")
        if target.is_file() and phrase.lower() in target.read_text(encoding="utf-8").lower():
            hits.append(href)
    assert hits, f"no result for {phrase!r} links to a page containing it: {hrefs}"
    violations = axe_violations(page)  # the results list is part of the page too
    assert not violations, describe_violations(violations)


def test_first_edition_shows_nothing_from_later(mini_folder: Path) -> None:
    """The 2019-12-08 edition was written before Soleimani's killing: no page, export or attribute names him."""
    briefings = mini_folder / "briefings"
    annexes = [f"ed1/{name}.html" for name in ("events", "actors", "places", "sources", "standards")]
    for name in ("ed1.html", "ed1.json", "ed1.events.csv", "ed1.timeline.json", *annexes):
        text = (briefings / name).read_text(encoding="utf-8")
        assert "soleimani" not in text.lower(), f"{name} mentions Soleimani, reported only after 2019-12-08"
    assert "Soleimani" in (briefings / "ed2.html").read_text(encoding="utf-8"), "the later edition should name him"


def test_briefing_dates_are_not_after_as_of(site: Site) -> None:
    for relative in site.pages["briefing"]:
        doc = parse(site.folder / relative)
        html = (site.folder / relative).read_text(encoding="utf-8")
        as_of = re.search(r'<meta name="dcterms.created" content="([^"]+)">', html)
        assert as_of, f"{relative} has no dcterms.created"
        later = [t for t in doc.times if t[: len(as_of[1])] > as_of[1]]
        assert not later, f"{relative} (as of {as_of[1]}) shows later dates: {later}"


def test_briefing_reads_without_javascript(site: Site, browser: Any) -> None:
    context = browser.new_context(java_script_enabled=False, viewport=DESKTOP)
    try:
        page = context.new_page()
        for relative in site.pages["briefing"]:
            page.goto(site.page_url(relative))
            svgs = page.locator("figure.picture .pic-wide svg")
            assert svgs.count() >= 2, (
                f"{relative}: expected the map and timeline pictures (the relations are in the actors annex)"
            )
            for i in range(svgs.count()):
                box = svgs.nth(i).bounding_box()
                assert box and box["width"] > 100 and box["height"] > 50, f"{relative}: picture {i} is not shown ({box})"
            expected = json.loads((site.folder / relative).with_suffix(".json").read_text(encoding="utf-8"))["key_judgments"]
            judgments = page.locator(".judgments .judgment .statement")
            assert judgments.count() == len(expected) > 0
            for i, judgment in enumerate(expected):
                assert judgments.nth(i).is_visible()
                shown = fold(judgments.nth(i).inner_text())
                assert fold(re.sub(r"[*_`]", "", judgment["statement"]))[:60] in shown, (relative, shown)
    finally:
        context.close()


# ---------------------------------------------------------------------------------------------
# Phone and desktop


def test_no_sideways_scrolling_on_a_phone(site: Site, browser: Any) -> None:
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=1)
    try:
        page = context.new_page()
        wide = []
        for kind, pages in site.pages.items():
            for relative in pages[:1] if kind != "briefing" else pages:
                page.goto(site.page_url(relative))
                width = page.evaluate("document.documentElement.scrollWidth")
                if width > PHONE["width"] + 1:
                    culprits = page.evaluate(
                        """limit => [...document.querySelectorAll('body *')]
                            .filter(el => el.getBoundingClientRect().right > limit + 1)
                            .slice(0, 5).map(el => el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.split(' ').join('.') : '') + ' ' + Math.round(el.getBoundingClientRect().right))""",
                        PHONE["width"],
                    )
                    wide.append(f"{relative}: {width}px wide; {culprits}")
        assert not wide, "pages that scroll sideways at 390 px:\n" + "\n".join(wide)
    finally:
        context.close()


def test_axe_finds_no_wcag_violations_on_a_phone(site: Site, browser: Any) -> None:
    """At 390 px wide tables scroll inside themselves and text reflows: the rules that depend on layout
    again, on the newest briefing (the whole WCAG set ran at desktop width above)."""
    require(AXE, NPM_HINT)
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=1)
    try:
        page = context.new_page()
        page.goto(site.page_url(site.pages["briefing"][-1]))
        violations = axe_violations(page, ["target-size", "scrollable-region-focusable", "meta-viewport", "color-contrast"])
        assert not violations, "axe-core found WCAG violations at phone width:\n" + describe_violations(violations)
    finally:
        context.close()


@pytest.mark.parametrize("width", ["phone", "desktop"])
def test_screenshots(site: Site, browser: Any, width: str) -> None:
    """Full-page screenshots of the index and the newest briefing, for a person to look at."""
    viewport = PHONE if width == "phone" else DESKTOP
    context = browser.new_context(viewport=viewport, is_mobile=width == "phone", device_scale_factor=1)
    try:
        page = context.new_page()
        SHOTS.mkdir(parents=True, exist_ok=True)
        for relative in ("index.html", site.pages["briefing"][-1]):
            page.goto(site.page_url(relative))
            shot = SHOTS / f"{site.name}-{Path(relative).stem}-{width}.png"
            height = min(page.evaluate("document.documentElement.scrollHeight"), 8000)  # long pages: the top 8000 px
            page.screenshot(path=str(shot), full_page=True, clip={"x": 0, "y": 0, "width": viewport["width"], "height": height})
            assert shot.stat().st_size > 5_000
    finally:
        context.close()
