"""Screenshots of the dashboard as a user sees it, offline, in headless Chromium.

python -m scripts.screenshot             the README's pictures, into docs/
python -m scripts.screenshot OUT QUERY   one picture of the view in QUERY (e.g. as_of=2011-02-17)
"""

from __future__ import annotations

import argparse
from urllib.parse import urlencode

from playwright.sync_api import expect

from scripts.browser import ROOT, chromium, offline_context, serve, wait_for_counties

LAPTOP, PHONE = (1366, 768), (390, 844)
WORDS = urlencode(  # a reporter's own title and byline
    {"title": "How Secure Communities spread, county by county", "byline": "Map: Jane Doe"}
)
README_SHOTS = [  # file, query, shapes to wait for, screen[, text to scroll to]
    ("national-waves.png", "", 3143, LAPTOP),  # the first view
    ("national.png", "as_of=2011-02-17&colour=status", 3143, LAPTOP),
    ("phone.png", "as_of=2011-02-17&colour=status", 3143, PHONE),
    ("state-california.png", "as_of=2010-09-30&state=CA&colour=status", 3143, LAPTOP),
    ("state-alaska.png", "as_of=2012-01-01&state=AK&colour=status", 3143, LAPTOP),
    ("states-share.png", "as_of=2011-06-01&layer=state", 51, LAPTOP),
    ("site-cook.png", "as_of=2011-06-01&site=17031", 3143, LAPTOP),
    ("site-arlington.png", "as_of=2010-11-05&site=51013", 3143, LAPTOP),
    ("site-illinois-second-ring.png", "as_of=2011-09-01&site=17&ring=2", 3143, LAPTOP),
    ("publish.png", f"as_of=2011-02-17&colour=status&{WORDS}", 3143, LAPTOP, "Alt text"),
]


def shoot(
    browser, url: str, out, query: str, shapes: int, screen: tuple, show: str | None = None
) -> list:
    """Save a PNG of the view (scrolled to the text `show`, if given); return the
    non-local requests that were blocked."""
    width, height = screen
    context, blocked = offline_context(browser, viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(f"{url}/?{query}")
    wait_for_counties(page, shapes)
    expect(page.get_by_test_id("stStatusWidget")).to_be_hidden(timeout=60_000)  # run done
    if show:
        page.get_by_text(show, exact=True).scroll_into_view_if_needed()
    page.wait_for_timeout(400)  # let the fitted view settle before the picture
    page.screenshot(path=str(out))
    context.close()
    return blocked


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", help="PNG file to write (default: the README set)")
    parser.add_argument("query", nargs="?", default="", help="URL query of the view")
    parser.add_argument("--width", type=int, default=1366)
    parser.add_argument("--height", type=int, default=768)
    parser.add_argument("--shapes", type=int, default=3143, help="shapes to wait for")
    args = parser.parse_args()
    shots = (
        [(args.out, args.query, args.shapes, (args.width, args.height))]
        if args.out
        else [(ROOT / "docs" / name, *shot) for name, *shot in README_SHOTS]
    )
    with serve() as url, chromium() as browser:
        for out, *shot in shots:
            blocked = shoot(browser, url, out, *shot)
            print(f"wrote {out}; blocked non-local requests: {blocked or 'none'}")


if __name__ == "__main__":
    main()
