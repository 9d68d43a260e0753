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

from geo import i18n
from geo.common import CITY_COUNTIES, NATIONAL, UNDATED, event_day
from geo.domain.rollout import activated_by_date
from geo.memo import PerData


def site_members(counties: pd.DataFrame, site_id: str) -> set[str]:
    """The counties a site is made of; raises if the id names no county, city or state."""
    if site_id in CITY_COUNTIES:
        return set(counties["fips"]) & set(CITY_COUNTIES[site_id])
    column = "fips" if len(site_id) == 5 else "state_fips"
    members = set(counties.loc[counties[column] == site_id, "fips"])
    if not members:
        raise KeyError(f"No county or state has FIPS code {site_id!r}")
    return members


def neighbours_of(adjacency: pd.DataFrame, members: set[str]) -> set[str]:
    """Areas outside `members` that touch at least one of them."""
    a, b = adjacency["fips"], adjacency["neighbor_fips"]
    touching = set(b[a.isin(members)]) | set(a[b.isin(members)])
    return touching - members


def ring(adjacency: pd.DataFrame, members: set[str], order: int = 1) -> dict[str, int]:
    """Counties around `members` with their ring order (1: touching, 2: touching the ring)."""
    found: dict[str, int] = {}
    inner = set(members)
    for level in range(1, order + 1):
        layer = neighbours_of(adjacency, inner)
        found |= dict.fromkeys(sorted(layer), level)
        inner |= layer
    return found


MODEL_STATES = 10  # a list dating fewer states is not modelled: its bootstrap redraws states


def dated_sites(counties: pd.DataFrame, adjacency: pd.DataFrame, site_ids) -> list[str]:
    """The sites of `site_ids` a list can be modelled on: it dates every county of the site
    and at least one of its ring, and counties in MODEL_STATES states or more (else none)."""
    dated = counties[counties["activation_date"].notna()]
    if dated["state_fips"].nunique() < MODEL_STATES:
        return []
    fips = set(dated["fips"])
    return [
        site
        for site in site_ids
        if (members := site_members(counties, site)) <= fips
        and fips & set(ring(adjacency, members))
    ]


RING_RELATIONS = {1: "ring", 2: "second ring"}


@dataclass(frozen=True)
class SiteRing:
    """A site, the counties it is made of, and the counties around it with their order."""

    site_id: str
    name: str
    members: frozenset[str]
    ring_order: dict[str, int]  # ring county -> 1 (touching the site) or 2 (touching ring 1)

    @classmethod
    def of(
        cls,
        counties: pd.DataFrame,
        adjacency: pd.DataFrame,
        sites: pd.DataFrame,
        site_id: str,
        order: int = 1,
    ) -> SiteRing:
        members = site_members(counties, site_id)
        name = sites.set_index("site_id").at[site_id, "name"]
        return cls(site_id, name, frozenset(members), ring(adjacency, members, order))

    @property
    def around(self) -> list[str]:
        """The ring's counties, first and second order, sorted."""
        return sorted(self.ring_order)

    def relation(self, fips: str) -> str:
        """'site', 'ring', 'second ring', or '' for a county outside both."""
        if fips in self.members:
            return "site"
        return RING_RELATIONS.get(self.ring_order.get(fips), "")


@dataclass(frozen=True)
class Dates:
    """When a group of counties was activated, and how many of them have no date."""

    first: dt.date | None  # the earliest date any of them has
    last: dt.date | None  # the latest, known only when every county has a date
    undated: int  # activated, but with no date (a user's list without dates)
    missing: int  # never activated (not in a user's list, or marked "no" in it)

    @classmethod
    def of(cls, dates: pd.Series) -> Dates:
        dates = pd.to_datetime(dates)
        known = dates[dates > UNDATED]
        undated, missing = int((dates == UNDATED).sum()), int(dates.isna().sum())
        complete = len(known) and not undated and not missing
        return cls(
            first=known.min().date() if len(known) else None,
            last=known.max().date() if complete else None,
            undated=undated,
            missing=missing,
        )


@dataclass(frozen=True)
class RingSummary:
    """Every number of a site's panel, on one date; None where the data has no date."""

    site_id: str
    as_of: dt.date
    site: Dates
    ring: Dates
    ring_size: int
    ring_population: int
    ring_activated: int
    ring_population_activated: int
    ring_before_site: int | None  # ring counties dated before the site's last county
    ring_noncitizens: int = 0  # ACS 2010 estimates, as the county table's
    ring_noncitizens_activated: int = 0
    ring_noncitizens_before_site: int | None = None

    @property
    def ring_noncitizen_share(self) -> float:
        """The share of the ring's noncitizens living in counties activated on the date."""
        return (
            self.ring_noncitizens_activated / self.ring_noncitizens
            if self.ring_noncitizens
            else 0.0
        )

    @property
    def noncitizens_before_site(self) -> float | None:
        """The share of the ring's noncitizens in counties activated before the site."""
        if self.ring_noncitizens_before_site is None or not self.ring_noncitizens:
            return None
        return self.ring_noncitizens_before_site / self.ring_noncitizens

    @property
    def site_first_activation(self) -> dt.date | None:
        return self.site.first

    @property
    def site_activation(self) -> dt.date | None:
        return self.site.last

    @property
    def ring_first_activation(self) -> dt.date | None:
        return self.ring.first

    @property
    def ring_closure(self) -> dt.date | None:
        return self.ring.last

    @property
    def share_before_site(self) -> float | None:
        if self.ring_before_site is None or not self.ring_size:
            return None
        return self.ring_before_site / self.ring_size

    @property
    def lead_days(self) -> int | None:
        """Days from the ring's closure to the site's activation (positive: ring first)."""
        if self.site.last is None or self.ring.last is None:
            return None
        return (self.site.last - self.ring.last).days


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
    site = Dates.of(site_dates)
    before = noncitizens_before = None
    if site.last is not None:
        earlier = (ring_dates > UNDATED) & (ring_dates < pd.Timestamp(site.last))
        before = int(earlier.sum())
        noncitizens_before = int(ring_rows.loc[earlier, "noncitizens"].sum())
    return RingSummary(
        site_id=site_id,
        as_of=as_of,
        site=site,
        ring=Dates.of(ring_dates),
        ring_size=len(ring_rows),
        ring_population=int(ring_rows["population_2010"].sum()),
        ring_activated=int(active.sum()),
        ring_population_activated=int(ring_rows.loc[active, "population_2010"].sum()),
        ring_before_site=before,
        ring_noncitizens=int(ring_rows["noncitizens"].sum()),
        ring_noncitizens_activated=int(ring_rows.loc[active, "noncitizens"].sum()),
        ring_noncitizens_before_site=noncitizens_before,
    )


def ring_fill(counties: pd.DataFrame, ring_fips: list[str]) -> pd.DataFrame:
    """Share of the ring activated after each activation date: `date`, `share`, `activated`."""
    dates = counties.set_index("fips").loc[ring_fips, "activation_date"]
    steps = activated_by_date(dates)
    return pd.DataFrame(
        {"date": steps.index, "activated": steps.to_numpy(), "share": steps.to_numpy() / len(dates)}
    )


def compare_sites(
    counties: pd.DataFrame, adjacency: pd.DataFrame, sites: pd.DataFrame, order: int = 1
) -> pd.DataFrame:
    """One row per site: ring size, share of the ring before the site, closure, lead.

    Dates a user's list does not give are None; `site_missing`, `ring_undated` and the
    like count the counties without a date (see Dates).
    """
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
                "site_counties": len(members),
                "ring_size": summary.ring_size,
                "ring_before_site": summary.ring_before_site,
                "share_before_site": summary.share_before_site,
                "noncitizens_before_site": summary.noncitizens_before_site,
                "ring_first_activation": summary.ring_first_activation,
                "ring_closure": summary.ring_closure,
                "lead_days": summary.lead_days,
                **{
                    f"{where}_{gap}": getattr(getattr(summary, where), gap)
                    for where in ("site", "ring")
                    for gap in ("missing", "undated")
                },
            }
        )
    return pd.DataFrame(rows)


def compared(data, order: int) -> pd.DataFrame:
    """compare_sites of a dataset (geo.domain.load.Dataset), once per dataset and ring order."""
    return _compared.get(data, order)


_compared = PerData(
    lambda data, order: compare_sites(data.counties, data.adjacency, data.sites, order),
    lambda data, order: order,
    8,
)


def site_events(events: pd.DataFrame, site_id: str) -> pd.DataFrame:
    """A site's own events and the national ones (flagged `national`), by date, each
    `description` in the reader's language (the curated `description_es` in Spanish)."""
    chosen = i18n.curated(events[events["site_id"].isin([site_id, NATIONAL])], "description")
    dated = chosen.assign(
        national=chosen["site_id"] == NATIONAL, day=chosen["event_date"].map(event_day)
    )
    return dated.sort_values(["day", "national"], kind="stable").drop(columns="day")


def site_note(sites: pd.DataFrame, site_id: str) -> str:
    """The note shown on a site's page, in the reader's language; empty if it has none."""
    return i18n.curated(sites[sites["site_id"] == site_id], "note")["note"].iloc[0]
