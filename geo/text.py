"""Text from files or links, made safe for where it is shown: Markdown, links, spreadsheets."""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

import pandas as pd

MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!<>|~$&:])")
MARKDOWN_ESCAPED = re.compile(r"\\" + MARKDOWN_SPECIAL.pattern)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def markdown_escape(text: str) -> str:
    """Backslash every character Streamlit's Markdown could read as markup or math."""
    return MARKDOWN_SPECIAL.sub(r"\\\1", text)


def markdown_unescape(text: str) -> str:
    """Markdown-escaped text as the page shows it, for where it is shown as plain text."""
    return MARKDOWN_ESCAPED.sub(r"\1", text)


def markdown_link(label: str, url: str) -> str:
    """A Markdown link to an http(s) address; anything else is shown as plain text."""
    if urlsplit(url).scheme not in {"http", "https"}:
        return markdown_escape(label)
    return f"[{markdown_escape(label)}]({quote(url, safe=':/?#@!$&*+,;=%~')})"


def spreadsheet_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """Text cells that a spreadsheet would run as a formula get a leading apostrophe."""

    def neutral(value):
        return f"'{value}" if isinstance(value, str) and value.startswith(FORMULA_START) else value

    safe = frame.copy()
    for column in safe.columns:
        if not pd.api.types.is_numeric_dtype(safe[column]):
            safe[column] = safe[column].astype(object).map(neutral)
    return safe
