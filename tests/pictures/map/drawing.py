"""The map tests' drawing: the world loaded once, a map of given places, what a readable map is, a project in the Andes."""

from __future__ import annotations

from functools import cache

from sitrep import model, pictures
from sitrep.pictures import geo

from ..helpers import links, place
from ..layout import inside, labels, markers, overlapping, parse, texts, view_box


@cache
def world() -> geo.World:
    return pictures.load_world()


def draw(
    places: list[model.Place], events: list[model.Event] | None = None, width: float = 720.0, as_of: str | None = "30 April 2020"
) -> str:
    return pictures.map_svg(places, events or [], world=world(), href=links, id_prefix="m", width=width, as_of=as_of)


def assert_readable(svg: str, names: list[str]) -> None:
    """No two labels or symbols overlap, each lies inside the picture, and every name is drawn once."""
    root = parse(svg)
    frame = view_box(root)
    shown = labels(root)
    symbols = markers(root, "marker")
    assert overlapping([*shown, *[(f"marker {t}", b) for t, b in symbols]], pad=0.5) == []
    assert [n for n, box in [*shown, *symbols] if not inside(box, frame)] == []
    drawn = " ".join(t for t, _ in shown)
    missing = [n for n in names if n not in drawn]
    # a name with no room is never silently dropped: the note under the map gives it
    note = " ".join(texts(root))
    assert [n for n in missing if n not in note.split("Names left off for want of room:")[-1]] == [], drawn


def andes() -> list[model.Place]:
    return [
        place("lima", -12.05, -77.04, name="Lima", kind="city"),
        place("cusco", -13.53, -71.97, name="Cusco", status="attacked"),
        place("la-paz", -16.5, -68.15, name="La Paz", kind="city", status="hosting-coalition"),
        place("arica", -18.48, -70.31, name="Arica port", status="handed-over"),
        place("iquique", -20.21, -70.15, name="Iquique"),
        place("puno", -15.84, -70.02, name="Puno border crossing", precision=2),
        place("altiplano", -17.5, -67.5, name="Southern Altiplano", precision=3),
        place("madrid", 40.42, -3.7, name="Madrid talks venue", kind="city"),
    ]
