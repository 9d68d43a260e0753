"""The page in Spanish as a reader sees it in Chromium, offline: with lang=es no English
sentence of the catalogue is left in the page, its map (legend, tooltip) or the About
section, and with lang=en no Spanish one; the language switch turns the page over and
the link follows it."""

import os
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from geo.i18n import po_file
from scripts.browser import CHROMIUM, MAP_FRAME, wait_in_map
from tests.browser_support import open_map, show_tooltip

pytestmark = pytest.mark.browser

if not Path(CHROMIUM).exists() and not os.environ.get("CI"):
    pytest.skip(f"{CHROMIUM} missing: apt-get install -y chromium", allow_module_level=True)

MARKUP = re.compile(r"\{[^{}]*\}|\]\([^)]*\)|[\[\]*#`_\n|<>]")  # placeholders, links, Markdown
WORDS = 3  # a run of at least this many words counts as a sentence


def sentences(text: str) -> set[str]:
    """The runs of plain words in a message, lower case, between its placeholders and markup."""
    runs = (" ".join(run.split()).strip(" .,:;()'\"").lower() for run in MARKUP.split(text))
    return {run for run in runs if len(run.split()) >= WORDS}


def catalogue_sentences() -> tuple[list[str], list[str]]:
    """(English, Spanish): the sentences only one language's messages have."""
    with open(po_file("es"), "rb") as po:
        messages = [m for m in read_po(po) if m.id and m.string]
    all_english = " ".join(" ".join(m.id.split()) for m in messages).lower()
    all_spanish = " ".join(" ".join(m.string.split()) for m in messages).lower()
    english = {s for m in messages for s in sentences(m.id)}
    spanish = {s for m in messages for s in sentences(m.string)}
    # A run both languages have (the English title of a cited paper) belongs to neither.
    return sorted(s for s in english if s not in all_spanish), sorted(
        s for s in spanish if s not in all_english
    )


ENGLISH, SPANISH = catalogue_sentences()
NONE_LEFT = """([selector, sentences]) => {
  const frame = document.querySelector(selector), win = frame && frame.contentWindow;
  const text = (document.body.innerText + ' ' + (win ? win.document.body.innerText : ''))
    .toLowerCase().replace(/\\s+/g, ' ');
  return !sentences.some((sentence) => text.includes(sentence));
}"""
LEFT = NONE_LEFT.replace("return !sentences.some", "return sentences.filter")


def expect_none_of(page, sentences: list[str]) -> None:
    """Wait until the page and its map show none of `sentences`; else name those shown."""
    try:
        page.wait_for_function(NONE_LEFT, arg=[MAP_FRAME, sentences], timeout=15_000)
    except PlaywrightTimeoutError:  # say which sentences are still there
        left = page.evaluate(LEFT, [MAP_FRAME, sentences])
        pytest.fail(f"{len(left)} sentences in the other language: {left[:10]}")


def test_the_catalogue_has_sentences_to_compare():
    assert len(ENGLISH) > 100 and len(SPANISH) > 100


@pytest.mark.parametrize(
    "query",
    ["as_of=2011-02-17", "as_of=2011-06-01&site=06085&ring=2", "as_of=2010-09-30&state=CA"],
    ids=["national", "site", "state"],
)
def test_with_lang_es_no_english_sentence_is_left(server, page, query):
    frame = open_map(page, server, f"{query}&lang=es")
    expect(page.get_by_role("heading", name="Vista")).to_be_visible()
    show_tooltip(page, frame, "06085", "Condado")  # Santa Clara: a tooltip in the text too
    page.get_by_text("Acerca de los datos").click()  # the About section, opened
    expect(page.get_by_text("Qué muestra el mapa.")).to_be_visible()
    expect_none_of(page, ENGLISH)


def test_report_mode_in_spanish_has_no_english_sentence(server, page):
    frame = open_map(page, server, "as_of=2011-06-01&site=17031&report=1&lang=es")
    expect(page.get_by_text("Comunidades Seguras: Cook County y su anillo")).to_be_visible()
    show_tooltip(page, frame, "17031", "Condado")
    expect_none_of(page, ENGLISH)


def test_with_lang_en_no_spanish_sentence_is_shown(server, page):
    frame = open_map(page, server, "as_of=2011-06-01&site=06085")
    show_tooltip(page, frame, "06085", "County:")
    page.get_by_text("About the data").click()
    expect(page.get_by_text("What the map shows.")).to_be_visible()
    expect_none_of(page, SPANISH)


def test_the_switch_turns_the_page_spanish_and_the_link_follows(server, page):
    open_map(page, server, "as_of=2011-02-17")
    page.get_by_text("Español", exact=True).click()
    expect(page.get_by_role("heading", name="Vista")).to_be_visible()
    expect(page).to_have_url(re.compile(r"[?&]lang=es(&|$)"))
    wait_in_map(page, "(win) => win.document.querySelector('.sc-legend').innerText.includes('Año')")
    expect(page.get_by_test_id("stMetricLabel").first).not_to_contain_text("Counties")
    expect_none_of(page, ENGLISH)


def test_after_each_animation_and_a_cut_byline_the_page_is_still_spanish(server, page):
    """Fragment reruns and callbacks run in threads of their own: each speaks the reader's
    language (the GIF's and MP4's buttons, the byline's warning)."""
    open_map(page, server, "as_of=2010-09-30&state=RI&lang=es", counties=5)
    for kind in ("GIF", "MP4"):
        page.get_by_role("button", name=f"Hacer el {kind} (mes a mes)").click()
        save = page.get_by_role("link", name=re.compile(rf"^Guardar el {kind} \(\d+\.\d MB\)$"))
        expect(save).to_be_visible(timeout=60_000)
    expect(page.get_by_role("link", name=re.compile(r"^Guardar el GIF"))).to_be_visible()
    page.get_by_text("Título, subtítulo, nota y firma").click()
    byline = page.get_by_role("textbox", name="Firma", exact=True)
    byline.fill("Mapa: " + "x" * 120)
    byline.press("Enter")  # the callback cuts it and warns
    expect(page.get_by_text(re.compile(r"Firma recortada"))).to_be_visible()
    expect_none_of(page, ENGLISH)
