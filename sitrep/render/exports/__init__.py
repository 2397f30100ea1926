"""Exports: a briefing's as-of view as JSON, its events as ACLED-like CSV and TimelineJS JSON, and the Atom feed."""

from __future__ import annotations

import csv
import io
import json
from xml.sax.saxutils import escape

from ... import model
from ...config import Config
from ...dates import FuzzyDate
from ...select import View

# ACLED's columns where sitrep has the data; time_precision and geo_precision use ACLED's codes.
CSV_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "event_type", "actor1", "actor2", "assoc_actors",
    "country", "admin1", "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "fatalities_note", "injuries", "tags",
]  # fmt: skip
_TIME_PRECISION = {"day": 1, "month": 3, "year": 3}


SUFFIXES = (".json", ".events.csv", ".timeline.json")


def export(suffix: str, view: View, project: model.Project) -> str:
    """The export of a briefing's view named by its file suffix."""
    if suffix == ".json":
        return view_json(view)
    if suffix == ".events.csv":
        return events_csv(view, project)
    return timelinejs(view)


def view_json(view: View) -> str:
    """Compact JSON (the C encoder; indenting would take the slow pure-Python one): the key and the evidence."""
    return json.dumps(view.to_json(), ensure_ascii=False, separators=(",", ":")) + "\n"


def events_csv(view: View, project: model.Project) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    names = {a.id: a.name for a in project.actors.values()}
    for event in view.events.values():
        by_role: dict[str, list[str]] = {}
        for participant in event.actors:
            by_role.setdefault(participant.role, []).append(names.get(participant.actor, participant.actor))
        first = (by_role.get("perpetrator") or by_role.get("speaker") or by_role.get("involved") or [""])[0]
        second = (by_role.get("target") or [""])[0]
        others = [
            n
            for role in ("perpetrator", "speaker", "involved", "target")
            for n in by_role.get(role, [])
            if n not in (first, second)
        ]
        place = view.places.get(event.place or "") or project.places.get(event.place or "")
        sources = sorted({view.sources[c.source].outlet or c.source for c in event.cite})
        writer.writerow(
            {
                "event_id_cnty": event.id,
                "event_date": str(event.date),
                "year": event.date.year,
                "time_precision": 2 if event.date_end else _TIME_PRECISION[event.date.precision],
                "event_type": event.type,
                "actor1": first,
                "actor2": second,
                "assoc_actors": "; ".join(others),
                "country": (place.country or "") if place else "",
                "admin1": (place.admin1 or "") if place else "",
                "location": place.name if place else "",
                "latitude": f"{place.lat:.4f}" if place and place.lat is not None else "",
                "longitude": f"{place.lon:.4f}" if place and place.lon is not None else "",
                "geo_precision": (place.geo_precision or "") if place else "",
                "source": "; ".join(sources),
                "source_scale": "",
                "notes": event.title,
                # ACLED counts only fatalities; an empty cell means not reported, never zero
                "fatalities": _amount(event.killed),
                "fatalities_note": event.killed.note or "" if event.killed else "",
                "injuries": _amount(event.injured),
                "tags": "; ".join(event.tags),
            }
        )
    return out.getvalue()


def _amount(value: model.Amount | None) -> str:
    if value is None:
        return ""
    return str(value.count) if value.count is not None else f"{value.low}-{value.high}"


def timelinejs(view: View) -> str:
    """The events in TimelineJS3's JSON format; month-precision dates stay month-precision."""

    def date(value: FuzzyDate) -> dict[str, str]:
        parts = {"year": str(value.year)}
        if value.month:
            parts["month"] = str(value.month)
        if value.day:
            parts["day"] = str(value.day)
        return parts

    events = []
    for event in view.events.values():
        item: dict[str, object] = {
            "unique_id": event.id,
            "start_date": date(event.date),
            "text": {"headline": event.title, "text": event.summary},
            "group": event.type,
        }
        if event.date_end:
            item["end_date"] = date(event.date_end)
        events.append(item)
    data = {
        "title": {
            "text": {
                "headline": view.briefing.title,
                "text": f"Edition {view.briefing.number}, as of {view.briefing.as_of.human()}",
            }
        },
        "events": events,
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def atom(briefings: list[model.Briefing], site: Config | None = None, site_id: str = "urn:sitrep:briefings") -> str:
    """An Atom feed of editions; dates are as-of dates, so the feed is the same on every build.

    Links are absolute when the project sets `base_url`, as feed readers expect; relative otherwise.
    """
    site = site or Config()
    base = escape(site.base_url or "")
    entries = []
    for b in sorted(briefings, key=lambda b: (b.as_of.sort_key(), b.number), reverse=True):
        stamp = f"{b.as_of.latest.isoformat()}T00:00:00Z"
        entries.append(
            f"""  <entry>
    <id>urn:sitrep:briefing:{escape(b.slug)}</id>
    <title>{escape(b.title)} (edition {b.number})</title>
    <updated>{stamp}</updated>
    <link rel="alternate" type="text/html" href="{base}briefings/{escape(b.slug)}.html"/>
    <link rel="enclosure" type="application/pdf" href="{base}briefings/{escape(b.slug)}.pdf"/>
{"".join(f"    <author><name>{escape(a)}</name></author>{chr(10)}" for a in b.authors)}    <summary>{escape(b.bluf)}</summary>
  </entry>
"""
        )
    updated = max((b.as_of.latest for b in briefings), default=None)
    stamp = f"{updated.isoformat()}T00:00:00Z" if updated else "1970-01-01T00:00:00Z"
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n'
        f"  <id>{site_id}</id>\n  <title>{escape(site.title)}</title>\n  <updated>{stamp}</updated>\n"
        f'  <link rel="self" href="{base}feed.xml"/>\n'
        + (f'  <link rel="alternate" type="text/html" href="{base}index.html"/>\n' if base else "")
        + (f"  <author><name>{escape(site.organisation)}</name></author>\n" if site.organisation else "")
        + "".join(entries)
        + "</feed>\n"
    )
