"""Secure Communities rollout map: streamlit run dashboard.py."""

from __future__ import annotations

import datetime as dt

import streamlit as st
from streamlit_folium import st_folium

from geo.load import DataError, Dataset, load
from geo.mapview import rollout_map
from geo.offline import install_leaflet
from geo.rollout import FIRST_ACTIVATION, LAST_ACTIVATION, summarize

st.set_page_config(page_title="Secure Communities rollout", page_icon=None, layout="wide")


@st.cache_resource(show_spinner=False)
def dataset() -> Dataset:
    """The processed data, loaded once per server process and shared (never mutated)."""
    install_leaflet()
    return load()


def headline(data: Dataset, as_of: dt.date) -> None:
    summary = summarize(data.counties, as_of)
    left, middle, right = st.columns(3)
    left.metric(
        "Counties activated", f"{summary.counties_activated:,} of {summary.counties_total:,}"
    )
    middle.metric("States participating", f"{summary.states_participating} of 51")
    right.metric("Population in activated counties", f"{summary.population_share:.1%}")


try:
    data = dataset()
except DataError as error:
    st.error(str(error))
    st.stop()

st.title("Secure Communities, county by county")
as_of = st.slider(
    "As of",
    min_value=FIRST_ACTIVATION,
    max_value=LAST_ACTIVATION,
    value=LAST_ACTIVATION,
    format="YYYY-MM-DD",
    key="as_of",
)
headline(data, as_of)
counties = data.counties.set_geometry("geometry_national")
states = data.states.set_geometry("geometry_national")
st_folium(
    rollout_map(counties, states, as_of),
    key="map",
    height=560,
    use_container_width=True,
    returned_objects=[],
)
st.caption(
    "Activation dates: Vargas-Núñez et al. (PNAS) replication data, from Alsan & Yang (2018) "
    "as updated by Asad & Baer-Bositis (2025), built on ICE's list of activated jurisdictions. "
    "Population: U.S. Census Bureau, 2010 Census. Shapes: Census 2010 cartographic boundaries."
)
