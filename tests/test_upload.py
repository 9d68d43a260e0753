"""A user's own county list: unusable files are refused with a message that says what is
wrong and how to fix it, unusable rows are set aside with a reason, good lists match the
2010 counties. Every file is built here, in memory, at run time."""

import csv
import datetime as dt
import io
import json
import random
import re
import struct
import time
import zipfile
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace

import numpy as np
import openpyxl
import pandas as pd
import pytest

from geo.common import UNDATED
from geo.domain.upload import (
    LINE,
    MAX_BYTES,
    MAX_ROWS,
    MAX_TEXT,
    REASON,
    UploadError,
    apply,
    match,
    read_table,
)
from geo.exports.downloads import make
from geo.view.compose import compose
from geo.view.selection import Selection

TODAY = dt.date(2026, 11, 29)
SECONDS = 3.0  # no file, however large, may keep the upload busy longer than this


# Builders: one per kind of file. Each returns the bytes a browser would send.


def text(body: str, encoding: str = "utf-8") -> bytes:
    return body.encode(encoding)


def csv_bytes(rows: list[list], *, delimiter: str = ",", encoding: str = "utf-8") -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\n").writerows(rows)
    return out.getvalue().encode(encoding)


def xlsx_bytes(sheets: Mapping[str, list[list]]) -> bytes:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


SHEET = "xl/worksheets/sheet1.xml"
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def with_member(workbook: bytes, member: str, xml: str) -> bytes:
    """`workbook` with one of its XML files replaced by `xml`."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(workbook)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = xml.encode() if info.filename == member else source.read(info)
            target.writestr(info.filename, content, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def sheet_xml(count: int, *, sized: bool, tail: str = "") -> str:
    """A sheet of a header and `count` rows of Autauga County, written as Excel writes one
    (`sized`: its size stated first) or as a streaming writer does, then `tail`."""
    cell = '<c r="{col}{row}" t="inlineStr"><is><t>{text}</t></is></c>'
    rows = "".join(
        f'<row r="{row}">'
        + cell.format(col="A", row=row, text="fips" if row == 1 else "01001")
        + cell.format(col="B", row=row, text="date" if row == 1 else "2010-05-03")
        + "</row>"
        for row in range(1, count + 2)
    )
    size = f'<dimension ref="A1:B{count + 1}"/>' if sized else ""
    return f'<worksheet xmlns="{MAIN}">{size}<sheetData>{rows}{tail}'


def long_workbook(count: int, *, sized: bool, tail: str | None = None) -> Callable[[], bytes]:
    """A workbook of `count` rows; with a `tail`, its sheet ends there, unfinished (the
    rows after the limit are broken), else it ends as it should."""
    end = "</sheetData></worksheet>" if tail is None else tail
    return lambda: with_member(
        xlsx_bytes({"Sheet1": [["fips"]]}), SHEET, sheet_xml(count, sized=sized, tail=end)
    )


LAUGHS = (  # a "billion laughs": 10 entities, each ten of the one before
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol0 "lol">'
    + "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
    + "]>"
)


def entity_bomb(member: str) -> Callable[[], bytes]:
    """A workbook whose `member` declares entities that expand to a billion "lol"s."""
    normal = xlsx_bytes({"Sheet1": [["fips", "date"], ["01001", "2010-05-03"]]})
    with zipfile.ZipFile(io.BytesIO(normal)) as archive:
        xml = archive.read(member).decode()
    xml = xml.split("?>", 1)[-1] if xml.startswith("<?xml") else xml
    return lambda: with_member(normal, member, LAUGHS + xml.replace("01001", "&lol9;", 1))


def png_bytes() -> bytes:
    """A real 1x1 PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def pdf_bytes() -> bytes:
    return (
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
        b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n"
        b"%%EOF\n"
    )


def xls_bytes() -> bytes:
    """The start of an Excel 97-2003 file: an OLE2 compound document."""
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)


def zip_bytes() -> bytes:
    """A real zip archive that is not a workbook."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("readme.txt", "not a workbook")
    return out.getvalue()


def garbage_bytes() -> bytes:
    return random.Random(0).randbytes(4096)


def many_rows(count: int) -> bytes:
    """`count` rows of one county, built in a few milliseconds."""
    return b"fips,date,status\n" + b"01001,2010-05-03,yes\n" * count


def oversized() -> bytes:
    """A well-formed list one byte over the size limit."""
    head = b"fips,date,comment\n01001,2010-05-03,"
    return head + b"x" * (MAX_BYTES + 1 - len(head) - 1) + b"\n"


# Lists with one bad row: line 2 is a good county (Autauga County, AL, 01001), line 3 the bad
# row, and so on, so that each case also shows the rest of the file still matching.

GOOD_FIPS = ["01001", "2010-05-03"]
GOOD_NAME = ["Autauga County", "AL", "2010-05-03"]


def fips_list(*rows: list) -> Callable[[], bytes]:
    return lambda: csv_bytes([["fips", "date"], GOOD_FIPS, *rows])


def name_list(*rows: list) -> Callable[[], bytes]:
    return lambda: csv_bytes([["county", "state", "date"], GOOD_NAME, *rows])


@dataclass(frozen=True)
class Bad:
    """A bad file and what the upload must say about it."""

    name: str
    build: Callable[[], bytes]
    error: tuple[str, ...] = ()  # refused: parts of the message (what is wrong, how to fix)
    notes: tuple[str, ...] = ()  # read anyway: parts of the notes
    reasons: Mapping[int, str] = field(default_factory=dict)  # line -> part of its reason
    cells: Mapping[int, Mapping[str, str]] = field(default_factory=dict)  # kept verbatim
    matched: tuple[str, ...] = ()  # the FIPS codes the rest of the file matches
    duplicates: int = 0


def refused(case_id: str, name: str, build: Callable[[], bytes], *message: str, marks=()):
    return pytest.param(Bad(name, build, error=message), id=case_id, marks=marks)


def read_with_note(case_id: str, name: str, build: Callable[[], bytes], *notes: str, matched):
    return pytest.param(Bad(name, build, notes=notes, matched=matched), id=case_id)


def set_aside(case_id: str, build: Callable[[], bytes], reasons, *, marks=(), **expected):
    expected.setdefault("matched", ("01001",))
    return pytest.param(
        Bad("list.csv", build, reasons=reasons, **expected), id=case_id, marks=marks
    )


def ambiguous(county: str, state: str):
    reason = (
        f"'{county}' is ambiguous in {state}: '{county} County' or '{county} city'; "
        "write the full name or use the FIPS code"
    )
    slug = county.lower().replace(". ", "-")
    return set_aside(
        f"ambiguous-{slug}-{state}", name_list([county, state, "2010-05-03"]), {3: reason}
    )


SCRIPT = "<script>alert(1)</script>"
IMAGE = "<img src=x onerror=alert(1)>"
FORMULA = '=HYPERLINK("http://evil","x")'
LONG = "Baltimore " * 1000  # 10,000 characters

BAD_FILES = [
    # Files that cannot be used at all.
    refused("empty-file", "list.csv", lambda: b"", "is empty", "Save your list with a header row"),
    refused(
        "whitespace-only",
        "list.csv",
        lambda: b"  \r\n\t\n   \n",
        "is empty",
        "Save your list with a header row",
    ),
    refused(
        "binary-garbage", "list.csv", garbage_bytes, "looks like a binary file", "Upload a CSV"
    ),
    refused("png-renamed-csv", "map.csv", png_bytes, "looks like a binary file", "Upload a CSV"),
    refused(
        "pdf-upload",
        "report.pdf",
        pdf_bytes,
        "'report.pdf' is not a CSV or Excel file",
        "Upload a .csv or .xlsx file",
    ),
    refused("old-xls", "list.xls", xls_bytes, "old Excel 97-2003 file", "Save it as .xlsx or CSV"),
    refused(
        "fake-xlsx-not-a-zip",
        "list.xlsx",
        lambda: b"fips,date\n01001,2010-05-03\n",
        "is not a real Excel file",
        "Save it again as .xlsx",
    ),
    refused(
        "zip-not-a-workbook",
        "list.xlsx",
        zip_bytes,
        "could not be opened as an Excel workbook",
        "Save it again as .xlsx, or as CSV",
    ),
    refused(
        "single-column-no-delimiter",
        "list.csv",
        lambda: text("Autauga County AL 2010-05-03\nBaldwin County AL 2010-05-03\n"),
        "has a single column ('autauga county al 2010-05-03')",
        "Separate columns with commas",
    ),
    refused(
        "no-header-row",
        "list.csv",
        lambda: text("01001,2010-05-03\n01003,2010-06-01\n"),
        "seems to have no header row: its first row holds data ('01001', '2010-05-03')",
        "Expected: a header row",
    ),
    refused(
        "header-but-no-rows",
        "list.csv",
        lambda: text("fips,date\n"),
        "has a header but no rows",
        "Add one row per county",
    ),
    refused(
        "no-county-columns",
        "list.csv",
        lambda: text("place,date\nAutauga,2010-05-03\n"),
        "No column names the counties. Found: 'place', 'date'",
        "Name a column `fips`",
        "or two columns `county` and `state`",
    ),
    refused(
        "county-without-state",
        "list.csv",
        lambda: text("county,date\nAutauga County,2010-05-03\n"),
        "No column names the counties. Found: 'county', 'date'",
        "two columns `county` and `state`",
    ),
    refused(
        "no-date-or-status-column",
        "list.csv",
        lambda: text("fips,state\n01001,AL\n"),
        "No column holds a date, a status or a value. Found: 'fips', 'state'",
        "Add a `date` column (YYYY-MM-DD",
        "a `status` column (yes/no) or a `value` column (a number)",
    ),
    refused(
        "one-million-rows",
        "huge.csv",
        lambda: many_rows(1_000_000),
        "'huge.csv' is over the 10 MB upload limit",
        "keep only the columns the map needs",
    ),
    refused(
        "over-10-mb",
        "big.csv",
        oversized,
        "'big.csv' is over the 10 MB upload limit",
        "keep only the columns the map needs",
    ),
    refused(
        "too-many-rows",
        "long.csv",
        lambda: many_rows(25_000),
        f"has {MAX_ROWS + 1:,} rows or more; the limit is {MAX_ROWS:,}",
        "upload one row per county",
    ),
    refused(
        "ragged-row",
        "list.csv",
        lambda: text("county,state,date\nAutauga,AL,2010-05-03\nDoña Ana, NM,NM,2010-05-03\n"),
        "is not a regular table at line 3: that row has 4 cells and the header 3",
        "Check for unquoted commas inside names, or quote such cells",
    ),
    refused(
        "ragged-first-row",
        "list.csv",
        lambda: text("fips,date\n01001,2010-05-03,x\n01003,2010-05-04\n"),
        "at line 2: that row has 3 cells and the header 2",
        "quote such cells",
    ),
    refused(
        "empty-workbook",
        "list.xlsx",
        lambda: xlsx_bytes({"Sheet1": []}),
        "is empty",
        "Save your list with a header row and rows",
    ),
    refused(
        "workbook-header-but-no-rows",
        "list.xlsx",
        lambda: xlsx_bytes({"Sheet1": [["fips", "date"]]}),
        "has a header but no rows",
        "Add one row per county",
    ),
    refused(
        "workbook-200000-rows",
        "huge.xlsx",
        long_workbook(200_000, sized=True),
        f"'huge.xlsx' has {MAX_ROWS + 1:,} rows or more; the limit is {MAX_ROWS:,}",
        "upload one row per county",
    ),
    refused(
        "workbook-200000-rows-size-not-stated",
        "huge.xlsx",
        long_workbook(200_000, sized=False),
        f"'huge.xlsx' has {MAX_ROWS + 1:,} rows or more; the limit is {MAX_ROWS:,}",
    ),
    # Refused at the limit, unread beyond it: the sheet is broken after the limit.
    refused(
        "workbook-broken-after-the-limit",
        "huge.xlsx",
        long_workbook(MAX_ROWS + 5, sized=True, tail='<row r="x"><c><v>'),
        f"'huge.xlsx' has {MAX_ROWS + 1:,} rows or more",
    ),
    refused(
        "workbook-broken-after-the-limit-size-not-stated",
        "huge.xlsx",
        long_workbook(MAX_ROWS + 5, sized=False, tail='<row r="x"><c><v>'),
        f"'huge.xlsx' has {MAX_ROWS + 1:,} rows or more",
    ),
    refused(
        "workbook-entity-bomb-in-sheet",
        "lol.xlsx",
        entity_bomb(SHEET),
        "'lol.xlsx' declares XML entities",
        "Save it again from Excel, or as CSV",
    ),
    refused(
        "workbook-entity-bomb-in-workbook",
        "lol.xlsx",
        entity_bomb("xl/workbook.xml"),
        "'lol.xlsx' declares XML entities",
    ),
    # Files that are read anyway, with a note on how they were read.
    read_with_note(
        "latin1-dona-ana",
        "list.csv",
        lambda: csv_bytes(
            [["county", "state", "date"], ["Doña Ana", "New Mexico", "2010-05-03"]],
            encoding="latin-1",
        ),
        "is not UTF-8 text; it was read as Windows-1252",
        "save the file as 'CSV UTF-8' and upload it again",
        matched=("35013",),
    ),
    read_with_note(
        "utf16-with-bom",
        "list.csv",
        lambda: csv_bytes(
            [["county", "state", "date"], ["Doña Ana County", "NM", "2010-05-03"]],
            encoding="utf-16",
        ),
        "The file was read as UTF-16 text.",
        matched=("35013",),
    ),
    read_with_note(
        "semicolons",
        "list.csv",
        lambda: csv_bytes([["fips", "date"], GOOD_FIPS, ["24510", "2011-01-04"]], delimiter=";"),
        "Columns were separated by semicolons, not commas.",
        matched=("01001", "24510"),
    ),
    read_with_note(
        "tabs",
        "list.txt",
        lambda: csv_bytes([["fips", "date"], GOOD_FIPS], delimiter="\t"),
        "Columns were separated by tabs, not commas.",
        matched=("01001",),
    ),
    read_with_note(
        "workbook-several-sheets",
        "list.xlsx",
        lambda: xlsx_bytes(
            {
                "Counties": [["fips", "date"], ["01001", dt.date(2010, 5, 3)]],
                "Notes": [["note"], ["from the county clerk"]],
                "Blank": [],
                "Old list": [["fips", "date"], ["01003", dt.date(2009, 1, 1)]],
            }
        ),
        "The workbook has 3 sheets with data; the first, 'Counties', was read",
        "'Notes', 'Old list' ignored. Put your list first.",
        matched=("01001",),
    ),
    # Files whose bad rows are set aside, each with its reason.
    set_aside("fips-letters", fips_list(["abc", "2010-05-03"]), {3: "FIPS 'abc' is not a 5-digit"}),
    set_aside(
        "fips-3-digits", fips_list(["001", "2010-05-03"]), {3: "FIPS '001' is not a 5-digit"}
    ),
    set_aside(
        "fips-6-digits",
        fips_list(["010010", "2010-05-03"]),
        {3: "FIPS '010010' is not a 5-digit county code"},
    ),
    set_aside(
        "fips-of-no-county",
        fips_list(["99999", "2010-05-03"]),
        {3: "no county of the 50 states and DC has FIPS 99999"},
    ),
    set_aside(
        "fips-puerto-rico",
        fips_list(["72001", "2010-05-03"]),
        {3: "no county of the 50 states and DC has FIPS 72001"},
    ),
    set_aside(
        "name-matches-nothing",
        name_list(["Nowhere County", "MD", "2010-05-03"]),
        {3: "no county named 'Nowhere County' in MD"},
    ),
    set_aside(
        "unknown-state",
        name_list(["Autauga County", "Narnia", "2010-05-03"]),
        {3: "state 'Narnia' is not a US state"},
    ),
    set_aside(
        "blank-row",
        lambda: text("county,state,date\nAutauga County,AL,2010-05-03\n,,\n,Narnia,\n"),
        {4: "no FIPS code and no county name"},
    ),
    ambiguous("Baltimore", "MD"),
    ambiguous("St. Louis", "MO"),
    ambiguous("Richmond", "VA"),
    ambiguous("Fairfax", "VA"),
    ambiguous("Roanoke", "VA"),
    ambiguous("Franklin", "VA"),
    set_aside(
        "date-feb-30",
        fips_list(["01003", "2010-02-30"]),
        {3: "the date '2010-02-30' is not a real date (write YYYY-MM-DD)"},
    ),
    set_aside(
        "date-month-13",
        fips_list(["01003", "2010-13-01"]),
        {3: "the date '2010-13-01' is not a real date (write YYYY-MM-DD)"},
    ),
    set_aside(
        "date-in-future",
        fips_list(["01003", "2026-11-30"]),
        {3: "the date 2026-11-30 is in the future"},
    ),
    set_aside(
        "date-before-1900",
        fips_list(["01003", "1899-12-31"]),
        {3: "the date 1899-12-31 is before 1900"},
    ),
    set_aside(
        "date-soon",
        fips_list(["01003", "soon"]),
        {3: "the date 'soon' is not written YYYY-MM-DD"},
    ),
    set_aside(
        "date-today-as-a-word",
        fips_list(["01003", "today"]),
        {3: "the date 'today' is not written YYYY-MM-DD"},
    ),
    set_aside(
        "status-maybe",
        lambda: csv_bytes([["fips", "status"], ["01001", "yes"], ["01003", "maybe"]]),
        {3: "status 'maybe' is not yes or no"},
    ),
    set_aside(
        "duplicates-conflicting-dates",
        fips_list(["01003", "2010-05-03"], ["01003", "2011-06-01"]),
        {
            3: "county 01003 is listed more than once with different values",
            4: "county 01003 is listed more than once with different values",
        },
    ),
    set_aside(
        "duplicates-identical",
        fips_list(["01003", "2010-05-03"], ["01003", "2010-05-03"]),
        {},
        matched=("01001", "01003"),
        duplicates=1,
    ),
    set_aside(
        "html-script-name",
        name_list([SCRIPT, "MD", "2010-05-03"]),
        {3: f"no county named '{SCRIPT}' in MD"},
        cells={3: {"county": SCRIPT, "state": "MD"}},
    ),
    set_aside(
        "html-img-name",
        name_list([IMAGE, "VA", "2010-05-03"]),
        {3: f"no county named '{IMAGE}' in VA"},
        cells={3: {"county": IMAGE, "state": "VA"}},
    ),
    set_aside(
        "formula-injection",
        name_list([FORMULA, "MD", "2010-05-03"]),
        {3: "no county named '=HYPERLINK("},
        cells={3: {"county": FORMULA}},
    ),
    set_aside(
        "name-10000-characters",
        name_list([LONG, "MD", "2010-05-03"]),
        {3: f"the county name is longer than {MAX_TEXT} characters"},
        cells={3: {"county": LONG}},
    ),
    set_aside(
        "blank-line-keeps-line-numbers",
        lambda: text("fips,date\n01001,2010-05-03\n\n01003,2010-13-01\n"),
        {4: "the date '2010-13-01' is not a real date"},
    ),
    set_aside(
        "own-line-column",
        lambda: text("fips,date,line\n01001,2010-05-03,a\n99999,2010-05-03,b\n"),
        {3: "no county of the 50 states and DC has FIPS 99999"},
    ),
]


def upload(name: str, content: bytes, dataset) -> tuple:
    """What the dashboard does with an upload: read it, then match it."""
    table, notes = read_table(name, content)
    return match(table, dataset.counties, dataset.states, TODAY), notes


def clean_list() -> bytes:
    return csv_bytes([["fips", "date"], ["24510", "2010-05-03"], ["35013", "2011-01-04"]])


@pytest.mark.parametrize("bad", BAD_FILES)
def test_bad_file(bad: Bad, dataset):
    counties, states = dataset.counties.copy(), dataset.states.copy()
    content = bad.build()
    start = time.perf_counter()
    if bad.error:
        with pytest.raises(UploadError) as caught:
            upload(bad.name, content, dataset)
        for part in bad.error:
            assert part in str(caught.value)
    else:
        matched, notes = upload(bad.name, content, dataset)
        for part in bad.notes:
            assert any(part in note for note in notes), notes
        assert bool(notes) == bool(bad.notes)
        assert list(matched.counties["fips"]) == list(bad.matched)
        assert matched.duplicates == bad.duplicates
        unmatched = {row[LINE]: row for row in matched.unmatched.to_dict("records")}
        assert sorted(unmatched) == sorted(bad.reasons)
        for line, reason in bad.reasons.items():
            assert reason in unmatched[line][REASON]
        for line, cells in bad.cells.items():
            assert {column: unmatched[line][column] for column in cells} == cells
    assert time.perf_counter() - start < SECONDS
    # Nothing else is touched: the built-in data is as it was, and a good list still matches.
    pd.testing.assert_frame_equal(dataset.counties, counties)
    pd.testing.assert_frame_equal(dataset.states, states)
    after, _ = upload("after.csv", clean_list(), dataset)
    assert list(after.counties["fips"]) == ["24510", "35013"]


def test_the_corpus_is_large_enough():
    assert len(BAD_FILES) >= 30


def test_clean_list_by_fips_with_dates(dataset):
    content = csv_bytes(
        [
            ["FIPS", "Date"],
            ["24510", "2010-05-03"],
            ["01001", "2008-10-27"],
            ["35013", "2013-01-22"],
        ]
    )
    matched, notes = upload("list.csv", content, dataset)
    assert notes == []
    assert matched.unmatched.empty
    assert (matched.rows, matched.duplicates, matched.has_dates) == (3, 0, True)
    assert list(matched.counties["fips"]) == ["24510", "01001", "35013"]
    assert list(matched.counties["date"]) == [
        pd.Timestamp("2010-05-03"),
        pd.Timestamp("2008-10-27"),
        pd.Timestamp("2013-01-22"),
    ]
    assert list(matched.counties["status"]) == [True, True, True]


NAMES = [
    ("Orleans Parish", "LA", "22071"),
    ("Orleans", "LA", "22071"),
    ("St. Tammany Parish", "LA", "22103"),
    ("Juneau City and Borough", "AK", "02110"),
    ("Juneau Borough", "AK", "02110"),
    ("Matanuska-Susitna Borough", "AK", "02170"),
    ("Anchorage", "AK", "02020"),
    ("St. Louis County", "MO", "29189"),
    ("Saint Louis County", "MO", "29189"),
    ("St. Louis County", "MN", "27137"),
    ("St Louis city", "MO", "29510"),
    ("Saint Louis City", "Missouri", "29510"),
    ("Ste. Genevieve", "MO", "29186"),
    ("Sainte Genevieve County", "MO", "29186"),
    ("Doña Ana County", "NM", "35013"),
    ("Dona Ana", "New Mexico", "35013"),
    ("DOÑA ANA", "new mexico", "35013"),
    ("Baltimore city", "MD", "24510"),
    ("Baltimore County", "Maryland", "24005"),
    ("Alexandria city", "VA", "51510"),
    ("Alexandria", "VA", "51510"),
    ("Richmond city", "Virginia", "51760"),
    ("Richmond County", "VA", "51159"),
    ("Fairfax County", "va", "51059"),
    ("Carson City", "NV", "32510"),
    ("District of Columbia", "DC", "11001"),
    ("  Autauga County ", " AL ", "01001"),
]


@pytest.mark.parametrize(
    ("county", "state", "fips"), NAMES, ids=[f"{c.strip()}-{s.strip()}" for c, s, _ in NAMES]
)
def test_county_and_state_names_match(county, state, fips, dataset):
    content = csv_bytes([["county", "state", "date"], [county, state, "2010-05-03"]])
    matched, _ = upload("list.csv", content, dataset)
    assert matched.unmatched.empty, matched.unmatched.to_dict("records")
    assert list(matched.counties["fips"]) == [fips]


def test_status_only_list_has_no_dates(dataset):
    rows = [["fips", "status"], ["01001", "yes"], ["01003", "No"], ["01005", "Y"], ["01007", ""]]
    matched, _ = upload("list.csv", csv_bytes(rows), dataset)
    assert matched.has_dates is False
    assert matched.unmatched.empty
    assert list(matched.counties["fips"]) == ["01001", "01003", "01005", "01007"]
    assert list(matched.counties["status"]) == [True, False, True, False]
    assert matched.counties["date"].isna().all()


def test_excel_workbook_with_numbers_and_dates(dataset):
    content = xlsx_bytes(
        {
            "List": [
                ["fips", "date", "status"],
                [1001, dt.date(2010, 5, 3), "yes"],  # Excel dropped the leading zero
                ["24510", dt.datetime(2011, 1, 4, 14, 30), "yes"],
                [35013, "2012-02-01", "no"],
            ]
        }
    )
    matched, notes = upload("list.xlsx", content, dataset)
    assert notes == []
    assert matched.unmatched.empty
    assert list(matched.counties["fips"]) == ["01001", "24510", "35013"]
    assert list(matched.counties["date"]) == [
        pd.Timestamp("2010-05-03"),
        pd.Timestamp("2011-01-04"),
        pd.Timestamp("2012-02-01"),
    ]
    assert list(matched.counties["status"]) == [True, True, False]


@pytest.mark.parametrize("code", ["1001", "1001.0", " 01001 "])
def test_four_digit_fips_from_excel_is_zero_padded(code, dataset):
    matched, _ = upload("list.csv", csv_bytes([["fips", "date"], [code, "2010-05-03"]]), dataset)
    assert list(matched.counties["fips"]) == ["01001"]


RENAMED = "the same county, renamed in 2015; this map draws the 2010 counties."
WITHIN = "the 2010 county it lies within: it was made from part of Valdez-Cordova Census Area"


@pytest.mark.parametrize(
    ("header", "row", "fips", "note"),
    [
        (
            "fips",
            "02158",
            "02270",
            f"Kusilvak Census Area (02158) is shown as Wade Hampton Census Area (02270): {RENAMED}",
        ),
        ("fips", "46102", "46113", "Oglala Lakota County (46102) is shown as Shannon County"),
        ("fips", "2063", "02261", "Chugach Census Area (02063) is shown as Valdez-Cordova"),
        ("fips", "02066", "02261", "Copper River Census Area (02066) is shown as Valdez-Cordova"),
        ("county,state", "Kusilvak Census Area,AK", "02270", RENAMED),
        ("county,state", "Oglala Lakota County,SD", "46113", RENAMED),
        ("county,state", "Oglala Lakota,South Dakota", "46113", RENAMED),
        ("county,state", "Chugach Census Area,AK", "02261", WITHIN),
        ("county,state", "Copper River,AK", "02261", WITHIN),
    ],
)
def test_codes_made_after_2010_map_to_the_2010_counties(header, row, fips, note, dataset):
    matched, _ = upload("list.csv", text(f"{header},date\n{row},2010-05-03\n"), dataset)
    assert matched.unmatched.empty, matched.unmatched.to_dict("records")
    assert list(matched.counties["fips"]) == [fips]
    assert len(matched.notes) == 1 and note in matched.notes[0], matched.notes


def test_alaskas_2019_areas_are_valdez_cordova_when_they_agree(dataset):
    same = text("fips,date\n02063,2010-05-03\n02066,2010-05-03\n01001,2010-05-03\n")
    matched, _ = upload("list.csv", same, dataset)
    assert matched.unmatched.empty
    assert list(matched.counties["fips"]) == ["02261", "01001"]
    assert [n[:40] for n in matched.notes] == [
        "Chugach Census Area (02063) is shown as ",
        "Copper River Census Area (02066) is show",
    ]
    differ = text("fips,date\n02063,2010-05-03\n02066,2011-06-01\n01001,2010-05-03\n")
    matched, _ = upload("list.csv", differ, dataset)
    assert list(matched.counties["fips"]) == ["01001"]
    assert matched.notes == []
    assert matched.unmatched[REASON].tolist() == [
        f"{name} lies within Valdez-Cordova Census Area (02261), the 2010 county this map "
        "draws, and your list gives Valdez-Cordova Census Area other values elsewhere: give "
        "its parts the same values, or one row for 02261"
        for name in ("Chugach Census Area (02063)", "Copper River Census Area (02066)")
    ]


CONNECTICUT = {
    "09110": "Capitol",
    "09120": "Greater Bridgeport",
    "09130": "Lower Connecticut River Valley",
    "09140": "Naugatuck Valley",
    "09150": "Northeastern Connecticut",
    "09160": "Northwest Hills",
    "09170": "South Central Connecticut",
    "09180": "Southeastern Connecticut",
    "09190": "Western Connecticut",
}


def test_connecticuts_planning_regions_are_explained_not_placed(dataset):
    rows = [*CONNECTICUT, "Capitol Planning Region", "09003"]  # 09003: Hartford County
    content = text(
        "fips,county,state,status\n"
        + "".join(f"{r},,CT,yes\n" if r[0].isdigit() else f",{r},CT,yes\n" for r in rows)
    )
    matched, _ = upload("list.csv", content, dataset)
    assert list(matched.counties["fips"]) == ["09003"]
    names = [*CONNECTICUT.items(), ("09110", "Capitol")]
    assert matched.unmatched[REASON].tolist() == [
        f"{region} Planning Region ({code}) is one of Connecticut's planning regions, its county "
        "equivalents since 2022; they do not follow the 2010 counties this map draws, so the "
        "row cannot be placed. Give it one of Connecticut's 8 county codes, 09001 to 09015, or "
        "its county's name"
        for code, region in names
    ]


DAY_FIRST = "Dates like 03/05/2010 were read as day/month/year."


def slash_dates(rows: list[list[str]], dataset) -> tuple[dict, object]:
    matched, _ = upload("list.csv", fips_list(*rows)(), dataset)
    assert matched.unmatched.empty, matched.unmatched.to_dict("records")
    dates = dict(zip(matched.counties["fips"], matched.counties["date"], strict=True))
    return dates, matched


def test_day_and_month_are_not_guessed_row_by_row(dataset):
    # One day above 12 (13/05) makes the whole column day/month/year, 03/05 included.
    dates, matched = slash_dates([["01003", "13/05/2010"], ["01005", "03/05/2010"]], dataset)
    assert dates == {
        "01001": pd.Timestamp("2010-05-03"),  # GOOD_FIPS, written YYYY-MM-DD
        "01003": pd.Timestamp("2010-05-13"),
        "01005": pd.Timestamp("2010-05-03"),
    }
    assert matched.notes == [DAY_FIRST]


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        (  # US style with a day above 12: month first, for every row
            [["01003", "05/13/2010"], ["01005", "03/05/2010"]],
            {"01003": "2010-05-13", "01005": "2010-03-05"},
        ),
        (  # a plain MM/DD/YYYY list, no number above 12: month first
            [["01003", "03/05/2010"], ["01005", "12/01/2011"], ["01007", "1/2/2012"]],
            {"01003": "2010-03-05", "01005": "2011-12-01", "01007": "2012-01-02"},
        ),
    ],
    ids=["MM/DD with a day over 12", "MM/DD all under 13"],
)
def test_slash_dates_are_month_first_unless_a_day_says_otherwise(rows, expected, dataset):
    dates, matched = slash_dates(rows, dataset)
    expected = {"01001": "2010-05-03", **expected}
    assert dates == {fips: pd.Timestamp(date) for fips, date in expected.items()}
    assert matched.notes == []


def test_dates_with_a_time_zone_give_plain_dates(dataset):
    rows = [["fips", "date"], ["01001", "2010-05-03T00:00:00Z"], ["01003", "2010-05-04"]]
    matched, _ = upload("list.csv", csv_bytes(rows), dataset)
    dates = matched.counties["date"]
    assert pd.api.types.is_datetime64_dtype(dates) and getattr(dates.dt, "tz", None) is None
    assert list(dates) == [pd.Timestamp("2010-05-03"), pd.Timestamp("2010-05-04")]


def test_a_value_column_is_read_and_carried_to_the_map(dataset):
    content = b"fips,value\n48201,1,234.5\n06037,20\n36061,lots\n"
    with pytest.raises(UploadError, match="at line 2: that row has 3 cells"):
        upload("values.csv", content, dataset)
    content = b'fips,value\n48201,"1,234.5"\n06037,20\n36061,lots\n'
    matched, _ = upload("values.csv", content, dataset)
    assert matched.has_values and not matched.has_dates
    assert dict(zip(matched.counties["fips"], matched.counties["value"], strict=True)) == {
        "48201": 1234.5,
        "06037": 20.0,
    }
    assert matched.unmatched[REASON].tolist() == ["value 'lots' is not a number"]
    counties = apply(dataset.counties, matched).set_index("fips")
    assert counties.at["48201", "value"] == 1234.5
    assert pd.isna(counties.at["17031", "value"])
    assert counties.at["06037", "activation_date"] == UNDATED  # listed, without a date


UNDATED_LISTS = {
    "status": b"county,state,status\nArlington,VA,yes\nCook,IL,yes\nHarris,TX,no\n",
    "values": b"fips,value\n06075,12\n17031,40\n48201,7\n",
}


@pytest.mark.parametrize("kind", sorted(UNDATED_LISTS))
def test_a_list_without_dates_has_a_legend_without_years(kind, dataset):
    """Asked for the year each county joined (the default), a list without dates is drawn
    by what it says: listed or not, or its values; no year (the 1800 it stands on) shows on
    the map, its legend, the pictures or the Interactive HTML."""
    table, _ = read_table(f"{kind}.csv", UNDATED_LISTS[kind])
    matched = match(table, dataset.counties, dataset.states, TODAY)
    data = replace(
        dataset, counties=apply(dataset.counties, matched), label=f"{kind}.csv", dated=False
    )
    selection = Selection(colour="wave")
    view = compose(data, selection)
    if kind == "status":
        assert view.legend_title == "Your list"
        assert view.classes.labels == ("Not in your list, or marked no", "In your list")
        listed = {view.ids[i] for i in np.flatnonzero(view.classes.index == 1)}
        assert listed == {"51013", "17031"}  # Arlington and Cook; Harris is "no"
    else:
        assert view.legend_title == "Value in your list"
        assert view.classes.labels[0] == "No value" and len(view.classes.labels) > 2
    svg = make("svg", data, selection, "").decode()
    page = make("html", data, selection, "").decode()
    for label in view.classes.labels:
        assert f">{label}<" in svg  # the picture's legend
        assert json.dumps(label) in page  # the Interactive HTML's legend
    assert not re.search(r">[^<]*\b1800\b", svg), "a year 1800 in the picture"
    assert '"1800"' not in page
    assert "year each county" not in svg + page
