"""The Word copy: a briefing's as-of view as a .docx with real footnotes, tables and pictures (the `docx` extra).

The view is written as one plain HTML page (every value escaped, Markdown through the site's sanitiser),
pandoc reads it into its document tree, each citation marker is turned into a real Word footnote there,
and pandoc writes the .docx. The SVG pictures are rasterised with cairosvg: Word's SVG support varies.
"""

from __future__ import annotations

import json
import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markupsafe import Markup

from ... import model, pictures
from ...pictures.map.sites import PRECISION_WORDS, status_words
from ...select import View
from ..briefing import annexes
from ..html import markdown, markdown_inline, narrate

EXTRA_MISSING = "the Word copy needs the docx extra: pip install 'sitrep[docx]' (pypandoc-binary and cairosvg)"
PICTURE_WIDTH = 640.0  # drawn at the PDF's column width, rasterised at twice that
PICTURE_CM = "16cm"
FORMATS = ("docx",)


class MissingExtra(Exception):
    """The optional libraries of the Word copy are not installed."""


def check_libraries() -> None:
    """Raise MissingExtra, with how to install it, where the Word copy cannot be made."""
    _libraries()


def _libraries() -> tuple[Any, Any]:
    try:
        import cairosvg
        import pypandoc
    except ImportError as missing:
        raise MissingExtra(EXTRA_MISSING) from missing
    return pypandoc, cairosvg


@dataclass
class _Notes:
    """The footnotes of the copy, numbered in reading order: each citation one note."""

    sources: dict[str, model.Source]
    texts: list[Markup] = field(default_factory=list)

    def cite(self, citations: list[model.Citation]) -> Markup:
        markers = []
        for citation in citations:
            self.texts.append(citation_text(self.sources.get(citation.source), citation))
            number = len(self.texts)
            markers.append(Markup('<a class="noteref" href="#note-{0}">{0}</a>').format(number))
        return Markup("").join(markers)

    def html(self) -> Markup:
        return Markup("").join(
            Markup('<div class="footnote" id="note-{}"><p>{}</p></div>').format(number, text)
            for number, text in enumerate(self.texts, 1)
        )


def citation_text(source: model.Source | None, citation: model.Citation) -> Markup:
    """A footnote: outlet, title and date of the source, then the exact words cited."""
    if source is None:
        return Markup("{}: \u201c{}\u201d").format(citation.source, citation.quote)
    where = ", ".join(part for part in (source.outlet, source.author) if part)
    return Markup("{}{}\u201c{}\u201d, {}: \u201c{}\u201d").format(
        where, ", " if where else "", source.title, source.published.human(), citation.quote
    )


def _pictures(view: View) -> dict[str, str]:
    """The briefing's pictures as SVG, drawn without links (a Word copy has no pages to link to)."""

    def no_link(kind: str, item_id: str) -> str | None:
        return None

    events = list(view.events.values())
    drawn = {
        "timeline": pictures.timeline_svg(
            events,
            href=no_link,
            id_prefix="tl",
            width=PICTURE_WIDTH,
            key=pictures.key_events(events, {e for j in view.key_judgments for e in j.basis}),
            phases=view.briefing.phases,
            editions=[],
        )
        if events
        else "",
        "relations": pictures.relations_svg(view.actors, href=no_link, id_prefix="rel", width=PICTURE_WIDTH)
        if view.actors
        else "",
    }
    if view.places:
        drawn["map"] = pictures.map_svg(
            list(view.places.values()),
            events,
            world=pictures.load_world(),
            href=no_link,
            id_prefix="map",
            width=PICTURE_WIDTH,
            as_of=view.briefing.as_of.human(),
        )
    return {name: svg for name, svg in drawn.items() if svg.strip()}


def html_of(
    view: View, project: model.Project, picture_files: dict[str, str], default_annexes: Sequence[str] | None = None
) -> str:
    """The copy as plain HTML: headings, bottom line, key judgments, tables, pictures, and the notes.

    `default_annexes` is the project's `annexes` (sitrep.yaml), for a briefing that does not set its own."""
    briefing = view.briefing
    notes = _Notes(view.sources)
    actor_names = {a.id: a.name for a in project.actors.values()}
    place_names = {p.id: p.name for p in project.places.values()}
    body: list[Markup] = []
    add = body.append
    add(Markup("<p><strong>{}</strong></p>").format(briefing.marking))
    add(Markup("<p>Edition {}, as of {}. {}.</p>").format(briefing.number, briefing.as_of.human(), ", ".join(briefing.authors)))
    # the Word copy is one document: the annexes the PDF prints (actors, places, sources...) are sections of it
    sections = {*briefing.sections, *(a.name for a in annexes(briefing, default_annexes) if a.in_print)}

    def picture(name: str, alt: str) -> None:
        if name in picture_files:
            add(Markup('<p><img src="{}" alt="{}"></p>').format(picture_files[name], alt))

    if "bluf" in sections:
        add(Markup("<h1>Bottom line</h1>"))
        add(markdown(briefing.bluf))
    add(Markup("<h1>Key judgments</h1><ol>"))
    for judgment in view.key_judgments:
        add(
            Markup("<li><p>{} <em>({}; {} confidence)</em>{}</p></li>").format(
                markdown_inline(judgment.statement),
                judgment.likelihood.replace("-", " "),
                judgment.confidence,
                notes.cite(judgment.cite),
            )
        )
    add(Markup("</ol>"))
    if "timeline" in sections:
        add(Markup("<h1>Timeline</h1>"))
        picture("timeline", f"Timeline of {len(view.events)} events to {briefing.as_of.human()}")
    if "situation" in sections and briefing.narrative:
        # the analyst's prose; each [[event-id]] run becomes the notes of the events it names
        add(Markup("<h1>Situation</h1>"))
        for part in briefing.narrative:
            if part.title:
                add(Markup("<h2>{}</h2>").format(part.title))
            text = re.sub(r"[ \t]+(?=\[\[)", "", part.text)  # a note mark sits on the word it follows
            add(narrate(text, lambda ids: notes.cite([c for i in ids if i in view.events for c in view.events[i].cite])))
    if "situation" in sections and view.events:
        add(Markup("<h1>Events</h1>"))
        rows = [
            Markup("<tr><td>{}</td><td><strong>{}</strong>{}{}</td><td>{}</td><td>{}</td></tr>").format(
                event.date.human(),
                event.title,
                notes.cite(event.cite),
                Markup(" ") + markdown_inline(event.summary) if event.summary else "",
                place_names.get(event.place or "", ""),
                ", ".join(actor_names.get(p.actor, p.actor) for p in event.actors),
            )
            for event in view.events.values()
        ]
        add(_table(("Date", "Event", "Place", "Actors"), rows))
    if "map" in sections:
        add(Markup("<h1>Map</h1>"))
        picture("map", f"Map of {len(view.places)} places")
    if "actors" in sections and view.actors:
        add(Markup("<h1>Actors</h1>"))
        picture("relations", f"Relations between {len(view.actors)} actors")
        rows = [
            Markup("<tr><td>{}</td><td>{}</td><td>{}</td></tr>").format(
                actor.name, actor.kind, markdown_inline(actor.summary) if actor.summary else ""
            )
            for actor in view.actors.values()
        ]
        add(_table(("Actor", "Kind", "Summary"), rows))
    if "places" in sections and view.places:
        add(Markup("<h1>Places</h1>"))
        rows = []
        for place in sorted(view.places.values(), key=lambda p: p.name):
            status = pictures.latest_status(place)
            located = PRECISION_WORDS[place.geo_precision] if place.geo_precision else "not on the map: no coordinates"
            rows.append(
                Markup("<tr><td>{}{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>").format(
                    place.name,
                    notes.cite(place.cite),
                    place.kind,
                    place.admin1 or "",
                    located,
                    f"{status_words(status.status)}, {status.date.human()}" if status else "",
                )
            )
        add(_table(("Place", "Kind", "Province", "Located", "Latest status"), rows))
    if "outlook" in sections and (view.scenarios or view.indicators):
        add(Markup("<h1>Outlook</h1>"))
        if view.scenarios:
            rows = [
                Markup("<tr><td>{}</td><td>{}</td><td>{}{}</td></tr>").format(
                    s.name, s.likelihood.replace("-", " "), markdown_inline(s.narrative), notes.cite(s.cite)
                )
                for s in view.scenarios.values()
            ]
            add(_table(("Scenario", "Likelihood", "Narrative"), rows))
        if view.indicators:
            rows = [Markup("<tr><td>{}</td><td>{}</td></tr>").format(i.observable, i.status) for i in view.indicators.values()]
            add(_table(("Indicator", "Status"), rows))
    if "sources" in sections:
        add(Markup("<h1>Sources</h1>"))
        rows = [
            Markup("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>").format(
                s.title, s.outlet or "", s.published.human(), s.reliability
            )
            for s in view.sources.values()
        ]
        add(_table(("Source", "Outlet", "Published", "Reliability"), rows))
    if "standards" in sections:
        add(Markup("<h1>Analytic standards</h1>"))
        add(_standards())
    head = Markup('<meta charset="utf-8"><title>{}</title>').format(briefing.title)
    if briefing.subtitle:
        head += Markup('<meta name="subtitle" content="{}">').format(briefing.subtitle)
    for author in briefing.authors:
        head += Markup('<meta name="author" content="{}">').format(author)
    head += Markup('<meta name="date" content="{}">').format(briefing.as_of.human())
    return str(
        Markup("<!DOCTYPE html><html><head>{}</head><body>{}{}</body></html>").format(head, Markup("").join(body), notes.html())
    )


def _standards() -> Markup:
    """The scales the copy's judgments and grades use: the PDF's analytic-standards annex as four tables."""
    likelihood = [
        Markup("<tr><td>{}</td><td>{}</td><td>{}–{}%</td></tr>").format(label.capitalize(), ", ".join(words[1:]), low, high)
        for label, low, high, words in model.LIKELIHOOD.values()
    ]
    confidence = [
        Markup("<tr><td>{}</td><td>{}</td></tr>").format(level.capitalize(), meaning)
        for level, meaning in model.CONFIDENCE.items()
    ]
    reliability = [
        Markup("<tr><td>{}</td><td>{}</td><td>{}</td></tr>").format(grade, label, meaning)
        for grade, (label, meaning) in model.RELIABILITY.items()
    ]
    credibility = [
        Markup("<tr><td>{}</td><td>{}</td><td>{}</td></tr>").format(grade, label, meaning)
        for grade, (label, meaning) in model.CREDIBILITY.items()
    ]
    return Markup("").join(
        (
            Markup("<p>Estimative language (ICD 203): likelihood terms and their ranges.</p>"),
            _table(("Term", "Also written", "Probability"), likelihood),
            Markup("<p>Analytic confidence, stated apart from likelihood.</p>"),
            _table(("Confidence", "Meaning"), confidence),
            Markup("<p>Admiralty code: source reliability.</p>"),
            _table(("Grade", "Reliability", "Meaning"), reliability),
            Markup("<p>Admiralty code: information credibility.</p>"),
            _table(("Grade", "Credibility", "Meaning"), credibility),
        )
    )


def _table(header: tuple[str, ...], rows: list[Markup]) -> Markup:
    cells = Markup("").join(Markup("<th>{}</th>").format(name) for name in header)
    return Markup("<table><thead><tr>{}</tr></thead><tbody>{}</tbody></table>").format(cells, Markup("").join(rows))


def docx_bytes(view: View, project: model.Project, default_annexes: Sequence[str] | None = None) -> bytes:
    """The Word copy of a briefing's view; `default_annexes` as for `html_of`."""
    pypandoc, cairosvg = _libraries()
    with tempfile.TemporaryDirectory(prefix="sitrep-docx-") as folder:
        work = Path(folder)
        files: dict[str, str] = {}
        for name, svg in _pictures(view).items():
            (work / f"{name}.png").write_bytes(cairosvg.svg2png(bytestring=svg.encode("utf-8"), scale=2.0, unsafe=False))
            files[name] = f"{name}.png"
        tree = json.loads(pypandoc.convert_text(html_of(view, project, files, default_annexes), "json", format="html"))
        tree["blocks"] = with_footnotes(tree["blocks"])
        target = work / "briefing.docx"
        pypandoc.convert_text(
            json.dumps(tree), "docx", format="json", outputfile=str(target), extra_args=[f"--resource-path={work}"]
        )
        return target.read_bytes()


def with_footnotes(blocks: list[Any]) -> list[Any]:
    """Each citation marker replaced by its note as a real footnote; the notes' own blocks taken out."""
    notes: dict[str, list[Any]] = {}
    kept = []
    for block in blocks:
        if block["t"] == "Div" and "footnote" in block["c"][0][1]:
            notes["#" + block["c"][0][0]] = block["c"][1]
        else:
            kept.append(block)

    def walk(value: Any) -> Any:
        if isinstance(value, list):
            return [walk(item) for item in value]
        if not isinstance(value, dict) or "t" not in value:
            return value
        if value["t"] == "Link":
            attributes, content, (target, _) = value["c"]
            if "noteref" in attributes[1]:
                return {"t": "Note", "c": notes[target]}
            return {"t": "Span", "c": [["", [], []], walk(content)]}  # a link to a site page goes nowhere in Word
        if value["t"] == "Image":
            attributes, alt, target = value["c"]
            return {"t": "Image", "c": [[attributes[0], attributes[1], [["width", PICTURE_CM]]], alt, target]}
        if "c" in value:
            return {"t": value["t"], "c": walk(value["c"])}
        return value

    walked: list[Any] = walk(kept)
    return walked


def briefing_formats(briefing: model.Briefing, requested: tuple[str, ...]) -> tuple[str, ...]:
    """The extra formats a briefing is made in: those asked for on the command line and in its `formats:`."""
    return tuple(name for name in FORMATS if name in requested or name in briefing.formats)
