"""What a map view shows, free of any renderer: areas, classes, lines, legend, extent, kind.

The Leaflet renderer (geo.leaflet) and the picture renderer (geo.picture) each
draw a MapView and know nothing of each other. A MapView is frozen and holds
only tuples, so one can be shared between sessions safely.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from geo.styles import Classes

CASING_EXTRA = 3.0  # a line's casing is this much wider than the line (pixels)


class Kind(StrEnum):
    """What a view is of: the whole country, one state, or a resistant site and its ring."""

    NATIONAL = "national"
    STATE = "state"
    SITE = "site"


@dataclass(frozen=True)
class Extent:
    """The area to fit on screen, in the shapes' coordinates (longitude, latitude)."""

    west: float
    south: float
    east: float
    north: float

    @classmethod
    def around(cls, boxes) -> Extent:
        """The smallest extent holding every (west, south, east, north) box."""
        west, south, east, north = zip(*boxes, strict=True)
        return cls(min(west), min(south), max(east), max(north))


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


@dataclass(frozen=True)
class LineSet:
    """Lines drawn with one style; a label puts the style in the legend."""

    paths: tuple[str, ...]  # encoded lines (geo.encoding)
    style: LineStyle
    label: str | None = None


@dataclass(frozen=True)
class Tooltips:
    """One row of text per area: a label per column, a column of values per label."""

    labels: tuple[str, ...]
    columns: tuple[tuple[str, ...], ...]

    def row(self, area: int) -> tuple[str, ...]:
        return tuple(column[area] for column in self.columns)


@dataclass(frozen=True)
class MapView:
    """Everything one view draws: areas filled by class, lines over them, legend and extent."""

    key: str  # the same for views a renderer may update in place (same place, other date)
    kind: Kind
    extent: Extent
    legend_title: str
    classes: Classes  # one class per area
    ids: tuple[str, ...]  # FIPS of each area
    shapes: tuple  # encoded polygons of each area (geo.encoding.encode_geometry)
    decimals: int  # the precision the shapes and lines are encoded at
    tooltips: Tooltips
    lines: tuple[LineSet, ...] = ()

    @property
    def legend_lines(self) -> tuple[LineSet, ...]:
        return tuple(line for line in self.lines if line.label)
