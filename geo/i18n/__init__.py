"""The language a reader sees: English, or Spanish from a gettext catalogue.

The English words are in the code, each wrapped in `_()` (or marked with `N_()` where
it is defined and translated with `_()` where it is shown); the Spanish ones are in
locale/es/LC_MESSAGES/messages.po, extracted with Babel (see the README), which a
translator can edit without reading Python. The catalogue is compiled in memory the
first time it is needed. Dates are written by Babel in the language's own way, from
patterns the catalogue translates too.

The language is `speaking(lang)`'s within its block (a download being made, a link
read); elsewhere it is the reader's, asked of the function the app gave `follow`: every
run of the page, of a fragment and of a callback speaks it, whatever thread it runs in.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import gettext
import io
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from pathlib import Path

import pandas as pd
from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LANGUAGES = {"en": "English", "es": "Español"}  # each language in its own name
DEFAULT = "en"
LOCALES = {"en": "en_US", "es": "es_US"}  # Babel's: dates as US Spanish-language media write them
CATALOGUES = Path(__file__).resolve().parents[2] / "locale"
_language: ContextVar[str | None] = ContextVar("language", default=None)
_reader: Callable[[], str | None] = lambda: None  # noqa: E731 - replaced by follow()


def follow(reader: Callable[[], str | None]) -> None:
    """Speak what `reader()` answers (the reader's language, or None) outside `speaking`."""
    global _reader
    _reader = reader


@contextlib.contextmanager
def speaking(lang: str) -> Iterator[None]:
    """Speak `lang` within the block, then the language spoken before."""
    token = _language.set(lang if lang in LANGUAGES else DEFAULT)
    try:
        yield
    finally:
        _language.reset(token)


def current() -> str:
    lang = _language.get() or _reader()
    return lang if lang in LANGUAGES else DEFAULT


def _(message: str) -> str:
    """`message` in the current language (itself in English, or if not translated)."""
    return catalogue(current()).gettext(message)


def N_(message: str) -> str:
    """Mark `message` for the catalogue where it is defined; `_()` translates it where shown."""
    return message


@functools.cache
def catalogue(lang: str) -> gettext.NullTranslations:
    """The compiled catalogue of `lang`; English is the code's own words."""
    if lang == DEFAULT:
        return gettext.NullTranslations()
    with open(po_file(lang), "rb") as po:
        messages = read_po(po, locale=LOCALES[lang])
    compiled = io.BytesIO()
    write_mo(compiled, messages)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def ready_languages() -> None:
    """Compile each catalogue and read Babel's data of each language, before a reader
    needs them (once per process: both are kept)."""
    for lang in LANGUAGES:
        with speaking(lang):
            day(dt.date(2011, 2, 17))


def po_file(lang: str) -> Path:
    return CATALOGUES / lang / "LC_MESSAGES" / "messages.po"


def curated(table: pd.DataFrame, column: str) -> pd.DataFrame:
    """`table` with its prose `column` in the current language, taken from `{column}_es` in
    Spanish (the English where a row or a table has none); the other languages' columns
    dropped."""
    translated = f"{column}_{current()}"
    if translated in table.columns:
        table = table.assign(
            **{column: table[translated].where(table[translated] != "", table[column])}
        )
    return table.drop(columns=[f"{column}_{lang}" for lang in LANGUAGES], errors="ignore")


def day(date: dt.date) -> str:
    """A date in a table or tooltip: 17 Feb 2011, 17 feb 2011."""
    # Translators: a Babel date pattern (https://babel.pocoo.org/en/latest/dates.html)
    return format_date(date, _("dd MMM y"), locale=LOCALES[current()])


def long_day(date: dt.date) -> str:
    """A date in a sentence or title: 17 February 2011, 17 de febrero de 2011."""
    # Translators: a Babel date pattern; quote words: d 'de' MMMM 'de' y
    return format_date(date, _("d MMMM y"), locale=LOCALES[current()])


def month(date: dt.date) -> str:
    """A month in a sentence: February 2011, febrero de 2011."""
    # Translators: a Babel date pattern; quote words: MMMM 'de' y
    return format_date(date, _("MMMM y"), locale=LOCALES[current()])
