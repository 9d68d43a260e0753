"""Shared fixtures: the shipped processed data, loaded once per test session; and, for a
failing test that uses a live `server` (scripts.browser.serve), the end of its log."""

import pytest

from geo.load import load


@pytest.fixture(scope="session")
def dataset():
    return load()


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
