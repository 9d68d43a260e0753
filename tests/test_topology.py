"""Cutting a coverage into shared arcs, and simplifying them, on hand-made shapes."""

import numpy as np
import pytest
import shapely
from shapely import Polygon, box

from geo.arcs import ring_points
from geo.build.topology import (
    UNIT,
    TopologyError,
    cut,
    inset_frames,
    map_shapes,
    rings_of,
    sides,
    simplify,
    valid_tiers,
)


def wiggly_pair() -> list[Polygon]:
    """Two squares sharing a wiggly border near x = 1."""
    y = np.linspace(0, 1, 50)
    edge = list(zip(1 + 0.05 * np.sin(12 * y), y, strict=True))
    return [Polygon([(0, 0), *edge, (0, 1)]), Polygon([*edge, (2, 1), (2, 0)])]


def coverage() -> np.ndarray:
    """The wiggly pair; a county with a hole; the county filling the hole; an island county
    of two parts."""
    left, right = wiggly_pair()
    holed = Polygon(box(3, 0, 5, 2).exterior.coords, [box(3.5, 0.5, 4.5, 1.5).exterior.coords])
    enclave = box(3.5, 0.5, 4.5, 1.5)
    islands = shapely.MultiPolygon([box(6, 0, 6.5, 0.5), box(7, 0, 7.2, 0.2)])
    return np.array([left, right, holed, enclave, islands])


def sliver_and_island() -> np.ndarray:
    """In metres: a county 200 m wide at most between two others, and an island county
    300 m across; simplified arc by arc at 1 km, the sliver and the island shrink to lines."""
    lower, upper = [(0, 0), (5000, -100), (10000, 0)], [(0, 0), (5000, 100), (10000, 0)]
    sliver = Polygon([*lower, *upper[::-1][1:]])
    below = Polygon([*lower, (10000, -3000), (0, -3000)])
    above = Polygon([*upper, (10000, 3000), (0, 3000)])
    return np.array([sliver, below, above, box(20000, 0, 20300, 300)])


def same_ring(a: np.ndarray, b: np.ndarray) -> bool:
    """The same closed ring, whatever its first point."""
    a, b = a[:-1].tolist(), b[:-1].tolist()
    if len(a) != len(b) or b[0] not in a:
        return False
    start = a.index(b[0])
    return a[start:] + a[:start] == b


def test_every_ring_is_rebuilt_exactly_from_the_arcs():
    shapes = coverage()
    topology = cut(shapes)
    for geometry, polygons in zip(shapes, topology.areas, strict=True):
        originals = [
            shapely.get_coordinates(ring)
            for polygon in shapely.get_parts(geometry)
            for ring in (polygon.exterior, *polygon.interiors)
        ]
        rebuilt = [ring_points(ring, topology.arcs) for polygon in polygons for ring in polygon]
        assert len(rebuilt) == len(originals)
        for original, ring in zip(originals, rebuilt, strict=True):
            assert same_ring(original, ring)


def test_shared_borders_are_one_arc_with_two_sides():
    topology = cut(coverage())
    owners = sides(topology)
    shared = [tuple(sorted(o)) for o in owners if len(o) == 2]
    assert sorted(shared) == [(0, 1), (2, 3)]  # the wiggly border; the hole and its enclave
    wiggle = topology.arcs[owners.index([0, 1]) if [0, 1] in owners else owners.index([1, 0])]
    assert len(wiggle) == 50  # cut at the two junctions, every vertex between kept
    assert len(topology.arcs) == 2 + 2 + 1 + 2  # pair: border + 2 coasts; holed, enclave...


@pytest.mark.parametrize("tolerance", [0.001, 0.01, 0.1, 1.0])
def test_simplified_arcs_keep_their_ends_and_stay_within_the_tolerance(tolerance):
    arcs = cut(coverage()).arcs
    for original, simple in zip(arcs, simplify(arcs, tolerance), strict=True):
        assert np.array_equal(original[0], simple[0])
        assert np.array_equal(original[-1], simple[-1])
        distance = shapely.hausdorff_distance(
            shapely.LineString(original), shapely.LineString(simple) if len(simple) > 1 else
            shapely.Point(simple[0])
        )  # fmt: skip
        assert distance <= tolerance + 1e-12


def test_a_union_of_areas_is_rings_of_the_same_arcs():
    shapes = coverage()
    topology = cut(shapes)
    union = np.array([shapely.coverage_union_all(shapes[:2])])
    ((ring,),) = rings_of(union, shapes, topology)[0]
    assert len(ring) == 2  # the two coasts, not the inner border
    assert same_ring(shapely.get_coordinates(union[0].exterior), ring_points(ring, topology.arcs))


def test_insets_get_a_frame_around_their_shapes():
    fips = np.array(["01001", "02013", "15001"])
    shapes = np.array([box(0, 0, 1, 1), box(10, 10, 12, 11), box(20, 0, 21, 1)])
    alaska, hawaii = inset_frames(fips, shapes)
    assert alaska[:, 0].min() < 10 and alaska[:, 0].max() > 12
    assert hawaii[:, 1].min() < 0 and hawaii[:, 1].max() > 1
    assert np.array_equal(alaska[0], alaska[-1])


def test_map_shapes_drop_the_far_hawaiian_islands():
    kauai, kure = box(-159.8, 21.9, -159.3, 22.2), box(-178.4, 28.3, -178.3, 28.4)
    stored = map_shapes(np.array(["15007"]), np.array([shapely.MultiPolygon([kauai, kure])]))
    assert len(stored["counties"]["rings"][0]) == 1  # Kauai only
    west, _, east, _ = stored["counties"]["boxes"][0]
    assert east - west < 100_000  # metres: one island, not 1,900 km of ocean


def test_every_tier_is_a_coverage_of_valid_polygons_within_its_tolerance():
    shapes = sliver_and_island()
    topology = cut(shapes)
    tiers = (10.0, 1000.0, 5000.0)
    for tolerance, arcs in zip(tiers, valid_tiers(topology, tiers), strict=True):
        rings = [[[ring_points(ring, arcs) for ring in p] for p in area] for area in topology.areas]
        assert all(len(ring) >= 4 for area in rings for p in area for ring in p), tolerance
        areas = [
            shapely.MultiPolygon([shapely.Polygon(p[0], p[1:]) for p in area]) for area in rings
        ]
        assert all(shapely.is_valid(areas)), (tolerance, shapely.is_valid_reason(areas))
        assert shapely.coverage_is_valid(np.array(areas)), tolerance
        assert all(shapely.area(areas) > 0)
        for original, simple in zip(topology.arcs, arcs, strict=True):
            distance = shapely.hausdorff_distance(
                shapely.LineString(original), shapely.LineString(simple)
            )
            assert distance <= tolerance + UNIT, tolerance  # and the grid's rounding


def test_a_tier_that_cannot_be_valid_on_the_grid_stops_the_build():
    a_hair = shapely.box(0, 0, 1000, 0.3)  # 30 cm wide: one line on the metre grid
    with pytest.raises(TopologyError, match="At 10 m, areas \\[0\\]"):
        valid_tiers(cut(np.array([a_hair, shapely.box(0, 0.3, 1000, 1000)])), (10.0,))
