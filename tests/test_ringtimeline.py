"""The rings' time line: each ring county's phase, checked on the shipped data for every
site, and its chart and picture, whose names stay text."""

import io
import re

import pandas as pd
import pytest
from PIL import Image

from geo import i18n
from geo.domain.load import load
from geo.domain.rings import compare_sites, ring, site_members
from geo.domain.ringtimeline import phase_of, timeline
from geo.domain.rollout import date_range
from geo.render.charts import ring_timeline_chart
from geo.render.ringpicture import draw_timeline
from tests.synthetic import tiny

DAY = pd.Timestamp


def test_a_county_is_before_while_or_after_by_its_date():
    resisted, site = DAY("2010-06-01"), DAY("2011-01-01")
    assert phase_of(DAY("2010-05-31"), resisted, site) == "before"
    assert phase_of(DAY("2010-06-01"), resisted, site) == "before"  # the day it began
    assert phase_of(DAY("2010-06-02"), resisted, site) == "while"
    assert phase_of(DAY("2010-12-31"), resisted, site) == "while"
    assert phase_of(DAY("2011-01-01"), resisted, site) == "after"  # with the site itself


def test_resistance_after_the_sites_own_activation_leaves_no_window():
    resisted, site = DAY("2012-03-01"), DAY("2010-05-18")  # Multnomah County's dates
    phases = {phase_of(DAY(day), resisted, site) for day in ("2010-01-01", "2011-06-01")}
    assert phases == {"before", "after"}


@pytest.fixture(scope="module")
def shipped():
    data = load()
    return data, timeline(data.counties, data.adjacency, data.sites, data.starts)


def test_every_site_has_a_row_with_its_curated_resistance_date_and_its_activation(shipped):
    data, line = shipped
    assert sorted(line.sites["site_id"]) == sorted(data.sites["site_id"])
    assert list(line.sites["resisted"]) == sorted(line.sites["resisted"])
    starts = data.starts.set_index("site_id")["resistance_start"].map(DAY)
    activated = compare_sites(data.counties, data.adjacency, data.sites).set_index("site_id")
    for site in line.sites.itertuples():
        assert site.resisted == starts[site.site_id]
        assert site.activated == DAY(activated.at[site.site_id, "site_activation"])
        assert site.weak == (
            data.starts.set_index("site_id").at[site.site_id, "date_quality"] == "weak"
        )


def test_every_ring_county_is_a_dot_at_its_date_in_its_phase(shipped):
    data, line = shipped
    dates = data.counties.set_index("fips")["activation_date"]
    for site in line.sites.itertuples():
        dots = line.dots[line.dots["site_id"] == site.site_id].set_index("fips")
        around = ring(data.adjacency, site_members(data.counties, site.site_id))
        assert sorted(dots.index) == sorted(around), site.name
        assert (dots["date"] == dates[dots.index]).all()
        before = (dots["date"] <= site.resisted) & (dots["date"] < site.activated)
        after = dots["date"] >= site.activated
        assert (dots.loc[before, "phase"] == "before").all(), site.name
        assert (dots.loc[after, "phase"] == "after").all(), site.name
        assert (dots.loc[~before & ~after, "phase"] == "while").all(), site.name


def test_sites_that_resisted_after_their_activation_have_no_ring_county_while_resisting(shipped):
    _data, line = shipped
    late = line.sites.loc[line.sites["resisted"] > line.sites["activated"], "site_id"]
    assert len(late)  # Arlington, Santa Clara and Multnomah Counties, in the shipped data
    assert not (line.dots["site_id"].isin(late) & (line.dots["phase"] == "while")).any()


def test_each_ring_county_has_the_phase_the_model_gave_it_on_its_sites_row(shipped):
    """The model counts a county in two rings once, for the site that began to resist
    first; on that site's row the time line gives it the same phase."""
    data, line = shipped
    shown = line.dots.set_index(["fips", "site_id"])["phase"]
    counted = {(county.fips, county.site_id): county.phase for county in data.ring_model.ring}
    assert len(counted) == sum(data.ring_model.phases.values())
    assert {key: shown[key] for key in counted} == counted


HOSTILE = "<img src=x onerror=alert(1)> [x](javascript:alert(1))"


def hostile_line():
    data = tiny()
    sites = data.sites.assign(name=HOSTILE)
    starts = pd.DataFrame(
        {"site_id": ["01003"], "resistance_start": ["2010-01-01"], "date_quality": ["weak"]}
    )
    return data, timeline(data.counties, data.adjacency, sites, starts)


def test_the_chart_has_a_row_per_site_and_names_as_data_in_the_readers_language():
    data, line = hostile_line()
    assert list(line.dots["phase"]) == ["before", "after"]  # Alpha 2009, Gamma after Beta
    with i18n.speaking("es"):
        spec = ring_timeline_chart(line, date_range(data.counties)).to_dict()
    layers = spec["layer"]
    assert layers[0]["encoding"]["y"]["sort"] == [HOSTILE]
    assert layers[1]["encoding"]["color"]["scale"]["domain"] == [
        "Antes de que el sitio resistiera",
        "Mientras el sitio resistía",
        "Después del propio sitio",
    ]
    assert spec["config"]["locale"]["time"]["months"][1] == "febrero"


def test_the_picture_sets_names_as_plain_text():
    data, line = hostile_line()
    svg = draw_timeline(line, date_range(data.counties), HOSTILE, "Source", "svg").decode()
    assert "<img" not in svg
    assert svg.count("&lt;img src=x onerror=alert(1)&gt;") >= 2  # the title, the row's label
    assert re.search(r"<title id=\"map-title\">&lt;img", svg)
    png = draw_timeline(line, date_range(data.counties), HOSTILE, "Source", "png")
    assert Image.open(io.BytesIO(png)).text["Title"] == HOSTILE
