"""A user's own list of counties (CSV or Excel): read it, match it to the 2010 counties.

Every problem becomes an UploadError (the file cannot be used) or a reason on the
row that could not be matched; the messages say what is wrong and how to fix it.
Nothing here touches the built-in data.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import hashlib
import io
import itertools
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field

import pandas as pd
from defusedxml import DefusedXmlException

from geo.common import UNDATED
from geo.domain.load import Dataset
from geo.domain.newcodes import NEW_CODES, split
from geo.i18n import N_, _

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
    " planning region",
    " census area",
    " municipality",
    " borough",
    " parish",
    " county",
    " city",
)
# A row of a workbook's sheet (its cells), and a value or text in it.
SHEET_ROW = re.compile(rb"<(?:\w+:)?row\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?row>)", re.S)
ROW_VALUE = re.compile(rb"<(?:\w+:)?[vt]\b[^>]*>[^<]")
MAX_ROW_BYTES = 1 << 20  # a row is at most this long for the count (20,000 rows: a few MB)
# The report's own columns, in English; match() names them in the reader's language.
LINE, REASON = N_("line in file"), N_("why it did not match")
FORMAT_HELP = N_(
    "Expected: a header row, then one row per county, with either a `fips` column "
    "(5 digits) or `county` and `state` columns, and a `date` column (YYYY-MM-DD), "
    "a `status` column (yes/no) and/or a `value` column (a number)."
)
PLANNING_REGION = N_(
    "{name} ({code}) is one of Connecticut's planning regions, its county equivalents since "
    "{year}; they do not follow the 2010 counties this map draws, so the row cannot be placed. "
    "Give it one of Connecticut's 8 county codes, 09001 to 09015, or its county's name"
)
DELIMITERS = {
    ";": N_("Columns were separated by semicolons, not commas."),
    "\t": N_("Columns were separated by tabs, not commas."),
    "|": N_("Columns were separated by vertical bars, not commas."),
}


def format_help() -> str:
    """What a usable list looks like, in the reader's language."""
    return _(FORMAT_HELP)


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
        raise UploadError(_empty(name))
    if len(content) > MAX_BYTES:
        raise UploadError(
            _(
                "{file} is over the {limit} MB upload limit ({size} bytes). A county list is "
                "far smaller: keep only the columns the map needs (fips or county and state, "
                "date or status)."
            ).format(file=_quoted(name), limit=MAX_BYTES // 1024 // 1024, size=f"{len(content):,}")
        )
    suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if suffix in {"xlsx", "xlsm"}:
        table, notes = _read_excel(name, content)
    elif suffix in {"csv", "txt", "tsv"}:
        table, notes = _read_text(name, content)
    elif suffix == "xls":
        raise UploadError(
            _(
                "{file} is an old Excel 97-2003 file. Save it as .xlsx or CSV and upload it again."
            ).format(file=_quoted(name))
        )
    else:
        raise UploadError(
            _("{file} is not a CSV or Excel file. Upload a .csv or .xlsx file.").format(
                file=_quoted(name)
            )
        )
    table.columns = [str(c).strip().lower() for c in table.columns]
    table = table[~(table.fillna("").astype(str).apply(lambda c: c.str.strip()) == "").all(axis=1)]
    if len(table) > MAX_ROWS:
        raise UploadError(_too_many_rows(name, len(table)))
    if table.empty:
        raise UploadError(_no_rows(name))
    _require_header(name, table)
    return table, notes


def match(
    table: pd.DataFrame, counties: pd.DataFrame, states: pd.DataFrame, today: dt.date
) -> Matched:
    """Match every row to a 2010 county by FIPS, or by county and state name (codes and
    names made after 2010 too, with a note on each, or the reason they cannot be)."""
    columns = _columns(table)
    names = _name_index(counties)
    state_codes = _state_index(states)
    known = set(counties["fips"])
    day_first = "date" in columns and _day_first(table[columns["date"]])
    found, unmatched = [], []
    for line, row in zip(table.index + 2, table.to_dict("records"), strict=True):
        fips, problem, code = _county(row, columns, known, names, state_codes)
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
                {
                    "line": line,
                    "fips": fips,
                    "code": code,
                    "date": date,
                    "status": status,
                    "value": value,
                }
            )
    matched = pd.DataFrame(
        found, columns=["line", "fips", "code", "date", "status", "value"]
    ).astype({"date": "datetime64[s]", "status": bool, "value": float})
    county_names = dict(zip(counties["fips"], counties["name"], strict=True))
    unique, conflicts, duplicates = _deduplicated(matched, table, county_names)
    notes = [_("Dates like 03/05/2010 were read as day/month/year.")] if day_first else []
    later = set(matched.loc[matched["fips"].isin(unique["fips"]), "code"]) - {""}
    notes += [_new_code_note(code, county_names) for code in sorted(later)]
    report = pd.DataFrame(unmatched + conflicts)
    if not report.empty:
        report = report.sort_values(_(LINE), ignore_index=True)
    return Matched(
        counties=unique.drop(columns=["line", "code"]),
        unmatched=report,
        rows=len(table),
        duplicates=duplicates,
        has_dates="date" in columns,
        has_values="value" in columns,
        notes=notes,
    )


def match_summary(matched: Matched) -> str:
    """How the list matched, in a line of Markdown: counties matched, rows not, repeats."""
    counties, rows = len(matched.counties), matched.rows
    unmatched, repeated = len(matched.unmatched), matched.duplicates
    return _("**{matched}** from {rows}; {unmatched}; {repeated}.").format(
        matched=(
            _("{count} county matched") if counties == 1 else _("{count} counties matched")
        ).format(count=f"{counties:,}"),
        rows=(_("{count} row") if rows == 1 else _("{count} rows")).format(count=f"{rows:,}"),
        unmatched=(
            _("{count} row not matched") if unmatched == 1 else _("{count} rows not matched")
        ).format(count=f"{unmatched:,}"),
        repeated=(
            _("{count} repeated row") if repeated == 1 else _("{count} repeated rows")
        ).format(count=f"{repeated:,}"),
    )


def _report_row(line: int, row: dict, problem: str) -> dict:
    """The row's own cells, between its line number and the reason it did not match."""
    line_label, reason_label = _(LINE), _(REASON)
    own = {}
    for key, value in row.items():
        clash = key in {line_label, reason_label}
        # Translators: a column of the reader's file named like one of the report's own
        own[_("{column} (yours)").format(column=key) if clash else key] = value
    return {line_label: line, **own, reason_label: problem}


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
    """The first sheet with data, read row by row: a sheet longer than the limit is refused
    at the limit, unread beyond it. XML entities (an entity-expansion bomb) are refused."""
    if not content.startswith(b"PK"):
        raise UploadError(
            _("{file} is not a real Excel file. Save it again as .xlsx.").format(file=_quoted(name))
        )
    import openpyxl  # only for a workbook: it imports Pillow, which the page leaves out

    try:
        _check_sheet_lengths(name, content)
        book = openpyxl.load_workbook(
            io.BytesIO(content), read_only=True, data_only=True, keep_links=False
        )
        try:
            sheets = {}  # the first sheet with data in full, the others as far as a row
            for sheet in book.worksheets:
                found = any(len(rows) > 1 for rows in sheets.values())
                sheets[sheet.title] = _sheet_rows(sheet, 2 if found else MAX_ROWS + 2)
        finally:
            book.close()
    except UploadError:
        raise
    except Exception as error:
        if _declares_entities(error):
            raise UploadError(
                _(
                    "{file} declares XML entities, which can hide a huge amount of text in a "
                    "small file; it was not read. Save it again from Excel, or as CSV."
                ).format(file=_quoted(name))
            ) from error
        raise UploadError(
            _(
                "{file} could not be opened as an Excel workbook ({error}). Save it again as "
                ".xlsx, or as CSV."
            ).format(file=_quoted(name), error=type(error).__name__)
        ) from error
    filled = {title: rows for title, rows in sheets.items() if len(rows) > 1}
    if not filled:
        if sheets and any(sheets.values()):
            raise UploadError(_no_rows(name))
        raise UploadError(_empty(name))
    first, *others = filled
    notes = []
    if others:
        notes.append(
            _(
                "The workbook has {count} sheets with data; the first, {first}, was read and "
                "{others} ignored. Put your list first."
            ).format(
                count=len(filled),
                first=_quoted(first),
                others=", ".join(_quoted(o) for o in others),
            )
        )
    header, *rows = filled[first]
    width = max(len(row) for row in filled[first])
    columns = [*header, *(f"unnamed: {i}" for i in range(len(header), width))]
    return pd.DataFrame([row + [""] * (width - len(row)) for row in rows], columns=columns), notes


def _sheet_rows(sheet, keep: int) -> list[list[str]]:
    """Up to `keep` rows of the sheet that hold something (the header first), as text without
    trailing empty cells, from its first MAX_ROWS + 2 rows."""
    sheet.reset_dimensions()  # a sheet may claim any size: read the rows it holds
    kept = []
    for row in itertools.islice(sheet.iter_rows(values_only=True), MAX_ROWS + 2):
        cells = [_cell_text(value) for value in row]
        while cells and not cells[-1]:
            cells.pop()
        if cells:
            kept.append(cells)
            if len(kept) == keep:
                break
    return kept


def _check_sheet_lengths(name: str, content: bytes) -> None:
    """Refuse a workbook with a sheet of more rows than the limit, counting the rows that
    hold a value no further than the limit. A quick count of the sheet's text, not a
    parse: openpyxl, which reads what is kept, takes seconds to read 20,000 rows of inline
    text, and reads a whole sheet that states no size to find it."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        for member in archive.namelist():
            if not re.fullmatch(r"xl/worksheets/[^/]+\.xml", member):
                continue
            with archive.open(member) as source:
                rows, rest = 0, b""
                while chunk := source.read(1 << 20):
                    text, end = rest + chunk, 0
                    for row in SHEET_ROW.finditer(text):
                        rows += bool(row.group(1) and ROW_VALUE.search(row.group(1)))
                        if rows > MAX_ROWS + 1:  # the header and a row too many
                            raise UploadError(_too_many_rows(name, MAX_ROWS + 1))
                        end = row.end()
                    rest = text[end:][-MAX_ROW_BYTES:]  # a row begun, to end in the next chunk


def _declares_entities(error: BaseException | None) -> bool:
    """Whether defusedxml refused XML entities, or openpyxl failed because it did."""
    while error is not None:
        if isinstance(error, DefusedXmlException):
            return True
        error = error.__cause__ or error.__context__
    return False


def _cell_text(value) -> str:
    return "" if value is None else str(value)


def _read_text(name: str, content: bytes) -> tuple[pd.DataFrame, list[str]]:
    text, notes = _decoded(name, content)
    if "\x00" in text or sum(ch < " " and ch not in "\t\r\n" for ch in text[:4096]) > 8:
        raise UploadError(
            _(
                "{file} does not contain text: it looks like a binary file. Upload a CSV "
                "(comma-separated text) or an .xlsx workbook."
            ).format(file=_quoted(name))
        )
    sample = "\n".join(text.splitlines()[:20])
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        delimiter = ","
    if delimiter != ",":
        notes.append(_delimiter_note(delimiter))
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = next(reader, [])
    if not any(cell.strip() for cell in header):
        raise UploadError(
            _("{file} has no columns. {help}").format(file=_quoted(name), help=format_help())
        )
    records = []
    for record in itertools.islice(reader, MAX_ROWS + 1):
        if len(record) > len(header):
            raise UploadError(
                _(
                    "{file} is not a regular table at line {line}: that row has {cells} cells "
                    "and the header {header}. Check for unquoted commas inside names, or quote "
                    "such cells."
                ).format(
                    file=_quoted(name),
                    line=len(records) + 2,
                    cells=len(record),
                    header=len(header),
                )
            )
        records.append(record + [""] * (len(header) - len(record)))
    table = pd.DataFrame(records, columns=header, dtype=str)
    return table, notes


def _decoded(name: str, content: bytes) -> tuple[str, list[str]]:
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        return content.decode("utf-16"), [_("The file was read as UTF-16 text.")]
    try:
        return content.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        text = content.decode("cp1252", errors="replace")
        return text, [
            _(
                "{file} is not UTF-8 text; it was read as Windows-1252. If accented names look "
                "wrong in the report, save the file as 'CSV UTF-8' and upload it again."
            ).format(file=_quoted(name))
        ]


def _require_header(name: str, table: pd.DataFrame) -> None:
    looks_like_data = [
        c for c in table.columns if re.fullmatch(r"[\d\s./-]+", c) or len(c) > MAX_TEXT
    ]
    if len(looks_like_data) >= max(1, len(table.columns) // 2):
        raise UploadError(
            _(
                "{file} seems to have no header row: its first row holds data ({cells}). {help}"
            ).format(
                file=_quoted(name),
                cells=", ".join(_quoted(c[:30]) for c in table.columns[:4]),
                help=format_help(),
            )
        )
    if len(table.columns) == 1:
        raise UploadError(
            _("{file} has a single column ({column}). Separate columns with commas. {help}").format(
                file=_quoted(name), column=_quoted(table.columns[0][:60]), help=format_help()
            )
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
            _(
                "No column names the counties. Found: {columns}. Name a column `fips` (5-digit "
                "county FIPS codes), or two columns `county` and `state`."
            ).format(columns=listed)
        )
    if not {"date", "status", "value"} & set(found):
        raise UploadError(
            _(
                "No column holds a date, a status or a value. Found: {columns}. Add a `date` "
                "column (YYYY-MM-DD, when the county joined), a `status` column (yes/no) or a "
                "`value` column (a number)."
            ).format(columns=listed)
        )
    return found


def _name_index(counties: pd.DataFrame) -> dict[tuple[str, str], dict[str, str]]:
    """(state, normalised name) -> {FIPS: name}, by full name and by name without suffix;
    the names of codes made after 2010 (geo.domain.newcodes) too, to their own codes."""
    index: dict[tuple[str, str], dict[str, str]] = {}
    later = [(code, new.state, new.name) for code, new in NEW_CODES.items()]
    for fips, state, name in [
        *zip(counties["fips"], counties["state"], counties["name"], strict=True),
        *later,
    ]:
        full = _normalised(name)
        for key in {full, _without_suffix(full)}:
            index.setdefault((state, key), {})[fips] = name
    return index


def _county(
    row: dict, columns: dict, known: set[str], names: dict, state_codes: dict[str, str]
) -> tuple[str | None, str | None, str]:
    """The row's 2010 county, or the reason it has none, and the post-2010 code (of
    geo.domain.newcodes) it was found by, else ""."""
    fips, problem = _code(row, columns, known, names, state_codes)
    if fips not in NEW_CODES:
        return fips, problem, ""
    new = NEW_CODES[fips]
    if new.county_2010 is None:
        return None, _(PLANNING_REGION).format(name=new.name, code=fips, year=new.year), fips
    return new.county_2010, None, fips


def _code(
    row: dict, columns: dict, known: set[str], names: dict, state_codes: dict[str, str]
) -> tuple[str | None, str | None]:
    """The row's county code (2010, or made later), or the reason it has none."""
    if "fips" in columns and str(row[columns["fips"]]).strip():
        raw = str(row[columns["fips"]]).strip()
        digits = raw[:-2] if re.fullmatch(r"\d+\.0", raw) else raw
        if not re.fullmatch(r"\d{4,5}", digits):
            return None, _("FIPS {code} is not a 5-digit county code").format(
                code=_quoted(raw[:20])
            )
        fips = digits.zfill(5)
        if fips not in known and fips not in NEW_CODES:
            return None, _("no county of the 50 states and DC has FIPS {fips}").format(fips=fips)
        return fips, None
    county = str(row.get(columns.get("county"), "")).strip()
    raw_state = str(row.get(columns.get("state"), "")).strip()
    state = state_codes.get(raw_state.lower()) or state_codes.get(_normalised(raw_state))
    if len(county) > MAX_TEXT:
        return None, _("the county name is longer than {limit} characters").format(limit=MAX_TEXT)
    if not county:
        return None, _("no FIPS code and no county name")
    if state is None:
        return None, _("state {state} is not a US state").format(
            state=_quoted(str(row.get(columns.get("state"), ""))[:30])
        )
    full = _normalised(county)
    for key in (full, _without_suffix(full)):
        candidates = names.get((state, key), {})
        if len(candidates) == 1:
            return next(iter(candidates)), None
        if len(candidates) > 1:
            first, *others = (_quoted(name) for name in sorted(candidates.values()))
            which = functools.reduce(
                # Translators: two or more county names in quotes, the choices of an ambiguous name
                lambda names, name: _("{names} or {name}").format(names=names, name=name),
                others,
                first,
            )
            return None, _(
                "{county} is ambiguous in {state}: {which}; write the full name or use the "
                "FIPS code"
            ).format(county=_quoted(county[:60]), state=state, which=which)
    return None, _("no county named {county} in {state}").format(
        county=_quoted(county[:60]), state=state
    )


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
        return pd.NaT, _("no date")
    iso, slash = ISO_DATE.fullmatch(text), SLASH_DATE.fullmatch(text)
    if iso:
        year, month, day = (int(part) for part in iso.groups())
    elif slash:
        first, second, year = (int(part) for part in slash.groups())
        month, day = (second, first) if day_first else (first, second)
    else:
        return pd.NaT, _("the date {date} is not written YYYY-MM-DD").format(
            date=_quoted(text[:40])
        )
    try:
        stamp = pd.Timestamp(dt.date(year, month, day))
    except ValueError:
        return pd.NaT, _("the date {date} is not a real date (write YYYY-MM-DD)").format(
            date=_quoted(text)
        )
    if stamp.date() > today:
        return pd.NaT, _("the date {date} is in the future").format(date=f"{stamp:%Y-%m-%d}")
    if stamp.year < 1900:
        return pd.NaT, _("the date {date} is before 1900").format(date=f"{stamp:%Y-%m-%d}")
    return stamp, None


def _value(text: str) -> tuple[float, str | None]:
    cleaned = str(text).strip().replace(",", "")
    try:
        number = float(cleaned)
    except ValueError:
        return float("nan"), _not_a_number(text)
    if number != number or number in {float("inf"), float("-inf")}:
        return float("nan"), _not_a_number(text)
    return number, None


def _not_a_number(text: str) -> str:
    return _("value {value} is not a number").format(value=_quoted(str(text)[:30]))


def _status(value: str) -> tuple[bool, str | None]:
    text = str(value).strip().lower()
    if text in YES:
        return True, None
    if text in NO:
        return False, None
    return False, _("status {status} is not yes or no").format(status=_quoted(str(value)[:30]))


def _deduplicated(
    matched: pd.DataFrame, table: pd.DataFrame, county_names: dict[str, str]
) -> tuple[pd.DataFrame, list, int]:
    """Identical repeats are dropped; repeats that disagree are all set aside."""
    columns = ["date", "status", "value"]
    variants = matched.groupby("fips")[columns].nunique(dropna=False).sum(axis=1)
    conflicting = set(variants.index[variants > len(columns)])
    conflicts = [
        _report_row(
            line,
            table.loc[line - 2].to_dict(),
            _(
                "{name} ({code}) lies within {county} ({fips}), the 2010 county this map "
                "draws, and your list gives {county} other values elsewhere: give its parts "
                "the same values, or one row for {fips}"
            ).format(name=NEW_CODES[code].name, code=code, county=county_names[fips], fips=fips)
            if code
            else _("county {fips} is listed more than once with different values").format(
                fips=fips
            ),
        )
        for line, fips, code in zip(matched["line"], matched["fips"], matched["code"], strict=True)
        if fips in conflicting
    ]
    kept = matched[~matched["fips"].isin(conflicting)]
    unique = kept.drop_duplicates("fips")
    return unique, conflicts, len(kept) - len(unique)


def _new_code_note(code: str, county_names: dict[str, str]) -> str:
    """What became of the rows of a county code made after 2010."""
    new = NEW_CODES[code]
    county = county_names[new.county_2010]
    if split(code):
        return _(
            "{name} ({code}) is shown as {county} ({fips}), the 2010 county it lies within: it "
            "was made from part of {county} in {year}, and the map gives the whole of "
            "{county} its values."
        ).format(name=new.name, code=code, county=county, fips=new.county_2010, year=new.year)
    return _(
        "{name} ({code}) is shown as {county} ({fips}): the same county, renamed in {year}; "
        "this map draws the 2010 counties."
    ).format(name=new.name, code=code, county=county, fips=new.county_2010, year=new.year)


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


def _delimiter_note(delimiter: str) -> str:
    if delimiter in DELIMITERS:
        return _(DELIMITERS[delimiter])
    return _("Columns were separated by {delimiter}, not commas.").format(delimiter=repr(delimiter))


def _empty(name: str) -> str:
    return _("{file} is empty. Save your list with a header row and rows.").format(
        file=_quoted(name)
    )


def _too_many_rows(name: str, rows: int) -> str:
    return _(
        "{file} has {rows} rows or more; the limit is {limit}. The United States "
        "have 3,143 counties: upload one row per county."
    ).format(file=_quoted(name), rows=f"{rows:,}", limit=f"{MAX_ROWS:,}")


def _no_rows(name: str) -> str:
    return _("{file} has a header but no rows. Add one row per county.").format(file=_quoted(name))


def _quoted(text: str) -> str:
    return "'" + str(text) + "'"


def read_list(
    data: Dataset, name: str, content: bytes, today: dt.date
) -> tuple[Matched, Dataset | None]:
    """An uploaded file read and matched to the counties of `data`: the match (its notes and
    the rows to fix), and `data` with the list's counties, or None when none matched. Any
    failure to read it is an UploadError that says what to fix."""
    try:
        table, notes = read_table(name, content)
        matched = match(table, data.counties, data.states, today)
        counties = apply(data.counties, matched)
    except UploadError:
        raise
    except Exception as error:  # any other failure still gets a message, never a traceback
        raise UploadError(
            _(
                "'{name}' could not be read ({failure}). Check that it is a CSV or .xlsx file "
                "with a header row. {expected}"
            ).format(name=name, failure=type(error).__name__, expected=format_help())
        ) from error
    matched.notes = notes + matched.notes
    if not len(matched.counties):
        return matched, None
    key = f"upload-{hashlib.sha256(content).hexdigest()[:16]}"  # its results kept apart
    return matched, data.with_list(counties, name, key, matched.has_dates)
