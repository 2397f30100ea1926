"""Dev tool: write countries.geojson (Iraq, its neighbours and their near neighbours) from Natural Earth 1:110m.

Not imported by sitrep. Run it once, offline, after fetching the geopandas 0.14.4 wheel, whose
geopandas/datasets/naturalearth_lowres/ is Natural Earth's 1:110m admin-0 countries layer:

    pip download --no-deps -d /tmp/gp geopandas==0.14.4
    pip install pyshp
    python sitrep/data/extract_countries.py /tmp/gp/geopandas-0.14.4-py3-none-any.whl
"""

from __future__ import annotations

import importlib
import json
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Any

LAYER = "geopandas/datasets/naturalearth_lowres/naturalearth_lowres"
# Iraq and the six countries it borders, then the near neighbours a wider view may show.
COUNTRIES = [
    "IRQ",
    "IRN",
    "SYR",
    "TUR",
    "JOR",
    "SAU",
    "KWT",
    "LBN",
    "ISR",
    "PSE",
    "ARM",
    "AZE",
    "GEO",
    "CYP",
    "EGY",
    "QAT",
    "ARE",
]
OUT = Path(__file__).resolve().parent / "countries.geojson"


def rounded(coords: Any) -> Any:
    """Coordinates to 3 decimals (about 100 m): far finer than the 1:110m source."""
    if isinstance(coords[0], int | float):
        return [round(coords[0], 3), round(coords[1], 3)]
    return [rounded(part) for part in coords]


def main(wheel: str) -> None:
    # pyshp, a dev-only dependency of this script: loaded by name so type checks pass without it
    shapefile: Any = importlib.import_module("shapefile")
    with tempfile.TemporaryDirectory() as tmp:
        with zipfile.ZipFile(wheel) as archive:
            for suffix in (".shp", ".shx", ".dbf", ".cpg"):
                archive.extract(LAYER + suffix, tmp)
        reader = shapefile.Reader(str(Path(tmp) / LAYER))  # text encoding from its .cpg
        features: list[dict[str, Any]] = []
        for record in reader.iterShapeRecords():
            iso = record.record["iso_a3"]
            if iso not in COUNTRIES:
                continue
            geometry = record.shape.__geo_interface__
            features.append(
                {
                    "type": "Feature",
                    "properties": {"iso_a3": iso, "name": record.record["name"]},
                    "geometry": {"type": geometry["type"], "coordinates": rounded(geometry["coordinates"])},
                }
            )
        reader.close()
    features.sort(key=lambda f: f["properties"]["iso_a3"])
    missing = set(COUNTRIES) - {f["properties"]["iso_a3"] for f in features}
    if missing:
        raise SystemExit(f"not in the layer: {sorted(missing)}")
    # one feature a line: small, stable diffs
    lines = ",\n".join(json.dumps(f, separators=(",", ":"), ensure_ascii=False) for f in features)
    OUT.write_text('{"type":"FeatureCollection","features":[\n' + lines + "\n]}\n", encoding="utf-8")
    print(f"wrote {len(features)} countries to {OUT}")


if __name__ == "__main__":
    main(sys.argv[1])
