"""Geography for the map: the shipped world outlines, the extent a set of places needs, projection and clipping."""

from __future__ import annotations

import gzip
import json
import math
from collections import Counter, OrderedDict
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar, cast

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from .svg import DATA, Box, Point

KM_PER_DEGREE = 111.32
MIN_SPAN_KM = 120.0  # a lone place still shows the country around it
PAD = 0.18  # margin around the places, as a share of their spread
T = TypeVar("T")


@dataclass(frozen=True)
class Country:
    """One Natural Earth country: its ISO 3166 numeric code (may be empty), name and outline (lon, lat)."""

    code: str
    name: str
    shape: BaseGeometry


@dataclass(frozen=True)
class World:
    """The outlines shipped in sitrep/data (see its README): countries, and first-level boundary lines."""

    countries: tuple[Country, ...]
    provinces: BaseGeometry  # one collection of lines
    province_tree: shapely.STRtree
    province_parts: tuple[BaseGeometry, ...]
    # what was made for a frame, by all it depends on (land, locator, country names' spots, outlines simplified to one
    # tolerance): the editions' maps of the same places share them, and a preview draws maps for hours
    made: OrderedDict[tuple[Hashable, ...], object] = field(default_factory=OrderedDict, compare=False, repr=False)
    made_kept: int = 32

    def simplified_country(self, index: int, tolerance: float) -> BaseGeometry:
        """Country `index`'s outline simplified to `tolerance`: every whole-world locator of one width has the same
        one, made once while that tolerance is kept."""
        shapes = self.once(("simplified", tolerance), dict[int, BaseGeometry])
        shape = shapes.get(index)
        if shape is None:
            shape = shapes[index] = self.countries[index].shape.simplify(tolerance)
        return shape

    def once(self, key: tuple[Hashable, ...], make: Callable[[], T]) -> T:
        """What `make` makes of these outlines, kept under `key` (which must name everything else it depends on, and
        the kind of thing made first): made once for each key kept, the least recently used going first."""
        if key in self.made:
            self.made.move_to_end(key)
            return cast(T, self.made[key])
        value = self.made[key] = make()
        while len(self.made) > self.made_kept:
            self.made.popitem(last=False)
        return value


def load_world() -> World:
    """Read the shipped outlines; a build reads them once and passes the result down.

    They are stored as WKB (see sitrep/data/README.md): GEOS reads them some ten times faster than GeoJSON.
    """
    names = json.loads((DATA / "country_names.json").read_text(encoding="utf-8"))
    shapes = shapely.get_parts(shapely.from_wkb(gzip.decompress((DATA / "countries.wkb.gz").read_bytes())))
    countries = tuple(Country(code, name, shape) for (code, name), shape in zip(names, shapes, strict=True))
    provinces = shapely.from_wkb(gzip.decompress((DATA / "provinces.wkb.gz").read_bytes()))
    parts = tuple(shapely.get_parts(provinces))
    return World(countries, provinces, shapely.STRtree(parts), parts)


# --- longitudes ---------------------------------------------------------------------------------


def central_longitude(lons: Sequence[float]) -> float:
    """The middle of the shortest arc holding every longitude: across the antimeridian when that is shorter."""
    if not lons:
        return 0.0
    ordered = sorted(set(lons))
    gaps = [(ordered[(i + 1) % len(ordered)] - ordered[i]) % 360 for i in range(len(ordered))]
    widest = max(range(len(gaps)), key=lambda i: (gaps[i], -i))
    start = ordered[(widest + 1) % len(ordered)]
    span = 360 - gaps[widest] if len(ordered) > 1 else 0.0
    return wrap_lon(start + span / 2)


def wrap_lon(lon: float) -> float:
    """A longitude in [-180, 180)."""
    return (lon + 180) % 360 - 180


def unwrap(lon: float, centre: float) -> float:
    """The longitude within 180° of `centre`, so a view across the antimeridian is continuous."""
    return centre + wrap_lon(lon - centre)


# --- extents ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Extent:
    """West, south, east, north in degrees; `west` may be below -180 or `east` above 180 across the antimeridian."""

    west: float
    south: float
    east: float
    north: float

    @property
    def middle(self) -> Point:
        return ((self.west + self.east) / 2, (self.south + self.north) / 2)

    def contains(self, lon: float, lat: float) -> bool:
        lon = unwrap(lon, self.middle[0])
        return self.west <= lon <= self.east and self.south <= lat <= self.north

    def km(self) -> tuple[float, float]:
        """Width (at the middle latitude) and height in km."""
        cos = math.cos(math.radians(self.middle[1]))
        return ((self.east - self.west) * cos * KM_PER_DEGREE, (self.north - self.south) * KM_PER_DEGREE)


def extent_of(points: Sequence[Point], aspect: tuple[float, float] = (0.55, 1.0), min_km: float = MIN_SPAN_KM) -> Extent:
    """A padded extent around the points, no smaller than `min_km` across, its height/width ratio within `aspect`."""
    centre = central_longitude([lon for lon, _ in points])
    lons = [unwrap(lon, centre) for lon, _ in points]
    lats = [lat for _, lat in points]
    west, east, south, north = min(lons), max(lons), min(lats), max(lats)
    mid_lat = (south + north) / 2
    cos = max(math.cos(math.radians(mid_lat)), 0.2)
    width_km = max((east - west) * cos * KM_PER_DEGREE * (1 + 2 * PAD), min_km)
    height_km = max((north - south) * KM_PER_DEGREE * (1 + 2 * PAD), min_km * aspect[0])
    low, high = aspect
    height_km = min(max(height_km, width_km * low), max(height_km, width_km * high))
    width_km = max(width_km, height_km / high)
    half_w = width_km / 2 / (cos * KM_PER_DEGREE)
    half_h = height_km / 2 / KM_PER_DEGREE
    mid_lon = (west + east) / 2
    half_h = min(half_h, 85.0)
    mid_lat = min(max(mid_lat, -85.0 + half_h), 85.0 - half_h)
    return Extent(mid_lon - min(half_w, 180.0), mid_lat - half_h, mid_lon + min(half_w, 180.0), mid_lat + half_h)


def split_far(
    points: Sequence[tuple[str, Point]],
    most: int = 3,
    candidates: Callable[[Sequence[Point]], Iterable[int]] | None = None,
) -> tuple[list[str], list[str]]:
    """The ids near one another, and up to `most` far from the rest (drawn in their own inset).

    A place is far when leaving it out shrinks the extent of all the others to a third or less
    (by its longer side), so one distant capital does not shrink the theatre into a corner.
    `candidates` picks the points to try leaving out (by default those that can change the extent).
    """
    near = list(points)
    far: list[str] = []
    while len(near) >= 3 and len(far) < most:
        whole = max(extent_of([p for _, p in near]).km())
        best, best_size = None, whole
        for index in (candidates or _may_change_extent)([p for _, p in near]):  # the others leave the extent whole
            rest = [p for j, (_, p) in enumerate(near) if j != index]
            size = max(extent_of(rest).km())
            if size < best_size:
                best, best_size = index, size
        if best is None or best_size > whole / 3:
            break
        far.append(near.pop(best)[0])
    return [i for i, _ in near], far


def _may_change_extent(points: Sequence[Point]) -> list[int]:
    """The indices of the points whose leaving out may change `extent_of(points)`, in order; the rest leave it as it is.

    The extent follows only from the set of longitudes (the widest gap between them, which gives the centre and the
    ends) and the extreme latitudes. So a point matters only if it holds a latitude extreme alone, or a longitude
    alone that is an end of the arc or whose two gaps, joined, are about as wide as the widest (then the widest gap
    may move). Picking the far places out of thousands then looks again at a handful, not at every one.
    """
    if len(points) < 3:
        return list(range(len(points)))
    lats = Counter(lat for _, lat in points)
    alone = {min(lats), max(lats)} & {lat for lat, count in lats.items() if count == 1}
    lons = Counter(lon for lon, _ in points)
    ordered = sorted(lons)
    size = len(ordered)
    moving: set[float] = set()
    if size > 1:
        gaps = [(ordered[(i + 1) % size] - ordered[i]) % 360 for i in range(size)]
        widest = max(range(size), key=lambda i: (gaps[i], -i))
        for i, lon in enumerate(ordered):
            joined = (ordered[(i + 1) % size] - ordered[i - 1]) % 360
            ends = i == widest or i == (widest + 1) % size
            if lons[lon] == 1 and (ends or size <= 3 or joined >= gaps[widest] - 1e-9 * (1 + gaps[widest])):
                moving.add(lon)
    return [index for index, (lon, lat) in enumerate(points) if lat in alone or lon in moving]


# --- projection ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Projection:
    """Equirectangular, longitude scaled by the cosine of the middle latitude: true scale there."""

    extent: Extent
    cos_lat: float
    scale: float  # px per degree of latitude
    frame: Box

    @classmethod
    def fit(cls, extent: Extent, frame: Box) -> Projection:
        """`extent` stretched to fill `frame` at one scale: the extent grows along the side that has room."""
        cos = max(math.cos(math.radians(extent.middle[1])), 0.2)
        width, height = frame[2] - frame[0], frame[3] - frame[1]
        scale = min(width / ((extent.east - extent.west) * cos), height / (extent.north - extent.south))
        mid_lon, mid_lat = extent.middle
        half_w, half_h = width / 2 / (cos * scale), height / 2 / scale
        return cls(Extent(mid_lon - half_w, mid_lat - half_h, mid_lon + half_w, mid_lat + half_h), cos, scale, frame)

    @staticmethod
    def height_for(extent: Extent, width: float) -> float:
        cos = max(math.cos(math.radians(extent.middle[1])), 0.2)
        return width * (extent.north - extent.south) / ((extent.east - extent.west) * cos)

    def __call__(self, lon: float, lat: float) -> Point:
        lon = unwrap(lon, self.extent.middle[0])
        return (
            self.frame[0] + (lon - self.extent.west) * self.cos_lat * self.scale,
            self.frame[1] + (self.extent.north - lat) * self.scale,
        )

    def px_per_km(self) -> float:
        return self.scale / KM_PER_DEGREE

    def _to_px(self, coords: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
        x = self.frame[0] + (coords[:, 0] - self.extent.west) * self.cos_lat * self.scale
        y = self.frame[1] + (self.extent.north - coords[:, 1]) * self.scale
        return np.column_stack([x, y])

    def windows(self, margin_px: float = 4.0) -> list[tuple[float, float, float, float, float]]:
        """The rectangles (lon, lat) `clip` cuts from, with the 360° shift of each: (west, south, east, north, shift)."""
        e = self.extent
        pad = margin_px / self.scale
        found = []
        for shift in (-360.0, 0.0, 360.0):
            west, east = e.west - pad - shift, e.east + pad - shift
            if not (east < -180 or west > 180):
                found.append((west, e.south - pad, east, e.north + pad, shift))
        return found

    def reaches(self, bounds: tuple[float, float, float, float], margin_px: float = 4.0) -> bool:
        """Whether a shape within `bounds` (west, south, east, north) may show in the frame: False only when it is
        wholly outside every rectangle `clip` cuts from, so that its clip would be empty."""
        return any(_meet(bounds, window) for window in self.windows(margin_px))

    def reaches_any(self, bounds: np.ndarray[Any, Any], margin_px: float = 4.0) -> bool:
        """Whether any of the boxes (rows of west, south, east, north) may show in the frame, as `reaches` says."""
        west, south, east, north = bounds[:, 0], bounds[:, 1], bounds[:, 2], bounds[:, 3]
        return any(
            bool(np.any(~((east < w) | (west > e) | (north < s) | (south > n)))) for w, s, e, n, _ in self.windows(margin_px)
        )

    def clip(self, shape: BaseGeometry, margin_px: float = 4.0) -> BaseGeometry:
        """The part of `shape` (lon, lat) inside the frame, in px; copies shifted by 360° cover the antimeridian."""
        parts = []
        bounds = shape.bounds  # a window the shape does not meet cuts nothing: GEOS is not asked
        for west, south, east, north, shift in self.windows(margin_px):
            if not _meet(bounds, (west, south, east, north)):
                continue
            piece = shapely.clip_by_rect(shape, west, south, east, north)
            if not piece.is_empty:
                offset = np.array([shift, 0.0])

                def moved(coords: np.ndarray[Any, Any], offset: np.ndarray[Any, Any] = offset) -> np.ndarray[Any, Any]:
                    return self._to_px(coords + offset)

                parts.append(shapely.transform(piece, moved))
        if not parts:
            return shapely.GeometryCollection()
        return parts[0] if len(parts) == 1 else shapely.union_all(parts)


def _meet(bounds: Sequence[float], window: Sequence[float]) -> bool:
    """Whether two (west, south, east, north) boxes meet; an empty shape's bounds (NaN) meet everything."""
    west, south, east, north = bounds[:4]
    return not (east < window[0] or west > window[2] or north < window[1] or south > window[3])


def svg_path(shape: BaseGeometry) -> str:
    """Path data for polygons or lines in px, one decimal."""
    out: list[str] = []

    def ring(coords: Any, closed: bool) -> None:
        points = [f"{x:.1f} {y:.1f}" for x, y in coords]
        if len(points) >= 2:
            out.append("M" + " L".join(points) + (" Z" if closed else ""))

    for part in shapely.get_parts(shape):
        if isinstance(part, shapely.Polygon):
            ring(part.exterior.coords, True)
            for hole in part.interiors:
                ring(hole.coords, True)
        elif isinstance(part, shapely.LineString):
            ring(part.coords, False)
        elif isinstance(part, shapely.MultiPolygon | shapely.MultiLineString | shapely.GeometryCollection):
            out.append(svg_path(part))
    return " ".join(p for p in out if p).replace("-0.0 ", "0.0 ")
