"""The counts ICE and the press published, in the reader's language: the table beside
ICE's counts gets the Spanish when the reader speaks it (and the very same English
otherwise), and the build refuses a curated count without its Spanish. That every count
has its Spanish is checked with the other curated prose (tests/test_i18n_events.py)."""

import re

import pytest

from geo import i18n
from geo.build.sites import CurationError, validate_counts
from geo.build.sources import CURATED_DIR, read_curated
from geo.domain.official import beside_this_data


def test_the_table_beside_ices_counts_says_who_in_the_readers_language(dataset):
    counts = dataset.ice_counts
    english = beside_this_data(dataset.counties, counts)
    with i18n.speaking("es"):
        spanish = beside_this_data(dataset.counties, counts)
    curated = counts.set_index("count_date")
    for frame in (english, spanish):
        assert "context_es" not in frame.columns  # one text column, in one language
    assert list(english["date"]) == list(spanish["date"])  # the same counts, in the same order
    for date, en, es in zip(english["date"], english["context"], spanish["context"], strict=True):
        assert en == curated.at[date, "context"]
        assert es == curated.at[date, "context_es"]
    fy2010 = spanish.loc[spanish["date"] == "2010-09-30", "context"].item()
    assert fy2010 == (
        "El informe trimestral de ICE al Congreso sobre el cierre del año fiscal 2010, "
        "fechado el 3 de enero de 2011"
    )
    assert beside_this_data(dataset.counties, counts).equals(english)  # English again after
    # the English table is the one a table without the Spanish column makes
    assert beside_this_data(dataset.counties, counts.drop(columns="context_es")).equals(english)


@pytest.mark.parametrize("row", [0, 7, 15])
def test_a_missing_spanish_context_names_its_row(row):
    counts = read_curated(CURATED_DIR / "ice_counts.csv")
    counts.loc[row, "context_es"] = "  "
    message = f"line {row + 2}: context_es (the context in Spanish) is required"
    with pytest.raises(
        CurationError, match=rf"ice_counts\.csv has 1 problem\(s\):\n{re.escape(message)}$"
    ):
        validate_counts(counts)


def test_the_curated_counts_pass_with_their_spanish(dataset):
    counts = validate_counts(read_curated(CURATED_DIR / "ice_counts.csv"))
    assert counts[["context", "context_es"]].equals(
        dataset.ice_counts[["context", "context_es"]]
    )  # the app's copy is the curated one, rebuilt
