"""Every shape the app draws or hands out is valid: each tier of the shipped map shapes, and
the GeoJSON of a national, a state and a site view, read back as a reader would
(scripts/check_geometry.py measures the same for the README)."""

import json

import numpy as np
import pytest
import shapely

from geo.exports.datafiles import GEOJSON_TIER
from geo.exports.downloads import make
from geo.projection import forward
from scripts.check_geometry import LINK, VIEWS, faults, geojson_rings, read_back, tier_rings

CLEAN = {
    "invalid": 0,
    "rings < 4": 0,
    "unclosed": 0,
    "clockwise exteriors": 0,
    "counterclockwise holes": 0,
}
FEATURES = {"national": 3143, "Colorado": 64, "Cook County, ring 2": 17}
GRID = 3.0  # metres: the shapes' 1 m grid, the GeoJSON's 5 decimals, tier 0's 2 m


@pytest.mark.parametrize("tier", range(6))
@pytest.mark.parametrize("kind", ["counties", "states"])
def test_every_tier_of_the_map_shapes_is_valid_polygons_that_do_not_overlap(dataset, kind, tier):
    areas = getattr(dataset.shapes, kind)
    rings = tier_rings(dataset.shapes, areas, tier)
    short = [
        code
        for code, area in zip(areas.fips, rings, strict=True)
        if any(len(ring) < 4 for polygon in area for ring in polygon)
    ]
    assert short == []  # no ring shrunk below a triangle
    shapes = [shapely.MultiPolygon([shapely.Polygon(p[0], p[1:]) for p in area]) for area in rings]
    invalid = [code for code, shape in zip(areas.fips, shapes, strict=True) if not shape.is_valid]
    assert invalid == []
    assert shapely.coverage_is_valid(np.array(shapes))


@pytest.fixture(scope="module")
def tier0(dataset):
    """Each county's shape within 2 m of the Census 500k shape, in the map's projection."""
    shapes = dataset.shapes
    rings = tier_rings(shapes, shapes.counties, 0)
    return {
        code: shapely.MultiPolygon([shapely.Polygon(p[0], p[1:]) for p in area])
        for code, area in zip(shapes.counties.fips, rings, strict=True)
    }


@pytest.mark.parametrize("view", VIEWS)
def test_geojson_opens_in_geopandas_valid_wound_and_the_size_of_the_census_counties(
    dataset, tier0, view
):
    content = make("geojson", dataset, VIEWS[view], LINK)
    frame = read_back(content)
    assert len(frame) == FEATURES[view]
    assert frame.is_valid.all(), list(frame.loc[~frame.is_valid, "fips"])
    found = faults(geojson_rings(json.loads(content)))
    assert {key: found[key] for key in CLEAN} == CLEAN
    tolerance = dataset.shapes.tiers[GEOJSON_TIER] + GRID
    for code, geometry in zip(frame["fips"], frame.geometry, strict=True):
        mapped = shapely.transform(geometry, lambda lonlat, state=code[:2]: forward(lonlat, state))
        census = tier0[code]
        assert abs(mapped.area - census.area) <= census.length * tolerance, code
