"""Screenshot the dashboard as a user sees it: python -m scripts.screenshot OUT.png [QUERY]."""

from __future__ import annotations

import argparse

from scripts.browser import chromium, offline_context, serve, wait_for_counties


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", help="PNG file to write")
    parser.add_argument("query", nargs="?", default="", help="URL query, e.g. as_of=2011-01-01")
    parser.add_argument("--width", type=int, default=1366)
    parser.add_argument("--height", type=int, default=900)
    parser.add_argument("--counties", type=int, default=3143, help="shapes to wait for")
    args = parser.parse_args()
    with serve() as url, chromium() as browser:
        context, blocked = offline_context(
            browser, viewport={"width": args.width, "height": args.height}
        )
        page = context.new_page()
        page.goto(f"{url}/?{args.query}")
        wait_for_counties(page, args.counties)
        page.wait_for_timeout(500)
        page.screenshot(path=args.out)
        print(f"wrote {args.out}; blocked non-local requests: {blocked or 'none'}")


if __name__ == "__main__":
    main()
