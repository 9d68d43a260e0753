"""The permutation test on synthetic grids whose answer is known by construction."""

import pandas as pd
import pytest
from shapely import box

from geo.adjacency import queen_adjacency
from geo.ringstats import RingTest, permutation_test, ring_test_text

BEFORE, SITE_DAY, AFTER = "2009-01-01", "2010-01-01", "2011-01-01"


def grid(rows: int, cols: int, state_of, date_of, population_of) -> tuple[pd.DataFrame, ...]:
    """Counties on a rows x cols grid numbered in reading order, and their adjacency.

    Each `*_of(row, col)` gives the state FIPS, activation date or population of a cell.
    """
    cells = [(r, c) for r in range(rows) for c in range(cols)]
    frame = pd.DataFrame(
        {
            "fips": [f"{state_of(r, c)}{r * cols + c + 1:03d}" for r, c in cells],
            "state_fips": [state_of(r, c) for r, c in cells],
            "activation_date": pd.to_datetime([date_of(r, c) for r, c in cells]),
            "population_2010": [population_of(r, c) for r, c in cells],
            "noncitizens": [population_of(r, c) // 10 for r, c in cells],
            "geometry": [box(c, -r, c + 1, 1 - r) for r, c in cells],
        }
    )
    return frame, queen_adjacency(frame["fips"], frame["geometry"].to_numpy())


def ring_first_grid():
    """Two 5x5 states side by side; the site is the centre of state 01 (01023).

    Its 8 ring counties went before it; every other county of state 01 went after it,
    and every county of state 02 went before it (another state: no stand-in).
    """

    def date_of(r, c):
        if c >= 5:
            return BEFORE
        if (r, c) == (2, 2):
            return SITE_DAY
        return BEFORE if abs(r - 2) <= 1 and abs(c - 2) <= 1 else AFTER

    return grid(5, 10, lambda r, c: "01" if c < 5 else "02", date_of, lambda r, c: 100 + 10 * r + c)


def checkerboard_grid():
    """One 5x5 state, the site at its centre (01013), every other county went before it.

    Half the ring and half the other counties went before the site.
    """

    def date_of(r, c):
        if (r, c) == (2, 2):
            return SITE_DAY
        return BEFORE if (r + c) % 2 == 0 else AFTER

    return grid(5, 5, lambda r, c: "01", date_of, lambda r, c: 1000 * (r + 1) + c)


def test_ring_activated_before_the_site_is_unlikely_by_chance():
    counties, adjacency = ring_first_grid()
    test = permutation_test(counties, adjacency, ["01023"], draws=1000)
    assert test.per_site.to_dict("records") == [
        {"site_id": "01023", "ring_size": 8, "observed": 1.0, "expected": 0.0}
    ]
    assert (test.observed, test.expected, test.draws) == (1.0, 0.0, 1000)
    assert test.p_value == 1 / 1001
    assert test.p_value < 0.01


def test_ring_like_its_stand_ins_is_no_evidence():
    counties, adjacency = checkerboard_grid()
    test = permutation_test(counties, adjacency, ["01013"], draws=2000)
    assert (test.observed, test.expected) == (0.5, 0.5)
    # P(at least 4 of 8 fair coins) = 163/256 = 0.637
    assert 0.6 < test.p_value < 0.68


def test_same_seed_same_result_and_another_seed_another_draw():
    counties, adjacency = checkerboard_grid()
    first = permutation_test(counties, adjacency, ["01013"], draws=500, seed=7)
    again = permutation_test(counties, adjacency, ["01013"], draws=500, seed=7)
    other = permutation_test(counties, adjacency, ["01013"], draws=500, seed=8)
    assert (first.p_value, first.observed, first.expected) == (
        again.p_value,
        again.observed,
        again.expected,
    )
    pd.testing.assert_frame_equal(first.per_site, again.per_site)
    assert first.p_value != other.p_value


def test_an_island_site_does_not_make_the_pattern_significant():
    counties, _ = checkerboard_grid()
    island = {"fips": "01099", "state_fips": "01", "geometry": box(50, 50, 51, 51)}
    island |= {"activation_date": pd.Timestamp("2010-06-01"), "population_2010": 99_999}
    counties = pd.concat([counties, pd.DataFrame([island])], ignore_index=True)
    adjacency = queen_adjacency(counties["fips"], counties["geometry"].to_numpy())
    alone = permutation_test(counties, adjacency, ["01013"], draws=1000)
    assert alone.p_value > 0.5
    with_island = permutation_test(counties, adjacency, ["01013", "01099"], draws=1000)
    # the island has no ring and is left out: the same test, the same p-value (0.558)
    assert with_island.p_value == alone.p_value
    assert list(with_island.per_site["site_id"]) == ["01013"]


def strip(small: set[int]):
    """25 counties in a row; the site 01013 (column 12) between ring counties 01012 and 01014.

    Columns 0, 1 and 2 went after the site, all others before it. The five counties of
    `small` share the smallest population band; all others are larger.
    """

    def date_of(r, c):
        return SITE_DAY if c == 12 else AFTER if c < 3 else BEFORE

    return grid(1, 25, lambda r, c: "01", date_of, lambda r, c: c if c in small else 1000 + c)


@pytest.mark.parametrize(
    ("small", "expected"),
    [({0, 1, 2, 11, 13}, 0.0), ({0, 1, 11, 12, 13}, 19 / 22)],
    ids=["band-pool-of-3-all-after", "band-pool-of-2-so-whole-state"],
)
def test_stand_ins_come_from_the_ring_countys_population_band(small, expected):
    counties, adjacency = strip(small)
    test = permutation_test(counties, adjacency, ["01013"], draws=100)
    assert test.per_site.to_dict("records") == [
        {"site_id": "01013", "ring_size": 2, "observed": 1.0, "expected": expected}
    ]


def ring_test(p_value: float, *rows: tuple[str, int, float, float]) -> RingTest:
    """A test result from its per-site rows (site_id, ring_size, observed, expected)."""
    per_site = pd.DataFrame(rows, columns=["site_id", "ring_size", "observed", "expected"])
    return RingTest(
        per_site, per_site["observed"].mean(), per_site["expected"].mean(), p_value, 20_000
    )


NAMES = {"06075": "San Francisco [CA]", "17": "Illinois"}
AHEAD = ring_test(0.0012, ("06075", 2, 1.0, 0.5), ("17", 14, 0.5, 0.0))
EVEN = ring_test(0.4, ("06075", 2, 0.5, 0.5), ("17", 14, 0.6, 0.55))


def test_ring_test_text_names_the_shares_and_the_p_value():
    text = ring_test_text(AHEAD, NAMES, [], AHEAD)
    assert "Across the 2 resistant sites, on average 75% of a site's" in text
    assert "drawn at random, give 25%." in text
    assert "(one-sided permutation p = 0.001,\n20,000 draws)" in text
    assert "difference is unlikely to be chance" in text
    assert "no evidence" not in text
    assert "- San Francisco \\[CA\\]: 100% against 50% (2 ring counties)" in text
    assert "- Illinois: 50% against 0% (14 ring counties)" in text


def test_ring_test_text_says_which_sites_carry_the_difference():
    text = ring_test_text(AHEAD, NAMES, [], AHEAD)
    assert (
        "The difference rests on 2 of the 2 sites, whose rings went at least 10 points ahead "
        "of chance: San Francisco \\[CA\\] (100% against 50%), Illinois (50% against 0%)"
    ) in text
    assert "No single site" not in text


@pytest.mark.parametrize(
    "test",
    [EVEN, ring_test(0.01, ("06075", 2, 0.0, 0.5), ("17", 14, 0.5, 0.5))],
    ids=["large-p", "small-p-but-fewer-than-expected"],
)
def test_ring_test_text_says_no_evidence(test):
    text = ring_test_text(test, NAMES, [], test)
    assert "about as often as comparable counties did: no evidence of a ring pattern" in text
    assert f"p = {test.p_value:.3f}" in text
    assert "No single site's ring went clearly (10 points or more) ahead of chance." in text
    assert "unlikely to be chance" not in text


def test_ring_test_text_falls_back_to_the_site_id_without_a_name():
    text = ring_test_text(EVEN, {"17": "Illinois"}, [], EVEN)
    assert "- 06075: 50% against 50% (2 ring counties)" in text


def test_ring_test_text_reports_the_test_without_late_sites():
    early = ring_test(0.2, ("06075", 2, 1.0, 0.5))
    text = ring_test_text(AHEAD, NAMES, ["17"], early)
    assert (
        "At 1 site (Illinois) the first recorded act of resistance came after the site's own "
        "activation"
    ) in text
    assert "Without them (1 site left): 100% against 50% expected (p = 0.200)." in text
    assert "first recorded act" not in ring_test_text(AHEAD, NAMES, [], early)


def test_sites_without_a_date_are_left_out_and_named():
    counties, adjacency = ring_first_grid()
    undated = counties.assign(
        activation_date=counties["activation_date"].where(counties["fips"] != "01023")
    )
    test = permutation_test(undated, adjacency, ["01023"], draws=100)
    assert test.undated == ("01023",)
    assert test.per_site.empty
    text = ring_test_text(test, {"01023": "Centre"}, [], test)
    assert text.startswith("**No result.**")
    assert "Left out, because some of their counties have no date in the data shown: Centre" in (
        text
    )
    assert "nan" not in text
