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
    assert first == again or (
        first.p_value == again.p_value and first.per_site.equals(again.per_site)
    )
    assert first.p_value != other.p_value


def strip(stand_in_population: int):
    """25 counties in a row, site 01013 between ring counties 01012 and 01014 (smallest).

    The three other smallest counties went after the site, the rest before it. With
    `stand_in_population` small they share the ring's population band (pool of 3);
    large, the band has two of them left and the whole state is the pool.
    """
    small = {11, 13, 0, 1, 2}  # columns: the ring, then its stand-ins

    def population(r, c):
        if c in {11, 13}:
            return c
        return stand_in_population + c if c in small else 1000 + c

    def date_of(r, c):
        if c == 12:
            return SITE_DAY
        return AFTER if c in {0, 1, 2} else BEFORE

    return grid(1, 25, lambda r, c: "01", date_of, population)


@pytest.mark.parametrize(
    ("stand_in_population", "expected"),
    [(0, 0.0), (900, 19 / 22)],
    ids=["same-band-pool", "pool-too-small-whole-state"],
)
def test_stand_ins_come_from_the_ring_countys_population_band(stand_in_population, expected):
    counties, adjacency = strip(stand_in_population)
    if stand_in_population:  # one small stand-in is replaced by the site to thin the band
        counties.loc[counties["fips"] == "01013", "population_2010"] = 20
        counties.loc[counties["fips"] == "01003", "population_2010"] = 5000
    test = permutation_test(counties, adjacency, ["01013"], draws=100)
    assert test.per_site.loc[0, "observed"] == 1.0
    assert test.per_site.loc[0, "expected"] == pytest.approx(expected, abs=1e-12)


def ring_test(observed: float, expected: float, p_value: float) -> RingTest:
    per_site = pd.DataFrame(
        {
            "site_id": ["06075", "17"],
            "ring_size": [2, 14],
            "observed": [1.0, observed * 2 - 1.0],
            "expected": [0.5, expected * 2 - 0.5],
        }
    )
    return RingTest(per_site, observed, expected, p_value, draws=20_000)


def test_ring_test_text_names_the_shares_and_the_p_value():
    text = ring_test_text(ring_test(0.75, 0.25, 0.0012))
    assert "Across the 2 resistant sites, on average 75% of a site's" in text
    assert "drawn at random, give 25%." in text
    assert "(one-sided permutation p = 0.001,\n20,000 draws)" in text
    assert "unlikely to be chance" in text
    assert "no evidence" not in text
    assert "- 06075: 100% against 50% (2 ring counties)" in text
    assert "- 17: 50% against 0% (14 ring counties)" in text


@pytest.mark.parametrize(
    ("observed", "expected", "p_value"),
    [(0.55, 0.5, 0.4), (0.3, 0.5, 0.01)],
    ids=["large-p", "small-p-but-fewer-than-expected"],
)
def test_ring_test_text_says_no_evidence(observed, expected, p_value):
    text = ring_test_text(ring_test(observed, expected, p_value))
    assert "about as often as comparable counties did: no evidence of a ring pattern" in text
    assert f"p = {p_value:.3f}" in text
    assert "unlikely to be chance" not in text
