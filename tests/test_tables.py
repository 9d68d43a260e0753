"""The page's tables (geo.view.tables), checked against the data they are made from."""

import datetime as dt

import pandas as pd

from geo import i18n
from geo.domain.official import beside_this_data
from geo.view.selection import Selection
from geo.view.tables import ICE_COLUMNS, beside_ice, state_counties


def test_a_states_table_lists_its_counties_with_their_status_on_the_date(dataset):
    table = state_counties(dataset, Selection(as_of=dt.date(2010, 3, 1), state="CA"))
    california = dataset.counties[dataset.counties["state"] == "CA"]
    assert list(table["County"]) == list(california["name"])
    assert list(table["Population (2010)"]) == list(california["population_2010"])
    status = table["Status on 2010-03-01"]
    activated = (california["activation_date"] <= pd.Timestamp(2010, 3, 1)).sum()
    assert (status == "Activated").sum() == activated
    assert (status == "Not yet").sum() == len(california) - activated > 0


def test_a_states_table_is_headed_in_the_readers_language(dataset):
    with i18n.speaking("es"):
        table = state_counties(dataset, Selection(as_of=dt.date(2010, 3, 1), state="CA"))
        assert list(table.columns[:3]) == [i18n._("County"), i18n._("Activated on"), i18n._(
            "Population (2010)")]  # fmt: skip
    assert "County" not in table.columns


def test_the_counts_table_heads_every_column_and_writes_states_as_whole_numbers(dataset):
    table = beside_this_data(dataset.counties, dataset.ice_counts)
    shown = beside_ice(table)
    assert list(shown.columns) == list(ICE_COLUMNS.values())  # English: the headings as is
    said = table["states_said"]
    assert list(shown["States said"]) == ["" if pd.isna(n) else str(int(n)) for n in said]
    assert set(shown["States said"]) - {""} and not any("." in s for s in shown["States said"])
