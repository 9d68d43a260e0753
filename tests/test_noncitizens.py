"""Who was covered first: the share of the population and of noncitizens living in
activated counties, nationally, recomputed here from the files themselves."""

import datetime as dt
import io
from dataclasses import replace

import pandas as pd
import pytest
from PIL import Image

from geo.build.sources import RAW_DIR
from geo.domain.rollout import date_range, shares_by_month, summarize
from geo.domain.upload import apply, match, read_table
from geo.exports.downloads import make
from geo.render.charts import SHOWN_DATE, coverage_chart, date_marked, marked_on
from geo.view.selection import Selection
from geo.view.wording import describe, headline_numbers, words

# The national shares on four dates of the rollout: (population, noncitizens), in percent.
SHARES = {
    dt.date(2009, 11, 30): (20.5, 35.7),
    dt.date(2010, 9, 30): (47.0, 64.7),
    dt.date(2011, 2, 17): (57.2, 69.9),
    dt.date(2011, 8, 5): (68.5, 75.1),
}


def covered(counties: pd.DataFrame, column: str, on) -> float:
    """The share of `column` in counties activated on or before `on`, by plain pandas."""
    active = pd.to_datetime(counties["activation_date"]) <= pd.Timestamp(on)
    return counties.loc[active, column].sum() / counties[column].sum()


@pytest.mark.data  # reads the raw sources in ../shared
@pytest.mark.parametrize("on", SHARES, ids=str)
def test_national_shares_from_the_raw_acs_file(dataset, on):
    raw = pd.read_csv(RAW_DIR / "vargasnunez_pnas" / "non_citizen_pop.csv", dtype={"fips": str})
    acs = raw[raw["year"] == 2010].set_index("fips")["noncit_pop"]
    counties = dataset.counties.set_index("fips")
    assert acs.reindex(counties.index).notna().all()
    counties = counties.assign(raw_noncitizens=acs.reindex(counties.index))
    population, noncitizens = SHARES[on]
    assert round(100 * covered(counties, "population_2010", on), 1) == population
    assert round(100 * covered(counties, "raw_noncitizens", on), 1) == noncitizens
    summary = summarize(dataset.counties, on)  # the app agrees with the raw file
    assert round(100 * summary.noncitizen_share, 1) == noncitizens


def test_the_chart_follows_the_data_at_every_month(dataset):
    series = shares_by_month(dataset.counties, date_range(dataset.counties))
    assert series["date"].iloc[0].date() == dt.date(2008, 10, 31)
    assert series["date"].iloc[-1].date() == dt.date(2013, 1, 22)
    assert len(series) == 52  # Oct 2008 to Dec 2012, and the last day
    for row in series.itertuples():
        assert row.population_share == pytest.approx(
            covered(dataset.counties, "population_2010", row.date)
        )
        assert row.noncitizen_share == pytest.approx(
            covered(dataset.counties, "noncitizens", row.date)
        )
    # Noncitizens were covered ahead of the population every month until April 2012
    ahead = series["noncitizen_share"] > series["population_share"]
    assert ahead[series["date"] <= "2012-04-30"].all()


@pytest.mark.parametrize(
    ("view", "expected"),
    [
        (Selection(as_of=dt.date(2009, 11, 30)), "35.7%"),
        (Selection(as_of=dt.date(2011, 2, 17)), "69.9%"),
        (Selection(as_of=dt.date(2009, 11, 30), state="TX"), None),
    ],
    ids=["nation-2009", "nation-2011", "texas"],
)
def test_the_headline_gives_the_noncitizens_covered(dataset, view, expected):
    label, value = headline_numbers(dataset, view)[-1]
    assert label == "Noncitizens in activated counties"
    texas = dataset.counties[dataset.counties["state"] == "TX"]
    expected = expected or f"{covered(texas, 'noncitizens', view.as_of):.1%}"
    assert value == expected


def test_the_chart_draws_both_series_and_marks_the_date(dataset):
    shares = shares_by_month(dataset.counties, date_range(dataset.counties))
    chart = coverage_chart(shares).to_dict()
    spec = marked_on(chart)
    assert len(chart["layer"]) == 2  # the chart's own specification is left as it was
    gap, lines, rule = spec["layer"]
    (table,) = spec["datasets"].values()  # one table for every layer
    rows = pd.DataFrame(table)
    assert "data" not in gap and "data" not in lines  # both read the chart's one table
    fold, series = lines["transform"]
    assert fold["fold"] == ["noncitizen_share", "population_share"]
    assert "Noncitizens" in series["calculate"] and "Population" in series["calculate"]
    for column in ("noncitizen_share", "population_share"):
        assert rows[column].tolist() == pytest.approx(shares[column].tolist(), abs=5e-5)
    assert len(rows) == 52
    assert rule["data"] == {"name": SHOWN_DATE}  # the date a dataset apart: the same spec
    assert date_marked(dt.date(2010, 9, 30))["date"].tolist() == ["2010-09-30T00:00:00"]
    assert rule["encoding"]["x"] == lines["encoding"]["x"]  # on the same date axis
    assert (gap["encoding"]["y"]["field"], gap["encoding"]["y2"]["field"]) == (
        "population_share",
        "noncitizen_share",
    )


@pytest.mark.parametrize("kind", ["chart_png", "chart_svg"])
def test_the_chart_pictures_carry_title_sources_and_byline(dataset, kind):
    view = Selection(as_of=dt.date(2010, 9, 30), byline="Map: Jane Doe")
    content = make(kind, dataset, view, "")
    if kind == "chart_svg":
        text = content.decode()
        assert '<title id="map-title">Who was covered first</title>' in text
        assert "American Community Survey 2006-2010" in text
        assert "Map: Jane Doe" in text
        assert "On 30 September 2010: 47.0% of the population, 64.7% of noncitizens." in text
    else:
        image = Image.open(io.BytesIO(content))
        assert image.size[0] == 2000
        assert image.text["Title"] == "Who was covered first"
        assert "64.7% of noncitizens" in image.text["Description"]


def test_an_uploaded_list_counts_the_built_in_noncitizens_of_its_counties(dataset):
    content = b"fips,date\n48201,2008-10-27\n06037,2009-08-27\n"
    table, _notes = read_table("list.csv", content)
    matched = match(table, dataset.counties, dataset.states, dt.date(2026, 1, 1))
    upload = replace(dataset, counties=apply(dataset.counties, matched), label="list.csv")
    by_fips = dataset.counties.set_index("fips")["noncitizens"]
    share = (by_fips["48201"] + by_fips["06037"]) / by_fips.sum()  # Harris and Los Angeles
    numbers = dict(headline_numbers(upload, Selection(as_of=dt.date(2010, 1, 1))))
    assert numbers["Noncitizens in activated counties"] == f"{share:.1%}"


def test_the_words_of_a_map_by_noncitizens_give_their_share(dataset):
    view = Selection(as_of=dt.date(2009, 11, 30), layer="state", measure="noncitizens")
    text = words(dataset, view)
    assert text.title == "Secure Communities: share of each state's noncitizens covered"
    assert (
        text.subtitle == "As of 30 November 2009: 35.7% of noncitizens lived in activated counties"
    )
    assert describe(dataset, view).endswith(
        "home to 20.5% of the national population and 35.7% of its noncitizens."
    )
    assert words(dataset, replace(view, measure="population")).subtitle == "As of 30 November 2009"
    svg = make("svg", dataset, view, "").decode()
    assert "35.7% of noncitizens lived in activated counties" in svg
