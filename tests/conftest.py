"""Shared fixtures: the shipped processed data, loaded once per test session; a live
dashboard and a headless Chromium for the browser tests, with a fresh offline page per test;
a place for figures the tests measured, printed at the end of the run; and, for a failing
test that uses the live `server`, the end of its log."""

import pytest

from geo.domain.load import load
from scripts.browser import chromium, offline_context, serve


@pytest.fixture(scope="session")
def dataset():
    return load()


@pytest.fixture(scope="session")
def server():
    with serve() as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    with chromium() as instance:
        yield instance


REPORT_LINES: list[str] = []


@pytest.fixture
def report_line():
    """Add a line to the end of the test run's output (figures a test measured)."""
    return REPORT_LINES.append


def pytest_terminal_summary(terminalreporter):
    if REPORT_LINES:
        terminalreporter.section("figures measured by the tests")
        for line in REPORT_LINES:
            terminalreporter.write_line(line)


@pytest.fixture
def page(browser):
    context, blocked = offline_context(browser, viewport={"width": 1366, "height": 768})
    tab = context.new_page()
    tab.blocked = blocked
    yield tab
    context.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Attach the last lines of the server's log to the report of a failing browser test.

    Named "Captured stderr ...", so pytest prints it with the failure (and under
    --show-capture=stderr, and in JUnit XML as the test's stderr).
    """
    outcome = yield
    report = outcome.get_result()
    url = getattr(item, "funcargs", {}).get("server")
    if report.failed and isinstance(url, str):
        from scripts.browser import LOG_LINES, log_tail

        report.sections.append(
            (f"Captured stderr {report.when}: server log, last {LOG_LINES} lines", log_tail(url))
        )
