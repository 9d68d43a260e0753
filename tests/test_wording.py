"""The app's own words: a site's numbers, its ring in a sentence, and what a list leaves out."""

import datetime as dt

import pandas as pd
import pytest

from geo.common import UNDATED
from geo.domain.rings import Dates, RingSummary
from geo.view.wording import activation_dates, comparison, ring_caption, site_metrics, when

AS_OF = dt.date(2010, 6, 1)
SAN_FRANCISCO = RingSummary(  # the built-in numbers of San Francisco on 1 June 2010
    site_id="06075",
    as_of=AS_OF,
    site=Dates(dt.date(2010, 6, 8), dt.date(2010, 6, 8), 0, 0),
    ring=Dates(dt.date(2010, 5, 25), dt.date(2010, 8, 10), 0, 0),
    ring_size=2,
    ring_population=970_860,
    ring_activated=1,
    ring_population_activated=718_451,
    ring_before_site=1,
    ring_noncitizens=134_162,  # Marin 26,216 and San Mateo 107,946 (ACS 2006-2010)
    ring_noncitizens_activated=107_946,
    ring_noncitizens_before_site=107_946,
)


def test_a_dated_site_reads_as_before():
    assert site_metrics(SAN_FRANCISCO, 1) == [
        ("Site activated", "08 Jun 2010"),
        ("Ring activated on 01 Jun 2010", "1 of 2"),
        ("Ring activated before the site", "1 of 2"),
        ("Ring closed", "10 Aug 2010"),
    ]
    assert ring_caption(SAN_FRANCISCO, 1) == (
        "The ring is the 2 counties outside the site that share a border or a corner with it. "
        "Its first county was activated on 25 May 2010, its last 63 days after the site. "
        "On 01 Jun 2010, 74% of the ring's 970,860 people lived in activated counties, and 80% "
        "of its 134,162 noncitizens."
    )


@pytest.mark.parametrize(
    ("dates", "counties", "words"),
    [
        (Dates(None, None, 0, 1), 1, "not in your list"),
        (Dates(None, None, 1, 0), 1, "no date in your list"),
        (Dates(None, None, 0, 64), 64, "not in your list"),
        (Dates(dt.date(2010, 1, 1), None, 0, 3), 64, "3 of 64 not in your list"),
        (Dates(None, None, 2, 3), 5, "3 of 5 not in your list; 2 of 5 no date in your list"),
    ],
    ids=["county-missing", "county-undated", "state-missing", "part-missing", "both"],
)
def test_what_a_list_leaves_out_is_said_in_words(dates, counties, words):
    assert when(dates, counties) == words


def test_a_site_the_list_leaves_out_has_words_for_every_number():
    summary = RingSummary(
        site_id="06075",
        as_of=AS_OF,
        site=Dates(None, None, 0, 1),
        ring=Dates(dt.date(2010, 5, 25), None, 0, 1),
        ring_size=2,
        ring_population=970_860,
        ring_activated=1,
        ring_population_activated=718_451,
        ring_before_site=None,
    )
    assert [value for _, value in site_metrics(summary, 1)] == [
        "not in your list",
        "1 of 2",
        "unknown: the site has no date",
        "1 of 2 not in your list",
    ]
    assert "its last: 1 of 2 not in your list; the site: not in your list." in ring_caption(
        summary, 1
    )


def test_a_site_with_no_neighbour_has_no_ring():
    island = RingSummary("15003", AS_OF, SAN_FRANCISCO.site, Dates(None, None, 0, 0), 0, 0, 0, 0, 0)
    assert site_metrics(island, 1)[-1] == ("Ring closed", "no ring")
    assert ring_caption(island, 1) == "The site touches no other county, so it has no ring."


def test_activation_dates_in_words():
    dates = pd.Series([pd.Timestamp("2010-06-08"), pd.NaT, UNDATED], dtype="datetime64[s]")
    assert activation_dates(dates).tolist() == [
        "08 Jun 2010",
        "not in your list",
        "no date in your list",
    ]


def comparison_row(**changes) -> dict:
    row = {
        "site_id": "06075",
        "site": "San Francisco",
        "level": "county",
        "site_activation": dt.date(2010, 6, 8),
        "site_counties": 1,
        "ring_size": 2,
        "ring_before_site": 1,
        "share_before_site": 0.5,
        "noncitizens_before_site": 0.8,
        "ring_first_activation": dt.date(2010, 5, 25),
        "ring_closure": dt.date(2010, 8, 10),
        "lead_days": -63,
        "site_missing": 0,
        "site_undated": 0,
        "ring_missing": 0,
        "ring_undated": 0,
    }
    return row | changes


def test_the_comparison_table_keeps_numbers_numeric_when_nothing_is_missing():
    shown = comparison(pd.DataFrame([comparison_row()]))
    assert shown.iloc[0].to_dict() == {
        "Site": "San Francisco",
        "Level": "county",
        "Site activated": "2010-06-08",
        "Ring counties": 2,
        "Ring activated before site": 0.5,
        "Ring's noncitizens covered before site": 0.8,
        "First ring county": "2010-05-25",
        "Ring closed": "2010-08-10",
        "Days ring closed before site": -63,
    }


def test_the_comparison_table_says_what_a_list_leaves_out():
    unknown = comparison_row(
        site_activation=None,
        site_missing=1,
        ring_before_site=None,
        share_before_site=None,
        noncitizens_before_site=None,
        ring_closure=None,
        ring_missing=1,
        lead_days=None,
    )
    shown = comparison(pd.DataFrame([comparison_row(), unknown]))
    assert shown["Site activated"].tolist() == ["2010-06-08", "not in your list"]
    assert shown["Ring activated before site"].tolist() == [
        "50%",
        "unknown: the site has no date",
    ]
    assert shown["Ring's noncitizens covered before site"].tolist() == [
        "80%",
        "unknown: the site has no date",
    ]
    assert shown["Ring closed"].tolist() == ["2010-08-10", "1 of 2 not in your list"]
    assert shown["Days ring closed before site"].tolist() == ["-63", "unknown: not in your list"]
