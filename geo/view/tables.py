"""The page's tables, headed in the reader's language: a state's counties, and this data
beside the counts ICE and the press published."""

from __future__ import annotations

import pandas as pd

from geo.domain.load import Dataset
from geo.domain.rollout import activated_on
from geo.i18n import N_, _
from geo.view.selection import Selection
from geo.view.wording import activation_dates

POPULATION = N_("Population (2010)")
ICE_COLUMNS = {  # the headings of geo.domain.official.beside_this_data's columns
    "date": N_("Date"),
    "said": N_("What was said"),
    "counties": N_("This data: counties"),
    "states_said": N_("States said"),
    "states": N_("This data: states"),
    "difference": N_("Difference"),
    "context": N_("Who, and when"),
    "why": N_("Why they differ"),
    "source_outlet": N_("Where"),
    "source_url": N_("Source"),
}


def state_counties(data: Dataset, selection: Selection) -> pd.DataFrame:
    """The counties of the selection's state: name, activation date, population and status
    on the selection's date."""
    counties = data.counties[data.counties["state"] == selection.state]
    active = activated_on(counties, selection.as_of)
    dated = pd.to_datetime(counties["activation_date"]).dt.date
    return pd.DataFrame(
        {
            _("County"): counties["name"],
            _("Activated on"): dated if data.dated else activation_dates(dated),
            _(POPULATION): counties["population_2010"],
            _("Status on {date}").format(date=f"{selection.as_of:%Y-%m-%d}"): active.map(
                {True: _("Activated"), False: _("Not yet")}
            ),
        }
    )


def beside_ice(table: pd.DataFrame) -> pd.DataFrame:
    """beside_this_data's table as shown: its columns headed, states said as whole numbers."""
    columns = {name: _(heading) for name, heading in ICE_COLUMNS.items()}
    return table.assign(
        states_said=table["states_said"].map(lambda n: "" if pd.isna(n) else str(int(n)))
    ).rename(columns=columns)[list(columns.values())]
