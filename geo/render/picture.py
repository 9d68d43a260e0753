"""The picture renderer: a MapView as a publication picture (PNG, SVG, PDF), with matplotlib.

The picture is drawn from the very MapView the interactive map shows (same arcs,
classes, colours, outlines and legend), in the same equal-area projection with
Alaska and Hawaii in their insets, with a title, the as-of date, a key above the
map, a source line and a credit. It needs no browser, no tiles and no network.
"""

from __future__ import annotations

import bisect
import io
import math
import re
import warnings
from dataclasses import dataclass
from xml.sax.saxutils import escape

import matplotlib
import numpy as np
from matplotlib.collections import LineCollection, PathCollection
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.path import Path
from matplotlib.text import Text
from matplotlib.textpath import TextToPath

from geo.arcs import ring_points
from geo.i18n import N_, _
from geo.view.styles import Classes
from geo.view.viewmodel import AREA_EDGE, LineStyle, MapView
from geo.view.wording import Words

WIDTH_INCHES = 10
DPI = 200  # 2000 px wide; scale 2 gives 4000 px
MAP_WIDTH = 0.98  # share of the picture's width the map may take
NARROWEST = 0.8  # the map's least width / height: 4:5, portrait
PAD = 0.02  # space around the view's extent, as a share of its size
PX = 0.72  # one pixel of the interactive map (about 1,000 px wide), in points at print size
KEY_COLUMNS = 4
TOP, GAP, BOTTOM = 0.22, 0.1, 0.12  # inches above the title, between blocks, below the foot
LEADING = 1.3  # line height, as a multiple of the type size
LINE_POINTS = WIDTH_INCHES * 0.98 * 72  # the longest line of text
CREDIT = N_("Map: Secure Communities, county by county.")  # translated where shown
matplotlib.rcParams["svg.fonttype"] = "none"  # keep text as text in SVG
_TEXT = TextToPath()  # measures text as the picture sets it
# A character the font lacks (an emoji in a reporter's title) is drawn as a box, not an error.
warnings.filterwarnings("ignore", r"Glyph \d+ .* missing from font", UserWarning)


def map_pixels(dpi: float) -> tuple[float, float]:
    """The drawing area's size in pixels at `dpi`: the width binds, the height follows."""
    return WIDTH_INCHES * MAP_WIDTH * dpi / (1 + 2 * PAD), math.inf


@dataclass
class Picture:
    """A drawn figure, the parts of it an animation changes, and what its files say of it."""

    figure: Figure
    areas: PathCollection
    key_title: Text  # the legend's title: what the classes are of, on which date
    title: str
    description: str

    def recolour(self, classes: Classes, key_title: str) -> None:
        """New colours for the same areas (an animation frame), and the key's new date."""
        self.areas.set_facecolors([classes.colours[i] for i in classes.index])
        self.key_title.set_text(key_title)

    def save(self, fmt: str, scale: int = 1) -> bytes:
        """The picture as PNG, SVG or PDF, its title and description in the file: PNG text
        chunks, PDF metadata, SVG <title> and <desc> (where screen readers find them)."""
        metadata = {
            "png": {"Title": self.title, "Description": self.description},
            "pdf": {"Title": self.title, "Subject": self.description},
            "svg": {"Title": self.title, "Description": self.description},
        }[fmt]
        buffer = io.BytesIO()
        self.figure.savefig(
            buffer, format=fmt, dpi=DPI * scale, facecolor="white", metadata=metadata
        )
        if fmt == "svg":
            return titled_svg(buffer.getvalue(), self.title, self.description)
        return buffer.getvalue()


@dataclass(frozen=True)
class Block:
    """Lines of text set in one style, stacked above or below the map."""

    lines: list[str]
    size: float
    weight: str = "normal"
    colour: str = "#000000"

    @property
    def height(self) -> float:  # inches
        return len(self.lines) * self.size * LEADING / 72


def framing(words: Words, source: str) -> tuple[list[Block], list[Block]]:
    """The blocks above a picture (title, subtitle) and below it (note; source line and
    byline, or the credit), wrapped to the picture's width."""
    head = [
        Block(_wrapped(words.title, 17, "bold"), 17, "bold"),
        Block(_wrapped(words.subtitle, 12), 12),
    ]
    foot = [
        Block(_wrapped(words.note, 10), 10),
        Block(
            [*_wrapped(source, 7.5), *(_wrapped(words.byline, 7.5) or [_(CREDIT)])],
            7.5,
            colour="#333333",
        ),
    ]
    return head, foot


def draw(view: MapView, words: Words, source: str, description: str = "") -> Picture:
    """Draw `view` with the words above it (title, subtitle), its key (dated), the note
    below it, and the source line, byline and credit at the foot. Every text is wrapped
    to the picture's width and set as plain text."""
    # A tall view (a site and its ring stacked north to south) is widened with its
    # surroundings: a map no taller than NARROWEST allows, as a page or phone prints it.
    extent = view.extent.widened(PAD).to_aspects(widest=NARROWEST, tallest=math.inf)
    map_height = WIDTH_INCHES * MAP_WIDTH * extent.height / extent.width
    entries = len(view.classes.labels) + len(view.legend_lines)
    key_height = 0.3 + 0.22 * math.ceil(entries / KEY_COLUMNS)
    head, foot = framing(words, source)
    head_height = TOP + sum(block.height + GAP for block in head) + key_height
    foot_height = sum(block.height + GAP for block in foot if block.lines) + BOTTOM
    height = head_height + map_height + foot_height
    figure = Figure(figsize=(WIDTH_INCHES, height), dpi=DPI, facecolor="white")
    axes = figure.add_axes(
        ((1 - MAP_WIDTH) / 2, foot_height / height, MAP_WIDTH, map_height / height)
    )
    axes.set_axis_off()
    axes.set_xlim(extent.west, extent.east)
    axes.set_ylim(extent.south, extent.north)
    axes.set_aspect("equal")
    arcs = view.arcs.coordinates()
    areas = _areas(axes, view, arcs)
    for line in view.lines:
        _line(axes, [arcs[a] for a in line.arcs], line.style)
    top = height - TOP
    for block in head:
        _text(figure, block, top / height)
        top -= block.height + GAP
    key_title = _key(figure, view, top / height)
    bottom = foot_height - GAP
    for block in foot:
        if block.lines:
            _text(figure, block, bottom / height)
            bottom -= block.height + GAP
    return Picture(figure, areas, key_title, words.title, description)


def _text(figure: Figure, block: Block, top: float) -> None:
    figure.text(
        0.01,
        top,
        "\n".join(block.lines),
        fontsize=block.size,
        weight=block.weight,
        color=block.colour,
        va="top",
        linespacing=LEADING,
        parse_math=False,  # a "$" is a dollar, not mathematics
    )


def fits_line(text: str, size: float, weight: str = "normal") -> bool:
    """Whether `text` set at `size` points fits on one line of the picture."""
    font = FontProperties(family="DejaVu Sans", size=size, weight=weight)
    return _TEXT.get_text_width_height_descent(text, font, ismath=False)[0] <= LINE_POINTS


def _wrapped(text: str, size: float, weight: str = "normal") -> list[str]:
    """`text` broken into lines that fit the picture's width when set at `size` points;
    a word too long for a line is broken too."""

    def fits(line: str) -> bool:
        return fits_line(line, size, weight)

    lines = []
    for paragraph in text.splitlines():
        line = ""
        for word in paragraph.split():
            if fits(f"{line} {word}".strip()):
                line = f"{line} {word}".strip()
                continue
            if line:
                lines.append(line)
            while not fits(word):
                first_too_long = bisect.bisect_left(
                    range(1, len(word) + 1), True, key=lambda n: not fits(word[:n])
                )
                cut = max(first_too_long, 1)
                lines.append(word[:cut])
                word = word[cut:]
            line = word
        if line:
            lines.append(line)
    return lines


def titled_svg(svg: bytes, title: str, description: str) -> bytes:
    """The SVG with a <title> and a <desc> as the root's first children, and named by them."""
    text = svg.decode()
    opening = re.search(r"<svg\b[^>]*>", text)
    head = opening.group(0).replace(
        "<svg", '<svg role="img" aria-labelledby="map-title map-desc"', 1
    )
    named = (
        f'<title id="map-title">{escape(title)}</title>'
        f'<desc id="map-desc">{escape(description)}</desc>'
    )
    return (text[: opening.start()] + head + named + text[opening.end() :]).encode()


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
        points = np.reshape([point for ring in rings for point in ring], (-1, 2))
        paths.append(Path(points, codes))  # no rings: an area the view leaves out
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


def _key(figure: Figure, view: MapView, top: float) -> Text:
    """The legend above the map, outside it: its title (with the date), then classes and
    lines in columns. Returns its title."""
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
    legend = figure.legend(
        handles=handles,
        title=f"{view.legend_title}, {view.legend_date}",
        title_fontproperties={"weight": "bold", "size": 9},
        alignment="left",
        loc="upper left",
        bbox_to_anchor=(0.005, top),
        ncols=KEY_COLUMNS,
        fontsize=8.5,
        frameon=False,
    )
    return legend.get_title()
