"""Colour classes: activation status, rollout wave and state share."""

import datetime as dt

import pandas as pd
import pytest

from geo.view.styles import ACTIVATED, NOT_YET, SHARE_LABELS, by_share, by_status, by_value, by_wave

AS_OF = dt.date(2011, 2, 17)
WAVE_DATES = pd.Series(
    pd.to_datetime(
        ["2008-10-27", "2009-06-30", "2010-12-31", "2011-02-17", "2011-02-18", "2013-01-22"]
    )
)


def test_status_includes_the_activation_day_itself():
    dates = pd.Series(pd.to_datetime(["2011-02-16", "2011-02-17", "2011-02-18"]))
    classes = by_status(dates, AS_OF)
    assert classes.index.tolist() == [1, 1, 0]
    assert list(classes.colours) == [NOT_YET, ACTIVATED]
    assert list(classes.labels) == ["Not yet activated", "Activated"]


def test_status_accepts_date_strings():
    assert by_status(pd.Series(["2011-02-17", "2012-01-01"]), AS_OF).index.tolist() == [1, 0]


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        (dt.date(2013, 1, 22), [1, 2, 3, 4, 4, 6]),
        (AS_OF, [1, 2, 3, 4, 0, 0]),
        (dt.date(2008, 10, 26), [0, 0, 0, 0, 0, 0]),
    ],
    ids=["end-of-rollout", "mid-rollout", "before-rollout"],
)
def test_wave_is_the_year_and_not_yet_is_class_0(as_of, expected):
    assert by_wave(WAVE_DATES, as_of).index.tolist() == expected


def test_wave_labels_name_the_years():
    classes = by_wave(WAVE_DATES, AS_OF)
    assert classes.labels[0] == "Not yet activated"
    assert list(classes.labels[1:]) == ["Oct-Dec 2008", "2009", "2010", "2011", "2012", "Jan 2013"]
    assert classes.colours[0] == NOT_YET


@pytest.mark.parametrize(
    ("first", "last", "labels"),
    [
        (2005, 2007, ["2005", "2006", "2007"]),
        (2005, 2010, ["2005", "2006", "2007", "2008", "2009", "2010"]),
        (2005, 2019, ["2005-2007", "2008-2010", "2011-2013", "2014-2016", "2017-2019"]),
        (2000, 2012, ["2000-2002", "2003-2005", "2006-2008", "2009-2011", "2012"]),
    ],
    ids=["three-years", "six-years", "fifteen-years", "thirteen-years"],
)
def test_a_users_years_are_grouped_into_six_classes_at_most(first, last, labels):
    dates = pd.Series([f"{year}-06-01" for year in range(first, last + 1)])
    classes = by_wave(dates, dt.date(2030, 1, 1))
    assert list(classes.labels) == ["Not yet activated", *labels]
    expected = [1 + labels.index(label) for label in labels for _ in label_years(label)]
    assert classes.index.tolist() == expected
    assert len(set(classes.colours)) == len(classes.colours)


def label_years(label: str) -> range:
    first, _, last = label.partition("-")
    return range(int(first), int(last or first) + 1)


@pytest.mark.parametrize(
    ("share", "expected"),
    [(0.0, 0), (0.25, 1), (0.2501, 2), (0.5, 2), (0.75, 3), (0.999, 4), (1.0, 5)],
    ids=["none", "quarter", "just-over-quarter", "half", "three-quarters", "almost-all", "all"],
)
def test_share_bins(share, expected):
    classes = by_share(pd.Series([share]))
    assert classes.index.tolist() == [expected]
    assert list(classes.labels) == list(SHARE_LABELS)


@pytest.mark.parametrize(
    "classes",
    [
        by_status(WAVE_DATES, AS_OF),
        by_wave(WAVE_DATES, AS_OF),
        by_share(pd.Series([0.0, 0.5, 1.0])),
    ],
    ids=["status", "wave", "share"],
)
def test_one_colour_per_label_and_every_index_has_one(classes):
    assert len(classes.colours) == len(classes.labels)
    assert len(set(classes.colours)) == len(classes.colours)
    assert set(classes.index.tolist()) <= set(range(len(classes.colours)))


def test_values_fall_in_quantile_bands_and_missing_values_apart():
    classes = by_value(pd.Series([1.0, 2.0, 3.0, 4.0, 5.0, None]), bands=4)
    assert classes.index.tolist() == [1, 2, 3, 4, 4, 0]
    assert list(classes.labels) == ["No value", "1 to 2", "2 to 3", "3 to 4", "4 to 5"]
    assert len(classes.colours) == len(classes.labels)


def test_a_single_value_still_has_a_band():
    classes = by_value(pd.Series([7.0, 7.0, None]))
    assert classes.index.tolist() == [1, 1, 0]
    assert list(classes.labels) == ["No value", "7 to 7"]
