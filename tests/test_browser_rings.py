"""'Is the ring pattern real?' in headless Chromium, offline: opened, its time line drawn
with every site's row, and its picture downloaded from the export worker."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from scripts.browser import CHROMIUM
from tests.browser_support import open_map
from tests.test_browser import download

pytestmark = pytest.mark.browser

if not Path(CHROMIUM).exists() and not os.environ.get("CI"):
    pytest.skip(f"{CHROMIUM} missing: apt-get install -y chromium", allow_module_level=True)


def test_the_section_opens_on_the_time_line_and_its_svg_arrives(server, page, dataset):
    open_map(page, server, "lang=es")
    page.get_by_text("¿Es real el patrón de los anillos?", exact=True).click()
    section = page.locator("[data-testid=stExpander]").filter(
        has_text="¿Es real el patrón de los anillos?"
    )
    chart = section.locator("[data-testid=stVegaLiteChart]")
    expect(chart.locator("svg, canvas").first).to_be_visible(timeout=60_000)
    expect(section.get_by_text("**Resultado.**")).to_have_count(0)  # Markdown, not its marks
    expect(section.get_by_text("Resultado.", exact=True)).to_be_visible()
    name, content = download(page, "Línea de tiempo (SVG)")
    assert name == "secure-communities-ring-timeline.svg"
    svg = content.decode()
    assert "Cuándo se activó el anillo de cada sitio resistente" in svg
    for site in dataset.sites["name"]:
        assert site in svg, site
    assert page.blocked == []
