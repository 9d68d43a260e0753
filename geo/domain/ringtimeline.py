"""Every site's ring on one time line: when each ring county was activated, and in which phase.

A ring county's phase compares its activation date with its site's: *before* the site's
first recorded resistance, *while* the site resisted and was not yet active (the only
time in which ringing could act), or *after* the site itself was activated. A site
whose resistance began after its own activation has no resisting window: its ring is
before or after it. The ring is the first ring (geo.domain.rings.ring); the site's date is
the day its last county was activated.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from geo.common import UNDATED
from geo.domain.rings import Dates, ring, site_members
from geo.i18n import N_, _
from geo.memo import PerData

PHASES = {  # phase -> its name in a legend (translated where shown) and its colour
    "before": (N_("Before the site resisted"), "#8c8c8c"),
    "while": (N_("While the site resisted"), "#d55e00"),
    "after": (N_("After the site itself"), "#0072b2"),
}
WINDOW = "#fbe3d3"  # the resisting window's shade: a pale "while"


def phase_of(activation: pd.Timestamp, resisted: pd.Timestamp, site: pd.Timestamp) -> str:
    """A ring county's phase, from its activation date, its site's first resistance and
    its site's activation. As in the model (geo.domain.ringmodel), a county activated on the day
    of the first act is before it, and one activated on the site's day is after it."""
    if activation >= site:
        return "after"
    return "before" if activation <= resisted else "while"


@dataclass(frozen=True)
class Timeline:
    """One row per site (`sites`: site_id, name, resisted, activated, weak) and one per
    dated ring county (`dots`: site_id, site, fips, county, date, phase), sites in the
    order of their first resistance."""

    sites: pd.DataFrame
    dots: pd.DataFrame

    def of_site(self, site_id: str) -> Timeline:
        """The row of one site."""
        return Timeline(
            self.sites[self.sites["site_id"] == site_id],
            self.dots[self.dots["site_id"] == site_id],
        )

    def phase_labels(self) -> dict[str, str]:
        """Each phase's name in the current language."""
        return {key: _(label) for key, (label, _colour) in PHASES.items()}


def timeline(
    counties: pd.DataFrame, adjacency: pd.DataFrame, sites: pd.DataFrame, starts: pd.DataFrame
) -> Timeline:
    """The time line of every site with a resistance date and an activation date.

    `starts` has one row per site: site_id, resistance_start (YYYY-MM-DD) and
    date_quality (firm or weak). Ring counties without a date have no dot.
    """
    by_fips = counties.set_index("fips")
    resisted = starts.set_index("site_id")
    rows, dots = [], []
    for site in sites.itertuples(index=False):
        members = site_members(counties, site.site_id)
        activated = Dates.of(by_fips.loc[sorted(members), "activation_date"]).last
        if activated is None or site.site_id not in resisted.index:
            continue
        start = pd.Timestamp(resisted.at[site.site_id, "resistance_start"])
        rows.append(
            {
                "site_id": site.site_id,
                "name": site.name,
                "resisted": start,
                "activated": pd.Timestamp(activated),
                "weak": resisted.at[site.site_id, "date_quality"] == "weak",
            }
        )
        around = by_fips.loc[sorted(ring(adjacency, members))]
        dated = around[pd.to_datetime(around["activation_date"]) > UNDATED]
        for fips, county in dated.iterrows():
            date = pd.Timestamp(county["activation_date"])
            dots.append(
                {
                    "site_id": site.site_id,
                    "site": site.name,
                    "fips": fips,
                    "county": f"{county['name']}, {county['state']}",
                    "date": date,
                    "phase": phase_of(date, start, pd.Timestamp(activated)),
                }
            )
    table = pd.DataFrame(rows, columns=["site_id", "name", "resisted", "activated", "weak"])
    table = table.sort_values(["resisted", "name"], kind="stable", ignore_index=True)
    return Timeline(
        table,
        pd.DataFrame(dots, columns=["site_id", "site", "fips", "county", "date", "phase"]),
    )


def site_timelines(data) -> Timeline:
    """The time line of a dataset's sites (a geo.domain.load.Dataset), once per dataset."""
    return _timelines.get(data)


_timelines = PerData(
    lambda data: timeline(data.counties, data.adjacency, data.sites, data.starts),
    lambda data: (),
    4,
)
