"""Queen contiguity on hand-built unit squares."""

import numpy as np
import pandas as pd
import pytest
from shapely import MultiPolygon, box

from geo.build.adjacency import queen_adjacency
from geo.domain.rings import neighbours_of


def grid(labels: list[str]) -> tuple[pd.Series, np.ndarray]:
    """Unit squares laid out row by row from the bottom left, `labels` naming them."""
    size = int(len(labels) ** 0.5)
    squares = [box(i % size, i // size, i % size + 1, i // size + 1) for i in range(len(labels))]
    return pd.Series(labels), np.array(squares)


def pairs(adjacency: pd.DataFrame) -> list[tuple[str, str, str]]:
    return list(adjacency.itertuples(index=False, name=None))


# c d
# a b
GRID_2X2 = [
    ("a", "b", "border"),
    ("a", "c", "border"),
    ("a", "d", "corner"),
    ("b", "c", "corner"),
    ("b", "d", "border"),
    ("c", "d", "border"),
]


def test_two_by_two_grid_has_four_borders_and_two_corners():
    assert pairs(queen_adjacency(*grid(["a", "b", "c", "d"]))) == GRID_2X2


def test_pairs_are_ordered_and_sorted_whatever_the_input_order():
    fips, geoms = grid(["a", "b", "c", "d"])
    order = [3, 1, 0, 2]
    assert pairs(queen_adjacency(fips[order], geoms[order])) == GRID_2X2


def test_island_has_no_neighbours():
    fips, geoms = grid(["a", "b", "c", "d"])
    adjacency = queen_adjacency(
        pd.concat([fips, pd.Series(["z"])]), np.append(geoms, box(10, 10, 11, 11))
    )
    assert pairs(adjacency) == GRID_2X2
    assert neighbours_of(adjacency, {"z"}) == set()


def test_multipolygon_county_touches_through_each_part():
    # "m" = square left of "b" plus a square off the corner of "b" and left of "c".
    m = MultiPolygon([box(0, 0, 1, 1), box(2, 1, 3, 2)])
    geoms = np.array([m, box(1, 0, 2, 1), box(3, 1, 4, 2), box(5, 5, 6, 6)])
    adjacency = queen_adjacency(pd.Series(["m", "b", "c", "far"]), geoms)
    assert pairs(adjacency) == [("b", "m", "border"), ("c", "m", "border")]


def test_multipolygon_meeting_in_a_point_only_is_a_corner():
    m = MultiPolygon([box(0, 0, 1, 1), box(3, 0, 4, 1)])
    adjacency = queen_adjacency(pd.Series(["a", "m"]), np.array([box(1, 1, 2, 2), m]))
    assert pairs(adjacency) == [("a", "m", "corner")]


# g h i
# d e f
# a b c
@pytest.mark.parametrize(
    ("members", "expected"),
    [
        ({"e"}, set("abcdfghi")),
        ({"a"}, {"b", "d", "e"}),
        ({"b"}, {"a", "c", "d", "e", "f"}),
        ({"a", "b"}, {"c", "d", "e", "f"}),
        ({"a", "e", "i"}, set("bcdfgh")),
    ],
    ids=["centre", "corner-of-coverage", "edge-of-coverage", "two-members", "diagonal-chain"],
)
def test_neighbours_of_site_excludes_its_members(members, expected):
    adjacency = queen_adjacency(*grid(list("abcdefghi")))
    assert neighbours_of(adjacency, members) == expected
