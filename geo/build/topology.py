"""The county coverage as arcs, simplified for every scale the app draws at (build time).

Like TopoJSON: every border between two counties, and every stretch of coast, is one
arc, stored once; a county is its rings, each a list of arcs (~i: arc i reversed).
Arcs end where three or more areas meet (junctions), and the arcs are simplified
together with Douglas-Peucker, ends kept, none allowed to cross another: two
neighbours always share the same line, at any tolerance and even when the two arcs
around a junction are of different tolerances, and no point of a simplified arc is
farther than the tolerance from the original. Every tier is checked as a whole, on the
grid it is stored on: every area a valid polygon, none overlapping another (the build
stops if one is not). States are rings of the same arcs.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np
import shapely

from geo.arcs import encode_arc_bodies, encode_ring, ring_points
from geo.projection import INSET_OF, INSETS, forward

TIERS = (2.0, 32.0, 128.0, 512.0, 2048.0, 4096.0)  # Douglas-Peucker tolerances, metres
UNIT = 1.0  # metres per encoded unit
FRAME_MARGIN = 60_000.0  # metres between an inset's shapes and its frame


class TopologyError(ValueError):
    """The shapes cannot be cut into shared arcs (the coverage is not clean), or a tier
    of them is not valid."""


@dataclass(frozen=True)
class Topology:
    """Arcs (unsimplified coordinates) and the rings of each area as arc references."""

    arcs: list[np.ndarray]
    areas: list[list[list[list[int]]]]  # area -> polygon -> ring -> signed arc references


def project(fips: np.ndarray, lonlat: np.ndarray) -> np.ndarray:
    """County shapes (NAD83) in the map's projection (geo.projection), one array in, one out.

    Inset states drop the parts their inset leaves out (far islands), named in INSETS.
    """
    projected = []
    for code, geometry in zip(fips, lonlat, strict=True):
        state = code[:2]
        inset = INSET_OF.get(state)
        if inset and inset.west_limit is not None:
            parts = shapely.get_parts(geometry)
            kept = parts[shapely.get_x(shapely.centroid(parts)) > inset.west_limit]
            geometry = shapely.multipolygons(kept) if len(kept) > 1 else kept[0]
        projected.append(shapely.transform(geometry, lambda xy, s=state: forward(xy, s)))
    return np.array(projected)


def cut(coverage: np.ndarray) -> Topology:
    """Cut a clean coverage (shared borders with identical vertices) into shared arcs."""
    rings, owners = [], []
    for area, geometry in enumerate(coverage):
        for part, polygon in enumerate(shapely.get_parts(geometry)):
            for ring in (polygon.exterior, *polygon.interiors):
                rings.append(shapely.get_coordinates(ring)[:-1])
                owners.append((area, part))
    points, vertex = np.unique(np.concatenate(rings), axis=0, return_inverse=True)
    vertex = vertex.ravel()
    junction = _junctions(vertex, np.array([len(r) for r in rings]), len(points))
    arcs: dict[tuple, int] = {}
    areas: list[list[list[list[int]]]] = [[] for _ in coverage]
    start = 0
    for ring, (area, part) in zip(rings, owners, strict=True):
        ids = vertex[start : start + len(ring)]
        start += len(ring)
        if part == len(areas[area]):
            areas[area].append([])
        areas[area][part].append([_reference(arcs, piece) for piece in _pieces(ids, junction)])
    return Topology([points[list(key)] for key in arcs], areas)


def rings_of(union: np.ndarray, coverage: np.ndarray, topology: Topology) -> list:
    """The rings of each area of `union` (unions of coverage areas) in the coverage's arcs."""
    arc_ids = {tuple(map(tuple, arc)): i for i, arc in enumerate(topology.arcs)}
    ends = {tuple(arc[0]) for arc in topology.arcs} | {tuple(arc[-1]) for arc in topology.arcs}
    areas = []
    for geometry in union:
        polygons = []
        for polygon in shapely.get_parts(geometry):
            rings = []
            for ring in (polygon.exterior, *polygon.interiors):
                coords = [tuple(point) for point in shapely.get_coordinates(ring)[:-1]]
                pieces = _cut(coords, [point in ends for point in coords])
                rings.append([_arc_of(arc_ids, piece) for piece in pieces])
            polygons.append(rings)
        areas.append(polygons)
    return areas


def simplify(arcs: list[np.ndarray], tolerance: float) -> list[np.ndarray]:
    """The arcs simplified together (Douglas-Peucker), ends kept, none crossing another
    or itself and no closed arc shrunk below a triangle (GEOS's topology-preserving
    simplifier, run on all the arcs at once)."""
    lines = shapely.MultiLineString([shapely.LineString(arc) for arc in arcs])
    simplified = shapely.simplify(lines, tolerance, preserve_topology=True)
    return [shapely.get_coordinates(line) for line in shapely.get_parts(simplified)]


def sides(topology: Topology) -> list[list[int]]:
    """The one or two areas each arc bounds."""
    owners: list[list[int]] = [[] for _ in topology.arcs]
    for area, polygons in enumerate(topology.areas):
        for rings in polygons:
            for ring in rings:
                for reference in ring:
                    owners[reference if reference >= 0 else ~reference].append(area)
    return owners


def inset_frames(fips: np.ndarray, coverage: np.ndarray) -> list[np.ndarray]:
    """A rectangle around each inset state's shapes, as a closed line."""
    frames = []
    for inset in INSETS:
        mine = np.array([code.startswith(inset.state_fips) for code in fips])
        if not mine.any():
            continue
        west, south, east, north = shapely.total_bounds(coverage[mine])
        west, south = west - FRAME_MARGIN, south - FRAME_MARGIN
        east, north = east + FRAME_MARGIN, north + FRAME_MARGIN
        frames.append(np.array([[west, south], [east, south], [east, north], [west, north]]))
        frames[-1] = np.vstack([frames[-1], frames[-1][:1]])
    return frames


def valid_tiers(topology: Topology, tiers=TIERS) -> list[list[np.ndarray]]:
    """The arcs simplified at each tier, on the grid, every area a valid polygon and none
    overlapping another; TopologyError if any is not."""
    result = []
    for tolerance in tiers:
        arcs = [np.round(arc / UNIT) * UNIT for arc in simplify(topology.arcs, tolerance)]
        faulty = np.flatnonzero(_faulty(arcs, topology.areas)).tolist()
        if faulty:
            raise TopologyError(f"At {tolerance:g} m, areas {faulty} are not valid or overlap")
        result.append(arcs)
    return result


def encoded(arcs: list[np.ndarray], bodies: list[list[np.ndarray]], tiers=TIERS) -> dict:
    """The arcs as stored: their starts as one encoded chain, and their bodies per tier."""
    return {
        "unit": UNIT,
        "tiers": list(tiers),
        "starts": encode_ring(np.array([arc[0] for arc in arcs]), UNIT),
        "bodies": [encode_arc_bodies(arcs, UNIT) for arcs in bodies],
    }


def _faulty(arcs: list[np.ndarray], areas: list) -> np.ndarray:
    """Each area that is not a valid polygon of rings of four points or more, or whose
    border runs into another area."""
    geometries = np.full(len(areas), None, dtype=object)
    for index, polygons in enumerate(areas):
        rings = [[ring_points(ring, arcs) for ring in polygon] for polygon in polygons]
        if all(len(ring) >= 4 for polygon in rings for ring in polygon):
            geometries[index] = shapely.MultiPolygon(
                [shapely.Polygon(polygon[0], polygon[1:]) for polygon in rings]
            )
    faulty = shapely.is_missing(geometries) | ~shapely.is_valid(geometries)
    valid = np.flatnonzero(~faulty)
    faulty[valid] = ~shapely.is_empty(shapely.coverage_invalid_edges(geometries[valid]))
    return faulty


def _junctions(vertex: np.ndarray, lengths: np.ndarray, count: int) -> np.ndarray:
    """Vertices whose neighbours along the rings differ between rings: where arcs end."""
    ring = np.repeat(np.arange(len(lengths)), lengths)
    first = np.concatenate([[0], np.cumsum(lengths)[:-1]])[ring]
    position = np.arange(len(vertex)) - first
    before = vertex[first + (position - 1) % lengths[ring]]
    after = vertex[first + (position + 1) % lengths[ring]]
    pair = np.minimum(before, after).astype(np.int64) * count + np.maximum(before, after)
    distinct = np.unique(np.column_stack([vertex, pair]), axis=0)[:, 0]
    return np.bincount(distinct, minlength=count) > 1


def _pieces(ids: np.ndarray, junction: np.ndarray) -> list[tuple]:
    """A ring of vertex ids cut at its junctions; a ring without any is one closed piece,
    from its lowest id, so that the rings on its two sides give the same piece."""
    ids = ids.tolist()
    ends = junction[ids].tolist()
    if not any(ends):
        low = ids.index(min(ids))
        ids, ends = ids[low:] + ids[:low], [True] + [False] * (len(ids) - 1)
    return _cut(ids, ends)


def _cut(ring: list, ends: list[bool]) -> list[tuple]:
    """A ring (without its closing point) cut into pieces at the points marked as ends."""
    cuts = [i for i, end in enumerate(ends) if end]
    if not cuts:
        return [(*ring, ring[0])]
    ring = ring[cuts[0] :] + ring[: cuts[0]]
    closed = [*ring, ring[0]]
    bounds = [*(cut - cuts[0] for cut in cuts), len(ring)]
    return [tuple(closed[a : b + 1]) for a, b in itertools.pairwise(bounds)]


def _reference(arcs: dict[tuple, int], piece: tuple) -> int:
    """The arc a piece of ring is, in its direction (~i when reversed); new arcs are added."""
    backwards = piece[::-1]
    key = min(piece, backwards)
    index = arcs.setdefault(key, len(arcs))
    return index if key == piece else ~index


def _arc_of(arc_ids: dict, piece: tuple) -> int:
    if piece in arc_ids:
        return arc_ids[piece]
    if piece[::-1] in arc_ids:
        return ~arc_ids[piece[::-1]]
    raise TopologyError(f"A ring piece starting at {piece[0]} is not an arc of the coverage")


def map_shapes(fips: np.ndarray, lonlat: np.ndarray) -> dict:
    """Everything geo.domain.shapes loads: the counties (a clean NAD83 coverage, in `fips` order)
    projected and cut into arcs at every tier, the states made of the same arcs, the
    inset frames, and every area's box."""
    coverage = project(fips, lonlat)
    topology = cut(coverage)
    state_codes = sorted({code[:2] for code in fips})
    states = np.array(
        [
            shapely.coverage_union_all(coverage[[code.startswith(s) for code in fips]])
            for s in state_codes
        ]
    )
    frames = inset_frames(fips, coverage)
    arcs = topology.arcs + frames
    bodies = [tier + frames for tier in valid_tiers(topology)]
    return {
        "projection": "geo.projection: EPSG:5070, insets EPSG:3338 x 0.35 and ESRI:102007",
        "arcs": encoded(arcs, bodies) | {"sides": sides(topology) + [[] for _ in frames]},
        "counties": _stored_areas(list(fips), topology.areas, coverage),
        "states": _stored_areas(state_codes, rings_of(states, coverage, topology), states),
        "frames": list(range(len(topology.arcs), len(arcs))),
        "extent": _extent(np.concatenate(arcs)),
    }


def _stored_areas(fips: list[str], rings: list, geometries: np.ndarray) -> dict:
    boxes = shapely.bounds(geometries)
    return {
        "fips": [str(code) for code in fips],
        "rings": rings,
        "boxes": np.column_stack([np.floor(boxes[:, :2]), np.ceil(boxes[:, 2:])])
        .astype(int)
        .tolist(),
    }


def _extent(points: np.ndarray) -> list[float]:
    """West, south, east, north around the points, to the metre outward."""
    return [*np.floor(points.min(axis=0)).tolist(), *np.ceil(points.max(axis=0)).tolist()]
