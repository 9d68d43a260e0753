"""Charts as Altair objects (drawn by Streamlit's own Vega, so they work offline)."""

from __future__ import annotations

import datetime as dt

import altair as alt
import pandas as pd

from geo.common import event_day
from geo.rollout import FIRST_ACTIVATION, LAST_ACTIVATION
from geo.styles import ACTIVATED


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
                title="Ring activated",
                axis=alt.Axis(format="%"),
                scale=alt.Scale(domain=[0, 1]),
            ),
        )
    )
    marks = pd.DataFrame(
        {"date": [pd.Timestamp(as_of)], "what": ["Date shown on the map"]}
        if site_activation is None
        else {
            "date": [pd.Timestamp(site_activation), pd.Timestamp(as_of)],
            "what": ["Site activated", "Date shown on the map"],
        }
    )
    rules = (
        alt.Chart(marks)
        .mark_rule(strokeWidth=1.5)
        .encode(
            x=x,
            strokeDash=alt.StrokeDash("what:N", legend=alt.Legend(title=None, orient="bottom")),
            tooltip=[alt.Tooltip("what:N", title=" "), alt.Tooltip("date:T", format="%d %b %Y")],
        )
    )
    national = events.get("national", False)
    dated = events.assign(
        date=events["event_date"].map(event_day),
        kind=pd.Series(national, index=events.index).map({True: "National", False: "This site"}),
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
                scale=alt.Scale(domain=["This site", "National"], range=["#000000", "#969696"]),
                legend=alt.Legend(title="Events", orient="bottom"),
            ),
            tooltip=[
                alt.Tooltip("event_date:N", title="Date"),
                alt.Tooltip("kind:N", title=" "),
                alt.Tooltip("description:N", title="Event"),
            ],
        )
    )
    return (line + rules + ticks).properties(height=220)


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
            y=alt.Y("counties:Q", title="Counties; count said"),
            tooltip=[
                alt.Tooltip("date:T", title="Date", format="%d %b %Y"),
                alt.Tooltip("counties:Q", title="Counties activated", format=","),
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
                alt.Tooltip("date:N", title="Date"),
                alt.Tooltip("said:N", title="Said"),
                alt.Tooltip("source_outlet:N", title="Source (click to open)"),
                alt.Tooltip("counties:Q", title="This data, counties", format=","),
            ],
        )
    )
    return (line + dots).properties(height=260)
