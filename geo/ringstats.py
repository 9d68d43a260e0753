"""Is the ring pattern real? A permutation test against comparable counties.

For each site, the statistic is the share of its ring activated before the site
itself. Under the null hypothesis, being next to a resistant site does not
matter: each ring county is exchangeable with the other counties of its own
state in its own population band (national quintiles of 2010 population),
outside the site and its ring. Drawing one such stand-in for every ring county
gives the share expected by chance; repeating the draw gives its distribution.
The test statistic is the mean share over sites (each site counts once; a site
with no neighbours has no ring and is left out); the p-value is the share of
draws at least as high as the observed mean.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from geo.common import UNDATED
from geo.i18n import _
from geo.kept import PerData
from geo.load import Dataset
from geo.rings import compare_sites, resisted_after_activation, ring, site_members
from geo.text import markdown_escape

BANDS = 5
MIN_POOL = 3  # below this, the stand-ins come from the whole state, any size
AHEAD = 0.10  # a ring this far above its expected share went "clearly ahead of chance"


@dataclass(frozen=True)
class RingTest:
    """Observed and expected shares of rings activated before their sites, and the p-value."""

    per_site: pd.DataFrame  # site_id, ring_size, observed, expected
    observed: float
    expected: float
    p_value: float
    draws: int
    undated: tuple[str, ...] = ()  # sites left out: some of their counties have no date


def permutation_test(
    counties: pd.DataFrame,
    adjacency: pd.DataFrame,
    site_ids: list[str],
    draws: int = 20_000,
    seed: int = 20110217,
) -> RingTest:
    """Run the test over `site_ids` with a fixed seed (the same data give the same answer)."""
    rng = np.random.default_rng(seed)
    frame = counties.assign(
        band=pd.qcut(counties["population_2010"].rank(method="first"), BANDS, labels=False),
        date=pd.to_datetime(counties["activation_date"]),
    ).set_index("fips")
    rows, undated, simulated = [], [], np.zeros(draws)
    for site_id in site_ids:
        members = site_members(counties, site_id)
        around = sorted(ring(adjacency, members))
        if not around:
            continue  # an island site has no ring to compare
        site_dates = frame.loc[sorted(members), "date"]
        if not (site_dates > UNDATED).all():
            undated.append(site_id)  # no date to compare the ring with
            continue
        site_date = site_dates.max()
        excluded = members | set(around)
        chances = np.array([_chance(frame, fips, excluded, site_date) for fips in around])
        observed = float((frame.loc[around, "date"] < site_date).mean())
        shares = (rng.random((draws, len(around))) < chances).mean(axis=1)
        simulated += shares
        rows.append(
            {
                "site_id": site_id,
                "ring_size": len(around),
                "observed": observed,
                "expected": float(chances.mean()),
            }
        )
    per_site = pd.DataFrame(rows, columns=["site_id", "ring_size", "observed", "expected"])
    simulated /= max(len(per_site), 1)
    observed = float(per_site["observed"].mean()) if len(per_site) else float("nan")
    return RingTest(
        per_site=per_site,
        observed=observed,
        expected=float(per_site["expected"].mean()) if len(per_site) else float("nan"),
        p_value=float((np.sum(simulated >= observed - 1e-12) + 1) / (draws + 1)),
        draws=draws,
        undated=tuple(undated),
    )


def compared(data: Dataset, order: int) -> pd.DataFrame:
    """Every site's ring numbers (geo.rings.compare_sites), once per dataset and ring order."""
    return _compared.get(data, order)


def site_tests(data: Dataset) -> tuple[RingTest, list[str], RingTest]:
    """The test over all sites; the sites that resisted only after their own activation;
    and the test without them. Once per dataset (the built-in data, or an upload)."""
    return _site_tests.get(data)


def _site_tests(data: Dataset) -> tuple[RingTest, list[str], RingTest]:
    sites = list(data.sites["site_id"])
    late = resisted_after_activation(data.events, compared(data, 1))
    early = [site for site in sites if site not in late]
    return (
        permutation_test(data.counties, data.adjacency, sites),
        late,
        permutation_test(data.counties, data.adjacency, early),
    )


_compared = PerData(
    lambda data, order: compare_sites(data.counties, data.adjacency, data.sites, order),
    lambda data, order: order,
    8,
)
_site_tests = PerData(_site_tests, lambda data: (), 4)


def _chance(frame: pd.DataFrame, fips: str, excluded: set[str], site_date) -> float:
    """Share of a ring county's stand-ins that were activated before the site's date."""
    state, band = frame.at[fips, "state_fips"], frame.at[fips, "band"]
    same_state = frame[(frame["state_fips"] == state) & ~frame.index.isin(excluded)]
    pool = same_state[same_state["band"] == band]
    if len(pool) < MIN_POOL:
        pool = same_state
    if pool.empty:
        return float(frame.at[fips, "date"] < site_date)  # no stand-in: the county itself
    return float((pool["date"] < site_date).mean())


def ring_test_text(
    test: RingTest, names: dict[str, str], resisted_late: list[str], early_only: RingTest
) -> str:
    """The result in plain words, with its method and caveats, as Markdown.

    `names` (site id to name) come from the project's curated table and are escaped;
    `resisted_late` are the sites whose resistance began after their own activation,
    and `early_only` the same test without them.
    """
    sites = len(test.per_site)
    if not sites:
        return _(
            "**No result.** The test compares each ring's activation dates with its site's, "
            "and no resistant site with a ring has a date in the data shown. "
        ) + _undated(test, names)
    per_site = test.per_site.assign(
        name=test.per_site["site_id"].map(lambda i: markdown_escape(names.get(i, i)))
    )
    ahead = per_site[per_site["observed"] >= per_site["expected"] + AHEAD]
    result = (
        # Translators: Markdown; a single line break is only a space, wrap lines anywhere.
        _(
            "**Result.** Across the {sites} resistant sites, on average {observed} of a site's\n"
            "ring was activated before the site itself. Counties of the same states and of "
            "similar\npopulation, drawn at random, give {expected}. Ring counties were "
            "activated\nbefore their site more often than comparable counties did, and the "
            "difference is unlikely to be chance (one-sided permutation p = {p},\n{draws} "
            "draws). {concentration}"
        )
        if test.p_value < 0.05 and test.observed > test.expected
        # Translators: Markdown; a single line break is only a space, wrap lines anywhere.
        else _(
            "**Result.** Across the {sites} resistant sites, on average {observed} of a site's\n"
            "ring was activated before the site itself. Counties of the same states and of "
            "similar\npopulation, drawn at random, give {expected}. Ring counties were "
            "activated\nbefore their site about as often as comparable counties did: no "
            "evidence of a ring pattern (one-sided permutation p = {p},\n{draws} draws). "
            "{concentration}"
        )
    ).format(
        sites=sites,
        observed=f"{test.observed:.0%}",
        expected=f"{test.expected:.0%}",
        p=f"{test.p_value:.3f}",
        draws=f"{test.draws:,}",
        concentration=_concentration(ahead, sites),
    )
    # Translators: Markdown; a single line break is only a space, wrap lines anywhere.
    method = _(
        "**Method.** For each site, every ring county is replaced by a county drawn at random\n"
        "from its own state and its own fifth of the national population distribution, "
        "outside\nthe site and its ring; the share of these stand-ins activated before the "
        "site's date is\nwhat to expect if being next to a resistant site did not matter. A "
        "state site's date is\nthe day its last county was activated."
    )
    # Translators: Markdown; a single line break is only a space, wrap lines anywhere.
    caveats = _(
        "**Caveats.** {undated}{late}\n{sites} sites are few, and they are not independent "
        "(Cook County lies in Illinois;\nSan Francisco and Santa Clara share a neighbour). ICE "
        "scheduled activations by\nstate and field office, and neighbouring counties often "
        "went together, so some of the\nexcess can come from geography rather than from a "
        "strategy aimed at the sites. The test\nsays that ring counties went earlier than "
        "comparable counties, not why. Per site\n(observed against expected share of the "
        "ring activated first):\n{per_site}"
    ).format(
        undated=_undated(test, names),
        late=_late(resisted_late, names, early_only),
        sites=sites,
        per_site=_per_site_lines(per_site),
    )
    return f"\n{result}\n\n{method}\n\n{caveats}\n"


def _late(resisted_late: list[str], names: dict[str, str], early_only: RingTest) -> str:
    if not resisted_late:
        return ""
    listed = ", ".join(markdown_escape(names.get(site, site)) for site in resisted_late)
    left = len(early_only.per_site)
    without = (
        _("{observed} against {expected} expected (p = {p}).").format(
            observed=f"{early_only.observed:.0%}",
            expected=f"{early_only.expected:.0%}",
            p=f"{early_only.p_value:.3f}",
        )
        if left
        else _("no site is left to test.")
    )
    return (
        _(
            "At 1 site ({listed}) the first recorded act of resistance came after the site's "
            "own activation, so their rings cannot have been a response to it. Without them "
            "({left}): {without}"
        )
        if len(resisted_late) == 1
        else _(
            "At {count} sites ({listed}) the first recorded act of resistance came after the "
            "site's own activation, so their rings cannot have been a response to it. Without "
            "them ({left}): {without}"
        )
    ).format(
        count=len(resisted_late),
        listed=listed,
        left=(_("1 site left") if left == 1 else _("{count} sites left")).format(count=left),
        without=without,
    )


def _undated(test: RingTest, names: dict[str, str]) -> str:
    if not test.undated:
        return ""
    listed = ", ".join(markdown_escape(names.get(site, site)) for site in test.undated)
    return _(
        "Left out, because some of their counties have no date in the data shown: {sites}. "
    ).format(sites=listed)


def _concentration(ahead: pd.DataFrame, sites: int) -> str:
    points = f"{AHEAD * 100:.0f}"
    if ahead.empty:
        return _(
            "No single site's ring went clearly ({points} points or more) ahead of chance."
        ).format(points=points)
    listed = ", ".join(
        _("{site} ({observed} against {expected})").format(
            site=row.name, observed=f"{row.observed:.0%}", expected=f"{row.expected:.0%}"
        )
        for row in ahead.itertuples()
    )
    return (
        _(
            "The difference rests on 1 of the {sites} sites, whose rings went at least "
            "{points} points ahead of chance: {listed}; at the others the ring went about as "
            "expected."
        )
        if len(ahead) == 1
        else _(
            "The difference rests on {count} of the {sites} sites, whose rings went at least "
            "{points} points ahead of chance: {listed}; at the others the ring went about as "
            "expected."
        )
    ).format(count=len(ahead), sites=sites, points=points, listed=listed)


def _per_site_lines(per_site: pd.DataFrame) -> str:
    return "\n".join(
        _("- {site}: {observed} against {expected} ({size} ring counties)").format(
            site=row.name,
            observed=f"{row.observed:.0%}",
            expected=f"{row.expected:.0%}",
            size=row.ring_size,
        )
        for row in per_site.itertuples()
    )
