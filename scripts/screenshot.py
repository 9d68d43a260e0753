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


def scroll_to(text: str):
    """Before the picture: scroll the page to `text`."""
    return lambda page: page.get_by_text(text, exact=True).scroll_into_view_if_needed()


def open_popover(label: str, shown: str):
    """Before the picture: open the popover `label` and wait for its text `shown`."""

    def prepare(page) -> None:
        page.get_by_role("button", name=label).click()
        expect(page.get_by_text(shown)).to_be_visible(timeout=60_000)
        page.wait_for_timeout(1000)  # the chart draws itself

    return prepare


def open_expander(label: str, shown: str):
    """Before the picture: open the expander `label`, wait for its text `shown` and bring
    the expander's top to the top of the screen."""

    def prepare(page) -> None:
        summary = page.get_by_text(label, exact=True)
        summary.click()
        expect(page.get_by_text(shown)).to_be_visible(timeout=60_000)
        page.wait_for_timeout(1000)  # the chart draws itself
        summary.evaluate("node => node.scrollIntoView({block: 'start'})")
        page.mouse.wheel(0, -80)  # below Streamlit's header
        page.wait_for_timeout(300)

    return prepare


README_SHOTS = [  # file, query, shapes to wait for, screen[, what to do before the picture]
    ("national-waves.png", "", 3143, LAPTOP),  # the first view
    ("national.png", "as_of=2011-02-17&colour=status", 3143, LAPTOP),
    ("phone.png", "as_of=2011-02-17&colour=status", 3143, PHONE),
    ("state-california.png", "as_of=2010-09-30&state=CA&colour=status", 3143, LAPTOP),
    ("state-alaska.png", "as_of=2012-01-01&state=AK&colour=status", 3143, LAPTOP),
    ("states-share.png", "as_of=2011-06-01&layer=state", 51, LAPTOP),
    ("site-cook.png", "as_of=2011-06-01&site=17031", 3143, LAPTOP),
    ("site-arlington.png", "as_of=2010-11-05&site=51013", 3143, LAPTOP),
    ("site-illinois-second-ring.png", "as_of=2011-09-01&site=17&ring=2", 3143, LAPTOP),
    ("publish.png", f"as_of=2011-02-17&colour=status&{WORDS}", 3143, LAPTOP, scroll_to("Alt text")),
    (
        "ice-counts.png",
        "as_of=2011-02-17&colour=status",
        3143,
        LAPTOP,
        open_popover("Beside ICE's own counts", "This data beside ICE's own counts."),
    ),
    ("site-new-york-city.png", "as_of=2012-03-01&site=3651000", 3143, LAPTOP),
    (
        "site-santa-clara.png",
        "as_of=2010-06-01&site=06085",
        3143,
        LAPTOP,
        scroll_to("Sources disagree on when this site was activated."),
    ),
    ("national-es.png", "as_of=2011-02-17&colour=status&lang=es", 3143, LAPTOP),
    (
        "site-santa-clara-es.png",
        "as_of=2010-06-01&site=06085&lang=es",
        3143,
        LAPTOP,
        scroll_to("Las fuentes no coinciden en cuándo se activó este sitio."),
    ),
    ("phone-es.png", "as_of=2011-02-17&colour=status&lang=es", 3143, PHONE),
    *(
        (
            name,
            "",
            3143,
            screen,
            open_expander(
                "Is the ring pattern real?",
                "Each dot is a ring county",
            ),
        )
        for name, screen in (("rings-timeline.png", LAPTOP), ("rings-timeline-phone.png", PHONE))
    ),
    ("noncitizens-headline.png", "as_of=2009-11-30&colour=noncitizen_share", 3143, LAPTOP),
    ("noncitizens-phone.png", "as_of=2009-11-30&colour=status", 3143, PHONE),
    ("states-noncitizens.png", "as_of=2009-11-30&layer=state&measure=noncitizens", 51, LAPTOP),
    (
        "covered-first.png",
        "as_of=2009-11-30&colour=status",
        3143,
        LAPTOP,
        scroll_to("Who was covered first"),
    ),
]


def shoot(browser, url: str, out, query: str, shapes: int, screen: tuple, prepare=None) -> list:
    """Save a PNG of the view (after `prepare(page)`, if given); return the non-local
    requests that were blocked."""
    width, height = screen
    context, blocked = offline_context(browser, viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(f"{url}/?{query}")
    wait_for_counties(page, shapes)
    expect(page.get_by_test_id("stStatusWidget")).to_be_hidden(timeout=60_000)  # run done
    expect(page.get_by_test_id("stSkeleton")).to_have_count(0, timeout=60_000)  # all drawn
    if prepare:
        prepare(page)
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
    parser.add_argument("--only", help="of the README set, only the pictures whose name has this")
    args = parser.parse_args()
    shots = (
        [(args.out, args.query, args.shapes, (args.width, args.height))]
        if args.out
        else [
            (ROOT / "docs" / name, *shot)
            for name, *shot in README_SHOTS
            if not args.only or args.only in name
        ]
    )
    with serve() as url, chromium() as browser:
        for out, *shot in shots:
            blocked = shoot(browser, url, out, *shot)
            print(f"wrote {out}; blocked non-local requests: {blocked or 'none'}")


if __name__ == "__main__":
    main()
