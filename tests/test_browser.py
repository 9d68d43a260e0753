"""The dashboard in headless Chromium with every non-local request blocked."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from geo.styles import ACTIVATED, NOT_YET
from scripts.browser import (
    CHROMIUM,
    MAP_FRAME,
    chromium,
    offline_context,
    serve,
    wait_for_counties,
    wait_in_map,
)

pytestmark = pytest.mark.browser

if not Path(CHROMIUM).exists() and not os.environ.get("CI"):
    pytest.skip(f"{CHROMIUM} missing: apt-get install -y chromium", allow_module_level=True)


@pytest.fixture(scope="module")
def server():
    with serve() as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with chromium() as instance:
        yield instance


@pytest.fixture
def page(browser):
    context, blocked = offline_context(browser, viewport={"width": 1366, "height": 768})
    tab = context.new_page()
    tab.blocked = blocked
    yield tab
    context.close()


def open_map(page, server, query: str = "", counties: int = 3143):
    page.goto(f"{server}/?{query}")
    wait_for_counties(page, counties)
    return page.frame_locator(MAP_FRAME)


def fill(frame, fips: str) -> str:
    return frame.locator(f"path.fips-{fips}").get_attribute("fill")


def choose(page, label: str) -> None:
    """Pick a radio option, again if a rerun still in flight swallowed the click."""
    option = page.get_by_role("radio", name=label)
    for _ in range(5):
        page.get_by_text(label, exact=True).click()
        try:
            expect(option).to_be_checked(timeout=3_000)
            return
        except AssertionError:
            continue
    expect(option).to_be_checked()


def map_state(frame) -> dict:
    return frame.locator("#map_div").evaluate(
        "() => ({zoom: window.map.getZoom(), lat: window.map.getCenter().lat,"
        " lng: window.map.getCenter().lng, probe: window.__probe || null})"
    )


def test_map_draws_every_county_offline(server, page):
    frame = open_map(page, server)
    assert frame.locator("path.leaflet-interactive").count() == 3143
    assert page.blocked == []


def test_tooltip_shows_a_countys_activation_date(server, page):
    frame = open_map(page, server, "as_of=2010-09-30&state=CA")
    frame.locator("path.fips-06085").hover(force=True)
    tooltip = frame.locator(".leaflet-tooltip")
    tooltip.wait_for(state="visible", timeout=10_000)
    text = tooltip.inner_text()
    for expected in ("Santa Clara County", "04 May 2010", "Activated on 30 Sep 2010", "1,781,642"):
        assert expected in text


def test_a_tap_on_a_phone_shows_the_countys_tooltip_without_scrolling(server, browser):
    context, _ = offline_context(browser, viewport={"width": 390, "height": 844}, has_touch=True)
    page = context.new_page()
    frame = open_map(page, server, "as_of=2011-06-01")
    map_box = page.locator(MAP_FRAME).bounding_box()
    assert map_box["y"] + map_box["height"] > 844  # the map runs below the screen's edge
    frame.locator("path.fips-06037").tap(force=True)  # Los Angeles
    page.wait_for_timeout(500)  # the tap's mouse events, and any scroll, have landed
    expect(frame.locator(".leaflet-tooltip")).to_contain_text("Los Angeles County", timeout=1_000)
    assert page.evaluate(SCROLLED) == 0
    context.close()


SCROLLED = "() => Array.from(document.querySelectorAll('*')).reduce((s, e) => s + e.scrollTop, 0)"


def test_a_link_reproduces_date_and_state(server, page):
    frame = open_map(page, server, "as_of=2010-09-30&state=CA")
    assert "38 of 58" in page.get_by_test_id("stMetricValue").first.inner_text()
    assert fill(frame, "06085") == ACTIVATED  # Santa Clara, 2010-05-04
    assert fill(frame, "06001") == ACTIVATED  # Alameda, 2010-04-20
    assert fill(frame, "06003") == NOT_YET  # Alpine, 2011-02-23
    view = map_state(frame)
    assert 32.5 < view["lat"] < 42 and -124.5 < view["lng"] < -114  # centred on California
    assert view["zoom"] >= 5
    assert page.blocked == []


def test_choosing_a_state_zooms_the_map_in_place(server, page):
    frame = open_map(page, server, "as_of=2011-06-01")
    national = map_state(frame)
    frame.locator("#map_div").evaluate("() => { window.__probe = 'same map'; }")
    page.get_by_role("combobox", name="State").fill("Virginia")
    page.keyboard.press("Enter")
    wait_in_map(
        page,
        "(win, zoom) => win.document.querySelector('path.fips-51013') && win.map.getZoom() > zoom",
        national["zoom"],
    )
    view = map_state(frame)
    assert 36.5 < view["lat"] < 39.5 and -83.7 < view["lng"] < -75.2  # centred on Virginia
    assert view["probe"] == "same map"  # updated in place, not reloaded
    assert "134 of 134" in page.get_by_test_id("stMetricValue").first.inner_text()


def test_zooming_in_redraws_the_counties_at_the_new_scale(server, page):
    frame = open_map(page, server, "as_of=2011-06-01")
    county = frame.locator("path.fips-06037")  # Los Angeles
    before = county.bounding_box()
    zoom = map_state(frame)["zoom"]
    frame.locator(".leaflet-control-zoom-in").click()
    wait_in_map(page, "(win, z) => win.map.getZoom() > z && !win.map._animatingZoom", zoom)
    after = county.bounding_box()
    assert after["width"] / before["width"] == pytest.approx(2**0.5, rel=0.05)  # zoom by 0.5
    county.hover(force=True)
    expect(frame.locator(".leaflet-tooltip")).to_contain_text("Los Angeles County")


def test_changing_the_date_recolours_without_reloading(server, page):
    frame = open_map(page, server, "as_of=2010-06-07&state=CA")
    assert fill(frame, "06075") == NOT_YET  # San Francisco, activated 2010-06-08
    frame.locator("#map_div").evaluate("() => { window.__probe = 'same map'; }")
    page.get_by_role("slider").focus()
    page.keyboard.press("ArrowRight")  # one day later
    wait_in_map(
        page,
        "(win, fill) => win.document.querySelector('path.fips-06075').getAttribute('fill') == fill",
        ACTIVATED,
    )
    assert map_state(frame)["probe"] == "same map"
    assert frame.locator("path.leaflet-interactive").count() == 3143


def test_a_site_link_shows_site_ring_and_numbers_offline(server, page):
    frame = open_map(page, server, "site=06075&as_of=2010-06-01")
    assert fill(frame, "06081") == ACTIVATED  # San Mateo, ring, 2010-05-25
    assert fill(frame, "06041") == NOT_YET  # Marin, ring, 2010-08-10
    assert fill(frame, "06075") == NOT_YET  # the site itself, 2010-06-08
    legend = frame.locator(".sc-legend").inner_text()
    assert "San Francisco" in legend and "Ring: shares a border or corner" in legend
    view = map_state(frame)
    assert 37.4 < view["lat"] < 38.3 and -123.1 < view["lng"] < -122.1  # the Bay Area
    values = page.get_by_test_id("stMetricValue").all_inner_texts()
    assert "08 Jun 2010" in values and "10 Aug 2010" in values
    page.get_by_test_id("stVegaLiteChart").wait_for(timeout=20_000)  # the ring-fill chart
    assert page.blocked == []


def test_report_mode_shows_map_numbers_and_sources_only(server, page):
    frame = open_map(page, server, "as_of=2010-09-30&state=CA&report=1")
    assert page.get_by_role("slider").count() == 0
    assert page.get_by_role("combobox").count() == 0
    assert page.get_by_role("button").count() == 0
    assert not page.get_by_test_id("stSidebar").is_visible()
    assert not page.get_by_test_id("stToolbar").is_visible()
    assert frame.locator(".leaflet-control-zoom").count() == 0
    assert "38 of 58" in page.get_by_test_id("stMetricValue").first.inner_text()
    assert "Sources: activation dates" in page.get_by_test_id("stCaptionContainer").inner_text()
    assert (
        page.get_by_role("heading")
        .first.inner_text()
        .startswith("Secure Communities: activation by county, California")
    )
    assert page.blocked == []


def test_an_uploaded_list_drives_the_map_and_its_names_stay_text(server, page, tmp_path):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    upload = tmp_path / "<img src=x onerror=alert(1)>.csv"
    upload.write_text(
        "county,state,date\n"
        "Harris County,TX,2008-10-27\n"
        "Doña Ana,NM,2009-06-24\n"
        '"<script>alert(2)</script>",TX,2010-01-01\n'
        '"<img src=x onerror=alert(3)>",TX,2010-01-01\n'
    )
    frame = open_map(page, server, "as_of=2011-01-01")
    assert fill(frame, "06037") == ACTIVATED  # Los Angeles, built-in data
    page.get_by_text("Your own data").click()
    page.locator("input[type=file]").set_input_files(str(upload))
    page.get_by_text("2 counties matched").wait_for(timeout=30_000)
    choose(page, "Your list")
    wait_in_map(
        page,
        "(w, fill) => w.document.querySelector('path.fips-06037').getAttribute('fill') == fill",
        NOT_YET,  # Los Angeles is not in the uploaded list
    )
    assert fill(frame, "48201") == ACTIVATED  # Harris, in the list
    assert fill(frame, "35013") == ACTIVATED  # Doña Ana, matched without accent or suffix
    banner = page.get_by_test_id("stAlertContentInfo").first.inner_text()
    assert "<img src=x onerror=alert(1)>.csv" in banner  # the file name shown as text
    page.wait_for_timeout(500)
    assert dialogs == []
    assert page.locator("img[src=x]").count() == 0
    assert page.blocked == []
