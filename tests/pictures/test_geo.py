"""The geography under the maps: the central longitude, far places split off."""

from __future__ import annotations

import pytest

from sitrep.pictures import geo


@pytest.mark.parametrize(("lons", "centre"), [([178.0, -176.0], -179.0), ([10.0, 20.0], 15.0), ([-170.0, 170.0], -180.0)])
def test_central_longitude_takes_the_short_way_round(lons: list[float], centre: float) -> None:
    assert geo.central_longitude(lons) == pytest.approx(centre)


def test_a_far_place_is_split_off_and_a_spread_is_not() -> None:
    near, far = geo.split_far([("a", (44.0, 33.0)), ("b", (43.0, 36.0)), ("c", (41.0, 34.0)), ("w", (-77.0, 38.9))])
    assert far == ["w"] and near == ["a", "b", "c"]
    assert geo.split_far([("a", (-70.0, -12.0)), ("b", (-60.0, -30.0)), ("c", (-50.0, -5.0))])[1] == []
