"""The curated prose in the reader's language: every event, site note and published count
has its Spanish in the data the app reads, the site's panel gets the Spanish when the reader
speaks it, and the build refuses a curated row without its Spanish."""

import re

import pytest

from geo import i18n
from geo.build.sites import CurationError, validate_events, validate_sites
from geo.build.sources import CURATED_DIR, read_curated
from geo.domain.rings import site_events, site_note

CURATED_PROSE = [("events", "description", 72), ("ice_counts", "context", 16)]


@pytest.mark.parametrize(("table", "column", "rows"), CURATED_PROSE, ids=["events", "counts"])
def test_every_curated_text_is_in_spanish(dataset, table, column, rows):
    texts = getattr(dataset, table)
    assert len(texts) == rows
    blank = texts[texts[f"{column}_es"].str.strip() == ""]
    assert blank.empty, list(blank[column])
    same = texts[texts[f"{column}_es"] == texts[column]]
    assert same.empty, list(same[column])  # translated, not copied


@pytest.mark.parametrize(("table", "column", "rows"), CURATED_PROSE, ids=["events", "counts"])
def test_every_number_of_a_curated_text_is_kept_in_spanish(dataset, table, column, rows):
    for english, spanish in getattr(dataset, table)[[column, f"{column}_es"]].itertuples(
        index=False
    ):
        numbers = re.findall(r"\d+(?:[,.\-]\d+)*", english)
        assert all(n in spanish for n in numbers), spanish


def test_every_site_note_has_its_spanish_and_only_there(dataset):
    sites = dataset.sites
    assert ((sites["note"] != "") == (sites["note_es"] != "")).all()
    assert (sites["note"] != "").sum() == 2  # New York City's and Oregon's


def test_san_francisco_events_follow_the_readers_language(dataset):
    english = site_events(dataset.events, "06075")
    with i18n.speaking("es"):
        spanish = site_events(dataset.events, "06075")
    curated = dataset.events.set_index(["site_id", "event_date", "event_type"])
    keys = ["site_id", "event_date", "event_type"]
    for frame in (english, spanish):
        assert "description_es" not in frame.columns  # one text column, in one language
    assert english[keys].equals(spanish[keys])  # the same events, in the same order
    for (key, en), es in zip(
        english.set_index(keys)["description"].items(), spanish["description"], strict=True
    ):
        assert en == curated.at[key, "description"]
        assert es == curated.at[key, "description_es"]
    hennessey = spanish[spanish["event_date"] == "2010-05-18"]["description"].iloc[0]
    assert hennessey.startswith("El alguacil Michael Hennessey pidió por escrito")
    assert site_events(dataset.events, "06075").equals(english)  # English again after


def test_a_site_note_follows_the_readers_language(dataset):
    assert site_note(dataset.sites, "3651000").startswith("The city's five boroughs")
    with i18n.speaking("es"):
        assert site_note(dataset.sites, "3651000").startswith("Los cinco distritos")
        assert site_note(dataset.sites, "06075") == ""
    assert site_note(dataset.sites, "06075") == ""


def test_events_without_spanish_stay_english_in_spanish():
    """A table with no Spanish column (a test's, an older file) still shows its events."""
    events = read_curated(CURATED_DIR / "resistance_events.csv").drop(columns="description_es")
    with i18n.speaking("es"):
        shown = site_events(events, "06075")
    assert shown["description"].iloc[0] == events.loc[0, "description"]


@pytest.mark.parametrize("row", [0, 45, 71])
def test_a_missing_spanish_description_names_its_row(row):
    events = read_curated(CURATED_DIR / "resistance_events.csv")
    sites = read_curated(CURATED_DIR / "resistant_sites.csv")
    events.loc[row, "description_es"] = "  "
    message = f"line {row + 2}: description_es (the description in Spanish) is required"
    with pytest.raises(CurationError, match=rf"1 problem\(s\):\n{re.escape(message)}$"):
        validate_events(events, sites)


@pytest.mark.parametrize(
    ("site_id", "column", "value"),
    [("41", "note_es", ""), ("06075", "note_es", "Una nota sin su inglés.")],
    ids=["note-without-spanish", "spanish-without-note"],
)
def test_a_site_note_and_its_spanish_go_together(dataset, site_id, column, value):
    sites = read_curated(CURATED_DIR / "resistant_sites.csv")
    row = int(sites.index[sites["site_id"] == site_id][0])
    sites.loc[row, column] = value
    message = f"line {row + 2}: note_es (the note in Spanish) must be given where note is"
    with pytest.raises(CurationError, match=rf"1 problem\(s\):\n{re.escape(message)}"):
        validate_sites(sites, dataset.counties)


def test_the_curated_tables_pass_with_their_spanish(dataset):
    sites = validate_sites(read_curated(CURATED_DIR / "resistant_sites.csv"), dataset.counties)
    events = validate_events(read_curated(CURATED_DIR / "resistance_events.csv"), sites)
    assert events[["description", "description_es"]].equals(
        dataset.events[["description", "description_es"]]
    )  # the app's copy is the curated one, rebuilt
