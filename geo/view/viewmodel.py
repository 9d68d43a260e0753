"""What a map view shows, free of any renderer: areas, classes, lines, legend, extent, kind.

The Leaflet renderer (geo.render.leaflet) and the picture renderer (geo.render.picture) each
draw a MapView and know nothing of each other. A MapView is frozen and holds
only tuples, so one can be shared between sessions safely.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from geo.arcs import Arcs, Extent
from geo.view.styles import Classes

CASING_EXTRA = 3.0  # a line's casing is this much wider than the line (pixels)


class Kind(StrEnum):
    """What a view is of: the whole country, one state, or a resistant site and its ring."""

    NATIONAL = "national"
    STATE = "state"
    SITE = "site"


@dataclass(frozen=True)
class LineStyle:
    """How a set of lines is drawn: width and dashes in screen pixels, an optional casing."""

    colour: str
    width: float
    casing: str | None = None  # colour of a wider line drawn under it, to lift it off the map
    dash: tuple[float, ...] = ()  # lengths of dash, gap, dash...; none for a solid line

    @property
    def casing_width(self) -> float:
        return self.width + CASING_EXTRA


AREA_EDGE = LineStyle("#9a9a9a", 0.4)  # the thin border drawn around every area
HOVER_EDGE = LineStyle("#000000", 2.0)  # the border of the area under the pointer
STATE_BORDER = LineStyle("#333333", 1.0)
FOCUS_OUTLINE = LineStyle("#000000", 2.5, casing="#ffffff")
SITE_OUTLINE = LineStyle("#000000", 2.0, casing="#ffffff", dash=(6, 4))
RING_OUTLINE = LineStyle("#000000", 1.5)
SECOND_RING_OUTLINE = LineStyle("#555555", 1.2, dash=(3, 3))
INSET_FRAME = LineStyle("#b0b0b0", 0.8)


@dataclass(frozen=True)
class LineSet:
    """Lines drawn with one style, each an arc of the view; a label puts it in the legend."""

    arcs: tuple[int, ...]
    style: LineStyle
    label: str | None = None


@dataclass(frozen=True)
class Tooltips:
    """One row of text per area: a label per column, a column of values per label."""

    labels: tuple[str, ...]
    columns: tuple[tuple[str, ...], ...]
    fixed: frozenset[int] = frozenset()  # the columns that are the same on every date

    def row(self, area: int) -> tuple[str, ...]:
        return tuple(column[area] for column in self.columns)


class Crs(StrEnum):
    """What the view's coordinates are."""

    ALBERS = "albers"  # metres of the equal-area map, insets included (geo.projection)
    LONLAT = "lonlat"  # degrees, for a base map of Web Mercator tiles


@dataclass(frozen=True)
class MapView:
    """Everything one view draws: areas filled by class, lines over them, legend and extent."""

    key: str  # the same for views a renderer may update in place (same place, other date)
    kind: Kind
    crs: Crs
    extent: Extent
    scale: float | None  # ground metres per map unit, where one scale holds (no insets)
    legend_title: str  # what the classes are of
    legend_date: str  # the date they are on, for a legend that stands on its own
    classes: Classes  # one class per area
    ids: tuple[str, ...]  # FIPS of each area
    arcs: Arcs
    shapes: tuple  # area -> polygon -> ring -> arcs (~i: arc i backwards)
    tooltips: Tooltips
    lines: tuple[LineSet, ...] = ()

    @property
    def legend_lines(self) -> tuple[LineSet, ...]:
        return tuple(line for line in self.lines if line.label)
