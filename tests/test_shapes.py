"""The arcs of the tiny country: which a view needs, at which detail, and outlines."""

import numpy as np
import pytest

from geo.arcs import Extent
from geo.domain.shapes import PIXEL_SHARE, Areas, Shapes
from tests.synthetic import tiny_shapes


def sides(shapes: Shapes, arcs: list[int]) -> list[tuple[int, int]]:
    return [tuple(sorted(shapes.sides[a].tolist())) for a in arcs]


def test_state_borders_are_between_states_and_along_coasts():
    shapes = tiny_shapes()
    borders = sides(shapes, shapes.state_borders())
    assert (0, 1) not in borders  # Alpha and Beta: one state
    assert (1, 2) in borders  # Beta and Gamma: two states
    assert sum(-1 in side for side in borders) == 4  # the coast, cut at the junctions


def test_the_outline_of_some_counties_is_their_union_s_edge():
    shapes = tiny_shapes()
    assert sorted(sides(shapes, shapes.boundary(["01003"]))) == [(-1, 1), (-1, 1), (0, 1), (1, 2)]
    both = sides(shapes, shapes.boundary(["01001", "01003"]))
    assert (0, 1) not in both and (1, 2) in both


@pytest.mark.parametrize(
    ("metres_per_pixel", "tier"),
    [(1.0, 0), (2 / PIXEL_SHARE, 0), (40, 1), (200, 2), (700, 3), (2500, 4), (5000, 5), (10**6, 5)],
    ids=[
        "finer than any",
        "exactly the finest",
        "32 m",
        "128 m",
        "512 m",
        "2048 m",
        "4096 m",
        "coarser",
    ],
)
def test_a_view_takes_the_coarsest_tier_under_a_pixel(metres_per_pixel, tier):
    shapes = tiny_shapes()
    extent = Extent(0, 0, 1000 * metres_per_pixel, 100 * metres_per_pixel)
    assert shapes.tiers == (2.0, 32.0, 128.0, 512.0, 2048.0, 4096.0)
    assert shapes.tier(extent, (1000, 500)) == tier  # the width binds


def test_detail_reaches_what_a_wide_or_tall_screen_shows_around_the_extent():
    shapes = tiny_shapes()
    alpha = Extent(*shapes.counties.boxes[0])
    near = shapes.detail_arcs(alpha)
    assert shapes.counties.arcs_of([1]) <= near  # a wide screen shows Beta beside Alpha
    far = Extent(alpha.west, alpha.south - 10**6, alpha.east, alpha.south - 9 * 10**5)
    assert shapes.detail_arcs(far) == set()


def test_arcs_of_a_view_mix_tiers_but_share_their_ends():
    shapes = tiny_shapes()
    used = list(range(len(shapes.sides)))
    fine, mixed = shapes.arcs(used, set(used), 0), shapes.arcs(used, {0}, 0)
    for a, b in zip(fine.coordinates(), mixed.coordinates(), strict=True):
        assert np.array_equal(a[0], b[0]) and np.array_equal(a[-1], b[-1])


def test_county_polygons_in_longitude_and_latitude():
    (alpha,) = tiny_shapes().county_polygons([0], 0, lonlat=True)
    ((ring,),) = alpha
    assert ring.min(axis=0) == pytest.approx([-80, 37], abs=3e-5)  # a metre or two
    assert ring.max(axis=0) == pytest.approx([-79, 38], abs=3e-5)


def test_areas_extent_is_around_their_boxes():
    areas = Areas(("a", "b"), ((), ()), np.array([[0, 0, 1, 1], [2, -1, 3, 0.5]]))
    assert areas.extent([0, 1]) == Extent(0, -1, 3, 1)
