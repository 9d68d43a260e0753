"""The dashboard in headless Chromium with every non-local request blocked."""

import os
from pathlib import Path

import pytest

from scripts.browser import CHROMIUM, MAP_FRAME, chromium, offline_context, serve, wait_for_counties

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
def offline_page(browser):
    context, blocked = offline_context(browser, viewport={"width": 1366, "height": 900})
    page = context.new_page()
    yield page, blocked
    context.close()


def test_map_draws_every_county_offline(server, offline_page):
    page, blocked = offline_page
    page.goto(server)
    wait_for_counties(page, 3143)
    frame = page.frame_locator(MAP_FRAME)
    assert frame.locator("path.leaflet-interactive").count() == 3143
    assert blocked == []


def test_hovering_a_county_shows_its_activation_date(server, offline_page):
    page, _ = offline_page
    page.goto(server)
    wait_for_counties(page, 3143)
    frame = page.frame_locator(MAP_FRAME)
    frame.locator("path.leaflet-interactive").nth(1500).hover(force=True)
    tooltip = frame.locator(".leaflet-tooltip")
    tooltip.wait_for(state="visible", timeout=10_000)
    assert "Activated on" in tooltip.inner_text()
