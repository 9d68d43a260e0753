"""Benchmark the dashboard against naive baselines: python -m scripts.benchmark.

Every figure is a median of several runs, printed beside references measured in
the same run (these machines are shared and noisy: quote medians and ratios).

Data: loading the processed files in a fresh process, against reading the raw
sources; the national view as sent to the map, against the raw shapes as GeoJSON.
Browser (warm server, a fresh headless Chromium per run, every non-local request
blocked): bytes sent to the browser and time until all 3,143 counties are drawn,
against a bare page showing one st.metric (the floor), a page with the
dashboard's widgets and metrics but no map, and a naive folium GeoJson of the
raw 2010 shapes, run in interleaved rounds (one view of each page per round), and
each page's time beyond the floor taken as the median of its differences within a
round; then the time from a date or state change to the updated map; the first
reader after a server start against the next (with serve.py's warm-up and without);
and the seconds from a click on a download to its file in hand.

Delivery (--delivery-only): a date change to the recoloured map, seconds and bytes
received, unthrottled and on 4G and fast 3G (through a throttling TCP proxy), beside a bare
slider-and-metric page's own rerun (the floor); and Play over the 52 months.

Interactive HTML: each view's file size against the raw shapes; the national file opened
from disk in a fresh Chromium until every county is painted, against the same shapes as
a plain Leaflet GeoJSON file (naive baseline); and a slider step recoloured, against
reopening the file at the new date.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import contextlib
import re
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from urllib.parse import urlparse

from geo.render.offline import install_leaflet
from scripts.browser import (
    ROOT,
    chromium,
    free_port,
    offline_context,
    serve,
    wait_for_counties,
    wait_in_map,
)

PAGES = ROOT / "scripts" / "benchmark_pages"
LOAD = "from geo.domain.load import load; load()"
BASELINE_LOAD = (
    "from geo.build.pipeline import county_shapes; from geo.build.sources import sources; "
    "s = sources(); county_shapes(s); s['activation'].read(); s['population'].read()"
)
IMPORTS = "import pandas, pyarrow"  # what loading the processed data needs


def fresh_process_seconds(code: str, runs: int) -> float:
    """Median wall time of `python -c code` in a new interpreter."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def layer_bytes() -> tuple[int, int]:
    """The national view as the page sends it to the map (every county, its arcs, classes
    and tooltips), and the raw unsimplified 2010 shapes as GeoJSON."""
    from geo.build.pipeline import county_shapes
    from geo.build.sources import sources
    from geo.domain.load import load
    from geo.render.leaflet import script_json, spec
    from geo.view.compose import compose
    from geo.view.selection import Selection

    view = script_json(spec(compose(load(), Selection())))
    raw = county_shapes(sources())[["fips", "geometry"]]
    return len(view.encode()), len(raw.to_json(drop_id=True, separators=(",", ":")).encode())


class Traffic:
    """Bytes received by a page: HTTP bodies and headers as sent, and websocket frames; its
    network can be throttled as Chrome's tools do."""

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


def first_view(url: str, ready: Callable) -> tuple[float, int]:
    """Seconds from navigation to `ready(page)` in a fresh browser, and bytes received."""
    with chromium() as browser:
        context, _ = offline_context(browser, viewport={"width": 1366, "height": 768})
        page = context.new_page()
        traffic = Traffic(page)
        start = time.perf_counter()
        page.goto(url)
        ready(page)
        seconds = time.perf_counter() - start
        page.wait_for_timeout(300)  # let trailing frames arrive before counting
        return seconds, traffic.bytes


def first_views(pages: dict[str, tuple[str, Callable]], runs: int) -> dict[str, list]:
    """`runs` rounds of one first view of each page, interleaved, so that a change in
    the machine's load during the run hits every page alike; one list of runs per page."""
    for url, ready in pages.values():
        first_view(url, ready)  # warm the server and its caches
    results = {name: [] for name in pages}
    for _ in range(runs):
        for name, (url, ready) in pages.items():
            results[name].append(first_view(url, ready))
    return results


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


class Wire:
    """Bytes that reached the browser on the socket (after the websocket's compression)."""

    bytes = 0


@contextlib.contextmanager
def throttled(url: str, profile, wire: Wire | None = None) -> Iterator[str]:
    """`url` through a TCP proxy on loopback that carries every byte as a slow network
    would: each direction's bytes one after another at its rate, then half the round trip
    (Chrome's own throttling, Network.emulateNetworkConditions, leaves the websocket, where
    Streamlit's runs travel, untouched here: Chromium 156), counting into `wire` the bytes
    it carries to the browser. `profile`: (download Mbit/s, upload Mbit/s, round trip ms),
    or None for `url` itself."""
    if profile is None:
        yield url
        return
    down, up, latency = profile
    target, port = urlparse(url).port, free_port()
    loop = asyncio.new_event_loop()

    async def carry(reader, writer, rate: float, counted: Wire | None = None) -> None:
        chunks: asyncio.Queue = asyncio.Queue()

        async def read() -> None:
            while chunk := await reader.read(65536):
                chunks.put_nowait((loop.time(), chunk))
            chunks.put_nowait((loop.time(), b""))

        async def write() -> None:
            free = 0.0  # when this direction's link has sent all it was given
            while True:
                arrived, chunk = await chunks.get()
                if not chunk:
                    writer.close()
                    return
                if counted:
                    counted.bytes += len(chunk)
                free = max(arrived, free) + len(chunk) / rate
                await asyncio.sleep(max(free + latency / 2000 - loop.time(), 0))
                writer.write(chunk)
                await writer.drain()

        with contextlib.suppress(ConnectionError, asyncio.CancelledError):
            await asyncio.gather(read(), write())

    async def connection(client_reader, client_writer) -> None:
        server_reader, server_writer = await asyncio.open_connection("127.0.0.1", target)
        with contextlib.suppress(asyncio.CancelledError):
            await asyncio.gather(
                carry(client_reader, server_writer, up * 1e6 / 8),
                carry(server_reader, client_writer, down * 1e6 / 8, wire),
            )

    listening = threading.Event()

    async def close() -> None:  # every connection carried ends here
        tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    def run() -> None:  # the browser's driver runs an event loop of its own in this thread
        asyncio.set_event_loop(loop)
        loop.run_until_complete(asyncio.start_server(connection, "127.0.0.1", port))
        listening.set()
        loop.run_forever()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    listening.wait(10)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        asyncio.run_coroutine_threadsafe(close(), loop).result(10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(5)


PROFILES = {  # download and upload Mbit/s, round trip ms, as Chrome's tools name them
    "no throttling": None,
    "4G (9 Mbps, 85 ms)": (9.0, 1.5, 85),
    "fast 3G (1.6 Mbps, 150 ms)": (1.6, 0.75, 150),
}
LEGEND_TITLE = "document.querySelector('.sc-legend-title').textContent"
MAP_DATE = f"(w, old) => w.document.querySelector('.sc-legend-title') && w.{LEGEND_TITLE} != old"
FLOOR_METRIC = "document.querySelector('[data-testid=stMetricValue]').textContent"


def date_changes(url: str, floor: bool, profile, changes: int) -> list[tuple[float, int, int]]:
    """Seconds, bytes received (the messages, uncompressed) and bytes on the socket (on a
    throttled network; else 0) from a key press moving the date one day on (a date not seen
    before) to the recoloured map (the floor page: its metric), `changes` times, once the
    page is open."""
    wire = Wire()
    with chromium() as browser, throttled(url, profile, wire) as url:
        context, _ = offline_context(browser, viewport={"width": 1366, "height": 768})
        page = context.new_page()
        traffic = Traffic(page)
        page.goto(f"{url}/?as_of=2010-06-07")
        metric_shown(page) if floor else counties_drawn(page)
        results = []
        for _ in range(changes):
            page.wait_for_timeout(300)  # trailing frames of the last change
            old = page.evaluate(FLOOR_METRIC) if floor else in_map(page, LEGEND_TITLE)
            page.get_by_role("slider").focus()
            traffic.bytes = wire.bytes = 0
            start = time.perf_counter()
            page.keyboard.press("ArrowRight")
            if floor:
                page.wait_for_function(f"old => {FLOOR_METRIC} != old", arg=old, timeout=60_000)
            else:
                wait_in_map(page, MAP_DATE, old)
            seconds = time.perf_counter() - start
            page.wait_for_timeout(300)
            results.append((seconds, traffic.bytes, wire.bytes))
        return results


def in_map(page, expression: str):
    return page.frame_locator("iframe").first.locator("#map_div").evaluate(f"() => {expression}")


def play_through(url: str) -> tuple[float, int]:
    """Seconds and bytes received from a press on Play at October 2008 to January 2013 shown
    (52 months), the button back to Play."""
    from playwright.sync_api import expect

    with chromium() as browser:
        context, _ = offline_context(browser, viewport={"width": 1366, "height": 768})
        page = context.new_page()
        traffic = Traffic(page)
        page.goto(f"{url}/?as_of=2008-10-27")
        counties_drawn(page)
        page.wait_for_timeout(300)
        traffic.bytes = 0
        start = time.perf_counter()
        page.get_by_role("button", name="Play month by month").click()
        expect(page.get_by_test_id("stSliderThumbValue")).to_have_text(
            "2013-01-22", timeout=300_000
        )
        wait_in_map(page, "(w) => w.document.querySelector('.sc-legend-title')"
                    ".textContent.includes('2013')")  # fmt: skip
        expect(page.get_by_role("button", name="Play month by month")).to_be_visible()
        return time.perf_counter() - start, traffic.bytes


def delivery_figures(runs: int) -> None:
    """A date change on each network profile, beside the floor's own rerun (a bare slider
    and metric page), and Play from October 2008 to January 2013."""
    print(f"date change (a date not seen before), medians of {runs} changes per profile")
    print(
        "  profile                       dashboard: map recoloured (messages, on the socket)"
        "    floor: metric updated"
    )
    floor_rerun = None
    with serve() as ours, serve("scripts/benchmark_pages/slider_metric.py") as floor:
        for name, profile in PROFILES.items():
            figures = []
            for url, is_floor in ((ours, False), (floor, True)):
                results = date_changes(url, is_floor, profile, runs)
                figures.append(tuple(statistics.median(r[i] for r in results) for i in (0, 1, 2)))
            (map_s, map_b, map_w), (floor_s, floor_b, floor_w) = figures
            floor_rerun = floor_rerun or (floor_s, floor_b)
            wire = f"{map_w / 1e3:6.1f} KB" if map_w else "     -   "
            print(
                f"  {name:28} {map_s:6.2f} s {map_b / 1e3:7.1f} KB {wire}"
                f"       {floor_s:6.2f} s {floor_b / 1e3:6.1f} KB"
                + (f" {floor_w / 1e3:5.1f} KB" if floor_w else "")
                + f"  (x{map_s / floor_s:.1f})"
            )
        seconds, received = play_through(ours)
    floor_s, floor_b = floor_rerun
    print(
        f"  Play, 52 months, no throttling {seconds:6.2f} s {received / 1e6:6.2f} MB"
        f"  (floor: 52 reruns of the bare page {52 * floor_s:.2f} s, {52 * floor_b / 1e6:.2f} MB)"
    )


def browser_figures(runs: int, baseline_runs: int) -> None:
    install_leaflet(PAGES / "static")
    with (
        serve() as ours,
        serve("scripts/benchmark_pages/bare_metric.py") as bare,
        serve("scripts/benchmark_pages/controls_no_map.py") as controls,
    ):
        views = first_views(
            {
                "bare st.metric page": (bare, metric_shown),
                "same widgets, no map": (controls, metric_shown),
                "dashboard, national": (ours, counties_drawn),
            },
            runs,
        )
        date_s, state_s = change_seconds(ours, runs)
    with serve("scripts/benchmark_pages/naive_map.py") as naive:
        views |= first_views({"naive raw GeoJSON": (naive, counties_drawn)}, baseline_runs)
    floor = views["bare st.metric page"]
    print(f"browser, medians of {runs} interleaved runs (naive baseline: {baseline_runs})")
    print("  first view           seconds   beyond floor   bytes received   beyond floor")
    for name, results in views.items():
        pairs = list(zip(results, floor, strict=False))  # same round, same machine load
        print(
            f"  {name:20} {statistics.median(r[0] for r in results):7.2f} s"
            f" {statistics.median(r[0] - f[0] for r, f in pairs):+10.2f} s"
            f" {statistics.median(r[1] for r in results) / 1e6:12.2f} MB"
            f" {statistics.median(r[1] - f[1] for r, f in pairs) / 1e6:+10.2f} MB"
        )
    without_map = views["same widgets, no map"]
    beyond = statistics.median(
        r[0] - w[0] for r, w in zip(views["dashboard, national"], without_map, strict=True)
    )
    print(f"  the map alone: dashboard beyond the same page without the map {beyond:+.2f} s")
    print(f"  date change to updated map drawn    {date_s:6.2f} s")
    print(f"  state change to zoomed map drawn    {state_s:6.2f} s")


def first_reader_figures(starts: int) -> None:
    """The first reader after a start against the next one, with the server's warm-up
    (serve.py) and without it (dashboard.py): medians of `starts` starts."""
    print(f"first reader after a start, medians of {starts} starts (map drawn, fresh browser)")
    for script in ("dashboard.py", "serve.py"):
        first, second = [], []
        for _ in range(starts):
            with serve(script) as url:
                first.append(first_view(url, counties_drawn)[0])
                second.append(first_view(url, counties_drawn)[0])
        extra = statistics.median(f - s for f, s in zip(first, second, strict=True))
        print(
            f"  streamlit run {script:13} first {statistics.median(first):5.2f} s,"
            f" next {statistics.median(second):5.2f} s: the first waits {extra:+.2f} s more"
        )


def click_to_file(runs: int) -> None:
    """Seconds from a click on a download to its file in hand, on a fresh server (nothing
    made yet) and again (made once per process): medians of `runs`."""
    from playwright.sync_api import expect

    steps = {
        "PNG": ["PNG"],
        "GIF": ["Make the GIF (month by month)", re.compile(r"^Save the GIF")],
        "MP4": ["Make the MP4 (month by month)", re.compile(r"^Save the MP4")],
    }
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in steps}
    for _ in range(runs):
        with serve() as url, chromium() as browser:
            context, _ = offline_context(browser, viewport={"width": 1366, "height": 768})
            page = context.new_page()
            page.goto(f"{url}/?as_of=2011-02-17&colour=status")
            counties_drawn(page)
            for name, buttons in steps.items():
                seconds = []
                for again in (False, True):  # made, then kept: its Save button shows at once
                    start = time.perf_counter()
                    for label in buttons[:-1] if not again else []:
                        page.get_by_role("button", name=label, exact=True).click()
                    last = page.get_by_role("link", name=buttons[-1], exact=True)
                    expect(last).to_be_visible(timeout=120_000)
                    with page.expect_download(timeout=120_000) as arrival:
                        last.click()
                    arrival.value.path()  # the whole file has arrived
                    seconds.append(time.perf_counter() - start)
                    page.reload()
                    counties_drawn(page)
                times[name].append((seconds[0], seconds[1]))
    print(f"click to file in hand, national view, medians of {runs} fresh servers")
    for name, pairs in times.items():
        made = statistics.median(first for first, _ in pairs)
        kept = statistics.median(again for _, again in pairs)
        print(f"  {name:4} made {made:5.2f} s, asked again {kept:5.2f} s")


def interactive_files(folder) -> dict[str, object]:
    """The Interactive HTML of a national, a state, a site and a state-layer view, and a
    naive page of the same national map: Leaflet and the raw shapes as one GeoJSON layer."""
    import datetime as dt

    from geo.build.pipeline import county_shapes
    from geo.build.sources import sources
    from geo.domain.load import load
    from geo.exports.downloads import make
    from geo.render.offline import leaflet_source
    from geo.view.selection import Selection

    data, as_of = load(), dt.date(2011, 2, 17)
    views = {
        "national": Selection(as_of=as_of),
        "one state (CA)": Selection(as_of=as_of, state="CA"),
        "site (San Francisco)": Selection(as_of=as_of, site="06075"),
        "state layer": Selection(as_of=as_of, layer="state"),
    }
    files = {}
    for name, selection in views.items():
        files[name] = folder / f"{len(files)}.html"
        files[name].write_bytes(make("html", data, selection, link=""))
    shapes = county_shapes(sources())[["fips", "geometry"]]
    leaflet = (leaflet_source() / "leaflet.js").read_text()
    files["naive"] = folder / "naive.html"
    files["naive"].write_text(
        "<!doctype html><div id=m style='height:600px'></div><script>" + leaflet + "</script>"
        "<script>var m = L.map('m', {preferCanvas: false}); var g = L.geoJSON("
        + shapes.to_json(drop_id=True, separators=(",", ":"))
        + ").addTo(m); m.fitBounds(g.getBounds());"
        "requestAnimationFrame(() => setTimeout(() => window.scDrawnAt = performance.now()));"
        "</script>"
    )
    return files


def opened_from_disk(browser, path, areas: str) -> float:
    """Milliseconds from navigation start to the first painted frame with every county."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(path.as_uri())
    page.wait_for_function(
        f"() => window.scDrawnAt && document.querySelectorAll({areas!r}).length >= 3143",
        timeout=120_000,
    )
    drawn = page.evaluate("window.scDrawnAt")
    context.close()
    return drawn


STEP = """async () => {  // one slider step: input event to the next painted frame
  const slider = document.getElementById("sc-date"), start = performance.now();
  slider.value = Number(slider.value) + 1;
  slider.dispatchEvent(new Event("input"));
  await new Promise(done => requestAnimationFrame(() => setTimeout(done)));
  return performance.now() - start;
}"""


def interactive_figures(runs: int) -> None:
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        files = interactive_files(Path(folder))
        print("Interactive HTML, one self-contained file")
        for name, path in files.items():
            if name != "naive":
                print(f"  {name:22} {path.stat().st_size / 1e6:6.2f} MB")
        naive_mb = files["naive"].stat().st_size / 1e6
        print(f"  baseline: raw shapes as GeoJSON in Leaflet {naive_mb:6.2f} MB")
        ours, naive, steps, reopen = [], [], [], []
        for _ in range(runs):  # a fresh Chromium per run: nothing cached
            with chromium() as browser:
                ours.append(opened_from_disk(browser, files["national"], "path[class*='fips-']"))
                naive.append(opened_from_disk(browser, files["naive"], "path.leaflet-interactive"))
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                page = context.new_page()
                page.goto(files["national"].as_uri())
                page.wait_for_function("() => window.scDrawnAt")
                steps.extend(page.evaluate(STEP) for _ in range(20))
                page.goto(files["national"].as_uri() + "#as_of=2011-03-01")
                page.reload()
                reopen.append(page.wait_for_function("() => window.scDrawnAt").json_value())
                context.close()
        ours_s, naive_s = statistics.median(ours) / 1000, statistics.median(naive) / 1000
        print(f"  opened from disk, every county painted, medians of {runs} fresh browsers")
        print(f"    national file                     {ours_s:6.2f} s")
        print(f"    baseline: raw GeoJSON in Leaflet  {naive_s:6.2f} s  (x{naive_s / ours_s:.1f})")
        step, again = statistics.median(steps), statistics.median(reopen)
        print(f"  slider step to recoloured map       {step:6.0f} ms (median of {len(steps)})")
        print(f"    baseline: reopen at the new date  {again:6.0f} ms  (x{again / step:.0f})")


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
    print("national county view, as sent to the map")
    print(f"  shapes, classes and tooltips    {shipped / 1e6:6.2f} MB")
    print(f"  baseline: raw 2010 shapes       {raw / 1e6:6.2f} MB  (x{raw / shipped:.0f} larger)")


def export_figures(runs: int) -> None:
    """Seconds to make each download of the national view, medians of `runs`, in turns
    (one of each per round), and each beside one PNG of the same round."""
    import datetime as dt

    from geo.domain.load import load
    from geo.exports.downloads import DOWNLOADS, make
    from geo.view.selection import Selection

    data = load()
    selection = Selection(as_of=dt.date(2011, 2, 17), colour="status")
    times: dict[str, list[float]] = {kind: [] for kind in DOWNLOADS}
    for _ in range(runs):
        for kind in DOWNLOADS:
            start = time.perf_counter()
            make(kind, data, selection, link="")
            times[kind].append(time.perf_counter() - start)
    print(f"downloads of the national view, medians of {runs} interleaved runs")
    for kind, download in DOWNLOADS.items():
        ratio = statistics.median(t / p for t, p in zip(times[kind], times["png"], strict=True))
        seconds = statistics.median(times[kind])
        print(f"  {download.label:28} {seconds:6.2f} s  (x{ratio:.1f} a PNG)")


def layer_figures(runs: int) -> None:
    """What streamlit-folium does with the map's layer on every run of the page (render
    it, then write its script), the layer as it renders itself beside the same layer
    rendered the way branca renders any element (the baseline), in turns."""
    import datetime as dt

    import folium
    from branca.element import MacroElement
    from streamlit_folium import _get_feature_group_string

    from geo.domain.load import load
    from geo.render.leaflet import RolloutLayer, base_map, spec
    from geo.view.compose import compose
    from geo.view.selection import Selection

    class BrancaRendered(RolloutLayer):
        render = MacroElement.render

    view = compose(load(), Selection(as_of=dt.date(2011, 2, 17), colour="status"))
    times: dict[type, list[float]] = {RolloutLayer: [], BrancaRendered: []}
    for _ in range(runs):
        for layer in times:
            group = folium.FeatureGroup(name="Rollout", control=False)
            layer(spec(view)).add_to(group)
            start = time.perf_counter()
            _get_feature_group_string(group, base_map())
            times[layer].append(time.perf_counter() - start)
    ours, branca = (statistics.median(times[layer]) for layer in times)
    print(f"the map's layer made into script on each run, medians of {runs} interleaved runs")
    print(f"  rendered as text                {ours * 1000:6.0f} ms")
    print(f"  baseline: as a Jinja template   {branca * 1000:6.0f} ms  (x{branca / ours:.1f})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--baseline-runs", type=int, default=3)
    parser.add_argument("--starts", type=int, default=5, help="server starts (first reader)")
    parser.add_argument("--skip-browser", action="store_true")
    parser.add_argument(
        "--delivery-only", action="store_true", help="date changes per network profile, Play"
    )
    args = parser.parse_args()
    if args.delivery_only:
        delivery_figures(args.runs)
        return
    data_figures(args.runs)
    layer_figures(args.runs)
    export_figures(args.runs)
    if not args.skip_browser:
        interactive_figures(args.runs)
        browser_figures(args.runs, args.baseline_runs)
        delivery_figures(args.runs)
        first_reader_figures(args.starts)
        click_to_file(3)


if __name__ == "__main__":
    main()
