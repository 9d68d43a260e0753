"""Reconcile the FIPS vintages of the activation, population and shape sources.

The shapes are the Census 2010 counties (3,143 in the 50 states and DC). The
activation panel uses roughly 2000s codes, the population file 2019 codes.
Every code change below is listed by the Census Bureau in "Substantial Changes
to Counties and County Equivalent Entities: 1970-Present"
(https://www.census.gov/programs-surveys/geography/technical-documentation/county-changes.html).
Every source code that does not join directly ends up in the report with its reason;
a code that is neither joined nor explained stops the build.
"""

from __future__ import annotations

import pandas as pd

from geo.common import RENAMED_COUNTIES

REPORT_COLUMNS = ["source", "source_fips", "target_fips", "action", "reason"]

_SHA_SPLIT = (
    "Skagway-Hoonah-Angoon Census Area (02232) split in 2007 into Hoonah-Angoon (02105) "
    "and Skagway (02230); both take its date"
)
_WP_SPLIT = (
    "Wrangell-Petersburg Census Area (02280) split in 2008 into Petersburg (02195) "
    "and Wrangell (02275); both take its date"
)

# 2010 county -> activation-panel code it was carved from, and why.
ACTIVATION_SPLITS = {
    "02105": ("02232", _SHA_SPLIT),
    "02230": ("02232", _SHA_SPLIT),
    "02195": ("02280", _WP_SPLIT),
    "02275": ("02280", _WP_SPLIT),
    "02198": (
        "02201",
        (
            "Prince of Wales-Outer Ketchikan Census Area (02201) became Prince of Wales-Hyder "
            "(02198) in 2008, its remainder joining Ketchikan Gateway (02130); 02198 takes its date"
        ),
    ),
}

# Activation-panel codes with no county of their own in 2010 geography:
# code -> (successor county or None, why).
ACTIVATION_RETIRED = {
    "02231": (None, "Skagway-Yakutat-Angoon Census Area, abolished in 1992; undated row"),
    "12025": ("12086", "Dade County's old code, Miami-Dade (12086) since 1997; undated row"),
    "30113": (None, "Yellowstone National Park (MT), part of Gallatin and Park since 1997"),
    "41006": (None, "Not a county code in any FIPS vintage; undated placeholder row"),
    "51560": ("51005", "Clifton Forge city, merged into Alleghany County (51005) in 2001"),
    "51780": ("51083", "South Boston city, merged into Halifax County (51083) in 1995"),
}

# 2019 population code -> (2010 county it is a rename of, why).
POPULATION_RENAMES = RENAMED_COUNTIES

# 2010 counties absent from the 2019 population file, whose 2010 count is the
# state's 2010 total minus the sum of its other counties (both in the same file).
POPULATION_FROM_STATE_REMAINDER = {
    "51515": (
        "Bedford city merged into Bedford County (51019) in 2013; the 2019 file keeps "
        "Bedford County's own 2010 count, so Bedford city's is Virginia's 2010 total "
        "minus its county rows"
    ),
}


# The year of the ACS noncitizen file used for every date: the one closest to 2010.
NONCITIZEN_YEAR = 2010


class ReconciliationError(ValueError):
    """A source code joins nothing and no crosswalk entry explains it."""


def county_activation_dates(panel: pd.DataFrame) -> pd.DataFrame:
    """One row per county code: `fips` and `activation_date` (NaT when undated)."""
    fips = panel["county"].astype("int64").astype(str).str.zfill(5)
    dates = pd.to_datetime(panel["date_secure"]).dt.normalize()
    per_county = dates.groupby(fips).agg(["min", "max"])
    conflicting = per_county[per_county["min"] != per_county["max"]].dropna()
    if len(conflicting):
        raise ReconciliationError(
            f"Counties with more than one activation date: {sorted(conflicting.index)}"
        )
    return per_county["min"].rename("activation_date").rename_axis("fips").reset_index()


def county_populations(census: pd.DataFrame) -> pd.DataFrame:
    """County rows of the Census file: `fips`, `population_2010` (int)."""
    rows = census[census["SUMLEV"] == "050"]
    return pd.DataFrame(
        {
            "fips": (rows["STATE"] + rows["COUNTY"]).to_numpy(),
            "population_2010": rows["CENSUS2010POP"].astype("int64").to_numpy(),
        }
    )


def state_populations(census: pd.DataFrame) -> pd.Series:
    """State rows of the Census file: 2010 population indexed by state FIPS."""
    rows = census[census["SUMLEV"] == "040"]
    return pd.Series(
        rows["CENSUS2010POP"].astype("int64").to_numpy(), index=rows["STATE"].to_numpy()
    )


def reconcile_activation(
    county_fips: pd.Index, dates: pd.DataFrame
) -> tuple[pd.Series, pd.DataFrame]:
    """Activation date per 2010 county, and the report of codes that did not join."""
    by_code = dates.set_index("fips")["activation_date"]
    source_for = {f: ACTIVATION_SPLITS.get(f, (f, ""))[0] for f in county_fips}
    result = pd.Series(
        [by_code.get(code) for code in source_for.values()],
        index=county_fips,
        name="activation_date",
        dtype="datetime64[s]",
    )
    report = [
        ("activation", old, new, "split", reason)
        for new, (old, reason) in sorted(ACTIVATION_SPLITS.items())
        if new in county_fips
    ]
    used = set(source_for.values())
    for code in sorted(set(by_code.index) - used):
        if code not in ACTIVATION_RETIRED:
            raise ReconciliationError(
                f"Activation code {code} matches no 2010 county and no crosswalk entry; "
                "add it to geo/build/crosswalk.py with its reason"
            )
        successor, reason = ACTIVATION_RETIRED[code]
        own = by_code[code]
        if successor and pd.notna(own) and own != by_code.get(successor):
            raise ReconciliationError(
                f"Retired code {code} is dated {own.date()} but its successor {successor} "
                f"is dated {by_code.get(successor, 'nowhere in the panel')}"
            )
        report.append(("activation", code, successor or "", "retired", reason))
    return result, pd.DataFrame(report, columns=REPORT_COLUMNS)


def reconcile_population(
    county_fips: pd.Index, counties: pd.DataFrame, states: pd.Series
) -> tuple[pd.Series, pd.DataFrame]:
    """2010 population per 2010 county, and the report of codes that did not join."""
    renamed = counties["fips"].map(lambda f: POPULATION_RENAMES.get(f, (f, ""))[0])
    by_code = pd.Series(counties["population_2010"].to_numpy(), index=renamed.to_numpy())
    unexplained = sorted(set(by_code.index) - set(county_fips))
    if unexplained:
        raise ReconciliationError(
            f"Population codes {unexplained} match no 2010 county and no crosswalk entry; "
            "add them to geo/build/crosswalk.py with their reason"
        )
    report = [
        ("population", old, new, "renamed", reason)
        for old, (new, reason) in sorted(POPULATION_RENAMES.items())
        if old in set(counties["fips"])
    ]
    for code, reason in sorted(POPULATION_FROM_STATE_REMAINDER.items()):
        if code not in county_fips or code in by_code.index:
            continue  # no such 2010 county here, or the file counts it itself
        state = code[:2]
        by_code[code] = states[state] - by_code[by_code.index.str.startswith(state)].sum()
        report.append(("population", "", code, "state_remainder", reason))
    return by_code.reindex(county_fips).rename("population_2010"), pd.DataFrame(
        report, columns=REPORT_COLUMNS
    )


def county_noncitizens(acs: pd.DataFrame, county_fips: pd.Index) -> pd.DataFrame:
    """Noncitizens and their margin of error per 2010 county, from the NONCITIZEN_YEAR rows.

    Every county must have both: a missing one stops the build, named.
    """
    rows = acs[acs["year"] == NONCITIZEN_YEAR].rename(
        columns={"noncit_pop": "noncitizens", "moe": "noncitizens_moe"}
    )
    joined = pd.DataFrame({"fips": county_fips}).merge(
        rows[["fips", "noncitizens", "noncitizens_moe"]], on="fips", how="left", validate="1:1"
    )
    missing = joined[joined[["noncitizens", "noncitizens_moe"]].isna().any(axis=1)]
    if len(missing):
        raise ReconciliationError(
            f"Counties without a {NONCITIZEN_YEAR} noncitizen estimate: {list(missing['fips'])}"
        )
    return joined.set_index("fips").astype("int64")
