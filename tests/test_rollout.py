"""Rollout on a date, on four hand-built counties in two states."""

import datetime as dt

import pandas as pd
import pytest

from geo.domain.rollout import (
    Summary,
    activated_on,
    next_month,
    shares_by_month,
    state_table,
    states_on,
    summarize,
)

D = dt.date


@pytest.fixture
def counties() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "fips": ["01001", "01003", "06037", "06059"],
            "state": ["AL", "AL", "CA", "CA"],
            "state_fips": ["01", "01", "06", "06"],
            "activation_date": [D(2010, 3, 2), D(2011, 5, 1), D(2009, 8, 27), D(2010, 3, 16)],
            "population_2010": [100, 300, 500, 100],
            "noncitizens": [10, 30, 150, 10],
        }
    )


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        (D(2009, 8, 26), [False, False, False, False]),
        (D(2009, 8, 27), [False, False, True, False]),
        (D(2010, 3, 1), [False, False, True, False]),
        (D(2010, 3, 2), [True, False, True, False]),
        (D(2013, 1, 22), [True, True, True, True]),
    ],
    ids=["day-before-first", "first-day", "day-before-second", "second-day", "end"],
)
def test_activated_on_includes_the_activation_day(counties, as_of, expected):
    assert activated_on(counties, as_of).tolist() == expected


def test_summarize_counts_counties_states_and_population(counties):
    summary = summarize(counties, D(2010, 3, 2))
    assert summary == Summary(
        as_of=D(2010, 3, 2),
        counties_activated=2,
        counties_total=4,
        states_participating=2,
        population_activated=600,
        population_total=1000,
        noncitizens_activated=160,
        noncitizens_total=200,
    )
    assert summary.population_share == 0.6
    assert summary.noncitizen_share == 0.8


@pytest.mark.parametrize(
    ("as_of", "states"),
    [(D(2009, 8, 26), 0), (D(2009, 8, 27), 1), (D(2010, 3, 16), 2), (D(2011, 5, 1), 2)],
    ids=["none", "one-county", "one-state-twice", "all"],
)
def test_a_state_participates_once_with_any_activated_county(counties, as_of, states):
    assert summarize(counties, as_of).states_participating == states


def test_population_share_of_an_empty_frame_is_zero(counties):
    summary = summarize(counties.iloc[:0], D(2010, 3, 2))
    assert (summary.counties_total, summary.population_share) == (0, 0.0)


def test_states_on_shares(counties):
    table = states_on(counties, D(2010, 3, 2))
    assert table.to_dict("list") == {
        "state_fips": ["01", "06"],
        "counties": [2, 2],
        "counties_activated": [1, 1],
        "population_2010": [400, 600],
        "population_activated": [100, 500],
        "noncitizens": [40, 160],
        "noncitizens_activated": [10, 150],
        "county_share": [0.5, 0.5],
        "population_share": [0.25, pytest.approx(5 / 6)],
        "noncitizen_share": [0.25, pytest.approx(150 / 160)],
    }


def test_state_table_first_and_last_activation(counties):
    table = state_table(counties)
    assert table.to_dict("list") == {
        "state_fips": ["01", "06"],
        "state": ["AL", "CA"],
        "counties": [2, 2],
        "population_2010": [400, 600],
        "first_activation": [D(2010, 3, 2), D(2009, 8, 27)],
        "last_activation": [D(2011, 5, 1), D(2010, 3, 16)],
    }


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        (D(2010, 1, 31), D(2010, 2, 28)),
        (D(2012, 12, 22), D(2013, 1, 22)),
        (D(2013, 1, 1), D(2013, 1, 22)),
    ],
    ids=["month end", "last frame", "never past the rollout"],
)
def test_playback_steps_a_month_at_a_time(as_of, expected):
    assert next_month(as_of) == expected


def test_shares_by_month_take_each_month_end_and_the_last_day(counties):
    shares = shares_by_month(counties, (D(2009, 8, 1), D(2010, 3, 16)))
    assert shares["date"].dt.date.tolist()[-3:] == [D(2010, 1, 31), D(2010, 2, 28), D(2010, 3, 16)]
    assert shares.iloc[0].tolist()[1:] == [0.5, 0.75]  # 31 Aug 2009: Los Angeles alone
    assert shares.iloc[-1].tolist()[1:] == [0.7, 0.85]  # 16 Mar 2010: three counties
