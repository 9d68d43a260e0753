"""From a selection to the MapView: which shapes, classes, tooltips, lines and extent."""

import dataclasses
import datetime as dt

import pandas as pd
import pytest

from geo.common import UNDATED
from geo.compose import compose
from geo.encoding import encode_geometry
from geo.shapes import LOWER_48, Shapes
from geo.styles import ACTIVATED, NOT_YET
from geo.urlstate import Selection
from geo.viewmodel import (
    FOCUS_OUTLINE,
    SITE_OUTLINE,
    STATE_BORDER,
    Extent,
    Kind,
    LineSet,
)
from tests.synthetic import counties_frame, states_frame, tiny

AS_OF = dt.date(2011, 1, 1)
XX_EXTENT = Extent(-80.0, 37.0, -78.0, 38.0)


@pytest.fixture(scope="module")
def shapes() -> Shapes:
    return Shapes.encode(counties_frame(), states_frame())


def encoded(column: str, rows: list[int]) -> tuple:
    return tuple(encode_geometry(counties_frame()[column].iloc[row], 4) for row in rows)


def test_national_view_uses_national_shapes_and_the_lower_48(shapes):
    view = compose(tiny(), Selection(as_of=AS_OF), shapes)
    assert view.shapes == encoded("geometry_national", [0, 1, 2])
    assert (view.kind, view.extent, view.key) == (Kind.NATIONAL, LOWER_48, "county:US")


def test_a_state_view_uses_detail_shapes_for_that_state_only(shapes):
    view = compose(tiny(), Selection(as_of=AS_OF, state="XX"), shapes)
    assert view.shapes == encoded("geometry", [0, 1]) + encoded("geometry_national", [2])
    assert (view.kind, view.extent, view.key) == (Kind.STATE, XX_EXTENT, "county:XX")


def test_a_state_view_draws_detail_borders_and_the_state_outline(shapes):
    borders, outline, sites = compose(tiny(), Selection(as_of=AS_OF, state="XX"), shapes).lines
    assert borders == LineSet(shapes.state_lines["detail"], STATE_BORDER)
    assert outline == shapes.state_outline("XX", FOCUS_OUTLINE)
    assert sites.label == "Resistant site"
    national = compose(tiny(), Selection(as_of=AS_OF, outline=False), shapes)
    assert national.lines == (LineSet(shapes.state_lines["national"], STATE_BORDER),)


def test_sites_are_outlined_in_detail_and_named_in_the_legend(shapes):
    view = compose(tiny(), Selection(as_of=AS_OF), shapes)
    assert view.legend_lines == (
        LineSet((encoded("geometry", [1])[0][0][0],), SITE_OUTLINE, "Resistant site"),
    )
    assert compose(tiny(), Selection(as_of=AS_OF, outline=False), shapes).legend_lines == ()


def test_one_area_per_county_with_its_class_and_tooltip(shapes):
    view = compose(tiny(), Selection(as_of=AS_OF), shapes)
    assert view.ids == ("01001", "01003", "02001")
    assert view.classes.index.tolist() == [1, 1, 0]
    assert view.tooltips.labels == (
        "County",
        "State",
        "Activated on",
        "Status",
        "Population (2010)",
    )
    assert [view.tooltips.row(area) for area in range(3)] == [
        ("Alpha", "XX", "01 Jan 2009", "Activated on 01 Jan 2011", "1,000"),
        ("Beta", "XX", "01 Jan 2011", "Activated on 01 Jan 2011", "25,000"),
        ("Gamma", "YY", "30 Jun 2012", "Not yet activated on 01 Jan 2011", "1,234,567"),
    ]


def test_a_lists_missing_dates_are_words_in_the_tooltip(shapes):
    counties = counties_frame().assign(
        activation_date=pd.Series([UNDATED, pd.NaT, pd.NaT], dtype="datetime64[s]")
    )
    view = compose(tiny(counties), Selection(as_of=AS_OF), shapes)
    assert [view.tooltips.row(area)[2] for area in range(3)] == [
        "no date in your list",
        "not in your list",
        "not in your list",
    ]
    assert view.classes.index.tolist() == [1, 0, 0]  # "yes" without a date: activated


def test_a_site_view_shows_the_site_and_its_ring_with_their_relation(shapes):
    view = compose(tiny(), Selection(as_of=AS_OF, site="01003"), shapes)
    assert view.kind is Kind.SITE
    assert view.extent == Extent(-80.0, 37.0, -77.0, 38.0)
    assert view.classes.colours[:2] == (NOT_YET, ACTIVATED)
    assert [row[-1] for row in map(view.tooltips.row, range(3))] == [
        "Ring: shares a border or corner",
        "Resistant site",
        "Ring: shares a border or corner",
    ]
    assert [line.label for line in view.legend_lines] == [
        "Ring: shares a border or corner",
        "Beta",
    ]


@pytest.mark.parametrize(
    ("measure", "expected"),
    [("population", [1, 5]), ("counties", [2, 5])],
    ids=["population-share", "county-share"],
)
def test_state_classes_follow_the_measure(shapes, measure, expected):
    dates = ["2009-01-01", "2012-01-01", "2010-01-01"]  # XX: 1 of 2, YY: 1 of 1
    view = compose(
        tiny(counties_frame(dates=dates)),
        Selection(as_of=AS_OF, layer="state", measure=measure),
        shapes,
    )
    assert view.ids == ("01", "02")
    assert view.classes.index.tolist() == expected
    assert view.legend_title == f"Share of {measure} covered, 01 Jan 2011"
    assert [view.tooltips.row(area) for area in range(2)] == [
        ("Exland", "1 of 2", "3.8%"),
        ("Whyland", "1 of 1", "100.0%"),
    ]
    assert view.shapes == shapes.states["national"]
    assert view.lines == ()


def test_a_state_layer_focus_fits_and_outlines_the_state(shapes):
    view = compose(tiny(), Selection(as_of=AS_OF, layer="state", state="XX"), shapes)
    assert (view.key, view.kind, view.extent) == ("state:XX", Kind.STATE, XX_EXTENT)
    assert view.lines == (shapes.state_outline("XX", FOCUS_OUTLINE),)


def test_a_view_cannot_be_changed_once_made(shapes):
    view = compose(tiny(), Selection(as_of=AS_OF), shapes)
    with pytest.raises(dataclasses.FrozenInstanceError):
        view.key = "other"
    with pytest.raises(ValueError, match="read-only"):
        view.classes.index[0] = 3
    assert isinstance(view.shapes, tuple) and isinstance(view.shapes[0], tuple)
