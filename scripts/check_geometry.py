"""Whether every shape the app draws or hands out is valid.

python -m scripts.check_geometry prints, for each tier of the map's shapes (counties and
states) and for the GeoJSON of a national, a state and a site view: the features,
those invalid, the rings of fewer than 4 positions, the exteriors wound clockwise and
the holes counterclockwise (RFC 7946 asks the reverse), and for the tiers the counties
whose border runs into another's. The GeoJSON is read back with geopandas (pyogrio), as
a reader would open it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json

import geopandas as gpd
import numpy as np
import shapely

from geo.arcs import decode_arcs, encode_points, ring_points
from geo.domain.load import load
from geo.domain.shapes import Areas, Shapes
from geo.exports.downloads import make
from geo.view.selection import Selection

AS_OF = dt.date(2011, 2, 17)
VIEWS = {
    "national": Selection(as_of=AS_OF),
    "Colorado": Selection(as_of=AS_OF, state="CO"),
    "Cook County, ring 2": Selection(as_of=AS_OF, site="17031", ring=2),
}
LINK = "http://localhost:8501/?as_of=2011-02-17"


def tier_rings(shapes: Shapes, areas: Areas, tier: int) -> list[list[list[np.ndarray]]]:
    """Each area's polygons, each a list of rings (closed arrays of points), at one tier."""
    arcs = decode_arcs(encode_points(shapes.starts), list(shapes.bodies[tier]), shapes.unit)
    return [
        [[ring_points(ring, arcs) for ring in polygon] for polygon in area] for area in areas.rings
    ]


def geojson_rings(collection: dict) -> list[list[list[np.ndarray]]]:
    """Each feature's polygons as lists of rings, as the file has them."""
    return [
        [
            [np.array(ring, dtype=float) for ring in polygon]
            for polygon in feature["geometry"]["coordinates"]
        ]
        for feature in collection["features"]
    ]


def geometries(areas: list[list[list[np.ndarray]]]) -> np.ndarray:
    """Each area as a MultiPolygon; None where a ring has fewer than 4 positions."""
    return np.array(
        [
            shapely.MultiPolygon([shapely.Polygon(polygon[0], polygon[1:]) for polygon in area])
            if all(len(ring) >= 4 for polygon in area for ring in polygon)
            else None
            for area in areas
        ],
        dtype=object,
    )


def faults(areas: list[list[list[np.ndarray]]]) -> dict[str, int]:
    """Features, invalid ones, short and unclosed rings, and rings wound against RFC 7946."""
    rings = [
        (index, ring) for area in areas for polygon in area for index, ring in enumerate(polygon)
    ]
    long_enough = [(index, ring) for index, ring in rings if len(ring) >= 4]
    counterclockwise = shapely.is_ccw([shapely.LinearRing(ring) for _, ring in long_enough])
    holes = np.array([index > 0 for index, _ in long_enough])
    found = geometries(areas)
    return {
        "features": len(areas),
        "invalid": int(sum(g is None or not g.is_valid for g in found)),
        "rings < 4": len(rings) - len(long_enough),
        "unclosed": sum(not np.array_equal(ring[0], ring[-1]) for _, ring in rings),
        "clockwise exteriors": int((~counterclockwise & ~holes).sum()),
        "counterclockwise holes": int((counterclockwise & holes).sum()),
    }


def overlapping(areas: list[list[list[np.ndarray]]]) -> int:
    """Valid areas whose border runs into another area (not a valid coverage)."""
    found = geometries(areas)
    valid = np.array([g for g in found if g is not None and g.is_valid])
    return int((~shapely.is_empty(shapely.coverage_invalid_edges(valid))).sum())


def read_back(content: bytes) -> gpd.GeoDataFrame:
    """A GeoJSON download as geopandas (pyogrio) opens it."""
    return gpd.read_file(io.BytesIO(content), engine="pyogrio")


def main() -> None:
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args()
    data = load()
    shapes = data.shapes
    for name, areas in (("counties", shapes.counties), ("states", shapes.states)):
        for tier, tolerance in enumerate(shapes.tiers):
            rings = tier_rings(shapes, areas, tier)
            found = faults(rings) | {"overlapping": overlapping(rings)}
            print(f"{name:8} tier {tier} ({tolerance:6,.0f} m): {found}")
    for name, selection in VIEWS.items():
        content = make("geojson", data, selection, LINK)
        found = faults(geojson_rings(json.loads(content)))
        try:
            frame = read_back(content)
            opened = f"{len(frame)} features, {int((~frame.is_valid).sum())} invalid"
        except Exception as error:  # the reader's error is the finding
            opened = f"fails: {error}"
        print(f"GeoJSON {name} ({len(content) / 1e6:.2f} MB): {found}; geopandas: {opened}")


if __name__ == "__main__":
    main()
