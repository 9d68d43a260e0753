"""The map and every download in the reader's language, on the real processed data: the
legend, tooltips and zoom buttons of the map; the words, legend and metadata of the PNG and
SVG; the interactive page (its controls, words, month names); the CSV's and GeoJSON's
metadata, their columns and values left in English for scripts; the animation's dated key
and comment. A download speaks its selection's language whoever makes it; English exactly
as before."""

import datetime as dt
import io
import json
import re
import xml.etree.ElementTree as ET
from dataclasses import replace

import pytest
from PIL import Image

from geo import i18n
from geo.exports.datafiles import rows_and_filters
from geo.exports.downloads import button_label, make
from geo.render import animation, leaflet
from geo.render.interactive import PAGE_SCRIPT
from geo.render.offline import LAYER_SCRIPT
from geo.view.compose import classes_of, compose
from geo.view.selection import Selection
from geo.view.wording import source_line, words

DAY = dt.date(2011, 2, 17)
SPANISH = Selection(lang="es", as_of=DAY)
ENGLISH = Selection(as_of=DAY)
LINK = "http://localhost:8501/?as_of=2011-02-17&lang=es"
SVG = "{http://www.w3.org/2000/svg}"
# The legend of each kind of view (its title first), in Spanish and in English.
LEGENDS = {
    "wave": (
        SPANISH,
        [
            "Año de activación, 17 feb 2011",
            *("Aún no activado", "oct-dic 2008", "2009", "2010", "2011", "2012", "ene 2013"),
            "Sitio resistente",
        ],
        [
            "Year activated, 17 Feb 2011",
            *("Not yet activated", "Oct-Dec 2008", "2009", "2010", "2011", "2012", "Jan 2013"),
            "Resistant site",
        ],
    ),
    "status": (
        replace(SPANISH, colour="status"),
        ["Comunidades Seguras, 17 feb 2011", "Aún no activado", "Activado", "Sitio resistente"],
        ["Secure Communities, 17 Feb 2011", "Not yet activated", "Activated", "Resistant site"],
    ),
    "site": (
        replace(SPANISH, as_of=dt.date(2010, 6, 1), site="06075", ring=2),
        [
            "San Francisco y su anillo, 1 jun 2010",
            "Sitio o anillo, aún no activado",
            "Sitio o anillo, activado",
            "Más lejos, aún no",
            "Más lejos, activado",
            "Segundo anillo",
            "Anillo: comparte un límite o una esquina",
            "San Francisco",
        ],
        [
            "San Francisco and its ring, 01 Jun 2010",
            "Site or ring, not yet activated",
            "Site or ring, activated",
            "Farther away, not yet",
            "Farther away, activated",
            "Second ring",
            "Ring: shares a border or corner",
            "San Francisco",
        ],
    ),
    "states": (
        replace(SPANISH, layer="state", measure="counties"),
        [
            "Proporción de condados cubiertos, 17 feb 2011",
            *("Ninguno", "Hasta 25%", "25% a 50%", "50% a 75%", "75% a 99.9%", "Todos"),
        ],
        [
            "Share of counties covered, 17 Feb 2011",
            *("None", "Up to 25%", "25% to 50%", "50% to 75%", "75% to 99.9%", "All"),
        ],
    ),
}


@pytest.fixture(scope="module")
def made(dataset):
    """Each download of a selection, made once."""
    cache = {}

    def get(kind: str, selection: Selection = SPANISH) -> bytes:
        if (kind, selection) not in cache:
            cache[kind, selection] = make(kind, dataset, selection, LINK)
        return cache[kind, selection]

    return get


def svg_texts(content: bytes) -> list[str]:
    root = ET.fromstring(content)
    return ["".join(node.itertext()) for node in root.iter(f"{SVG}text")]


def in_spanish(dataset, selection: Selection = SPANISH):
    with i18n.speaking("es"):
        return words(dataset, selection)


def test_png_text_chunks_are_spanish_with_the_long_date(dataset, made):
    chunks = Image.open(io.BytesIO(made("png"))).text
    assert chunks["Title"] == in_spanish(dataset).title
    assert chunks["Title"].startswith("Comunidades Seguras: ")
    assert "17 de febrero de 2011" in chunks["Description"]
    assert "Mapa de Estados Unidos por condado" in chunks["Description"]
    english = Image.open(io.BytesIO(made("png", ENGLISH))).text
    assert english["Title"].startswith("Secure Communities: ")
    assert "17 February 2011" in english["Description"]


def test_svg_title_desc_words_and_legend_are_spanish(dataset, made):
    root = ET.fromstring(made("svg"))
    title, desc = root[0], root[1]
    assert (title.tag, desc.tag) == (f"{SVG}title", f"{SVG}desc")
    assert title.text == in_spanish(dataset).title
    assert "17 de febrero de 2011" in desc.text
    texts = svg_texts(made("svg"))
    for text in (
        in_spanish(dataset).title,
        "Al 17 de febrero de 2011",
        "Mapa: Comunidades Seguras, condado por condado.",
        *LEGENDS["wave"][1],
    ):
        assert text in texts, text
    assert "Fuentes: " in texts[2]
    english = svg_texts(made("svg", ENGLISH))
    for text in ("As of 17 February 2011", "Map: Secure Communities, county by county."):
        assert text in english
    assert not {"Año de activación, 17 feb 2011", "Al 17 de febrero de 2011"} & set(english)


@pytest.mark.parametrize("view", LEGENDS)
def test_the_pictures_legend_is_in_the_selections_language(made, view):
    selection, spanish, english = LEGENDS[view]
    texts = svg_texts(made("svg", selection))
    assert texts[texts.index(spanish[0]) :][: len(spanish)] == spanish
    texts = svg_texts(made("svg", replace(selection, lang="en")))
    assert texts[texts.index(english[0]) :][: len(english)] == english


def page_content(html: str) -> dict:
    return json.loads(re.search(r"<script>var SC_PAGE = (.*?);</script>", html, re.S).group(1))


def test_the_interactive_page_is_spanish(made):
    html = made("html").decode()
    assert html.startswith('<!doctype html>\n<html lang="es">')
    assert '<button id="sc-play" type="button">Reproducir</button>' in html
    assert 'aria-label="Fecha"' in html
    content = page_content(html)
    text = content["text"]
    assert (text["play"], text["pause"], text["asOf"]) == ("Reproducir", "Pausa", "Al {date}")
    assert text["countiesActivated"] == "Condados activados"
    assert text["countOf"] == "{number} de {total}"
    assert text["notYetActivatedOn"] == "Aún no activado al {date}"
    assert text["openInDashboard"] == "Abrir esta vista en el tablero"
    dates = content["dates"]
    assert (dates["short"], dates["long"]) == ("d MMM y", "d 'de' MMMM 'de' y")
    assert dates["months"][:2] == ["enero", "febrero"]
    assert dates["monthsShort"][1::7] == ["feb", "sep"]
    assert content["legendTitle"] == "Año de activación"
    spec = content["map"]
    assert spec["legend"]["title"] == "Año de activación, 17 feb 2011"
    assert spec["tooltip"]["labels"][:4] == ["Condado", "Estado", "Activado el", "Situación"]
    assert spec["text"] == {"zoomIn": "Acercar", "zoomOut": "Alejar"}
    # the column the page rewrites for each date is found by its Spanish label
    assert content["rollout"]["tooltip"]["status"] == 3


def test_the_interactive_page_in_english_is_as_before(made):
    html = made("html", ENGLISH).decode()
    assert html.startswith('<!doctype html>\n<html lang="en">')
    assert '<button id="sc-play" type="button">Play</button>' in html
    assert 'aria-label="Date"' in html
    content = page_content(html)
    assert (content["text"]["play"], content["text"]["asOf"]) == ("Play", "As of {date}")
    assert content["dates"]["months"][1] == "February"
    assert content["dates"]["short"] == "dd MMM y"
    assert content["rollout"]["tooltip"]["status"] == 3


@pytest.mark.parametrize("script", [PAGE_SCRIPT, LAYER_SCRIPT], ids=lambda path: path.name)
def test_the_page_scripts_hold_no_words_of_their_own(script):
    """Every word the scripts write comes from the page's data, in its language."""
    code = "\n".join(line.split("//")[0] for line in script.read_text().splitlines())
    strings = re.findall(r'"((?:[^"\\]|\\.)*)"', code)
    words = [s for s in strings if re.search(r"[A-Z][a-z]|\b(of|on|and|its|activated)\b", s)]
    # A message's type to the page around it (Streamlit's "streamlit:setFrameHeight") is a name
    # of the protocol, not a word a reader sees.
    assert [word for word in words if not re.fullmatch(r"streamlit:[a-zA-Z]+", word)] == []


def read_csv(content: bytes) -> tuple[list[tuple[str, str]], list[str]]:
    lines = content.decode().splitlines()
    meta = [tuple(line[2:].split(": ", 1)) for line in lines if line.startswith("# ")]
    return meta, [line for line in lines if not line.startswith("# ")]


def test_csv_metadata_is_spanish_and_its_table_unchanged(dataset, made):
    meta, table = read_csv(made("csv"))
    assert meta == [
        ("título", in_spanish(dataset).title),
        ("fecha", "2011-02-17"),
        ("filas", "3143"),
        ("fuentes", " ".join(source_line_in(dataset, "es").split())),
        ("reproducir", LINK),
    ]
    english_meta, english_table = read_csv(made("csv", ENGLISH))
    assert [key for key, _ in english_meta] == ["title", "as_of", "rows", "sources", "reproduce"]
    assert english_meta[0][1].startswith("Secure Communities: ")
    assert table[0] == english_table[0]  # the header row: English column names, for scripts
    assert table[0].startswith(
        "fips,county,state,activation_date,population_2010,noncitizens,noncitizens_moe,"
        "status_on_date"
    )
    assert table == english_table  # and English data values ("not yet activated")


def source_line_in(dataset, lang: str) -> str:
    with i18n.speaking(lang):
        return source_line(dataset)


def test_csv_of_a_state_and_of_an_upload_name_their_filters_in_spanish(dataset, made):
    meta, _ = read_csv(made("csv", replace(SPANISH, state="CA")))
    assert ("estado", "CA") in meta
    upload = replace(dataset, label="mi_lista.csv")
    with i18n.speaking("es"):
        _, filters = rows_and_filters(upload, SPANISH)
    assert filters["data"] == (
        "el archivo subido por el usuario mi_lista.csv, no verificado por este proyecto"
    )
    _, filters = rows_and_filters(upload, ENGLISH)
    assert filters["data"] == "the user's upload mi_lista.csv, not checked by this project"


def test_geojson_metadata_values_are_spanish_its_keys_and_features_unchanged(dataset, made):
    spanish, english = json.loads(made("geojson")), json.loads(made("geojson", ENGLISH))
    assert list(spanish["metadata"]) == list(english["metadata"])  # keys, for scripts
    assert spanish["metadata"]["title"] == in_spanish(dataset).title
    assert spanish["metadata"]["sources"].startswith("Fuentes: ")
    assert spanish["features"] == english["features"]


def layer_spec(dataset, selection: Selection, lang: str) -> dict:
    with i18n.speaking(lang):
        return leaflet.spec(compose(dataset, selection))


def values(spec: dict, column: int) -> set[str]:
    return set(spec["tooltip"]["columns"][column]["values"])


def test_the_maps_tooltips_and_legend_are_spanish(dataset):
    spec = layer_spec(dataset, SPANISH, "es")
    assert spec["tooltip"]["labels"] == (
        "Condado",
        "Estado",
        "Activado el",
        "Situación",
        "Población (2010)",
    )
    assert values(spec, 3) == {"Activado el 17 feb 2011", "Aún no activado al 17 feb 2011"}
    assert "26 abr 2011" in values(spec, 2)
    assert legend_of(spec) == LEGENDS["wave"][1]
    assert spec["text"] == {"zoomIn": "Acercar", "zoomOut": "Alejar"}
    script = leaflet.RolloutLayer(layer_spec(dataset, ENGLISH, "en")).spec  # rendered as it is sent
    assert '"Year activated, 17 Feb 2011"' in script
    with i18n.speaking("es"):
        script = leaflet.RolloutLayer(leaflet.spec(compose(dataset, SPANISH))).spec
    assert '"Año de activación, 17 feb 2011"' in script and '"Situación"' in script


def test_a_sites_and_the_states_tooltips_are_spanish(dataset):
    site = layer_spec(dataset, LEGENDS["site"][0], "es")
    assert site["tooltip"]["labels"][-1] == "Relación con el sitio"
    assert {"Sitio resistente", "Fuera del anillo", "Segundo anillo"} <= values(site, -1)
    states = layer_spec(dataset, replace(SPANISH, layer="state"), "es")
    assert states["tooltip"]["labels"] == (
        "Estado",
        "Condados activados",
        "Población cubierta",
        "No ciudadanos cubiertos",
    )
    assert "0 de 67" in values(states, 1)  # Alabama on the day
    assert states["legend"]["title"] == "Proporción de la población cubierta, 17 feb 2011"


def legend_of(spec: dict) -> list[str]:
    lines = [line["label"] for line in spec["legend"]["lines"]]
    return [spec["legend"]["title"], *spec["legend"]["labels"], *lines]


@pytest.mark.parametrize("view", ["wave", "site"])
def test_the_map_follows_the_language_from_one_view_to_the_next(dataset, view):
    """Drawings and tooltip columns kept for the next view are kept per language."""
    selection, spanish, english = LEGENDS[view]
    for lang in ("es", "en", "es", "en"):
        spec = layer_spec(dataset, selection, lang)
        assert legend_of(spec) == {"es": spanish, "en": english}[lang]
        assert spec["tooltip"]["labels"][0] == {"es": "Condado", "en": "County"}[lang]
        assert spec["text"]["zoomIn"] == {"es": "Acercar", "en": "Zoom in"}[lang]


def test_a_download_speaks_its_selections_language_whoever_makes_it(dataset):
    with i18n.speaking("es"):
        english, _ = read_csv(make("csv", dataset, ENGLISH, LINK))
        assert i18n.current() == "es"
    spanish, _ = read_csv(make("csv", dataset, SPANISH, LINK))
    assert i18n.current() == "en"
    assert english[0][0] == "title" and english[0][1].startswith("Secure Communities")
    assert spanish[0][0] == "título" and spanish[0][1].startswith("Comunidades Seguras")


def test_download_buttons_are_labelled_in_the_language():
    assert [button_label(kind) for kind in ("png", "png2x", "html")] == [
        "PNG",
        "PNG 2x",
        "Interactive HTML",
    ]
    with i18n.speaking("es"):
        assert button_label("html") == "HTML interactivo"
        assert button_label("svg") == "SVG"


def test_an_animations_frames_are_dated_in_spanish(dataset, monkeypatch):
    written = []

    class Writer:
        def __init__(self, image):
            pass

        def text(self, at, text, *args, **kwargs):
            written.append(text)

    selection = LEGENDS["site"][0]
    with i18n.speaking("es"):
        view = compose(dataset, selection, (600, 600))
        frames = animation.Frames(view, words(dataset, selection), "Fuentes", 30)
        monkeypatch.setattr(animation.ImageDraw, "Draw", Writer)
        frames.frame(classes_of(dataset, selection), dt.date(2009, 9, 7))
    assert written == ["San Francisco y su anillo, 7 sep 2009"]


def test_the_gifs_comment_is_spanish(made):
    comment = Image.open(io.BytesIO(made("gif", LEGENDS["site"][0]))).info["comment"].decode()
    assert comment.startswith("Mes a mes, ")
    assert ". El último fotograma: Mapa de San Francisco" in comment
