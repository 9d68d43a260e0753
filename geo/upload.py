"""A user's own list of counties (CSV or Excel): read it, match it to the 2010 counties.

Every problem becomes an UploadError (the file cannot be used) or a reason on the
row that could not be matched; the messages say what is wrong and how to fix it.
Nothing here touches the built-in data.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import re
import unicodedata
from dataclasses import dataclass, field

import pandas as pd

from geo.common import RENAMED_COUNTIES, UNDATED

MAX_BYTES = 10 * 1024 * 1024  # the same limit as server.maxUploadSize
MAX_ROWS = 20_000
MAX_TEXT = 200
FIPS_NAMES = ("fips", "county_fips", "fips_code", "countyfips", "geoid", "fips5")
COUNTY_NAMES = ("county", "county_name", "countyname", "jurisdiction", "name")
STATE_NAMES = ("state", "state_abbr", "state_code", "state_name", "st", "usps")
DATE_NAMES = ("date", "activation_date", "start_date", "effective_date", "date_signed", "start")
STATUS_NAMES = ("status", "participating", "active")
VALUE_NAMES = ("value", "count", "amount", "number", "rate")
YES = {"yes", "y", "true", "1", "active", "participating", "in", "x"}
NO = {"no", "n", "false", "0", "inactive", "not participating", "out", ""}
SUFFIXES = (
    " city and borough",
    " census area",
    " municipality",
    " borough",
    " parish",
    " county",
    " city",
)
LINE, REASON = "line in file", "why it did not match"
FORMAT_HELP = (
    "Expected: a header row, then one row per county, with either a `fips` column "
    "(5 digits) or `county` and `state` columns, and a `date` column (YYYY-MM-DD), "
    "a `status` column (yes/no) and/or a `value` column (a number)."
)


class UploadError(ValueError):
    """The file cannot be used; the message says why and what to do."""


@dataclass
class Matched:
    """The rows that matched a county, those that did not and why, and notes on the file."""

    counties: pd.DataFrame  # fips, date (NaT when the list has no dates), status
    unmatched: pd.DataFrame  # line, the row's own cells, reason
    rows: int
    duplicates: int
    has_dates: bool
    has_values: bool = False
    notes: list[str] = field(default_factory=list)


def read_table(name: str, content: bytes) -> tuple[pd.DataFrame, list[str]]:
    """The file's cells as text with lower-case column names, and notes on how it was read."""
    if not content.strip():
        raise UploadError(f"{_quoted(name)} is empty. Save your list with a header row and rows.")
    if len(content) > MAX_BYTES:
        raise UploadError(
            f"{_quoted(name)} is over the {MAX_BYTES // 1024 // 1024} MB upload limit "
            f"({len(content):,} bytes). A county list is far smaller: keep only the columns "
            "the map needs (fips or county and state, date or status)."
        )
    suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if suffix in {"xlsx", "xlsm"}:
        table, notes = _read_excel(name, content)
    elif suffix in {"csv", "txt", "tsv"}:
        table, notes = _read_text(name, content)
    elif suffix == "xls":
        raise UploadError(
            f"{_quoted(name)} is an old Excel 97-2003 file. Save it as .xlsx or CSV and "
            "upload it again."
        )
    else:
        raise UploadError(
            f"{_quoted(name)} is not a CSV or Excel file. Upload a .csv or .xlsx file."
        )
    table.columns = [str(c).strip().lower() for c in table.columns]
    table = table[~(table.fillna("").astype(str).apply(lambda c: c.str.strip()) == "").all(axis=1)]
    if len(table) > MAX_ROWS:
        raise UploadError(
            f"{_quoted(name)} has {len(table):,} rows or more; the limit is {MAX_ROWS:,}. "
            "The United States have 3,143 counties: upload one row per county."
        )
    if table.empty:
        raise UploadError(f"{_quoted(name)} has a header but no rows. Add one row per county.")
    _require_header(name, table)
    return table, notes


def match(
    table: pd.DataFrame, counties: pd.DataFrame, states: pd.DataFrame, today: dt.date
) -> Matched:
    """Match every row to a 2010 county by FIPS, or by county and state name."""
    columns = _columns(table)
    names = _name_index(counties)
    state_codes = _state_index(states)
    known = set(counties["fips"])
    day_first = "date" in columns and _day_first(table[columns["date"]])
    found, unmatched = [], []
    for line, row in zip(table.index + 2, table.to_dict("records"), strict=True):
        fips, problem = _county(row, columns, known, names, state_codes)
        date, status = pd.NaT, True
        if "date" in columns and not problem:
            date, problem = _date(row[columns["date"]], today, day_first)
        if "status" in columns and not problem:
            status, problem = _status(row[columns["status"]])
        value = float("nan")
        if "value" in columns and not problem:
            value, problem = _value(row[columns["value"]])
        if problem:
            unmatched.append(_report_row(line, row, problem))
        else:
            found.append(
                {"line": line, "fips": fips, "date": date, "status": status, "value": value}
            )
    matched = pd.DataFrame(found, columns=["line", "fips", "date", "status", "value"]).astype(
        {"date": "datetime64[s]", "status": bool, "value": float}
    )
    matched, conflicts, duplicates = _deduplicated(matched, table)
    report = pd.DataFrame(unmatched + conflicts)
    if not report.empty:
        report = report.sort_values(LINE, ignore_index=True)
    return Matched(
        counties=matched.drop(columns="line"),
        unmatched=report,
        rows=len(table),
        duplicates=duplicates,
        has_dates="date" in columns,
        has_values="value" in columns,
        notes=["Dates like 03/05/2010 were read as day/month/year."] if day_first else [],
    )


def _report_row(line: int, row: dict, problem: str) -> dict:
    """The row's own cells, between its line number and the reason it did not match."""
    own = {
        (f"{key} (yours)" if key in {LINE, REASON} else key): value for key, value in row.items()
    }
    return {LINE: line, **own, REASON: problem}


def apply(counties: pd.DataFrame, matched: Matched) -> pd.DataFrame:
    """A copy of `counties` whose activation dates come from the user's list.

    Counties not in the list, or whose status is "no", have no date (never activated).
    A list without dates counts its "yes" counties as activated on every date. A list
    with values adds a `value` column (NaN where the list has none).
    """
    listed = matched.counties[matched.counties["status"]].set_index("fips")
    dates = listed["date"] if matched.has_dates else pd.Series(UNDATED, index=listed.index)
    result = counties.assign(activation_date=counties["fips"].map(dates).astype("datetime64[s]"))
    if matched.has_values:
        result["value"] = counties["fips"].map(matched.counties.set_index("fips")["value"])
    return result


def _read_excel(name: str, content: bytes) -> tuple[pd.DataFrame, list[str]]:
    if not content.startswith(b"PK"):
        raise UploadError(f"{_quoted(name)} is not a real Excel file. Save it again as .xlsx.")
    try:
        sheets = pd.read_excel(io.BytesIO(content), sheet_name=None, dtype=str)
    except Exception as error:
        raise UploadError(
            f"{_quoted(name)} could not be opened as an Excel workbook ({type(error).__name__}). "
            "Save it again as .xlsx, or as CSV."
        ) from error
    filled = {sheet: frame for sheet, frame in sheets.items() if not frame.dropna(how="all").empty}
    if not filled:
        if any(len(frame.columns) for frame in sheets.values()):
            raise UploadError(f"{_quoted(name)} has a header but no rows. Add one row per county.")
        raise UploadError(f"{_quoted(name)} is empty. Save your list with a header row and rows.")
    first, *others = filled
    notes = []
    if others:
        notes.append(
            f"The workbook has {len(filled)} sheets with data; the first, {_quoted(first)}, was "
            f"read and {', '.join(_quoted(o) for o in others)} ignored. Put your list first."
        )
    return filled[first].fillna("").astype(str), notes


def _read_text(name: str, content: bytes) -> tuple[pd.DataFrame, list[str]]:
    text, notes = _decoded(name, content)
    if "\x00" in text or sum(ch < " " and ch not in "\t\r\n" for ch in text[:4096]) > 8:
        raise UploadError(
            f"{_quoted(name)} does not contain text: it looks like a binary file. "
            "Upload a CSV (comma-separated text) or an .xlsx workbook."
        )
    sample = "\n".join(text.splitlines()[:20])
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        delimiter = ","
    if delimiter != ",":
        notes.append(f"Columns were separated by {_delimiter_name(delimiter)}, not commas.")
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = next(reader, [])
    if not any(cell.strip() for cell in header):
        raise UploadError(f"{_quoted(name)} has no columns. {FORMAT_HELP}")
    records = []
    for record in itertools.islice(reader, MAX_ROWS + 1):
        if len(record) > len(header):
            raise UploadError(
                f"{_quoted(name)} is not a regular table at line {len(records) + 2}: that row "
                f"has {len(record)} cells and the header {len(header)}. Check for unquoted "
                "commas inside names, or quote such cells."
            )
        records.append(record + [""] * (len(header) - len(record)))
    table = pd.DataFrame(records, columns=header, dtype=str)
    return table, notes


def _decoded(name: str, content: bytes) -> tuple[str, list[str]]:
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        return content.decode("utf-16"), ["The file was read as UTF-16 text."]
    try:
        return content.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        text = content.decode("cp1252", errors="replace")
        return text, [
            f"{_quoted(name)} is not UTF-8 text; it was read as Windows-1252. If accented names "
            "look wrong in the report, save the file as 'CSV UTF-8' and upload it again."
        ]


def _require_header(name: str, table: pd.DataFrame) -> None:
    looks_like_data = [
        c for c in table.columns if re.fullmatch(r"[\d\s./-]+", c) or len(c) > MAX_TEXT
    ]
    if len(looks_like_data) >= max(1, len(table.columns) // 2):
        raise UploadError(
            f"{_quoted(name)} seems to have no header row: its first row holds data "
            f"({', '.join(_quoted(c[:30]) for c in table.columns[:4])}). {FORMAT_HELP}"
        )
    if len(table.columns) == 1:
        raise UploadError(
            f"{_quoted(name)} has a single column ({_quoted(table.columns[0][:60])}). Separate "
            f"columns with commas. {FORMAT_HELP}"
        )


def _columns(table: pd.DataFrame) -> dict[str, str]:
    """Which of the file's columns hold the fips, county, state, date and status."""
    found = {}
    for role, candidates in (
        ("fips", FIPS_NAMES),
        ("county", COUNTY_NAMES),
        ("state", STATE_NAMES),
        ("date", DATE_NAMES),
        ("status", STATUS_NAMES),
        ("value", VALUE_NAMES),
    ):
        for candidate in candidates:
            if candidate in table.columns:
                found[role] = candidate
                break
    listed = ", ".join(_quoted(c[:40]) for c in table.columns[:12])
    if "fips" not in found and not {"county", "state"} <= set(found):
        raise UploadError(
            f"No column names the counties. Found: {listed}. Name a column `fips` (5-digit "
            "county FIPS codes), or two columns `county` and `state`."
        )
    if not {"date", "status", "value"} & set(found):
        raise UploadError(
            f"No column holds a date, a status or a value. Found: {listed}. Add a `date` "
            "column (YYYY-MM-DD, when the county joined), a `status` column (yes/no) or a "
            "`value` column (a number)."
        )
    return found


def _name_index(counties: pd.DataFrame) -> dict[tuple[str, str], dict[str, str]]:
    """(state, normalised name) -> {FIPS: name}, by full name and by name without suffix."""
    index: dict[tuple[str, str], dict[str, str]] = {}
    for fips, state, name in zip(
        counties["fips"], counties["state"], counties["name"], strict=True
    ):
        full = _normalised(name)
        for key in {full, _without_suffix(full)}:
            index.setdefault((state, key), {})[fips] = name
    return index


def _county(
    row: dict, columns: dict, known: set[str], names: dict, state_codes: dict[str, str]
) -> tuple[str | None, str | None]:
    if "fips" in columns and str(row[columns["fips"]]).strip():
        raw = str(row[columns["fips"]]).strip()
        digits = raw[:-2] if re.fullmatch(r"\d+\.0", raw) else raw
        if not re.fullmatch(r"\d{4,5}", digits):
            return None, f"FIPS {_quoted(raw[:20])} is not a 5-digit county code"
        fips = digits.zfill(5)
        fips = RENAMED_COUNTIES.get(fips, (fips,))[0]
        if fips not in known:
            return None, f"no county of the 50 states and DC has FIPS {fips}"
        return fips, None
    county = str(row.get(columns.get("county"), "")).strip()
    raw_state = str(row.get(columns.get("state"), "")).strip()
    state = state_codes.get(raw_state.lower()) or state_codes.get(_normalised(raw_state))
    if len(county) > MAX_TEXT:
        return None, f"the county name is longer than {MAX_TEXT} characters"
    if not county:
        return None, "no FIPS code and no county name"
    if state is None:
        return (
            None,
            f"state {_quoted(str(row.get(columns.get('state'), ''))[:30])} is not a US state",
        )
    full = _normalised(county)
    for key in (full, _without_suffix(full)):
        candidates = names.get((state, key), {})
        if len(candidates) == 1:
            return next(iter(candidates)), None
        if len(candidates) > 1:
            which = " or ".join(_quoted(name) for name in sorted(candidates.values()))
            return None, (
                f"{_quoted(county[:60])} is ambiguous in {state}: {which}; write the full name "
                "or use the FIPS code"
            )
    return None, f"no county named {_quoted(county[:60])} in {state}"


ISO_DATE = re.compile(
    r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?"
)
SLASH_DATE = re.compile(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})")


def _day_first(values: pd.Series) -> bool:
    """Whether slash dates in this column are day/month/year (some first number > 12)."""
    parts = values.astype(str).str.strip().str.extract(SLASH_DATE.pattern).dropna().astype(int)
    return bool(len(parts)) and bool((parts[0] > 12).any()) and not bool((parts[1] > 12).any())


def _date(value: str, today: dt.date, day_first: bool) -> tuple[pd.Timestamp, str | None]:
    """A calendar date written YYYY-MM-DD (or MM/DD/YYYY), or the reason it is not one."""
    text = str(value).strip()
    if not text:
        return pd.NaT, "no date"
    iso, slash = ISO_DATE.fullmatch(text), SLASH_DATE.fullmatch(text)
    if iso:
        year, month, day = (int(part) for part in iso.groups())
    elif slash:
        first, second, year = (int(part) for part in slash.groups())
        month, day = (second, first) if day_first else (first, second)
    else:
        return pd.NaT, f"the date {_quoted(text[:40])} is not written YYYY-MM-DD"
    try:
        stamp = pd.Timestamp(dt.date(year, month, day))
    except ValueError:
        return pd.NaT, f"the date {_quoted(text)} is not a real date (write YYYY-MM-DD)"
    if stamp.date() > today:
        return pd.NaT, f"the date {stamp:%Y-%m-%d} is in the future"
    if stamp.year < 1900:
        return pd.NaT, f"the date {stamp:%Y-%m-%d} is before 1900"
    return stamp, None


def _value(text: str) -> tuple[float, str | None]:
    cleaned = str(text).strip().replace(",", "")
    try:
        number = float(cleaned)
    except ValueError:
        return float("nan"), f"value {_quoted(str(text)[:30])} is not a number"
    if number != number or number in {float("inf"), float("-inf")}:
        return float("nan"), f"value {_quoted(str(text)[:30])} is not a number"
    return number, None


def _status(value: str) -> tuple[bool, str | None]:
    text = str(value).strip().lower()
    if text in YES:
        return True, None
    if text in NO:
        return False, None
    return False, f"status {_quoted(str(value)[:30])} is not yes or no"


def _deduplicated(matched: pd.DataFrame, table: pd.DataFrame) -> tuple[pd.DataFrame, list, int]:
    """Identical repeats are dropped; repeats that disagree are all set aside."""
    columns = ["date", "status", "value"]
    variants = matched.groupby("fips")[columns].nunique(dropna=False).sum(axis=1)
    conflicting = set(variants.index[variants > len(columns)])
    conflicts = [
        _report_row(
            line,
            table.loc[line - 2].to_dict(),
            f"county {fips} is listed more than once with different values",
        )
        for line, fips in zip(matched["line"], matched["fips"], strict=True)
        if fips in conflicting
    ]
    kept = matched[~matched["fips"].isin(conflicting)]
    unique = kept.drop_duplicates("fips")
    return unique, conflicts, len(kept) - len(unique)


def _normalised(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    plain = re.sub(
        r"\bste?\.?\s", lambda m: "sainte " if "e" in m.group(0)[2:3] else "saint ", plain
    )
    plain = re.sub(r"[^a-z0-9 ]", " ", plain)
    return " ".join(plain.split())


def _without_suffix(name: str) -> str:
    for suffix in SUFFIXES:
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def _state_index(states: pd.DataFrame) -> dict[str, str]:
    """Lower-case USPS code or normalised name -> USPS code."""
    index = {}
    for code, name in zip(states["state"], states["name"], strict=True):
        index[code.lower()] = code
        index[_normalised(name)] = code
    return index


def _delimiter_name(delimiter: str) -> str:
    return {";": "semicolons", "\t": "tabs", "|": "vertical bars"}.get(delimiter, repr(delimiter))


def _quoted(text: str) -> str:
    return "'" + str(text) + "'"
