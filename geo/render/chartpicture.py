"""The chart "Who was covered first" as a publication picture (PNG, SVG), with matplotlib:
the same two series as the page's chart, with the title, subtitle, note, source line and
byline of the map's pictures."""

from __future__ import annotations

import datetime as dt

import matplotlib.dates as mdates
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import PercentFormatter

from geo.i18n import _
from geo.render.charts import COVERAGE_SERIES, GAP_COLOUR
from geo.render.picture import BOTTOM, DPI, GAP, TOP, WIDTH_INCHES, Picture, _text, framing
from geo.view.wording import Words

PLOT_HEIGHT = 4.2  # inches


def draw_chart(
    shares: pd.DataFrame, as_of: dt.date, words: Words, source: str, description: str
) -> Picture:
    """The two shares over time (geo.domain.rollout.shares_by_month), the gap between them
    shaded, `as_of` marked, with the words above and the sources below."""
    head, foot = framing(words, source)
    head_height = TOP + sum(block.height + GAP for block in head)
    foot_height = sum(block.height + GAP for block in foot if block.lines) + BOTTOM + 0.5
    height = head_height + PLOT_HEIGHT + foot_height
    figure = Figure(figsize=(WIDTH_INCHES, height), dpi=DPI, facecolor="white")
    axes = figure.add_axes((0.08, foot_height / height, 0.9, PLOT_HEIGHT / height))
    dates = shares["date"]
    axes.fill_between(
        dates, shares["population_share"], shares["noncitizen_share"], color=GAP_COLOUR, lw=0
    )
    for column, (name, colour) in COVERAGE_SERIES.items():
        axes.plot(dates, shares[column], color=colour, linewidth=2.5, label=_(name))
    axes.axvline(pd.Timestamp(as_of), color="#000000", linewidth=1.2, linestyle=(0, (4, 3)))
    axes.annotate(
        _("Date shown on the map"),
        (pd.Timestamp(as_of), 1.0),
        xytext=(4, -2),
        textcoords="offset points",
        va="top",
        fontsize=8.5,
    )
    axes.set_ylim(0, 1.02)
    axes.set_xlim(dates.min(), dates.max())
    axes.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    axes.xaxis.set_major_locator(mdates.YearLocator())
    axes.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    axes.set_ylabel(_("Share in activated counties"))
    axes.grid(axis="y", color="#e0e0e0", linewidth=0.8)
    axes.spines[["top", "right"]].set_visible(False)
    axes.legend(loc="lower right", frameon=False, fontsize=10)
    top = height - TOP
    for block in head:
        _text(figure, block, top / height)
        top -= block.height + GAP
    bottom = foot_height - GAP - 0.5
    for block in foot:
        if block.lines:
            _text(figure, block, bottom / height)
            bottom -= block.height + GAP
    return Picture(figure, None, None, words.title, description)
