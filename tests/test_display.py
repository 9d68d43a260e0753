"""Cleaning and simplifying a coverage of two hand-built neighbours."""

import numpy as np
import pytest
import shapely
from shapely import Polygon, box

from geo.display import CoverageError, clean_coverage, simplify_coverage


def wiggly_neighbours(vertices: int = 200) -> np.ndarray:
    """Two polygons filling [0, 2] x [0, 1], split by a shared wiggly edge near x = 1."""
    y = np.linspace(0, 1, vertices)
    edge = list(zip(1 + 0.1 * np.sin(20 * y) + 0.001 * np.cos(313 * y), y, strict=True))
    return np.array([Polygon([(0, 0), *edge, (0, 1)]), Polygon([*edge, (2, 1), (2, 0)])])


def test_clean_removes_a_tiny_overlap_without_changing_areas():
    squares = np.array([box(0, 0, 1, 1), box(1 - 1e-9, 0, 2, 1)])
    assert not shapely.coverage_is_valid(squares)
    cleaned = clean_coverage(squares)
    assert shapely.coverage_is_valid(cleaned)
    assert shapely.area(cleaned) == pytest.approx([1.0, 1.0], abs=1e-6)


def test_clean_rejects_what_it_cannot_fix():
    with pytest.raises(CoverageError, match="The cleaned county shapes do not form a valid"):
        clean_coverage(np.array([box(0, 0, 1, 1), box(0, 0, 1, 1)]))


def test_simplify_keeps_the_shared_border_shared():
    coverage = wiggly_neighbours()
    assert shapely.coverage_is_valid(coverage)
    assert not shapely.coverage_is_valid(shapely.simplify(coverage, 0.05)), "one at a time breaks"
    simplified = simplify_coverage(coverage, tolerance=0.05, decimals=4)
    assert shapely.get_num_coordinates(simplified).max() < 20
    assert shapely.coverage_is_valid(simplified)
    shared = shapely.intersection(simplified[0], simplified[1])
    assert shapely.get_dimensions(shared) == 1
    assert shapely.length(shared) >= 1
    assert shapely.area(simplified).sum() == pytest.approx(2.0, abs=1e-12)


@pytest.mark.parametrize("decimals", [1, 2, 3], ids=["0.1", "0.01", "0.001"])
def test_simplify_rounds_to_decimals(decimals):
    coordinates = shapely.get_coordinates(simplify_coverage(wiggly_neighbours(), 0.001, decimals))
    steps = coordinates * 10**decimals
    assert np.abs(steps - np.round(steps)).max() < 1e-6
    assert len(coordinates) > 8


def test_simplify_rejects_overlapping_shapes():
    overlapping = np.array([box(0, 0, 1, 1), box(0.5, 0, 2, 1)])
    with pytest.raises(CoverageError, match=r"simplified \(tolerance 0.01, 3 decimals\)"):
        simplify_coverage(overlapping, 0.01, 3)
