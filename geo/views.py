"""From a ViewState (what the user asked to see) to what is drawn and exported."""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd

from geo.export import view_rows
from geo.load import Dataset
from geo.mapview import Shapes, View, county_view, site_view, state_view
from geo.rings import ring, site_members
from geo.rollout import states_on
from geo.styles import by_status, by_value, by_wave
from geo.urlstate import ViewState

SOURCES = (
    "Sources: activation dates from Vargas Núñez et al. (PNAS) replication data, after Alsan & "
    "Yang (2018) and Asad & Baer-Bositis (2025), built on ICE's list of activated "
    "jurisdictions; 2010 Census populations; Census 2010 county boundaries. ICE counted "
    "jurisdictions; this map counts counties."
)


def source_line(data: Dataset) -> str:
    """The sources of what is shown: the built-in ones, or the user's file named as such."""
    if data.label is None:
        return SOURCES
    return (
        f"Dates: the user's list {data.label}, uploaded in this session and not checked by "
        "this project. Populations and boundaries: 2010 Census."
    )


@dataclass(frozen=True)
class SiteRing:
    """A site, the counties it is made of, and the counties around it with their order."""

    site_id: str
    name: str
    members: set[str]
    ring_order: dict[str, int]

    @classmethod
    def of(cls, data: Dataset, state: ViewState) -> SiteRing:
        members = site_members(data.counties, state.site)
        name = data.sites.set_index("site_id").at[state.site, "name"]
        return cls(state.site, name, members, ring(data.adjacency, members, state.ring))

    def relation(self, fips: str) -> str:
        if fips in self.members:
            return "site"
        return {1: "ring", 2: "second ring"}.get(self.ring_order.get(fips), "")


def build_view(data: Dataset, state: ViewState, shapes: Shapes) -> View:
    """The map of `state`: a site and its ring, states by share, or counties by status/year."""
    if state.site:
        site = SiteRing.of(data, state)
        return site_view(
            data.counties,
            shapes,
            state.as_of,
            (site.site_id, site.name),
            site.members,
            site.ring_order,
        )
    if state.layer == "state":
        per_state = data.states[["state_fips", "state", "name"]].merge(
            states_on(data.counties, state.as_of), on="state_fips", validate="one_to_one"
        )
        return state_view(per_state, shapes, state.measure, state.as_of, state.state)
    if state.colour == "value" and "value" in data.counties:
        classes, title = by_value(data.counties["value"]), "Value in your list"
    else:
        classes = (by_wave if state.colour == "wave" else by_status)(
            data.counties["activation_date"], state.as_of
        )
        title = "Year activated" if state.colour == "wave" else "Secure Communities"
    sites = list(data.sites["site_id"]) if state.outline else None
    return county_view(
        data.counties,
        shapes,
        classes,
        state.as_of,
        f"{title}, {state.as_of:%d %b %Y}",
        state.state,
        sites,
    )


def title(data: Dataset, state: ViewState) -> str:
    """The headline of a picture or export of `state` (naming the user's list if shown)."""
    headline = _title(data, state)
    return f"{headline} (your list: {data.label})" if data.label else headline


def _title(data: Dataset, state: ViewState) -> str:
    if state.site:
        name = data.sites.set_index("site_id").at[state.site, "name"]
        rings = "first and second rings" if state.ring == 2 else "ring"
        return f"Secure Communities: {name} and its {rings}"
    place = data.states.set_index("state").at[state.state, "name"] if state.state else None
    what = {
        ("state", "population"): "share of each state's population covered",
        ("state", "counties"): "share of each state's counties covered",
    }.get((state.layer, state.measure), "activation by county")
    if state.layer == "county" and state.colour == "wave":
        what = "year each county was activated"
    return f"Secure Communities: {what}" + (f", {place}" if place else "")


def rows_and_filters(data: Dataset, state: ViewState) -> tuple[gpd.GeoDataFrame, dict[str, str]]:
    """The counties a view shows, with their status on its date, and its filters in words."""
    counties, filters, relation = data.counties, {}, None
    if state.site:
        site = SiteRing.of(data, state)
        shown = site.members | set(site.ring_order)
        counties = counties[counties["fips"].isin(shown)]
        relation = {fips: site.relation(fips) for fips in shown}
        filters = {"site": f"{site.name} ({site.site_id})", "ring_order": str(state.ring)}
    elif state.state:
        counties = counties[counties["state"] == state.state]
        filters = {"state": state.state}
    if data.label:
        filters["data"] = f"the user's upload {data.label}, not checked by this project"
    return view_rows(counties, state.as_of, relation), filters
