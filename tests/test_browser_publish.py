"""Publishing from the dashboard in headless Chromium, offline: the map announced with its
description, every control reached and changed with the keyboard alone, and the
Interactive HTML download as it arrives."""

import datetime as dt
import json
import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from geo.view.selection import Selection
from geo.view.wording import describe
from scripts.browser import CHROMIUM, MAP_FRAME
from tests.browser_support import expect_metric, open_map
from tests.test_browser import download

pytestmark = pytest.mark.browser

if not Path(CHROMIUM).exists() and not os.environ.get("CI"):
    pytest.skip(f"{CHROMIUM} missing: apt-get install -y chromium", allow_module_level=True)


def test_the_map_is_announced_with_the_views_description(server, page, dataset):
    open_map(page, server, "as_of=2011-02-17")
    description = describe(dataset, Selection(as_of=dt.date(2011, 2, 17)))
    frame = page.frame_locator(MAP_FRAME)
    expect(frame.get_by_role("img", name=description, exact=True)).to_be_visible()
    entry = f"img {json.dumps(description)}".replace("'", "''")
    expect(frame.locator("#map_div")).to_match_aria_snapshot(f"- '{entry}'")
    expect(page.locator(".st-key-alt_text")).to_have_text(description)  # the alt-text box


def tab_to(page, control) -> None:
    """Press Tab until `control` has the focus (a rerun may send it back to the top)."""
    for _ in range(120):
        page.keyboard.press("Tab")
        try:
            expect(control).to_be_focused(timeout=250)
            return
        except AssertionError:
            continue
    expect(control).to_be_focused()


def test_every_control_is_reached_and_changed_with_the_keyboard_alone(server, page):
    open_map(page, server, "as_of=2011-02-17")
    page.locator("body").focus()
    tab_to(page, page.get_by_role("slider", name="As of"))
    page.keyboard.press("ArrowRight")
    expect(page).to_have_url(re.compile(r"as_of=2011-02-18"))
    tab_to(page, page.get_by_role("combobox", name="State"))
    page.keyboard.type("Californ")
    page.keyboard.press("Enter")
    expect_metric(page, "of 58")
    tab_to(page, page.get_by_role("checkbox", name="Outline resistant sites"))
    page.keyboard.press("Space")
    expect(page.get_by_role("checkbox", name="Outline resistant sites")).not_to_be_checked()
    tab_to(page, page.locator("summary", has_text="Title, subtitle, note and byline"))
    page.keyboard.press("Enter")
    title = page.get_by_role("textbox", name="Title", exact=True)
    tab_to(page, title)
    page.keyboard.press("ControlOrMeta+A")
    page.keyboard.type("Typed & kept")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"title=Typed\+%26\+kept"))
    html = page.get_by_role("link", name="Interactive HTML", exact=True)
    tab_to(page, html)
    with page.expect_download(timeout=60_000) as arrival:
        page.keyboard.press("Enter")
    content = Path(arrival.value.path()).read_bytes()
    assert b"<title>Typed &amp; kept</title>" in content
    assert page.blocked == []


def test_the_interactive_html_download_opens_from_disk_as_the_view(server, page, dataset, tmp_path):
    open_map(page, server, "as_of=2010-06-01&site=06075")
    name, content = download(page, "Interactive HTML")
    assert re.fullmatch(r"secure-communities-.*2010-06-01\.html", name)
    assert len(content) <= 1_500_000
    path = tmp_path / name
    path.write_bytes(content)
    page.goto(path.as_uri())
    description = describe(dataset, Selection(as_of=dt.date(2010, 6, 1), site="06075"))
    expect(page.get_by_role("img", name=description, exact=True)).to_be_visible()
    expect(page.locator(".sc-ring h2")).to_have_text("San Francisco and its ring")
    expect(page.get_by_role("link", name="Open this view in the dashboard")).to_have_attribute(
        "href", re.compile(r"site=06075")
    )
    assert page.blocked == []
