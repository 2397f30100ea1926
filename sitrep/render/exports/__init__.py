"""Exports: a briefing's as-of view as JSON, its events as ACLED-like CSV and TimelineJS JSON, and the Atom feed."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Mapping
from types import MappingProxyType
from xml.sax.saxutils import escape

from markupsafe import escape as html_escape

from ... import model
from ...config import Config
from ...dates import FuzzyDate
from ...select import View
from ..html import markdown
from ..markdown import Memo

# ACLED's columns where sitrep has the data; time_precision and geo_precision use ACLED's codes. actor1, actor2
# and assoc_actors hold only actors the sources state took part; attributed_actors those a source reports as
# suspected, alleged or claimed, with who says so: a suspect is never actor1.
CSV_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "event_type", "actor1", "actor2", "assoc_actors",
    "attributed_actors", "country", "admin1", "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "fatalities_note", "injuries", "tags",
]  # fmt: skip
_TIME_PRECISION: Mapping[str, int] = MappingProxyType({"day": 1, "month": 3, "year": 3})


SUFFIXES = (".json", ".events.csv", ".timeline.json")
# A spreadsheet runs a cell that starts with one of these as a formula (OWASP: CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Characters XML 1.0 allows; anything else (a NUL, most C0 controls, lone surrogates) makes a feed ill-formed.
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def export(suffix: str, view: View, project: model.Project, memo: Memo | None = None) -> str:
    """The export of a briefing's view named by its file suffix (`memo`: Markdown the caller rendered already)."""
    if suffix == ".json":
        return view_json(view)
    if suffix == ".events.csv":
        return events_csv(view, project)
    return timelinejs(view, memo)


def view_json(view: View) -> str:
    """Compact JSON (each item by pydantic; indenting would take the slow pure-Python encoder): the key and the evidence."""
    return view.to_json_text() + "\n"


def events_csv(view: View, project: model.Project) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    names = {a.id: a.name for a in project.actors.values()}
    for event in view.events.values():
        by_role: dict[str, list[str]] = {}
        for participant in event.actors:
            if participant.attribution == "stated":
                by_role.setdefault(participant.role, []).append(names.get(participant.actor, participant.actor))
        if any(p.role == "perpetrator" for p in event.actors):  # an act: actor1 is who did it, blank while only suspected
            first = (by_role.get("perpetrator") or [""])[0]
        else:
            first = (by_role.get("speaker") or by_role.get("involved") or [""])[0]
        second = (by_role.get("target") or [""])[0]
        others = [
            n
            for role in ("perpetrator", "speaker", "involved", "target")
            for n in by_role.get(role, [])
            if n not in (first, second)
        ]
        place = view.places.get(event.place or "") or project.places.get(event.place or "")
        sources = sorted({view.sources[c.source].outlet or c.source for c in event.cite})
        text = {
            "event_id_cnty": event.id,
            "event_date": str(event.date),
            "event_type": event.type,
            "actor1": first,
            "actor2": second,
            "assoc_actors": "; ".join(others),
            "attributed_actors": "; ".join(_attributed(event, names)),
            "country": (place.country or "") if place else "",
            "admin1": (place.admin1 or "") if place else "",
            "location": place.name if place else "",
            "source": "; ".join(sources),
            "source_scale": "",
            "notes": event.title,
            "fatalities_note": event.killed.note or "" if event.killed else "",
            "tags": "; ".join(event.tags),
        }
        numbers = {
            "year": event.date.year,
            "time_precision": 2 if event.date_end else _TIME_PRECISION[event.date.precision],
            "latitude": f"{place.lat:.4f}" if place and place.lat is not None else "",
            "longitude": f"{place.lon:.4f}" if place and place.lon is not None else "",
            "geo_precision": (place.geo_precision or "") if place else "",
            # ACLED counts only fatalities; an empty cell means not reported, never zero
            "fatalities": _amount(event.killed),
            "injuries": _amount(event.injured),
        }
        writer.writerow({**{name: csv_cell(value) for name, value in text.items()}, **numbers})
    return out.getvalue()


def _attributed(event: model.Event, names: dict[str, str]) -> list[str]:
    """Actors a source reports only as suspected, alleged or claimed: 'Iran (perpetrator, suspected by United States)'."""
    return [f"{names.get(p.actor, p.actor)} ({p.described(names)})" for p in event.actors if p.attribution != "stated"]


def csv_cell(text: str) -> str:
    """A text cell a spreadsheet shows as text: one that would start a formula gets a leading apostrophe."""
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def xml_text(text: str) -> str:
    """Text escaped for XML, with every character XML cannot hold dropped."""
    return escape(_NOT_XML.sub("", text))


def _amount(value: model.Amount | None) -> str:
    if value is None:
        return ""
    return str(value.count) if value.count is not None else f"{value.low}-{value.high}"


def timelinejs(view: View, memo: Memo | None = None) -> str:
    """The events in TimelineJS3's JSON format; month-precision dates stay month-precision. Summaries are rendered
    through `memo` when given (the build's pages rendered the same ones)."""

    def date(value: FuzzyDate) -> dict[str, str]:
        parts = {"year": str(value.year)}
        if value.month:
            parts["month"] = str(value.month)
        if value.day:
            parts["day"] = str(value.day)
        return parts

    names = {a.id: a.name for a in view.actors.values()}

    def entry(event: model.Event) -> str:
        """The event's object as json.dumps(..., indent=2) writes it inside the "events" list."""
        attributed = _attributed(event, names)
        attribution = f"<p>Attributed, not stated: {html_escape('; '.join(attributed))}.</p>" if attributed else ""
        item: dict[str, object] = {
            "unique_id": event.id,
            "start_date": date(event.date),
            # TimelineJS writes both as HTML: the title escaped, the summary rendered and sanitised like the site's;
            # an actor the source only suspects, alleges or claims is said so, never left to the reader to guess
            "text": {"headline": str(html_escape(event.title)), "text": str(markdown(event.summary, memo)) + attribution},
            "group": event.type,
        }
        if event.date_end:
            item["end_date"] = date(event.date_end)
        return "    " + json.dumps(item, indent=2, ensure_ascii=False).replace("\n", "\n    ")  # no raw newline in JSON

    title = {
        "text": {
            "headline": str(html_escape(view.briefing.title)),
            "text": str(html_escape(f"Edition {view.briefing.number}, as of {view.briefing.as_of.human()}")),
        }
    }
    # json.dumps({"title": ..., "events": [...]}, indent=2) written an event at a time: a big view's events are
    # never all held as dicts at once
    events = ",\n".join(map(entry, view.events.values()))
    head = json.dumps({"title": title}, indent=2, ensure_ascii=False).removesuffix("\n}")
    return head + ',\n  "events": ' + (f"[\n{events}\n  ]" if events else "[]") + "\n}\n"


def atom(briefings: list[model.Briefing], site: Config | None = None, site_id: str = "urn:sitrep:briefings") -> str:
    """An Atom feed of editions; dates are as-of dates, so the feed is the same on every build.

    Links are absolute when the project sets `base_url`, as feed readers expect; relative otherwise.
    """
    site = site or Config()
    base = escape(_NOT_XML.sub("", site.base_url or ""), {'"': "&quot;"})  # in href="..."
    entries = []
    for b in sorted(briefings, key=lambda b: (b.as_of.sort_key(), b.number), reverse=True):
        stamp = f"{b.as_of.latest.isoformat()}T00:00:00Z"
        entries.append(
            f"""  <entry>
    <id>urn:sitrep:briefing:{xml_text(b.slug)}</id>
    <title>{xml_text(b.title)} (edition {b.number})</title>
    <updated>{stamp}</updated>
    <link rel="alternate" type="text/html" href="{base}briefings/{escape(b.slug)}.html"/>
    <link rel="enclosure" type="application/pdf" href="{base}briefings/{escape(b.slug)}.pdf"/>
{"".join(f"    <author><name>{xml_text(a)}</name></author>{chr(10)}" for a in b.authors)}    <summary type="html">{xml_text(str(markdown(b.bluf)))}</summary>
  </entry>
"""
        )
    updated = max((b.as_of.latest for b in briefings), default=None)
    stamp = f"{updated.isoformat()}T00:00:00Z" if updated else "1970-01-01T00:00:00Z"
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n'
        f"  <id>{site_id}</id>\n  <title>{xml_text(site.title)}</title>\n  <updated>{stamp}</updated>\n"
        f'  <link rel="self" href="{base}feed.xml"/>\n'
        + (f'  <link rel="alternate" type="text/html" href="{base}index.html"/>\n' if base else "")
        + (f"  <author><name>{xml_text(site.organisation)}</name></author>\n" if site.organisation else "")
        + "".join(entries)
        + "</feed>\n"
    )
