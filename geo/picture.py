"""The picture renderer: a MapView as a publication picture (PNG, SVG, PDF), with matplotlib.

The picture is drawn from the very MapView the interactive map shows (same arcs,
classes, colours, outlines and legend), in the same equal-area projection with
Alaska and Hawaii in their insets, with a title, the as-of date, a key above the
map, a source line and a credit. It needs no browser, no tiles and no network.
"""

from __future__ import annotations

import io
import math
import textwrap
from dataclasses import dataclass

import matplotlib
from matplotlib.collections import LineCollection, PathCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.path import Path
from matplotlib.text import Text

from geo.styles import Classes
from geo.viewmodel import AREA_EDGE, LineStyle, MapView, ring_points

WIDTH_INCHES = 10
DPI = 200  # 2000 px wide; scale 2 gives 4000 px
MAP_WIDTH = 0.98  # share of the picture's width the map may take
PAD = 0.02  # space around the view's extent, as a share of its size
PX = 0.72  # one pixel of the interactive map (about 1,000 px wide), in points at print size
KEY_COLUMNS = 4
CREDIT = "Map: Secure Communities, county by county."
matplotlib.rcParams["svg.fonttype"] = "none"  # keep text as text in SVG


def map_pixels(dpi: float) -> tuple[float, float]:
    """The drawing area's size in pixels at `dpi`: the width binds, the height follows."""
    return WIDTH_INCHES * MAP_WIDTH * dpi / (1 + 2 * PAD), math.inf


@dataclass
class Picture:
    """A drawn figure and the parts of it that change from frame to frame."""

    figure: Figure
    areas: PathCollection
    subtitle: Text

    def recolour(self, classes: Classes, subtitle: str) -> None:
        """New colours for the same areas (an animation frame), and a new subtitle."""
        self.areas.set_facecolors([classes.colours[i] for i in classes.index])
        self.subtitle.set_text(subtitle)

    def save(self, fmt: str, scale: int = 1) -> bytes:
        buffer = io.BytesIO()
        self.figure.savefig(buffer, format=fmt, dpi=DPI * scale, facecolor="white")
        return buffer.getvalue()


def draw(view: MapView, title: str, subtitle: str, source: str) -> Picture:
    """Draw `view` with its title, subtitle (the as-of date), key, source line and credit."""
    extent = view.extent.widened(PAD)
    map_height = WIDTH_INCHES * MAP_WIDTH * extent.height / extent.width
    entries = len(view.classes.labels) + len(view.legend_lines)
    key_height = 0.3 + 0.22 * math.ceil(entries / KEY_COLUMNS)
    source_lines = [*textwrap.wrap(source, 190), CREDIT]
    foot = 0.25 + 0.14 * len(source_lines)
    head = 0.95 + key_height
    height = head + map_height + foot
    figure = Figure(figsize=(WIDTH_INCHES, height), dpi=DPI, facecolor="white")
    axes = figure.add_axes(((1 - MAP_WIDTH) / 2, foot / height, MAP_WIDTH, map_height / height))
    axes.set_axis_off()
    axes.set_xlim(extent.west, extent.east)
    axes.set_ylim(extent.south, extent.north)
    axes.set_aspect("equal")
    arcs = view.arcs.coordinates()
    areas = _areas(axes, view, arcs)
    for line in view.lines:
        _line(axes, [arcs[a] for a in line.arcs], line.style)
    figure.text(0.01, 1 - 0.25 / height, title, fontsize=17, weight="bold", va="top",
                parse_math=False)  # fmt: skip
    subtitle_text = figure.text(
        0.01, 1 - 0.62 / height, subtitle, fontsize=12, va="top", parse_math=False
    )
    _key(figure, view, 1 - 0.95 / height)
    figure.text(
        0.01,
        0.14 / height,
        "\n".join(source_lines),
        fontsize=7.5,
        color="#333333",
        va="bottom",
        parse_math=False,
        linespacing=1.5,
    )
    return Picture(figure, areas, subtitle_text)


def _areas(axes, view: MapView, arcs) -> PathCollection:
    """Every area as one compound path (holes and islands included), filled by class."""
    paths = []
    for polygons in view.shapes:
        rings = [ring_points(ring, arcs) for polygon in polygons for ring in polygon]
        codes = [
            code
            for ring in rings
            for code in [Path.MOVETO] + [Path.LINETO] * (len(ring) - 2) + [Path.CLOSEPOLY]
        ]
        paths.append(Path([point for ring in rings for point in ring], codes))
    collection = PathCollection(
        paths,
        facecolors=[view.classes.colours[i] for i in view.classes.index],
        edgecolors=AREA_EDGE.colour,
        linewidths=AREA_EDGE.width * PX / 2,  # printed lighter than on screen
    )
    axes.add_collection(collection)
    return collection


def _line(axes, segments, style: LineStyle) -> None:
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


def _key(figure: Figure, view: MapView, top: float) -> None:
    """The legend above the map, outside it: its title, then classes and lines in columns."""
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
    figure.legend(
        handles=handles,
        title=view.legend_title,
        title_fontproperties={"weight": "bold", "size": 9},
        alignment="left",
        loc="upper left",
        bbox_to_anchor=(0.005, top),
        ncols=KEY_COLUMNS,
        fontsize=8.5,
        frameon=False,
    )
