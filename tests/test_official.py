"""The counts ICE and the press published, beside this data: the curated table's rules, and
the "this data" columns against the processed counties, row by row."""

import datetime as dt
import re

import pandas as pd
import pytest

from geo.build.sites import COUNT_COLUMNS, CurationError, validate_counts
from geo.domain.official import beside_this_data, compared_on, counties_over_time, said


def counts(*changes) -> pd.DataFrame:
    frame = pd.DataFrame(
        [
            ["2010-09-30", "day", "", "658", "jurisdictions", "32", "ICE", "ICE", "https://a.gov"],
            ["2010-05", "month", "about", "169", "counties", "", "A letter", "Paper", "http://b"],
        ],
        columns=[c for c in COUNT_COLUMNS if c != "context_es"],
    ).assign(context_es=["ICE", "Una carta"])  # who said it, in Spanish
    for column, row, value in changes:
        frame.loc[row, column] = value
    return frame


def test_valid_counts_pass_sorted_by_date():
    assert list(validate_counts(counts())["count_date"]) == ["2010-05", "2010-09-30"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("count_date", 0, "2010-09"), "line 2: date '2010-09' does not fit precision 'day'"),
        (("date_precision", 1, "year"), "line 3: date '2010-05' does not fit precision 'year'"),
        (("count", 0, "about 650"), "line 2: count must be a whole number"),
        (("states", 1, "thirty"), "line 3: states must be a number of states"),
        (("qualifier", 0, "roughly"), "line 2: qualifier must be one of"),
        (("source_url", 1, "www.example.org"), "line 3: source_url must be an http"),
        (("context", 0, " "), "line 2: unit, context and source_outlet are required"),
    ],
    ids=["month-for-day", "year", "count", "states", "qualifier", "url", "context"],
)
def test_bad_count_is_named_by_line(change, message):
    with pytest.raises(
        CurationError, match=rf"ice_counts\.csv has 1 problem\(s\):\n{re.escape(message)}"
    ):
        validate_counts(counts(change))


def test_a_month_is_compared_on_its_last_day():
    assert compared_on("2010-05") == dt.date(2010, 5, 31)
    assert compared_on("2012-02") == dt.date(2012, 2, 29)
    assert compared_on("2010-11-30") == dt.date(2010, 11, 30)


def test_what_was_said_reads_as_a_phrase():
    rows = list(counts().itertuples(index=False))
    assert said(rows[0]) == "658 jurisdictions in 32 states"
    assert said(rows[1]) == "about 169 counties"


def test_this_datas_columns_are_the_processed_counties_on_each_date(dataset):
    counties = dataset.counties
    table = beside_this_data(counties, dataset.ice_counts)
    assert len(table) == len(dataset.ice_counts) >= 15
    for row in table.itertuples(index=False):
        on = pd.Timestamp(row.compared_on)
        active = counties[counties["activation_date"] <= on]
        assert row.counties == len(active), row.date
        assert row.states == active["state"].nunique(), row.date
        assert row.difference == len(active) - row.count
    fy2010 = table[table["date"] == "2010-09-30"].iloc[0]  # ICE's report to Congress
    assert (fy2010.said, fy2010.counties, fy2010.states) == (
        "658 jurisdictions in 32 states",
        659,
        32,
    )


def test_every_count_has_a_source_and_a_reason_for_the_difference(dataset):
    table = beside_this_data(dataset.counties, dataset.ice_counts)
    assert table["source_url"].str.match(r"https?://\S+$").all()
    assert (table["why"].str.len() > 20).all()


def test_the_curve_ends_with_every_county(dataset):
    curve = counties_over_time(dataset.counties)
    assert curve["counties"].is_monotonic_increasing
    assert curve["counties"].iloc[-1] == len(dataset.counties)
    assert curve["date"].iloc[-1] == pd.Timestamp("2013-01-22")
