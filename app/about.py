"""About the data: what the map shows, its sources and caveats."""

from __future__ import annotations

import streamlit as st

from app.coverage import NONCITIZEN_CAVEATS
from app.ice_counts import ice_counts
from geo.domain.load import Dataset
from geo.i18n import _


def about(built_in: Dataset) -> None:
    with st.expander(_("About the data"), key="about", on_change="rerun") as box:
        if not box.open:
            return
        st.markdown(  # a message a paragraph
            "\n\n".join(
                (
                    _(
                        "**What the map shows.** Secure Communities sent the fingerprints of "
                        "everyone booked into a local jail to immigration authorities. ICE "
                        "switched it on jurisdiction by jurisdiction, from Harris County TX on "
                        "27 Oct 2008 to the last counties on 22 Jan 2013. Each county is "
                        "coloured by its activation date in the data below."
                    ),
                    _(
                        '**What counts as a jurisdiction here.** ICE counted "jurisdictions"; '
                        "this map counts the 3,143 counties and county equivalents of the 50 "
                        "states and DC (Census 2010 geography). Puerto Rico and the territories "
                        "are not covered. The chart and table below set this data beside the "
                        "counts ICE and others published at the time."
                    ),
                    _(
                        "**Sources.** Activation dates: replication data of Vargas Núñez et al., "
                        "*Reconsideration of Secure Communities Rollout Reveals Preemptive "
                        "Local-Federal Cooperation in Immigration Enforcement* (PNAS), from "
                        "Alsan & Yang (2018) as updated by Asad & Baer-Bositis (2025), built on "
                        "ICE's list of activated jurisdictions. Population: U.S. Census Bureau, "
                        "2010 Census. Shapes: Census 2010 county cartographic boundaries."
                    ),
                    _("**Noncitizens.** {caveats}").format(caveats=_(NONCITIZEN_CAVEATS)),
                    _(
                        "**Caveats.** Population shares use 2010 counts for every date. A few "
                        "county codes changed between the sources' vintages; the crosswalk and "
                        "every reconciled code are listed in the project's data/README.md and "
                        "data/processed/reconciliation.csv."
                    ),
                )
            )
        )
        ice_counts(built_in)
