"""Load-test the dashboard: python -m scripts.loadtest --sessions 20 --seconds 60.

One server (browser.serve), warmed by one page load with browser.py's own harness;
its resident memory is read from /proc at rest and sampled under load. A single
session first does a fixed number of view changes alone (the baseline); then N
readers arrive, evenly over --ramp seconds (as readers of a story do, not all in the
same instant), and each changes views for --seconds once its page is open, looking at
each view about --think seconds first. All sessions are contexts of one headless
Chromium driven by playwright.async_api from one event loop (a 2-core machine runs
one browser and its renderers better than N browsers), each blocking every
non-local request. Under load, a session first opens one shared view (as twenty
readers of one story would) and downloads each picture (PNG, PNG 2x, SVG, PDF) and
makes and saves the GIF. A session opens the page, waits for every county, then
loops: date one day on, another state, a resistant site, no site. Each change is
timed from the key press until the map shows it (view key, legend text, zoom
settled), polled every animation frame with the check
browser.wait_in_map uses. The server writes its own time for every run of the
page and every download it makes to a log ($SC_RUN_LOG), so its time per view
change is read apart from the 20 browsers that share the machine. Errors:
timeouts, page errors, Streamlit exception boxes, blocked requests, downloads that
fail. Exits 1 on any. With --server-cpus N the server (its threads and its export
worker) runs on N processors of its own and the browsers on the others, as readers'
browsers run on their own machines; without it, all share every processor.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import itertools
import json
import os
import random
import re
import statistics
import sys
import tempfile
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
  const box = win.document.querySelector('.sc-legend'), key = win.map._scKey;
  return key && key.view && key.view.key === view && box !== null
    && legend.every((text) => box.textContent.includes(text)) && !win.map._animatingZoom;
}"""  # _scKey.view: the view the map last fitted; _animatingZoom: Leaflet mid-zoom
PICTURES = ("PNG", "PNG 2x", "SVG", "PDF")
MAKE_GIF, SAVE_GIF = "Make the GIF (month by month)", re.compile(r"^Save the GIF")
SHARED_VIEW = "as_of=2011-02-17&colour=status"  # the view every session downloads
KINDS = ("date", "state", "site", "clear")


@dataclass(frozen=True)
class Step:
    """One view change: what to type where, and what the map shows once it is done."""

    kind: str  # one of KINDS
    widget: str | None  # combobox to fill, or None for the date slider
    text: str  # typed into the combobox before Enter
    view: str  # window.__scView afterwards
    legend: tuple[str, ...]  # texts the new legend contains


@dataclass(frozen=True)
class Limits:
    """Bounds of every session: view changes at most, seconds per change and per first view;
    and how long a reader looks at a view before the next change (seconds, on average)."""

    actions: int
    timeout: float
    open_timeout: float
    think: float


@dataclass
class Tally:
    """What a group of sessions did: seconds per view change by kind, and every error."""

    seconds: dict[str, list[float]] = field(default_factory=lambda: {k: [] for k in KINDS})
    opens: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    downloading: bool = False  # take each download away once
    downloads: dict[str, int] = field(default_factory=dict)  # files received, by kind

    def all_seconds(self) -> list[float]:
        """Seconds of every view change, whatever its kind."""
        return [s for kind in KINDS for s in self.seconds[kind]]


def start_date(index: int) -> dt.date:
    """The date session `index` opens the page at: 11 days apart, so views are rarely shared."""
    return FIRST_DATE + dt.timedelta(days=11 * index)


def steps(index: int) -> Iterator[Step]:
    """Session `index`'s endless rounds: date, state, site, no site."""
    as_of, shown = start_date(index), "US"
    for round_ in itertools.count(index):
        as_of += dt.timedelta(days=1)
        day = f"{as_of:%d %b %Y}"
        yield Step("date", None, "", f"county:{shown}:albers", (day,))
        name, shown = STATES[round_ % len(STATES)]
        yield Step("state", "State", name, f"county:{shown}:albers", (day,))
        site, site_id = SITES[round_ % len(SITES)]
        yield Step("site", "Resistant site", site, f"site:{site_id}:1:albers", (site, day))
        yield Step("clear", "Resistant site", "None", f"county:{shown}:albers", (day,))


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


def cpu_times(pid: int) -> tuple[float, float, float]:
    """CPU seconds so far: used by `pid`, by the whole machine, and available to it."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = [int(n) for n in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
    idle = ticks[3] + ticks[4]  # idle and iowait
    per_second = os.sysconf("SC_CLK_TCK")
    return (
        (int(fields[11]) + int(fields[12])) / per_second,
        (sum(ticks) - idle) / per_second,
        sum(ticks) / per_second,
    )


def cpu_use(pid: int, before: tuple[float, float, float], seconds: float) -> dict[str, float]:
    """Since `before` (cpu_times): the server's % of one core, the machine's % busy."""
    server, busy, total = (now - then for now, then in zip(cpu_times(pid), before, strict=True))
    return {"server": server / seconds * 100, "machine": busy / total * 100}


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
    if tally.downloading:
        await share_a_view(page, url, index, tally, timeout)
    start = time.perf_counter()
    await page.goto(f"{url}/?as_of={start_date(index)}", timeout=timeout * 1000)
    await wait_like(page, wait_for_counties, COUNTIES, timeout=timeout)
    await wait_like(page, wait_in_map, VIEW_SHOWN, ["county:US:albers", []], timeout=timeout)
    tally.opens.append(time.perf_counter() - start)
    await check_exceptions(page, index, "opening", tally)
    return page


async def check_exceptions(page: Page, index: int, after: str, tally: Tally) -> None:
    """Count any Streamlit exception box on the page as an error."""
    for text in await page.get_by_test_id("stException").all_inner_texts():
        tally.errors.append(f"session {index}: exception after {after}: {one_line(text)}")


def one_line(text: str) -> str:
    """`text` on one line, cut to a readable length."""
    return " ".join(text.split())[:300]


async def perform(page: Page, step: Step, timeout: float) -> float:
    """Make `step`'s change and return the seconds from key press to the map showing it."""
    if step.widget is None:
        await page.get_by_role("slider").focus()
        key = "ArrowRight"  # one day on
    else:
        await page.get_by_role("combobox", name=step.widget, exact=True).fill(step.text)
        key = "Enter"
    start = time.perf_counter()
    await page.keyboard.press(key)
    await wait_like(page, wait_in_map, VIEW_SHOWN, [step.view, step.legend], timeout=timeout)
    return time.perf_counter() - start


async def open_session(
    browser: Browser, url: str, index: int, tally: Tally, limits: Limits
) -> Page | None:
    """Session `index`'s page with its map drawn, or None (and an error) if that failed."""
    try:
        return await open_page(browser, url, index, tally, limits.open_timeout)
    except PlaywrightError as error:  # includes playwright's TimeoutError
        tally.errors.append(f"session {index}: opening: {one_line(error.message)}")
        return None


async def download(page: Page, button, timeout: float) -> int:
    """Click a download link; the number of bytes that arrive."""
    async with page.expect_download(timeout=timeout * 1000) as arrival:
        await button.click()
    path = await (await arrival.value).path()
    return Path(path).stat().st_size


async def take_away(page: Page, index: int, tally: Tally, timeout: float) -> None:
    """Download each picture of the view, and make and save the GIF, once."""
    for label in PICTURES:
        size = await download(page, page.get_by_role("link", name=label, exact=True), timeout)
        tally.downloads[label] = tally.downloads.get(label, 0) + bool(size)
    await page.get_by_role("button", name=MAKE_GIF, exact=True).click()
    save = page.get_by_role("link", name=SAVE_GIF)
    await save.wait_for(timeout=timeout * 1000)
    size = await download(page, save, timeout)
    tally.downloads["GIF"] = tally.downloads.get("GIF", 0) + bool(size)


async def share_a_view(page: Page, url: str, index: int, tally: Tally, timeout: float) -> None:
    """Open the view every session downloads (twenty readers of one story), and take its
    pictures and its GIF away."""
    await page.goto(f"{url}/?{SHARED_VIEW}", timeout=timeout * 1000)
    await wait_like(page, wait_for_counties, COUNTIES, timeout=timeout)
    await take_away(page, index, tally, timeout)
    await check_exceptions(page, index, "downloads", tally)


async def drive(page: Page, index: int, tally: Tally, limits: Limits, deadline: float) -> None:
    """Change views until `limits.actions` are done, the deadline passes or a step fails,
    looking at each view for between half and one and a half times `limits.think`."""
    step, looks = None, random.Random(index)  # the same pauses in every run
    try:
        for step in itertools.islice(steps(index), limits.actions):
            await asyncio.sleep(looks.uniform(0.5, 1.5) * limits.think)
            if time.monotonic() >= deadline:
                return
            tally.seconds[step.kind].append(await perform(page, step, limits.timeout))
            await check_exceptions(page, index, step.kind, tally)
    except PlaywrightError as error:
        tally.errors.append(f"session {index}: {step.kind}: {one_line(error.message)}")


async def sample_rss(pid: int, samples: list[float], stop: asyncio.Event) -> None:
    """Append the server's RSS to `samples` four times a second until `stop` is set."""
    while not stop.is_set():
        samples.append(rss_mb(pid))
        await asyncio.sleep(0.25)


async def read(
    browser: Browser,
    url: str,
    index: int,
    tally: Tally,
    limits: Limits,
    arrival: float,
    seconds: float,
) -> None:
    """One reader: arrive after `arrival` seconds, open the page (taking the downloads away
    first, if the tally says so), then change views for `seconds`."""
    await asyncio.sleep(arrival)
    page = await open_session(browser, url, index, tally, limits)
    if page:
        await drive(page, index, tally, limits, time.monotonic() + seconds)


async def run_sessions(
    url: str, pid: int, count: int, limits: Limits, seconds: float, downloading: bool, ramp: float
) -> tuple[Tally, list[float]]:
    """Start `count` readers in one Chromium, arriving evenly over `ramp` seconds; each
    changes views for `seconds` once its page is open (after taking the downloads away
    once, if `downloading`). Their tally and the server's RSS samples (MB)."""
    tally, samples, stop = Tally(downloading=downloading), [], asyncio.Event()
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        sampler = asyncio.create_task(sample_rss(pid, samples, stop))
        try:
            await asyncio.gather(
                *(
                    read(browser, url, i, tally, limits, i * ramp / count, seconds)
                    for i in range(count)
                )
            )
        finally:
            stop.set()
            await sampler
            await browser.close()
    return tally, samples


def median_p95(values: list[float]) -> tuple[float, float]:
    """Median and 95th percentile of at least one value."""
    if len(values) == 1:
        return values[0], values[0]
    return statistics.median(values), statistics.quantiles(values, n=20, method="inclusive")[18]


def percentiles(values: list[float]) -> str:
    """Median and 95th percentile as text, or dashes when there is nothing to summarize."""
    if not values:
        return "     -       -"
    median, p95 = median_p95(values)
    return f"{median:6.2f}  {p95:6.2f}"


def run_seconds(runs: list[dict], kind: str) -> list[float]:
    """The wall times of the server's runs of one kind (geo.exports.runlog.run_kind)."""
    return [run["seconds"] for run in runs if run["kind"] == kind]


def ratios(before: list[float], after: list[float]) -> str:
    """`after` over `before`, at the median and the 95th percentile."""
    if not before or not after:
        return "-"
    (median, p95), (median_before, p95_before) = median_p95(after), median_p95(before)
    return f"x{median / median_before:.1f} / x{p95 / p95_before:.1f}"


def server_log(path: Path, start: float, end: float) -> dict[str, list[dict]]:
    """The server's own log lines ($SC_RUN_LOG) between two times, by event."""
    events: dict[str, list[dict]] = {"run": [], "export": []}
    for line in path.read_text().splitlines() if path.exists() else []:
        entry = json.loads(line)
        if start <= entry["at"] <= end:
            events[entry["event"]].append(entry)
    return events


def overlapping(runs: list[dict]) -> tuple[list[float], list[float]]:
    """The wall times of the runs that ran alone in the server and of those that shared it
    with another run (a run's log line is written at its end: `at` minus `seconds` is
    its start)."""
    spans = [(entry["at"] - entry["seconds"], entry["at"]) for entry in runs]
    alone, shared = [], []
    for i, (start, end) in enumerate(spans):
        others = (s < end and start < e for j, (s, e) in enumerate(spans) if j != i)
        (shared if any(others) else alone).append(end - start)
    return alone, shared


def report(
    args: argparse.Namespace,
    alone: Tally,
    load: Tally,
    memory: dict[str, float],
    cpu: dict[str, float],
    server: dict[str, dict[str, list[dict]]],
) -> None:
    """Print the figures of the run."""
    errors = alone.errors + load.errors
    sessions = args.sessions
    print(
        f"sessions                {sessions} in one Chromium, arriving over {args.ramp:g} s,"
        f" looking {args.think:g} s at each view; baseline: 1 alone"
    )
    done, baseline = len(load.all_seconds()), len(alone.all_seconds())
    print(f"actions completed       {done} under load, {baseline} alone")
    files = ", ".join(f"{kind} {count}" for kind, count in load.downloads.items())
    print(f"downloads received      {files or 'none'} (of {sessions} each)")
    print(f"errors                  {len(errors)}")
    for error in errors[:10]:
        print(f"  {error}")
    print("seconds                 median     p95")
    for measure, what in (("seconds", "time"), ("cpu", "CPU")):
        for phase in ("alone", "load"):
            runs = [entry[measure] for entry in server[phase]["run"]]
            print(f"  server {what:4} per run, {phase:5} {percentiles(runs)}")
    by_itself, shared = overlapping(server["load"]["run"])
    print(f"    under load, no other run  {percentiles(by_itself)}  ({len(by_itself)} runs)")
    print(f"    under load, beside others {percentiles(shared)}  ({len(shared)} runs)")
    changes = {phase: run_seconds(server[phase]["run"], "view") for phase in ("alone", "load")}
    for phase, times in changes.items():
        print(f"  server time per view change, {phase:5} {percentiles(times)}  ({len(times)} runs)")
    print(f"    under load / alone        {ratios(changes['alone'], changes['load'])}")
    for kind in ("open", "same"):
        times = run_seconds(server["load"]["run"], kind)
        if times:
            print(f"  server time per {kind} run, load {percentiles(times)}  ({len(times)} runs)")
    print(f"  view change, alone    {percentiles(alone.all_seconds())}  (in the browser)")
    print(f"  view change, load     {percentiles(load.all_seconds())}  (in the browser)")
    for kind in KINDS:
        print(f"    {kind:19} {percentiles(load.seconds[kind])}")
    print(f"  first view, alone     {percentiles(alone.opens)}")
    print(f"  first view, load      {percentiles(load.opens)}")
    exports = server["load"]["export"]
    made = ", ".join(f"{entry['kind']} {entry['seconds']:.1f} s" for entry in exports)
    print(
        f"exports made            {len(exports)} for {sum(load.downloads.values())} downloads;"
        f" {sum(entry['cpu'] for entry in exports):.1f} s of CPU ({made})"
    )
    print(
        f"server RSS              {memory['rest']:.0f} MB at rest, {memory['peak']:.0f} MB peak"
        f" under load, {memory['after']:.0f} MB once closed"
    )
    print(
        f"CPU under load          server {cpu['server']:.0f}% of one core; machine"
        f" {cpu['machine']:.0f}% busy of {os.cpu_count()} cores,"
        f" 1-min load average {os.getloadavg()[0]:.1f}"
    )


def split_processors(for_server: int) -> tuple[set[int] | None, set[int]]:
    """The processors of the server (None: every one) and of the browsers."""
    every = sorted(os.sched_getaffinity(0))
    if not for_server:
        return None, set(every)
    if for_server >= len(every):
        sys.exit(f"--server-cpus {for_server}: this machine has {len(every)} processors")
    return set(every[:for_server]), set(every[for_server:])


def main() -> None:
    """Warm up, measure at rest, run the baseline and the load, report; exit 1 on errors."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60, help="view changes under load")
    parser.add_argument("--actions", type=int, default=40, help="per session; the baseline's")
    parser.add_argument("--timeout", type=float, default=60, help="seconds per view change")
    parser.add_argument("--open-timeout", type=float, default=300, help="seconds per first view")
    parser.add_argument(
        "--ramp", type=float, default=20, help="seconds over which the readers arrive, evenly"
    )
    parser.add_argument(
        "--think",
        type=float,
        default=1,
        help="seconds a reader looks at a view before changing it, on average",
    )
    parser.add_argument(
        "--server-cpus",
        type=int,
        default=0,
        help="processors kept for the server alone (the browsers get the rest), as readers' "
        "browsers run on their own machines; 0: all share every processor",
    )
    args = parser.parse_args()
    server_cpus, browser_cpus = split_processors(args.server_cpus)
    limits = Limits(args.actions, args.timeout, args.open_timeout, args.think)
    started = time.monotonic()
    log = Path(tempfile.mkdtemp()) / "server.jsonl"
    os.environ["SC_RUN_LOG"] = str(log)  # the server (serve's child) writes its times here
    with serve(cpus=server_cpus) as url:
        os.sched_setaffinity(0, browser_cpus)  # this process, and the browsers it starts
        pid = server_pid(url)
        warm_up(url)
        rest = rss_mb(pid)
        bound = args.actions * args.timeout  # the baseline does every action
        alone_start = time.time()
        alone, _ = asyncio.run(run_sessions(url, pid, 1, limits, bound, downloading=False, ramp=0))
        cpu_before, load_start, load_wall = cpu_times(pid), time.monotonic(), time.time()
        load, samples = asyncio.run(
            run_sessions(
                url, pid, args.sessions, limits, args.seconds, downloading=True, ramp=args.ramp
            )
        )
        cpu = cpu_use(pid, cpu_before, time.monotonic() - load_start)
        memory = {"rest": rest, "peak": max(samples), "after": rss_mb(pid)}
    server = {
        "alone": server_log(log, alone_start, load_wall),
        "load": server_log(log, load_wall, time.time()),
    }
    report(args, alone, load, memory, cpu, server)
    where = f"on processors {sorted(server_cpus)}" if server_cpus else "sharing every processor"
    print(f"server                  {where}; browsers on {sorted(browser_cpus)}")
    print(f"run took                {time.monotonic() - started:.0f} s")
    sys.exit(1 if alone.errors or load.errors else 0)


if __name__ == "__main__":
    main()
