"""The messages of a user's list and of missing data, in the reader's language: Spanish
within `i18n.speaking("es")`, the same English as before outside it. The lists are built
here, in memory."""

import datetime as dt

import pytest

from geo import i18n
from geo.domain.load import DataError, load
from geo.domain.upload import UploadError, format_help, match, match_summary, read_table

TODAY = dt.date(2026, 11, 29)
NO_COUNTY_COLUMN = b"town,when\nSpringfield,2010-01-01\n"
UNREADABLE_DATE = (
    b"fips,date\n"
    b"06075,2010-05-03\n"  # San Francisco: matched
    b"17031,31/02/2010\n"  # Cook County: day first (a note), and no 31 February
    b"99999,2010-01-01\n"  # no such county
)


def refusal(name: str, content: bytes, dataset) -> str:
    """Why the dashboard refuses the file: read it, then match it."""
    with pytest.raises(UploadError) as caught:
        table, _ = read_table(name, content)
        match(table, dataset.counties, dataset.states, TODAY)
    return str(caught.value)


def uploaded(content: bytes, dataset):
    table, notes = read_table("list.csv", content)
    return match(table, dataset.counties, dataset.states, TODAY), notes


def test_a_file_without_a_county_column_is_refused_in_spanish(dataset):
    with i18n.speaking("es"):
        message = refusal("towns.csv", NO_COUNTY_COLUMN, dataset)
    assert message == (
        "Ninguna columna nombra los condados. Columnas encontradas: 'town', 'when'. Llame "
        "`fips` a una columna (códigos FIPS de condado de 5 dígitos), o `county` y `state` a "
        "dos columnas."
    )


def test_the_format_help_in_a_refusal_is_spanish_too(dataset):
    with i18n.speaking("es"):
        message = refusal("one.csv", b"fips\n06075\n", dataset)
        help_text = format_help()
    assert message.startswith("'one.csv' tiene una sola columna ('fips'). Separe las columnas")
    assert message.endswith(help_text)
    assert help_text.startswith("Se espera una fila de encabezado")
    assert "Expected" not in message


def test_the_english_refusals_are_unchanged(dataset):
    assert refusal("towns.csv", NO_COUNTY_COLUMN, dataset) == (
        "No column names the counties. Found: 'town', 'when'. Name a column `fips` (5-digit "
        "county FIPS codes), or two columns `county` and `state`."
    )
    assert refusal("one.csv", b"fips\n06075\n", dataset) == (
        "'one.csv' has a single column ('fips'). Separate columns with commas. Expected: a "
        "header row, then one row per county, with either a `fips` column (5 digits) or "
        "`county` and `state` columns, and a `date` column (YYYY-MM-DD), a `status` column "
        "(yes/no) and/or a `value` column (a number)."
    )


def test_the_match_report_is_spanish(dataset):
    with i18n.speaking("es"):
        matched, notes = uploaded(UNREADABLE_DATE, dataset)
        summary = match_summary(matched)
    assert summary == (
        "**1 condado identificado** de 3 filas; 2 filas no identificadas; 0 filas repetidas."
    )
    assert list(matched.unmatched.columns) == [
        "línea en el archivo",
        "fips",
        "date",  # the reader's own column names stay as they are
        "por qué no se identificó",
    ]
    reasons = dict(
        zip(matched.unmatched["línea en el archivo"], matched.unmatched.iloc[:, -1], strict=True)
    )
    assert reasons == {
        3: "la fecha '31/02/2010' no es una fecha real (escriba AAAA-MM-DD)",
        4: "ningún condado de los 50 estados y DC tiene el FIPS 99999",
    }
    assert matched.notes == ["Las fechas como 03/05/2010 se leyeron como día/mes/año."]
    assert notes == []


def test_the_english_match_report_is_unchanged(dataset):
    matched, _ = uploaded(UNREADABLE_DATE, dataset)
    assert match_summary(matched) == (
        "**1 county matched** from 3 rows; 2 rows not matched; 0 repeated rows."
    )
    assert matched.unmatched.to_dict("records") == [
        {
            "line in file": 3,
            "fips": "17031",
            "date": "31/02/2010",
            "why it did not match": "the date '31/02/2010' is not a real date (write YYYY-MM-DD)",
        },
        {
            "line in file": 4,
            "fips": "99999",
            "date": "2010-01-01",
            "why it did not match": "no county of the 50 states and DC has FIPS 99999",
        },
    ]
    assert matched.notes == ["Dates like 03/05/2010 were read as day/month/year."]


def test_missing_data_is_explained_in_spanish_with_the_path_as_it_is(tmp_path):
    with i18n.speaking("es"), pytest.raises(DataError) as caught:
        load(tmp_path)
    message = str(caught.value)
    assert message.startswith(
        f"Falta el manifiesto de los datos procesados {tmp_path / 'manifest.json'} o no se "
        "puede leer ("
    )
    assert message.endswith("Vuelva a generar los datos procesados con: python -m geo.build")
    with pytest.raises(DataError) as caught:
        load(tmp_path)
    assert str(caught.value).startswith(
        f"The processed data manifest {tmp_path / 'manifest.json'} is missing or unreadable ("
    )
