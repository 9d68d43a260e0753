"""Every county and state as arcs (built by geo.build.topology), and the arcs a view needs.

A view takes each arc at the coarsest tier whose tolerance stays under a pixel where
the view looks (the counties any screen shows around its extent), and at the coarsest
tier elsewhere.
Arcs meet at the same grid points whatever their tiers, so mixing them leaves no gap.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from geo.arcs import (
    Arcs,
    Extent,
    decode_arcs,
    decode_points,
    encode_arc_bodies,
    encode_points,
    ring_points,
    to_grid,
)
from geo.projection import inverse, metres_per_unit

PIXEL_SHARE = 0.85  # an arc's tolerance at most this share of a pixel; grid and drawing
# round to 0.07 pixel at most, so a drawn border stays within a pixel of the source
MARGIN = 0.05  # around a view's extent, more than any renderer's padding (pictures: 2%)
LONLAT_UNIT = 1e-5  # degrees per encoded step of arcs in longitude and latitude


# The map's largest drawing area, in CSS pixels (a wide screen; the 1366 x 768 layout
# draws 906 x 460): views are detailed to within a pixel at this size. The tallest
# area seen around a view is as high as it is wide (a phone sees a little more, in coarser detail).
SCREEN_PIXELS = (1400.0, 460.0)
TALLEST_SCREEN = 1.0


@dataclass(frozen=True)
class Areas:
    """Areas (counties or states) as rings of arcs, with their boxes."""

    fips: tuple[str, ...]
    rings: tuple  # area -> polygon -> ring -> signed arc references (~i: arc i reversed)
    boxes: np.ndarray  # (n, 4): west, south, east, north

    @functools.cached_property
    def _row_of(self) -> dict[str, int]:
        return {code: row for row, code in enumerate(self.fips)}

    def index(self, fips: str) -> int:
        return self._row_of[fips]

    def rows(self, fips) -> list[int]:
        return [self._row_of[code] for code in fips]

    def arcs_of(self, rows) -> set[int]:
        """Every arc of the areas in `rows`."""
        return {
            _arc(ref) for row in rows for polygon in self.rings[row] for ring in polygon
            for ref in ring
        }  # fmt: skip

    def extent(self, rows) -> Extent:
        return Extent.around(self.boxes[list(rows)].tolist())


@dataclass(frozen=True)
class Shapes:
    """The arcs at every tier, the areas made of them, and the frames around the insets."""

    unit: float
    tiers: tuple[float, ...]  # tolerances, metres
    starts: np.ndarray  # (arcs, 2) first point of each arc, in grid steps
    bodies: tuple[tuple[str, ...], ...]  # tier -> encoded body of each arc
    sides: np.ndarray  # (arcs, 2): the counties each arc bounds, -1 for none (coast, frame)
    counties: Areas
    states: Areas
    frames: tuple[int, ...]  # arcs drawn around the insets of national views
    extent: Extent  # the whole map, insets and their frames included

    @classmethod
    def load(cls, path: Path) -> Shapes:
        return cls.from_stored(json.loads(path.read_text()))

    @classmethod
    def from_stored(cls, stored: dict) -> Shapes:
        """The shapes from what geo.build.topology.map_shapes wrote."""
        arcs = stored["arcs"]
        return cls(
            unit=arcs["unit"],
            tiers=tuple(arcs["tiers"]),
            starts=decode_points(arcs["starts"]),
            bodies=tuple(tuple(tier) for tier in arcs["bodies"]),
            sides=np.array([[*side, -1, -1][:2] for side in arcs["sides"]]),
            counties=_areas(stored["counties"]),
            states=_areas(stored["states"]),
            frames=tuple(stored["frames"]),
            extent=Extent(*stored["extent"]),
        )

    def tier(self, extent: Extent, pixels: tuple[float, float]) -> int:
        """The coarsest tier under a pixel when `extent` fills `pixels` (width, height)."""
        metres_per_pixel = max(extent.width / pixels[0], extent.height / pixels[1])
        fine_enough = [i for i, t in enumerate(self.tiers) if t <= PIXEL_SHARE * metres_per_pixel]
        return max(fine_enough, default=0)

    def detail_arcs(self, extent: Extent) -> set[int]:
        """The arcs of every county any screen shows around `extent` fitted in it."""
        widest = SCREEN_PIXELS[0] / SCREEN_PIXELS[1]
        seen = extent.widened(MARGIN).to_aspects(widest, TALLEST_SCREEN)
        boxes = self.counties.boxes
        near = (
            (boxes[:, 0] <= seen.east)
            & (boxes[:, 2] >= seen.west)
            & (boxes[:, 1] <= seen.north)
            & (boxes[:, 3] >= seen.south)
        )
        return self.counties.arcs_of(np.flatnonzero(near))

    def boundary(self, fips) -> list[int]:
        """Arcs with exactly one side among the given counties: the outline of their union."""
        inside = np.isin(self.sides, self.counties.rows(fips))
        return np.flatnonzero(inside[:, 0] != inside[:, 1]).tolist()

    def state_borders(self) -> list[int]:
        """Arcs between counties of two states, and coasts."""
        state = np.array([int(fips[:2]) for fips in self.counties.fips] + [-1])
        a, b = state[self.sides[:, 0]], state[self.sides[:, 1]]  # -1 (no side) reads the -1
        return np.flatnonzero((a != b) & (self.sides[:, 0] >= 0)).tolist()

    def arcs(self, used: list[int], detail: set[int], tier: int) -> Arcs:
        """The arcs `used`, in that order: those in `detail` at `tier`, others coarsest."""
        coarsest = len(self.tiers) - 1
        bodies = tuple(self.bodies[tier if a in detail else coarsest][a] for a in used)
        return Arcs(self.unit, encode_points(self.starts[used]), bodies)

    def in_lonlat(self, arcs: Arcs, used: list[int]) -> Arcs:
        """The same arcs in longitude and latitude (for a base map in Web Mercator)."""
        lines = [
            self._lonlat(line, arc) for line, arc in zip(arcs.coordinates(), used, strict=True)
        ]
        starts = np.array([line[0] for line in lines]).reshape(-1, 2)
        return Arcs(
            LONLAT_UNIT,
            encode_points(to_grid(starts, LONLAT_UNIT)),
            tuple(encode_arc_bodies(lines, LONLAT_UNIT)),
        )

    def county_polygons(self, rows, tier: int, lonlat: bool = False) -> list[list[np.ndarray]]:
        """Each county's polygons as lists of rings (arrays of points), at one tier."""
        used = sorted(self.counties.arcs_of(rows))
        coordinates = decode_arcs(
            encode_points(self.starts[used]), [self.bodies[tier][a] for a in used], self.unit
        )
        if lonlat:
            coordinates = [
                self._lonlat(line, arc) for line, arc in zip(coordinates, used, strict=True)
            ]
        by_arc = dict(zip(used, coordinates, strict=True))
        return [
            [
                [ring_points(ring, by_arc) for ring in polygon]
                for polygon in self.counties.rings[row]
            ]
            for row in rows
        ]

    def _lonlat(self, line: np.ndarray, arc: int) -> np.ndarray:
        side = self.sides[arc, 0]
        state = self.counties.fips[side][:2] if side >= 0 else ""
        lonlat = inverse(line, state)
        lonlat[:, 0] = np.where(lonlat[:, 0] > 0, lonlat[:, 0] - 360, lonlat[:, 0])  # Aleutians
        return lonlat


def metres_per_unit_of(states) -> float | None:
    """Ground metres per metre of the map across these states, if one scale holds for all."""
    scales = {metres_per_unit(state) for state in states}
    return scales.pop() if len(scales) == 1 else None


def remap(rings, local: dict[int, int]) -> tuple:
    """Areas' arc references renumbered to a view's own list of arcs."""
    return tuple(
        tuple(
            tuple(tuple(local[r] if r >= 0 else ~local[~r] for r in ring) for ring in polygon)
            for polygon in area
        )
        for area in rings
    )


def _arc(reference: int) -> int:
    return reference if reference >= 0 else ~reference


def _areas(stored: dict) -> Areas:
    return Areas(
        fips=tuple(stored["fips"]),
        rings=tuple(
            tuple(tuple(tuple(ring) for ring in polygon) for polygon in area)
            for area in stored["rings"]
        ),
        boxes=np.array(stored["boxes"], dtype=float),
    )
