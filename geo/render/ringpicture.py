"""The ring time line (geo.domain.ringtimeline) as a picture to download, PNG or SVG, drawn
with matplotlib.

The same marks as the page's chart (geo.render.charts.ring_timeline_chart): a row per site, a
dot per ring county coloured by phase, the first resistance as a tick, the site's
activation as a diamond and the resisting window shaded; with a title, a key and the
source line, on white. Site and county names are set as plain text.
"""

from __future__ import annotations

import datetime as dt
import io

import matplotlib.dates as mdates
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from geo.domain.ringtimeline import PHASES, WINDOW, Timeline
from geo.i18n import _, month
from geo.render.picture import DPI, WIDTH_INCHES, titled_svg

ROW_INCHES = 0.32
HEAD_INCHES, FOOT_INCHES = 1.0, 0.55
MARGIN = dt.timedelta(days=30)  # room for a mark on the first or last day


def draw_timeline(
    timeline: Timeline, span: tuple[dt.date, dt.date], title: str, source: str, fmt: str
) -> bytes:
    """The time line as a `fmt` (png or svg) file, its title and a description in it."""
    rows = len(timeline.sites)
    height = HEAD_INCHES + FOOT_INCHES + ROW_INCHES * max(rows, 1)
    figure = Figure(figsize=(WIDTH_INCHES, height), dpi=DPI, facecolor="white")
    axes = figure.add_axes((0.24, FOOT_INCHES / height, 0.73, ROW_INCHES * max(rows, 1) / height))
    order = {site: row for row, site in enumerate(timeline.sites["site_id"])}
    windows = timeline.sites[timeline.sites["resisted"] < timeline.sites["activated"]]
    axes.barh(
        [order[site] + 0.5 for site in windows["site_id"]],
        windows["activated"] - windows["resisted"],
        left=windows["resisted"],
        height=0.8,
        color=WINDOW,
    )
    labels = timeline.phase_labels()
    for phase, (_label, colour) in PHASES.items():
        dots = timeline.dots[timeline.dots["phase"] == phase]
        axes.scatter(
            dots["date"],
            [order[site] + 0.5 for site in dots["site_id"]],
            s=14,
            color=colour,
            alpha=0.75,
            linewidths=0,
            label=labels[phase],
        )
    middle = [row + 0.5 for row in range(rows)]
    axes.scatter(timeline.sites["resisted"], middle, marker="|", s=160, color="#000000")
    axes.scatter(timeline.sites["activated"], middle, marker="D", s=28, color="#000000")
    axes.set_ylim(rows, 0)
    axes.set_yticks(middle, list(timeline.sites["name"]), fontsize=8.5)
    axes.set_xlim(span[0] - MARGIN, span[1] + MARGIN)
    axes.xaxis.set_major_locator(mdates.MonthLocator((1, 7)))
    axes.xaxis.set_major_formatter(lambda value, _position: month(mdates.num2date(value)))
    axes.tick_params(axis="x", labelsize=7.5)
    for side in ("top", "right", "left"):
        axes.spines[side].set_visible(False)
    handles = [
        *(Patch(color=colour, label=labels[phase]) for phase, (_l, colour) in PHASES.items()),
        Line2D(
            [],
            [],
            marker="|",
            markersize=10,
            color="#000000",
            linestyle="",
            label=_("First resistance"),
        ),
        Line2D(
            [],
            [],
            marker="D",
            markersize=5,
            color="#000000",
            linestyle="",
            label=_("Site activated"),
        ),
        Patch(color=WINDOW, label=_("Resisting window")),
    ]
    figure.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(0.005, 1 - 0.45 / height),
        ncols=3,
        fontsize=8,
        frameon=False,
    )
    figure.text(
        0.01, 1 - 0.12 / height, title, fontsize=13, weight="bold", va="top", parse_math=False
    )
    figure.text(
        0.01,
        0.08 / height,
        source,
        fontsize=7,
        color="#333333",
        va="bottom",
        parse_math=False,
        wrap=True,
    )
    description = _("{sites} sites, {counties} ring counties, from {first} to {last}").format(
        sites=rows, counties=len(timeline.dots), first=month(span[0]), last=month(span[1])
    )
    buffer = io.BytesIO()
    metadata = {"Title": title, "Description": description}
    figure.savefig(buffer, format=fmt, dpi=DPI, facecolor="white", metadata=metadata)
    if fmt == "svg":
        return titled_svg(buffer.getvalue(), title, description)
    return buffer.getvalue()
