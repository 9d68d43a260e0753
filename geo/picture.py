"""The picture renderer: a MapView as a publication picture (PNG, SVG, PDF), with matplotlib.

The picture is drawn from the very MapView the interactive map shows (same shapes,
classes, colours, outlines and legend), in the same Web Mercator projection,
with a title, the as-of date, a source line and a credit. It needs no browser,
no tiles and no network.
"""

from __future__ import annotations

import io
import math
import textwrap
from dataclasses import dataclass

import matplotlib
from matplotlib.collections import LineCollection, PatchCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, PathPatch
from matplotlib.path import Path
from matplotlib.text import Text

from geo.encoding import decode_ring
from geo.styles import Classes
from geo.viewmodel import AREA_EDGE, Extent, Kind, LineSet, LineStyle, MapView

WIDTH_INCHES = 10
DPI = 200  # 2000 px wide; scale 2 gives 4000 px
PX = 0.72  # one pixel of the interactive map (about 1,000 px wide), in points at print size
CREDIT = "Map: Secure Communities, county by county."
matplotlib.rcParams["svg.fonttype"] = "none"  # keep text as text in SVG


def mercator(lon: float, lat: float) -> tuple[float, float]:
    """Web Mercator, as Leaflet draws it (in degrees of longitude).

    East longitudes count as west of -180, so Alaska's Aleutians stay in one piece.
    """
    lon = lon - 360 if lon > 0 else lon
    return lon, math.degrees(math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)))


# National pictures show Alaska and Hawaii in insets: state FIPS, extent, inset box.
INSETS = {
    "02": (Extent(-180.0, 51.0, -129.5, 71.6), (0.01, 0.0, 0.21, 0.27)),
    "15": (Extent(-160.4, 18.8, -154.7, 22.4), (0.23, 0.0, 0.11, 0.13)),
}


@dataclass
class Picture:
    """A drawn figure and the parts of it that change from frame to frame."""

    figure: Figure
    areas: list[tuple[PatchCollection, list[int]]]  # per map panel: patches, area of each
    subtitle: Text

    def recolour(self, classes: Classes, subtitle: str) -> None:
        """New colours for the same areas (an animation frame), and a new subtitle."""
        for collection, area_of_patch in self.areas:
            collection.set_facecolors(
                [classes.colours[classes.index[area]] for area in area_of_patch]
            )
        self.subtitle.set_text(subtitle)

    def save(self, fmt: str, scale: int = 1) -> bytes:
        buffer = io.BytesIO()
        self.figure.savefig(buffer, format=fmt, dpi=DPI * scale, facecolor="white")
        return buffer.getvalue()


def draw(view: MapView, title: str, subtitle: str, source: str) -> Picture:
    """Draw `view` with its title, subtitle (the as-of date), legend, source line and credit."""
    x0, y0 = mercator(view.extent.west, view.extent.south)
    x1, y1 = mercator(view.extent.east, view.extent.north)
    pad_x, pad_y = (x1 - x0) * 0.05, (y1 - y0) * 0.05
    map_height = WIDTH_INCHES * (y1 - y0 + 2 * pad_y) / (x1 - x0 + 2 * pad_x)
    figure = Figure(figsize=(WIDTH_INCHES, map_height + 1.6), dpi=DPI, facecolor="white")
    top, bottom = 1 - 0.9 / (map_height + 1.6), 0.7 / (map_height + 1.6)
    axes = _panel(figure, (0.01, bottom, 0.98, top - bottom), view.extent, 0.05)
    areas = [_areas(axes, view, range(len(view.ids)))]
    for line in view.lines:
        _line(axes, line, view.decimals)
    if view.kind is Kind.NATIONAL:
        for state, (extent, (left, low, width, tall)) in INSETS.items():
            inset = _panel(figure, (left, bottom + low * (top - bottom), width, tall), extent, 0)
            rows = [row for row, fips in enumerate(view.ids) if fips.startswith(state)]
            areas.append(_areas(inset, view, rows))
    _legend(axes, view)
    height = map_height + 1.6
    figure.text(
        0.01,
        1 - 0.25 / height,
        title,
        fontsize=17,
        weight="bold",
        va="top",
        parse_math=False,
    )
    subtitle_text = figure.text(
        0.01, 1 - 0.62 / height, subtitle, fontsize=12, va="top", parse_math=False
    )
    figure.text(
        0.01,
        0.14 / height,
        "\n".join([*textwrap.wrap(source, 190), CREDIT]),
        fontsize=7.5,
        color="#333333",
        va="bottom",
        parse_math=False,
        linespacing=1.5,
    )
    return Picture(figure, areas, subtitle_text)


def _panel(figure: Figure, box: tuple, extent: Extent, pad: float):
    """Axes showing `extent` in Web Mercator, equal aspect, no frame."""
    x0, y0 = mercator(extent.west, extent.south)
    x1, y1 = mercator(extent.east, extent.north)
    axes = figure.add_axes(box)
    axes.set_axis_off()
    axes.set_xlim(x0 - (x1 - x0) * pad, x1 + (x1 - x0) * pad)
    axes.set_ylim(y0 - (y1 - y0) * pad, y1 + (y1 - y0) * pad)
    axes.set_aspect("equal")
    return axes


def _project(encoded: str, decimals: int) -> list[tuple[float, float]]:
    return [mercator(lon, lat) for lon, lat in decode_ring(encoded, decimals)]


def _areas(axes, view: MapView, rows) -> tuple[PatchCollection, list[int]]:
    """The areas of `rows`, filled by class, as one collection on `axes`."""
    paths, colours, area_of_patch = [], [], []
    for area in rows:
        polygons, index = view.shapes[area], view.classes.index[area]
        for polygon in polygons:
            rings = [_project(ring, view.decimals) for ring in polygon]
            vertices = [point for ring in rings for point in ring]
            codes = [
                code
                for ring in rings
                for code in [Path.MOVETO] + [Path.LINETO] * (len(ring) - 2) + [Path.CLOSEPOLY]
            ]
            paths.append(Path(vertices, codes))
            colours.append(view.classes.colours[index])
            area_of_patch.append(area)
    collection = PatchCollection(
        [PathPatch(path) for path in paths],
        facecolors=colours,
        edgecolors=AREA_EDGE.colour,
        linewidths=AREA_EDGE.width * PX / 2,  # printed lighter than on screen
    )
    axes.add_collection(collection)
    return collection, area_of_patch


def _line(axes, line: LineSet, decimals: int) -> None:
    style = line.style
    segments = [_project(path, decimals) for path in line.paths]
    if style.casing:
        axes.add_collection(
            LineCollection(segments, colors=style.casing, linewidths=style.casing_width * PX)
        )
    axes.add_collection(
        LineCollection(
            segments, colors=style.colour, linewidths=style.width * PX, linestyles=_dashes(style)
        )
    )


def _dashes(style: LineStyle):
    """The style's dash pattern for matplotlib, which measures dashes in line widths."""
    if not style.dash:
        return "solid"
    return (0, tuple(length / style.width for length in style.dash))


def _legend(axes, view: MapView) -> None:
    handles = [
        Patch(facecolor=colour, edgecolor="#777777", label=label)
        for colour, label in zip(view.classes.colours, view.classes.labels, strict=True)
    ] + [
        Line2D(
            [],
            [],
            color=line.style.colour,
            linewidth=line.style.width * PX * 1.5,
            linestyle=_dashes(line.style),
            label=line.label,
        )
        for line in view.legend_lines
    ]
    axes.legend(
        handles=handles,
        loc="lower right",
        fontsize=8.5,
        frameon=True,
        facecolor="white",
        edgecolor="#999999",
        framealpha=1,
    )
