"""The map as a reader sees it: equal areas, Alaska and Hawaii in insets, nothing over the
data, and zooming, hovering and tapping in every kind of view."""

import os
from pathlib import Path

import numpy as np
import pytest
from playwright.sync_api import expect
from pyproj import Geod

from scripts.browser import CHROMIUM, MAP_FRAME, offline_context, wait_in_map
from tests.browser_support import expect_fitted, open_map, show_tooltip

pytestmark = pytest.mark.browser

if not Path(CHROMIUM).exists() and not os.environ.get("CI"):
    pytest.skip(f"{CHROMIUM} missing: apt-get install -y chromium", allow_module_level=True)

BOX = "(el) => { const r = el.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; }"
# A drawn path's area in square pixels, from its path data (shoelace, holes subtracted by
# their opposite winding).
PATH_AREA = """(path) => {
  let area = 0;
  for (const ring of path.getAttribute('d').split('M').filter(Boolean)) {
    const xy = ring.replace('z', '').split('L').map(p => p.trim().split(' ').map(Number));
    for (let i = 0; i < xy.length; i++) {
      const [x1, y1] = xy[i], [x2, y2] = xy[(i + 1) % xy.length];
      area += x1 * y2 - x2 * y1;
    }
  }
  return Math.abs(area / 2);
}"""
HIDDEN_CONTROLS = """(win) => {
  const key = win.document.querySelector('.sc-key'), map = win.document.getElementById('map_div');
  const box = key.getBoundingClientRect(), drawing = map.getBoundingClientRect();
  const covered = [];
  key.style.visibility = 'hidden';
  for (let x = box.left + 2; x < box.right; x += 12) {
    for (let y = box.top + 2; y < box.bottom; y += 6) {
      const under = win.document.elementFromPoint(x, y);
      const path = under && under.closest('path.leaflet-interactive');
      if (path) { covered.push(path.getAttribute('class')); }
    }
  }
  key.style.visibility = '';
  return {covered: covered, overlap: box.bottom > drawing.top + 1,
          controlsOnMap: map.querySelectorAll('.leaflet-control').length,
          controlsInKey: key.querySelectorAll(
            '.leaflet-control-zoom, .sc-scale, .leaflet-control-attribution').length};
}"""


def test_alaska_and_hawaii_are_drawn_inside_the_national_map(server, page):
    frame = open_map(page, server, "as_of=2011-02-17")
    drawing = frame.locator("#map_div").evaluate(BOX)
    for fips in ("02020", "02185", "15001", "15003"):  # Anchorage, North Slope, Hawaii, Honolulu
        left, top, right, bottom = frame.locator(f"path.fips-{fips}").evaluate(BOX)
        assert drawing[0] <= left < right <= drawing[2], fips
        assert drawing[1] <= top < bottom <= drawing[3], fips


def ground_area(dataset, fips: str) -> float:
    """Square metres of a county, on the ellipsoid, from its shape in longitude and latitude."""
    shapes = dataset.shapes
    (polygons,) = shapes.county_polygons(shapes.counties.rows([fips]), 0, lonlat=True)
    geod, total = Geod(ellps="GRS80"), 0.0
    for rings in polygons:
        for i, ring in enumerate(rings):
            area, _ = geod.polygon_area_perimeter(ring[:, 0], ring[:, 1])
            total += abs(area) * (1 if i == 0 else -1)
    return total


def test_areas_on_screen_are_proportional_to_ground_areas(server, page, dataset):
    frame = open_map(page, server, "as_of=2011-02-17")
    counties = {  # big counties far apart, from the Canadian border to the Gulf
        "38015": "Burleigh ND",
        "48043": "Brewster TX",
        "23003": "Aroostook ME",
        "12086": "Miami-Dade FL",
        "53033": "King WA",
        "06073": "San Diego CA",
    }
    density = {
        name: frame.locator(f"path.fips-{fips}").evaluate(PATH_AREA) / ground_area(dataset, fips)
        for fips, name in counties.items()
    }
    median = float(np.median(list(density.values())))
    worst = max(abs(value / median - 1) for value in density.values())
    print(f"on-screen area per ground area, worst departure from the median: {worst:.1%}")
    assert worst < 0.05, density


def expect_nothing_over_the_data(frame, view: str) -> None:
    found = frame.locator("#map_div").evaluate(f"() => ({HIDDEN_CONTROLS})(window)")
    assert found["covered"] == [], (view, found)
    assert not found["overlap"] and found["controlsOnMap"] == 0, (view, found)
    assert found["controlsInKey"] == 3, (view, found)  # zoom buttons, scale, credits


def pick(page, label: str, option: str) -> None:
    page.get_by_role("combobox", name=label).fill(option)
    page.keyboard.press("Enter")


def test_no_control_lies_over_a_county_in_any_view(server, page, dataset):
    frame = open_map(page, server, "as_of=2011-02-17&colour=status")
    expect_nothing_over_the_data(frame, "national")
    for state, name in zip(dataset.states["state"], dataset.states["name"], strict=True):
        pick(page, "State", name)
        expect_fitted(page, frame, f"path[class*='fips-{state_fips(dataset, state)}']")
        expect_nothing_over_the_data(frame, name)
    pick(page, "State", "All states")
    for name in dataset.sites["name"]:
        pick(page, "Resistant site", name)
        expect(frame.locator(".sc-legend")).to_contain_text(f"{name} and its ring")
        expect_nothing_over_the_data(frame, name)


def state_fips(dataset, state: str) -> str:
    return dataset.states.set_index("state").at[state, "state_fips"]


def test_a_site_view_zooms_in_place_with_tooltips(server, page):
    frame = open_map(page, server, "as_of=2011-06-01&site=51013")
    expect_fitted(page, frame, ".fips-51013, .fips-11001, .fips-51059, .fips-51510, .fips-51610")
    show_tooltip(page, frame, "11001", "District of Columbia")  # in Arlington's ring
    tooltip = frame.locator(".leaflet-tooltip")
    expect(tooltip).to_contain_text("Ring: shares a border or corner")
    zoom = frame.locator("#map_div").evaluate("() => window.map.getZoom()")
    frame.locator(".leaflet-control-zoom-in").click()
    wait_in_map(page, "(win, z) => win.map.getZoom() > z && !win.map._animatingZoom", zoom)
    show_tooltip(page, frame, "51013", "Arlington County")


def test_a_tap_in_a_state_view_on_a_phone_shows_the_tooltip(server, browser):
    context, _ = offline_context(browser, viewport={"width": 390, "height": 844}, has_touch=True)
    page = context.new_page()
    frame = open_map(page, server, "as_of=2011-06-01&state=HI")
    page.locator(MAP_FRAME).scroll_into_view_if_needed()
    show_tooltip(page, frame, "15003", "Honolulu County", touch=True)
    context.close()


def test_the_first_view_shows_how_the_rollout_spread(server, page):
    frame = open_map(page, server)
    legend = frame.locator(".sc-legend")
    expect(legend).to_contain_text("Year activated")
    for year in ("Oct-Dec 2008", "2009", "2010", "2011", "2012", "Jan 2013"):
        expect(legend).to_contain_text(year)
    fills = frame.locator("path.leaflet-interactive").evaluate_all(
        "paths => new Set(paths.map(p => p.getAttribute('fill'))).size"
    )
    assert fills >= 6  # six years, six colours on the map


# The map's frame is between `low` and `high` pixels high, and what is drawn reaches to
# within a few pixels of its bottom (no blank band under the view).
FRAME_FILLED = """(win, [low, high]) => {
  const bottoms = [...win.document.querySelectorAll('.leaflet-overlay-pane path')]
    .map(path => path.getBoundingClientRect().bottom);
  const blank = win.innerHeight - Math.max(...bottoms);
  return low <= win.innerHeight && win.innerHeight <= high && blank <= 24;
}"""


def test_the_maps_frame_is_as_high_as_the_view_fills(server, browser, page):
    """A wide view on a narrow screen (the nation on a phone, Tennessee anywhere) shrinks
    the map's frame to what it fills; a view that fills the whole frame gets it back."""
    context, _ = offline_context(browser, viewport={"width": 390, "height": 844})
    phone = context.new_page()
    open_map(phone, server, "as_of=2011-02-17")
    wait_in_map(phone, FRAME_FILLED, [200, 400])
    context.close()
    open_map(page, server, "as_of=2011-02-17")
    wait_in_map(page, FRAME_FILLED, [500, 500])
    pick(page, "State", "Tennessee")
    wait_in_map(page, FRAME_FILLED, [200, 420])
    pick(page, "State", "All states")
    wait_in_map(page, FRAME_FILLED, [500, 500])
