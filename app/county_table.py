"""The counties of the state shown, with their status on the date."""

from __future__ import annotations

import streamlit as st

from geo.domain.load import Dataset
from geo.i18n import _
from geo.view.selection import Selection
from geo.view.tables import POPULATION, state_counties


def county_table(data: Dataset, selection: Selection) -> None:
    st.dataframe(
        state_counties(data, selection),
        hide_index=True,
        width="stretch",
        column_config={_(POPULATION): st.column_config.NumberColumn(format="localized")},
    )
