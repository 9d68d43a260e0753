"""The page in the reader's language: Spanish from the link (lang=es) or the language
switch, English otherwise, run headless with AppTest on the shipped data."""

import datetime as dt

import pytest

from geo import i18n
from tests.test_app import open_page


def shown(page) -> dict[str, str]:
    """What the test looks at: some widgets' labels, the sections' (About among them), the metrics'
    and the heading."""
    return {
        "date": page.slider(key="as_of").label,
        "state": page.selectbox(key="state").label,
        "every state": page.selectbox(key="state").options[0],
        "site": page.selectbox(key="site").label,
        "play": page.button(key="play").label,
        "compare": page.toggle(key="compare_sites").label,
        "expanders": [expander.label for expander in page.expander],
        "metrics": [metric.label for metric in page.metric],
        "heading": page.markdown[0].value,
    }


ENGLISH = {
    "date": "As of",
    "state": "State",
    "every state": "All states",
    "site": "Resistant site",
    "play": "Play month by month",
    "compare": "Compare all resistant sites",
    "expanders": [
        "Title, subtitle, note and byline",
        "Is the ring pattern real?",
        "About the data",
        "Your own data",
    ],
    "metrics": [
        "Counties activated",
        "States participating",
        "Population in activated counties",
        "Noncitizens in activated counties",
    ],
    "heading": "### Secure Communities, county by county",
}


def spanish_metrics() -> list[str]:
    """The headline's labels in Spanish, as geo.view.wording's messages are translated."""
    with i18n.speaking("es"):
        labels = [i18n._(label) for label in ENGLISH["metrics"]]
    assert labels != ENGLISH["metrics"], "the catalogue has no Spanish for the headline"
    return labels


def spanish() -> dict:
    return {
        "date": "Fecha",
        "state": "Estado",
        "every state": "Todos los estados",
        "site": "Sitio resistente",
        "play": "Reproducir mes a mes",
        "compare": "Comparar todos los sitios resistentes",
        "expanders": [
            "Título, subtítulo, nota y firma",
            "¿Es real el patrón de los anillos?",
            "Acerca de los datos",
            "Sus propios datos",
        ],
        "metrics": spanish_metrics(),
        "heading": "### Comunidades Seguras, condado por condado",
    }


@pytest.mark.parametrize("params", [{}, {"lang": "en"}], ids=["no language", "lang=en"])
def test_the_page_is_english_by_default_and_with_lang_en(params):
    page = open_page(**params)
    assert shown(page) == ENGLISH
    assert page.radio(key="lang").label == "Language / Idioma"


def test_a_link_with_lang_es_opens_the_page_in_spanish():
    page = open_page(lang="es")
    assert shown(page) == spanish()
    assert page.radio(key="lang").label == "Language / Idioma"  # readable in either language
    assert page.query_params["lang"] == "es"


def test_choosing_espanol_turns_the_page_spanish_and_back():
    page = open_page(as_of="2010-09-30", layer="state", measure="counties")
    assert page.radio(key="lang").options == ["English", "Español"]
    page.radio(key="lang").set_value("es").run()
    assert not page.exception
    assert shown(page) == spanish()
    assert page.radio(key="measure").options == ["población", "condados", "no ciudadanos"]
    assert page.query_params["lang"] == "es"
    page.radio(key="lang").set_value("en").run()
    assert not page.exception
    assert shown(page) == ENGLISH
    assert page.radio(key="measure").options == ["population", "counties", "noncitizens"]
    # the view is the same in either language
    assert page.slider(key="as_of").value == dt.date(2010, 9, 30)
    assert (page.radio(key="layer").value, page.radio(key="measure").value) == ("state", "counties")
    assert page.query_params["as_of"] == "2010-09-30"


def test_a_states_table_has_spanish_headings_and_words():
    page = open_page(lang="es", state="CA", as_of="2010-09-30")
    table = next(f.value for f in page.dataframe if "Condado" in f.value.columns)
    santa_clara = table[table["Condado"] == "Santa Clara County"].iloc[0]  # names stay
    assert str(santa_clara["Activado el"]) == "2010-05-04"
    assert santa_clara["Población (2010)"] == 1_781_642
    assert santa_clara["Situación al 2010-09-30"] == "Activado"


def test_an_uploaded_lists_messages_follow_a_change_of_language():
    page = open_page()
    content = b"fips,date\n06075,25/06/2010\n99999,2010-01-01\n"  # read day first, a note
    page.file_uploader(key="upload").set_value(("list.csv", content, "text/csv")).run()
    assert any("were read as day/month/year" in i.value for i in page.info)
    page.radio(key="lang").set_value("es").run()
    assert not page.exception
    notes = [i.value for i in page.info]
    assert not any("were read as" in note for note in notes)
    assert any("día/mes/año" in note for note in notes), notes
    page.file_uploader(key="upload").set_value(("bad.csv", b"name,value\nx,1\n", "text/csv"))
    page.run()
    assert page.error[0].value.startswith("Ninguna columna nombra los condados")
    page.radio(key="lang").set_value("en").run()
    assert page.error[0].value.startswith("No column names the counties")
