"""Encoded polylines: Google's example, round trips, and (multi)polygons with holes."""

import numpy as np
import pytest
import shapely
from shapely import LineString, MultiPolygon, Polygon, box

from geo.encoding import decode_ring, encode_geometry, encode_lines, encode_ring

GOOGLE_LONLAT = np.array([[-120.2, 38.5], [-120.95, 40.7], [-126.453, 43.252]])
GOOGLE_TEXT = "_p~iF~ps|U_ulLnnqC_mqNvxq`@"
SQUARE_WITH_HOLE = Polygon(
    shapely.get_coordinates(box(0, 0, 10, 10)), [shapely.get_coordinates(box(2, 2, 4, 4))]
)


def decoded_parts(encoded: list[list[str]], decimals: int = 4) -> list[list[np.ndarray]]:
    return [[decode_ring(ring, decimals) for ring in polygon] for polygon in encoded]


def test_google_documented_example():
    assert encode_ring(GOOGLE_LONLAT, 5) == GOOGLE_TEXT


def test_google_documented_example_decodes_to_lon_lat():
    np.testing.assert_allclose(decode_ring(GOOGLE_TEXT, 5), GOOGLE_LONLAT, rtol=0, atol=1e-9)


@pytest.mark.parametrize(
    ("lonlat", "expected"),
    [
        ([[0, 0]], "??"),
        ([[0, 0], [0, 0]], "????"),
        ([[0, 0.00001]], "A?"),
        ([[0, -0.00001]], "@?"),
        ([[0.00001, 0]], "?A"),
        ([[-0.00001, -0.00001]], "@@"),
        ([[0, 0.00001], [0, 0]], "A?@?"),
    ],
    ids=["origin", "zero-delta", "lat+1", "lat-1", "lon+1", "both-1", "back-to-zero"],
)
def test_small_deltas_encode_exactly(lonlat, expected):
    assert encode_ring(np.array(lonlat), 5) == expected


def test_negative_and_zero_deltas_round_trip():
    lonlat = np.array([[10.0, 20.0], [10.0, 20.0], [9.5, 21.25], [-3.0, -0.0001], [-3.0, 0.0]])
    np.testing.assert_allclose(decode_ring(encode_ring(lonlat, 4), 4), lonlat, rtol=0, atol=1e-12)


def test_random_round_trip_within_half_a_step():
    rng = np.random.default_rng(20081027)
    lonlat = rng.uniform([-180, -90], [180, 90], size=(1000, 2))
    decoded = decode_ring(encode_ring(lonlat, 4), 4)
    assert decoded.shape == lonlat.shape
    assert np.abs(decoded - lonlat).max() <= 0.5e-4 + 1e-12


def test_polygon_with_hole_is_one_polygon_of_two_rings():
    encoded = encode_geometry(SQUARE_WITH_HOLE, 4)
    assert [len(rings) for rings in encoded] == [2]
    shell, hole = decoded_parts(encoded)[0]
    np.testing.assert_array_equal(shell, shapely.get_coordinates(SQUARE_WITH_HOLE.exterior))
    np.testing.assert_array_equal(hole, shapely.get_coordinates(SQUARE_WITH_HOLE.interiors[0]))


def test_multipolygon_is_two_polygons_in_order():
    first, second = box(0, 0, 1, 1), box(5, 5, 6, 7)
    encoded = encode_geometry(MultiPolygon([first, second]), 4)
    assert [len(rings) for rings in encoded] == [1, 1]
    for (ring,), polygon in zip(decoded_parts(encoded), (first, second), strict=True):
        np.testing.assert_array_equal(ring, shapely.get_coordinates(polygon.exterior))


@pytest.mark.parametrize(
    "polygon",
    [box(-80, 37, -78, 38), SQUARE_WITH_HOLE],
    ids=["square", "square-with-hole"],
)
def test_lines_of_a_polygon_are_its_boundary(polygon):
    rings = [polygon.exterior, *polygon.interiors]
    expected = [encode_ring(shapely.get_coordinates(ring), 4) for ring in rings]
    assert sorted(encode_lines(polygon, 4)) == sorted(expected), "line order is not promised"


def test_lines_of_a_line_are_the_line():
    line = LineString([(0, 0), (1, 2), (3, -1)])
    assert encode_lines(line, 4) == (encode_ring(np.array(line.coords), 4),)
