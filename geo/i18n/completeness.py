"""The translations checked against the code: every message the code marks is translated.

The messages are what Babel extracts from dashboard.py, app/ and geo/ (the same extraction
as `pybabel extract`, see the README); a message is missing from a language when its
catalogue has no translation for it, only a fuzzy one, or one whose {placeholders}
differ from the English ones.
"""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.extract import extract_from_dir, extract_from_file
from babel.messages.pofile import read_po

from geo.i18n import DEFAULT, LANGUAGES, po_file

ROOT = Path(__file__).resolve().parents[2]
PYTHON_FILES = [("**.py", "python")]
PLACEHOLDER = re.compile(r"\{(\w*)[^{}]*\}")


def code_messages(root: Path = ROOT) -> set[str]:
    """The messages marked in the app's code."""
    found = [m for _line, m, *_ in extract_from_file("python", root / "dashboard.py")]
    for folder in ("app", "geo"):  # every .py file, in subfolders too
        found += [m for _file, _line, m, *_ in extract_from_dir(root / folder, PYTHON_FILES)]
    return set(found)


def missing(lang: str) -> list[str]:
    """The messages of the code that `lang`'s catalogue does not translate, with why."""
    with open(po_file(lang), "rb") as po:
        catalogue = read_po(po)
    problems = []
    for msgid in sorted(code_messages()):
        entry = catalogue.get(msgid)
        if entry is None or not entry.string:
            problems.append(f"not translated: {msgid!r}")
        elif entry.fuzzy:
            problems.append(f"marked fuzzy: {msgid!r}")
        elif _placeholders(entry.string) != _placeholders(msgid):
            problems.append(f"other placeholders than the English: {msgid!r}")
    return problems


def all_missing() -> dict[str, list[str]]:
    """What each language other than English lacks, if anything."""
    problems = {lang: missing(lang) for lang in LANGUAGES if lang != DEFAULT}
    return {lang: found for lang, found in problems.items() if found}


def _placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text.replace("{{", "").replace("}}", "")))
