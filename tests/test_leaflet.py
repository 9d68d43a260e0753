"""The Leaflet renderer: the page it renders, the data it hands the map script, its safety."""

import datetime as dt
import json
import re
from dataclasses import replace

import folium
import jinja2
import numpy as np
import pandas as pd
import pytest
from shapely import box
from streamlit_folium import _get_feature_group_string

from geo.arcs import _decode_values, encode_references
from geo.build.topology import map_shapes
from geo.domain.shapes import Shapes
from geo.render import leaflet, offline
from geo.render.leaflet import (
    CODE_DIGITS,
    RolloutLayer,
    ViewGroup,
    base_map,
    compact_codes,
    dictionary_encoded,
    dynamic_layer,
    script_json,
    spec,
)
from geo.render.offline import LAYER_SCRIPT, LAYER_STYLE_URL, LAYER_URL
from geo.view.compose import compose
from geo.view.selection import Selection
from geo.view.viewmodel import AREA_EDGE, SITE_OUTLINE, Crs, MapView
from tests.synthetic import FIPS, counties_frame, lonlat_squares, tiny, tiny_shapes

AS_OF = dt.date(2011, 1, 1)


def rendered(fmap: folium.Map) -> str:
    return fmap.get_root().render()


def standalone_map(view: MapView) -> folium.Map:
    """Base map and view in one folium.Map, every part inline (spec's default), to render."""
    fmap = base_map(view.crs is Crs.LONLAT)
    group = ViewGroup(name="Rollout", control=False)
    RolloutLayer(spec(view)).add_to(group)
    group.add_to(fmap)
    return fmap


def spec_of(html: str) -> dict:
    """The view as the map script receives it: the JSON literal passed to scRolloutLayer."""
    start = html.index("scRolloutLayer(")
    start = html.index(", ", start) + 2
    spec, _ = json.JSONDecoder().raw_decode(html, start)
    return spec


def codes(sent, count: int) -> list[int]:
    """Codes as the map script reads them: packed in a string (geo.render.leaflet.compact_codes), or
    a list."""
    if not isinstance(sent, str):
        return sent
    bits = int(sent[0])
    per = 6 // bits
    return [
        CODE_DIGITS.index(sent[1 + i // per]) >> (bits * (i % per)) & (1 << bits) - 1
        for i in range(count)
    ]


def tooltip_rows(spec: dict) -> list[list[str]]:
    """Tooltip texts per area, decoded the way the map script does."""
    count = len(spec["areas"]["ids"])
    classes = codes(spec["areas"]["classes"], count)
    columns = [
        [c["values"][c["byClass"][k]] for k in classes]
        if "byClass" in c
        else [c["values"][code] for code in codes(c["codes"], count)]
        if "codes" in c
        else c["values"]
        for c in spec["tooltip"]["columns"]
    ]
    return [list(row) for row in zip(*columns, strict=True)]


def page(selection=None, counties=None) -> str:
    selection = selection or Selection(as_of=AS_OF, colour="status")
    return rendered(standalone_map(compose(tiny(counties), selection)))


def test_page_loads_only_the_apps_own_leaflet_and_map_script():
    html = page(Selection(as_of=AS_OF, state="XX"))
    assert re.findall(r"https?://\S*", html) == []
    assert '<script src="/app/static/leaflet/leaflet.js"></script>' in html
    assert f'<script src="{LAYER_URL}"></script>' in html
    assert '<link rel="stylesheet" href="/app/static/leaflet/leaflet.css"/>' in html
    assert f'<link rel="stylesheet" href="{LAYER_STYLE_URL}"/>' in html
    assert html.index("leaflet.js") < html.index(LAYER_URL.split("?")[0])
    assert "crs: L.CRS.Simple" in html  # the equal-area map, drawn as it is


def test_a_base_map_is_web_mercator():
    html = page(Selection(as_of=AS_OF, tiles=True))
    assert "crs: L.CRS.EPSG3857" in html and "tile_layer_basemap" in html
    assert spec_of(html)["fit"] == [[24.4, -124.8], [49.4, -66.9]]  # the lower 48


def test_the_map_script_gets_the_view_and_its_styles_as_data():
    view = compose(tiny(), Selection(as_of=AS_OF, colour="status"))
    spec = spec_of(page())
    assert spec["areas"]["ids"] == ["01001", "01003", "05001"]
    assert codes(spec["areas"]["classes"], 3) == [1, 1, 0]
    assert spec["areas"]["edge"] == {
        "colour": AREA_EDGE.colour,
        "width": AREA_EDGE.width,
        "casing": None,
        "dash": [],
        "casing_width": AREA_EDGE.casing_width,
    }
    site = spec["legend"]["lines"][0]
    assert site["label"] == "Resistant site"
    assert site["style"]["dash"] == list(SITE_OUTLINE.dash)
    assert site["style"]["casing_width"] == SITE_OUTLINE.width + 3
    extent = view.extent
    assert spec["fit"] == [[extent.south / 1000, extent.west / 1000], [extent.north / 1000,
                           extent.east / 1000]]  # fmt: skip
    assert spec["factor"] == view.arcs.unit / 1000  # kilometres on the map
    assert (spec["scale"], spec["controls"]) == (None, True)
    assert spec["arcs"] == {"starts": view.arcs.starts, "bodies": list(view.arcs.bodies)}


def test_areas_travel_as_encoded_arc_references():
    view = compose(tiny(), Selection(as_of=AS_OF))
    shapes = spec_of(page())["areas"]["shapes"]
    for area, sent in zip(view.shapes, shapes, strict=True):
        assert [
            [list(np.cumsum(_decode_values(ring))) for ring in polygon] for polygon in sent
        ] == [[list(ring) for ring in polygon] for polygon in area]


def test_a_state_view_has_a_scale_in_metres_per_kilometre_of_map():
    spec = spec_of(page(Selection(as_of=AS_OF, state="XX")))
    assert spec["scale"] == 1000.0


def test_the_map_script_holds_no_colours_or_widths_of_its_own():
    script = LAYER_SCRIPT.read_text()
    code = "\n".join(line for line in script.splitlines() if not line.strip().startswith("//"))
    styling = re.sub(r'"[^"]*"', "", code)  # the legend box's own CSS is in strings
    assert re.findall(r"#[0-9a-fA-F]{3,6}\b", styling) == []
    assert "+ 3" not in code  # the casing's extra width comes from the view model


@pytest.mark.parametrize(
    "hostile",
    [
        "</script><img src=x onerror=alert(1)>",
        "{{ 7 * 7 }}{% if true %}x{% endif %}",
        '<!-- "quoted" \\ & back\'slash -->',
    ],
    ids=["script-close", "jinja", "comment-quotes-backslash"],
)
def test_hostile_county_name_is_inert_in_the_page_and_exact_in_the_spec(hostile):
    html = page(counties=counties_frame(names=("Alpha", hostile, "Gamma")))
    assert "</script><img" not in html
    assert hostile not in html
    spec = spec_of(html)
    assert [row[0] for row in tooltip_rows(spec)] == ["Alpha", hostile, "Gamma"]
    assert len(spec["areas"]["shapes"]) == 3


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
    column = ("Activated", "Not yet", "Activated", "Activated", "Activated") * 2
    assert dictionary_encoded(column) == {
        "values": ["Activated", "Not yet"],
        "codes": "1" + "21",  # a bit per area, six to a character, the first lowest
    }
    assert dictionary_encoded(("Alpha", "Beta", "Gamma")) == {"values": ["Alpha", "Beta", "Gamma"]}
    assert dictionary_encoded(pd.Series(["a", "a"])) == {"values": ["a", "a"]}  # too few to gain


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


def test_the_views_data_is_never_compiled_as_a_template(dataset, monkeypatch):
    """branca compiles what an element renders as a Jinja template; the layer's script,
    the whole view's data, is added as text (a third of a run's time, see the benchmark)."""
    compiled = []
    from_string = jinja2.Environment.from_string

    def counting(self, source, *args, **kwargs):
        compiled.append(len(source))
        return from_string(self, source, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "from_string", counting)
    view = compose(dataset, Selection(as_of=AS_OF, colour="status"))
    html = rendered(standalone_map(view))
    assert len(spec_of(html)["areas"]["ids"]) == 3143  # the whole view is on the page
    assert compiled and max(compiled) < 20_000  # the templates, not the data (400 kB)


def test_views_of_one_place_and_of_the_nation_send_each_its_own_shapes(dataset):
    """The encoding of the areas is made once and shared by the views made of the same
    shapes, some left out (another state's inset): whichever view comes first, each view
    sends exactly its own areas."""
    views = [compose(dataset, Selection(as_of=AS_OF, state=state)) for state in ("TX", "AK")]
    views.insert(1, compose(dataset, Selection(as_of=AS_OF)))
    expected = [
        [[[encode_references(ring) for ring in polygon] for polygon in area] for area in v.shapes]
        for v in views
    ]
    for order in ([0, 1, 2], [1, 0, 2], [2, 0, 1, 0]):
        for i in order:
            assert spec(views[i])["areas"]["shapes"] == expected[i]


@pytest.fixture
def static(tmp_path, monkeypatch):
    """A static folder of the test's own, and no part remembered as published elsewhere."""
    monkeypatch.setattr(offline, "STATIC_DIR", tmp_path)
    monkeypatch.setattr(leaflet, "_parts", {})
    return tmp_path


def with_parts(value, static_dir):
    """`value` with every {"$ref": address} replaced by the file's content, as the script does."""
    if isinstance(value, dict) and set(value) == {"$ref"}:
        assert value["$ref"].startswith("/app/static/parts/")
        path = static_dir / value["$ref"].removeprefix("/app/static/")
        return json.loads(path.read_text())
    if isinstance(value, dict):
        return {key: with_parts(item, static_dir) for key, item in value.items()}
    if isinstance(value, list):
        return [with_parts(item, static_dir) for item in value]
    return value


def test_a_run_sends_the_views_colours_and_the_files_hold_the_rest(dataset, static, report_line):
    """What the map component receives on each run (the layer's script as streamlit-folium
    writes it) holds classes, styles, legend and extent, not one arc; the files it names
    make up the very view the Interactive HTML holds inline."""
    view = compose(dataset, Selection(as_of=AS_OF, colour="status"))
    sent = _get_feature_group_string(dynamic_layer(view), base_map())
    assert view.arcs.bodies[0] not in sent and view.ids[1] not in sent
    assert len(sent.encode()) < 20_000
    whole = json.loads(script_json(spec(view)))
    assert with_parts(spec_of(sent), static) == whole | {"play": None}
    report_line(f"national layer sent per run: {len(sent.encode()):,} bytes (whole view "
                f"{len(script_json(whole).encode()):,})")  # fmt: skip


def test_a_readers_own_list_keeps_its_words_out_of_the_files(static, monkeypatch):
    monkeypatch.setattr(leaflet, "SHARED_BYTES", 0)  # the tiny country's parts are small
    counties = counties_frame(names=("Private one", "Private two", "Private three"))
    sent = _get_feature_group_string(
        dynamic_layer(compose(tiny(counties), Selection(as_of=AS_OF)), public=False), base_map()
    )
    assert "Private one" in sent
    files = list(static.rglob("*.json"))
    assert files and all("Private" not in f.read_text() for f in files)  # its shapes only


def test_a_parts_address_changes_with_the_shapes(static, monkeypatch):
    monkeypatch.setattr(leaflet, "SHARED_BYTES", 0)  # the tiny country's parts are small

    def arcs_sent(shapes, as_of=AS_OF):
        view = compose(replace(tiny(), shapes=shapes), Selection(as_of=as_of))
        return spec(view, shared=leaflet._published)["arcs"]["$ref"]

    again = Shapes.from_stored(map_shapes(np.array(FIPS), lonlat_squares()))
    assert arcs_sent(tiny_shapes()) == arcs_sent(tiny_shapes(), dt.date(2012, 1, 1))
    assert arcs_sent(again) == arcs_sent(tiny_shapes())  # the same shapes, made again
    wider = [box(west, 37, west + 1.5, 38) for west in (-80, -78.5, -77)]
    other = arcs_sent(Shapes.from_stored(map_shapes(np.array(FIPS), np.array(wider))))
    assert other != arcs_sent(tiny_shapes())
    assert (static / other.removeprefix("/app/static/")).is_file()


@pytest.mark.parametrize(
    "values",
    [[0, 1, 1, 0, 1, 0, 0, 1], [3, 0, 2, 1, 1], [6, 0, 5, 1, 2, 3, 4], list(range(64)), [0]],
    ids=["two", "four", "seven", "sixty-four", "one"],
)
def test_codes_travel_packed_and_come_back_whole(values):
    packed = compact_codes(values)
    assert isinstance(packed, str) and codes(packed, len(values)) == values
    assert len(packed) <= 1 + -(-len(values) // (6 // max(max(values).bit_length(), 1)))


def test_codes_beyond_sixty_four_travel_as_a_list():
    assert compact_codes([0, 64]) == [0, 64]


def test_a_new_view_brings_the_parts_its_page_lacks_once(dataset, static):
    """The session's first view sends references (a browser may keep the files from an earlier
    visit); a new view afterwards sends its new parts with the run, once, sparing a request."""
    sent: set[str] = set()

    def received(selection, inline_new=True):
        layer = dynamic_layer(compose(dataset, selection), sent=sent, inline_new=inline_new)
        return _get_feature_group_string(layer, base_map())

    assert '"part"' not in received(Selection(as_of=AS_OF), inline_new=False) and sent
    texas = received(Selection(as_of=AS_OF, state="TX"))
    whole = json.loads(script_json(spec(compose(dataset, Selection(as_of=AS_OF, state="TX")))))
    assert spec_of(texas)["arcs"]["part"] == whole["arcs"]  # new arcs, with the run
    assert "part" not in spec_of(texas)["areas"]["ids"]  # the page has the nation's
    later = received(Selection(as_of=dt.date(2012, 1, 1), state="TX"))
    assert '"part"' not in later and len(later.encode()) < 20_000
