"""Load-test the dashboard: python -m scripts.loadtest --sessions 20 --seconds 60.

One server (browser.serve), warmed by one page load with browser.py's own harness;
its resident memory is read from /proc at rest and sampled under load. A single
session first does a fixed number of view changes alone (the baseline); then N
sessions run at once for a bounded time. All sessions are contexts of one headless
Chromium driven by playwright.async_api from one event loop (a 2-core machine runs
one browser and its renderers better than N browsers), each blocking every
non-local request. A session opens the page, waits for every county, then loops:
date one day on, another state, a resistant site, no site. Each change is timed
from the key press until the map shows it (view key, legend text, zoom settled),
polled every animation frame with the check browser.wait_in_map uses. Errors:
timeouts, page errors, Streamlit exception boxes, blocked requests. Exits 1 on any.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import itertools
import os
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from playwright.async_api import Browser, Page, Route, async_playwright
from playwright.async_api import Error as PlaywrightError

from scripts.browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    LOCAL_HOSTS,
    chromium,
    offline_context,
    serve,
    wait_for_counties,
    wait_in_map,
)

COUNTIES = 3143
VIEWPORT = {"width": 1366, "height": 768}
STATES = [("Virginia", "VA"), ("Texas", "TX"), ("California", "CA"), ("Illinois", "IL")]
STATES += [("Florida", "FL"), ("New York", "NY"), ("Arizona", "AZ"), ("Georgia", "GA")]
SITES = [("Cook County", "17031"), ("Santa Clara County", "06085")]
SITES += [("Multnomah County", "41051"), ("Arlington County", "51013")]
FIRST_DATE = dt.date(2009, 6, 1)
VIEW_SHOWN = """(win, [view, legend]) => {
  const box = win.document.querySelector('.sc-legend');
  return win.__scView === view && box !== null && box.textContent.includes(legend)
    && !win.map._animatingZoom;
}"""  # __scView: the view key the map last fitted; _animatingZoom: Leaflet mid-zoom
KINDS = ("date", "state", "site", "clear")


@dataclass(frozen=True)
class Step:
    """One view change: what to type where, and what the map shows once it is done."""

    kind: str  # one of KINDS
    widget: str | None  # combobox to fill, or None for the date slider
    text: str  # typed into the combobox before Enter
    view: str  # window.__scView afterwards
    legend: str  # text the new legend contains


@dataclass
class Tally:
    """What a group of sessions did: seconds per view change by kind, and every error."""

    seconds: dict[str, list[float]] = field(default_factory=lambda: {k: [] for k in KINDS})
    opens: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def all_seconds(self) -> list[float]:
        return [s for kind in KINDS for s in self.seconds[kind]]


def start_date(index: int) -> dt.date:
    """The date session `index` opens the page at: 11 days apart, so views are rarely shared."""
    return FIRST_DATE + dt.timedelta(days=11 * index)


def steps(index: int) -> Iterator[Step]:
    """Session `index`'s endless rounds: date, state, site, no site."""
    as_of, shown = start_date(index), "US"
    for round_ in itertools.count(index):
        as_of += dt.timedelta(days=1)
        legend = f"Secure Communities, {as_of:%d %b %Y}"
        yield Step("date", None, "", f"county:{shown}", legend)
        name, shown = STATES[round_ % len(STATES)]
        yield Step("state", "State", name, f"county:{shown}", legend)
        site, site_id = SITES[round_ % len(SITES)]
        ring_legend = f"{site} and its ring, {as_of:%d %b %Y}"
        yield Step("site", "Resistant site", site, f"site:{site_id}:1", ring_legend)
        yield Step("clear", "Resistant site", "None", f"county:{shown}", legend)


def server_pid(url: str) -> int:
    """The pid of the streamlit child that serve() started for `url` (found in /proc)."""
    port = str(urlparse(url).port)
    for entry in Path("/proc").iterdir():
        try:
            args = (entry / "cmdline").read_bytes().split(b"\0")
            ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue  # not a process, or it just ended
        words = [arg.decode(errors="replace") for arg in args]
        if ppid == os.getpid() and "streamlit" in words and port in words:
            return int(entry.name)
    raise RuntimeError(f"no streamlit child of this process serves port {port}")


def rss_mb(pid: int) -> float:
    """Resident memory of `pid` in MB (VmRSS)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for pid {pid}")


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time `pid` has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def warm_up(url: str) -> None:
    """One page load with browser.py's harness, so the server's caches are filled."""
    with chromium() as browser:
        context, blocked = offline_context(browser, viewport=VIEWPORT)
        page = context.new_page()
        page.goto(f"{url}/?as_of={FIRST_DATE}")
        wait_for_counties(page, COUNTIES)
        if blocked:
            raise RuntimeError(f"warm-up requested non-local addresses: {blocked}")


class _Recorder:
    """Stands in for a sync Page to record the check a browser.py wait helper polls."""

    def wait_for_function(self, expression: str, arg=None, timeout=None) -> None:
        self.expression, self.arg = expression, arg


async def wait_like(page: Page, helper: Callable, *args, timeout: float) -> None:
    """Await on an async page exactly the check `helper` (wait_in_map, ...) would poll."""
    recorder = _Recorder()
    helper(recorder, *args)
    await page.wait_for_function(recorder.expression, arg=recorder.arg, timeout=timeout * 1000)


async def open_page(browser: Browser, url: str, index: int, tally: Tally, timeout: float) -> Page:
    """A new offline context and page on the dashboard, every county drawn."""
    context = await browser.new_context(viewport=VIEWPORT)

    async def route(route: Route) -> None:
        if urlparse(route.request.url).hostname in LOCAL_HOSTS | {None}:
            await route.continue_()
        else:
            tally.errors.append(f"session {index}: blocked request {route.request.url}")
            await route.abort()

    await context.route("**/*", route)
    page = await context.new_page()
    page.on("pageerror", lambda error: tally.errors.append(f"session {index}: {error}"))
    start = time.perf_counter()
    await page.goto(f"{url}/?as_of={start_date(index)}")
    await wait_like(page, wait_for_counties, COUNTIES, timeout=timeout)
    await wait_like(page, wait_in_map, VIEW_SHOWN, ["county:US", ""], timeout=timeout)
    tally.opens.append(time.perf_counter() - start)
    return page


async def perform(page: Page, step: Step, timeout: float) -> float:
    """Make `step`'s change and return the seconds from key press to the map showing it."""
    if step.widget is None:
        await page.get_by_role("slider").focus()
        key = "ArrowRight"  # one day on
    else:
        await page.get_by_role("combobox", name=step.widget).fill(step.text)
        key = "Enter"
    start = time.perf_counter()
    await page.keyboard.press(key)
    await wait_like(page, wait_in_map, VIEW_SHOWN, [step.view, step.legend], timeout=timeout)
    return time.perf_counter() - start


async def session(
    browser: Browser,
    url: str,
    index: int,
    actions: int,
    deadline: float,
    tally: Tally,
    timeout: float,
) -> None:
    """One user: open the page, then change views until `actions` are done or the deadline."""
    page = None
    try:
        page = await open_page(browser, url, index, tally, timeout)
        for step in itertools.islice(steps(index), actions):
            if time.monotonic() >= deadline:
                break
            tally.seconds[step.kind].append(await perform(page, step, timeout))
            if await page.get_by_test_id("stException").count():
                tally.errors.append(f"session {index}: Streamlit exception after {step.kind}")
    except PlaywrightError as error:  # includes playwright's TimeoutError
        tally.errors.append(f"session {index}: {' '.join(error.message.split())[:400]}")
    finally:
        if page is not None:
            await page.context.close()


async def sample_rss(pid: int, samples: list[float], stop: asyncio.Event) -> None:
    """Append the server's RSS to `samples` four times a second until `stop` is set."""
    while not stop.is_set():
        samples.append(rss_mb(pid))
        await asyncio.sleep(0.25)


async def run_sessions(
    url: str, pid: int, count: int, actions: int, seconds: float, timeout: float
) -> tuple[Tally, list[float]]:
    """Run `count` sessions at once in one Chromium; return their tally and RSS samples."""
    tally, samples, stop = Tally(), [], asyncio.Event()
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        sampler = asyncio.create_task(sample_rss(pid, samples, stop))
        deadline = time.monotonic() + seconds
        try:
            await asyncio.gather(
                *(session(browser, url, i, actions, deadline, tally, timeout) for i in range(count))
            )
        finally:
            stop.set()
            await sampler
            await browser.close()
    return tally, samples


def percentiles(values: list[float]) -> str:
    """Median and 95th percentile as text, or a dash when there is nothing to summarize."""
    if len(values) < 2:
        return "     -       -"
    p95 = statistics.quantiles(values, n=20, method="inclusive")[18]
    return f"{statistics.median(values):6.2f}  {p95:6.2f}"


def report(sessions: int, alone: Tally, load: Tally, memory: dict[str, float]) -> None:
    """Print the figures of the run."""
    print(f"sessions                {sessions} at once, 1 alone for the baseline")
    done, baseline = len(load.all_seconds()), len(alone.all_seconds())
    print(f"actions completed       {done} under load, {baseline} alone")
    print(f"errors                  {len(alone.errors) + len(load.errors)}")
    for error in (alone.errors + load.errors)[:10]:
        print(f"  {error}")
    print("seconds per view change  median     p95")
    print(f"  single user           {percentiles(alone.all_seconds())}")
    print(f"  under load            {percentiles(load.all_seconds())}")
    for kind in KINDS:
        print(f"    {kind:19} {percentiles(load.seconds[kind])}")
    print(f"  first view under load {percentiles(load.opens)}")
    print(
        f"server RSS              {memory['rest']:.0f} MB at rest, {memory['peak']:.0f} MB peak"
        f" under load, {memory['after']:.0f} MB after"
    )
    print(f"server CPU under load   {memory['cpu']:.0f}% of one core")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60, help="time under load")
    parser.add_argument(
        "--actions", type=int, default=40, help="cap per session and baseline count"
    )
    parser.add_argument("--timeout", type=float, default=60, help="seconds per step")
    args = parser.parse_args()
    started = time.monotonic()
    with serve() as url:
        pid = server_pid(url)
        warm_up(url)
        rest = rss_mb(pid)
        bound = args.actions * args.timeout  # the baseline always does every action
        alone, _ = asyncio.run(run_sessions(url, pid, 1, args.actions, bound, args.timeout))
        cpu_before, load_start = cpu_seconds(pid), time.monotonic()
        load, samples = asyncio.run(
            run_sessions(url, pid, args.sessions, args.actions, args.seconds, args.timeout)
        )
        cpu = (cpu_seconds(pid) - cpu_before) / (time.monotonic() - load_start) * 100
        memory = {"rest": rest, "peak": max(samples), "after": rss_mb(pid), "cpu": cpu}
    report(args.sessions, alone, load, memory)
    print(f"run took                {time.monotonic() - started:.0f} s")
    sys.exit(1 if alone.errors or load.errors else 0)


if __name__ == "__main__":
    main()
