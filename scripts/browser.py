"""Run the dashboard on a free loopback port and drive it in headless Chromium, offline."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

from playwright.sync_api import Browser, BrowserContext, Page, Route, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}
MAP_FRAME = "iframe[title='streamlit_folium.st_folium']"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def serve(
    script: str = "serve.py", timeout: float = 60, cpus: set[int] | None = None
) -> Iterator[str]:
    """Start `streamlit run script` on a free port (on the processors `cpus` only, its
    threads and children too, if given); yield its URL once healthy.

    The server's output goes to a log file, deleted on exit. While the server runs,
    `log_tail(url)` returns the end of it; if the `with` body raises, the end of the log
    is printed to stderr before the file goes.
    """
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        script,
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
    ]
    log = open(ROOT / f".streamlit-{port}.log", "w+b")  # noqa: SIM115 - closed below
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        preexec_fn=(lambda: os.sched_setaffinity(0, cpus)) if cpus else None,
    )
    url = f"http://127.0.0.1:{port}"
    _LOGS[url] = Path(log.name)
    try:
        _wait_healthy(url, process, timeout)
        yield url
    except BaseException:
        print(
            f"--- streamlit server log ({url}, last {LOG_LINES} lines) ---\n{log_tail(url)}",
            file=sys.stderr,
        )
        raise
    finally:
        process.terminate()
        process.wait(timeout=20)
        log.close()
        del _LOGS[url]
        Path(log.name).unlink()


LOG_LINES = 200
_LOGS: dict[str, Path] = {}  # URL of each running server -> its log file


def log_tail(url: str, lines: int = LOG_LINES) -> str:
    """The last `lines` lines of the log of the server serve() is running at `url`."""
    path = _LOGS.get(url)
    if path is None:
        return f"(no log: no server started by serve() is running at {url})"
    text = path.read_bytes().decode("utf-8", errors="replace")
    return "\n".join(text.splitlines()[-lines:]) or "(the server log is empty)"


def _wait_healthy(url: str, process: subprocess.Popen, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with code {process.returncode}")
        with (
            contextlib.suppress(OSError),
            urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response,
        ):
            if response.status == 200:
                return
        time.sleep(0.2)
    raise TimeoutError(f"{url} did not become healthy in {timeout:.0f} s")


@contextlib.contextmanager
def chromium() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        raise FileNotFoundError(f"{CHROMIUM} not found: apt-get install -y chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def offline_context(browser: Browser, **options) -> tuple[BrowserContext, list[str]]:
    """A browser context that aborts every request to a non-local host, and their list."""
    context = browser.new_context(**options)
    blocked: list[str] = []

    def route(route: Route) -> None:
        if urlparse(route.request.url).hostname in LOCAL_HOSTS | {None}:
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    context.route("**/*", route)
    return context, blocked


def wait_for_counties(page: Page, count: int, timeout: float = 60_000) -> None:
    """Wait until the map iframe has drawn at least `count` shapes (checked every frame)."""
    wait_in_map(
        page,
        "(win, n) => win.document.querySelectorAll('path.leaflet-interactive').length >= n",
        count,
        timeout,
    )


def wait_in_map(page: Page, predicate: str, arg=None, timeout: float = 20_000) -> None:
    """Wait until `predicate(mapWindow, arg)` (JavaScript) is true inside the map iframe.

    Polled on every animation frame, so a timing taken around it is exact to a frame.
    """
    page.wait_for_function(
        f"""([selector, arg]) => {{
          const frame = document.querySelector(selector);
          const win = frame && frame.contentWindow;
          return Boolean(win && win.map && ({predicate})(win, arg));
        }}""",
        arg=[MAP_FRAME, arg],
        timeout=timeout,
    )
