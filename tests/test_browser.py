"""The dashboard in headless Chromium with every non-local request blocked.

The page is read only through Playwright's retrying assertions (expect), or after a
wait_in_map predicate has seen the state read, never by a single read that could race a
Streamlit rerun.
"""

import io
import os
import re
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import expect

from geo.domain.official import beside_this_data
from geo.view.compose import FAR_ACTIVATED, FAR_NOT_YET, NEAR_NOT_YET
from geo.view.styles import ACTIVATED, NOT_YET, SHARE_COLOURS
from scripts.browser import CHROMIUM, MAP_FRAME, offline_context, wait_in_map
from tests.browser_support import (
    choose,
    expect_fill,
    expect_fitted,
    expect_metric,
    map_state,
    open_map,
    settled_state,
    show_tooltip,
)

pytestmark = pytest.mark.browser

if not Path(CHROMIUM).exists() and not os.environ.get("CI"):
    pytest.skip(f"{CHROMIUM} missing: apt-get install -y chromium", allow_module_level=True)


def test_map_draws_every_county_offline(server, page):
    frame = open_map(page, server)
    expect(frame.locator("path.leaflet-interactive")).to_have_count(3143)
    assert page.blocked == []


def test_tooltip_shows_a_countys_activation_date(server, page):
    frame = open_map(page, server, "as_of=2010-09-30&state=CA&colour=status")
    show_tooltip(page, frame, "06085", "Santa Clara County")
    tooltip = frame.locator(".leaflet-tooltip")
    for expected in ("04 May 2010", "Activated on 30 Sep 2010", "1,781,642"):
        expect(tooltip).to_contain_text(expected)


def test_a_tap_on_a_phone_shows_the_countys_tooltip_without_scrolling(server, browser):
    context, _ = offline_context(browser, viewport={"width": 390, "height": 844}, has_touch=True)
    page = context.new_page()
    frame = open_map(page, server, "as_of=2011-06-01")
    page.wait_for_function(  # the map runs below the screen's edge, once the page is laid out
        "selector => document.querySelector(selector).getBoundingClientRect().bottom > 844",
        arg=MAP_FRAME,
    )
    show_tooltip(page, frame, "06037", "Los Angeles County", touch=True)
    page.wait_for_timeout(500)  # any scroll the tap caused has landed
    assert page.evaluate(SCROLLED) == 0
    context.close()


SCROLLED = "() => Array.from(document.querySelectorAll('*')).reduce((s, e) => s + e.scrollTop, 0)"


def test_a_link_reproduces_date_and_state(server, page):
    frame = open_map(page, server, "as_of=2010-09-30&state=CA&colour=status")
    expect_metric(page, "38 of 58")
    expect_fill(frame, "06085", ACTIVATED)  # Santa Clara, 2010-05-04
    expect_fill(frame, "06001", ACTIVATED)  # Alameda, 2010-04-20
    expect_fill(frame, "06003", NOT_YET)  # Alpine, 2011-02-23
    expect_fitted(page, frame, "path[class*='fips-06']")  # California, whole, filling the map
    assert page.blocked == []


def test_choosing_a_state_zooms_the_map_in_place(server, page):
    frame = open_map(page, server, "as_of=2011-06-01")
    national = settled_state(page, frame)
    frame.locator("#map_div").evaluate("() => { window.__probe = 'same map'; }")
    page.get_by_role("combobox", name="State").fill("Virginia")
    page.keyboard.press("Enter")
    wait_in_map(
        page,
        "(win, zoom) => win.document.querySelector('path.fips-51013') && win.map.getZoom() > zoom",
        national["zoom"],
    )
    expect_fitted(page, frame, "path[class*='fips-51']")  # Virginia, whole, filling the map
    view = map_state(frame)
    assert view["zoom"] > national["zoom"]
    assert view["probe"] == "same map"  # updated in place, not reloaded
    expect_metric(page, "134 of 134")


def test_zooming_in_redraws_the_counties_at_the_new_scale(server, page):
    frame = open_map(page, server, "as_of=2011-06-01")
    county = frame.locator("path.fips-06037")  # Los Angeles
    zoom = settled_state(page, frame)["zoom"]
    before = county.bounding_box()
    frame.locator(".leaflet-control-zoom-in").click()
    wait_in_map(page, "(win, z) => win.map.getZoom() > z && !win.map._animatingZoom", zoom)
    after = county.bounding_box()
    assert after["width"] / before["width"] == pytest.approx(2**0.5, rel=0.05)  # zoom by 0.5
    show_tooltip(page, frame, "06037", "Los Angeles County")


def test_changing_the_date_recolours_without_reloading(server, page):
    frame = open_map(page, server, "as_of=2010-06-07&state=CA&colour=status")
    expect_fill(frame, "06075", NOT_YET)  # San Francisco, activated 2010-06-08
    frame.locator("#map_div").evaluate("() => { window.__probe = 'same map'; }")
    page.get_by_role("slider").focus()
    page.keyboard.press("ArrowRight")  # one day later
    wait_in_map(
        page,
        "(win, fill) => win.document.querySelector('path.fips-06075').getAttribute('fill') == fill",
        ACTIVATED,
    )
    assert map_state(frame)["probe"] == "same map"
    expect(frame.locator("path.leaflet-interactive")).to_have_count(3143)


def test_a_site_link_shows_site_ring_and_numbers_offline(server, page):
    frame = open_map(page, server, "site=06075&as_of=2010-06-01")
    expect_fill(frame, "06081", ACTIVATED)  # San Mateo, ring, 2010-05-25
    expect_fill(frame, "06041", NEAR_NOT_YET)  # Marin, ring, 2010-08-10
    expect_fill(frame, "06075", NEAR_NOT_YET)  # the site itself, 2010-06-08
    expect_fill(frame, "06001", FAR_ACTIVATED)  # Alameda, farther away, 2010-04-20
    expect_fill(frame, "06007", FAR_NOT_YET)  # Butte, farther away, 2010-07-27
    legend = frame.locator(".sc-legend")
    expect(legend).to_contain_text("San Francisco")
    expect(legend).to_contain_text("Ring: shares a border or corner")
    expect_fitted(page, frame, ".fips-06075, .fips-06041, .fips-06081")  # site and ring
    values = page.get_by_test_id("stMetricValue")
    for value in ("08 Jun 2010", "10 Aug 2010"):  # some metric reads exactly this
        expect(values.filter(has_text=re.compile(rf"^\s*{value}\s*$"))).not_to_have_count(
            0, timeout=30_000
        )
    charts = page.get_by_test_id("stVegaLiteChart")  # the ring-fill chart, the site's time line
    expect(charts).to_have_count(2, timeout=20_000)
    assert page.blocked == []


def test_report_mode_shows_map_numbers_and_sources_only(server, page):
    frame = open_map(page, server, "as_of=2010-09-30&state=CA&report=1&colour=status")
    expect_metric(page, "38 of 58")  # the report's page, not an earlier run's
    expect(page.get_by_role("slider")).to_have_count(0)
    expect(page.get_by_role("combobox")).to_have_count(0)
    expect(page.get_by_role("button")).to_have_count(0)
    expect(page.get_by_test_id("stSidebar")).to_be_hidden()
    expect(page.get_by_test_id("stToolbar")).to_be_hidden()
    expect(frame.locator(".leaflet-control-zoom")).to_have_count(0)
    expect(page.get_by_test_id("stCaptionContainer")).to_contain_text("Sources: activation dates")
    expect(page.get_by_role("heading").first).to_have_text(
        re.compile(r"^\s*Secure Communities: activation by county, California")
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
    frame = open_map(page, server, "as_of=2011-01-01&colour=status")
    expect_fill(frame, "06037", ACTIVATED)  # Los Angeles, built-in data
    page.get_by_text("Your own data").click()
    page.locator("input[type=file]").set_input_files(str(upload))
    page.get_by_text("2 counties matched").wait_for(timeout=30_000)
    choose(page, "Your list")
    wait_in_map(
        page,
        "(w, fill) => w.document.querySelector('path.fips-06037').getAttribute('fill') == fill",
        NOT_YET,  # Los Angeles is not in the uploaded list
    )
    expect_fill(frame, "48201", ACTIVATED)  # Harris, in the list
    expect_fill(frame, "35013", ACTIVATED)  # Doña Ana, matched without accent or suffix
    banner = page.get_by_test_id("stAlertContentInfo").first
    expect(banner).to_contain_text("<img src=x onerror=alert(1)>.csv")  # file name as text
    page.wait_for_timeout(500)
    assert dialogs == []
    expect(page.locator("img[src=x]")).to_have_count(0)
    assert page.blocked == []


def test_an_uploaded_lists_files_are_reached_only_by_its_sessions_token(server, page, tmp_path):
    upload = tmp_path / "my-287g-list.csv"
    upload.write_text("county,state,date\nHarris County,TX,2008-10-27\n")
    open_map(page, server, "as_of=2011-01-01&colour=status")
    page.get_by_text("Your own data").click()
    page.locator("input[type=file]").set_input_files(str(upload))
    page.get_by_text("1 county matched").wait_for(timeout=30_000)
    choose(page, "Your list")
    expect(page.get_by_text("Showing your list")).to_be_visible()
    name, content = download(page, "CSV")
    assert name == "secure-communities-us-2008-10-27.csv"  # the date kept within the list's
    assert b"my-287g-list.csv" in content  # the list's own file, its name in the sources
    href = page.get_by_role("link", name="CSV", exact=True).get_attribute("href")
    token = re.search(r"[?&]upload=([\w-]{32})(&|$)", href)
    assert token, href  # 24 random bytes
    assert page.request.get(server + href.replace(token[1], "x" * 32)).status == 404
    page.get_by_role("button", name="Remove my-287g-list.csv").click()  # the list removed
    expect(page.get_by_text("Showing your list")).to_have_count(0)
    gone = page.request.get(server + href)
    assert gone.status == 404 and "session that has ended" in gone.text()
    assert page.blocked == []


def download(page, button) -> tuple[str, bytes]:
    """Click a download link (its label, or itself) and return the file's name and bytes."""
    if isinstance(button, str):
        button = page.get_by_role("link", name=button, exact=True)
    with page.expect_download(timeout=60_000) as arrival:
        button.click()
    file = arrival.value
    return file.suggested_filename, Path(file.path()).read_bytes()


def test_download_buttons_deliver_the_views_files(server, page):
    open_map(page, server, "as_of=2010-09-30&state=CA")
    expect_metric(page, "38 of 58")
    name, content = download(page, "CSV")
    assert name == "secure-communities-ca-2010-09-30.csv"
    lines = content.decode().splitlines()
    assert "# as_of: 2010-09-30" in lines and "# state: CA" in lines
    assert any(line.startswith("# reproduce: http") and "state=CA" in line for line in lines)
    rows = [line for line in lines if line and not line.startswith("#")]
    assert len(rows) == 1 + 58  # header and California's counties
    name, content = download(page, "PNG")
    assert name == "secure-communities-ca-2010-09-30.png"
    assert content.startswith(b"\x89PNG\r\n\x1a\n")
    assert int.from_bytes(content[16:20], "big") == 2000  # width, from the IHDR chunk
    assert page.blocked == []


def test_an_animation_is_made_with_its_progress_shown_then_saved(server, page):
    open_map(page, server, "as_of=2010-09-30&state=CA")
    page.get_by_role("button", name="Make the GIF (month by month)").click()
    save = page.get_by_role("link", name=re.compile(r"^Save the GIF \(\d+\.\d MB\)$"))
    expect(save).to_be_visible(timeout=60_000)
    name, content = download(page, save)
    assert name == "secure-communities-ca-rollout.gif"
    gif = Image.open(io.BytesIO(content))
    assert (gif.format, gif.n_frames, gif.width) == ("GIF", 52, 1000)


def test_the_page_stays_usable_while_a_video_is_made(server, page):
    frame = open_map(page, server, "as_of=2010-06-07&state=CA&colour=status")
    page.get_by_role("button", name="Make the MP4 (month by month)").click()
    expect(page.get_by_text(re.compile(r"^MP4: (frame \d+ of 52|starting)$"))).to_be_visible()
    page.get_by_role("slider").focus()
    page.keyboard.press("ArrowRight")  # 8 June 2010: San Francisco activated
    expect_fill(frame, "06075", ACTIVATED)
    save = page.get_by_role("link", name=re.compile(r"^Save the MP4 \(\d+\.\d MB\)$"))
    expect(save).to_be_visible(timeout=60_000)


def test_the_national_numbers_are_one_click_from_ices_own_counts(server, page, dataset):
    open_map(page, server, "as_of=2011-02-17")
    page.get_by_role("button", name="Beside ICE's own counts").click()
    table = beside_this_data(dataset.counties, dataset.ice_counts)
    grid = page.locator("[data-testid=stDataFrame] [aria-rowcount]")
    expect(grid).to_have_attribute("aria-rowcount", str(len(table) + 1))  # and its header
    first = page.locator("[data-testid=stDataFrame] tr").nth(1)
    expect(first).to_contain_text(table["said"].iloc[0])
    expect(first).to_contain_text(f"{table['counties'].iloc[0]}")
    expect(page.get_by_test_id("stPopoverBody").locator(".vega-embed")).to_be_visible()
    page.keyboard.press("Escape")
    page.get_by_text("About the data", exact=True).click()
    about = page.get_by_test_id("stExpander").filter(has_text="About the data")
    expect(about.get_by_text("This data beside ICE's own counts.")).to_be_visible()
    open_map(page, server, "as_of=2011-02-17&state=CA")  # the state's numbers: not ICE's
    expect_metric(page, "of 58")
    expect(page.get_by_role("button", name="Beside ICE's own counts")).to_have_count(0)
    assert page.blocked == []


def test_a_link_to_the_noncitizens_measure_colours_states_and_offers_the_chart(server, page):
    frame = open_map(page, server, "as_of=2009-11-30&layer=state&measure=noncitizens", 51)
    expect(page.get_by_test_id("stMetricValue").nth(3)).to_have_text("35.7%")
    expect_fill(frame, "48", SHARE_COLOURS[4])  # Texas: 83% of its noncitizens (69% of people)
    expect_fill(frame, "06", SHARE_COLOURS[2])  # California: 44%
    expect_fill(frame, "36", SHARE_COLOURS[0])  # New York: none yet
    expect(page.get_by_role("heading", name="Who was covered first")).to_be_visible()
    name, content = download(page, "Chart SVG")
    assert name == "secure-communities-us-2009-11-30.covered-first.svg"
    assert '<title id="map-title">Who was covered first</title>' in content.decode()
    assert page.blocked == []
