"""The rollout as of a date: who was activated, and per-state aggregates."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from geo.common import UNDATED

FIRST_ACTIVATION = dt.date(2008, 10, 27)
LAST_ACTIVATION = dt.date(2013, 1, 22)


@dataclass(frozen=True)
class Summary:
    """Headline numbers of the rollout on one date, for the counties given."""

    as_of: dt.date
    counties_activated: int
    counties_total: int
    states_participating: int
    population_activated: int
    population_total: int
    noncitizens_activated: int = 0  # ACS 2010 estimates (geo.build), one vintage for every date
    noncitizens_total: int = 0

    @property
    def population_share(self) -> float:
        return self.population_activated / self.population_total if self.population_total else 0.0

    @property
    def noncitizen_share(self) -> float:
        return (
            self.noncitizens_activated / self.noncitizens_total if self.noncitizens_total else 0.0
        )


def next_month(as_of: dt.date, last: dt.date = LAST_ACTIVATION) -> dt.date:
    """The next frame of the month-by-month playback, never past `last`."""
    following = (pd.Timestamp(as_of) + pd.DateOffset(months=1)).date()
    return min(following, last)


def date_range(counties: pd.DataFrame) -> tuple[dt.date, dt.date]:
    """First and last activation in `counties` (the built-in rollout's when it has none).

    A single date gets the month before it too, so a slider can still move.
    """
    dates = pd.to_datetime(counties["activation_date"]).dropna()
    dates = dates[dates > UNDATED]
    if dates.empty:
        return FIRST_ACTIVATION, LAST_ACTIVATION
    first, last = dates.min().date(), dates.max().date()
    return (first - dt.timedelta(days=31), last) if first == last else (first, last)


def activated_on(counties: pd.DataFrame, as_of: dt.date) -> pd.Series:
    """True for each county whose activation date is on or before `as_of`."""
    return pd.to_datetime(counties["activation_date"]) <= pd.Timestamp(as_of)


def activated_by_date(dates: pd.Series) -> pd.Series:
    """How many of `dates` fall on or before each date among them (the dates as index)."""
    return pd.to_datetime(dates).value_counts().sort_index().cumsum()


def summarize(counties: pd.DataFrame, as_of: dt.date) -> Summary:
    """Counties, population and noncitizens activated, and states with at least one
    activated county."""
    active = activated_on(counties, as_of)
    return Summary(
        as_of=as_of,
        counties_activated=int(active.sum()),
        counties_total=len(counties),
        states_participating=int(counties.loc[active, "state_fips"].nunique()),
        population_activated=int(counties.loc[active, "population_2010"].sum()),
        population_total=int(counties["population_2010"].sum()),
        noncitizens_activated=int(counties.loc[active, "noncitizens"].sum()),
        noncitizens_total=int(counties["noncitizens"].sum()),
    )


def shares_by_month(counties: pd.DataFrame, span: tuple[dt.date, dt.date]) -> pd.DataFrame:
    """The share of the population and of noncitizens in activated counties on the last
    day of every month of `span` (and on its last day): `date`, `population_share`,
    `noncitizen_share`."""
    last = pd.Timestamp(span[1])
    days = pd.DatetimeIndex(sorted({*pd.date_range(span[0], last, freq="ME"), last}))
    columns = ["population_2010", "noncitizens"]
    dated = counties.assign(date=pd.to_datetime(counties["activation_date"])).dropna(
        subset=["date"]
    )
    by_date = dated.groupby("date")[columns].sum().cumsum()
    covered = by_date.reindex(by_date.index.union(days)).ffill().fillna(0).loc[days]
    totals = counties[columns].sum().replace(0, float("nan"))
    shares = (covered / totals).fillna(0.0)
    return pd.DataFrame(
        {
            "date": days,
            "population_share": shares["population_2010"].to_numpy(),
            "noncitizen_share": shares["noncitizens"].to_numpy(),
        }
    )


def states_on(counties: pd.DataFrame, as_of: dt.date) -> pd.DataFrame:
    """Per state: counties, population and noncitizens activated on `as_of`, and their
    shares."""
    frame = counties.assign(
        active=activated_on(counties, as_of),
        population_active=lambda f: f["population_2010"].where(f["active"], 0),
        noncitizens_active=lambda f: f["noncitizens"].where(f["active"], 0),
    )
    per_state = frame.groupby("state_fips", sort=True).agg(
        counties=("fips", "size"),
        counties_activated=("active", "sum"),
        population_2010=("population_2010", "sum"),
        population_activated=("population_active", "sum"),
        noncitizens=("noncitizens", "sum"),
        noncitizens_activated=("noncitizens_active", "sum"),
    )
    per_state["county_share"] = per_state["counties_activated"] / per_state["counties"]
    per_state["population_share"] = per_state["population_activated"] / per_state["population_2010"]
    per_state["noncitizen_share"] = per_state["noncitizens_activated"] / per_state["noncitizens"]
    return per_state.reset_index()


def state_table(counties: pd.DataFrame) -> pd.DataFrame:
    """Per state: name, counties, 2010 population, first and last county activation."""
    return (
        counties.groupby("state_fips", sort=True)
        .agg(
            state=("state", "first"),
            counties=("fips", "size"),
            population_2010=("population_2010", "sum"),
            first_activation=("activation_date", "min"),
            last_activation=("activation_date", "max"),
        )
        .reset_index()
    )
