"""Items made in code for the picture tests."""

from __future__ import annotations

from sitrep import model, select
from sitrep.load import load_project

from ..conftest import SULU

CITE = [model.Citation(source="s", quote="q")]


def event(
    event_id: str, date: str, kind: str = "attack", *, title: str = "", end: str | None = None, place: str | None = None
) -> model.Event:
    return model.Event.model_validate(
        {"id": event_id, "title": title or event_id, "date": date, "date_end": end, "type": kind, "place": place, "cite": CITE}
    )


def place(
    place_id: str, lat: float, lon: float, precision: int = 1, *, name: str = "", status: str | None = None, kind: str = "base"
) -> model.Place:
    statuses = [{"date": "2020-01", "status": status, "cite": CITE}] if status else []
    return model.Place.model_validate(
        {
            "id": place_id,
            "name": name or place_id,
            "kind": kind,
            "country": "IQ",
            "lat": lat,
            "lon": lon,
            "geo_precision": precision,
            "status": statuses,
            "cite": CITE,
        }
    )


def actor(actor_id: str, kind: str, *, name: str = "", parent: str | None = None, **relations: str) -> model.Actor:
    # validated from plain data, as the loader does: `kind` and the relation types are checked vocabularies
    links = [{"type": k.replace("_", "-"), "target": t, "cite": CITE} for k, t in relations.items()]
    return model.Actor.model_validate(
        {"id": actor_id, "name": name or actor_id, "kind": kind, "parent": parent, "relations": links, "cite": CITE}
    )


def no_links(kind: str, item_id: str) -> str | None:
    return None


def links(kind: str, item_id: str) -> str | None:
    return f"{kind}s/{item_id}.html"


def sulu() -> select.View:
    """The Sulu Sea fixture's one edition, as its as-of view: a region and content the pictures were not tuned on."""
    project = load_project(SULU).project
    return select.select(project, project.briefings["sulu-2031-04-02"])
