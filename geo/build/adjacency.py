"""Queen contiguity: which areas share a border or a corner."""

from __future__ import annotations

import numpy as np
import pandas as pd
import shapely


def queen_adjacency(fips: pd.Series, geoms: np.ndarray) -> pd.DataFrame:
    """One row per touching pair, `fips` < `neighbor_fips`, with `contact` border/corner.

    `geoms` must be an edge-matched coverage (see geo.build.coverage.clean_coverage):
    two areas are neighbours when their shapes intersect at all; the contact is a
    corner when they meet only in points.
    """
    codes = np.asarray(fips, dtype=object)
    tree = shapely.STRtree(geoms)
    left, right = tree.query(geoms, predicate="intersects")
    pairs = codes[left] < codes[right]
    left, right = left[pairs], right[pairs]
    shared = shapely.intersection(geoms[left], geoms[right])
    contact = np.where(shapely.get_dimensions(shared) == 0, "corner", "border")
    table = pd.DataFrame({"fips": codes[left], "neighbor_fips": codes[right], "contact": contact})
    return table.sort_values(["fips", "neighbor_fips"], ignore_index=True)
