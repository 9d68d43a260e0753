"""Sites, rings and ring summaries on hand-built grids of unit squares."""

import datetime as dt

import geopandas as gpd
import pandas as pd
import pytest
from shapely import box

from geo.build.adjacency import queen_adjacency
from geo.common import UNDATED
from geo.domain.rings import Dates, compare_sites, ring, ring_fill, site_members, summarize_ring

STATES = {"a": ("01", "AL"), "b": ("02", "AK")}


def counties(layout: list[str], dates: dict[str, str] | None = None) -> gpd.GeoDataFrame:
    """One unit square per letter of `layout` (rows top to bottom, "." for no county).

    Each letter is a state; its counties are numbered in reading order (01001, 01002, ...).
    Every county is activated on 2010-01-01 unless `dates` says otherwise, its 2010
    population is its own number times 100 and its noncitizens its number squared times 10.
    """
    rows, count = [], dict.fromkeys(STATES, 0)
    for row, line in enumerate(layout):
        y = len(layout) - 1 - row
        for x, letter in enumerate(line):
            if letter != ".":
                count[letter] += 1
                rows.append((letter, count[letter], box(x, y, x + 1, y + 1)))
    rows.sort(key=lambda row: (STATES[row[0]][0], row[1]))
    frame = gpd.GeoDataFrame(
        {
            "fips": [f"{STATES[s][0]}{n:03d}" for s, n, _ in rows],
            "state_fips": [STATES[s][0] for s, _, _ in rows],
            "state": [STATES[s][1] for s, _, _ in rows],
            "name": [f"County {n}" for _, n, _ in rows],
            "population_2010": [n * 100 for _, n, _ in rows],
            "noncitizens": [n * n * 10 for _, n, _ in rows],
            "geometry": [geom for _, _, geom in rows],
        }
    )
    given = dates or {}
    frame["activation_date"] = pd.to_datetime([given.get(f, "2010-01-01") for f in frame["fips"]])
    return frame


def adjacency(frame: gpd.GeoDataFrame) -> pd.DataFrame:
    return queen_adjacency(frame["fips"], frame.geometry.to_numpy())


# 01001 01002 01003
# 01004 01005 01006
# 01007 01008 01009
GRID_3X3 = ["aaa", "aaa", "aaa"]
# 01001 01002 01003 01004 01005
# 01006 02001 02002 01007 01008
# 01009 01010 01011 01012 01013
STATE_IN_GRID = ["aaaaa", "abbaa", "aaaaa"]


def test_numbering_follows_reading_order():
    frame = counties(["ab", "aa"])
    corners = frame.geometry.bounds
    assert list(zip(frame["fips"], corners["minx"], corners["miny"], strict=True)) == [
        ("01001", 0, 1),
        ("01002", 0, 0),
        ("01003", 1, 0),
        ("02001", 1, 1),
    ]


def contacts(table: pd.DataFrame, fips: str) -> dict[str, str]:
    """Each neighbour of `fips` and how it touches it."""
    mine = table[(table["fips"] == fips) | (table["neighbor_fips"] == fips)]
    others = mine["fips"].where(mine["fips"] != fips, mine["neighbor_fips"])
    return dict(zip(others, mine["contact"], strict=True))


def test_centre_of_three_by_three_has_four_border_and_four_corner_neighbours():
    table = adjacency(counties(GRID_3X3))
    assert contacts(table, "01005") == {
        "01001": "corner",
        "01002": "border",
        "01003": "corner",
        "01004": "border",
        "01006": "border",
        "01007": "corner",
        "01008": "border",
        "01009": "corner",
    }
    assert ring(table, {"01005"}) == dict.fromkeys(sorted(contacts(table, "01005")), 1)


def test_corner_contact_alone_puts_a_county_in_the_ring():
    table = adjacency(counties([".a", "a."]))  # 01001 top right, 01002 bottom left
    assert list(table["contact"]) == ["corner"]
    assert ring(table, {"01002"}) == {"01001": 1}


def test_island_county_has_an_empty_ring():
    table = adjacency(counties(["aa..", "aa.a"]))  # 01005 stands alone
    assert ring(table, {"01005"}) == {}
    assert ring(table, {"01005"}, order=2) == {}


def test_ring_of_a_two_county_state_excludes_its_own_counties():
    frame = counties(STATE_IN_GRID)
    around = ring(adjacency(frame), site_members(frame, "02"))
    expected = [1, 2, 3, 4, 6, 7, 9, 10, 11, 12]  # all but 01005, 01008, 01013 on the right
    assert around == {f"01{n:03d}": 1 for n in expected}


@pytest.mark.parametrize(
    ("site", "expected"),
    [
        ("01001", ["01002", "01004", "01005"]),
        ("01002", ["01001", "01003", "01004", "01005", "01006"]),
        ("01009", ["01005", "01006", "01008"]),
    ],
    ids=["top-left-corner", "top-edge", "bottom-right-corner"],
)
def test_site_on_the_edge_of_the_coverage_gets_only_existing_neighbours(site, expected):
    assert ring(adjacency(counties(GRID_3X3)), {site}) == dict.fromkeys(expected, 1)


@pytest.mark.parametrize(
    ("layout", "site", "order", "expected"),
    [
        (
            GRID_3X3,
            "01001",
            2,
            {"01002": 1, "01004": 1, "01005": 1, "01003": 2, "01006": 2, "01007": 2,
             "01008": 2, "01009": 2},
        ),
        (["aaaaa"], "01001", 3, {"01002": 1, "01003": 2, "01004": 3}),
        (["aaaaa"], "01003", 2, {"01001": 2, "01002": 1, "01004": 1, "01005": 2}),
        (["aaaaa"], "01003", 1, {"01002": 1, "01004": 1}),
    ],
    ids=["corner-of-grid-order-2", "strip-end-order-3", "strip-middle-order-2", "order-1"],
)  # fmt: skip
def test_ring_orders(layout, site, order, expected):
    assert ring(adjacency(counties(layout)), {site}, order=order) == expected


@pytest.mark.parametrize(
    ("site", "expected"),
    [("02", {"02001", "02002"}), ("01005", {"01005"}), ("02002", {"02002"})],
    ids=["state", "county", "county-of-other-state"],
)
def test_site_members(site, expected):
    assert site_members(counties(STATE_IN_GRID), site) == expected


@pytest.mark.parametrize("site", ["03", "01099", "0"], ids=["state", "county", "too-short"])
def test_site_members_names_an_unknown_id(site):
    with pytest.raises(KeyError, match=f"No county or state has FIPS code '{site}'"):
        site_members(counties(STATE_IN_GRID), site)


CENTRE_DATES = {
    "01005": "2010-06-08",  # the site
    "01001": "2009-03-10",
    "01002": "2010-06-08",  # same day as the site: not before it
    "01003": "2010-01-05",
    "01004": "2010-01-05",
    "01006": "2011-02-01",
    "01007": "2009-11-24",
    "01008": "2010-03-30",
    "01009": "2010-08-10",
}
CENTRE_RING = ["01001", "01002", "01003", "01004", "01006", "01007", "01008", "01009"]


def test_summary_of_a_county_site():
    frame = counties(GRID_3X3, CENTRE_DATES)
    summary = summarize_ring(frame, "01005", CENTRE_RING, dt.date(2010, 3, 30))
    assert (summary.site_id, summary.as_of) == ("01005", dt.date(2010, 3, 30))
    assert summary.site_first_activation == summary.site_activation == dt.date(2010, 6, 8)
    assert (summary.ring_size, summary.ring_population) == (8, 4000)
    # activated by 30 March 2010, that day included: 01001, 01003, 01004, 01007, 01008
    assert (summary.ring_activated, summary.ring_population_activated) == (5, 2300)
    assert summary.ring_first_activation == dt.date(2009, 3, 10)
    assert summary.ring_closure == dt.date(2011, 2, 1)
    assert summary.ring_before_site == 5
    assert summary.share_before_site == 0.625
    # 10 + 90 + 160 + 490 + 640 of the ring's 2,600 noncitizens, on the date and before the site
    assert (summary.ring_noncitizens, summary.ring_noncitizens_activated) == (2600, 1390)
    assert summary.ring_noncitizen_share == summary.noncitizens_before_site == 1390 / 2600
    assert summary.lead_days == -238


@pytest.mark.parametrize(
    ("ring_dates", "lead_days"),
    [
        (["2009-01-01", "2009-01-11"], 20),
        (["2009-01-01", "2009-01-31"], 0),
        (["2009-01-01", "2009-02-02"], -2),
    ],
    ids=["ring-closed-first", "same-day", "ring-closed-after"],
)
def test_lead_days_is_positive_when_the_ring_closes_first(ring_dates, lead_days):
    dates = {"01001": ring_dates[0], "01002": "2009-01-31", "01003": ring_dates[1]}
    summary = summarize_ring(counties(["aaa"], dates), "01002", ["01001", "01003"], dt.date.max)
    assert summary.lead_days == lead_days


def test_state_site_is_activated_with_its_last_county():
    # 01001 02001 02002
    # 01002 01003 01004
    dates = {"02001": "2010-01-05", "02002": "2011-02-01"}
    dates |= {"01001": "2010-06-08", "01002": "2011-02-01", "01003": "2012-01-01"}
    frame = counties(["abb", "aaa"], dates)
    around = sorted(ring(adjacency(frame), site_members(frame, "02")))
    assert around == ["01001", "01002", "01003", "01004"]
    summary = summarize_ring(frame, "02", around, dt.date(2010, 6, 8))
    assert summary.site_first_activation == dt.date(2010, 1, 5)
    assert summary.site_activation == dt.date(2011, 2, 1)
    # 01001 and 01004 (2010-01-01) came between the state's first and last county
    assert (summary.ring_activated, summary.ring_population_activated) == (2, 500)
    assert (summary.ring_before_site, summary.ring_population) == (2, 1000)
    assert summary.lead_days == -334  # 1 Feb 2011 to 1 Jan 2012


def test_ring_fill_steps_once_per_distinct_date():
    frame = counties(GRID_3X3, CENTRE_DATES)
    fill = ring_fill(frame, ["01006", "01003", "01004", "01008"])
    assert list(fill.columns) == ["date", "activated", "share"]
    assert fill.to_dict("list") == {
        "date": [pd.Timestamp(d) for d in ("2010-01-05", "2010-03-30", "2011-02-01")],
        "activated": [2, 3, 4],
        "share": [0.5, 0.75, 1.0],
    }


def sites(*rows: tuple[str, str, str]) -> pd.DataFrame:
    """The curated sites table: site_id, name, level, state."""
    return pd.DataFrame(rows, columns=["site_id", "name", "level"]).assign(state="AL")


COMPARE_COLUMNS = [
    "site_id",
    "site",
    "level",
    "site_activation",
    "site_counties",
    "ring_size",
    "ring_before_site",
    "share_before_site",
    "noncitizens_before_site",
    "ring_first_activation",
    "ring_closure",
    "lead_days",
    "site_missing",
    "site_undated",
    "ring_missing",
    "ring_undated",
]
COMPLETE = {"site_missing": 0, "site_undated": 0, "ring_missing": 0, "ring_undated": 0}


def test_compare_sites_gives_one_row_per_site():
    dates = {"02001": "2010-01-05", "02002": "2010-09-01", "01013": "2010-12-01"}
    dates |= {"01001": "2009-05-01", "01004": "2011-03-01", "01012": "2010-09-01"}
    frame = counties(STATE_IN_GRID, dates)
    listed = sites(("02", "Alaska", "state"), ("01013", "Corner", "county"))
    table = compare_sites(frame, adjacency(frame), listed)
    assert list(table.columns) == COMPARE_COLUMNS
    assert table.to_dict("records") == [
        {
            "site_id": "02",
            "site": "Alaska",
            "level": "state",
            "site_activation": dt.date(2010, 9, 1),
            "site_counties": 2,
            "ring_size": 10,
            "ring_before_site": 8,  # not 01004 (after) nor 01012 (the same day)
            "share_before_site": 0.8,
            "noncitizens_before_site": 401 / 561,  # numbers squared, without 4 and 12
            "ring_first_activation": dt.date(2009, 5, 1),
            "ring_closure": dt.date(2011, 3, 1),
            "lead_days": -181,
        }
        | COMPLETE,
        {
            "site_id": "01013",
            "site": "Corner",
            "level": "county",
            "site_activation": dt.date(2010, 12, 1),
            "site_counties": 1,
            "ring_size": 3,  # 01007, 01008, 01012
            "ring_before_site": 3,
            "share_before_site": 1.0,
            "noncitizens_before_site": 1.0,
            "ring_first_activation": dt.date(2010, 1, 1),
            "ring_closure": dt.date(2010, 9, 1),
            "lead_days": 91,
        }
        | COMPLETE,
    ]


def test_compare_sites_with_second_order_ring():
    frame = counties(["aaaaa"], {"01001": "2009-01-01", "01004": "2012-01-01"})
    table = compare_sites(frame, adjacency(frame), sites(("01002", "West", "county")), order=2)
    assert table[["ring_size", "ring_before_site", "ring_closure", "lead_days"]].to_dict(
        "records"
    ) == [{"ring_size": 3, "ring_before_site": 1, "ring_closure": dt.date(2012, 1, 1),
           "lead_days": -730}]  # fmt: skip


def test_compare_sites_survives_an_island_site():
    frame = counties(["aa..", "aa.a"])  # 01005 stands alone
    table = compare_sites(frame, adjacency(frame), sites(("01005", "Island", "county")))
    assert table.loc[0, "ring_size"] == 0
    assert pd.isna(table.loc[0, "lead_days"])


def test_a_site_missing_from_a_users_list_has_no_date_and_no_lead():
    frame = counties(GRID_3X3, CENTRE_DATES)
    frame.loc[frame["fips"] == "01005", "activation_date"] = pd.NaT
    summary = summarize_ring(frame, "01005", CENTRE_RING, dt.date(2010, 3, 30))
    assert summary.site == Dates(first=None, last=None, undated=0, missing=1)
    assert (summary.site_activation, summary.ring_before_site, summary.lead_days) == (
        None,
        None,
        None,
    )
    assert summary.share_before_site is None
    assert summary.ring_closure == dt.date(2011, 2, 1)  # the ring is known all the same
    assert summary.ring_activated == 5


def test_a_ring_partly_missing_or_undated_has_a_first_date_but_no_closure():
    frame = counties(GRID_3X3, CENTRE_DATES)
    frame.loc[frame["fips"] == "01006", "activation_date"] = pd.NaT  # not in the list
    frame.loc[frame["fips"] == "01009", "activation_date"] = UNDATED  # "yes", no date
    summary = summarize_ring(frame, "01005", CENTRE_RING, dt.date(2010, 3, 30))
    assert summary.ring == Dates(first=dt.date(2009, 3, 10), last=None, undated=1, missing=1)
    assert summary.lead_days is None
    assert summary.ring_before_site == 5  # only dated counties can come before the site
    assert summary.ring_activated == 6  # an undated "yes" counts as activated on every date


def test_compare_sites_counts_what_a_list_does_not_date():
    frame = counties(GRID_3X3, CENTRE_DATES)
    frame["activation_date"] = pd.NaT
    table = compare_sites(frame, adjacency(frame), sites(("01005", "Centre", "county")))
    row = table.iloc[0]
    assert (row["site_missing"], row["ring_missing"], row["ring_size"]) == (1, 8, 8)
    assert row["site_activation"] is None and pd.isna(row["lead_days"])
