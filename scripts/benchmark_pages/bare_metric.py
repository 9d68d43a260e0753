"""Benchmark floor: a bare Streamlit page showing one metric."""

import streamlit as st

st.metric("Counties activated", "3,143")
