"""Validate the curated tables: resistant sites, their dated and sourced events, when each
site began to resist, and the counts ICE and the press published at the time."""

from __future__ import annotations

import re

import pandas as pd

from geo.common import CITY_COUNTIES, NATIONAL, event_day

SITE_COLUMNS = ["site_id", "name", "level", "state", "note", "note_es"]
EVENT_COLUMNS = [
    "site_id",
    "event_date",
    "date_precision",
    "event_type",
    "description",
    "description_es",
    "source_url",
    "source_outlet",
    "verified",
]
START_COLUMNS = [
    "site_id",
    "resistance_start",
    "date_precision",
    "act",
    "act_es",
    "source_url",
    "source_outlet",
    "date_quality",
    "note",
    "note_es",
]
DATE_QUALITIES = {"firm", "weak"}
COUNT_COLUMNS = [
    "count_date",
    "date_precision",
    "qualifier",
    "count",
    "unit",
    "states",
    "context",
    "context_es",
    "source_outlet",
    "source_url",
]
QUALIFIERS = {"", "about", "more than", "nearly", "almost"}
DATE_FORMATS = {"day": r"\d{4}-\d{2}-\d{2}", "month": r"\d{4}-\d{2}", "year": r"\d{4}"}
SITE_ID_LENGTH = {"county": 5, "state": 2, "city": 7}


class CurationError(ValueError):
    """A curated row breaks a rule; the message names the row and the rule."""


def validate_sites(sites: pd.DataFrame, counties: pd.DataFrame) -> pd.DataFrame:
    """Sites whose id is a known county or state FIPS, or a city of CITY_COUNTIES, of the
    right level and state; `note` (may be empty) is shown on the site's page, in Spanish
    from `note_es`, which is required wherever `note` is given (and only there)."""
    _require_columns(sites, SITE_COLUMNS, "resistant_sites.csv")
    county_state = dict(zip(counties["fips"], counties["state"], strict=True))
    state_code = dict(zip(counties["state_fips"], counties["state"], strict=False))
    city_states = {  # a city is in one state when all its counties are
        city: {county_state.get(fips) for fips in members}
        for city, members in CITY_COUNTIES.items()
    }
    problems = []
    for line, row in _numbered(sites):
        if row.level == "city":
            in_state = city_states.get(row.site_id) == {row.state}
        else:
            known = county_state if row.level == "county" else state_code
            in_state = known.get(row.site_id) == row.state
        if SITE_ID_LENGTH.get(row.level) != len(row.site_id):
            problems.append(
                f"line {line}: level {row.level!r} needs a 5-digit county, 2-digit state "
                "or 7-digit city site_id"
            )
        elif not in_state:
            problems.append(f"line {line}: {row.site_id} is not a {row.level} of {row.state}")
        if not row.name.strip():
            problems.append(f"line {line}: empty name")
        if bool(row.note.strip()) != bool(row.note_es.strip()):
            problems.append(
                f"line {line}: note_es (the note in Spanish) must be given where note is, "
                "and only there"
            )
    for line, site_id in zip(range(2, len(sites) + 2), sites["site_id"], strict=True):
        if (sites["site_id"] == site_id).sum() > 1:
            problems.append(f"line {line}: site_id {site_id} appears more than once")
    _raise_if(problems, "resistant_sites.csv")
    return sites[SITE_COLUMNS].sort_values("site_id", ignore_index=True)


def validate_events(events: pd.DataFrame, sites: pd.DataFrame) -> pd.DataFrame:
    """Events of known sites (or NATIONAL: every site), each with a well-formed date, an
    http(s) source, and its description in English and in Spanish (`description_es`)."""
    _require_columns(events, EVENT_COLUMNS, "resistance_events.csv")
    site_ids = set(sites["site_id"]) | {NATIONAL}
    problems = []
    for line, row in _numbered(events):
        pattern = DATE_FORMATS.get(row.date_precision)
        if row.site_id not in site_ids:
            problems.append(f"line {line}: unknown site_id {row.site_id!r}")
        if pattern is None or not _is_date(row.event_date, pattern):
            problems.append(
                f"line {line}: date {row.event_date!r} does not fit precision "
                f"{row.date_precision!r} (day YYYY-MM-DD, month YYYY-MM, year YYYY)"
            )
        if not re.fullmatch(r"https?://\S+", row.source_url):
            problems.append(f"line {line}: source_url must be an http(s) address")
        if not re.fullmatch(r"[a-z][a-z_]*", row.event_type):
            problems.append(f"line {line}: event_type must be snake_case")
        if not row.description.strip() or not row.source_outlet.strip():
            problems.append(f"line {line}: description and source_outlet are required")
        if row.description.strip() and not row.description_es.strip():
            problems.append(f"line {line}: description_es (the description in Spanish) is required")
    _raise_if(problems, "resistance_events.csv")
    return events[EVENT_COLUMNS].sort_values(["site_id", "event_date"], ignore_index=True)


def validate_starts(starts: pd.DataFrame, sites: pd.DataFrame) -> pd.DataFrame:
    """One row per site: the day (or month) of its first dated act of resistance, the act in
    English and Spanish (`act_es`), an http(s) source, `date_quality` firm or weak, and a
    note (may be empty) with its Spanish `note_es` wherever it is given."""
    _require_columns(starts, START_COLUMNS, "resistance_starts.csv")
    problems = []
    for line, row in _numbered(starts):
        pattern = DATE_FORMATS.get(row.date_precision)
        if row.site_id not in set(sites["site_id"]):
            problems.append(f"line {line}: unknown site_id {row.site_id!r}")
        if row.date_precision == "year" or not (
            pattern and _is_date(row.resistance_start, pattern)
        ):
            problems.append(
                f"line {line}: date {row.resistance_start!r} does not fit precision "
                f"{row.date_precision!r} (day YYYY-MM-DD or month YYYY-MM)"
            )
        if not re.fullmatch(r"https?://\S+", row.source_url):
            problems.append(f"line {line}: source_url must be an http(s) address")
        if not (row.act.strip() and row.act_es.strip() and row.source_outlet.strip()):
            problems.append(
                f"line {line}: act, act_es (the act in Spanish) and source_outlet are required"
            )
        if row.date_quality not in DATE_QUALITIES:
            problems.append(f"line {line}: date_quality must be 'firm' or 'weak'")
        if bool(row.note.strip()) != bool(row.note_es.strip()):
            problems.append(
                f"line {line}: note_es (the note in Spanish) must be given where note is, "
                "and only there"
            )
    missing = sorted(set(sites["site_id"]) - set(starts["site_id"]))
    if missing:
        problems.append(f"sites without a resistance start: {missing}")
    repeated = sorted(set(starts.loc[starts["site_id"].duplicated(), "site_id"]))
    if repeated:
        problems.append(f"sites with more than one row: {repeated}")
    _raise_if(problems, "resistance_starts.csv")
    return starts[START_COLUMNS].sort_values("site_id", ignore_index=True)


def validate_counts(counts: pd.DataFrame) -> pd.DataFrame:
    """Published counts, each dated to a day or a month, a whole number of some unit, an
    http(s) source, and who said it in English and in Spanish (`context_es`)."""
    _require_columns(counts, COUNT_COLUMNS, "ice_counts.csv")
    problems = []
    for line, row in _numbered(counts):
        pattern = DATE_FORMATS.get(row.date_precision)
        if row.date_precision == "year" or not (pattern and _is_date(row.count_date, pattern)):
            problems.append(
                f"line {line}: date {row.count_date!r} does not fit precision "
                f"{row.date_precision!r} (day YYYY-MM-DD or month YYYY-MM)"
            )
        if not re.fullmatch(r"[1-9]\d*", row.count):
            problems.append(f"line {line}: count must be a whole number")
        if row.states and not re.fullmatch(r"[1-9]\d?", row.states):
            problems.append(f"line {line}: states must be a number of states, or empty")
        if row.qualifier not in QUALIFIERS:
            problems.append(f"line {line}: qualifier must be one of {sorted(QUALIFIERS)}")
        if not re.fullmatch(r"https?://\S+", row.source_url):
            problems.append(f"line {line}: source_url must be an http(s) address")
        if not (row.unit.strip() and row.context.strip() and row.source_outlet.strip()):
            problems.append(f"line {line}: unit, context and source_outlet are required")
        if row.context.strip() and not row.context_es.strip():
            problems.append(f"line {line}: context_es (the context in Spanish) is required")
    _raise_if(problems, "ice_counts.csv")
    return counts[COUNT_COLUMNS].sort_values("count_date", ignore_index=True)


def _is_date(text: str, pattern: str) -> bool:
    """The text fits the pattern and names a real calendar day, month or year."""
    if not re.fullmatch(pattern, text):
        return False
    try:
        event_day(text)
    except ValueError:
        return False
    return True


def _numbered(frame: pd.DataFrame):
    """Rows with their line number in the CSV file (the header is line 1)."""
    return zip(range(2, len(frame) + 2), frame.itertuples(index=False), strict=True)


def _require_columns(frame: pd.DataFrame, columns: list[str], name: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise CurationError(f"{name}: missing columns {missing}; expected {columns}")


def _raise_if(problems: list[str], name: str) -> None:
    if problems:
        raise CurationError(f"{name} has {len(problems)} problem(s):\n" + "\n".join(problems))
