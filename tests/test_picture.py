"""Publication pictures drawn on the server from the real data."""

import datetime as dt
import io
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest
import shapely
import shapely.ops
from PIL import Image

from geo.common import PROJECT_ROOT as ROOT
from geo.render.picture import DPI, draw, map_pixels
from geo.view.compose import compose
from geo.view.selection import Selection
from geo.view.styles import ACTIVATED, NOT_YET
from geo.view.wording import SOURCES, Words, title

AS_OF = dt.date(2010, 9, 30)


@pytest.fixture(scope="module")
def national(dataset):
    selection = Selection(as_of=AS_OF, colour="status")
    return draw(
        compose(dataset, selection, map_pixels(DPI)),
        Words(title(dataset, selection), "As of 30 September 2010"),
        SOURCES,
    )


def inside(dataset, fips: str) -> tuple[float, float]:
    """A point well inside a county, in the map's coordinates."""
    shapes = dataset.shapes
    (polygons,) = shapes.county_polygons(shapes.counties.rows([fips]), 0)
    largest = max(
        (shapely.Polygon(polygon[0], polygon[1:]) for polygon in polygons), key=lambda p: p.area
    )
    point = shapely.ops.polylabel(largest, tolerance=100)  # farthest from its borders
    return point.x, point.y


def pixel(picture, xy: tuple[float, float], dpi: float) -> tuple[int, int]:
    """Pixel (column, row from the top) of a point of the map in the picture saved at `dpi`."""
    x, y = picture.figure.axes[0].transData.transform(xy)
    scale = dpi / picture.figure.dpi
    return round(x * scale), round(picture.figure.get_figheight() * dpi - y * scale)


def svg_texts(svg: bytes) -> list[str]:
    """The text of every <text> element of an SVG (the words a reader can select)."""
    root = ET.fromstring(svg)
    return ["".join(node.itertext()) for node in root.iter("{http://www.w3.org/2000/svg}text")]


@pytest.fixture(scope="module")
def png(national):
    return Image.open(io.BytesIO(national.save("png"))).convert("RGB")


def hex_colour(rgb) -> str:
    return "#{:02x}{:02x}{:02x}".format(*rgb)


def test_print_size_and_resolution(national):
    image = Image.open(io.BytesIO(national.save("png")))
    assert image.width >= 2000
    assert image.info["dpi"] == pytest.approx((200, 200), abs=0.01)
    double = Image.open(io.BytesIO(national.save("png", scale=2)))
    assert double.width == 2 * image.width


def test_picture_is_not_blank(png):
    colours = png.getcolors(maxcolors=1 << 20)
    white = sum(count for count, rgb in colours if rgb == (255, 255, 255))
    assert white < 0.8 * png.width * png.height
    assert len(colours) > 50


@pytest.mark.parametrize(
    ("fips", "colour"),
    [
        ("48201", ACTIVATED),  # Harris TX, 2008-10-27
        ("06037", ACTIVATED),  # Los Angeles, 2010-08-10
        ("36029", NOT_YET),  # Erie NY, 2012-05-15
        ("53033", NOT_YET),  # King WA, 2012-04-03
        ("30111", ACTIVATED),  # Yellowstone MT, 2010-08-10
    ],
    ids=["Harris", "Los Angeles", "Erie", "King", "Yellowstone"],
)
def test_counties_have_their_colour_on_the_date(dataset, national, png, fips, colour):
    column, row = pixel(national, inside(dataset, fips), dpi=200)
    assert hex_colour(png.getpixel((column, row))) == colour


def test_svg_carries_title_date_and_legend_as_text(national):
    texts = svg_texts(national.save("svg"))
    for expected in (
        "Secure Communities: activation by county",
        "As of 30 September 2010",
        "Not yet activated",
        "Resistant site",
    ):
        assert expected in texts, expected
    assert any("Vargas Núñez" in text for text in texts)


def test_pdf_is_a_pdf(national):
    assert national.save("pdf").startswith(b"%PDF")


def test_site_picture_shows_its_ring_in_the_legend(dataset):
    selection = Selection(as_of=AS_OF, site="17031")
    view = compose(dataset, selection, map_pixels(DPI))
    picture = draw(view, Words(title(dataset, selection), "As of"), SOURCES)
    texts = svg_texts(picture.save("svg"))
    assert "Secure Communities: Cook County and its ring" in texts
    assert "Ring: shares a border or corner" in texts


@pytest.mark.parametrize(
    ("fips", "colour"),
    [
        ("02020", NOT_YET),  # Anchorage, 2012-04-10
        ("02290", NOT_YET),  # Yukon-Koyukuk, 2012-04-10
        ("15001", ACTIVATED),  # Hawaii County, 2010-09-14
    ],
    ids=["Anchorage", "Yukon-Koyukuk", "Hawaii County"],
)
def test_national_picture_shows_alaska_and_hawaii_in_insets(dataset, national, png, fips, colour):
    column, row = pixel(national, inside(dataset, fips), dpi=200)
    assert 0 < column < png.width and 0 < row < png.height
    assert hex_colour(png.getpixel((column, row))) == colour


def test_the_picture_renderer_does_not_import_the_leaflet_one():
    code = "import sys, geo.render.picture; print(sorted(m for m in sys.modules if 'folium' in m))"
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert loaded.stdout.strip() == "[]"


def test_a_tall_view_is_widened_to_a_printable_shape(dataset):
    """San Francisco's ring runs north to south: its map is widened to 4:5, not drawn
    more than twice as tall as wide."""
    view = compose(dataset, Selection(as_of=AS_OF, site="06075"), map_pixels(DPI))
    assert view.extent.width / view.extent.height < 0.8  # tall as the view fits it
    picture = draw(view, Words("A site", "As of 30 September 2010"), SOURCES)
    box = picture.figure.axes[0].get_window_extent()
    assert box.width / box.height == pytest.approx(0.8, abs=0.01)
    west, east = picture.figure.axes[0].get_xlim()
    assert west < view.extent.west and east > view.extent.east  # the surroundings drawn
