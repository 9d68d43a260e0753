"""What the browser tests share: opening the map, and reading it through retrying waits."""

import contextlib

from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from scripts.browser import MAP_FRAME, wait_for_counties, wait_in_map


def open_map(page, server, query: str = "", counties: int = 3143):
    page.goto(f"{server}/?{query}")
    wait_for_counties(page, counties)
    return page.frame_locator(MAP_FRAME)


def expect_fill(frame, fips: str, colour: str) -> None:
    expect(frame.locator(f"path.fips-{fips}")).to_have_attribute("fill", colour)


def expect_metric(page, text: str) -> None:
    expect(page.get_by_test_id("stMetricValue").first).to_contain_text(text)


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


def show_tooltip(page, frame, fips: str, text: str, touch: bool = False) -> None:
    """Move the pointer onto (or, with `touch`, tap) a point the county itself covers, not the
    middle of its box, which a neighbour may cover, until its tooltip says `text`: again if
    the map was still fitting itself to the page when the pointer landed."""
    tooltip = frame.locator(".leaflet-tooltip")
    county = frame.locator(f"path.fips-{fips}")
    for _ in range(5):
        wait_in_map(page, IDLE)
        inside, map_box = county.evaluate(INSIDE), page.locator(MAP_FRAME).bounding_box()
        if inside:
            x, y = map_box["x"] + inside["x"], map_box["y"] + inside["y"]
            page.touchscreen.tap(x, y) if touch else page.mouse.move(x, y)
        try:
            expect(tooltip).to_contain_text(text, timeout=2_000)
            return
        except AssertionError:
            if not touch:
                page.mouse.move(0, 0)
    expect(tooltip).to_contain_text(text)


INSIDE = """(path) => {  // a point of the map's frame where this path is the topmost element
  const box = path.getBoundingClientRect();
  for (let i = 1; i < 16; i++) {
    for (let j = 1; j < 16; j++) {
      const x = box.left + box.width * i / 16, y = box.top + box.height * j / 16;
      if (path.ownerDocument.elementFromPoint(x, y) === path) { return {x, y}; }
    }
  }
  return null;
}"""


def map_state(frame) -> dict:
    return frame.locator("#map_div").evaluate(
        "() => ({zoom: window.map.getZoom(), probe: window.__probe || null})"
    )


IDLE = "(win) => !win.map._animatingZoom && !(win.map._panAnim && win.map._panAnim._inProgress)"
FITTED = """(win, selector) => {
  const box = win.document.getElementById('map_div').getBoundingClientRect();
  const rects = Array.from(win.document.querySelectorAll(selector), p => p.getBoundingClientRect());
  if (!rects.length) { return null; }
  const left = Math.min(...rects.map(r => r.left)), right = Math.max(...rects.map(r => r.right));
  const top = Math.min(...rects.map(r => r.top)), bottom = Math.max(...rects.map(r => r.bottom));
  return {inside: left >= box.left - 2 && right <= box.right + 2 && top >= box.top - 2 &&
                  bottom <= box.bottom + 2,
          fills: Math.max((right - left) / box.width, (bottom - top) / box.height)};
}"""


def settled_state(page, frame) -> dict:
    """The map's state once no zoom or pan animation is running."""
    wait_in_map(page, IDLE)
    return map_state(frame)


def expect_fitted(page, frame, selector: str) -> None:
    """Wait (retrying every frame) until the map shows the areas matching `selector` whole,
    filling its width or height; then assert it, so a failure shows how the fit differs."""
    fitted = (
        f"(win, s) => {{ const f = ({FITTED})(win, s);"
        f" return f && f.inside && f.fills > 0.9 && ({IDLE})(win); }}"
    )
    with contextlib.suppress(PlaywrightTimeoutError):  # the asserts say how the view differs
        wait_in_map(page, fitted, selector)
    fit = frame.locator("#map_div").evaluate(f"(_, s) => ({FITTED})(window, s)", selector)
    assert fit and fit["inside"] and fit["fills"] > 0.9, fit
