"""Benchmark reference: the dashboard's sidebar widgets and headline metrics, without the map."""

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
    st.checkbox("Outline resistant sites", value=True)
    st.checkbox("Base map (needs internet)")
st.markdown("### Secure Communities, county by county")
for column, label in zip(st.columns(3), ["Counties", "States", "Population"], strict=True):
    column.metric(label, "0")
