"""'Is the ring pattern real?' on the page (AppTest): the rings' time line with its
downloads, and the model's result read from ring_model.json, in both languages."""

import json
import re
import shutil
import subprocess
import sys
from hashlib import sha256
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geo.domain.load import PROCESSED_DIR, load
from geo.domain.ringresults import RingModel
from geo.exports.downloads import Source, make_from
from geo.view.selection import Selection
from tests.test_app import DASHBOARD, TIMEOUT, open_page
from tests.test_app_lists import dated_list, upload
from tests.test_ringwords import FASTER_RAW, RAW

ROOT = Path(__file__).resolve().parent.parent

SECTION = {"en": "Is the ring pattern real?", "es": "¿Es real el patrón de los anillos?"}


def with_section_open(**params) -> AppTest:
    """The page with the section opened, as a reader's click does."""
    page = AppTest.from_file(DASHBOARD, default_timeout=TIMEOUT)
    for name, value in params.items():
        page.query_params[name] = value
    page.session_state["ring_real"] = True
    page.run()
    assert not page.exception
    return page


def section(page, lang: str = "en") -> list:
    """The elements inside the section's expander."""
    (box,) = [box for box in page.expander if box.label == SECTION[lang]]
    found, todo = [], list(box.children.values())
    while todo:
        element = todo.pop(0)
        found.append(element)
        todo[:0] = list(getattr(element, "children", {}).values())
    return found


def words(elements) -> str:
    kinds = ("markdown", "caption", "info")
    return "\n".join(e.value for e in elements if getattr(e, "type", "") in kinds)


def phases(chart) -> list[str]:
    """The time line's legend of phases."""
    return json.loads(chart.proto.spec)["layer"][1]["encoding"]["color"]["scale"]["domain"]


def timeline_links(page) -> list[tuple[str, str, str]]:
    """The time line's download links on the page: kind, query and label."""
    text = " ".join(m.value for m in page.markdown)
    return re.findall(r'href="/export/(timeline_[a-z]+)\?([^"]*)" download>([^<]+)<', text)


def timeline_buttons(page) -> list[str]:
    return [label for _, _, label in timeline_links(page)]


@pytest.fixture
def with_model(tmp_path, monkeypatch):
    """The shipped data with a ring model's results written in, as the build would."""

    def write(model: dict) -> None:
        folder = tmp_path / "processed"
        shutil.copytree(PROCESSED_DIR, folder, dirs_exist_ok=True)
        written = folder / "ring_model.json"
        written.write_text(json.dumps(model))
        manifest = json.loads((folder / "manifest.json").read_text())
        manifest["outputs"]["ring_model.json"]["sha256"] = sha256(written.read_bytes()).hexdigest()
        (folder / "manifest.json").write_text(json.dumps(manifest))
        monkeypatch.setenv("SC_DATA_DIR", str(folder))

    return write


def test_the_section_shows_the_time_line_and_the_models_words(with_model):
    with_model(RAW)
    page = with_section_open()
    elements = section(page)
    (chart,) = [e for e in elements if e.type == "vega_lite_chart"]
    assert "While the site resisted" in phases(chart)
    text = words(elements)
    assert "Weak resistance dates: Santa Clara County, Colorado, Oregon." in text
    assert "hazard ratio 1.03, 95% interval 0.86 to 1.19" in text
    assert "The data do not confirm a ring pattern." in text
    assert "**Method.** 13 sites, 7 of them counties or a city." in text
    assert "permutation" not in text
    assert [len(e.value) for e in elements if type(e).__name__ == "Dataframe"] == [3, 3]
    assert timeline_buttons(page) == ["Timeline (PNG)", "Timeline (SVG)"]


def test_the_sentence_on_the_page_follows_the_file_in_spanish(with_model):
    with_model(FASTER_RAW)
    page = with_section_open(lang="es")
    elements = section(page, "es")
    text = words(elements)
    (chart,) = [e for e in elements if e.type == "vega_lite_chart"]
    assert "Mientras el sitio resistía" in phases(chart)
    assert "se activaron más rápido que condados del mismo estado" in text
    assert "razón de riesgos 1.90 (intervalo del 95% de 1.40 a 2.60" in text
    assert timeline_buttons(page) == ["Línea de tiempo (PNG)", "Línea de tiempo (SVG)"]


def test_the_shipped_page_states_the_shipped_models_numbers():
    model = RingModel.read(PROCESSED_DIR / "ring_model.json")
    text = words(section(with_section_open()))
    main = model.main
    interval = f"{main.ci_low:.2f} to {main.ci_high:.2f}"
    assert f"hazard ratio {main.hr:.2f}, 95% interval {interval}" in text
    before, total = model.phases["before"], sum(model.phases.values())
    assert f"Of the {total} ring counties, {before} were switched on before" in text


def test_a_users_list_gets_its_own_time_line_and_the_built_in_models_words(dataset):
    page = with_section_open()
    cook = dataset.counties[dataset.counties["state"] == "IL"].set_index("fips")
    upload(page, "illinois.csv", dated_list(cook))  # Illinois' counties, dated
    elements = section(page)
    text = words(elements)
    assert "The model's numbers are those of the built-in rollout, not your list's." in text
    assert f"hazard ratio {dataset.ring_model.main.hr:.2f}, 95% interval" in text
    (chart,) = [e for e in elements if e.type == "vega_lite_chart"]
    rows = json.loads(chart.proto.spec)["layer"][0]["encoding"]["y"]["sort"]
    assert rows == ["Illinois", "Cook County"]  # the sites the list dates, by first resistance


def test_the_closed_section_draws_nothing():
    page = open_page()
    assert section(page) == []
    assert timeline_links(page) == []


def test_a_sites_panel_has_its_own_row_and_downloads():
    page = with_section_open(site="17031")
    sites = [(kind, re.findall(r"site=(\d+)", query)) for kind, query, _ in timeline_links(page)]
    assert sites == [
        ("timeline_png", ["17031"]),
        ("timeline_svg", ["17031"]),
        ("timeline_png", []),
        ("timeline_svg", []),
    ]


def test_the_timeline_download_is_made_in_the_readers_language():
    svg = make_from(
        "timeline_svg", Source(PROCESSED_DIR), Selection(site="17031", lang="es"), ""
    ).decode()
    assert "Cook County: cuándo se activó su anillo" in svg
    assert "Mientras el sitio resistía" in svg
    assert "Cook County" in svg and "Illinois</text>" not in svg  # one site's row only


PAGE_FIT = """
import json, sys
from tests.test_app_rings import fitted_list_page
print(json.dumps([fitted_list_page(), 'scipy' in sys.modules]))
"""


def fitted_list_page() -> tuple[str, list[str]]:
    """The section's words and download links once a list of every county but Texas's is
    uploaded and its model fitted (by a click)."""
    page = with_section_open()
    counties = load().counties.set_index("fips")
    upload(page, "no-texas.csv", dated_list(counties[counties["state"] != "TX"]))
    page.button(key="make_ring_model").click().run()
    assert not page.exception, page.exception
    text = " ".join(m.value for m in page.markdown)
    return words(section(page)), re.findall(r'href="(/export/ring_model\?[^"]*)"', text)


def test_a_dated_list_gets_its_own_model_fitted_in_the_worker(dataset):
    """The page fits the model in the export worker, never importing scipy itself, and shows
    the list's own numbers with their file."""
    from geo.domain.ringmodel import (
        LIST_DRAWS,  # here: the page's process below must not import scipy
    )
    from tests.test_ringmodel import direct_hr, without_texas

    run = subprocess.run(
        [sys.executable, "-c", PAGE_FIT], capture_output=True, text=True, check=True, cwd=ROOT
    )
    (text, links), page_imported_scipy = json.loads(run.stdout.strip().splitlines()[-1])
    assert not page_imported_scipy
    listed = without_texas(dataset)
    hr = f"{direct_hr(listed):.2f}"
    assert "**Fitted to your list.**" in text
    assert f"The {(dataset.counties['state'] == 'TX').sum():,} counties your list" in text
    assert f"{LIST_DRAWS} bootstrap draws" in text
    assert f"hazard ratio {hr}, 95% interval" in text
    assert f"hazard ratio {dataset.ring_model.main.hr:.2f}, 95% interval" in text  # built-in's
    (link,) = set(links)  # one address
    assert "upload=" in link
