"""Encoded polylines: Google's example, round trips, arcs on a grid, arc references."""

import numpy as np
import pytest

from geo.arcs import (
    _decode_values,
    _encode_values,
    decode_arcs,
    decode_points,
    encode_arc_bodies,
    encode_points,
    encode_references,
    encode_ring,
    to_grid,
)

GOOGLE_LONLAT = np.array([[-120.2, 38.5], [-120.95, 40.7], [-126.453, 43.252]])
GOOGLE_TEXT = "_p~iF~ps|U_ulLnnqC_mqNvxq`@"


def test_google_documented_example():
    assert encode_ring(GOOGLE_LONLAT, 1e-5) == GOOGLE_TEXT


def test_google_documented_example_decodes_to_lon_lat():
    np.testing.assert_allclose(decode_points(GOOGLE_TEXT) * 1e-5, GOOGLE_LONLAT, rtol=0, atol=1e-9)


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
    assert encode_ring(np.array(lonlat), 1e-5) == expected


def test_negative_and_zero_deltas_round_trip():
    lonlat = np.array([[10.0, 20.0], [10.0, 20.0], [9.5, 21.25], [-3.0, -0.0001], [-3.0, 0.0]])
    np.testing.assert_allclose(
        decode_points(encode_ring(lonlat, 1e-4)) * 1e-4, lonlat, rtol=0, atol=1e-12
    )


def test_random_round_trip_within_half_a_step():
    rng = np.random.default_rng(20081027)
    lonlat = rng.uniform([-180, -90], [180, 90], size=(1000, 2))
    decoded = decode_points(encode_ring(lonlat, 1e-4)) * 1e-4
    assert decoded.shape == lonlat.shape
    assert np.abs(decoded - lonlat).max() <= 0.5e-4 + 1e-12


def test_arcs_round_trip_through_starts_and_bodies():
    arcs = [
        np.array([[0.0, 0.0], [10.0, 5.0], [20.0, -3.0]]),
        np.array([[20.0, -3.0], [25.0, -40.0]]),
        np.array([[5.0, 5.0], [6.0, 6.0], [5.0, 7.0], [5.0, 5.0]]),  # closed
        np.array([[-7.0, 1.0]]),  # an island shrunk to its start
    ]
    starts = encode_points(to_grid(np.array([arc[0] for arc in arcs]), 1.0))
    decoded = decode_arcs(starts, encode_arc_bodies(arcs, 1.0), 1.0)
    assert [arc.tolist() for arc in decoded] == [arc.tolist() for arc in arcs]


def test_arcs_on_a_coarse_grid_end_on_the_same_grid_points():
    first, second = np.array([[0.4, 0.0], [7.7, 3.2]]), np.array([[7.7, 3.2], [9.6, 0.1]])
    starts = encode_points(to_grid(np.array([first[0], second[0]]), 2.0))
    a, b = decode_arcs(starts, encode_arc_bodies([first, second], 2.0), 2.0)
    assert a[-1].tolist() == b[0].tolist() == [8.0, 4.0]


def test_references_decode_as_the_map_script_does():
    text = encode_references([5, 6, ~2, 7])
    values = _decode_values(text)
    assert np.cumsum(values).tolist() == [5, 6, -3, 7]


def test_the_vectorised_decoder_reads_long_values():
    values = np.array([0, 1, -1, 31, -32, 1023, -1024, 2**25, -(2**25), 3_200_000])
    assert _decode_values(_encode_values(values)).tolist() == values.tolist()
