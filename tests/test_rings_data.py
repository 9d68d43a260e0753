"""Rings of real resistant sites on the shipped data in data/processed (names and dates
were checked by hand against ../shared/data/derived/sc_activation_by_county.csv; the tests
need only the shipped data)."""

import datetime as dt

import pytest

from geo.domain.rings import compare_sites, ring, site_members, summarize_ring


@pytest.mark.parametrize(
    ("site_id", "expected"),
    [
        ("06075", {"06041": "2010-08-10", "06081": "2010-05-25"}),  # Marin, San Mateo
        (
            "51013",  # Arlington VA: DC, Fairfax, Alexandria, Falls Church
            {
                "11001": "2012-06-05",
                "51059": "2009-03-09",
                "51510": "2010-03-30",
                "51610": "2010-05-25",
            },
        ),
        (
            "17031",  # Cook IL: DuPage, Kane, Lake, McHenry, Will, and Lake County IN
            {
                "17043": "2009-11-24",
                "17089": "2009-11-24",
                "17097": "2010-04-13",
                "17111": "2010-04-13",
                "17197": "2010-04-13",
                "18089": "2011-12-13",
            },
        ),
        (
            "3651000",  # New York City: Bergen and Hudson NJ, Nassau and Westchester NY
            {
                "34003": "2012-02-22",
                "34017": "2012-02-22",
                "36059": "2011-02-08",
                "36119": "2011-02-23",
            },
        ),
    ],
    ids=["San Francisco", "Arlington", "Cook", "New York City"],
)
def test_ring_members_and_their_dates(dataset, site_id, expected):
    around = ring(dataset.adjacency, site_members(dataset.counties, site_id))
    assert set(around) == set(expected)
    dates = dataset.counties.set_index("fips").loc[sorted(expected), "activation_date"]
    assert {f: f"{d:%Y-%m-%d}" for f, d in dates.items()} == expected


def test_san_francisco_panel_numbers(dataset):
    summary = summarize_ring(dataset.counties, "06075", ["06041", "06081"], dt.date(2010, 6, 1))
    assert summary.site_activation == dt.date(2010, 6, 8)
    assert (summary.ring_size, summary.ring_activated, summary.ring_before_site) == (2, 1, 1)
    assert summary.ring_population == 252_409 + 718_451  # Marin, San Mateo (2010 Census)
    assert summary.ring_population_activated == 718_451
    assert summary.ring_closure == dt.date(2010, 8, 10)
    assert summary.lead_days == -63  # the ring closed 63 days after the site


def test_washington_state_ring_is_counties_of_idaho_and_oregon(dataset):
    around = ring(dataset.adjacency, site_members(dataset.counties, "53"))
    assert {f[:2] for f in around} == {"16", "41"}
    assert len(around) == 16
    summary = summarize_ring(dataset.counties, "53", sorted(around), dt.date(2013, 1, 22))
    assert summary.site_first_activation == dt.date(2011, 6, 21)
    assert summary.site_activation == dt.date(2012, 4, 3)
    assert summary.ring_before_site == 16
    assert summary.ring_closure == dt.date(2011, 11, 29)


def test_new_york_city_is_its_five_boroughs_and_its_ring_closed_first(dataset):
    boroughs = {"36005", "36047", "36061", "36081", "36085"}
    assert site_members(dataset.counties, "3651000") == boroughs
    around = sorted(ring(dataset.adjacency, boroughs))
    summary = summarize_ring(dataset.counties, "3651000", around, dt.date(2013, 1, 22))
    assert summary.site_first_activation == summary.site_activation == dt.date(2012, 5, 15)
    assert summary.ring_closure == dt.date(2012, 2, 22)
    assert (summary.ring_before_site, summary.lead_days) == (4, 83)


def test_all_sites_table(dataset):
    table = compare_sites(dataset.counties, dataset.adjacency, dataset.sites)
    assert list(table["site_id"]) == list(dataset.sites["site_id"])
    cook = table.set_index("site_id").loc["17031"]
    assert (cook["ring_size"], cook["share_before_site"], cook["lead_days"]) == (6, 1.0, 406)
