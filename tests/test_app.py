"""The Streamlit page, run headless with AppTest on the shipped data."""

import datetime as dt
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

DASHBOARD = str(Path(__file__).resolve().parent.parent / "dashboard.py")
TIMEOUT = 60  # loading shapes and building the map takes longer than AppTest's 3 s default


@pytest.fixture
def app():
    page = AppTest.from_file(DASHBOARD, default_timeout=TIMEOUT)
    page.run()
    assert not page.exception
    return page


def metrics(page) -> dict[str, str]:
    return {m.label: m.value for m in page.metric}


def test_opens_on_the_completed_rollout(app):
    assert metrics(app) == {
        "Counties activated": "3,143 of 3,143",
        "States participating": "51 of 51",
        "Population in activated counties": "100.0%",
    }


def test_moving_the_date_updates_the_headline(app):
    app.slider(key="as_of").set_value(dt.date(2010, 9, 30)).run()
    assert metrics(app)["Counties activated"] == "659 of 3,143"
    assert metrics(app)["States participating"] == "32 of 51"
    app.slider(key="as_of").set_value(dt.date(2008, 10, 27)).run()
    assert metrics(app)["Counties activated"] == "1 of 3,143"
    assert metrics(app)["Population in activated counties"] == "1.3%"  # Harris County TX
