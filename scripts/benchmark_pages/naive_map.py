"""Benchmark baseline: folium GeoJson of the raw, unsimplified 2010 county shapes."""

import folium
import streamlit as st
from streamlit_folium import st_folium

from geo.build.pipeline import county_shapes
from geo.build.sources import sources
from geo.render.offline import OfflineMap


@st.cache_resource
def raw_counties() -> str:
    return county_shapes(sources())[["fips", "name", "geometry"]].to_json()


fmap = OfflineMap(tiles=None, location=[38, -96], zoom_start=4)
folium.GeoJson(
    raw_counties(), tooltip=folium.GeoJsonTooltip(fields=["name"], aliases=["County"])
).add_to(fmap)
st_folium(fmap, key="map", height=500, use_container_width=True, returned_objects=[])
