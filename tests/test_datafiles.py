"""The data behind a view (CSV, GeoJSON) and the rollout animation, on small and real data."""

import datetime as dt
import io
import json

import geopandas as gpd
import pandas as pd
from PIL import Image
from shapely import box

from geo.animation import months, rollout_gif
from geo.compose import compose
from geo.datafiles import county_rows, metadata, rows_and_filters, to_csv, to_geojson
from geo.shapes import Shapes
from geo.styles import by_status
from geo.urlstate import Selection
from geo.wording import SOURCES
from tests.synthetic import counties_frame, states_frame, tiny

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


def test_site_export_lists_site_and_ring_with_their_relation(dataset):
    selection = Selection(as_of=dt.date(2010, 6, 1), site="06075")
    rows, filters = rows_and_filters(dataset, selection)
    assert filters == {"site": "San Francisco (06075)", "ring_order": "1"}
    relation = dict(zip(rows["fips"], rows["relation_to_site"], strict=True))
    assert relation == {"06041": "ring", "06075": "site", "06081": "ring"}
    meta = metadata("SF", selection.as_of, filters, len(rows), SOURCES, LINK)
    collection = json.loads(to_geojson(rows, meta))
    assert collection["metadata"]["site"] == "San Francisco (06075)"
    assert len(collection["features"]) == 3
    assert collection["features"][2]["properties"]["status_on_date"] == "activated"


def synthetic_counties(names) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {
            "fips": ["01001", "01003", "01005"],
            "name": names,
            "state": ["AL"] * 3,
            "state_fips": ["01"] * 3,
            "activation_date": pd.to_datetime(["2009-01-01", "2011-01-01", "2012-06-30"]),
            "population_2010": [10, 20, 30],
        },
        geometry=[box(x, 0, x + 1, 1) for x in range(3)],
        crs="EPSG:4326",
    )


def test_formula_looking_names_are_neutralised():
    counties = synthetic_counties(['=HYPERLINK("http://x")', "+1", "Plain"])
    text = to_csv(county_rows(counties, dt.date(2011, 1, 1)), {"as_of": "2011-01-01"})
    _, table = read_csv(text)
    assert list(table["county"]) == ['\'=HYPERLINK("http://x")', "'+1", "Plain"]
    assert list(table["status_on_date"]) == ["activated", "activated", "not yet activated"]


def test_a_multi_line_value_cannot_break_the_header_block():
    counties = synthetic_counties(["A", "B", "C"])
    text = to_csv(county_rows(counties, dt.date(2011, 1, 1)), {"reproduce": "x\nfips,county\n"})
    assert text.splitlines()[0] == "# reproduce: x fips,county"


def test_months_run_from_the_first_to_the_last_activation():
    frames = months()
    assert frames[0] == dt.date(2008, 10, 27) and frames[-1] == dt.date(2013, 1, 22)
    assert len(frames) == 52
    assert frames[1] == dt.date(2008, 11, 27)


def test_gif_has_a_frame_per_month_with_changing_colours():
    data = tiny()
    shapes = Shapes.encode(counties_frame(), states_frame())

    def classes_on(day):
        return by_status(data.counties["activation_date"], day)

    view = compose(data, Selection(), shapes)
    gif = Image.open(io.BytesIO(rollout_gif(view, classes_on, "Test rollout", "Sources: tests")))
    assert gif.n_frames == 52
    assert gif.width == 1000
    first = gif.convert("RGB").tobytes()
    gif.seek(gif.n_frames - 1)
    assert gif.convert("RGB").tobytes() != first
