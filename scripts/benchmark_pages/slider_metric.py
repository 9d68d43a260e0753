"""Benchmark floor of a date change: a bare Streamlit page with a date slider and one metric
that follows it (Streamlit's own rerun, nothing else)."""

import datetime as dt

import streamlit as st

as_of = st.slider(
    "As of",
    min_value=dt.date(2008, 10, 27),
    max_value=dt.date(2013, 1, 22),
    value=dt.date(2010, 6, 7),
    format="YYYY-MM-DD",
)
st.metric("Days since the first activation", f"{(as_of - dt.date(2008, 10, 27)).days:,}")
