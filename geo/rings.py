"""Resistant sites and their rings: the counties around a site, and when they were switched on.

A site is a county (5-digit FIPS) or a state (2-digit FIPS). Its ring is every
county outside it that shares a border or a corner with it, from the adjacency
of the unsimplified 2010 shapes; the second-order ring adds the neighbours of the
ring. A site's activation date is its county's date, or for a state the date its
last county was activated (when the whole state was in).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from geo.adjacency import neighbours_of
from geo.sites import event_day

# Events that record cooperation or the program's own steps, not resistance.
NOT_RESISTANCE = {"activated", "moa_signed", "state_join", "state_continues", "county_opt_in"}


def site_members(counties: pd.DataFrame, site_id: str) -> set[str]:
    """The counties a site is made of; raises if the id names no county or state."""
    column = "fips" if len(site_id) == 5 else "state_fips"
    members = set(counties.loc[counties[column] == site_id, "fips"])
    if not members:
        raise KeyError(f"No county or state has FIPS code {site_id!r}")
    return members


def ring(adjacency: pd.DataFrame, members: set[str], order: int = 1) -> dict[str, int]:
    """Counties around `members` with their ring order (1: touching, 2: touching the ring)."""
    found: dict[str, int] = {}
    inner = set(members)
    for level in range(1, order + 1):
        layer = neighbours_of(adjacency, inner)
        found |= dict.fromkeys(sorted(layer), level)
        inner |= layer
    return found


@dataclass(frozen=True)
class RingSummary:
    """Every number of a site's panel, on one date."""

    site_id: str
    as_of: dt.date
    site_first_activation: dt.date
    site_activation: dt.date
    ring_size: int
    ring_population: int
    ring_activated: int
    ring_population_activated: int
    ring_first_activation: dt.date | None  # None for a ring without counties (an island)
    ring_closure: dt.date | None
    ring_before_site: int

    @property
    def share_before_site(self) -> float:
        return self.ring_before_site / self.ring_size if self.ring_size else 0.0

    @property
    def lead_days(self) -> int | None:
        """Days from the ring's closure to the site's activation (positive: ring first)."""
        return (self.site_activation - self.ring_closure).days if self.ring_closure else None


def summarize_ring(
    counties: pd.DataFrame, site_id: str, ring_fips: list[str], as_of: dt.date
) -> RingSummary:
    """The site's and its ring's dates and counts on `as_of`."""
    by_fips = counties.set_index("fips")
    site_dates = pd.to_datetime(
        by_fips.loc[sorted(site_members(counties, site_id)), "activation_date"]
    )
    ring_rows = by_fips.loc[ring_fips]
    ring_dates = pd.to_datetime(ring_rows["activation_date"])
    active = ring_dates <= pd.Timestamp(as_of)
    site_activation = site_dates.max()
    return RingSummary(
        site_id=site_id,
        as_of=as_of,
        site_first_activation=site_dates.min().date(),
        site_activation=site_activation.date(),
        ring_size=len(ring_rows),
        ring_population=int(ring_rows["population_2010"].sum()),
        ring_activated=int(active.sum()),
        ring_population_activated=int(ring_rows.loc[active, "population_2010"].sum()),
        ring_first_activation=ring_dates.min().date() if len(ring_dates) else None,
        ring_closure=ring_dates.max().date() if len(ring_dates) else None,
        ring_before_site=int((ring_dates < site_activation).sum()),
    )


def ring_fill(counties: pd.DataFrame, ring_fips: list[str]) -> pd.DataFrame:
    """Share of the ring activated after each activation date: `date`, `share`, `activated`."""
    dates = pd.to_datetime(counties.set_index("fips").loc[ring_fips, "activation_date"])
    steps = dates.value_counts().sort_index().cumsum()
    return pd.DataFrame(
        {"date": steps.index, "activated": steps.to_numpy(), "share": steps.to_numpy() / len(dates)}
    )


def compare_sites(
    counties: pd.DataFrame, adjacency: pd.DataFrame, sites: pd.DataFrame, order: int = 1
) -> pd.DataFrame:
    """One row per site: ring size, share of the ring before the site, closure, lead."""
    rows = []
    for site in sites.itertuples(index=False):
        members = site_members(counties, site.site_id)
        summary = summarize_ring(
            counties, site.site_id, sorted(ring(adjacency, members, order)), dt.date.max
        )
        rows.append(
            {
                "site_id": site.site_id,
                "site": site.name,
                "level": site.level,
                "site_activation": summary.site_activation,
                "ring_size": summary.ring_size,
                "ring_before_site": summary.ring_before_site,
                "share_before_site": summary.share_before_site,
                "ring_first_activation": summary.ring_first_activation,
                "ring_closure": summary.ring_closure,
                "lead_days": summary.lead_days,
            }
        )
    return pd.DataFrame(rows)


def resisted_after_activation(events: pd.DataFrame, table: pd.DataFrame) -> list[str]:
    """Sites whose first act of resistance is dated after their own activation.

    `table` is compare_sites' output. An event dated by month or year counts from its
    first day, so a site is listed only when the resistance surely came later.
    """
    acts = events[~events["event_type"].isin(NOT_RESISTANCE)]
    began = acts.groupby("site_id")["event_date"].min().map(event_day)
    activation = pd.to_datetime(table.set_index("site_id")["site_activation"])
    late = began.reindex(activation.index) > activation
    return list(activation.index[late.to_numpy()])
