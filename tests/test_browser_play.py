"""The map's delivery in headless Chromium, offline: the shapes come once and a date change
brings colours; Play goes month by month at the browser's pace and stops when asked."""

import datetime as dt
import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from geo.view.styles import ACTIVATED, NOT_YET
from scripts.browser import CHROMIUM
from tests.browser_support import expect_fill, expect_metric, open_map

pytestmark = pytest.mark.browser

if not Path(CHROMIUM).exists() and not os.environ.get("CI"):
    pytest.skip(f"{CHROMIUM} missing: apt-get install -y chromium", allow_module_level=True)

PLAY, PAUSE = "Play month by month", "Pause"


def test_the_shapes_come_once_kept_for_good_and_a_new_date_recolours_every_county(server, page):
    parts = []
    page.on(
        "response",
        lambda r: parts.append(r) if "/app/static/parts/" in r.url else None,
    )
    frame = open_map(page, server, "as_of=2010-06-07&colour=status")
    assert parts and all(
        "immutable" in r.headers.get("cache-control", "") for r in parts
    )  # the browser keeps them across reruns, views and visits
    expect_fill(frame, "06075", NOT_YET)  # San Francisco, activated 2010-06-08
    fetched = len(parts)
    page.get_by_role("slider").focus()
    page.keyboard.press("ArrowRight")  # a date not seen before
    expect_fill(frame, "06075", ACTIVATED)
    expect(frame.locator("path.leaflet-interactive")).to_have_count(3143)
    assert len(parts) == fetched  # nothing of the map fetched again
    assert page.blocked == []


def slider_date(page):
    return page.get_by_test_id("stSliderThumbValue")


def test_play_reaches_the_last_month_and_stops_when_asked(server, page):
    open_map(page, server, "as_of=2012-09-22")
    page.get_by_role("button", name=PLAY).click()
    expect(slider_date(page)).to_have_text("2013-01-22", timeout=60_000)
    expect(page.get_by_role("button", name=PLAY)).to_be_visible()  # it stopped by itself
    expect_metric(page, "3,143 of 3,143")

    frame = open_map(page, server, "as_of=2008-10-27")
    page.get_by_role("button", name=PLAY).click()
    legend = frame.locator(".sc-legend-title")
    expect(legend).to_contain_text("2009", timeout=60_000)  # months on
    page.get_by_role("button", name=PAUSE).click()
    expect(page.get_by_role("button", name=PLAY)).to_be_visible()
    expect(slider_date(page)).not_to_have_text("2008-10-27")  # the slider joins Play's month
    stopped = slider_date(page).text_content()
    page.wait_for_timeout(2_000)  # ten months' time at Play's pace: nothing moves
    expect(slider_date(page)).to_have_text(stopped)
    expect(legend).to_contain_text(f"{dt.date.fromisoformat(stopped):%d %b %Y}")
    assert stopped < "2010-06-01"  # stopped where asked, not at the end


def test_the_pages_messages_travel_deflated(server, page):
    """Each run's messages (a date change: about 30 KB of page elements) are compressed on
    the socket (permessage-deflate, .streamlit/config.toml), about threefold."""
    cdp = page.context.new_cdp_session(page)
    extensions = []
    cdp.on(
        "Network.webSocketHandshakeResponseReceived",
        lambda event: extensions.append(
            {k.lower(): v for k, v in event["response"]["headers"].items()}.get(
                "sec-websocket-extensions", ""
            )
        ),
    )
    cdp.send("Network.enable")
    open_map(page, server, "as_of=2010-06-07")
    assert extensions and all("permessage-deflate" in found for found in extensions)
