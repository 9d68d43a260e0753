"""The app's generated words in Spanish: titles, the alt text, a site's numbers and ring,
the table beside ICE's counts, the all-sites table and the charts (their dates written by
Vega in Spanish), on the real processed data; English exactly as before."""

import datetime as dt
import re

import pandas as pd
import pytest

from geo import i18n
from geo.domain.official import beside_this_data, counties_over_time
from geo.domain.rings import Dates, SiteRing, compared, site_events, summarize_ring
from geo.render.charts import ice_counts_chart, ring_fill_chart
from geo.view.selection import Selection
from geo.view.wording import (
    activation_dates,
    comparison,
    dates_in_print,
    describe,
    headline_numbers,
    ring_caption,
    rollout_subtitle,
    site_metrics,
    source_line,
    when,
    words,
)

DAY = dt.date(2011, 2, 17)
# Words that only an English sentence has (none is a place's name in these views)
ENGLISH = re.compile(
    r"\b(of|the|and|by|in|on|its|counties|county|coloured|activated|Map|Secure Communities|"
    r"February|Feb|ring|site|states|state|people|not|list)\b"
)


def english_words(text: str) -> list[str]:
    return ENGLISH.findall(text)


def site_view(dataset, site_id="06075", ring=1):
    site = SiteRing.of(dataset.counties, dataset.adjacency, dataset.sites, site_id, ring)
    summary = summarize_ring(dataset.counties, site.site_id, site.around, DAY)
    return site, summary


def test_the_alt_text_of_the_national_map_is_spanish(dataset):
    view = Selection(as_of=DAY)
    with i18n.speaking("es"):
        text = describe(dataset, view)
    assert "17 de febrero de 2011" in text
    assert text.startswith("Mapa de Estados Unidos por condado, 17 de febrero de 2011, ")
    assert "Comunidades Seguras en vigor en 1,051 de 3,143 condados de 39 de 51 estados" in text
    assert "de la población nacional y el 69.9% de sus no ciudadanos." in text
    assert english_words(text) == []
    english = describe(dataset, view)
    assert english.startswith("Map of the United States by county, 17 February 2011, ")
    assert "active in 1,051 of 3,143 counties in 39 of 51 states (DC counted as one)" in english
    with i18n.speaking("en"):
        assert describe(dataset, view) == english


@pytest.mark.parametrize(
    "view",
    [
        Selection(as_of=DAY, layer="state"),
        Selection(as_of=DAY, layer="state", measure="counties", state="CA"),
        Selection(as_of=DAY, state="VA", colour="status"),
        Selection(as_of=DAY, site="06075"),
        Selection(as_of=DAY, site="36", ring=2),
    ],
    ids=["states", "one-state-by-state", "one-state", "site", "second-ring"],
)
def test_every_kind_of_alt_text_is_spanish(dataset, view):
    with i18n.speaking("es"):
        text = describe(dataset, view)
    assert text.startswith("Mapa de ")
    assert "17 de febrero de 2011" in text or "17 feb 2011" in text
    # a site's own name may be English ("New York"): take it out first
    assert english_words(text.replace("New York", "")) == []


def test_title_subtitle_and_sources_are_spanish(dataset):
    view = Selection(as_of=DAY)
    with i18n.speaking("es"):
        text = words(dataset, view)
        site = words(dataset, Selection(as_of=DAY, site="06075"))
        span = rollout_subtitle((dt.date(2008, 10, 27), dt.date(2013, 1, 22)))
        sources = source_line(dataset)
        numbers = headline_numbers(dataset, view)
    assert (text.title, text.subtitle) == (
        "Comunidades Seguras: año en que se activó cada condado",
        "Al 17 de febrero de 2011",
    )
    assert site.title == "Comunidades Seguras: San Francisco y su anillo"
    assert span == "Mes a mes, de octubre de 2008 a enero de 2013"
    assert sources.startswith("Fuentes: fechas de activación")
    assert numbers == [
        ("Condados activados", "1,051 de 3,143"),
        ("Estados participantes", "39 de 51"),
        ("Población en condados activados", "57.2%"),
        ("No ciudadanos en condados activos", "69.9%"),
    ]
    english = words(dataset, view)
    assert (english.title, english.subtitle) == (
        "Secure Communities: year each county was activated",
        "As of 17 February 2011",
    )
    assert headline_numbers(dataset, view)[0] == ("Counties activated", "1,051 of 3,143")


def test_a_sites_numbers_and_ring_are_spanish(dataset):
    site, summary = site_view(dataset)
    with i18n.speaking("es"):
        metrics = site_metrics(summary, len(site.members))
        caption = ring_caption(summary, len(site.members))
    assert metrics == [
        ("Sitio activado", "8 jun 2010"),
        ("Anillo activado al 17 feb 2011", "2 de 2"),
        ("Anillo activado antes que el sitio", "1 de 2"),
        ("Cierre del anillo", "10 ago 2010"),
    ]
    assert caption == (
        "El anillo lo forman los 2 condados ajenos al sitio que comparten con él un límite o "
        "una esquina. Su primer condado se activó el 25 may 2010, y el último, 63 días después "
        "que el sitio. Al 17 feb 2011, el 100% de los 970,860 habitantes del anillo vivía en "
        "condados activados, y el 100% de sus 134,162 no ciudadanos."
    )
    assert site_metrics(summary, 1)[1] == ("Ring activated on 17 Feb 2011", "2 of 2")
    assert ring_caption(summary, 1).startswith("The ring is the 2 counties outside the site")


def test_what_a_list_leaves_out_and_dates_in_print_are_spanish(dataset):
    dates = pd.Series([pd.Timestamp("2010-06-08"), pd.NaT, pd.Timestamp("1800-01-01")])
    events = site_events(dataset.events, "06085")  # Santa Clara: sources give other dates
    with i18n.speaking("es"):
        assert activation_dates(dates).tolist() == [
            "8 jun 2010",
            "fuera de su lista",
            "sin fecha en su lista",
        ]
        assert when(Dates(None, None, 2, 3), 5) == (
            "3 de 5 fuera de su lista; 2 de 5 sin fecha en su lista"
        )
        printed = dates_in_print(events, dt.date(2010, 5, 4))
    assert printed.startswith("**Las fuentes no coinciden en cuándo se activó este sitio.**")
    assert "Fecha que usan estos datos: 4 may 2010." in printed
    assert "mayo de 2009 ([Morgan Hill Times]" in printed
    assert activation_dates(dates).tolist() == [
        "08 Jun 2010",
        "not in your list",
        "no date in your list",
    ]


def test_the_all_sites_table_has_spanish_headers(dataset):
    with i18n.speaking("es"):
        shown = comparison(compared(dataset, 1))
    assert list(shown.columns) == [
        "Sitio",
        "Nivel",
        "Sitio activado",
        "Condados del anillo",
        "Anillo activado antes que el sitio",
        "No ciudadanos del anillo cubiertos antes que el sitio",
        "Primer condado del anillo",
        "Cierre del anillo",
        "Días que el anillo se cerró antes que el sitio",
    ]
    assert list(comparison(compared(dataset, 1)).columns)[:3] == ["Site", "Level", "Site activated"]


def test_the_table_beside_ices_counts_is_spanish(dataset):
    with i18n.speaking("es"):
        table = beside_this_data(dataset.counties, dataset.ice_counts)
    said = dict(zip(table["date"], table["said"], strict=True))
    why = dict(zip(table["date"], table["why"], strict=True))
    assert said["2010-09-30"] == "658 jurisdicciones en 32 estados"
    assert said["2010-04-22"] == "alrededor de 150 jurisdicciones en 19 estados"
    assert said["2010-10-06"] == "más de 660 socios estatales y locales"
    assert why["2010-09-30"].startswith("ICE contaba jurisdicciones: condados, pero también")
    assert why["2010-10"] == (
        "Contó localidades, otro nombre de las jurisdicciones de ICE: no es lo mismo que condados."
    )
    english = beside_this_data(dataset.counties, dataset.ice_counts)
    assert english.loc[english["date"] == "2010-04-22", "said"].item() == (
        "about 150 jurisdictions in 19 states"
    )


def ring_chart(dataset) -> dict:
    fill = pd.DataFrame({"date": [pd.Timestamp("2010-05-25")], "share": [0.5], "activated": [1]})
    events = site_events(dataset.events, "06075")
    return ring_fill_chart(fill, dt.date(2010, 6, 8), DAY, events).to_dict()


def test_charts_write_their_words_and_dates_in_spanish(dataset):
    with i18n.speaking("es"):
        ring = ring_chart(dataset)
        ice = ice_counts_chart(
            counties_over_time(dataset.counties),
            beside_this_data(dataset.counties, dataset.ice_counts),
        ).to_dict()
    for spec in (ring, ice):
        time = spec["config"]["locale"]["time"]
        assert time["months"][1] == "febrero" and time["shortMonths"][1] == "feb"
        assert time["days"][0] == "domingo" and time["shortDays"][3] == "mié"
        assert set(time) == {
            "dateTime",
            "date",
            "time",
            "periods",
            "days",
            "shortDays",
            "months",
            "shortMonths",
        }
    assert ring["layer"][0]["encoding"]["y"]["title"] == "Anillo activado"
    rules = ring["datasets"][ring["layer"][1]["data"]["name"]]
    assert [row["what"] for row in rules] == ["Sitio activado", "Fecha mostrada en el mapa"]
    ticks = ring["layer"][2]["encoding"]
    assert ticks["color"]["legend"]["title"] == "Eventos"
    assert ticks["color"]["scale"]["domain"] == ["Este sitio", "Nacional"]
    assert [tip["title"] for tip in ticks["tooltip"]] == ["Fecha", " ", "Evento"]
    assert ice["layer"][0]["encoding"]["y"]["title"] == "Condados; cifra publicada"
    assert [tip["title"] for tip in ice["layer"][1]["encoding"]["tooltip"]] == [
        "Fecha",
        "Cifra publicada",
        "Fuente (haga clic para abrirla)",
        "Estos datos, condados",
    ]
    english = ring_chart(dataset)
    assert "locale" not in english.get("config", {})  # Vega's own English, as before
    assert english["layer"][0]["encoding"]["y"]["title"] == "Ring activated"
