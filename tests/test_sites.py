"""Validation of the curated sites and events, on two- and three-row tables."""

import re

import pandas as pd
import pytest

from geo.build.sites import CurationError, validate_events, validate_sites, validate_starts

COUNTIES = pd.DataFrame(
    {
        "fips": ["06075", "06085", "32003", "36005", "36047", "36061", "36081", "36085"],
        "state": ["CA", "CA", "NV", "NY", "NY", "NY", "NY", "NY"],
        "state_fips": ["06", "06", "32", "36", "36", "36", "36", "36"],
    }
)


def sites(*changes: tuple[str, int, str]) -> pd.DataFrame:
    """Four valid sites, a county, a state, a county and a city; each change is
    (column, row, value)."""
    frame = pd.DataFrame(
        {
            "site_id": ["32003", "06", "06075", "3651000"],
            "name": ["Clark County", "California", "San Francisco", "New York City"],
            "level": ["county", "state", "county", "city"],
            "state": ["NV", "CA", "CA", "NY"],
            "note": ["", "", "", "Five boroughs, five counties."],
            "note_es": ["", "", "", "Cinco distritos, cinco condados."],
        }
    )
    for column, row, value in changes:
        frame.loc[row, column] = value
    return frame


def events(*changes: tuple[str, int, str]) -> pd.DataFrame:
    """Two valid events; each change is (column, row, value)."""
    frame = pd.DataFrame(
        {
            "site_id": ["06075", "06"],
            "event_date": ["2010-05-18", "2013"],
            "date_precision": ["day", "year"],
            "event_type": ["opt_out_request", "trust_act"],
            "description": ["Sheriff asks to opt out.", "TRUST Act signed."],
            "description_es": ["El alguacil pide salirse.", "Se firma la TRUST Act."],
            "source_url": ["https://example.org/a", "http://example.org/b"],
            "source_outlet": ["Example Times", "Example Post"],
            "verified": ["yes", "no"],
        }
    )
    for column, row, value in changes:
        frame.loc[row, column] = value
    return frame


def test_valid_sites_pass_sorted_by_id():
    assert validate_sites(sites(), COUNTIES)["site_id"].tolist() == [
        "06",
        "06075",
        "32003",
        "3651000",
    ]


def test_valid_events_pass_sorted_by_site_and_date():
    result = validate_events(events(("site_id", 1, "06075"), ("event_date", 1, "2009")), sites())
    assert result["event_date"].tolist() == ["2009", "2010-05-18"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("state", 2, "NV"), "line 4: 06075 is not a county of NV"),
        (("site_id", 0, "06085"), "line 2: 06085 is not a county of NV"),
        (("level", 2, "state"), "line 4: level 'state' needs a 5-digit county, 2-digit"),
        (("level", 1, "county"), "line 3: level 'county' needs a 5-digit county, 2-digit"),
        (("site_id", 1, "32"), "line 3: 32 is not a state of CA"),
        (("name", 0, "  "), "line 2: empty name"),
        (("site_id", 3, "3600000"), "line 5: 3600000 is not a city of NY"),
        (("state", 3, "NJ"), "line 5: 3651000 is not a city of NJ"),
        (("level", 3, "county"), "line 5: level 'county' needs a 5-digit county, 2-digit"),
    ],
    ids=[
        "county-in-other-state",
        "fips-of-other-state",
        "county-id-as-state",
        "state-id-as-county",
        "state-id-of-other-state",
        "blank-name",
        "unknown-city",
        "city-in-other-state",
        "city-id-as-county",
    ],
)
def test_bad_site_is_named_by_line(change, message):
    with pytest.raises(
        CurationError, match=rf"resistant_sites\.csv has 1 problem\(s\):\n{re.escape(message)}"
    ):
        validate_sites(sites(change), COUNTIES)


def test_duplicate_site_ids_are_named_by_line():
    with pytest.raises(CurationError, match=r"line 2.*06075|06075.*line 2"):
        validate_sites(sites(("site_id", 0, "06075"), ("state", 0, "CA")), COUNTIES)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("site_id", 0, "06085"), "line 2: unknown site_id '06085'"),
        (("event_date", 0, "2010-05"), "line 2: date '2010-05' does not fit precision 'day'"),
        (
            ("date_precision", 0, "month"),
            "line 2: date '2010-05-18' does not fit precision 'month'",
        ),
        (("event_date", 1, "2013-09"), "line 3: date '2013-09' does not fit precision 'year'"),
        (("date_precision", 1, "decade"), "line 3: date '2013' does not fit precision 'decade'"),
        (("source_url", 1, "ftp://example.org/b"), "line 3: source_url must be an http"),
        (("source_url", 0, "example.org/a"), "line 2: source_url must be an http"),
        (("event_type", 0, "Opt-out"), "line 2: event_type must be snake_case"),
        (("source_outlet", 1, ""), "line 3: description and source_outlet are required"),
    ],
    ids=[
        "unknown-site",
        "month-date-for-day",
        "day-date-for-month",
        "month-date-for-year",
        "unknown-precision",
        "ftp-source",
        "source-without-scheme",
        "event-type-not-snake-case",
        "missing-outlet",
    ],
)
def test_bad_event_is_named_by_line(change, message):
    with pytest.raises(
        CurationError, match=rf"resistance_events\.csv has 1 problem\(s\):\n{re.escape(message)}"
    ):
        validate_events(events(change), sites())


def test_a_national_event_belongs_to_every_site():
    national = validate_events(events(("site_id", 1, "US")), sites())
    assert national["site_id"].tolist() == ["06075", "US"]


def test_impossible_day_date_raises():
    with pytest.raises(CurationError, match="line 2: date '2010-13-45'"):
        validate_events(events(("event_date", 0, "2010-13-45")), sites())


def test_every_problem_is_listed():
    bad = events(("site_id", 0, "99999"), ("source_url", 1, "mailto:x@example.org"))
    with pytest.raises(CurationError, match=r"2 problem\(s\):\nline 2: .*\nline 3: source_url"):
        validate_events(bad, sites())


@pytest.mark.parametrize(
    ("validate", "frame", "message"),
    [
        (
            lambda f: validate_sites(f, COUNTIES),
            sites().drop(columns=["state", "note"]),
            r"resistant_sites.csv: missing columns \['state', 'note'\]",
        ),
        (
            lambda f: validate_events(f, sites()),
            events().drop(columns=["verified", "source_url"]),
            r"resistance_events.csv: missing columns \['source_url', 'verified'\]",
        ),
    ],
    ids=["sites", "events"],
)
def test_missing_columns_are_named(validate, frame, message):
    with pytest.raises(CurationError, match=message):
        validate(frame)


def starts(*changes: tuple[str, int, str]) -> pd.DataFrame:
    """A valid start for each of the four sites of `sites()`; each change is
    (column, row, value)."""
    frame = pd.DataFrame(
        {
            "site_id": ["32003", "06", "06075", "3651000"],
            "resistance_start": ["2010-05-18", "2011-06", "2010-09-28", "2011-08-17"],
            "date_precision": ["day", "month", "day", "day"],
            "act": ["Sheriff asks to opt out."] * 4,
            "act_es": ["El alguacil pide salirse."] * 4,
            "source_url": ["https://example.org/a"] * 4,
            "source_outlet": ["Example Times"] * 4,
            "date_quality": ["firm", "weak", "firm", "firm"],
            "note": ["", "A delay, not a refusal.", "", ""],
            "note_es": ["", "Una demora, no un rechazo.", "", ""],
        }
    )
    for column, row, value in changes:
        frame.loc[row, column] = value
    return frame


def test_valid_starts_pass_one_per_site():
    assert validate_starts(starts(), sites())["site_id"].tolist() == [
        "06",
        "06075",
        "32003",
        "3651000",
    ]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("resistance_start", 0, "2010"), "line 2: date '2010' does not fit precision 'day'"),
        (("date_precision", 1, "year"), "line 3: date '2011-06' does not fit precision 'year'"),
        (("date_quality", 2, "probable"), "line 4: date_quality must be 'firm' or 'weak'"),
        (("source_url", 3, ""), "line 5: source_url must be an http(s) address"),
        (("act_es", 0, " "), "line 2: act, act_es (the act in Spanish) and source_outlet"),
        (("note_es", 1, ""), "line 3: note_es (the note in Spanish) must be given"),
        (("site_id", 3, "06085"), "line 5: unknown site_id '06085'"),
    ],
    ids=["bad-date", "year-precision", "bad-quality", "no-source", "no-spanish", "note", "site"],
)
def test_bad_start_is_named_by_line(change, message):
    with pytest.raises(
        CurationError, match=rf"resistance_starts\.csv has \d problem\(s\):\n{re.escape(message)}"
    ):
        validate_starts(starts(change), sites())


def test_every_site_needs_exactly_one_start():
    short = starts().drop(index=3)
    with pytest.raises(CurationError, match=r"sites without a resistance start: \['3651000'\]"):
        validate_starts(short, sites())
    twice = starts(("site_id", 3, "06075"))
    with pytest.raises(CurationError, match=r"sites with more than one row: \['06075'\]"):
        validate_starts(twice, sites())
