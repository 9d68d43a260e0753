"""The folium map: which shapes each view uses, its classes, and a page safe to render."""

import datetime as dt
import json
import re

import folium
import geopandas as gpd
import pandas as pd
import pytest
from shapely import box

from geo.encoding import encode_geometry
from geo.mapview import (
    US_BOUNDS,
    Shapes,
    base_map,
    county_view,
    dictionary_encoded,
    rollout_map,
    script_json,
    state_view,
)
from geo.styles import by_status

AS_OF = dt.date(2011, 1, 1)
NAMES = ("Alpha", "Beta", "Gamma")
XX_BOUNDS = [[37.0, -80.0], [38.0, -78.0]]


def tiers(detail: list) -> dict:
    """Detail shapes, and national ones a little taller so the two tiers encode differently."""
    national = [box(*g.bounds[:3], g.bounds[3] + 0.1) for g in detail]
    return {"geometry": detail, "geometry_national": gpd.GeoSeries(national)}


def counties_frame(names=NAMES) -> gpd.GeoDataFrame:
    """Two counties of XX and one of YY, side by side along 37-38 N."""
    frame = {
        "fips": ["01001", "01003", "02001"],
        "name": list(names),
        "state": ["XX", "XX", "YY"],
        "state_fips": ["01", "01", "02"],
        "activation_date": pd.to_datetime(["2009-01-01", "2011-01-01", "2012-06-30"]),
        "population_2010": [1000, 25000, 1234567],
    }
    detail = [box(west, 37, west + 1, 38) for west in (-80, -79, -78)]
    return gpd.GeoDataFrame(frame | tiers(detail), geometry="geometry")


def states_frame() -> gpd.GeoDataFrame:
    frame = {"state": ["XX", "YY"], "state_fips": ["01", "02"], "name": ["Exland", "Whyland"]}
    detail = [box(-80, 37, -78, 38), box(-78, 37, -77, 38)]
    return gpd.GeoDataFrame(frame | tiers(detail), geometry="geometry")


def per_state_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "state_fips": ["01", "02"],
            "state": ["XX", "YY"],
            "name": ["Exland", "Whyland"],
            "counties": [2, 4],
            "counties_activated": [1, 3],
            "population_share": [0.9, 0.1],
            "county_share": [0.5, 0.75],
        }
    )


@pytest.fixture(scope="module")
def shapes() -> Shapes:
    return Shapes.encode(counties_frame(), states_frame())


def make_county_view(shapes, focus=None, counties=None):
    counties = counties_frame() if counties is None else counties
    classes = by_status(counties["activation_date"], AS_OF)
    return county_view(counties, shapes, classes, AS_OF, "Secure Communities", focus)


def rendered(fmap: folium.Map) -> str:
    return fmap.get_root().render()


def spec_of(html: str) -> dict:
    """The view spec as the browser reads it: the JSON literal after `var spec =`."""
    start = html.index("var spec = ") + len("var spec = ")
    spec, _ = json.JSONDecoder().raw_decode(html, start)
    return spec


def tooltip_rows(spec: dict) -> list[list[str]]:
    """Tooltip texts per area, decoded the way the page's script does."""
    columns = [
        [c["values"][code] for code in c["codes"]] if "codes" in c else c["values"]
        for c in spec["tooltip"]["columns"]
    ]
    return [list(row) for row in zip(*columns, strict=True)]


def encoded(column: str, rows: list[int]) -> list:
    return [encode_geometry(counties_frame()[column].iloc[row], 4) for row in rows]


def test_focus_uses_detail_shapes_for_that_state_only(shapes):
    view = make_county_view(shapes, focus="XX")
    assert view.shapes == encoded("geometry", [0, 1]) + encoded("geometry_national", [2])
    assert view.bounds == XX_BOUNDS
    assert view.key == "county:XX"


def test_whole_country_uses_national_shapes(shapes):
    view = make_county_view(shapes)
    assert view.shapes == encoded("geometry_national", [0, 1, 2])
    assert view.bounds == US_BOUNDS
    assert view.key == "county:US"


def test_focus_draws_detail_borders_and_the_state_outline(shapes):
    borders, outline = make_county_view(shapes, focus="XX").lines
    assert borders["paths"] == shapes.state_lines["detail"]
    assert outline == shapes.state_outline("XX")
    assert [line["paths"] for line in make_county_view(shapes).lines] == [
        shapes.state_lines["national"]
    ]


def test_sites_are_outlined_in_detail_and_named_in_the_legend(shapes):
    counties = counties_frame()
    classes = by_status(counties["activation_date"], AS_OF)
    view = county_view(counties, shapes, classes, AS_OF, "t", sites=["01003", "02"])
    sites = view.lines[-1]
    assert sites["paths"] == [
        encoded("geometry", [1])[0][0][0],
        encode_geometry(states_frame()["geometry"].iloc[1], 4)[0][0],
    ]
    assert sites["style"]["dashArray"]
    assert view.spec()["legend"]["lines"] == [{"label": "Resistant site", "style": sites["style"]}]
    assert make_county_view(shapes).spec()["legend"]["lines"] == []


def test_county_spec_has_one_area_per_county_with_class_and_tooltip(shapes):
    spec = make_county_view(shapes).spec()
    assert spec["ids"] == ["01001", "01003", "02001"]
    assert spec["classes"] == [1, 1, 0]
    assert spec["tooltip"]["labels"] == [
        "County",
        "State",
        "Activated on",
        "Status",
        "Population (2010)",
    ]
    assert tooltip_rows(spec) == [
        ["Alpha", "XX", "01 Jan 2009", "Activated on 01 Jan 2011", "1,000"],
        ["Beta", "XX", "01 Jan 2011", "Activated on 01 Jan 2011", "25,000"],
        ["Gamma", "YY", "30 Jun 2012", "Not yet activated on 01 Jan 2011", "1,234,567"],
    ]


@pytest.mark.parametrize(
    ("measure", "expected"),
    [("population", [4, 1]), ("counties", [2, 3])],
    ids=["population-share", "county-share"],
)
def test_state_classes_follow_the_measure(shapes, measure, expected):
    view = state_view(per_state_frame(), shapes, measure, AS_OF, None)
    assert view.classes.index.tolist() == expected
    assert view.legend_title == f"Share of {measure} covered, 01 Jan 2011"
    assert view.tooltips.to_numpy().tolist() == [
        ["Exland", "1 of 2", "90.0%"],
        ["Whyland", "3 of 4", "10.0%"],
    ]
    assert view.shapes == shapes.states["national"]
    assert (view.bounds, view.lines) == (US_BOUNDS, [])


def test_state_rows_are_matched_to_shapes_by_code_not_position(shapes):
    shuffled = per_state_frame().iloc[::-1]
    view = state_view(shuffled, shapes, "population", AS_OF, None)
    assert view.ids == ["01", "02"]
    assert view.classes.index.tolist() == [4, 1]


def test_state_view_focus_fits_and_outlines_the_state(shapes):
    view = state_view(per_state_frame(), shapes, "population", AS_OF, "XX")
    assert view.key == "state:XX"
    assert view.bounds == XX_BOUNDS
    assert view.lines == [shapes.state_outline("XX")]


def test_page_loads_only_the_apps_own_leaflet(shapes):
    html = rendered(rollout_map(make_county_view(shapes, focus="XX")))
    assert re.findall(r"https?://\S*", html) == []
    assert '<script src="/app/static/leaflet/leaflet.js"></script>' in html
    assert '<link rel="stylesheet" href="/app/static/leaflet/leaflet.css"/>' in html


@pytest.mark.parametrize(
    "hostile",
    [
        "</script><img src=x onerror=alert(1)>",
        "{{ 7 * 7 }}{% if true %}x{% endif %}",
        '<!-- "quoted" \\ & back\'slash -->',
    ],
    ids=["script-close", "jinja", "comment-quotes-backslash"],
)
def test_hostile_county_name_is_inert_in_the_page_and_exact_in_the_spec(shapes, hostile):
    counties = counties_frame(names=("Alpha", hostile, "Gamma"))
    html = rendered(rollout_map(make_county_view(shapes, counties=counties)))
    assert "</script><img" not in html
    assert hostile not in html
    spec = spec_of(html)
    assert [row[0] for row in tooltip_rows(spec)] == ["Alpha", hostile, "Gamma"]
    assert len(spec["shapes"]) == 3


@pytest.mark.parametrize(
    "value",
    [
        {"a": [1, 2.5, None, True], "b": {"c": "{{ x }}"}},
        "</script><script>alert(1)</script>",
        "AT&T <b>",
        "Doña Ana \u2028 line \u2029 para",
    ],
    ids=["nested-braces", "script-tags", "ampersand", "unicode-line-separators"],
)
def test_script_json_is_inert_and_decodes_back(value):
    text = script_json(value)
    assert not set(text) & set("<>&\u2028\u2029")
    assert re.search(r"\{[{%#]", text) is None  # no Jinja tag can open
    assert json.loads(text) == value


def test_repetitive_tooltip_columns_are_sent_once():
    column = pd.Series(["Activated", "Not yet", "Activated", "Activated", "Activated"] * 2)
    assert dictionary_encoded(column) == {
        "values": ["Activated", "Not yet"],
        "codes": [0, 1, 0, 0, 0] * 2,
    }
    names = pd.Series(["Alpha", "Beta", "Gamma"])
    assert dictionary_encoded(names) == {"values": ["Alpha", "Beta", "Gamma"]}


def tile_layers(fmap: folium.Map) -> list[folium.TileLayer]:
    return [child for child in fmap._children.values() if isinstance(child, folium.TileLayer)]


def test_base_map_without_tiles_has_no_tile_layer():
    fmap = base_map(online_tiles=False)
    assert tile_layers(fmap) == []
    assert "L.tileLayer" not in rendered(fmap)


def test_base_map_tiles_have_a_stable_id_and_script():
    first, second = base_map(online_tiles=True), base_map(online_tiles=True)
    assert [[layer.get_name() for layer in tile_layers(m)] for m in (first, second)] == [
        ["tile_layer_basemap"],
        ["tile_layer_basemap"],
    ]
    first_html, second_html = (rendered(m).replace(m.get_name(), "MAP") for m in (first, second))
    assert first_html == second_html
    assert "var tile_layer_basemap = L.tileLayer(" in first_html
