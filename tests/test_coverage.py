"""Cleaning a coverage of hand-built neighbours."""

import numpy as np
import pytest
import shapely
from shapely import Polygon, box

from geo.build.coverage import CoverageError, clean_coverage


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
