"""Sites and rings on a user's list: every resistant site, first and second ring, on lists
that leave out the site, its ring, or every date, through the page's real upload widget."""

import re

import pytest
from streamlit.testing.v1 import AppTest

from geo.domain.rings import site_members
from geo.text import markdown_escape
from tests.test_app import DASHBOARD, TIMEOUT

DATE = re.compile(r"\d{2} [A-Z][a-z]{2} \d{4}")
NOT_LISTED, NO_DATE = "not in your list", "no date in your list"
BROKEN = re.compile(r"\bnan\b|\bNaN\b|\bNaT\b|\bNone\b|1800|1900|Traceback")
SITE_LABELS = ("Site activated", "Last county of the site activated")


def csv(header: str, rows) -> bytes:
    return (header + "\n" + "".join(f"{','.join(row)}\n" for row in rows)).encode()


def dated_list(counties) -> bytes:
    """The counties with their built-in dates, as a user would upload them."""
    return csv("fips,date", ((f, f"{d:%Y-%m-%d}") for f, d in counties["activation_date"].items()))


def upload(page: AppTest, name: str, content: bytes) -> None:
    page.file_uploader(key="upload").set_value((name, content, "text/csv")).run()
    assert not page.exception, page.exception
    page.radio(key="data_source").set_value("upload").run()
    assert not page.exception, page.exception


def texts(page: AppTest) -> list[str]:
    """Every number and sentence of the page a reader sees."""
    return (
        [m.value for m in page.metric]
        + [c.value for c in page.caption]
        + [m.value for m in page.markdown]
        + [e.value for e in page.error]
    )


def site_panel(page: AppTest) -> dict[str, str]:
    labels = ("Site activated", "Last county", "Ring activated", "Ring closed")
    return {m.label: m.value for m in page.metric if m.label.startswith(labels)}


def show_site(page: AppTest, site: str, ring: int) -> dict[str, str]:
    """Pick the site and ring; check the page works and shows words, never a broken value."""
    page.selectbox(key="site").set_value(site)
    page.checkbox(key="second_ring").set_value(ring == 2).run()
    assert not page.exception, f"site {site}, ring {ring}: {page.exception}"
    for text in texts(page):
        assert not BROKEN.search(text), f"site {site}, ring {ring}: {text!r}"
    panel = site_panel(page)
    assert len(panel) == 4, panel
    assert page.toggle(key="compare_sites") is not None
    return panel


def site_value(panel: dict[str, str]) -> str:
    return next(value for label, value in panel.items() if label in SITE_LABELS)


@pytest.fixture(scope="module")
def sites(dataset) -> list[str]:
    return list(dataset.sites["site_id"])


def open_with_table() -> AppTest:
    page = AppTest.from_file(DASHBOARD, default_timeout=TIMEOUT)
    page.run()
    page.toggle(key="compare_sites").set_value(True).run()  # the all-sites table, too
    return page


def test_built_in_data_dates_every_site_and_ring(sites):
    page = open_with_table()
    for site in sites:
        for ring in (1, 2):
            panel = show_site(page, site, ring)
            assert DATE.fullmatch(site_value(panel)), panel
            assert DATE.fullmatch(panel["Ring closed"]), panel


def test_a_list_of_one_other_state_leaves_every_site_unknown(dataset, sites):
    page = open_with_table()
    texas = dataset.counties[dataset.counties["state"] == "TX"].set_index("fips")
    upload(page, "texas.csv", dated_list(texas))
    for site in sites:
        for ring in (1, 2):
            panel = show_site(page, site, ring)
            assert NOT_LISTED in site_value(panel), panel
            assert panel["Ring activated before the site"] == "unknown: the site has no date"
            assert NOT_LISTED in panel["Ring closed"], panel


@pytest.mark.parametrize(
    ("name", "content", "listed"),
    [
        ("no-dates.csv", b"county,state,status\nArlington,VA,yes\n", "51013"),
        ("values.csv", b"fips,value\n06075,12\n", "06075"),
    ],
    ids=["list without dates", "list of values only"],
)
def test_a_list_without_dates_says_so_for_every_site(sites, name, content, listed):
    page = open_with_table()
    upload(page, name, content)
    for site in sites:
        for ring in (1, 2):
            panel = show_site(page, site, ring)
            assert site_value(panel) == (NO_DATE if site == listed else NOT_LISTED), panel
            assert "no timeline" in " ".join(c.value for c in page.caption)


def test_a_list_of_the_site_alone_dates_the_site_but_not_its_ring(dataset, sites):
    page = open_with_table()
    counties = dataset.counties.set_index("fips")
    for site in sites:
        members = counties.loc[sorted(site_members(dataset.counties, site))]
        upload(page, f"site-{site}.csv", dated_list(members))
        for ring in (1, 2):
            panel = show_site(page, site, ring)
            assert DATE.fullmatch(site_value(panel)), panel
            assert panel["Ring activated before the site"].startswith("0 of "), panel
            assert NOT_LISTED in panel["Ring closed"], panel


UNDATED_LISTS = [
    ("no-dates.csv", b"county,state,status\nArlington,VA,yes\nCook,IL,yes\nHarris,TX,no\n"),
    ("values.csv", b"fips,value\n06075,12\n17031,40\n48201,7\n"),
]


@pytest.mark.parametrize(("name", "content"), UNDATED_LISTS, ids=["status", "values"])
def test_a_list_without_dates_is_not_coloured_by_year(name, content):
    page = AppTest.from_file(DASHBOARD, default_timeout=TIMEOUT)
    page.query_params["colour"] = "wave"  # a link asking for the year each county joined
    page.run()
    upload(page, name, content)
    colour = page.radio(key="colour")
    assert "Year activated" not in colour.options
    assert colour.options[0] == "In your list"  # not a status on a date: the same on every date
    values = name == "values.csv"
    assert colour.value == ("value" if values else "status")
    assert page.query_params["colour"] == colour.value  # the link says what the map shows
    shown = "your list's values" if values else "the counties your list names"
    assert any("has no dates" in i.value and shown in i.value for i in page.info), page.info
    title = page.text_input(key="word_title").value
    assert "year each county" not in title and "(your list: " in title, title
    page.radio(key="data_source").set_value("built-in").run()  # the rollout has years again
    assert "Year activated" in page.radio(key="colour").options
    assert not any("has no dates" in i.value for i in page.info)


# A list from recent data: Connecticut's Capitol Planning Region, Alaska's two areas of 2019
# (the same value), Oglala Lakota and Kusilvak.
RECENT = b"fips,value\n09110,3\n02063,5\n02066,5\n46102,2\n02158,1\n"
RECENT_WORDS = {
    "en": (
        "why it did not match",
        "Capitol Planning Region (09110) is one of Connecticut's planning regions",
        [
            "Chugach Census Area (02063) is shown as Valdez-Cordova Census Area (02261)",
            "Copper River Census Area (02066) is shown as Valdez-Cordova Census Area (02261)",
            "Kusilvak Census Area (02158) is shown as Wade Hampton Census Area (02270)",
            "Oglala Lakota County (46102) is shown as Shannon County (46113)",
        ],
    ),
    "es": (
        "por qué no se identificó",
        "Capitol Planning Region (09110) es una de las regiones de planificación de Connecticut",
        [
            "Chugach Census Area (02063) se muestra como Valdez-Cordova Census Area (02261)",
            "Copper River Census Area (02066) se muestra como Valdez-Cordova Census Area (02261)",
            "Kusilvak Census Area (02158) se muestra como Wade Hampton Census Area (02270)",
            "Oglala Lakota County (46102) se muestra como Shannon County (46113)",
        ],
    ),
}


@pytest.mark.parametrize("lang", sorted(RECENT_WORDS))
def test_codes_made_after_2010_are_explained_in_the_match_report(lang):
    page = AppTest.from_file(DASHBOARD, default_timeout=TIMEOUT)
    page.query_params["lang"] = lang
    page.run()
    upload(page, "acs-2022.csv", RECENT)
    reason, connecticut, notes = RECENT_WORDS[lang]
    report = next(d.value for d in page.dataframe if reason in d.value.columns)
    assert len(report) == 1 and report[reason].iloc[0].startswith(connecticut), report
    shown = [i.value for i in page.info]
    for note in notes:  # escaped for Markdown where the page shows them
        assert any(markdown_escape(note) in text for text in shown), (note, shown)
    # three counties: Valdez-Cordova (once for its two parts), Shannon and Wade Hampton
    assert any(m.value.startswith("**3 ") for m in page.markdown), [m.value for m in page.markdown]
