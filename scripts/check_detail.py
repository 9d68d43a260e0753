"""How far the drawn county borders stray from the Census 500k borders, in pixels.

python -m scripts.check_detail prints, for each kind of view (the national map, every
state, every resistant site with its first and second ring), the worst distance
(Hausdorff) between a county's drawn border and its Census 2010 1:500,000 border, in
the pixels of the view on the 1366 x 768 layout and in the 2,000-pixel PNG. Every
county the view shows is measured. The Census shapes come from the plotly-geo package
(pip install -r requirements-dev.txt) and are projected as the map is.
"""

from __future__ import annotations

import argparse
import functools
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace

import numpy as np
import shapely

from geo.arcs import Extent, ring_points
from geo.build.coverage import clean_coverage
from geo.build.sources import sources
from geo.build.topology import project
from geo.domain.load import Dataset, load
from geo.render.picture import DPI, PAD, map_pixels
from geo.view.compose import compose
from geo.view.selection import Selection
from geo.view.viewmodel import MapView

# The map's drawing area on the 1366 x 768 layout (906 x 500, less the key above it; two
# lines of key for a site's legend), less Leaflet's fitting padding.
LAPTOP = {"national": (898.0, 452.0), "state": (898.0, 452.0), "site": (898.0, 430.0)}


@functools.cache
def census_rings() -> dict[str, list[np.ndarray]]:
    """Each county's Census 500k rings, in the map's projection."""
    from geo.build.pipeline import county_shapes  # the build's reader of the Census shape file

    counties = county_shapes(sources())
    projected = project(counties["fips"].to_numpy(), clean_coverage(counties.geometry.to_numpy()))
    return {
        fips: [shapely.get_coordinates(ring) for ring in shapely.get_parts(border)]
        for fips, border in zip(counties["fips"], shapely.boundary(projected), strict=True)
    }


@functools.cache
def census_boxes() -> dict[str, tuple[float, float, float, float]]:
    """West, south, east, north of each county's Census rings."""
    boxes = {}
    for fips, rings in census_rings().items():
        points = np.concatenate(rings)
        boxes[fips] = (*points.min(axis=0).tolist(), *points.max(axis=0).tolist())
    return boxes


def selections(data: Dataset) -> dict[str, list[Selection]]:
    """Every view the app opens on: national, each state, each site with ring 1 and 2."""
    return {
        "national": [Selection()],
        "state": [Selection(state=code) for code in data.states["state"]],
        "site": [
            Selection(site=site, ring=ring) for site in data.sites["site_id"] for ring in (1, 2)
        ],
    }


def window(view: MapView, pixels: tuple[float, float]) -> tuple[Extent, float]:
    """What a drawing area of `pixels` shows when the view's extent is fitted in it, and
    the metres in one of its pixels."""
    extent = view.extent
    per_pixel = max(extent.width / pixels[0], extent.height / pixels[1])
    return extent.to_aspects(pixels[0] / pixels[1], pixels[0] / pixels[1]), per_pixel


def worst_error(view: MapView, seen: Extent, per_pixel: float) -> tuple[float, str]:
    """The largest distance, in pixels, from a drawn border point to the Census borders and
    from a Census border point to the drawn borders, over the points inside `seen` of the
    counties the view draws; and the county of that point."""
    arcs, census = view.arcs.coordinates(), census_rings()
    near = seen.widened(0.1)  # counties beyond cannot hold the nearest border of a point
    boxes = census_boxes()
    ids = [
        fips
        for fips, polygons in zip(view.ids, view.shapes, strict=True)
        if polygons  # an area the view leaves out (another state's inset) has none
        and boxes[fips][0] <= near.east
        and boxes[fips][2] >= near.west
        and boxes[fips][1] <= near.north
        and boxes[fips][3] >= near.south
    ]
    chosen = set(ids)
    drawn = {
        fips: [ring_points(ring, arcs) for polygon in polygons for ring in polygon]
        for fips, polygons in zip(view.ids, view.shapes, strict=True)
        if fips in chosen
    }
    worst, where = 0.0, ""
    for lines, other in ((drawn, census), (census, drawn)):
        points, owners = _points_inside(lines, ids, seen)
        if not len(points):
            continue
        segments = _segments(other, ids)
        _, distances = shapely.STRtree(segments).query_nearest(
            shapely.points(points), return_distance=True, all_matches=False
        )
        farthest = int(np.argmax(distances))
        if distances[farthest] / per_pixel > worst:
            worst, where = distances[farthest] / per_pixel, owners[farthest]
    return worst, where


def _points_inside(lines: dict, ids, seen: Extent) -> tuple[np.ndarray, list[str]]:
    """The border points inside `seen`, each once (a shared border is in two counties)."""
    points, owners = [], []
    for fips in ids:
        for ring in lines[fips]:
            inside = (
                (ring[:, 0] >= seen.west)
                & (ring[:, 0] <= seen.east)
                & (ring[:, 1] >= seen.south)
                & (ring[:, 1] <= seen.north)
            )
            points.append(ring[inside])
            owners += [fips] * int(inside.sum())
    points, first = np.unique(np.concatenate(points), axis=0, return_index=True)
    return points, [owners[i] for i in first]


def _segments(lines: dict, ids) -> np.ndarray:
    pairs = [np.stack([ring[:-1], ring[1:]], axis=1) for fips in ids for ring in lines[fips]]
    return shapely.linestrings(np.concatenate([p for p in pairs if len(p)]))


def errors() -> dict[str, dict[str, tuple[float, str]]]:
    """Per kind of view and medium, the worst error in pixels and where it is."""
    jobs = [
        (kind, medium, selection)
        for kind, chosen in selections(load()).items()
        for medium in ("screen", "png")
        for selection in chosen
    ]
    with ProcessPoolExecutor(max_workers=os.cpu_count()) as pool:
        found = pool.map(_error, jobs, chunksize=4)
    results: dict[str, dict[str, tuple[float, str]]] = {}
    for (kind, medium, _), error in zip(jobs, found, strict=True):
        mediums = results.setdefault(kind, {})
        mediums[medium] = max(mediums.get(medium, (0.0, "")), error)
    return results


def _error(job: tuple[str, str, Selection]) -> tuple[float, str]:
    kind, medium, selection = job
    data = _data()
    if medium == "screen":
        view = compose(data, selection)
        seen, per_pixel = window(view, LAPTOP[kind])
    else:
        view = compose(data, replace(selection, tiles=False), map_pixels(DPI))
        seen, per_pixel = view.extent.widened(PAD), view.extent.width / map_pixels(DPI)[0]
    error, county = worst_error(view, seen, per_pixel)
    return error, f"{selection.site or selection.state or 'US'}, county {county}"


@functools.cache
def _data() -> Dataset:
    return load()


def main() -> None:
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args()
    print("worst distance between drawn and Census 500k county borders, in pixels")
    print(f"  {'views':10} {'1366x768 screen':>34} {'2,000-px PNG':>34}")
    for kind, by_medium in errors().items():
        cells = [f"{error:6.2f} px ({where})" for error, where in by_medium.values()]
        print(f"  {kind:10} {cells[0]:>34} {cells[1]:>34}")


if __name__ == "__main__":
    main()
