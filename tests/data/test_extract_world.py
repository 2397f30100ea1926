"""The world outlines' conversion (sitrep/data/extract_world.py): GeoJSON in, the same geometries as WKB out."""

from __future__ import annotations

import gzip
import importlib.util
import json
from types import ModuleType

import shapely

from ..conftest import ROOT

SAMPLE = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "properties": {"id": "242", "name": "Fiji"},
            "geometry": {
                "type": "MultiPolygon",
                "coordinates": [
                    [[[177.29, -17.92], [178.6, -17.64], [178.7, -18.2], [177.29, -17.92]]],
                    [[[179.99, -16.1], [180.0, -16.16], [179.36, -16.8], [179.99, -16.1]]],
                ],
            },
        },
        {
            "type": "Feature",
            "properties": {"id": "", "name": "Côte d'Ivoire"},
            "geometry": {
                "type": "Polygon",
                "coordinates": [
                    [[-8.03, 10.21], [-2.83, 9.64], [-3.1, 5.11], [-8.03, 10.21]],
                    [[-6.0, 8.0], [-5.0, 8.0], [-5.0, 7.0], [-6.0, 8.0]],
                ],
            },
        },
    ],
}


def _extract_world() -> ModuleType:
    spec = importlib.util.spec_from_file_location("extract_world", ROOT / "sitrep" / "data" / "extract_world.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_wkb_holds_exactly_the_geometries_geojson_gives_in_order_and_the_names_beside_them() -> None:
    extract = _extract_world()
    text = json.dumps(SAMPLE)
    parts = shapely.get_parts(shapely.from_wkb(gzip.decompress(extract.outlines(text))))
    expected = shapely.get_parts(shapely.from_geojson(text))
    assert [shapely.to_wkb(p) for p in parts] == [shapely.to_wkb(p) for p in expected]  # the same doubles, bit for bit
    assert [p.geom_type for p in parts] == ["MultiPolygon", "Polygon"]
    assert json.loads(extract.names(text)) == [["242", "Fiji"], ["", "Côte d'Ivoire"]]
    assert extract.outlines(text) == extract.outlines(text)  # deterministic: no timestamp in the gzip
