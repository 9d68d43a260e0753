"""The shipped processed files in data/processed: their content, and (the tests marked
`data`) their agreement with the raw sources in ../shared."""

import datetime as dt
import json
import re

import pandas as pd
import pytest

from geo.build import crosswalk
from geo.build.sources import RAW_DIR, sources
from geo.domain import rollout
from geo.render.leaflet import script_json, spec
from geo.view.compose import compose
from geo.view.selection import Selection

RAW = sources()


@pytest.fixture(scope="module")
def raw_dates():
    return crosswalk.county_activation_dates(RAW["activation"].read()).set_index("fips")[
        "activation_date"
    ]


@pytest.fixture(scope="module")
def census():
    return RAW["population"].read()


@pytest.fixture(scope="module")
def counties(dataset):
    return dataset.counties.set_index("fips")


def test_every_county_of_the_50_states_and_dc(counties):
    assert len(counties) == 3143
    assert counties.index.is_unique
    assert all(re.fullmatch(r"\d{5}", f) for f in counties.index)
    assert counties["state_fips"].nunique() == 51
    assert (counties.index.str[:2] == counties["state_fips"]).all()
    assert "72" not in set(counties["state_fips"])


def test_every_county_has_a_date_and_a_population(counties):
    assert counties["activation_date"].notna().all()
    assert (counties["population_2010"] > 0).all()
    assert counties["activation_date"].min() == pd.Timestamp("2008-10-27")
    assert counties["activation_date"].max() == pd.Timestamp("2013-01-22")


@pytest.mark.data  # reads the raw sources in ../shared
def test_dates_equal_the_raw_panel_for_every_directly_joined_county(counties, raw_dates):
    direct = counties.index.intersection(raw_dates.index)
    assert len(direct) == 3143 - len(crosswalk.ACTIVATION_SPLITS)
    pd.testing.assert_series_equal(
        counties.loc[direct, "activation_date"], raw_dates[direct], check_names=False
    )


@pytest.mark.data  # reads the raw sources in ../shared
def test_split_alaska_areas_take_their_predecessors_date(counties, raw_dates):
    for new, (old, _) in crosswalk.ACTIVATION_SPLITS.items():
        assert counties.at[new, "activation_date"] == raw_dates[old]


@pytest.mark.data  # reads the raw sources in ../shared
def test_population_totals_match_the_census_file(counties, census):
    county_rows = census[census["SUMLEV"] == "050"]["CENSUS2010POP"].astype(int).sum()
    state_rows = census[census["SUMLEV"] == "040"]["CENSUS2010POP"].astype(int).sum()
    assert county_rows == 308_739_316  # 2019 geography: Bedford city (VA) folded away
    assert state_rows == 308_745_538  # the 2010 Census count of the 50 states and DC
    assert counties["population_2010"].sum() == state_rows
    assert counties.at["51515", "population_2010"] == state_rows - county_rows == 6_222


@pytest.mark.parametrize(
    ("fips", "name", "date", "population"),
    [
        ("48201", "Harris County", "2008-10-27", 4_092_459),
        ("25025", "Suffolk County", "2008-11-05", 722_023),
        ("51013", "Arlington County", "2010-04-01", 207_627),
        ("06085", "Santa Clara County", "2010-05-04", 1_781_642),
        ("06075", "San Francisco County", "2010-06-08", 805_235),
        ("08031", "Denver County", "2011-02-15", 600_158),
        ("53033", "King County", "2012-04-03", 1_931_249),
        ("36061", "New York County", "2012-05-15", 1_585_873),
        ("11001", "District of Columbia", "2012-06-05", 601_723),
        ("17031", "Cook County", "2013-01-22", 5_194_675),
        ("12086", "Miami-Dade County", "2009-02-24", 2_496_435),
        ("35013", "Doña Ana County", "2009-06-24", 209_233),
        ("02270", "Wade Hampton Census Area", "2012-04-10", 7_459),
        ("46113", "Shannon County", "2010-08-31", 13_586),
    ],
    ids=lambda v: v if isinstance(v, str) and not v[0].isdigit() else None,
)
def test_known_counties(counties, fips, name, date, population):
    row = counties.loc[fips]
    assert (row["name"], row["activation_date"], row["population_2010"]) == (
        name,
        pd.Timestamp(date),
        population,
    )


def test_activation_counts_by_year(counties):
    by_year = counties["activation_date"].dt.year.value_counts().sort_index().to_dict()
    # The raw panel's codes give 790 in 2010 and 1,043 in 2012; two retired VA city
    # codes (2010) drop out and the three split Alaska areas add two counties (2012).
    assert by_year == {2008: 14, 2009: 91, 2010: 788, 2011: 1099, 2012: 1045, 2013: 106}


@pytest.mark.parametrize(
    ("as_of", "activated", "states"),
    [
        # ICE's FY2010 Q4 report: 658 jurisdictions in 32 states at the close of FY2010.
        ("2010-09-30", 659, 32),
        # The Olympian, 2010-11-30: 788 jurisdictions across 34 states.
        ("2010-11-30", 802, 34),
        # SOURCES.md: 1,053 panel codes by then; two are retired Virginia cities.
        ("2011-02-17", 1051, 39),
        ("2013-01-22", 3143, 51),
    ],
)
def test_rollout_as_of_dates_near_ices_own_counts(dataset, as_of, activated, states):
    summary = rollout.summarize(dataset.counties, dt.date.fromisoformat(as_of))
    assert (summary.counties_activated, summary.states_participating) == (activated, states)


@pytest.mark.data  # reads the raw sources in ../shared
def test_state_last_activation_is_the_panels_statewide_date(dataset):
    panel = RAW["activation"].read()
    statewide = panel.groupby(panel["statefips"].astype(int).astype(str).str.zfill(2))[
        "date_statewide_secure"
    ].max()
    states = dataset.states.set_index("state_fips")
    assert len(states) == 51
    pd.testing.assert_series_equal(
        states["last_activation"], statewide.reindex(states.index), check_names=False
    )
    assert states.at["48", "first_activation"] == pd.Timestamp("2008-10-27")
    assert states["counties"].sum() == 3143
    assert states["population_2010"].sum() == 308_745_538


@pytest.mark.parametrize(
    ("fips", "neighbours"),
    [
        ("51013", {"11001", "51059", "51510", "51610"}),  # Arlington VA
        ("06075", {"06041", "06081"}),  # San Francisco: Marin, San Mateo
        ("11001", {"24031", "24033", "51013", "51059", "51510"}),  # DC
        # Fallon MT: its North Dakota border has sub-micrometre gaps in the raw file.
        ("30025", {"30011", "30017", "30079", "30109", "38011", "38033", "38087", "46063"}),
    ],
)
def test_adjacency_of_known_counties(dataset, fips, neighbours):
    adj = dataset.adjacency
    found = set(adj.loc[adj["fips"] == fips, "neighbor_fips"]) | set(
        adj.loc[adj["neighbor_fips"] == fips, "fips"]
    )
    assert found == neighbours


def test_adjacency_table_is_well_formed(dataset):
    adj, fips = dataset.adjacency, set(dataset.counties["fips"])
    assert (adj["fips"] < adj["neighbor_fips"]).all()
    assert set(adj["fips"]) | set(adj["neighbor_fips"]) <= fips
    assert set(adj["contact"]) == {"border", "corner"}
    # Four Corners: Arizona and Colorado, Utah and New Mexico meet only at a point.
    corners = adj[adj["contact"] == "corner"]
    assert {("04001", "08083"), ("35045", "49037")} <= set(
        zip(corners["fips"], corners["neighbor_fips"], strict=True)
    )
    touching = set(adj["fips"]) | set(adj["neighbor_fips"])
    islands = {"02016", "15001", "15003", "15007", "25019", "36085", "53055"}
    assert fips - touching == islands


def test_neighbours_that_share_a_border_share_an_arc(dataset):
    shapes = dataset.shapes
    row = {fips: i for i, fips in enumerate(shapes.counties.fips)}
    shared = {tuple(sorted(side)) for side in shapes.sides.tolist() if min(side) >= 0}
    borders = dataset.adjacency[dataset.adjacency["contact"] == "border"]
    pairs = {
        tuple(sorted((row[a], row[b])))
        for a, b in zip(borders["fips"], borders["neighbor_fips"], strict=True)
    }
    assert pairs == shared  # and a corner is not a border: no arc between corner neighbours


def test_the_national_view_sends_at_most_half_a_megabyte_and_a_state_adds_at_most_that(dataset):
    national = len(script_json(spec(compose(dataset, Selection()))).encode())
    assert national <= 500_000
    for state in ("TN", "TX", "CA", "VA", "AK"):  # wide, big, long, many cities, inset
        added = len(script_json(spec(compose(dataset, Selection(state=state)))).encode())
        assert added - national <= 500_000, state


@pytest.mark.data  # reads the raw sources in ../shared
def test_every_unjoined_source_code_is_explained(dataset, raw_dates, census):
    report = dataset.reconciliation
    assert report["reason"].str.len().gt(10).all()
    shapes = set(dataset.counties["fips"])
    unjoined_dates = set(raw_dates.index) - shapes
    assert unjoined_dates == set(report.loc[report["source"] == "activation", "source_fips"])
    pops = census[census["SUMLEV"] == "050"]
    unjoined_pops = set(pops["STATE"] + pops["COUNTY"]) - shapes
    population_rows = report[report["source"] == "population"]
    assert unjoined_pops == set(population_rows["source_fips"]) - {""}
    assert len(report[report["action"] == "out_of_scope"]) == 78  # Puerto Rico


@pytest.mark.data  # reads the raw sources in ../shared
def test_manifest_records_the_raw_inputs_as_they_are_now(dataset):
    recorded = dataset.manifest["inputs"]
    for key, source in RAW.items():
        assert recorded[key] == source.checksums(), f"{key} changed: run python -m geo.build"
    sums = (RAW_DIR / "SOURCES.md").read_text()
    assert recorded["activation"]["securecommunities.dta"] in sums


def test_every_required_site_has_sourced_events(dataset):
    required = {"51013", "06075", "06085", "11001", "17031", "08", "36", "41", "53", "17", "25"}
    assert required | {"3651000"} <= set(dataset.sites["site_id"])
    events = dataset.events
    assert set(events["site_id"]) == set(dataset.sites["site_id"]) | {"US"}  # US: national
    assert events["source_url"].str.match(r"https?://").all()
    dc = events[(events["site_id"] == "11001") & (events["event_type"] == "activated")]
    assert list(dc["event_date"]) == ["2012-06-05"]


def test_manifest_is_valid_json_with_output_row_counts(dataset):
    outputs = dataset.manifest["outputs"]
    assert outputs["counties.parquet"]["rows"] == 3143
    assert outputs["states.parquet"]["rows"] == 51
    json.dumps(dataset.manifest)
