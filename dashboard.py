"""Secure Communities rollout map: streamlit run dashboard.py."""

from __future__ import annotations

import time

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from geo import urlstate
from geo.load import DataError, Dataset, load
from geo.mapview import Shapes, base_map, county_view, dynamic_layer, state_view
from geo.offline import install_leaflet
from geo.rollout import (
    FIRST_ACTIVATION,
    LAST_ACTIVATION,
    activated_on,
    next_month,
    states_on,
    summarize,
)
from geo.styles import by_status, by_wave

st.set_page_config(page_title="Secure Communities rollout", layout="wide")
st.html(  # our own constant CSS: a tighter page, so the map fits a laptop screen
    "<style>.block-container{padding-top:3rem;padding-bottom:1rem}</style>"
)
PLAY_STEP_SECONDS = 0.8


@st.cache_resource(show_spinner="Loading the county data...")
def dataset() -> Dataset:
    """The processed data, loaded once per server process and shared (never mutated)."""
    install_leaflet()
    return load()


@st.cache_resource(show_spinner=False)
def shapes() -> Shapes:
    """Encoded shapes for the browser, computed once per process."""
    data = dataset()
    return Shapes.encode(data.counties, data.states)


def read_link(state_names: dict[str, str]) -> None:
    """On a session's first run, set the widgets from the URL and keep any messages."""
    if "link_read" in st.session_state:
        return
    view, messages = urlstate.parse(st.query_params.to_dict(), set(state_names))
    st.session_state.update(
        link_read=True,
        link_messages=messages,
        as_of=view.as_of,
        state=view.state or "",
        layer=view.layer,
        colour=view.colour,
        measure=view.measure,
    )


def advance_playback() -> None:
    """Apply the next animation frame before the slider is drawn."""
    if "next_as_of" in st.session_state:
        st.session_state.as_of = st.session_state.pop("next_as_of")


def controls(state_names: dict[str, str]) -> tuple[urlstate.ViewState, bool]:
    """Sidebar widgets; returns the view they describe and whether to draw base tiles."""
    with st.sidebar:
        st.header("View")
        st.slider(
            "As of",
            min_value=FIRST_ACTIVATION,
            max_value=LAST_ACTIVATION,
            format="YYYY-MM-DD",
            key="as_of",
        )
        playing = st.session_state.get("playing", False)
        if st.button("Pause" if playing else "Play month by month", key="play"):
            st.session_state.playing = not playing
            if not playing and st.session_state.as_of >= LAST_ACTIVATION:
                st.session_state.next_as_of = FIRST_ACTIVATION
            st.rerun()
        st.selectbox(
            "State",
            ["", *state_names],
            format_func=lambda code: state_names.get(code, "All states"),
            key="state",
        )
        st.radio(
            "Map",
            urlstate.LAYERS,
            key="layer",
            horizontal=True,
            format_func={"county": "Counties", "state": "States"}.get,
        )
        if st.session_state.layer == "county":
            st.radio(
                "Colour counties by",
                urlstate.COLOURS,
                key="colour",
                format_func={"status": "Status on the date", "wave": "Year activated"}.get,
            )
        else:
            st.radio("Colour states by share of", urlstate.MEASURES, key="measure")
        st.checkbox("Outline resistant sites", key="outline_sites", value=True)
        tiles = st.checkbox("Base map (needs internet)", key="tiles")
    view = urlstate.ViewState(
        as_of=st.session_state.as_of,
        state=st.session_state.state or None,
        layer=st.session_state.layer,
        colour=st.session_state.colour,
        measure=st.session_state.measure,
    )
    return view, tiles


def headline(data: Dataset, view: urlstate.ViewState) -> None:
    counties = data.counties
    if view.state:
        counties = counties[counties["state"] == view.state]
    summary = summarize(counties, view.as_of)
    left, middle, right = st.columns(3)
    left.metric(
        "Counties activated", f"{summary.counties_activated:,} of {summary.counties_total:,}"
    )
    if view.state:
        done = counties["activation_date"].max()
        middle.metric(
            "Every county activated",
            f"{done:%d %b %Y}" if done <= pd.Timestamp(view.as_of) else "Not yet",
        )
    else:
        middle.metric("States participating", f"{summary.states_participating} of 51")
    right.metric("Population in activated counties", f"{summary.population_share:.1%}")


@st.cache_resource(max_entries=64, show_spinner=False)
def map_view(_data: Dataset, view: urlstate.ViewState, outline_sites: bool):
    """The map's dynamic layer for a view; shared between sessions, never mutated."""
    data = _data
    if view.layer == "state":
        per_state = data.states[["state_fips", "state", "name"]].merge(
            states_on(data.counties, view.as_of), on="state_fips", validate="one_to_one"
        )
        return state_view(per_state, shapes(), view.measure, view.as_of, view.state)
    classes = (by_wave if view.colour == "wave" else by_status)(
        data.counties["activation_date"], view.as_of
    )
    title = ("Year activated" if view.colour == "wave" else "Secure Communities") + (
        f", {view.as_of:%d %b %Y}"
    )
    sites = list(data.sites["site_id"]) if outline_sites else None
    return county_view(data.counties, shapes(), classes, view.as_of, title, view.state, sites)


def county_table(data: Dataset, view: urlstate.ViewState) -> None:
    counties = data.counties[data.counties["state"] == view.state]
    active = activated_on(counties, view.as_of)
    st.dataframe(
        pd.DataFrame(
            {
                "County": counties["name"],
                "Activated on": counties["activation_date"].dt.date,
                "Population (2010)": counties["population_2010"],
                f"Status on {view.as_of:%Y-%m-%d}": active.map(
                    {True: "Activated", False: "Not yet"}
                ),
            }
        ),
        hide_index=True,
        use_container_width=True,
        column_config={"Population (2010)": st.column_config.NumberColumn(format="localized")},
    )


def about() -> None:
    with st.expander("About the data"):
        st.markdown(
            """
**What the map shows.** Secure Communities sent the fingerprints of everyone booked
into a local jail to immigration authorities. ICE switched it on jurisdiction by
jurisdiction, from Harris County TX on 27 Oct 2008 to the last counties on
22 Jan 2013. Each county is coloured by its activation date in the data below.

**What counts as a jurisdiction here.** ICE counted "jurisdictions"; this map counts
the 3,143 counties and county equivalents of the 50 states and DC (Census 2010
geography). ICE reported 658 jurisdictions in 32 states at the end of September 2010;
this data gives 659 counties in 32 states on that date. Puerto Rico and the territories
are not covered.

**Sources.** Activation dates: replication data of Vargas Núñez et al., *Reconsideration
of Secure Communities Rollout Reveals Preemptive Local-Federal Cooperation in Immigration
Enforcement* (PNAS), from Alsan & Yang (2018) as updated by Asad & Baer-Bositis (2025),
built on ICE's list of activated jurisdictions. Population: U.S. Census Bureau, 2010
Census. Shapes: Census 2010 county cartographic boundaries.

**Caveats.** Population shares use 2010 counts for every date. A few county codes changed
between the sources' vintages; the crosswalk and every reconciled code are listed in the
project's `data/README.md` and `data/processed/reconciliation.csv`.
"""
        )


try:
    data = dataset()
except DataError as error:
    st.error(f"The dashboard cannot start. {error}")
    st.stop()

state_names = dict(zip(data.states["state"], data.states["name"], strict=True))
read_link(state_names)
advance_playback()
view, tiles = controls(state_names)
st.query_params.from_dict(urlstate.to_params(view))

st.markdown("### Secure Communities, county by county")
for message in st.session_state.link_messages:
    st.warning(message)
headline(data, view)
st_folium(
    base_map(tiles),
    feature_group_to_add=dynamic_layer(map_view(data, view, st.session_state.outline_sites)),
    key="map",
    height=500,
    use_container_width=True,
    returned_objects=[],
)
st.caption(
    "Sources: activation dates from Vargas Núñez et al. (PNAS) replication data, after "
    "Alsan & Yang (2018) and Asad & Baer-Bositis (2025); 2010 Census populations; Census "
    "2010 county boundaries. ICE counted jurisdictions; this map counts counties."
)
if view.state:
    county_table(data, view)
about()

if st.session_state.get("playing"):
    time.sleep(PLAY_STEP_SECONDS)
    st.session_state.next_as_of = next_month(view.as_of)
    st.session_state.playing = st.session_state.next_as_of < LAST_ACTIVATION
    st.rerun()
