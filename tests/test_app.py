"""The Streamlit page, run headless with AppTest on the shipped data."""

import datetime as dt
import random
import re
import shutil
from pathlib import Path

import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from geo.domain.load import PROCESSED_DIR
from geo.render.charts import SHOWN_DATE

DASHBOARD = str(Path(__file__).resolve().parent.parent / "dashboard.py")
TIMEOUT = 60  # loading shapes and building the map takes longer than AppTest's 3 s default


def open_page(**params) -> AppTest:
    page = AppTest.from_file(DASHBOARD, default_timeout=TIMEOUT)
    for name, value in params.items():
        page.query_params[name] = value
    page.run()
    assert not page.exception
    return page


def metrics(page) -> dict[str, str]:
    return {m.label: m.value for m in page.metric}


def warnings(page) -> list[str]:
    return [w.value for w in page.warning]


def test_opens_on_the_completed_rollout():
    page = open_page()
    assert metrics(page) == {
        "Counties activated": "3,143 of 3,143",
        "States participating": "51 of 51",
        "Population in activated counties": "100.0%",
        "Noncitizens in activated counties": "100.0%",
    }
    assert warnings(page) == []


def test_moving_the_date_updates_the_headline_and_the_link():
    page = open_page()
    page.slider(key="as_of").set_value(dt.date(2010, 9, 30)).run()
    assert metrics(page)["Counties activated"] == "659 of 3,143"
    assert metrics(page)["States participating"] == "32 of 51"
    assert page.query_params["as_of"] == "2010-09-30"
    page.slider(key="as_of").set_value(dt.date(2008, 10, 27)).run()
    assert metrics(page)["Counties activated"] == "1 of 3,143"
    assert metrics(page)["Population in activated counties"] == "1.3%"  # Harris County TX


def test_a_link_reproduces_date_state_and_layer():
    page = open_page(as_of="2011-06-01", state="va", layer="state", measure="counties")
    assert page.slider(key="as_of").value == dt.date(2011, 6, 1)
    assert page.selectbox(key="state").value == "VA"
    assert page.radio(key="layer").value == "state"
    assert page.radio(key="measure").value == "counties"
    assert metrics(page)["Counties activated"] == "134 of 134"
    assert metrics(page)["Every county activated"] == "15 Jun 2010"
    assert page.query_params["state"] == "VA"


def test_a_link_to_the_noncitizens_measure_shows_who_was_covered_first():
    page = open_page(as_of="2009-11-30", layer="state", measure="noncitizens")
    assert page.radio(key="measure").value == "noncitizens"
    assert metrics(page)["Population in activated counties"] == "20.5%"
    assert metrics(page)["Noncitizens in activated counties"] == "35.7%"
    assert page.query_params["measure"] == "noncitizens"
    assert "#### Who was covered first" in [m.value for m in page.markdown]
    captions = " ".join(c.value for c in page.caption).replace("\\", "")  # Markdown escapes
    assert "lawful permanent residents" in captions  # the caveats beside the chart
    assert "On 30 November 2009: 20.5% of the population, 35.7% of noncitizens." in captions
    page.radio(key="measure").set_value("population").run()
    assert "measure" not in page.query_params


def test_a_bad_measure_in_the_link_gets_its_message_and_the_default():
    page = open_page(layer="state", measure="citizens")
    assert page.radio(key="measure").value == "population"
    assert warnings(page) == [
        "measure='citizens' in the link is not one of population, counties, noncitizens; "
        "showing population instead."
    ]


def test_choosing_a_state_restricts_the_numbers_and_lists_its_counties():
    page = open_page(as_of="2010-09-30")
    page.selectbox(key="state").set_value("CA").run()
    assert metrics(page) == {
        "Counties activated": "38 of 58",
        "Every county activated": "Not yet",
        "Population in activated counties": "98.1%",
        "Noncitizens in activated counties": "99.1%",
    }
    table = page.dataframe[0].value
    assert len(table) == 58
    santa_clara = table[table["County"] == "Santa Clara County"].iloc[0]
    assert str(santa_clara["Activated on"]) == "2010-05-04"
    assert santa_clara["Population (2010)"] == 1_781_642
    assert santa_clara["Status on 2010-09-30"] == "Activated"
    assert page.query_params["state"] == "CA"


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"as_of": "yesterday"}, "is not a date written YYYY-MM-DD"),
        ({"as_of": "2015-01-01"}, "is outside the rollout"),
        ({"state": "ZZ"}, "is not a state's two-letter code"),
        ({"layer": "satellite"}, "layer='satellite' in the link is not one of county, state"),
        ({"colour": "rainbow"}, "is not one of status, wave, noncitizen_share, value"),
    ],
    ids=["not a date", "after the rollout", "unknown state", "unknown layer", "unknown colour"],
)
def test_a_bad_link_gets_a_message_and_the_default(params, message):
    page = open_page(**params)
    assert len(warnings(page)) == 1
    assert message in warnings(page)[0]
    assert metrics(page)["Counties activated"] == "3,143 of 3,143"


def test_a_link_cannot_inject_markdown():
    page = open_page(state="![x](http://example.com/a.png)")
    assert "](http" not in warnings(page)[0]
    assert "\\!\\[x\\]\\(http" in warnings(page)[0]


def test_play_waits_for_the_map_to_ask_for_each_month():
    """Play goes at the browser's pace: the map asks for the next month once it has drawn
    one (tests/test_browser_play.py); the page never moves on by itself."""
    page = open_page(as_of="2012-10-22")
    page.button(key="play").click().run()
    assert page.button(key="play").label == "Pause"
    assert page.slider(key="as_of").value == dt.date(2012, 10, 22)


def test_a_site_link_shows_the_site_its_ring_and_its_story():
    page = open_page(site="06075", as_of="2010-06-01")
    assert page.selectbox(key="site").value == "06075"
    shown = metrics(page)
    assert shown["Site activated"] == "08 Jun 2010"
    assert shown["Ring activated on 01 Jun 2010"] == "1 of 2"
    assert shown["Ring activated before the site"] == "1 of 2"
    assert shown["Ring closed"] == "10 Aug 2010"
    assert any("its last 63 days after the site" in c.value for c in page.caption)
    story = " ".join(m.value for m in page.markdown)
    assert "**2010-05-18**" in story and "KALW News" in story
    assert page.query_params["site"] == "06075"


def test_second_ring_and_state_site():
    page = open_page(site="53", ring="2", as_of="2013-01-22")
    assert page.checkbox(key="second_ring").value is True
    assert metrics(page)["Last county of the site activated"] == "03 Apr 2012"
    assert page.query_params["ring"] == "2"


def test_an_unknown_site_gets_a_message():
    page = open_page(site="99999")
    assert "is not the code of a resistant site" in warnings(page)[0]
    assert page.selectbox(key="site").value == ""


def test_the_view_can_be_taken_away():
    page = open_page(as_of="2010-09-30", state="CA")
    links = " ".join(m.value for m in page.markdown)
    assert "](?as_of=2010-09-30&state=CA)" in links
    downloads = re.findall(r'href="/export/(\w+)\?([^"]*)" download>([^<]+)<', links)
    assert [(kind, label) for kind, _, label in downloads] == [
        ("png", "PNG"),
        ("png2x", "PNG 2x"),
        ("svg", "SVG"),
        ("pdf", "PDF"),
        ("csv", "CSV"),
        ("geojson", "GeoJSON"),
        ("html", "Interactive HTML"),
    ]
    assert {query for _, query, _ in downloads} == {"as_of=2010-09-30&amp;state=CA"}
    makers = [button.label for button in page.button if button.label.startswith("Make the")]
    assert makers == ["Make the GIF (month by month)", "Make the MP4 (month by month)"]


def test_damaged_data_shows_the_file_and_the_rebuild_command(tmp_path, monkeypatch):
    folder = tmp_path / "processed"
    shutil.copytree(PROCESSED_DIR, folder)
    (folder / "counties.parquet").write_bytes(b"not parquet")
    monkeypatch.setenv("SC_DATA_DIR", str(folder))
    page = AppTest.from_file(DASHBOARD, default_timeout=TIMEOUT)
    page.run()
    assert not page.exception
    message = page.error[0].value.replace("\\", "")  # as shown: Markdown escapes removed
    assert "counties.parquet" in message and "is damaged" in message
    assert "Rebuild the processed data with: python -m geo.build" in message
    assert page.metric.len == 0


def test_all_sites_table_on_demand():
    page = open_page()
    assert not any("Ring counties" in frame.value.columns for frame in page.dataframe)
    page.toggle(key="compare_sites").set_value(True).run()
    table = next(f.value for f in page.dataframe if "Ring counties" in f.value.columns)
    assert len(table) == 13  # the 12 sites of the first release and New York City
    cook = table.set_index("Site").loc["Cook County"]
    assert (cook["Ring counties"], cook["Days ring closed before site"]) == (6, 406)


def test_settings_of_hidden_widgets_survive_switching_layers():
    page = open_page()
    page.radio(key="colour").set_value("status").run()
    page.radio(key="layer").set_value("state").run()
    page.radio(key="measure").set_value("counties").run()
    page.slider(key="as_of").set_value(dt.date(2011, 1, 1)).run()
    assert not page.exception
    page.radio(key="layer").set_value("county").run()
    assert not page.exception
    assert page.radio(key="colour").value == "status"
    page.radio(key="layer").set_value("state").run()
    assert page.radio(key="measure").value == "counties"
    assert page.query_params["as_of"] == "2011-01-01"


def test_a_long_random_walk_through_the_widgets_never_breaks_the_page():
    rng = random.Random(20081027)
    page = open_page()
    moves = {
        "layer": lambda: page.radio(key="layer").set_value(rng.choice(["county", "state"])),
        "state": lambda: page.selectbox(key="state").set_value(rng.choice(["", "CA", "AK", "DC"])),
        "site": lambda: page.selectbox(key="site").set_value(rng.choice(["", "17031", "53"])),
        "ring": lambda: page.checkbox(key="second_ring").set_value(rng.random() < 0.5),
        "date": lambda: page.slider(key="as_of").set_value(
            dt.date(2008, 10, 27) + dt.timedelta(days=rng.randint(0, 1548))
        ),
        "outline": lambda: page.checkbox(key="outline_sites").set_value(rng.random() < 0.5),
    }
    for step in range(30):
        name = rng.choice(sorted(moves))
        moves[name]().run()
        assert not page.exception, f"step {step}: {name}"
    assert len(page.metric) >= 3


def test_new_york_city_is_a_site_made_of_five_counties():
    page = open_page(site="3651000", as_of="2012-03-01")
    assert page.selectbox(key="site").value == "3651000"
    shown = metrics(page)
    assert shown["Last county of the site activated"] == "15 May 2012"
    assert shown["Ring activated on 01 Mar 2012"] == "4 of 4"
    assert shown["Ring closed"] == "22 Feb 2012"
    assert any("five boroughs are five counties" in box.value for box in page.info)
    story = " ".join(m.value for m in page.markdown)
    assert "**2011-11-22**" in story and "Local Law 62" in story
    assert page.query_params["site"] == "3651000"


def test_a_sites_story_has_the_national_events_marked_national():
    page = open_page(site="51013", as_of="2010-11-05")
    story = " ".join(m.value for m in page.markdown)
    assert "**2010-10-06** (national)" in story  # the Secretary: not opt-in, opt-out
    assert "**2011-08-05** (national)" in story  # ICE ends the state agreements
    assert "**2010-09-28**:" in story  # the county's own vote


def test_a_site_whose_date_sources_disagree_on_says_so_with_the_date_used():
    page = open_page(site="06085", as_of="2010-06-01")
    warning = next(w.value for w in page.warning if "Sources disagree" in w.value)
    assert "This data uses 04 May 2010" in warning
    assert "May 2009" in warning and "Morgan Hill Times" in warning
    assert not any("Sources disagree" in w.value for w in open_page(site="06075").warning)


def test_oregon_shows_the_evidence_against_its_listing():
    page = open_page(site="41", as_of="2011-01-01")
    assert any("could not be confirmed" in box.value for box in page.info)
    story = " ".join(m.value for m in page.markdown)
    assert "**2010-04** (national)" not in story and "**2010-04**:" in story


def test_a_date_change_moves_the_charts_date_and_leaves_its_specification_as_it_was():
    """The browser replaces the date's row in the chart it has, instead of drawing the
    chart again, only when the specification is the same (the date is a dataset apart)."""

    def chart_of(page):
        (chart,) = [e for e in page.main if getattr(e, "type", "") == "vega_lite_chart"]
        tables = {d.name: pa.ipc.open_stream(d.data.data).read_all() for d in chart.proto.datasets}
        return chart.proto.spec, tables[SHOWN_DATE].column("date").to_pylist()

    page = open_page(as_of="2010-09-30")
    spec, dates = chart_of(page)
    assert dates == ["2010-09-30T00:00:00"]
    page.slider(key="as_of").set_value(dt.date(2011, 2, 17)).run()
    assert chart_of(page) == (spec, ["2011-02-17T00:00:00"])
