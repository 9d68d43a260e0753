"""Every download of a view, as bytes: pictures, the data behind it, the animation.

One function, `make`, serves the page's download buttons, the scripts and the tests.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from geo.animation import rollout_gif
from geo.compose import compose
from geo.datafiles import metadata, rows_and_filters, to_csv, to_geojson
from geo.load import Dataset
from geo.picture import draw
from geo.rollout import date_range
from geo.shapes import Shapes
from geo.urlstate import Selection
from geo.wording import source_line, subtitle, title


@dataclass(frozen=True)
class Download:
    """How a download is offered: its button's label, file name ending and media type."""

    label: str
    suffix: str
    mime: str


DOWNLOADS = {
    "png": Download("PNG", "png", "image/png"),
    "png2x": Download("PNG 2x", "2x.png", "image/png"),
    "svg": Download("SVG", "svg", "image/svg+xml"),
    "pdf": Download("PDF", "pdf", "application/pdf"),
    "csv": Download("CSV", "csv", "text/csv"),
    "geojson": Download("GeoJSON", "geojson", "application/geo+json"),
    "gif": Download("Animated GIF", "gif", "image/gif"),
}
PICTURES = {"png": ("png", 1), "png2x": ("png", 2), "svg": ("svg", 1), "pdf": ("pdf", 1)}
DATA_FILES = {"csv": to_csv, "geojson": to_geojson}


def make(kind: str, data: Dataset, selection: Selection, shapes: Shapes, link: str) -> bytes:
    """The bytes of the `kind` download (a key of DOWNLOADS) of the view `selection`.

    `link` is the address that reopens the view, written into the data files.
    """
    heading, source = title(data, selection), source_line(data)
    if kind in PICTURES:
        fmt, scale = PICTURES[kind]
        view = compose(data, selection, shapes.in_detail())
        return draw(view, heading, subtitle(selection), source).save(fmt, scale)
    if kind in DATA_FILES:
        rows, filters = rows_and_filters(data, selection)
        meta = metadata(heading, selection.as_of, filters, len(rows), source, link)
        return DATA_FILES[kind](rows, meta).encode()
    if kind == "gif":

        def classes_on(day):
            return compose(data, replace(selection, as_of=day), shapes).classes

        view = compose(data, selection, shapes)
        return rollout_gif(view, classes_on, heading, source, date_range(data.counties))
    raise ValueError(f"Unknown download {kind!r}; one of {', '.join(DOWNLOADS)}")


def file_name(selection: Selection, kind: str) -> str:
    """secure-communities-<place>-<date>.<suffix>, the place a site, a state or 'us'."""
    where = selection.site or selection.state or "us"
    return f"secure-communities-{where.lower()}-{selection.as_of:%Y-%m-%d}.{DOWNLOADS[kind].suffix}"
