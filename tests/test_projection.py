"""The equal-area map: true areas in the lower 48 and in each inset, and its inverse."""

import numpy as np
import pytest
import shapely
from pyproj import Geod
from shapely import box

from geo.projection import forward, inverse, metres_per_unit

GEOD = Geod(ellps="GRS80")


def area_ratio(square: shapely.Polygon, state: str) -> float:
    """Projected area over ground area of a small square (in degrees) of a state."""
    dense = shapely.segmentize(square, 0.01)
    projected = shapely.transform(dense, lambda xy: forward(xy, state))
    ground, _ = GEOD.geometry_area_perimeter(dense)
    return projected.area / abs(ground)


@pytest.mark.parametrize(
    ("square", "state"),
    [
        (box(-101.0, 46.6, -100.2, 47.3), "38"),  # Burleigh ND
        (box(-104.0, 29.0, -102.5, 30.6), "48"),  # Brewster TX
        (box(-81.0, 25.0, -80.2, 25.9), "12"),  # Miami-Dade FL
        (box(-124.4, 48.0, -123.5, 48.4), "53"),  # Clallam WA
    ],
    ids=["Burleigh ND", "Brewster TX", "Miami-Dade FL", "Clallam WA"],
)
def test_areas_in_the_lower_48_are_true(square, state):
    assert area_ratio(square, state) == pytest.approx(1.0, rel=1e-3)


def test_alaska_is_drawn_at_035_and_hawaii_at_full_size():
    assert area_ratio(box(-150.0, 61.0, -149.0, 61.5), "02") == pytest.approx(0.35**2, rel=1e-3)
    assert area_ratio(box(-156.0, 19.0, -155.0, 20.0), "15") == pytest.approx(1.0, rel=1e-3)
    assert (metres_per_unit("02"), metres_per_unit("15"), metres_per_unit("06")) == (
        1 / 0.35,
        1.0,
        1.0,
    )


def test_the_insets_sit_below_the_lower_48_on_the_left():
    anchorage = forward(np.array([[-149.9, 61.2]]), "02")[0]
    honolulu = forward(np.array([[-157.9, 21.3]]), "15")[0]
    san_diego = forward(np.array([[-117.2, 32.7]]), "06")[0]
    miami = forward(np.array([[-80.2, 25.8]]), "12")[0]
    assert anchorage[0] < honolulu[0] < miami[0]
    assert max(anchorage[1], honolulu[1]) < san_diego[1]


@pytest.mark.parametrize(
    ("lonlat", "state"),
    [((-77.1, 38.9), "51"), ((-149.9, 61.2), "02"), ((173.2, 52.9), "02"), ((-155.5, 19.6), "15")],
    ids=["Arlington", "Anchorage", "Attu, west of 180", "Hawaii County"],
)
def test_inverse_undoes_forward(lonlat, state):
    point = np.array([lonlat])
    back = inverse(forward(point, state), state)
    # within 2 m: the way back is to WGS84, the way there from NAD83
    assert ((back[0] - point[0] + 180) % 360 - 180) == pytest.approx([0, 0], abs=2e-5)
