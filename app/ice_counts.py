"""This data beside the counts ICE and the press published at the time."""

from __future__ import annotations

import streamlit as st

from geo.domain.load import Dataset
from geo.domain.official import beside_this_data, counties_over_time
from geo.i18n import _
from geo.render.charts import ice_counts_chart
from geo.view.tables import ICE_COLUMNS, beside_ice


def beside_popover(place, beside) -> None:
    """A popover in `place`; `beside` draws what it holds (only while it is open)."""
    with place.popover(
        _("Beside ICE's own counts"), key="beside_ice", on_change="rerun", width="stretch"
    ) as box:
        if box.open:
            beside()


def ice_counts(built_in: Dataset) -> None:
    """This data's counties over time beside the counts ICE and the press published."""
    table = beside_this_data(built_in.counties, built_in.ice_counts)
    st.markdown(
        _(
            "**This data beside ICE's own counts.** The line counts the counties this data "
            "gives as activated; each dot is a count ICE, an official or the press published "
            "at the time (click a dot to open its source). ICE counted jurisdictions: "
            "counties, but also cities, sheriffs and state agencies, several of which can "
            "share a county; a count given for a month is compared with its last day."
        )
    )
    st.altair_chart(
        ice_counts_chart(counties_over_time(built_in.counties), table), use_container_width=True
    )
    source, difference = _(ICE_COLUMNS["source_url"]), _(ICE_COLUMNS["difference"])
    st.dataframe(
        beside_ice(table),
        hide_index=True,
        column_config={
            source: st.column_config.LinkColumn(source, display_text=_("open")),
            difference: st.column_config.NumberColumn(
                difference, help=_("This data's counties minus the count said"), format="%+d"
            ),
        },
    )
