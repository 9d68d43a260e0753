"""The Interactive HTML download, opened from disk in headless Chromium with every request
blocked: it draws every county, and for any date (from the address's #as_of=, the slider
or the play button) its colours and numbers are the app's for that date.

The page is read through Playwright's retrying assertions and wait_for_function only.
"""

import datetime as dt
import json
import os
from dataclasses import replace
from pathlib import Path

import pytest
from playwright.sync_api import expect

from geo import i18n
from geo.domain.rings import SiteRing, summarize_ring
from geo.domain.rollout import LAST_ACTIVATION, next_month
from geo.exports.downloads import make
from geo.view.compose import classes_of
from geo.view.selection import Selection
from geo.view.wording import describe, headline_numbers, site_metrics
from scripts.browser import CHROMIUM, offline_context
from tests.test_downloads import HOSTILE, LINK

pytestmark = pytest.mark.browser

if not Path(CHROMIUM).exists() and not os.environ.get("CI"):
    pytest.skip(f"{CHROMIUM} missing: apt-get install -y chromium", allow_module_level=True)

VIEWS = {
    "national": Selection(as_of=dt.date(2011, 2, 17)),
    "national-es": Selection(as_of=dt.date(2011, 2, 17), lang="es"),
    "California": Selection(as_of=dt.date(2010, 9, 30), state="CA"),
    "San Francisco": Selection(as_of=dt.date(2010, 6, 1), site="06075"),
    "states": Selection(as_of=dt.date(2011, 2, 17), layer="state"),
    "noncitizens": Selection(as_of=dt.date(2011, 2, 17), layer="state", measure="noncitizens"),
    "hostile": HOSTILE,
}
AREAS = "path[class*='fips-']"


@pytest.fixture(scope="module")
def files(dataset, tmp_path_factory):
    """Each view's Interactive HTML, written to disk once."""
    folder = tmp_path_factory.mktemp("interactive")
    paths = {}
    for name, selection in VIEWS.items():
        paths[name] = folder / f"{name}.html"
        paths[name].write_bytes(make("html", dataset, selection, LINK))
    return paths


def open_file(page, path: Path, fragment: str = "", areas: int = 3143) -> None:
    page.goto(path.as_uri() + fragment)
    page.wait_for_function(
        "n => document.querySelectorAll(\"path[class*='fips-']\").length >= n", arg=areas
    )


def expect_numbers(page, box: str, numbers: list[tuple[str, str]]) -> None:
    expect(page.locator(f"{box} > .sc-number > .sc-number-label")).to_have_text(
        [label for label, _ in numbers]
    )
    expect(page.locator(f"{box} > .sc-number > .sc-number-value")).to_have_text(
        [value for _, value in numbers]
    )


def expect_fills(page, fills: dict[str, str]) -> None:
    """Wait until every area (class fips-<id>) is filled with its colour in `fills`."""
    page.wait_for_function(
        """fills => {
          const paths = document.querySelectorAll("path[class*='fips-']");
          return paths.length === Object.keys(fills).length && [...paths].every(path => {
            const id = [...path.classList].find(c => c.startsWith("fips-")).slice(5);
            return path.getAttribute("fill") === fills[id];
          });
        }""",
        arg=fills,
        timeout=10_000,
    )


def app_fills(dataset, selection: Selection) -> dict[str, str]:
    """The colour the app gives each area of the view."""
    classes = classes_of(dataset, selection)
    if selection.layer == "state" and not selection.site:
        ids = dataset.shapes.states.fips
    else:
        ids = dataset.counties["fips"]
    return {area: classes.colours[index] for area, index in zip(ids, classes.index, strict=True)}


def set_date(page, date: dt.date) -> None:
    """Set the address's fragment, as an embedding page or a reader would."""
    page.evaluate("date => { window.location.hash = 'as_of=' + date; }", date.isoformat())


DATES = [dt.date(2008, 10, 27), dt.date(2009, 11, 12), dt.date(2011, 2, 17), dt.date(2013, 1, 22)]


@pytest.fixture
def offline(browser):
    """A fresh tab that may read only files from disk, with the list of what it refused."""
    context, blocked = offline_context(browser, viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.blocked = blocked
    tab.requested = []
    tab.on("request", lambda request: tab.requested.append(request.url))
    tab.dialogs = []
    tab.on("dialog", lambda dialog: (tab.dialogs.append(dialog.message), dialog.dismiss()))
    tab.errors = []
    tab.on("pageerror", lambda error: tab.errors.append(str(error)))
    yield tab
    context.close()


@pytest.mark.parametrize("name", ["national", "national-es"])
def test_the_national_file_counts_and_colours_as_the_app_on_any_date(dataset, files, offline, name):
    view = VIEWS[name]
    open_file(offline, files[name], "#as_of=2009-06-30")
    with i18n.speaking(view.lang):  # the numbers' words and figures in the file's language
        on = replace(view, as_of=dt.date(2009, 6, 30))
        expect_numbers(offline, "#sc-numbers", headline_numbers(dataset, on))
        expect_fills(offline, app_fills(dataset, on))
        for date in DATES:
            set_date(offline, date)
            on = replace(view, as_of=date)
            expect_numbers(offline, "#sc-numbers", headline_numbers(dataset, on))
            expect_fills(offline, app_fills(dataset, on))
    assert offline.requested == [files[name].as_uri()]  # the file, and nothing else
    assert offline.blocked == [] and offline.errors == []


def test_a_state_file_counts_its_own_counties(dataset, files, offline):
    view = VIEWS["California"]
    open_file(offline, files["California"])
    expect_numbers(offline, "#sc-numbers", headline_numbers(dataset, view))
    for date in (dt.date(2010, 3, 1), dt.date(2011, 2, 17)):
        set_date(offline, date)
        on = replace(view, as_of=date)
        expect_numbers(offline, "#sc-numbers", headline_numbers(dataset, on))
        expect_fills(offline, app_fills(dataset, on))
    expect(offline.locator("#sc-numbers")).to_contain_text("Every county activated")


def test_a_site_file_counts_its_ring_as_the_app(dataset, files, offline):
    view = VIEWS["San Francisco"]
    site = SiteRing.of(dataset.counties, dataset.adjacency, dataset.sites, view.site)
    open_file(offline, files["San Francisco"])
    for date in (view.as_of, dt.date(2010, 6, 8), dt.date(2009, 5, 26)):
        set_date(offline, date)
        summary = summarize_ring(dataset.counties, site.site_id, site.around, date)
        share = summary.ring_population_activated / summary.ring_population
        ring = site_metrics(summary, len(site.members))
        ring.append(("Ring's people in activated counties", f"{share:.0%}"))
        noncitizens = f"{summary.ring_noncitizen_share:.0%}"
        ring.append(("Ring's noncitizens in activated counties", noncitizens))
        expect_numbers(offline, ".sc-ring", ring)
        expect_fills(offline, app_fills(dataset, replace(view, as_of=date)))
    expect(offline.locator(".sc-ring h2")).to_have_text(f"{site.name} and its ring")


@pytest.mark.parametrize("name", ["states", "noncitizens"])
def test_a_state_layer_file_colours_each_state_by_its_share(dataset, files, offline, name):
    view = VIEWS[name]
    states = len(dataset.shapes.states.fips)
    open_file(offline, files[name], areas=states)
    for date in (dt.date(2009, 11, 12), dt.date(2011, 8, 1)):
        set_date(offline, date)
        expect_fills(offline, app_fills(dataset, replace(view, as_of=date)))


def test_the_map_is_announced_with_the_views_description(dataset, files, offline):
    open_file(offline, files["national"])
    description = describe(dataset, VIEWS["national"])
    expect(offline.get_by_role("img", name=description, exact=True)).to_be_visible()
    entry = f"img {json.dumps(description)}".replace("'", "''")
    expect(offline.locator("main")).to_match_aria_snapshot(f"- '{entry}'")  # as YAML text


def test_a_hostile_title_stays_text_and_runs_nothing(dataset, files, offline):
    open_file(offline, files["hostile"])
    expect(offline).to_have_title(HOSTILE.title)
    expect(offline.locator("#sc-title")).to_have_text(HOSTILE.title)
    expect(offline.locator("#sc-subtitle")).to_have_text(HOSTILE.subtitle)
    expect(offline.locator("#sc-byline")).to_have_text(HOSTILE.byline)
    expect(offline.locator("img")).to_have_count(0)
    offline.wait_for_timeout(300)  # an onerror handler, were there an image, would have run
    assert offline.dialogs == [] and offline.errors == []


@pytest.mark.parametrize("width", [360, 1280])
def test_the_page_fits_the_width_with_the_whole_map_in_view(files, offline, width):
    offline.set_viewport_size({"width": width, "height": 800})
    open_file(offline, files["national"])
    offline.wait_for_function(
        """() => {
          const page = document.documentElement, box = document.getElementById("sc-map");
          const frame = box.getBoundingClientRect();
          if (page.scrollWidth > window.innerWidth || frame.right > window.innerWidth) {
            return false;
          }
          return [...document.querySelectorAll("path[class*='fips-']")].every(path => {
            const drawn = path.getBoundingClientRect();
            return drawn.left >= frame.left - 1 && drawn.right <= frame.right + 1 &&
              drawn.top >= frame.top - 1 && drawn.bottom <= frame.bottom + 1;
          });
        }""",
        timeout=10_000,
    )


def test_the_slider_and_play_button_work_from_the_keyboard(dataset, files, offline):
    view = VIEWS["California"]
    open_file(offline, files["California"], "#as_of=2012-11-01")
    slider = offline.get_by_role("slider", name="Date")
    slider.focus()
    offline.keyboard.press("End")  # the last day of the rollout
    expect(offline.locator("#sc-date-label")).to_have_text("22 Jan 2013")
    offline.keyboard.press("Home")
    expect(offline.locator("#sc-date-label")).to_have_text("27 Oct 2008")
    offline.keyboard.press("ArrowRight")
    on = replace(view, as_of=dt.date(2008, 10, 28))
    expect_numbers(offline, "#sc-numbers", headline_numbers(dataset, on))
    expect(offline).to_have_url(files["California"].as_uri() + "#as_of=2008-10-28")
    offline.keyboard.press("End")
    for _ in range(100):  # to 14 October 2012: the play button then runs a few months
        offline.keyboard.press("ArrowLeft")
    expect(offline.locator("#sc-date-label")).to_have_text("14 Oct 2012")
    offline.keyboard.press("Shift+Tab")
    expect(offline.get_by_role("button", name="Play")).to_be_focused()
    offline.keyboard.press("Enter")
    expect(offline.get_by_role("button", name="Pause")).to_be_visible()
    expect(offline.get_by_role("button", name="Play")).to_be_visible(timeout=10_000)
    expect(offline.locator("#sc-date-label")).to_have_text("22 Jan 2013")
    last = replace(view, as_of=dt.date(2013, 1, 22))
    expect_numbers(offline, "#sc-numbers", headline_numbers(dataset, last))


@pytest.mark.parametrize("name", ["national", "national-es"])
def test_the_script_writes_dates_as_the_app_does(files, offline, name):
    """The page's script writes dates itself, from the Babel patterns and month names the
    app gives it: the same words as geo.i18n, in each language (a day without its zero in
    Spanish, a month's name)."""
    open_file(offline, files[name])
    with i18n.speaking(VIEWS[name].lang):
        for date in (dt.date(2008, 10, 27), dt.date(2010, 5, 4), dt.date(2012, 9, 30)):
            set_date(offline, date)
            expect(offline.locator("#sc-date-label")).to_have_text(i18n.day(date))
            as_of = i18n._("As of {date}").format(date=i18n.long_day(date))
            expect(offline.locator("#sc-subtitle")).to_have_text(as_of)


def test_play_steps_month_by_month_as_the_app_does(files, offline):
    """Play in the page steps as the app's Play and its animations do (geo.domain.rollout.
    next_month): a month on, the month's last day when it is shorter, the rollout's last day
    at the end."""
    open_file(offline, files["national"], "#as_of=2012-08-31")
    days, day = [dt.date(2012, 8, 31)], dt.date(2012, 8, 31)
    while day < LAST_ACTIVATION:
        day = next_month(day)
        days.append(day)
    offline.evaluate(
        """() => {
          const label = document.getElementById("sc-date-label");
          window.scLabels = [label.textContent];
          new MutationObserver(() => {  // each date once, as it comes
            if (window.scLabels.at(-1) !== label.textContent) {
              window.scLabels.push(label.textContent);
            }
          }).observe(label, {childList: true, characterData: true, subtree: true});
        }"""
    )
    offline.get_by_role("button", name="Play").click()
    offline.wait_for_function(
        "days => JSON.stringify(window.scLabels) === JSON.stringify(days)",
        arg=[i18n.day(day) for day in days],
        timeout=15_000,
    )
