"""Every download, made by the one function the page, the scripts and the tests call, on the
real data, for a national, a state and a site view."""

import datetime as dt
import io
import json
import re
import subprocess
import xml.etree.ElementTree as ET

import imageio_ffmpeg
import pandas as pd
import pytest
from PIL import Image

from geo.exports.downloads import DOWNLOADS, file_name, make
from geo.view.selection import Selection
from geo.view.wording import describe

LINK = "http://localhost:8501/?as_of=2011-02-17"
VIEWS = {
    "national": (Selection(as_of=dt.date(2011, 2, 17)), 3143),
    "California": (Selection(as_of=dt.date(2010, 9, 30), state="CA"), 58),
    "San Francisco": (Selection(as_of=dt.date(2010, 6, 1), site="06075"), 3),
}


@pytest.fixture(scope="module")
def made(dataset):
    """Each download of each view, made once."""
    cache = {}

    def get(kind: str, view: str) -> bytes:
        if (kind, view) not in cache:
            cache[kind, view] = make(kind, dataset, VIEWS[view][0], LINK)
        return cache[kind, view]

    return get


def image(content: bytes) -> Image.Image:
    return Image.open(io.BytesIO(content))


def read_csv(content: bytes) -> tuple[dict[str, str], pd.DataFrame]:
    text = content.decode()
    header = dict(line[2:].split(": ", 1) for line in text.splitlines() if line.startswith("# "))
    return header, pd.read_csv(io.StringIO(text), comment="#", dtype={"fips": str})


def mostly_white(picture: Image.Image) -> bool:
    colours = picture.convert("RGB").getcolors(maxcolors=1 << 24)
    white = sum(count for count, rgb in colours if rgb == (255, 255, 255))
    return white > 0.9 * picture.width * picture.height or len(colours) < 20


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize(("kind", "width"), [("png", 2000), ("png2x", 4000)])
def test_png_is_a_print_sized_picture_that_is_not_blank(made, view, kind, width):
    content = made(kind, view)
    assert content.startswith(b"\x89PNG\r\n\x1a\n")
    picture = image(content)
    assert picture.width == width
    assert picture.info["dpi"] == pytest.approx((200 * width / 2000,) * 2, abs=0.01)
    assert not mostly_white(picture)


@pytest.mark.parametrize("view", VIEWS)
def test_svg_parses_as_xml_and_names_the_view(made, view):
    root = ET.fromstring(made("svg", view))
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert "Secure Communities" in "".join(root.itertext())


@pytest.mark.parametrize("view", VIEWS)
def test_pdf_has_one_page(made, view):
    content = made("pdf", view)
    assert content.startswith(b"%PDF-")
    assert len(re.findall(rb"/Type\s*/Page\b", content)) == 1


@pytest.mark.parametrize("view", VIEWS)
def test_csv_rows_are_the_counties_shown_with_the_link(made, view):
    header, table = read_csv(made("csv", view))
    selection, counties = VIEWS[view]
    assert len(table) == counties == int(header["rows"])
    assert header["as_of"] == f"{selection.as_of:%Y-%m-%d}"
    assert header["reproduce"] == LINK
    assert table["fips"].str.fullmatch(r"\d{5}").all()


@pytest.mark.parametrize("view", VIEWS)
def test_geojson_has_a_feature_per_county_shown(made, view):
    collection = json.loads(made("geojson", view))
    selection, counties = VIEWS[view]
    assert len(collection["features"]) == counties
    assert collection["metadata"]["as_of"] == f"{selection.as_of:%Y-%m-%d}"
    properties = collection["features"][0]["properties"]
    assert {"fips", "county", "state", "activation_date", "status_on_date"} <= set(properties)


def test_geojson_of_a_site_gives_each_countys_relation(made):
    features = json.loads(made("geojson", "San Francisco"))["features"]
    relation = {f["properties"]["fips"]: f["properties"]["relation_to_site"] for f in features}
    assert relation == {"06041": "ring", "06075": "site", "06081": "ring"}


@pytest.mark.parametrize("view", VIEWS)
def test_gif_has_a_frame_per_month(made, view):
    gif = image(made("gif", view))
    assert gif.format == "GIF"
    assert (gif.n_frames, gif.width) == (52, 1000)
    gif.seek(gif.n_frames - 1)
    assert not mostly_white(gif)


@pytest.mark.parametrize("view", VIEWS)
def test_mp4_is_an_h264_video_that_plays_everywhere(made, view):
    content = made("mp4", view)
    assert content[4:8] == b"ftyp"
    assert b"avc1" in content[:200]  # H.264
    probe = subprocess.run(
        [imageio_ffmpeg.get_ffmpeg_exe(), "-hide_banner", "-i", "-"],
        input=content,
        capture_output=True,
    ).stderr.decode()
    assert "h264" in probe and "yuv420p" in probe, probe
    assert re.search(r"Duration: 00:00:2[0-9]", probe), probe  # 52 months, 0.4 s each, and a pause


def test_file_names_say_place_date_and_kind():
    assert file_name(VIEWS["California"][0], "png2x") == "secure-communities-ca-2010-09-30.2x.png"
    assert file_name(VIEWS["national"][0], "gif") == "secure-communities-us-rollout.gif"
    assert [file_name(VIEWS["national"][0], kind).rsplit(".", 1)[1] for kind in DOWNLOADS] == [
        "png",
        "png",
        "svg",
        "pdf",
        "csv",
        "geojson",
        "html",
        "gif",
        "mp4",
        "png",
        "svg",
        "png",
        "svg",
        "json",
    ]
    assert file_name(Selection(site="17031"), "timeline_svg") == (
        "secure-communities-ring-timeline-17031.svg"
    )


def test_an_unknown_download_is_refused(dataset):
    with pytest.raises(ValueError, match="Unknown download 'tiff'"):
        make("tiff", dataset, Selection(), LINK)


HOSTILE = Selection(
    as_of=dt.date(2011, 2, 17),
    title="<img src=x onerror=alert(1)> & [click](javascript:alert(1)) "
    "\u200f\u05e9\u05dc\u05d5\u05dd \U0001f5fa\ufe0f",  # a right-to-left mark, Hebrew, an emoji
    subtitle="Subtitle $x^2$ </title><desc>",
    note="A note\nover two lines",
    byline="Map: Jane Doe, The Example Times",
)


@pytest.fixture(scope="module")
def hostile(dataset):
    """Each file of a view whose words would run or break markup, were they not plain text."""
    return {kind: make(kind, dataset, HOSTILE, LINK) for kind in ("png", "svg", "pdf", "html")}


def test_svg_names_the_map_with_the_words_as_text(dataset, hostile):
    root = ET.fromstring(hostile["svg"])
    svg = "{http://www.w3.org/2000/svg}"
    title, desc = root[0], root[1]  # first, where screen readers look
    assert (title.tag, desc.tag) == (f"{svg}title", f"{svg}desc")
    assert title.text == HOSTILE.title
    assert desc.text == describe(dataset, HOSTILE)
    assert root.get("role") == "img"
    texts = ["".join(node.itertext()) for node in root.iter(f"{svg}text")]
    for words in (HOSTILE.title, HOSTILE.subtitle, "over two lines", HOSTILE.byline):
        assert any(words in text for text in texts), words
    assert not list(root.iter(f"{svg}image")) and not list(root.iter(f"{svg}script"))


def test_png_carries_title_and_description_in_its_text_chunks(dataset, hostile):
    chunks = image(hostile["png"]).text
    assert chunks["Title"] == HOSTILE.title
    assert chunks["Description"] == describe(dataset, HOSTILE)


def pdf_string(content: bytes, name: str) -> str:
    """A PDF document-information string: literal, its escapes undone, in UTF-16 when it
    starts with a byte-order mark, else in PDFDocEncoding (Latin-1 for our text)."""
    found = re.search(rb"/" + name.encode() + rb"\s*\(((?:\\.|[^\\)])*)\)", content, re.DOTALL)
    value = re.sub(
        rb"\\([0-7]{1,3}|.)",
        lambda m: (
            bytes([int(m[1], 8)]) if m[1].isdigit() else {b"n": b"\n", b"r": b"\r"}.get(m[1], m[1])
        ),
        found.group(1),
        flags=re.DOTALL,
    )
    return value.decode("utf-16") if value.startswith(b"\xfe\xff") else value.decode("latin-1")


def test_pdf_carries_title_and_description_as_its_metadata(dataset, hostile):
    assert pdf_string(hostile["pdf"], "Title") == HOSTILE.title
    assert pdf_string(hostile["pdf"], "Subject") == describe(dataset, HOSTILE)


def test_the_animations_carry_the_title_and_what_they_show(dataset, made):
    assert "month by month" in image(made("gif", "national")).info["comment"].decode().lower()
    probe = subprocess.run(
        [imageio_ffmpeg.get_ffmpeg_exe(), "-hide_banner", "-i", "-"],
        input=made("mp4", "national"),
        capture_output=True,
    ).stderr.decode()
    assert re.search(r"title\s*: Secure Communities: year each county was activated", probe)


def test_the_interactive_page_is_one_file_that_names_itself_in_plain_text(dataset, hostile):
    page = hostile["html"].decode()
    assert len(hostile["html"]) <= 1_500_000
    assert "<title>&lt;img src=x onerror=alert(1)&gt; &amp; [click]" in page
    markup = re.sub(r"<script>.*?</script>", "", page, flags=re.DOTALL)  # the page's own tags
    assert "<img" not in markup
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", markup)  # nothing from afar
    assert page.count("<script>") == 4  # Leaflet, the map script, the data, the page script


def test_a_city_sites_files_hold_its_five_counties_and_its_ring(dataset):
    selection = Selection(as_of=dt.date(2012, 3, 1), site="3651000")
    assert file_name(selection, "png") == "secure-communities-3651000-2012-03-01.png"
    _, table = read_csv(make("csv", dataset, selection, LINK))
    relation = dict(zip(table["fips"], table["relation_to_site"], strict=True))
    assert sorted(f for f, r in relation.items() if r == "site") == [
        "36005",
        "36047",
        "36061",
        "36081",
        "36085",
    ]
    assert sorted(f for f, r in relation.items() if r == "ring") == [
        "34003",
        "34017",
        "36059",
        "36119",
    ]
    picture = image(make("png", dataset, selection, LINK))
    assert picture.width == 2000 and not mostly_white(picture)


def test_the_animations_carry_a_hostile_title_and_subtitle_as_text(dataset):
    video = make("mp4", dataset, HOSTILE, LINK)
    probe = subprocess.run(
        [imageio_ffmpeg.get_ffmpeg_exe(), "-hide_banner", "-i", "-"],
        input=video,
        capture_output=True,
    ).stderr.decode()
    assert re.search(r"title\s*: " + re.escape(HOSTILE.title) + r"\s*$", probe, re.MULTILINE)
    comment = image(make("gif", dataset, HOSTILE, LINK)).info["comment"].decode()
    assert comment.startswith(HOSTILE.subtitle)
