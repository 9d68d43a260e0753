"""The map's equal-area projection: the lower 48 in USA Contiguous Albers (EPSG:5070), with
Alaska (Alaska Albers, EPSG:3338, at 0.35 scale) and Hawaii (Hawaii Albers, ESRI:102007)
moved to insets at the lower left, placed as d3-geo's geoAlbersUsa places them.

Coordinates are metres of the lower 48's Albers plane; within each part, areas are
true (Alaska's at 0.35 squared). The build projects the shapes once; the app only
inverts the projection, for the optional base map, which needs longitude and latitude.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np

EARTH_RADIUS = 6_371_007.0  # metres (authalic): d3-geo's unit of offsets
LOWER_48_CRS = "EPSG:5070"
LOWER_48_CENTRE = (-96.6, 38.7)  # lon, lat at the middle of the composite, as in d3


@dataclass(frozen=True)
class Inset:
    """A state drawn away from its place: its own projection, scaled, then moved.

    `centre` (lon, lat) lands `offset` earth radii from the lower 48's centre.
    """

    state_fips: str
    crs: str
    centre: tuple[float, float]
    scale: float
    offset: tuple[float, float]
    west_limit: float | None = None  # parts whose centre lies west of this are left out


INSETS = (
    Inset("02", "EPSG:3338", (-156.0, 58.5), 0.35, (-0.307, -0.201)),
    # The main islands only: the Northwestern Hawaiian Islands (part of Honolulu County)
    # would stretch the inset 2,000 km to the west, as on every US map that has insets.
    Inset("15", "ESRI:102007", (-160.0, 19.9), 1.0, (-0.18, -0.212), west_limit=-161.0),
)
INSET_OF = {inset.state_fips: inset for inset in INSETS}


@functools.cache
def _transformer(source: str, target: str):
    from pyproj import Transformer  # only the build and the optional base map need it

    return Transformer.from_crs(source, target, always_xy=True)


def _lower_48_centre() -> tuple[float, float]:
    return _transformer("EPSG:4269", LOWER_48_CRS).transform(*LOWER_48_CENTRE)


@functools.cache
def _placement(inset: Inset) -> tuple[float, float, float, float]:
    """(x0, y0, x1, y1): inset point (x, y) goes to ((x - x0) * scale + x1, (y - y0) * ...)."""
    x0, y0 = _transformer("EPSG:4269", inset.crs).transform(*inset.centre)
    cx, cy = _lower_48_centre()
    return x0, y0, cx + inset.offset[0] * EARTH_RADIUS, cy + inset.offset[1] * EARTH_RADIUS


def forward(lonlat: np.ndarray, state_fips: str) -> np.ndarray:
    """Project (n, 2) NAD83 longitudes and latitudes of a county of `state_fips`."""
    inset = INSET_OF.get(state_fips)
    if inset is None:
        x, y = _transformer("EPSG:4269", LOWER_48_CRS).transform(lonlat[:, 0], lonlat[:, 1])
        return np.column_stack([x, y])
    x, y = _transformer("EPSG:4269", inset.crs).transform(lonlat[:, 0], lonlat[:, 1])
    x0, y0, x1, y1 = _placement(inset)
    return np.column_stack([(x - x0) * inset.scale + x1, (y - y0) * inset.scale + y1])


def inverse(xy: np.ndarray, state_fips: str) -> np.ndarray:
    """Longitudes and latitudes (WGS84 degrees) of projected points of a state's county."""
    inset = INSET_OF.get(state_fips)
    if inset is None:
        crs, own = LOWER_48_CRS, xy
    else:
        x0, y0, x1, y1 = _placement(inset)
        crs = inset.crs
        own = np.column_stack(
            [(xy[:, 0] - x1) / inset.scale + x0, (xy[:, 1] - y1) / inset.scale + y0]
        )
    lon, lat = _transformer(crs, "EPSG:4326").transform(own[:, 0], own[:, 1])
    return np.column_stack([lon, lat])


def metres_per_unit(state_fips: str) -> float:
    """Ground metres in one metre of the composite, for a state (1 but in a scaled inset)."""
    inset = INSET_OF.get(state_fips)
    return 1.0 / inset.scale if inset else 1.0
