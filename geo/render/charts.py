"""Charts as Altair objects (drawn by Streamlit's own Vega, so they work offline).

Their words are in the reader's language (geo.i18n), and so are the dates Vega writes:
a chart in another language than English carries Vega's time-format locale, made from
Babel's (CLDR) names of that language's months and days.
"""

from __future__ import annotations

import datetime as dt
import json
import re

import altair as alt
import pandas as pd
from babel.dates import (
    get_date_format,
    get_datetime_format,
    get_day_names,
    get_month_names,
    get_period_names,
    get_time_format,
    parse_pattern,
)

from geo import i18n
from geo.common import event_day
from geo.domain.ringtimeline import PHASES, WINDOW, Timeline
from geo.domain.rollout import FIRST_ACTIVATION, LAST_ACTIVATION
from geo.i18n import N_, _
from geo.view.styles import ACTIVATED


def ring_fill_chart(
    fill: pd.DataFrame,
    site_activation: dt.date | None,
    as_of: dt.date,
    events: pd.DataFrame,
    span: tuple[dt.date, dt.date] = (FIRST_ACTIVATION, LAST_ACTIVATION),
) -> alt.Chart:
    """Step chart of the share of the ring activated, with the site's date and events marked.

    A site without a date (in a user's list) has no mark of its own.
    """
    start, end = pd.Timestamp(span[0]), pd.Timestamp(span[1])
    steps = pd.concat(
        [
            pd.DataFrame({"date": [start], "share": [0.0]}),
            fill[["date", "share"]].assign(date=fill["date"].clip(lower=start)),
            pd.DataFrame({"date": [end], "share": [fill["share"].iloc[-1] if len(fill) else 0.0]}),
        ],
        ignore_index=True,
    )
    x = alt.X("date:T", title=None, scale=alt.Scale(domain=[start, end]))
    line = (
        alt.Chart(steps)
        .mark_line(interpolate="step-after", color=ACTIVATED, strokeWidth=2.5)
        .encode(
            x=x,
            y=alt.Y(
                "share:Q",
                title=_("Ring activated"),
                axis=alt.Axis(format="%"),
                scale=alt.Scale(domain=[0, 1]),
            ),
        )
    )
    shown = _("Date shown on the map")
    marks = pd.DataFrame(
        {"date": [pd.Timestamp(as_of)], "what": [shown]}
        if site_activation is None
        else {
            "date": [pd.Timestamp(site_activation), pd.Timestamp(as_of)],
            "what": [_("Site activated"), shown],
        }
    )
    rules = (
        alt.Chart(marks)
        .mark_rule(strokeWidth=1.5)
        .encode(
            x=x,
            strokeDash=alt.StrokeDash("what:N", legend=alt.Legend(title=None, orient="bottom")),
            tooltip=[
                alt.Tooltip("what:N", title=" "),
                # Translators: a date's name in a tooltip, lower case as Vega's own field name
                alt.Tooltip("date:T", title=_("date"), format="%d %b %Y"),
            ],
        )
    )
    national, this_site = _("National"), _("This site")
    dated = events.assign(
        date=events["event_date"].map(event_day),
        kind=pd.Series(events.get("national", False), index=events.index).map(
            {True: national, False: this_site}
        ),
    )
    dated = dated[(dated["date"] >= start) & (dated["date"] <= end)]
    ticks = (
        alt.Chart(dated)
        .mark_point(shape="triangle-down", size=90, filled=True, yOffset=-6)
        .encode(
            x=x,
            y=alt.value(0),
            color=alt.Color(
                "kind:N",
                scale=alt.Scale(domain=[this_site, national], range=["#000000", "#969696"]),
                legend=alt.Legend(title=_("Events"), orient="bottom"),
            ),
            tooltip=[
                alt.Tooltip("event_date:N", title=_("Date")),
                alt.Tooltip("kind:N", title=" "),
                alt.Tooltip("description:N", title=_("Event")),
            ],
        )
    )
    return in_language((line + rules + ticks).properties(height=220))


# Who was covered first: the two series, their words (translated where shown) and colours
COVERAGE_SERIES = {
    "noncitizen_share": (N_("Noncitizens"), "#08306b"),
    "population_share": (N_("Population"), "#969696"),
}
GAP_COLOUR = "#deebf7"


def coverage_chart(shares: pd.DataFrame) -> alt.Chart:
    """Who was covered first: the share of the population and of noncitizens living in
    activated counties (geo.domain.rollout.shares_by_month), two lines on one date axis, the
    gap between them shaded. The date shown is marked on it by marked_on."""
    names = {column: _(name) for column, (name, _colour) in COVERAGE_SERIES.items()}
    rows = shares.assign(  # one table for every layer, shares to a hundredth of a point
        date=shares["date"].dt.strftime("%Y-%m-%dT00:00:00"),
        **{column: shares[column].round(4) for column in COVERAGE_SERIES},
    )
    x = alt.X(
        "date:T", title=None, scale=alt.Scale(domain=[rows["date"].min(), rows["date"].max()])
    )
    y = alt.Y(
        "share:Q",
        title=_("Share in activated counties"),
        axis=alt.Axis(format="%"),
        scale=alt.Scale(domain=[0, 1]),
    )
    base = alt.Chart(rows)
    gap = base.mark_area(color=GAP_COLOUR).encode(
        x=x, y="population_share:Q", y2="noncitizen_share:Q"
    )
    lines = (
        base.transform_fold(list(COVERAGE_SERIES), as_=["column", "share"])
        .transform_calculate(series=f"{json.dumps(names)}[datum.column]")
        .mark_line(strokeWidth=2.5)
        .encode(
            x=x,
            y=y,
            color=alt.Color(
                "series:N",
                scale=alt.Scale(
                    domain=list(names.values()),
                    range=[colour for _name, colour in COVERAGE_SERIES.values()],
                ),
                legend=alt.Legend(title=None, orient="bottom"),
            ),
            tooltip=[
                alt.Tooltip("date:T", title=_("Date"), format="%d %b %Y"),
                alt.Tooltip("series:N", title=" "),
                alt.Tooltip("share:Q", title=_("Share in activated counties"), format=".1%"),
            ],
        )
    )
    return in_language((gap + lines).properties(height=260))


SHOWN_DATE = "shown_date"  # the dataset of the date the map shows (marked_on, date_marked)


def marked_on(spec: dict) -> dict:
    """A new Vega-Lite specification: coverage_chart's (`spec`, left unchanged) with a rule on
    the date the map shows, on the same date axis. The date is a dataset of its own
    (SHOWN_DATE, rows from date_marked): the specification stays the same on every date, so
    a page that shows it replaces the date's row and draws the chart again no more."""
    rule = {
        "data": {"name": SHOWN_DATE},
        "mark": {"type": "rule", "strokeWidth": 1.5, "strokeDash": [4, 3], "color": "#000000"},
        "encoding": {
            "x": spec["layer"][0]["encoding"]["x"],
            "tooltip": [{"field": "what", "type": "nominal", "title": " "}],
        },
    }
    return {**spec, "layer": [*spec["layer"], rule]}


def date_marked(as_of: dt.date) -> pd.DataFrame:
    """The rows of marked_on's dataset SHOWN_DATE: the date `as_of`, and what it is."""
    return pd.DataFrame(
        {"date": [f"{as_of:%Y-%m-%d}T00:00:00"], "what": [_("Date shown on the map")]}
    )


def ice_counts_chart(curve: pd.DataFrame, table: pd.DataFrame) -> alt.Chart:
    """This data's counties activated over time (a step line), with each count ICE or the
    press published marked on its day: a click on a mark opens its source."""
    x = alt.X(
        "date:T",
        title=None,
        scale=alt.Scale(domain=[pd.Timestamp(FIRST_ACTIVATION), pd.Timestamp(LAST_ACTIVATION)]),
    )
    line = (
        alt.Chart(curve)
        .mark_line(interpolate="step-after", color=ACTIVATED, strokeWidth=2.5)
        .encode(
            x=x,
            y=alt.Y("counties:Q", title=_("Counties; count said")),
            tooltip=[
                alt.Tooltip("date:T", title=_("Date"), format="%d %b %Y"),
                alt.Tooltip("counties:Q", title=_("Counties activated"), format=","),
            ],
        )
    )
    marks = table.assign(date=pd.to_datetime(table["compared_on"]))
    dots = (
        alt.Chart(marks)
        .mark_point(shape="circle", size=70, filled=True, color="#000000", cursor="pointer")
        .encode(
            x=x,
            y="count:Q",
            href="source_url:N",
            tooltip=[
                alt.Tooltip("date:N", title=_("Date")),
                alt.Tooltip("said:N", title=_("Said")),
                alt.Tooltip("source_outlet:N", title=_("Source (click to open)")),
                alt.Tooltip("counties:Q", title=_("This data, counties"), format=","),
            ],
        )
    )
    return in_language((line + dots).properties(height=260))


def in_language(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    """`chart` writing its dates in the reader's language: English is Vega's own, any other
    gets Vega's time-format locale (so an English chart's specification is unchanged)."""
    if i18n.current() == i18n.DEFAULT:
        return chart
    return chart.configure(locale=alt.Locale(time=alt.TimeLocale(**time_locale())))


# Babel's (CLDR) date pattern fields, as d3-time-format directives ("-" for no padding)
D3_DIRECTIVES = {
    "y": "%Y",
    "yyyy": "%Y",
    "yy": "%y",
    "M": "%-m",
    "MM": "%m",
    "MMM": "%b",
    "MMMM": "%B",
    "d": "%-d",
    "dd": "%d",
    "E": "%a",
    "EEE": "%a",
    "EEEE": "%A",
    "h": "%-I",
    "hh": "%I",
    "H": "%-H",
    "HH": "%H",
    "m": "%-M",
    "mm": "%M",
    "s": "%-S",
    "ss": "%S",
    "a": "%p",
}


def time_locale() -> dict:
    """The current language's d3 time-format locale (Vega's `config.locale.time`), from
    Babel's locale data: month and day names, AM/PM and the date and time patterns."""
    locale = i18n.LOCALES[i18n.current()]
    months, short_months = (
        get_month_names(width, locale=locale) for width in ("wide", "abbreviated")
    )
    days, short_days = (get_day_names(width, locale=locale) for width in ("wide", "abbreviated"))
    periods = get_period_names("abbreviated", locale=locale)
    sunday_first = [6, 0, 1, 2, 3, 4, 5]  # Babel counts days from Monday (0), d3 from Sunday
    return {
        "dateTime": get_datetime_format("medium", locale=locale).format("%X", "%x"),
        "date": d3_pattern(get_date_format("short", locale=locale).pattern),
        "time": d3_pattern(get_time_format("medium", locale=locale).pattern),
        "periods": [periods["am"], periods["pm"]],
        "days": [days[day] for day in sunday_first],
        "shortDays": [short_days[day] for day in sunday_first],
        "months": [months[month] for month in range(1, 13)],
        "shortMonths": [short_months[month] for month in range(1, 13)],
    }


def d3_pattern(pattern: str) -> str:
    """A Babel (CLDR) date pattern as a d3-time-format specifier: d/M/y -> %-d/%-m/%Y."""
    return re.sub(
        r"%\((\w+)\)s", lambda field: D3_DIRECTIVES[field[1]], parse_pattern(pattern).format
    )


TIMELINE_LEGEND = 100  # pixels of the time line chart under its rows: dates and key


def ring_timeline_chart(timeline: Timeline, span: tuple[dt.date, dt.date]) -> alt.Chart:
    """Every site's ring on one time line (geo.domain.ringtimeline): a row per site, a dot per ring
    county at its activation date coloured by phase, the site's first resistance as a
    tick, its activation as a diamond, the resisting window shaded."""
    labels = timeline.phase_labels()
    sites = timeline.sites.assign(
        window_end=timeline.sites[["resisted", "activated"]].max(axis=1),
        quality=timeline.sites["weak"].map({True: _("weak date"), False: _("firm date")}),
    )
    dots = timeline.dots.assign(phase=timeline.dots["phase"].map(labels))
    scale = alt.Scale(domain=[pd.Timestamp(day) for day in span])
    x = alt.X("date:T", title=None, scale=scale)
    y = alt.Y("name:N", title=None, sort=list(sites["name"]), axis=alt.Axis(labelOverlap=False))
    date_format = "%d %b %Y"
    window = (
        alt.Chart(sites)
        .mark_rect(color=WINDOW)
        .encode(x=alt.X("resisted:T", title=None, scale=scale), x2="window_end:T", y=y)
    )
    points = (
        alt.Chart(dots.rename(columns={"site": "name"}))
        .mark_circle(size=45, opacity=0.75)
        .encode(
            x=x,
            y=y,
            color=alt.Color(
                "phase:N",
                scale=alt.Scale(
                    domain=list(labels.values()),
                    range=[colour for _label, colour in PHASES.values()],
                ),
                legend=alt.Legend(
                    title=_("Ring county activated"), orient="bottom", direction="vertical"
                ),
            ),
            tooltip=[
                alt.Tooltip("county:N", title=_("County")),
                alt.Tooltip("date:T", title=_("Activated on"), format=date_format),
                alt.Tooltip("phase:N", title=" "),
            ],
        )
    )
    ticks = (
        alt.Chart(sites)
        .mark_tick(color="#000000", thickness=2.5, size=22)
        .encode(
            x=alt.X("resisted:T", title=None, scale=scale),
            y=y,
            tooltip=[
                alt.Tooltip("resisted:T", title=_("First resistance"), format=date_format),
                alt.Tooltip("quality:N", title=" "),
            ],
        )
    )
    diamonds = (
        alt.Chart(sites)
        .mark_point(shape="diamond", size=110, filled=True, color="#000000")
        .encode(
            x=alt.X("activated:T", title=None, scale=scale),
            y=y,
            tooltip=[alt.Tooltip("activated:T", title=_("Site activated"), format=date_format)],
        )
    )
    return in_language(
        (window + points + ticks + diamonds).properties(
            height=30 * max(len(sites), 1) + TIMELINE_LEGEND
        )
    )
