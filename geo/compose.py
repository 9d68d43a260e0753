"""From a Selection (what the user asked to see) to the MapView both renderers draw."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from geo.load import Dataset
from geo.rings import SiteRing
from geo.rollout import activated_on, states_on
from geo.shapes import DECIMALS, Shapes
from geo.styles import ACTIVATED, NOT_YET, Classes, by_share, by_status, by_value, by_wave
from geo.urlstate import Selection
from geo.viewmodel import (
    FOCUS_OUTLINE,
    RING_OUTLINE,
    SECOND_RING_OUTLINE,
    SITE_OUTLINE,
    STATE_BORDER,
    Kind,
    LineSet,
    MapView,
    Tooltips,
)
from geo.wording import activation_dates, day

RING_LABELS = {1: "Ring: shares a border or corner", 2: "Second ring"}
FAR_NOT_YET, FAR_ACTIVATED = "#fafafa", "#c6dbef"  # counties beyond a site's rings, muted


def compose(data: Dataset, selection: Selection, shapes: Shapes) -> MapView:
    """The map of `selection`: a site and its ring, states by share, or counties by class."""
    if selection.site:
        site = SiteRing.of(
            data.counties, data.adjacency, data.sites, selection.site, selection.ring
        )
        return _site_view(data.counties, shapes, selection.as_of, site)
    if selection.layer == "state":
        per_state = data.states[["state_fips", "state", "name"]].merge(
            states_on(data.counties, selection.as_of), on="state_fips", validate="one_to_one"
        )
        return _state_view(per_state, shapes, selection)
    return _county_view(data, shapes, selection)


def _county_view(data: Dataset, shapes: Shapes, selection: Selection) -> MapView:
    """Counties coloured by status, year or value; a chosen state in detail, sites outlined."""
    counties, as_of, focus = data.counties, selection.as_of, selection.state
    if selection.colour == "value" and "value" in counties:
        classes, what = by_value(counties["value"]), "Value in your list"
    elif selection.colour == "wave":
        classes, what = by_wave(counties["activation_date"], as_of), "Year activated"
    else:
        classes, what = by_status(counties["activation_date"], as_of), "Secure Communities"
    lines = _borders(shapes, focus)
    if selection.outline:
        lines.append(shapes.outline(data.sites["site_id"], SITE_OUTLINE, "Resistant site"))
    return MapView(
        key=f"county:{focus or 'US'}",
        kind=Kind.STATE if focus else Kind.NATIONAL,
        extent=shapes.state_extent(focus),
        legend_title=f"{what}, {day(as_of)}",
        classes=classes,
        ids=tuple(counties["fips"]),
        shapes=_county_shapes(shapes, (counties["state"] == focus).to_numpy()),
        decimals=DECIMALS,
        tooltips=_county_tooltips(counties, as_of),
        lines=tuple(lines),
    )


def _site_view(counties: pd.DataFrame, shapes: Shapes, as_of: dt.date, site: SiteRing) -> MapView:
    """A resistant site and its ring, coloured by status on `as_of`; the rest muted."""
    fips = counties["fips"]
    near = fips.isin(site.members | set(site.ring_order)).to_numpy()
    active = activated_on(counties, as_of).to_numpy()
    classes = Classes(
        index=np.where(near, 0, 2) + active,
        colours=(NOT_YET, ACTIVATED, FAR_NOT_YET, FAR_ACTIVATED),
        labels=(
            "Not yet activated",
            "Activated",
            "Farther away, not yet",
            "Farther away, activated",
        ),
    )
    in_detail = counties["state_fips"].isin(set(counties.loc[near, "state_fips"])).to_numpy()
    relation = fips.map(
        lambda f: {"site": "Resistant site", "": "Outside the ring"}.get(
            site.relation(f), RING_LABELS.get(site.ring_order.get(f))
        )
    )
    lines = [LineSet(shapes.state_lines["detail"], STATE_BORDER)]
    for order, style in ((2, SECOND_RING_OUTLINE), (1, RING_OUTLINE)):
        ring_fips = [f for f, o in site.ring_order.items() if o == order]
        if ring_fips:
            lines.append(shapes.outline(ring_fips, style, RING_LABELS[order]))
    lines.append(shapes.outline([site.site_id], FOCUS_OUTLINE, site.name))
    tooltips = _county_tooltips(counties, as_of)
    return MapView(
        key=f"site:{site.site_id}:{max(site.ring_order.values(), default=0)}",
        kind=Kind.SITE,
        extent=shapes.county_extent(sorted(site.members | set(site.ring_order))),
        legend_title=f"{site.name} and its ring, {day(as_of)}",
        classes=classes,
        ids=tuple(fips),
        shapes=_county_shapes(shapes, in_detail),
        decimals=DECIMALS,
        tooltips=Tooltips(
            (*tooltips.labels, "Relation to the site"), (*tooltips.columns, tuple(relation))
        ),
        lines=tuple(lines),
    )


def _state_view(per_state: pd.DataFrame, shapes: Shapes, selection: Selection) -> MapView:
    """States coloured by the share of their population or counties activated."""
    focus, measure = selection.state, selection.measure
    per_state = per_state.set_index("state").loc[list(shapes.state_codes)].reset_index()
    share = per_state["population_share" if measure == "population" else "county_share"]
    tooltips = {
        "State": per_state["name"],
        "Counties activated": per_state["counties_activated"].map("{:,}".format)
        + " of "
        + per_state["counties"].map("{:,}".format),
        "Population covered": per_state["population_share"].map("{:.1%}".format),
    }
    return MapView(
        key=f"state:{focus or 'US'}",
        kind=Kind.STATE if focus else Kind.NATIONAL,
        extent=shapes.state_extent(focus),
        legend_title=f"Share of {measure} covered, {day(selection.as_of)}",
        classes=by_share(share),
        ids=tuple(per_state["state_fips"]),
        shapes=shapes.states["national"],
        decimals=DECIMALS,
        tooltips=_tooltips(tooltips),
        lines=(shapes.state_outline(focus, FOCUS_OUTLINE),) if focus else (),
    )


def _county_shapes(shapes: Shapes, in_detail: np.ndarray) -> tuple:
    """Detail shapes where asked, national ones elsewhere."""
    return tuple(
        detail if chosen else national
        for chosen, detail, national in zip(
            in_detail, shapes.counties["detail"], shapes.counties["national"], strict=True
        )
    )


def _county_tooltips(counties: pd.DataFrame, as_of: dt.date) -> Tooltips:
    status = activated_on(counties, as_of).map({True: "Activated", False: "Not yet activated"})
    columns = {
        "County": counties["name"],
        "State": counties["state"],
        "Activated on": activation_dates(counties["activation_date"]),
        "Status": status + f" on {day(as_of)}",
        "Population (2010)": counties["population_2010"].map("{:,}".format),
    }
    if "value" in counties:  # a user's list with a value column
        columns["Value in your list"] = counties["value"].map(
            lambda v: "" if pd.isna(v) else f"{v:,.6g}"
        )
    return _tooltips(columns)


def _tooltips(columns: dict[str, pd.Series]) -> Tooltips:
    return Tooltips(
        tuple(columns), tuple(tuple(str(v) for v in column) for column in columns.values())
    )


def _borders(shapes: Shapes, focus: str | None) -> list[LineSet]:
    """State borders, and a chosen state's outline on top."""
    if not focus:
        return [LineSet(shapes.state_lines["national"], STATE_BORDER)]
    return [
        LineSet(shapes.state_lines["detail"], STATE_BORDER),
        shapes.state_outline(focus, FOCUS_OUTLINE),
    ]
