"""The data behind a view (CSV, GeoJSON), on small and real data."""

import datetime as dt
import io
import json

import pandas as pd
import pytest

from geo.exports.datafiles import county_rows, metadata, rows_and_filters, to_csv, to_geojson
from geo.view.selection import Selection
from geo.view.wording import SOURCES
from tests.synthetic import counties_frame, tiny

LINK = "http://localhost:8501/?as_of=2010-09-30&state=CA"


def read_csv(text: str) -> tuple[dict[str, str], pd.DataFrame]:
    header = dict(line[2:].split(": ", 1) for line in text.splitlines() if line.startswith("# "))
    return header, pd.read_csv(io.StringIO(text), comment="#", dtype={"fips": str})


def test_state_csv_has_its_counties_status_and_provenance(dataset):
    rows, filters = rows_and_filters(dataset, Selection(as_of=dt.date(2010, 9, 30), state="CA"))
    meta = metadata("CA", dt.date(2010, 9, 30), filters, len(rows), SOURCES, LINK)
    header, table = read_csv(to_csv(rows, meta))
    assert header["as_of"] == "2010-09-30"
    assert header["state"] == "CA"
    assert header["reproduce"] == LINK
    assert header["rows"] == "58"
    assert "Vargas Núñez" in header["sources"]
    assert len(table) == 58
    assert (table["status_on_date"] == "activated").sum() == 38
    santa_clara = table.set_index("fips").loc["06085"]
    assert (santa_clara["county"], santa_clara["activation_date"]) == (
        "Santa Clara County",
        "2010-05-04",
    )
    assert santa_clara["population_2010"] == 1_781_642
    # ACS 2006-2010 estimate and its margin of error
    assert (santa_clara["noncitizens"], santa_clara["noncitizens_moe"]) == (319_995, 4_980)


def test_site_export_lists_site_and_ring_with_their_relation(dataset):
    selection = Selection(as_of=dt.date(2010, 6, 1), site="06075")
    rows, filters = rows_and_filters(dataset, selection)
    assert filters == {"site": "San Francisco (06075)", "ring_order": "1"}
    relation = dict(zip(rows["fips"], rows["relation_to_site"], strict=True))
    assert relation == {"06041": "ring", "06075": "site", "06081": "ring"}
    meta = metadata("SF", selection.as_of, filters, len(rows), SOURCES, LINK)
    collection = json.loads(to_geojson(rows, meta, dataset.shapes))
    assert collection["metadata"]["site"] == "San Francisco (06075)"
    assert len(collection["features"]) == 3
    assert collection["features"][2]["properties"]["status_on_date"] == "activated"


def test_formula_looking_names_are_neutralised():
    counties = counties_frame(names=['=HYPERLINK("http://x")', "+1", "Plain"])
    text = to_csv(county_rows(counties, dt.date(2011, 1, 1)), {"as_of": "2011-01-01"})
    _, table = read_csv(text)
    assert list(table["county"]) == ['\'=HYPERLINK("http://x")', "'+1", "Plain"]
    assert list(table["status_on_date"]) == ["activated", "activated", "not yet activated"]


def test_a_multi_line_value_cannot_break_the_header_block():
    counties = counties_frame()
    text = to_csv(county_rows(counties, dt.date(2011, 1, 1)), {"reproduce": "x\nfips,county\n"})
    assert text.splitlines()[0] == "# reproduce: x fips,county"


def test_geojson_gives_each_county_its_shape_in_longitude_and_latitude():
    data = tiny()
    rows = county_rows(data.counties, dt.date(2011, 1, 1))
    collection = json.loads(to_geojson(rows, {"as_of": "2011-01-01"}, data.shapes))
    assert collection["metadata"] == {"as_of": "2011-01-01"}
    alpha = collection["features"][0]
    assert alpha["properties"]["fips"] == "01001"
    assert alpha["properties"]["population_2010"] == 1000
    assert (alpha["properties"]["noncitizens"], alpha["properties"]["noncitizens_moe"]) == (
        2000,
        300,
    )
    (polygon,) = alpha["geometry"]["coordinates"]
    xs, ys = zip(*polygon[0], strict=True)
    assert (min(xs), max(xs), min(ys), max(ys)) == pytest.approx((-80, -79, 37, 38), abs=3e-5)
