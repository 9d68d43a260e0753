"""Languages: the catalogue covers the code, the build refuses a gap, the link carries
the language and a bad one gets a message and English, and dates come from Babel."""

import datetime as dt
import shutil
import threading

import pytest
from babel.messages.pofile import read_po, write_po

from geo import i18n
from geo.build import pipeline
from geo.i18n.completeness import all_missing, code_messages, missing
from geo.view.selection import Selection, parse, to_params

FEB_17 = dt.date(2011, 2, 17)


def test_every_message_of_the_code_has_a_spanish_translation():
    assert len(code_messages()) > 100  # the page, its maps and downloads, not a handful
    assert missing("es") == []


@pytest.fixture
def catalogues(tmp_path, monkeypatch):
    """A copy of locale/ that a test may damage, read in place of the real one."""
    shutil.copytree(i18n.CATALOGUES, tmp_path / "locale")
    monkeypatch.setattr(i18n, "CATALOGUES", tmp_path / "locale")
    return tmp_path / "locale"


def without(catalogues, msgid: str, fuzzy: bool = False) -> None:
    """Drop the Spanish of `msgid` from the copy (or only mark it fuzzy)."""
    path = catalogues / "es" / "LC_MESSAGES" / "messages.po"
    with open(path, "rb") as po:
        catalogue = read_po(po)
    if fuzzy:
        catalogue[msgid].flags.add("fuzzy")
    else:
        catalogue[msgid].string = ""
    with open(path, "wb") as po:
        write_po(po, catalogue)


@pytest.mark.parametrize("fuzzy", [False, True], ids=["untranslated", "fuzzy"])
def test_the_build_fails_on_a_message_without_translation(catalogues, fuzzy, tmp_path, capsys):
    without(catalogues, "View", fuzzy)
    assert all_missing() == {"es": [f"{'marked fuzzy' if fuzzy else 'not translated'}: 'View'"]}
    assert pipeline.main(["--out", str(tmp_path / "out")]) == 1
    assert "locale/es lacks 1 messages" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()  # stopped before building anything


def test_a_translation_must_keep_the_placeholders(catalogues):
    msgid = "In the link: {message}"
    path = catalogues / "es" / "LC_MESSAGES" / "messages.po"
    with open(path, "rb") as po:
        catalogue = read_po(po)
    catalogue[msgid].string = "En el enlace: {mensaje}"
    with open(path, "wb") as po:
        write_po(po, catalogue)
    assert missing("es") == [f"other placeholders than the English: {msgid!r}"]


def test_the_link_carries_the_language():
    spanish = Selection(as_of=FEB_17, lang="es")
    assert to_params(spanish)["lang"] == "es"
    assert "lang" not in to_params(Selection())  # English, the default, left out
    assert parse(to_params(spanish), set()) == (spanish, [])


@pytest.mark.parametrize("value", ["fr", "ES-MX", "<b>x</b>", ""])
def test_a_bad_language_gets_a_message_and_english(value):
    selection, messages = parse({"lang": value, "ring": "9"}, set())
    assert selection.lang == "en"
    assert len(messages) == 2
    assert "is not a language of this map (en, es); showing it in English" in messages[0]
    assert "<b>" not in messages[0]  # the value is escaped for Markdown
    assert messages[1].startswith("ring='9' in the link is not 1 or 2")  # the rest, in English


def test_messages_about_the_link_are_in_its_language():
    _, messages = parse({"lang": "es", "ring": "9"}, set())
    assert messages == ["ring='9' en el enlace no es 1 ni 2; se muestra el primer anillo."]


def test_dates_are_written_by_babel_in_each_language():
    assert (i18n.day(FEB_17), i18n.long_day(FEB_17)) == ("17 Feb 2011", "17 February 2011")
    assert i18n.month(FEB_17) == "February 2011"
    with i18n.speaking("es"):
        assert (i18n.day(FEB_17), i18n.long_day(FEB_17)) == ("17 feb 2011", "17 de febrero de 2011")
        assert i18n.day(dt.date(2010, 5, 4)) == "4 may 2010"  # no leading zero in Spanish
        assert i18n.month(FEB_17) == "febrero de 2011"
    assert i18n.current() == "en"  # the block's language ends with it


def test_the_languages_are_read_before_a_reader_needs_them():
    i18n.catalogue.cache_clear()
    i18n.ready_languages()
    assert i18n.catalogue.cache_info().currsize == len(i18n.LANGUAGES)
    assert i18n.current() == "en"


def test_a_thread_that_set_no_language_speaks_the_readers(monkeypatch):
    """A fragment's rerun or a callback runs in a thread of its own: it asks the reader's
    language of the function the app gave, and a block's own language still wins."""
    monkeypatch.setattr(i18n, "_reader", lambda: None)
    spoken = []
    i18n.follow(lambda: "es")
    worker = threading.Thread(target=lambda: spoken.append(i18n.long_day(FEB_17)))
    worker.start()
    worker.join()
    with i18n.speaking("en"):
        spoken.append(i18n.long_day(FEB_17))
    i18n.follow(lambda: "xx")  # not a language: English
    spoken.append(i18n.long_day(FEB_17))
    assert spoken == ["17 de febrero de 2011", "17 February 2011", "17 February 2011"]
