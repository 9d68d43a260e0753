"""Benchmark reference: the dashboard's page, widgets and numbers, without the map."""

import datetime as dt

import streamlit as st

st.set_page_config(layout="wide")
with st.sidebar:
    st.header("View")
    st.slider(
        "As of",
        min_value=dt.date(2008, 10, 27),
        max_value=dt.date(2013, 1, 22),
        value=dt.date(2013, 1, 22),
        format="YYYY-MM-DD",
    )
    st.button("Play month by month")
    st.selectbox("State", ["", "VA"])
    st.radio("Map", ["county", "state"], horizontal=True)
    st.radio("Colour counties by", ["status", "wave"])
    st.selectbox("Resistant site", ["", "17031"])
    st.checkbox("Include the second ring")
    st.checkbox("Outline resistant sites", value=True)
    st.checkbox("Base map (needs internet)")
    with st.expander("Your own data"):
        st.caption("Map your own list of counties.")
        st.file_uploader("Upload a list")
st.markdown("### Secure Communities, county by county")
for column, label in zip(st.columns(3), ["Counties", "States", "Population"], strict=True):
    column.metric(label, "0")
st.caption("Sources.")
st.markdown("**Link to this view**: [?as_of=2013-01-22](?as_of=2013-01-22)")
st.caption("[Report mode](?report=1): the map, the numbers and the sources only.")
DOWNLOADS = ["PNG", "PNG 2x", "SVG", "PDF", "CSV", "GeoJSON", "GIF"]
for column, label in zip(st.columns(len(DOWNLOADS)), DOWNLOADS, strict=True):
    column.download_button(label, "x", file_name="x.txt", on_click="ignore")
st.toggle("Compare all resistant sites")
with st.expander("Is the ring pattern real?"):
    st.markdown("**Result.**")
with st.expander("About the data"):
    st.markdown("**What the map shows.**")
