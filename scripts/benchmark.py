"""Benchmark the dashboard against naive baselines: python -m scripts.benchmark.

Every figure is a median of several runs, printed beside references measured in
the same run (these machines are shared and noisy: quote medians and ratios).

Data: loading the processed files in a fresh process, against reading the raw
sources; the national county layer, against the raw shapes as GeoJSON.
Browser (warm server, a fresh headless Chromium per run, every non-local request
blocked): bytes sent to the browser and time until all 3,143 counties are drawn,
against a bare page showing one st.metric (the floor), a page with the
dashboard's widgets and metrics but no map, and a naive folium GeoJson of the
raw 2010 shapes; then the time from a date or state change to the updated map.
"""

from __future__ import annotations

import argparse
import base64
import statistics
import subprocess
import sys
import time
from collections.abc import Callable

from geo.offline import install_leaflet
from scripts.browser import (
    ROOT,
    chromium,
    offline_context,
    serve,
    wait_for_counties,
    wait_in_map,
)

PAGES = ROOT / "scripts" / "benchmark_pages"
LOAD = "from geo.load import load; load()"
BASELINE_LOAD = (
    "from geo.build import county_shapes; from geo.sources import sources; "
    "s = sources(); county_shapes(s); s['activation'].read(); s['population'].read()"
)
IMPORTS = "import geopandas, pandas, pyarrow"


def fresh_process_seconds(code: str, runs: int) -> float:
    """Median wall time of `python -c code` in a new interpreter."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def layer_bytes() -> tuple[int, int]:
    """National county layer as shipped, and the raw unsimplified 2010 shapes, as GeoJSON."""
    from geo.build import county_shapes
    from geo.load import load
    from geo.sources import sources

    national = load().counties[["fips", "geometry_national"]].set_geometry("geometry_national")
    raw = county_shapes(sources())[["fips", "geometry"]]
    return (
        len(national.to_json(drop_id=True, separators=(",", ":")).encode()),
        len(raw.to_json(drop_id=True, separators=(",", ":")).encode()),
    )


class Traffic:
    """Bytes received by a page: HTTP bodies and headers as sent, and websocket frames."""

    def __init__(self, page):
        self.bytes = 0
        session = page.context.new_cdp_session(page)
        session.on("Network.loadingFinished", self._http)
        session.on("Network.webSocketFrameReceived", self._frame)
        session.send("Network.enable")
        self._session = session

    def _http(self, event):
        self.bytes += int(event["encodedDataLength"])

    def _frame(self, event):
        response = event["response"]
        payload = response["payloadData"]
        binary = response.get("opcode") == 2
        self.bytes += len(base64.b64decode(payload)) if binary else len(payload.encode())


def first_view(url: str, ready: Callable, runs: int) -> tuple[float, float]:
    """Median seconds from navigation to `ready(page)`, and median bytes received."""
    seconds, sizes = [], []
    for _ in range(runs):
        with chromium() as browser:
            context, _ = offline_context(browser, viewport={"width": 1366, "height": 768})
            page = context.new_page()
            traffic = Traffic(page)
            start = time.perf_counter()
            page.goto(url)
            ready(page)
            seconds.append(time.perf_counter() - start)
            page.wait_for_timeout(300)  # let trailing frames arrive before counting
            sizes.append(traffic.bytes)
    return statistics.median(seconds), statistics.median(sizes)


def metric_shown(page) -> None:
    """The floor's first paint, polled every animation frame like the map's."""
    page.wait_for_function(
        "() => document.querySelector('[data-testid=stMetricValue]')", timeout=60_000
    )


def counties_drawn(page) -> None:
    wait_for_counties(page, 3143, timeout=300_000)


def change_seconds(url: str, runs: int) -> tuple[float, float]:
    """Medians: date change (one day, recolours San Francisco) and state change to drawn."""
    date_times, state_times = [], []
    for _ in range(runs):
        with chromium() as browser:
            context, _ = offline_context(browser, viewport={"width": 1366, "height": 768})
            page = context.new_page()
            page.goto(f"{url}/?as_of=2010-06-07")
            counties_drawn(page)
            before = page.frame_locator("iframe").first.locator("path.fips-06075")
            old_fill = before.get_attribute("fill")
            page.get_by_role("slider").focus()
            start = time.perf_counter()
            page.keyboard.press("ArrowRight")
            wait_in_map(
                page,
                "(w, old) => w.document.querySelector('path.fips-06075')"
                ".getAttribute('fill') != old",
                old_fill,
            )
            date_times.append(time.perf_counter() - start)
            zoom = (
                page.frame_locator("iframe")
                .first.locator("#map_div")
                .evaluate("() => window.map.getZoom()")
            )
            page.get_by_role("combobox", name="State").fill("Virginia")
            start = time.perf_counter()
            page.keyboard.press("Enter")
            wait_in_map(
                page,
                "(w, z) => w.map.getZoom() > z && w.document.querySelector('path.fips-51013')",
                zoom,
            )
            state_times.append(time.perf_counter() - start)
    return statistics.median(date_times), statistics.median(state_times)


def browser_figures(runs: int, baseline_runs: int) -> None:
    install_leaflet(PAGES / "static")
    with (
        serve() as ours,
        serve("scripts/benchmark_pages/bare_metric.py") as bare,
        serve("scripts/benchmark_pages/controls_no_map.py") as controls,
    ):
        first_view(ours, counties_drawn, 1)  # warm the servers and their caches
        first_view(bare, metric_shown, 1)
        first_view(controls, metric_shown, 1)
        floor_s, floor_b = first_view(bare, metric_shown, runs)
        controls_s, controls_b = first_view(controls, metric_shown, runs)
        ours_s, ours_b = first_view(ours, counties_drawn, runs)
        date_s, state_s = change_seconds(ours, runs)
    with serve("scripts/benchmark_pages/naive_map.py") as naive:
        first_view(naive, counties_drawn, 1)
        naive_s, naive_b = first_view(naive, counties_drawn, baseline_runs)
    print(f"browser, medians of {runs} runs (naive baseline: {baseline_runs})")
    print("  first view           seconds   beyond floor   bytes received   beyond floor")
    for name, secs, size in (
        ("bare st.metric page", floor_s, floor_b),
        ("same widgets, no map", controls_s, controls_b),
        ("dashboard, national", ours_s, ours_b),
        ("naive raw GeoJSON", naive_s, naive_b),
    ):
        print(
            f"  {name:20} {secs:7.2f} s {secs - floor_s:+10.2f} s {size / 1e6:12.2f} MB"
            f" {(size - floor_b) / 1e6:+10.2f} MB"
        )
    print(f"  date change to updated map drawn    {date_s:6.2f} s")
    print(f"  state change to zoomed map drawn    {state_s:6.2f} s")


def data_figures(runs: int) -> None:
    imports = fresh_process_seconds(IMPORTS, runs)
    ours = fresh_process_seconds(LOAD, runs)
    naive = fresh_process_seconds(BASELINE_LOAD, runs)
    shipped, raw = layer_bytes()
    print(f"data, fresh-process medians of {runs} runs")
    print(f"  python + imports only           {imports:6.2f} s")
    print(
        f"  load all processed data         {ours:6.2f} s  ({ours - imports:.2f} s beyond imports)"
    )
    print(f"  baseline: read raw sources      {naive:6.2f} s  (x{naive / ours:.1f} slower)")
    print("national county layer as GeoJSON")
    print(f"  shipped display geometry        {shipped / 1e6:6.2f} MB")
    print(f"  baseline: raw 2010 shapes       {raw / 1e6:6.2f} MB  (x{raw / shipped:.0f} larger)")


def export_figures(runs: int) -> None:
    """Seconds to make each download of the national view, medians of `runs`."""
    import datetime as dt
    from dataclasses import replace

    from geo.animation import rollout_gif
    from geo.export import to_csv
    from geo.load import load
    from geo.mapview import Shapes
    from geo.picture import draw
    from geo.urlstate import ViewState
    from geo.views import SOURCES, build_view, rows_and_filters, title

    data = load()
    shapes = Shapes.encode(data.counties, data.states)
    state = ViewState(as_of=dt.date(2011, 2, 17))

    def picture(fmt: str, scale: int = 1) -> Callable:
        return lambda: draw(
            build_view(data, state, shapes.in_detail()), title(data, state), "", SOURCES
        ).save(fmt, scale)

    def gif() -> bytes:
        def classes_on(day):
            return build_view(data, replace(state, as_of=day), shapes).classes

        return rollout_gif(build_view(data, state, shapes), classes_on, title(data, state), SOURCES)

    jobs = {
        "PNG, 2000 px": picture("png"),
        "PNG 2x, 4000 px": picture("png", 2),
        "SVG": picture("svg"),
        "PDF": picture("pdf"),
        "CSV of 3,143 counties": lambda: to_csv(rows_and_filters(data, state)[0], {}),
        "animated GIF, 52 frames": gif,
    }
    print(f"downloads of the national view, medians of {runs} runs")
    for name, job in jobs.items():
        times = []
        for _ in range(runs if "GIF" not in name else 1):
            start = time.perf_counter()
            job()
            times.append(time.perf_counter() - start)
        print(f"  {name:28} {statistics.median(times):6.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--baseline-runs", type=int, default=3)
    parser.add_argument("--skip-browser", action="store_true")
    args = parser.parse_args()
    data_figures(args.runs)
    export_figures(args.runs)
    if not args.skip_browser:
        browser_figures(args.runs, args.baseline_runs)


if __name__ == "__main__":
    main()
