"""From a selection to the MapView: areas, classes, tooltips, lines, extent and detail."""

import dataclasses
import datetime as dt

import numpy as np
import pandas as pd
import pytest

from geo.arcs import ring_points
from geo.common import UNDATED
from geo.view.compose import NEAR_NOT_YET, compose
from geo.view.selection import Selection
from geo.view.styles import ACTIVATED
from geo.view.viewmodel import FOCUS_OUTLINE, SITE_OUTLINE, STATE_BORDER, Crs, Kind
from tests.synthetic import counties_frame, tiny, tiny_shapes

AS_OF = dt.date(2011, 1, 1)


def drawn_rings(view, fips: str) -> list[np.ndarray]:
    arcs = view.arcs.coordinates()
    return [ring_points(ring, arcs) for polygon in view.shapes[view.ids.index(fips)]
            for ring in polygon]  # fmt: skip


def line(view, style):
    return next(line for line in view.lines if line.style == style)


def test_a_national_view_shows_the_whole_map_without_one_scale():
    view = compose(tiny(), Selection(as_of=AS_OF))
    assert (view.kind, view.crs, view.key) == (Kind.NATIONAL, Crs.ALBERS, "county:US:albers")
    assert view.extent == tiny_shapes().extent
    assert view.scale is None  # a bar cannot be true across the insets


def test_a_state_view_fits_the_state_with_a_true_scale():
    view = compose(tiny(), Selection(as_of=AS_OF, state="XX"))
    shapes = tiny_shapes()
    assert view.kind is Kind.STATE
    assert view.extent == shapes.counties.extent([0, 1])
    assert view.scale == 1.0
    assert line(view, FOCUS_OUTLINE).arcs  # the state's outline, over the others


def test_every_county_is_drawn_from_the_shared_arcs_to_within_a_metre():
    view = compose(tiny(), Selection(as_of=AS_OF))
    for fips, square in zip(view.ids, tiny_shapes().counties.boxes, strict=True):
        (ring,) = drawn_rings(view, fips)
        assert ring.min(axis=0) == pytest.approx(square[:2], abs=1)  # west, south
        assert ring.max(axis=0) == pytest.approx(square[2:], abs=1)  # east, north
        assert np.array_equal(ring[0], ring[-1])  # closed
    alpha, beta = drawn_rings(view, "01001")[0], drawn_rings(view, "01003")[0]
    shared = {tuple(p) for p in alpha} & {tuple(p) for p in beta}
    assert len(shared) == 2  # the border's two ends: the same points, from the same arc


def test_state_borders_and_sites_are_lines_of_the_view():
    view = compose(tiny(), Selection(as_of=AS_OF))
    assert len(line(view, STATE_BORDER).arcs) == len(tiny_shapes().state_borders()) == 5
    sites = line(view, SITE_OUTLINE)
    assert sites.label == "Resistant site" and len(sites.arcs) == 4  # Beta's four sides
    assert [x.label for x in view.legend_lines] == ["Resistant site"]
    assert compose(tiny(), Selection(as_of=AS_OF, outline=False)).legend_lines == ()


def test_one_area_per_county_with_its_class_and_tooltip():
    view = compose(tiny(), Selection(as_of=AS_OF, colour="status"))
    assert view.ids == ("01001", "01003", "05001")
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


def test_a_lists_missing_dates_are_words_in_the_tooltip():
    counties = counties_frame().assign(
        activation_date=pd.Series([UNDATED, pd.NaT, pd.NaT], dtype="datetime64[s]")
    )
    view = compose(tiny(counties), Selection(as_of=AS_OF, colour="status"))
    assert [view.tooltips.row(area)[2] for area in range(3)] == [
        "no date in your list",
        "not in your list",
        "not in your list",
    ]
    assert view.classes.index.tolist() == [1, 0, 0]  # "yes" without a date: activated


def test_a_site_view_shows_the_site_and_its_ring_with_their_relation():
    view = compose(tiny(), Selection(as_of=AS_OF, site="01003"))
    assert view.kind is Kind.SITE
    assert view.extent == tiny_shapes().extent  # the site and its ring are all three
    assert view.classes.colours[:2] == (NEAR_NOT_YET, ACTIVATED)
    assert [row[-1] for row in map(view.tooltips.row, range(3))] == [
        "Ring: shares a border or corner",
        "Resistant site",
        "Ring: shares a border or corner",
    ]
    assert [x.label for x in view.legend_lines] == ["Ring: shares a border or corner", "Beta"]
    assert len(view.legend_lines[-1].arcs) == 4  # the site's outline: its four sides


@pytest.mark.parametrize(
    ("measure", "expected"),
    [("population", [1, 5]), ("counties", [2, 5]), ("noncitizens", [2, 5])],
    ids=["population-share", "county-share", "noncitizen-share"],
)
def test_state_classes_follow_the_measure(measure, expected):
    dates = ["2009-01-01", "2012-01-01", "2010-01-01"]  # XX: 1 of 2, YY: 1 of 1
    view = compose(
        tiny(counties_frame(dates=dates)), Selection(as_of=AS_OF, layer="state", measure=measure)
    )
    assert view.ids == ("01", "05")
    assert view.classes.index.tolist() == expected
    assert (view.legend_title, view.legend_date) == (f"Share of {measure} covered", "01 Jan 2011")
    assert [view.tooltips.row(area) for area in range(2)] == [
        ("Exland", "1 of 2", "3.8%", "28.6%"),  # 2,000 of 7,000 noncitizens
        ("Whyland", "1 of 1", "100.0%", "100.0%"),
    ]
    assert len(view.shapes) == 2


def test_a_state_layer_focus_fits_and_outlines_the_state():
    view = compose(tiny(), Selection(as_of=AS_OF, layer="state", state="XX"))
    assert (view.key, view.kind) == ("state:XX:albers", Kind.STATE)
    assert len(line(view, FOCUS_OUTLINE).arcs) == 4


def test_a_base_map_view_is_in_longitude_and_latitude():
    view = compose(tiny(), Selection(as_of=AS_OF, state="XX", tiles=True))
    assert view.crs is Crs.LONLAT and view.key == "county:XX:lonlat"
    (ring,) = drawn_rings(view, "01001")
    assert ring[:, 0].min() == pytest.approx(-80, abs=1e-4)
    assert ring[:, 1].max() == pytest.approx(38, abs=1e-4)
    assert (view.extent.west, view.extent.east) == pytest.approx((-80, -78), abs=1e-4)


def test_a_view_cannot_be_changed_once_made():
    view = compose(tiny(), Selection(as_of=AS_OF))
    with pytest.raises(dataclasses.FrozenInstanceError):
        view.key = "other"
    with pytest.raises(ValueError, match="read-only"):
        view.classes.index[0] = 3
    assert isinstance(view.shapes, tuple) and isinstance(view.shapes[0], tuple)


def inset_rows(view, state: str) -> list[int]:
    return [row for row, code in enumerate(view.ids) if code.startswith(state)]


def inset_box(dataset, state: str) -> tuple[np.ndarray, np.ndarray]:
    """The corners of a state's areas on the national map (Albers, where every view is)."""
    view = compose(dataset, Selection(as_of=AS_OF))
    points = np.vstack([drawn for fips in view.ids if fips.startswith(state)
                        for drawn in drawn_rings(view, fips)])  # fmt: skip
    return points.min(axis=0), points.max(axis=0)


@pytest.mark.parametrize(
    ("selection", "left_out", "kept"),
    [
        (Selection(as_of=AS_OF, state="TX"), ("02", "15"), ()),
        (Selection(as_of=AS_OF, state="TX", layer="state"), ("02", "15"), ()),
        (Selection(as_of=AS_OF, site="17031"), ("02", "15"), ()),
        (Selection(as_of=AS_OF, state="AK"), ("15",), ("02",)),
        (Selection(as_of=AS_OF, state="HI"), ("02",), ("15",)),
        (Selection(as_of=AS_OF), (), ("02", "15")),
    ],
)
def test_a_view_of_somewhere_else_leaves_the_insets_out(dataset, selection, left_out, kept):
    """Zoomed to Texas, Hawaii's inset would sit in Mexico: a view of one place leaves out
    the insets of other states, their shapes and their borders; the national map keeps both.
    Every area keeps its class and tooltip row."""
    view = compose(dataset, selection)
    assert len(view.classes.index) == len(view.ids) == len(view.tooltips.columns[0])
    arcs = view.arcs.coordinates()
    line_points = np.vstack([arcs[arc] for line in view.lines for arc in line.arcs])
    for state in left_out:
        rows = inset_rows(view, state)
        assert rows and all(view.shapes[row] == () for row in rows)
        low, high = inset_box(dataset, state)
        assert not np.all((line_points >= low) & (line_points <= high), axis=1).any()
    for state in kept:
        rows = inset_rows(view, state)
        assert rows and all(view.shapes[row] for row in rows)


def test_a_national_view_of_a_list_keeps_the_insets(dataset):
    """A list of Illinois's counties fits the national view to them; it is still the map of
    the nation, Alaska and Hawaii in their frames."""
    counties = dataset.counties.assign(
        activation_date=dataset.counties["activation_date"].where(dataset.counties["state"] == "IL")
    )
    listed = dataclasses.replace(dataset, counties=counties, label="illinois.csv", key="IL")
    view = compose(listed, Selection(as_of=AS_OF))
    assert view.kind is Kind.NATIONAL and view.extent != compose(dataset, Selection()).extent
    for state in ("02", "15"):
        assert all(view.shapes[row] for row in inset_rows(view, state))
