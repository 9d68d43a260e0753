"""Controls of the ring model that need the shapes: each county's land area and the distance
from its centre to the Mexican border (build time only)."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import shapely
from shapely.ops import unary_union

EQUAL_AREA = "EPSG:5070"  # USA Contiguous Albers, metres
BORDER_STATES = ("CA", "AZ", "NM", "TX")
# The border's two ends: its western end on the Pacific at Border Field State Park, and the
# mouth of the Rio Grande on the Gulf (International Boundary and Water Commission).
BORDER_ENDS = ((-117.1241, 32.5343), (-97.1458, 25.9565))


def mexico_border(states: gpd.GeoDataFrame) -> shapely.LineString:
    """The US-Mexico border in EPSG:5070: the outline of CA, AZ, NM and TX (Census state
    shapes) between its two ends, the way that does not follow the coast and inland borders."""
    four = states[states["STUSPS"].isin(BORDER_STATES)].to_crs(EQUAL_AREA)
    mainland = max(unary_union(four.geometry).geoms, key=lambda part: part.area)
    outline = np.asarray(mainland.exterior.coords)
    ends = gpd.GeoSeries(gpd.points_from_xy(*zip(*BORDER_ENDS, strict=True)), crs="EPSG:4326")
    west, east = sorted(
        int(np.argmin(np.hypot(*(outline - [p.x, p.y]).T))) for p in ends.to_crs(EQUAL_AREA)
    )
    inside = shapely.LineString(outline[west : east + 1])
    around = shapely.LineString(np.vstack([outline[east:], outline[1 : west + 1]]))
    return min(inside, around, key=lambda line: line.length)


def border_km(counties: gpd.GeoDataFrame, border: shapely.LineString) -> np.ndarray:
    """Kilometres from each county's centroid (of its equal-area shape) to the border."""
    centres = counties.geometry.to_crs(EQUAL_AREA).centroid
    return np.round(shapely.distance(centres.to_numpy(), border) / 1000, 1)
