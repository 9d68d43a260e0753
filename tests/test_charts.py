"""The ring-fill chart, read back from its Vega-Lite specification."""

import datetime as dt

import pandas as pd
import pytest

from geo.domain.rings import site_events
from geo.render.charts import event_day, ring_fill_chart

FILL = pd.DataFrame(
    {
        "date": pd.to_datetime(["2010-01-05", "2011-02-01"]),
        "activated": [1, 2],
        "share": [0.5, 1.0],
    }
)


def events(*dated: tuple[str, str]) -> pd.DataFrame:
    """Events of one site, each (event_date, description)."""
    return pd.DataFrame(dated, columns=["event_date", "description"]).assign(site_id="06075")


def layer_rows(spec: dict, layer: int) -> list[dict]:
    """The data rows one layer of the chart draws."""
    return spec["datasets"][spec["layer"][layer]["data"]["name"]]


def chart(*dated: tuple[str, str]) -> dict:
    return ring_fill_chart(FILL, dt.date(2010, 6, 8), dt.date(2011, 1, 1), events(*dated)).to_dict()


@pytest.mark.parametrize(
    ("event_date", "expected"),
    [("2010-05-18", "2010-05-18"), ("2010-05", "2010-05-01"), ("2010", "2010-01-01")],
    ids=["day", "month", "year"],
)
def test_event_day_is_the_first_day_the_date_can_stand_for(event_date, expected):
    assert event_day(event_date) == pd.Timestamp(expected)


def test_chart_has_a_step_line_rules_and_event_marks():
    spec = chart(("2010-05-18", "Sheriff refuses detainers"))
    assert [layer["mark"]["type"] for layer in spec["layer"]] == ["line", "rule", "point"]
    assert spec["layer"][0]["mark"]["interpolate"] == "step-after"


def test_step_line_runs_from_the_first_to_the_last_activation():
    assert layer_rows(chart(), 0) == [
        {"date": "2008-10-27T00:00:00", "share": 0.0},
        {"date": "2010-01-05T00:00:00", "share": 0.5},
        {"date": "2011-02-01T00:00:00", "share": 1.0},
        {"date": "2013-01-22T00:00:00", "share": 1.0},
    ]


def test_rules_mark_the_site_activation_and_the_date_shown():
    assert layer_rows(chart(), 1) == [
        {"date": "2010-06-08T00:00:00", "what": "Site activated"},
        {"date": "2011-01-01T00:00:00", "what": "Date shown on the map"},
    ]


def test_events_outside_the_rollout_are_dropped():
    spec = chart(
        ("2008-10", "Month before the first activation"),
        ("2008-10-27", "First day"),
        ("2010-05-18", "Board vote"),
        ("2011", "Year"),
        ("2013-01-22", "Last day"),
        ("2013-01-23", "Day after"),
        ("2014", "Too late"),
    )
    rows = layer_rows(spec, 2)
    assert [(row["event_date"], row["description"]) for row in rows] == [
        ("2008-10-27", "First day"),
        ("2010-05-18", "Board vote"),
        ("2011", "Year"),
        ("2013-01-22", "Last day"),
    ]
    assert [row["date"] for row in rows] == [
        "2008-10-27T00:00:00",
        "2010-05-18T00:00:00",
        "2011-01-01T00:00:00",
        "2013-01-22T00:00:00",
    ]
    tooltips = [tip["field"] for tip in spec["layer"][2]["encoding"]["tooltip"]]
    assert tooltips == ["event_date", "kind", "description"]
    assert {row["kind"] for row in rows} == {"This site"}


def test_national_events_are_marked_apart_from_the_sites_own(dataset):
    events = site_events(dataset.events, "06075")
    assert events["national"].any() and not events["national"].all()
    spec = ring_fill_chart(
        pd.DataFrame({"date": [pd.Timestamp("2010-06-08")], "share": [1.0], "activated": [1]}),
        dt.date(2010, 6, 8),
        dt.date(2011, 1, 1),
        events,
    ).to_dict()
    kinds = {row["description"]: row["kind"] for row in layer_rows(spec, 2)}
    napolitano = events[events["event_type"] == "federal_statement"].iloc[0]
    assert kinds[napolitano.description] == "National"
    assert kinds[events[~events["national"]].iloc[0].description] == "This site"


def test_chart_without_events_has_an_empty_event_layer():
    assert layer_rows(chart(), 2) == []


def test_chart_of_an_empty_ring():
    empty = FILL.iloc[0:0]
    spec = ring_fill_chart(empty, dt.date(2010, 6, 8), dt.date(2011, 1, 1), events()).to_dict()
    assert [row["share"] for row in layer_rows(spec, 0)] == [0.0, 0.0]
