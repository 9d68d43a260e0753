"""Every download of a view, as bytes: pictures, the data behind it, the animation, and the
ring model fitted to a user's list.

One function, `make`, serves the page's download buttons, the scripts and the tests.
The drawing libraries (matplotlib, Pillow) are imported when a picture is asked for, the
statistics (scipy) when a list's model is.
Every download speaks the language of its selection, whatever thread makes it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd

from geo.domain.load import Dataset, shared
from geo.domain.ringtimeline import site_timelines
from geo.domain.rollout import LAST_ACTIVATION
from geo.exports.datafiles import metadata, rows_and_filters, to_csv, to_geojson
from geo.i18n import N_, _, ready_languages, speaking
from geo.view.compose import classes_of, compose
from geo.view.selection import Selection
from geo.view.wording import (
    coverage_shares,
    coverage_words,
    describe,
    rollout_subtitle,
    source_line,
    words,
)


@dataclass(frozen=True)
class Download:
    """How a download is offered: its button's label (in English: see `label`), file name
    ending and media type."""

    label: str
    suffix: str
    mime: str


DOWNLOADS = {
    "png": Download("PNG", "png", "image/png"),
    "png2x": Download(N_("PNG 2x"), "2x.png", "image/png"),
    "svg": Download("SVG", "svg", "image/svg+xml"),
    "pdf": Download("PDF", "pdf", "application/pdf"),
    "csv": Download("CSV", "csv", "text/csv"),
    "geojson": Download("GeoJSON", "geojson", "application/geo+json"),
    "html": Download(N_("Interactive HTML"), "html", "text/html"),
    "gif": Download("GIF", "gif", "image/gif"),
    "mp4": Download("MP4", "mp4", "video/mp4"),
    "chart_png": Download(N_("Chart PNG"), "covered-first.png", "image/png"),
    "chart_svg": Download(N_("Chart SVG"), "covered-first.svg", "image/svg+xml"),
    "timeline_png": Download(N_("Timeline (PNG)"), "png", "image/png"),
    "timeline_svg": Download(N_("Timeline (SVG)"), "svg", "image/svg+xml"),
    "ring_model": Download(N_("Model (JSON)"), "json", "application/json"),
}
PICTURES = {"png": ("png", 1), "png2x": ("png", 2), "svg": ("svg", 1), "pdf": ("pdf", 1)}
DATA_FILES = {"csv": to_csv, "geojson": to_geojson}
ANIMATIONS = {"gif": 100, "mp4": 128}  # dots per inch: 1,000 and 1,280 px wide
CHARTS = {"chart_png": "png", "chart_svg": "svg"}  # "Who was covered first", as pictures
TIMELINES = {"timeline_png": "png", "timeline_svg": "svg"}  # every site's ring, or one site's
WITH_LINK = {*DATA_FILES, "html"}  # the downloads that carry the link to their view


def button_label(kind: str) -> str:
    """The button label of the `kind` download (a key of DOWNLOADS), in the current language."""
    return _(DOWNLOADS[kind].label)


@dataclass(frozen=True)
class Source:
    """The data of a download as a worker process finds it: the processed files, and a
    user's counties (with their dates) in place of the built-in ones."""

    folder: Path
    counties: pd.DataFrame | None = None
    label: str | None = None
    key: str = "built-in"
    dated: bool = True

    @classmethod
    def of(cls, data: Dataset, folder: Path) -> Source:
        if data.label is None:
            return cls(folder)
        return cls(folder, data.counties, data.label, data.key, data.dated)

    def dataset(self) -> Dataset:
        built_in = shared(self.folder)
        if self.counties is None:
            return built_in
        return built_in.with_list(self.counties, self.label, self.key, self.dated)


def warm(folder: Path) -> None:
    """Ready a worker process for its first download: the drawing modules imported, the
    data loaded, the languages read, the fonts found."""
    import imageio_ffmpeg  # noqa: F401

    from geo.render import animation  # noqa: F401
    from geo.render.picture import fits_line

    shared(folder)
    ready_languages()
    fits_line("Secure Communities", 12)


def make_from(
    kind: str,
    source: Source,
    selection: Selection,
    link: str,
    progress: Callable[[int, int], None] | None = None,
) -> bytes:
    """make(), for a worker process: the data read from `source`."""
    return make(kind, source.dataset(), selection, link, progress)


def make(
    kind: str,
    data: Dataset,
    selection: Selection,
    link: str,
    progress: Callable[[int, int], None] | None = None,
) -> bytes:
    """The bytes of the `kind` download (a key of DOWNLOADS) of the view `selection`.

    `link` is the address that reopens the view, written into the data files and the
    interactive page. Pictures
    are always of the equal-area map, even when the screen shows a base map. An
    animation tells `progress` (frames done, frames in all) as it goes. Every word is in
    the selection's language.
    """
    with speaking(selection.lang):
        return _make(kind, data, selection, link, progress)


def _make(
    kind: str,
    data: Dataset,
    selection: Selection,
    link: str,
    progress: Callable[[int, int], None] | None,
) -> bytes:
    if kind in TIMELINES:
        return _timeline(TIMELINES[kind], data, selection.site)
    if kind == "ring_model":
        return _ring_model(data, progress)
    text, source = words(data, selection), source_line(data)
    selection = replace(selection, tiles=False)
    if kind in PICTURES:
        from geo.render.picture import DPI, draw, map_pixels

        fmt, scale = PICTURES[kind]
        view = compose(data, selection, map_pixels(DPI * scale))
        return draw(view, text, source, describe(data, selection)).save(fmt, scale)
    if kind in CHARTS:
        from geo.render.chartpicture import draw_chart

        shares = coverage_shares(data, selection)
        chart_words, description = coverage_words(data, selection, shares)
        picture = draw_chart(shares, selection.as_of, chart_words, source, description)
        return picture.save(CHARTS[kind])
    if kind in DATA_FILES:
        rows, filters = rows_and_filters(data, selection)
        meta = metadata(text.title, selection.as_of, filters, len(rows), source, link)
        return DATA_FILES[kind](rows, meta, data.shapes).encode()
    if kind == "html":
        from geo.render.interactive import page

        return page(data, selection, text, describe(data, selection), source, link).encode()
    if kind in ANIMATIONS:
        from geo.render import animation
        from geo.render.picture import map_pixels

        span = data.span
        text = replace(text, subtitle=selection.subtitle or rollout_subtitle(span))
        view = compose(data, selection, map_pixels(ANIMATIONS[kind]))
        frames = animation.Frames(view, text, source, ANIMATIONS[kind])
        images = list(
            animation.rollout_frames(
                frames,
                lambda day: classes_of(data, replace(selection, as_of=day)),
                span,
                progress,
            )
        )
        about = _("{subtitle}. The last frame: {description}").format(
            subtitle=text.subtitle, description=describe(data, selection)
        )
        if kind == "gif":  # the map's colours, exactly
            return animation.gif(images, view.classes.colours, about)
        return animation.mp4(images, text.title, about)
    raise ValueError(f"Unknown download {kind!r}; one of {', '.join(DOWNLOADS)}")


def file_name(selection: Selection, kind: str) -> str:
    """secure-communities-<place>-<date>.<suffix>, the place a site, a state or 'us'; an
    animation, of every month, is <place>-rollout."""
    if kind in TIMELINES:
        return timeline_file_name(selection.site, TIMELINES[kind])
    if kind == "ring_model":
        return "secure-communities-ring-model.json"
    where = selection.site or selection.state or "us"
    when = "rollout" if kind in ANIMATIONS else f"{selection.as_of:%Y-%m-%d}"
    return f"secure-communities-{where.lower()}-{when}.{DOWNLOADS[kind].suffix}"


def same_file(kind: str, selection: Selection) -> Selection:
    """The selection whose download `kind` is this one's: an animation shows every month,
    so its date does not matter; a time line, every date of a site (or of every site)."""
    if kind in TIMELINES:
        return Selection(site=selection.site, lang=selection.lang)
    if kind == "ring_model":  # the same for every view
        return Selection(lang=selection.lang)
    return replace(selection, as_of=LAST_ACTIVATION) if kind in ANIMATIONS else selection


def _timeline(fmt: str, data: Dataset, site_id: str | None) -> bytes:
    """The picture of every site's ring on a time line (or of one site's row), as `fmt`."""
    from geo.render.ringpicture import draw_timeline

    line = site_timelines(data)
    if site_id:
        line = line.of_site(site_id)
        title = _("{site}: when its ring was switched on").format(site=line.sites["name"].iloc[0])
    else:
        title = _("When each resistant site's ring was switched on")
    return draw_timeline(line, data.span, title, source_line(data), fmt)


def _ring_model(data: Dataset, progress: Callable[[int, int], None] | None) -> bytes:
    """The ring model's results as JSON: the build's for the built-in data, else fitted to
    the list's dates (geo.domain.ringmodel.list_results), telling `progress` as it goes."""
    from geo.domain.ringmodel import list_results, site_starts, to_json

    if data.label is None:
        model = data.ring_model.raw
    else:
        starts = site_starts(data.sites, data.starts)
        model = list_results(data.counties, data.adjacency, starts, progress)
    return to_json(model).encode()


def timeline_file_name(site_id: str | None, fmt: str) -> str:
    """secure-communities-ring-timeline[-<site>].<fmt>"""
    return f"secure-communities-ring-timeline{f'-{site_id}' if site_id else ''}.{fmt}"
