"""The chart "Who was covered first" in the national view."""

from __future__ import annotations

import streamlit as st

from app.widgets import download_link, plain, with_tables
from geo.domain.load import Dataset
from geo.exports.downloads import CHARTS
from geo.i18n import N_, _, current
from geo.render.charts import SHOWN_DATE, coverage_chart, date_marked, marked_on
from geo.view.selection import Selection
from geo.view.wording import coverage_shares, coverage_words


def covered_first(data: Dataset, selection: Selection) -> None:
    """The chart "Who was covered first", its caveats, and its pictures to download."""
    shares = coverage_shares(data, selection)
    text, description = coverage_words(data, selection, shares)
    st.markdown(f"#### {plain(text.title)}")
    st.caption(plain(text.subtitle))
    spec = coverage_spec(data, data.key, selection.state, current())
    date = {SHOWN_DATE: date_marked(selection.as_of)}
    st.vega_lite_chart(with_tables(spec, date), width="stretch")
    st.caption(plain(description))
    st.caption(_(NONCITIZEN_CAVEATS))
    for column, kind in zip(st.columns([1, 1, 3]), CHARTS, strict=False):
        download_link(column, kind, data, selection)


@st.cache_resource(max_entries=16, show_spinner=False)
def coverage_spec(_data: Dataset, data_key: str, state: str | None, language: str) -> dict:
    """The chart "Who was covered first" as a Vega-Lite specification, its date's dataset
    left out; shared between sessions, never mutated (made once, not on every date)."""
    selection = Selection(state=state)
    spec = marked_on(coverage_chart(coverage_shares(_data, selection)).to_dict())
    return with_tables(spec, spec["datasets"])


NONCITIZEN_CAVEATS = N_(
    "Noncitizens are American Community Survey estimates for 2006-2010, with margins of error "
    "(given for each county in the CSV) that are wide for small counties; the same estimates "
    "serve every date of the rollout. Noncitizens include lawful permanent residents and people "
    "with visas, not only the undocumented."
)
