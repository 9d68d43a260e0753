"""Joining activation and population codes to 2010 counties, on tiny frames."""

import pandas as pd
import pytest

from geo.build.crosswalk import (
    ACTIVATION_SPLITS,
    NONCITIZEN_YEAR,
    ReconciliationError,
    county_activation_dates,
    county_noncitizens,
    county_populations,
    reconcile_activation,
    reconcile_population,
    state_populations,
)

T = pd.Timestamp


def panel(rows: list[tuple[int, str | None]]) -> pd.DataFrame:
    """County-year rows as the Stata panel has them: float codes, NaT before activation."""
    county, date = zip(*rows, strict=True)
    return pd.DataFrame(
        {
            "county": [float(c) for c in county],
            "date_secure": pd.to_datetime(date, format="ISO8601"),
        }
    )


def activation(dates: dict[str, str | None]) -> pd.DataFrame:
    return pd.DataFrame(
        {"fips": list(dates), "activation_date": pd.to_datetime(list(dates.values()))}
    )


def test_activation_dates_one_day_per_zero_padded_county():
    result = county_activation_dates(
        panel(
            [
                (1001, None),
                (1001, "2010-03-02"),
                (1001, "2010-03-02T09:30"),
                (6037, "2009-08-27"),
                (2232, None),
                (2232, None),
            ]
        )
    )
    by_fips = result.set_index("fips")["activation_date"]
    assert list(by_fips.index) == ["01001", "02232", "06037"]
    assert by_fips.dropna().to_dict() == {"01001": T("2010-03-02"), "06037": T("2009-08-27")}
    assert pd.isna(by_fips["02232"])


def test_two_activation_dates_for_one_county_raise():
    rows = [(1001, "2010-03-02"), (1001, "2010-03-03"), (1003, "2010-03-02"), (1005, None)]
    with pytest.raises(ReconciliationError, match=r"more than one activation date: \['01001'\]"):
        county_activation_dates(panel(rows))


SOURCE_DATES = {"01001": "2010-03-02", "02232": "2011-01-11", "12086": "2009-02-24"}


def test_split_county_takes_the_date_of_its_parent_code():
    assert ACTIVATION_SPLITS["02105"][0] == "02232"
    dates, report = reconcile_activation(
        pd.Index(["01001", "02105", "12086"]), activation(SOURCE_DATES)
    )
    assert dates.to_dict() == {
        "01001": T("2010-03-02"),
        "02105": T("2011-01-11"),
        "12086": T("2009-02-24"),
    }
    assert report[["source_fips", "target_fips", "action"]].values.tolist() == [
        ["02232", "02105", "split"]
    ]


@pytest.mark.parametrize(
    "retired_date", [None, "2009-02-24"], ids=["undated", "same-date-as-successor"]
)
def test_retired_code_is_reported(retired_date):
    source = activation({**SOURCE_DATES, "12025": retired_date})
    _, report = reconcile_activation(pd.Index(["01001", "02105", "12086"]), source)
    assert report[["source_fips", "target_fips", "action"]].values.tolist() == [
        ["02232", "02105", "split"],
        ["12025", "12086", "retired"],
    ]


def test_retired_code_dated_unlike_its_successor_raises():
    source = activation({**SOURCE_DATES, "12025": "2009-03-01"})
    with pytest.raises(ReconciliationError, match="Retired code 12025 is dated 2009-03-01"):
        reconcile_activation(pd.Index(["01001", "02105", "12086"]), source)


def test_unknown_activation_code_raises_naming_it():
    source = activation({**SOURCE_DATES, "99001": "2012-01-01"})
    with pytest.raises(ReconciliationError, match="Activation code 99001 matches no 2010 county"):
        reconcile_activation(pd.Index(["01001", "02105", "12086"]), source)


def census(rows: list[tuple[str, str, str, str]]) -> pd.DataFrame:
    """Census population rows, all text as read from the CSV."""
    return pd.DataFrame(rows, columns=["SUMLEV", "STATE", "COUNTY", "CENSUS2010POP"])


# Virginia (51) total 1000 of which its county rows hold 600; Alaska's 02158 is a 2015 rename.
CENSUS = census(
    [
        ("040", "51", "000", "1000"),
        ("050", "51", "001", "200"),
        ("050", "51", "019", "400"),
        ("040", "02", "000", "50"),
        ("050", "02", "158", "50"),
    ]
)
COUNTIES_2010 = pd.Index(["02270", "51001", "51019", "51515"])


def test_census_county_and_state_rows():
    assert county_populations(CENSUS).values.tolist() == [
        ["51001", 200],
        ["51019", 400],
        ["02158", 50],
    ]
    assert state_populations(CENSUS).to_dict() == {"51": 1000, "02": 50}


def test_population_rename_and_state_remainder():
    pops, report = reconcile_population(
        COUNTIES_2010, county_populations(CENSUS), state_populations(CENSUS)
    )
    assert pops.to_dict() == {"02270": 50, "51001": 200, "51019": 400, "51515": 400}
    ours = report[report["target_fips"].isin(COUNTIES_2010)]
    assert ours[["source_fips", "target_fips", "action"]].values.tolist() == [
        ["02158", "02270", "renamed"],
        ["", "51515", "state_remainder"],
    ]


def test_unknown_population_code_raises_naming_it():
    counties = pd.concat(
        [county_populations(CENSUS), pd.DataFrame({"fips": ["99001"], "population_2010": [5]})]
    )
    with pytest.raises(ReconciliationError, match=r"Population codes \['99001'\] match no"):
        reconcile_population(COUNTIES_2010, counties, state_populations(CENSUS))


def acs(rows: list[tuple[int, str, int, int]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["year", "fips", "noncit_pop", "moe"])


def test_noncitizens_take_the_chosen_year_per_county():
    raw = acs(
        [
            (NONCITIZEN_YEAR - 1, "01001", 1, 1),
            (NONCITIZEN_YEAR, "01001", 357, 196),
            (NONCITIZEN_YEAR, "01003", 4_000, 500),
        ]
    )
    result = county_noncitizens(raw, pd.Index(["01001", "01003"]))
    assert result.to_dict("index") == {
        "01001": {"noncitizens": 357, "noncitizens_moe": 196},
        "01003": {"noncitizens": 4_000, "noncitizens_moe": 500},
    }


def test_a_county_without_a_noncitizen_estimate_stops_the_build_named():
    raw = acs([(NONCITIZEN_YEAR, "01001", 357, 196), (NONCITIZEN_YEAR - 1, "01003", 9, 9)])
    with pytest.raises(ReconciliationError, match="01003"):
        county_noncitizens(raw, pd.Index(["01001", "01003"]))
